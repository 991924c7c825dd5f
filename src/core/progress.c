/* progress.c: local calendar days, unlock and pain rules, and streaks.
 * Pure functions over plain records; no clock, no SDL, no I/O. */
#include "progress.h"

#include <stdlib.h>
#include <string.h>

/* Floor division, so that days before 1970 and negative offsets still land on
 * the right calendar day. */
static int32_t floor_div(int32_t a, int32_t b)
{
    int32_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        q--;
    return q;
}

static int32_t floor_mod(int32_t a, int32_t b)
{
    return a - floor_div(a, b) * b;
}

/* Proleptic Gregorian calendar in 400-year eras (Howard Hinnant's method):
 * exact for every date without tables or loops. */
DayNumber day_from_civil(int year, int month, int mday)
{
    int32_t y = year - (month <= 2);
    int32_t era = floor_div(y, 400);
    int32_t yoe = y - era * 400;
    int32_t mp = (month + 9) % 12; /* March = 0 */
    int32_t doy = (153 * mp + 2) / 5 + mday - 1;
    int32_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_from_day(DayNumber d, int *year, int *month, int *mday)
{
    int32_t z = d + 719468;
    int32_t era = floor_div(z, 146097);
    int32_t doe = z - era * 146097;
    int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int32_t mp = (5 * doy + 2) / 153;
    int32_t m = mp < 10 ? mp + 3 : mp - 9;
    if (year) *year = yoe + era * 400 + (m <= 2);
    if (month) *month = m;
    if (mday) *mday = doy - (153 * mp + 2) / 5 + 1;
}

DayNumber day_from_local(int year, int month, int mday, int hour,
                         int day_start_hour)
{
    DayNumber d = day_from_civil(year, month, mday);
    /* Before the day-start hour the evening of the previous day goes on. */
    return hour < day_start_hour ? d - 1 : d;
}

int day_weekday(DayNumber d)
{
    return (int)floor_mod(d + 3, 7); /* 1970-01-01 was a Thursday */
}

/* ---- unlocks and pain ------------------------------------------------- */

typedef struct {
    const ExerciseRecord *rec;
    int order; /* position in the input: the order within one day */
    int track, level;
} Placed;

static int placed_compare(const void *a, const void *b)
{
    const Placed *x = a, *y = b;
    if (x->rec->day != y->rec->day)
        return x->rec->day < y->rec->day ? -1 : 1;
    return x->order - y->order;
}

/* Distinct days among clean (full, pain-free) results at one level. */
static int clean_days_at(const Placed *v, int n, int track, int level)
{
    int days = 0;
    DayNumber last = 0;
    bool any = false;
    for (int i = 0; i < n; i++) {
        if (v[i].track != track || v[i].level != level)
            continue;
        if (!v[i].rec->full || v[i].rec->pain)
            continue;
        /* v is sorted by day, so equal days are neighbours among matches. */
        if (!any || v[i].rec->day != last) {
            days++;
            last = v[i].rec->day;
            any = true;
        }
    }
    return days;
}

static int required_days(const Level *l)
{
    return l->unlock_clean_days > 1 ? l->unlock_clean_days : 1;
}

/* A level's unlock rule, in the order things happened: at some result the
 * level had its clean days and (when the rule asks) its last rated clean
 * result was "too easy".  Once that held, it holds: a later "just right"
 * never closes a level again. */
static bool unlock_rule_holds(const Level *level, const Placed *v, int n, int t, int l)
{
    int days = 0;
    DayNumber last_day = 0;
    Rating last = RATING_NONE;
    for (int i = 0; i < n; i++) {
        if (v[i].track != t || v[i].level != l || !v[i].rec->full || v[i].rec->pain)
            continue;
        if (days == 0 || v[i].rec->day != last_day) {
            days++;
            last_day = v[i].rec->day;
        }
        if (v[i].rec->rating != RATING_NONE)
            last = v[i].rec->rating;
        if (days >= required_days(level) && (!level->unlock_too_easy || last == RATING_TOO_EASY))
            return true;
    }
    return false;
}

/* Unlocking is a chain: a level's clean days only count once it is
 * unlocked, and each unlock may open the next rule.  Repeats until nothing
 * changes, because next_id may point at another track. */
static void apply_unlock_rules(const Program *p, const Placed *v, int n,
                               ProgressState *out)
{
    bool changed = true;
    while (changed) {
        changed = false;
        for (int t = 0; t < p->track_count; t++) {
            const Track *track = &p->tracks[t];
            for (int l = 0; l < out->unlocked[t] && l < track->level_count; l++) {
                const Level *level = &track->levels[l];
                if (level->next_id[0] == '\0')
                    continue;
                int nt, nl;
                if (!program_find_level(p, level->next_id, &nt, &nl))
                    continue;
                if (out->unlocked[nt] > nl)
                    continue;
                if (unlock_rule_holds(level, v, n, t, l)) {
                    out->unlocked[nt] = nl + 1;
                    changed = true;
                }
            }
        }
    }
}

static int current_for(const ProgressState *s, int t, const int *chosen)
{
    int highest = s->unlocked[t] - 1;
    if (chosen && chosen[t] >= 0)
        return chosen[t] < highest ? chosen[t] : highest;
    return highest;
}

void progress_compute(const Program *p, const ExerciseRecord *records,
                      int record_count, const int *chosen, DayNumber today,
                      ProgressState *out)
{
    progress_compute_with_unlocks(p, records, record_count, NULL, 0, chosen,
                                  today, out);
}

void progress_compute_with_unlocks(const Program *p,
                                   const ExerciseRecord *records, int record_count,
                                   const char *const *unlocked_ids, int unlocked_count,
                                   const int *chosen, DayNumber today,
                                   ProgressState *out)
{
    progress_compute_full(p, records, record_count, unlocked_ids, unlocked_count, chosen, today,
                          INT64_MIN, out);
}

/* The advice rules over the pain since the last confirmation, in the
 * order things happened; once a rule held, it stands (until the person
 * confirms, which moves cleared_utc past it). */
static void apply_advice_rules(const Program *p, const Placed *v, int n, int64_t cleared_utc,
                               ProgressState *out)
{
    ClinicalRules rules = program_rules(p);
    int window = rules.advice_window_days;
    DayNumber last_day[PROGRAM_MAX_TRACKS][10]; /* each track's recent pain days */
    int stops[PROGRAM_MAX_TRACKS];
    memset(stops, 0, sizeof stops);
    DayNumber any_days[64];
    int any_count = 0;
    for (int i = 0; i < n; i++) {
        const ExerciseRecord *r = v[i].rec;
        int t = v[i].track;
        if (!r->pain || r->at_utc <= cleared_utc)
            continue;
        if (rules.advice_score_at > 0 && r->pain_score >= rules.advice_score_at &&
            !out->see_pt_advice[t]) {
            out->see_pt_advice[t] = true;
            out->advice_reason[t] = ADVICE_PAIN_SCORE;
        }
        /* Two (advice_stops) on this track within the window. */
        int need = rules.advice_stops;
        if (need > 0) {
            int k = stops[t] < 10 ? stops[t] : 9;
            if (stops[t] >= 10)
                memmove(&last_day[t][0], &last_day[t][1], 9 * sizeof last_day[t][0]);
            last_day[t][k] = r->day;
            stops[t]++;
            int held = stops[t] < 10 ? stops[t] : 10;
            if (held >= need && r->day - last_day[t][held - need] <= window &&
                !out->see_pt_advice[t]) {
                out->see_pt_advice[t] = true;
                out->advice_reason[t] = ADVICE_STOPS_TWICE;
            }
        }
        /* Different days with pain, any exercise, within the window. */
        if (rules.advice_days_any > 0) {
            if ((any_count == 0 || any_days[any_count - 1] != r->day) && any_count < 64)
                any_days[any_count++] = r->day;
            int distinct = 0;
            for (int d = any_count - 1; d >= 0 && r->day - any_days[d] <= window - 1; d--)
                distinct++;
            if (distinct >= rules.advice_days_any) {
                /* Every track with pain in that window is concerned. */
                for (int j = 0; j <= i; j++) {
                    const ExerciseRecord *q = v[j].rec;
                    if (q->pain && q->at_utc > cleared_utc && r->day - q->day <= window - 1 &&
                        !out->see_pt_advice[v[j].track]) {
                        out->see_pt_advice[v[j].track] = true;
                        out->advice_reason[v[j].track] = ADVICE_MANY_DAYS;
                    }
                }
            }
        }
    }
    for (int t = 0; t < p->track_count; t++)
        out->advice_any |= out->see_pt_advice[t];
}

void progress_compute_full(const Program *p, const ExerciseRecord *records, int record_count,
                           const char *const *unlocked_ids, int unlocked_count,
                           const int *chosen, DayNumber today, int64_t advice_cleared_utc,
                           ProgressState *out)
{
    /* today is not needed by these rules: a recorded day stays recorded even
     * if the clock now says an earlier day. */
    (void)today;
    memset(out, 0, sizeof *out);
    for (int t = 0; t < p->track_count; t++)
        out->unlocked[t] = p->tracks[t].level_count > 0 ? 1 : 0;
    /* Unlocks recorded earlier stand even if the pack's rules got stricter. */
    for (int i = 0; i < unlocked_count; i++) {
        int t, l;
        if (unlocked_ids[i] && program_find_level(p, unlocked_ids[i], &t, &l) &&
            out->unlocked[t] < l + 1)
            out->unlocked[t] = l + 1;
    }

    Placed *v = record_count > 0 ? malloc((size_t)record_count * sizeof *v) : NULL;
    int n = 0;
    if (v) {
        for (int i = 0; i < record_count; i++) {
            int t, l;
            if (!program_find_level(p, records[i].level_id, &t, &l))
                continue; /* a level no longer in the pack */
            v[n++] = (Placed){&records[i], i, t, l};
        }
        qsort(v, (size_t)n, sizeof *v, placed_compare);
    }

    apply_unlock_rules(p, v, n, out);

    int last_pain_level[PROGRAM_MAX_TRACKS];
    int hard_run[PROGRAM_MAX_TRACKS];   /* "too hard" ratings in a row */
    int hard_level[PROGRAM_MAX_TRACKS]; /* the level the last one was for */
    for (int t = 0; t < PROGRAM_MAX_TRACKS; t++) {
        hard_run[t] = 0;
        hard_level[t] = 0;
        last_pain_level[t] = -1;
    }
    for (int i = 0; i < n; i++) {
        int t = v[i].track;
        if (v[i].rec->rating == RATING_TOO_HARD) {
            hard_run[t]++;
            hard_level[t] = v[i].level;
        } else if (v[i].rec->rating != RATING_NONE) {
            hard_run[t] = 0; /* just right or too easy: the run is over */
        }
        if (v[i].rec->pain) {
            /* Every pain stop offers the easier level (never push through
             * pain), unless the pack sets a score at or below which not. */
            int above = program_rules(p).easier_above;
            out->suggest_easier[t] = above < 0 || v[i].rec->pain_score < 0 ||
                                     v[i].rec->pain_score > above;
            last_pain_level[t] = v[i].level;
        } else {
            /* Any result after a pain stop (even a skip) means the next
             * session follows the normal rule again. */
            out->suggest_easier[t] = false;
        }
    }

    for (int t = 0; t < p->track_count; t++) {
        if (p->tracks[t].level_count == 0)
            continue;
        out->current[t] = current_for(out, t, chosen);
        if (out->suggest_easier[t]) {
            int easier = last_pain_level[t] > 0 ? last_pain_level[t] - 1 : 0;
            if (easier < out->current[t])
                out->current[t] = easier;
        }
        const Level *rated = &p->tracks[t].levels[hard_level[t]];
        if (rated->step_back_after_too_hard > 0 &&
            hard_run[t] >= rated->step_back_after_too_hard) {
            out->easier_for_too_hard[t] = true;
            int easier = hard_level[t] > 0 ? hard_level[t] - 1 : 0;
            if (easier < out->current[t])
                out->current[t] = easier;
        }
        int top = out->unlocked[t] - 1;
        out->clean_days[t] = clean_days_at(v, n, t, top);
        const Level *top_level = &p->tracks[t].levels[top];
        out->waits_for_too_easy[t] = top_level->next_id[0] && top_level->unlock_too_easy &&
                                     out->clean_days[t] >= required_days(top_level);
    }
    apply_advice_rules(p, v, n, advice_cleared_utc, out);
    /* The exercise concerned is held out of today's session (the plan
     * leaves it out) or, when the pack says so, done one level easier. */
    for (int t = 0; t < p->track_count; t++)
        if (out->see_pt_advice[t] && program_rules(p).advice_then == ADVICE_EASIER &&
            out->current[t] > 0 && !out->suggest_easier[t])
            out->current[t]--;
    free(v);
}

/* ---- streaks ---------------------------------------------------------- */

static int day_compare(const void *a, const void *b)
{
    DayNumber x = *(const DayNumber *)a, y = *(const DayNumber *)b;
    return (x > y) - (x < y);
}

static bool day_in(const DayNumber *days, int n, DayNumber d)
{
    return bsearch(&d, days, (size_t)n, sizeof *days, day_compare) != NULL;
}

/* Would a streak that started on chain_start and last had a session on
 * `from` survive a next session on `to`?  Checks every 7-day window that
 * holds one of the new missed days (days before the streak began are not
 * missed days of this streak). */
static bool chain_extends(const DayNumber *days, int n, DayNumber chain_start,
                          DayNumber from, DayNumber to, int rest_days)
{
    int gap = to - from - 1;
    if (gap <= 0)
        return true;
    if (gap > rest_days)
        return false;
    for (DayNumber w = from + 1 - 6; w <= to - 1; w++) {
        int missed = 0;
        for (DayNumber d = w; d <= w + 6; d++) {
            if (d < chain_start || d >= to)
                continue;
            if (!day_in(days, n, d))
                missed++;
        }
        if (missed > rest_days)
            return false;
    }
    return true;
}

void streak_compute(const DayNumber *session_days, int count, DayNumber today,
                    int rest_days_per_week, StreakInfo *out)
{
    memset(out, 0, sizeof *out);
    out->last_day = -1;
    if (rest_days_per_week < 0) rest_days_per_week = 0;
    if (rest_days_per_week > 6) rest_days_per_week = 6;
    if (count <= 0 || !session_days)
        return;

    DayNumber *days = malloc((size_t)count * sizeof *days);
    if (!days)
        return;
    memcpy(days, session_days, (size_t)count * sizeof *days);
    qsort(days, (size_t)count, sizeof *days, day_compare);
    int n = 0;
    for (int i = 0; i < count; i++)
        if (n == 0 || days[i] != days[n - 1])
            days[n++] = days[i];

    DayNumber chain_start = days[0];
    int length = 1;
    int best = 1;
    for (int i = 1; i < n; i++) {
        if (chain_extends(days, n, chain_start, days[i - 1], days[i], rest_days_per_week)) {
            length++;
        } else {
            chain_start = days[i];
            length = 1;
        }
        if (length > best)
            best = length;
    }

    DayNumber last = days[n - 1];
    out->last_day = last;
    out->best = best;
    /* A clock that went back never makes a recorded day "in the future". */
    out->alive_today = today <= last;
    if (out->alive_today ||
        chain_extends(days, n, chain_start, last, today, rest_days_per_week))
        out->current = length;
    else
        out->current = 0;
    free(days);
}
