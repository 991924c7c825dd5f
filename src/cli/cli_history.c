/* cli_history.c: --history (streak, last sessions, levels) and --export-csv
 * (one row per exercise, for the physical therapist). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL.h>

#include "cli_common.h"
#include "platform/paths.h"
#include "core/levels_load.h"
#include "core/tolerance.h"

enum { HISTORY_SESSIONS = 14 };

Program *cli_pack_load(const Options *o)
{
    Program *p = malloc(sizeof *p);
    LevelErrors *errs = malloc(sizeof *errs);
    if (!p || !errs) {
        free(p);
        free(errs);
        fprintf(stderr, "corequest: out of memory\n");
        return NULL;
    }
    const char *levels = paths_levels_dir(o, NULL);
    if (levels_load_dir(levels, p, errs) < 0) {
        fprintf(stderr, "corequest: cannot read the levels in '%s'\n", levels);
        free(p);
        free(errs);
        return NULL;
    }
    if (errs->total > 0)
        fprintf(stderr, "corequest: %d problem(s) in the levels in '%s' (see --check-levels)\n",
                errs->total, levels);
    free(errs);
    return p;
}

int cli_history_open(const Options *o, Program **program, Tracker **tracker)
{
    *program = NULL;
    *tracker = NULL;
    Program *p = cli_pack_load(o);
    if (!p)
        return 1;

    char *dir = paths_data_dir(o);
    if (!dir) {
        free(p);
        return 1;
    }
    /* Looking at the history must not leave an empty save behind. */
    size_t n = strlen(dir) + sizeof "/" SAVE_FILE_NAME;
    char *file = malloc(n);
    struct stat st;
    bool exists = file && (snprintf(file, n, "%s/%s", dir, SAVE_FILE_NAME), stat(file, &st) == 0);
    if (file && !exists)
        fprintf(stderr, "corequest: no save in %s yet\n", dir);
    free(file);
    char message[512] = "";
    Tracker *t = tracker_open(exists ? dir : NULL, p, message, sizeof message);
    SDL_free(dir);
    if (!t) {
        fprintf(stderr, "corequest: out of memory\n");
        free(p);
        return 1;
    }
    if (message[0])
        fprintf(stderr, "corequest: %s\n", message);
    *program = p;
    *tracker = t;
    return 0;
}

void cli_history_close(Program *program, Tracker *tracker)
{
    tracker_close(tracker);
    free(program);
}

/* ---- formatting ------------------------------------------------------------ */

static void format_day(DayNumber d, char *buf, size_t size)
{
    int y, m, md;
    civil_from_day(d, &y, &m, &md);
    snprintf(buf, size, "%04d-%02d-%02d", y, m, md);
}

/* The local wall-clock time as recorded (UTC plus the offset then), so an
 * export reads the same wherever it is made. */
static void format_local_time(int64_t utc, int32_t offset, char *buf, size_t size,
                              bool with_zone)
{
    int64_t local = utc + offset;
    int64_t day = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
    int64_t sec = local - day * 86400;
    int y, m, md;
    civil_from_day((DayNumber)day, &y, &m, &md);
    int h = (int)(sec / 3600), mi = (int)(sec / 60 % 60), s = (int)(sec % 60);
    if (!with_zone) {
        snprintf(buf, size, "%02d:%02d", h, mi);
        return;
    }
    int off = offset < 0 ? -offset : offset;
    snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", y, m, md, h, mi, s,
             offset < 0 ? '-' : '+', off / 3600, off / 60 % 60);
}

static const char *weekday_short(DayNumber d)
{
    static const char *const names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    return names[day_weekday(d)];
}

/* ---- --history ------------------------------------------------------------- */

static void print_streak(const Tracker *t, time_t now)
{
    StreakInfo s = tracker_streak(t, now);
    int rest = tracker_settings((Tracker *)t)->rest_days_per_week;
    printf("Streak: %d day%s (best %d).\n", s.current, s.current == 1 ? "" : "s", s.best);
    if (rest == 0)
        printf("No rest days are set aside: each day without a session ends a streak.\n");
    else
        printf("Up to %d rest day%s in any 7 days keep%s a streak going.\n", rest,
               rest == 1 ? "" : "s", rest == 1 ? "s" : "");
    if (s.last_day < 0)
        printf("No finished session yet: today can be the first day.\n");
    else if (s.alive_today)
        printf("Today's session is done.\n");
    else if (s.current > 0)
        printf("Today's session is still to do; the streak is alive.\n");
    else
        printf("The last streak ended; today can start a new one.\n");
}

static void print_sessions(const Tracker *t)
{
    int sn, en;
    const SaveSession *sessions = tracker_sessions(t, &sn);
    const SaveExercise *exercises = tracker_exercises(t, &en);
    printf("\nLast sessions\n");
    if (sn == 0) {
        printf("  none yet\n");
        return;
    }
    printf("  %-15s %-6s %7s %10s %11s  %s\n", "day", "start", "minutes", "exercises",
           "pain stops", "finished");
    int first = sn > HISTORY_SESSIONS ? sn - HISTORY_SESSIONS : 0;
    for (int i = first; i < sn; i++) {
        const SaveSession *s = &sessions[i];
        int done = 0, pain = 0;
        for (int e = 0; e < en; e++) {
            if (tracker_exercise_session(t, e) != i)
                continue;
            done += !exercises[e].skipped && !exercises[e].pain;
            pain += exercises[e].pain;
        }
        char day[16], start[8], minutes[16];
        format_day(s->local_day, day, sizeof day);
        format_local_time(s->start_utc, s->utc_offset_s, start, sizeof start, false);
        if (s->end_utc > s->start_utc)
            snprintf(minutes, sizeof minutes, "%d",
                     (int)((s->end_utc - s->start_utc + 30) / 60));
        else
            snprintf(minutes, sizeof minutes, "-");
        printf("  %s %s %-6s %7s %10d %11d  %s\n", weekday_short(s->local_day), day, start,
               minutes, done, pain, s->finished ? "yes" : (s->end_utc ? "ended early" : "open"));
    }
}

static void print_levels(const Program *p, const Tracker *t)
{
    const ProgressState *ps = tracker_progress(t);
    printf("\nLevels (today's level, unlocked, clean days toward the next)\n");
    for (int i = 0; i < p->track_count; i++) {
        const Track *track = &p->tracks[i];
        if (track->level_count == 0)
            continue;
        const Level *cur = &track->levels[ps->current[i]];
        const Level *top = &track->levels[ps->unlocked[i] - 1];
        char toward[160];
        const Level *next = top->next_id[0] ? program_find_level(p, top->next_id, NULL, NULL)
                                            : NULL;
        if (next) {
            int need = top->unlock_clean_days > 1 ? top->unlock_clean_days : 1;
            snprintf(toward, sizeof toward, "%d of %d clean days toward \"%s\"",
                     ps->clean_days[i], need, next->title);
        } else {
            snprintf(toward, sizeof toward, "every level unlocked");
        }
        printf("  %-24s level %d of %d: %s\n", track->title, ps->current[i] + 1,
               track->level_count, cur->title);
        printf("  %-24s %d unlocked; %s\n", "", ps->unlocked[i], toward);
        if (ps->suggest_easier[i])
            printf("  %-24s after the pain stop, the next session offers the easier level\n", "");
        if (ps->see_pt_advice[i]) {
            ClinicalRules r = program_rules(p);
            char why[128];
            if (ps->advice_reason[i] == ADVICE_PAIN_SCORE)
                snprintf(why, sizeof why, "a pain stop was rated %d or more", r.advice_score_at);
            else if (ps->advice_reason[i] == ADVICE_MANY_DAYS)
                snprintf(why, sizeof why, "pain stops on %d days within %d days",
                         r.advice_days_any, r.advice_window_days);
            else
                snprintf(why, sizeof why, "%d pain stops within %d days", r.advice_stops,
                         r.advice_window_days);
            printf("  %-24s %s: please check with a physical therapist before going on\n", "",
                   why);
        }
    }
}

int cli_history(const Options *o)
{
    Program *p;
    Tracker *t;
    if (cli_history_open(o, &p, &t) != 0)
        return 1;
    time_t now = time(NULL);
    if (tracker_data_dir(t))
        printf("corequest history (%s)\n\n", tracker_data_dir(t));
    else
        printf("corequest history\n\n");
    print_streak(t, now);
    print_sessions(t);
    print_levels(p, t);
    cli_history_close(p, t);
    return 0;
}

/* ---- --export-csv ------------------------------------------------------------ */

/* RFC 4180: a field with a comma, quote or line break is quoted, and its
 * quotes are doubled. */
static void csv_field(FILE *f, const char *text, bool last)
{
    if (strpbrk(text, ",\"\r\n")) {
        fputc('"', f);
        for (const char *c = text; *c; c++) {
            if (*c == '"')
                fputc('"', f);
            fputc(*c, f);
        }
        fputc('"', f);
    } else {
        fputs(text, f);
    }
    fputs(last ? "\r\n" : ",", f);
}

static void csv_int(FILE *f, int v)
{
    char buf[16];
    snprintf(buf, sizeof buf, "%d", v);
    csv_field(f, buf, false);
}

/* The weekly checks go beside the exercises, in a file of their own (one
 * row per check, other columns): "x.csv" gives "x-weekly-check.csv". */
static void weekly_path(const char *csv, char *out, size_t size)
{
    size_t n = strlen(csv);
    if (n > 4 && strcmp(csv + n - 4, ".csv") == 0)
        snprintf(out, size, "%.*s-weekly-check.csv", (int)(n - 4), csv);
    else
        snprintf(out, size, "%s-weekly-check.csv", csv);
}

static bool write_weekly_csv(const Tracker *t, FILE *f)
{
    static const char *const header[] = {"date", "local_day", "skipped", "stand", "sit",
                                         "activity", "activity_score"};
    enum { COLUMNS = (int)(sizeof header / sizeof header[0]) };
    for (int i = 0; i < COLUMNS; i++)
        csv_field(f, header[i], i == COLUMNS - 1);
    int n;
    const SaveTolerance *rows = tracker_tolerance_rows(t, &n);
    for (int i = 0; i < n; i++) {
        const ToleranceCheck *c = &rows[i].check;
        char buf[64];
        format_local_time(rows[i].at_utc, rows[i].utc_offset_s, buf, sizeof buf, true);
        csv_field(f, buf, false);
        format_day(c->local_day, buf, sizeof buf);
        csv_field(f, buf, false);
        csv_field(f, c->skipped ? "yes" : "no", false);
        for (int item = 0; item < TOLERANCE_ITEM_COUNT; item++) {
            if (item == TOLERANCE_ACTIVITY)
                csv_field(f, c->activity, false);
            bool last = item == TOLERANCE_ITEM_COUNT - 1;
            if (c->score[item] >= 0) {
                snprintf(buf, sizeof buf, "%d", c->score[item]);
                csv_field(f, buf, last);
            } else {
                csv_field(f, "", last); /* not answered */
            }
        }
    }
    return !ferror(f);
}

int cli_export_csv(const Options *o)
{
    Program *p;
    Tracker *t;
    if (cli_history_open(o, &p, &t) != 0)
        return 1;
    bool to_stdout = strcmp(o->export_csv, "-") == 0;
    FILE *f = to_stdout ? stdout : fopen(o->export_csv, "wb");
    if (!f) {
        fprintf(stderr, "corequest: cannot write '%s': %s\n", o->export_csv, strerror(errno));
        cli_history_close(p, t);
        return 1;
    }
    static const char *const header[] = {"date", "local_day", "track", "level_id",
                                         "level_title", "reps_done", "target", "left",
                                         "right", "pain", "skipped", "duration_s",
                                         /* schema 4: how it felt, and the pain */
                                         "rating", "rating_default", "pain_score",
                                         "pain_place", "pain_in_rest",
                                         /* schema 5: the session's back pain, 0-10,
                                          * before and after (a setting) */
                                         "session_back_pain_before",
                                         "session_back_pain_after"};
    enum { COLUMNS = (int)(sizeof header / sizeof header[0]) };
    for (int i = 0; i < COLUMNS; i++)
        csv_field(f, header[i], i == COLUMNS - 1);

    int en, sn;
    const SaveExercise *rows = tracker_exercises(t, &en);
    const SaveSession *sessions = tracker_sessions(t, &sn);
    for (int i = 0; i < en; i++) {
        const SaveExercise *e = &rows[i];
        char buf[64];
        format_local_time(e->at_utc, e->utc_offset_s, buf, sizeof buf, true);
        csv_field(f, buf, false);
        format_day(e->local_day, buf, sizeof buf);
        csv_field(f, buf, false);
        int ti = -1;
        const Level *level = program_find_level(p, e->level_id, &ti, NULL);
        const Track *track = ti >= 0 ? &p->tracks[ti] : program_find_track(p, e->track_id);
        csv_field(f, track ? track->title : e->track_id, false);
        csv_field(f, e->level_id, false);
        csv_field(f, level ? level->title : "", false);
        csv_int(f, e->reps_done);
        csv_int(f, e->reps_target);
        if (e->reps_left >= 0) csv_int(f, e->reps_left);
        else csv_field(f, "", false);
        if (e->reps_right >= 0) csv_int(f, e->reps_right);
        else csv_field(f, "", false);
        csv_field(f, e->pain ? "yes" : "no", false);
        csv_field(f, e->skipped ? "yes" : "no", false);
        snprintf(buf, sizeof buf, "%.1f", (double)e->duration_ms / 1000.0);
        csv_field(f, buf, false);
        csv_field(f, rating_id(e->rating), false); /* empty: not asked */
        csv_field(f, e->rating == RATING_NONE ? "" : e->rating_default ? "yes" : "no", false);
        if (e->pain_score >= 0) csv_int(f, e->pain_score);
        else csv_field(f, "", false);
        csv_field(f, pain_place_id(e->pain_place), false);
        csv_field(f, e->pain_after ? "yes" : "no", false);
        int si = tracker_exercise_session(t, i);
        for (int w = 0; w < BACK_PAIN_WHEN_COUNT; w++) {
            bool last = w == BACK_PAIN_WHEN_COUNT - 1;
            if (si >= 0 && si < sn && sessions[si].back_pain_rated[w]) {
                snprintf(buf, sizeof buf, "%d", sessions[si].back_pain[w]);
                csv_field(f, buf, last);
            } else {
                csv_field(f, "", last);
            }
        }
    }
    bool ok = !ferror(f);
    if (!to_stdout)
        ok = fclose(f) == 0 && ok;
    else
        ok = fflush(f) == 0 && ok;
    if (!ok)
        fprintf(stderr, "corequest: writing '%s' failed\n", o->export_csv);
    else if (!to_stdout)
        fprintf(stderr, "corequest: %d exercise%s written to %s\n", en, en == 1 ? "" : "s",
                o->export_csv);
    /* Standard output holds one table: the weekly checks need a file. */
    if (ok && !to_stdout) {
        char weekly[1024];
        weekly_path(o->export_csv, weekly, sizeof weekly);
        int wn;
        tracker_tolerance_rows(t, &wn);
        FILE *w = fopen(weekly, "wb");
        bool wok = w && write_weekly_csv(t, w);
        if (w)
            wok = fclose(w) == 0 && wok;
        if (!wok) {
            fprintf(stderr, "corequest: cannot write '%s': %s\n", weekly, strerror(errno));
            ok = false;
        } else {
            fprintf(stderr, "corequest: %d weekly check%s written to %s\n", wn,
                    wn == 1 ? "" : "s", weekly);
        }
    }
    cli_history_close(p, t);
    return ok ? 0 : 1;
}
