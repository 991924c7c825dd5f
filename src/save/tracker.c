/* tracker.c: progress that lasts.  Keeps the whole history in memory, writes
 * every change through the save, keeps unsaved rows for a retry, and puts
 * them in the pending journal (journal.h) so that a session never depends
 * on the save being writable before the process ends. */
#include "tracker.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal.h"

/* A growable array; the parallel flag arrays grow with it. */
typedef struct {
    SaveSession *rows;
    bool *end_dirty; /* written, but end/finished changed since */
    bool *queued;    /* the journal holds the row as it is now */
    int count, cap;
} SessionList;

typedef struct {
    SaveExercise *rows;
    int *session;    /* index into the session list */
    bool *queued;    /* not in the save yet, but in the journal */
    int count, cap;
} ExerciseList;

typedef struct {
    SaveUnlock *rows;
    int *exercise;   /* the unsaved exercise that earned it, -1 when written */
    int count, cap;
} UnlockList;

/* The weekly checks, oldest first; a row with id 0 is not in the save yet.
 * checks[] mirrors rows[i].check for the pure functions (tolerance.h). */
typedef struct {
    SaveTolerance *rows;
    ToleranceCheck *checks;
    int count, cap;
} ToleranceList;

struct Tracker {
    const Program *program;
    char *data_dir;   /* NULL: memory only, nothing is ever written */
    Save *save;       /* NULL while the save cannot be written */
    bool hands_off;   /* a newer corequest's save: never write to it */
    bool had_pending; /* say so when a retry finally succeeds */

    Settings settings;
    bool settings_dirty;
    /* When the person last confirmed checking with a therapist (INT64_MIN:
     * never); dirty until written, like the settings (not journaled). */
    int64_t checked_utc;
    bool checked_dirty;
    int chosen[PROGRAM_MAX_TRACKS];
    bool choices_dirty;

    SessionList sessions;
    ExerciseList exercises;
    UnlockList unlocks;
    ToleranceList tolerance;
    int open_session; /* index, -1 when none */

    ProgressState progress;
    char message[512];
};

static void set_message(Tracker *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t->message, sizeof t->message, fmt, ap);
    va_end(ap);
}

/* Adds a sentence after what the message says already. */
static void add_message(Tracker *t, const char *fmt, ...)
{
    size_t used = strlen(t->message);
    if (used > 0 && used + 1 < sizeof t->message)
        t->message[used++] = ' ';
    if (used >= sizeof t->message)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t->message + used, sizeof t->message - used, fmt, ap);
    va_end(ap);
}

/* ---- lists ------------------------------------------------------------- */

static bool grow_to(void **p, int cap, size_t elem)
{
    void *n = realloc(*p, (size_t)cap * elem);
    if (!n)
        return false;
    *p = n;
    return true;
}

static int session_push(SessionList *l, const SaveSession *row, bool end_dirty)
{
    if (l->count == l->cap) {
        int cap = l->cap ? l->cap * 2 : 32;
        if (!grow_to((void **)&l->rows, cap, sizeof *l->rows) ||
            !grow_to((void **)&l->end_dirty, cap, sizeof *l->end_dirty) ||
            !grow_to((void **)&l->queued, cap, sizeof *l->queued))
            return -1;
        l->cap = cap;
    }
    l->rows[l->count] = *row;
    l->end_dirty[l->count] = end_dirty;
    l->queued[l->count] = false;
    return l->count++;
}

static int exercise_push(ExerciseList *l, const SaveExercise *row, int session)
{
    if (l->count == l->cap) {
        int cap = l->cap ? l->cap * 2 : 64;
        if (!grow_to((void **)&l->rows, cap, sizeof *l->rows) ||
            !grow_to((void **)&l->session, cap, sizeof *l->session) ||
            !grow_to((void **)&l->queued, cap, sizeof *l->queued))
            return -1;
        l->cap = cap;
    }
    l->rows[l->count] = *row;
    l->session[l->count] = session;
    l->queued[l->count] = false;
    return l->count++;
}

static int unlock_push(UnlockList *l, const SaveUnlock *row, int exercise)
{
    if (l->count == l->cap) {
        int cap = l->cap ? l->cap * 2 : 16;
        if (!grow_to((void **)&l->rows, cap, sizeof *l->rows) ||
            !grow_to((void **)&l->exercise, cap, sizeof *l->exercise))
            return -1;
        l->cap = cap;
    }
    l->rows[l->count] = *row;
    l->exercise[l->count] = exercise;
    return l->count++;
}

static int tolerance_push(ToleranceList *l, const SaveTolerance *row)
{
    if (l->count == l->cap) {
        int cap = l->cap ? l->cap * 2 : 16;
        if (!grow_to((void **)&l->rows, cap, sizeof *l->rows) ||
            !grow_to((void **)&l->checks, cap, sizeof *l->checks))
            return -1;
        l->cap = cap;
    }
    l->rows[l->count] = *row;
    l->checks[l->count] = row->check;
    return l->count++;
}

static void tolerance_free(ToleranceList *l)
{
    free(l->rows);
    free(l->checks);
    memset(l, 0, sizeof *l);
}

/* The save's weekly checks, then ours that it has not got yet (by key):
 * another corequest may have written some meanwhile. */
static int load_tolerance(Tracker *t, Save *s)
{
    SaveTolerance *rows = NULL;
    int n = 0;
    if (save_load_tolerance(s, &rows, &n) != 0)
        return -1;
    ToleranceList merged = {0};
    int status = 0;
    for (int i = 0; i < n && status == 0; i++)
        status = tolerance_push(&merged, &rows[i]) < 0 ? -1 : 0;
    for (int i = 0; i < t->tolerance.count && status == 0; i++) {
        const SaveTolerance *mine = &t->tolerance.rows[i];
        bool known = false;
        for (int j = 0; j < n && !known; j++)
            known = mine->key[0] && strcmp(rows[j].key, mine->key) == 0;
        if (!known && mine->id == 0)
            status = tolerance_push(&merged, mine) < 0 ? -1 : 0;
    }
    free(rows);
    if (status != 0) {
        tolerance_free(&merged);
        return -1;
    }
    tolerance_free(&t->tolerance);
    t->tolerance = merged;
    return 0;
}

static void sessions_free(SessionList *l)
{
    free(l->rows);
    free(l->end_dirty);
    free(l->queued);
    memset(l, 0, sizeof *l);
}

static void exercises_free(ExerciseList *l)
{
    free(l->rows);
    free(l->session);
    free(l->queued);
    memset(l, 0, sizeof *l);
}

static void unlocks_free(UnlockList *l)
{
    free(l->rows);
    free(l->exercise);
    memset(l, 0, sizeof *l);
}

/* The same session in another list: by key (ids differ once another
 * corequest merged it from the journal), by id for rows older than keys. */
static int session_index_of(const SessionList *l, const SaveSession *row)
{
    for (int i = 0; i < l->count; i++) {
        if (row->key[0] ? strcmp(l->rows[i].key, row->key) == 0
                        : row->id != 0 && l->rows[i].id == row->id)
            return i;
    }
    return -1;
}

static int exercise_index_by_key(const ExerciseList *l, const char *key)
{
    if (!key[0])
        return -1;
    for (int i = 0; i < l->count; i++)
        if (strcmp(l->rows[i].key, key) == 0)
            return i;
    return -1;
}

/* ---- progress ------------------------------------------------------------ */

static bool result_full(const SaveExercise *e)
{
    return !e->pain && !e->skipped && e->reps_target > 0 && e->reps_done >= e->reps_target;
}

static DayNumber last_recorded_day(const Tracker *t)
{
    DayNumber last = INT32_MIN;
    for (int i = 0; i < t->sessions.count; i++)
        if (t->sessions.rows[i].local_day > last)
            last = t->sessions.rows[i].local_day;
    return last;
}

static void recompute(Tracker *t)
{
    int n = t->exercises.count;
    ExerciseRecord *records = n > 0 ? calloc((size_t)n, sizeof *records) : NULL;
    const char **ids = t->unlocks.count > 0
                           ? calloc((size_t)t->unlocks.count, sizeof *ids)
                           : NULL;
    if ((n > 0 && !records) || (t->unlocks.count > 0 && !ids)) {
        free(records);
        free(ids);
        return; /* keeps the last state; only out of memory gets here */
    }
    for (int i = 0; i < n; i++) {
        const SaveExercise *e = &t->exercises.rows[i];
        snprintf(records[i].level_id, sizeof records[i].level_id, "%s", e->level_id);
        records[i].day = e->local_day;
        records[i].full = result_full(e);
        records[i].pain = e->pain || e->pain_after;
        records[i].pain_score = e->pain_score;
        records[i].rating = e->rating;
        records[i].at_utc = e->at_utc;
    }
    for (int i = 0; i < t->unlocks.count; i++)
        ids[i] = t->unlocks.rows[i].level_id;
    DayNumber today = last_recorded_day(t);
    progress_compute_full(t->program, records, n, ids, t->unlocks.count, t->chosen, today,
                          t->checked_utc, &t->progress);
    free(records);
    free(ids);
}

/* ---- loading and merging ---------------------------------------------- */

static void choices_apply(Tracker *t, const SaveChoice *choices, int count)
{
    for (int i = 0; i < PROGRAM_MAX_TRACKS; i++)
        t->chosen[i] = -1;
    for (int i = 0; i < count; i++) {
        const Track *track = program_find_track(t->program, choices[i].track_id);
        if (!track || !choices[i].level_id[0])
            continue;
        int ti = (int)(track - t->program->tracks), li;
        if (program_find_level(t->program, choices[i].level_id, &ti, &li) &&
            &t->program->tracks[ti] == track)
            t->chosen[ti] = li;
    }
}

/* Reads everything the save holds into fresh lists.  Returns 0 or -1. */
static int load_from(Tracker *t, Save *s, SessionList *sessions, ExerciseList *exercises,
                     UnlockList *unlocks, Settings *settings, int *chosen)
{
    SaveSession *srows = NULL;
    SaveExercise *erows = NULL;
    SaveUnlock *urows = NULL;
    SaveChoice *crows = NULL;
    int sn = 0, en = 0, un = 0, cn = 0;
    int status = -1;
    memset(sessions, 0, sizeof *sessions);
    memset(exercises, 0, sizeof *exercises);
    memset(unlocks, 0, sizeof *unlocks);
    if (save_load_sessions(s, &srows, &sn) != 0 || save_load_exercises(s, &erows, &en) != 0 ||
        save_load_unlocks(s, &urows, &un) != 0 || save_load_choices(s, &crows, &cn) != 0 ||
        save_load_settings(s, settings) != 0)
        goto done;
    for (int i = 0; i < sn; i++)
        if (session_push(sessions, &srows[i], false) < 0)
            goto done;
    for (int i = 0; i < en; i++) {
        /* Sessions come ordered by id, so the owner can be searched. */
        int owner = -1, lo = 0, hi = sessions->count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) / 2;
            if (sessions->rows[mid].id == erows[i].session_id) {
                owner = mid;
                break;
            }
            if (sessions->rows[mid].id < erows[i].session_id) lo = mid + 1;
            else hi = mid - 1;
        }
        if (exercise_push(exercises, &erows[i], owner) < 0)
            goto done;
    }
    for (int i = 0; i < un; i++)
        if (unlock_push(unlocks, &urows[i], -1) < 0)
            goto done;
    Tracker probe = *t;
    choices_apply(&probe, crows, cn);
    memcpy(chosen, probe.chosen, sizeof probe.chosen);
    status = 0;
done:
    free(srows);
    free(erows);
    free(urows);
    free(crows);
    if (status != 0) {
        sessions_free(sessions);
        exercises_free(exercises);
        unlocks_free(unlocks);
    }
    return status;
}

/* The save just became writable: what it holds is the truth, and every row
 * we could not write yet goes after it. */
static int merge_into(Tracker *t, Save *s)
{
    SessionList sessions;
    ExerciseList exercises;
    UnlockList unlocks;
    Settings settings = t->settings;
    int chosen[PROGRAM_MAX_TRACKS];
    if (load_from(t, s, &sessions, &exercises, &unlocks, &settings, chosen) != 0)
        return -1;
    int64_t their_checked;
    if (save_load_checked(s, &their_checked) == 0 && their_checked > t->checked_utc)
        t->checked_utc = their_checked; /* another corequest's confirmation */
    if (load_tolerance(t, s) != 0)
        return -1;

    int *map = t->sessions.count ? malloc((size_t)t->sessions.count * sizeof *map) : NULL;
    int *emap = t->exercises.count ? malloc((size_t)t->exercises.count * sizeof *emap) : NULL;
    if ((t->sessions.count && !map) || (t->exercises.count && !emap))
        goto fail;

    for (int i = 0; i < t->sessions.count; i++) {
        map[i] = -1;
        const SaveSession *mine = &t->sessions.rows[i];
        int found = session_index_of(&sessions, mine);
        if (found >= 0) {
            map[i] = found;
            SaveSession *theirs = &sessions.rows[found];
            /* Ours may know an end the save has not got yet. */
            if ((t->sessions.end_dirty[i] || mine->id == 0) &&
                (mine->end_utc != theirs->end_utc || mine->finished != theirs->finished) &&
                mine->end_utc != 0) {
                theirs->end_utc = mine->end_utc;
                theirs->finished = theirs->finished || mine->finished;
                sessions.end_dirty[found] = true;
            }
            sessions.queued[found] = t->sessions.queued[i];
        }
    }
    for (int i = 0; i < t->exercises.count; i++) {
        emap[i] = -1;
        if (t->exercises.rows[i].id != 0)
            continue; /* written: the save has it */
        int known = exercise_index_by_key(&exercises, t->exercises.rows[i].key);
        if (known >= 0) {
            emap[i] = known; /* merged from the journal meanwhile */
            continue;
        }
        int old = t->exercises.session[i];
        if (old >= 0 && map[old] < 0) {
            /* Its session is not in the save (never written, or the file
             * was replaced): write the session again. */
            SaveSession row = t->sessions.rows[old];
            row.id = 0;
            map[old] = session_push(&sessions, &row, false);
            if (map[old] < 0)
                goto fail;
        }
        SaveExercise row = t->exercises.rows[i];
        emap[i] = exercise_push(&exercises, &row, old >= 0 ? map[old] : -1);
        if (emap[i] < 0)
            goto fail;
        exercises.queued[emap[i]] = t->exercises.queued[i];
    }
    /* Sessions not yet written and without exercises (e.g. just begun). */
    for (int i = 0; i < t->sessions.count; i++) {
        if (t->sessions.rows[i].id == 0 && map[i] < 0) {
            map[i] = session_push(&sessions, &t->sessions.rows[i], false);
            if (map[i] < 0)
                goto fail;
            sessions.queued[map[i]] = t->sessions.queued[i];
        }
    }
    for (int i = 0; i < t->unlocks.count; i++) {
        int ex = t->unlocks.exercise[i];
        if (ex < 0)
            continue;
        bool known = false;
        for (int j = 0; j < unlocks.count; j++)
            known = known || strcmp(unlocks.rows[j].level_id, t->unlocks.rows[i].level_id) == 0;
        /* An exercise found written already took its unlocks with it. */
        int owner = emap[ex] >= 0 && exercises.rows[emap[ex]].id == 0 ? emap[ex] : -1;
        if (!known && unlock_push(&unlocks, &t->unlocks.rows[i], owner) < 0)
            goto fail;
    }

    int open = t->open_session >= 0 ? map[t->open_session] : -1;
    sessions_free(&t->sessions);
    exercises_free(&t->exercises);
    unlocks_free(&t->unlocks);
    t->sessions = sessions;
    t->exercises = exercises;
    t->unlocks = unlocks;
    t->open_session = open;
    if (!t->settings_dirty)
        t->settings = settings;
    if (!t->choices_dirty)
        memcpy(t->chosen, chosen, sizeof chosen);
    free(map);
    free(emap);
    recompute(t);
    return 0;
fail:
    free(map);
    free(emap);
    sessions_free(&sessions);
    exercises_free(&exercises);
    unlocks_free(&unlocks);
    return -1;
}

/* ---- writing ------------------------------------------------------------ */

static bool anything_pending(const Tracker *t)
{
    if (t->settings_dirty || t->choices_dirty || t->checked_dirty)
        return true;
    for (int i = 0; i < t->tolerance.count; i++)
        if (t->tolerance.rows[i].id == 0)
            return true;
    for (int i = 0; i < t->sessions.count; i++)
        if (t->sessions.rows[i].id == 0 || t->sessions.end_dirty[i])
            return true;
    for (int i = 0; i < t->exercises.count; i++)
        if (t->exercises.rows[i].id == 0)
            return true;
    return false;
}

static int write_pending(Tracker *t)
{
    Save *s = t->save;
    for (int i = 0; i < t->sessions.count; i++) {
        if (t->sessions.rows[i].id != 0)
            continue;
        if (save_insert_session(s, &t->sessions.rows[i]) != 0)
            return -1;
        t->sessions.end_dirty[i] = false;
    }
    for (int i = 0; i < t->exercises.count; i++) {
        SaveExercise *e = &t->exercises.rows[i];
        if (e->id != 0)
            continue;
        int owner = t->exercises.session[i];
        e->session_id = owner >= 0 ? t->sessions.rows[owner].id : 0;
        SaveUnlock earned[TRACK_MAX_LEVELS * 2];
        int earned_count = 0;
        for (int u = 0; u < t->unlocks.count && earned_count < TRACK_MAX_LEVELS * 2; u++)
            if (t->unlocks.exercise[u] == i)
                earned[earned_count++] = t->unlocks.rows[u];
        if (save_insert_exercise(s, e, earned, earned_count) != 0)
            return -1;
        for (int u = 0; u < t->unlocks.count; u++)
            if (t->unlocks.exercise[u] == i)
                t->unlocks.exercise[u] = -1;
    }
    for (int i = 0; i < t->sessions.count; i++) {
        if (!t->sessions.end_dirty[i])
            continue;
        if (save_update_session(s, &t->sessions.rows[i]) != 0)
            return -1;
        t->sessions.end_dirty[i] = false;
    }
    for (int i = 0; i < t->tolerance.count; i++)
        if (t->tolerance.rows[i].id == 0 && save_insert_tolerance(s, &t->tolerance.rows[i]) != 0)
            return -1;
    if (t->settings_dirty) {
        if (save_put_settings(s, &t->settings) != 0)
            return -1;
        t->settings_dirty = false;
    }
    if (t->checked_dirty) {
        if (save_put_checked(s, t->checked_utc, save_local_day(t->checked_utc,
                                                               t->settings.day_start_hour, NULL)) != 0)
            return -1;
        t->checked_dirty = false;
    }
    if (t->choices_dirty) {
        SaveChoice choices[PROGRAM_MAX_TRACKS];
        int n = 0;
        for (int i = 0; i < t->program->track_count; i++) {
            const Track *track = &t->program->tracks[i];
            snprintf(choices[n].track_id, sizeof choices[n].track_id, "%s", track->id);
            int l = t->chosen[i];
            snprintf(choices[n].level_id, sizeof choices[n].level_id, "%s",
                     l >= 0 && l < track->level_count ? track->levels[l].id : "");
            n++;
        }
        if (save_put_choices(s, choices, n) != 0)
            return -1;
        t->choices_dirty = false;
    }
    return 0;
}

/* ---- the journal ------------------------------------------------------- */

static void pending_of_session(const Tracker *t, int session, SavePending *p)
{
    memset(p, 0, sizeof *p);
    p->session = t->sessions.rows[session];
}

/* Puts every row that is not in the save, and not yet in the journal as it
 * is now, into the journal.  Returns 2 when everything waiting is in the
 * journal then (settings and level choices are never journaled: they stay
 * in memory for the retry), 1 when something is in memory only. */
static int queue_pending(Tracker *t)
{
    if (!t->data_dir || t->hands_off)
        return 1;
    int cap = t->exercises.count + t->sessions.count;
    SavePending *items = cap > 0 ? calloc((size_t)cap, sizeof *items) : NULL;
    bool *covered = t->sessions.count > 0 ? calloc((size_t)t->sessions.count, 1) : NULL;
    if ((cap > 0 && !items) || (t->sessions.count > 0 && !covered)) {
        free(items);
        free(covered);
        return 1;
    }
    int n = 0;
    for (int i = 0; i < t->exercises.count; i++) {
        int owner = t->exercises.session[i];
        if (t->exercises.rows[i].id != 0 || t->exercises.queued[i] || owner < 0)
            continue;
        SavePending *p = &items[n++];
        pending_of_session(t, owner, p);
        covered[owner] = true;
        p->has_exercise = true;
        p->exercise = t->exercises.rows[i];
        for (int u = 0; u < t->unlocks.count && p->unlock_count < TRACK_MAX_LEVELS; u++)
            if (t->unlocks.exercise[u] == i)
                p->unlocks[p->unlock_count++] = t->unlocks.rows[u];
    }
    for (int i = 0; i < t->sessions.count; i++) {
        bool waiting = t->sessions.rows[i].id == 0 || t->sessions.end_dirty[i];
        if (waiting && !t->sessions.queued[i] && !covered[i])
            pending_of_session(t, i, &items[n++]);
    }
    char why[256] = "";
    int status = 2;
    if (n > 0 && journal_append(t->data_dir, items, n, why, sizeof why) != 0) {
        add_message(t, "They could not be put in the journal either (%s).", why);
        status = 1;
    } else if (n > 0) {
        for (int i = 0; i < t->exercises.count; i++)
            if (t->exercises.rows[i].id == 0 && t->exercises.session[i] >= 0)
                t->exercises.queued[i] = true;
        for (int i = 0; i < t->sessions.count; i++)
            if (t->sessions.rows[i].id == 0 || t->sessions.end_dirty[i])
                t->sessions.queued[i] = true;
    }
    for (int i = 0; status == 2 && i < t->exercises.count; i++)
        if (t->exercises.rows[i].id == 0 && !t->exercises.queued[i])
            status = 1;
    if (status == 2 && (t->settings_dirty || t->choices_dirty))
        status = 1;
    if (status == 2)
        add_message(t, "Until then every result waits in %s/%s and is saved at the latest "
                       "at the next start.", t->data_dir, JOURNAL_FILE_NAME);
    free(items);
    free(covered);
    return status;
}

/* Writes what waits in the journal into s (each row once, by its key) and
 * then removes the journal.  A kill in between leaves the journal, and the
 * next merge finds its rows written already.  Says so when rows were new. */
static void settle_journal(Tracker *t, Save *s)
{
    if (!t->data_dir || !journal_exists(t->data_dir))
        return;
    Journal *j = NULL;
    SavePending *items = NULL;
    int count = 0, unreadable = 0, added = 0;
    char why[256] = "";
    if (journal_take(t->data_dir, SAVE_WAIT_MS, &j, &items, &count, &unreadable, why,
                     sizeof why) != 0) {
        add_message(t, "Results waiting in %s/%s could not be read now (%s); they are tried "
                       "again later.", t->data_dir, JOURNAL_FILE_NAME, why);
        return;
    }
    if (!j)
        return;
    if (save_merge_pending(s, items, count, &added) != 0) {
        journal_release(j);
        add_message(t, "Results waiting in %s/%s could not be saved yet (%s); they are tried "
                       "again later.", t->data_dir, JOURNAL_FILE_NAME, save_error(s));
    } else {
        journal_clear(j);
        if (added > 0)
            add_message(t, "%d exercise result%s that could not be saved before %s saved now "
                           "(from %s).", added, added == 1 ? "" : "s",
                        added == 1 ? "was" : "were", JOURNAL_FILE_NAME);
        if (unreadable > 0)
            add_message(t, "%d unreadable line%s in %s (cut short by a crash) %s skipped.",
                        unreadable, unreadable == 1 ? "" : "s", JOURNAL_FILE_NAME,
                        unreadable == 1 ? "was" : "were");
    }
    free(items);
}

/* Writes whatever is waiting, waiting up to wait_ms for another
 * connection's lock.  Returns 0 when nothing is left waiting (or nothing is
 * ever written), 2 when what waits is in the journal, 1 when rows stay in
 * memory only, for the next try. */
static int flush(Tracker *t, int wait_ms)
{
    if (!t->data_dir)
        return 0; /* by design: nothing is ever written */
    if (!anything_pending(t))
        return 0;
    if (t->hands_off)
        return 1; /* kept in memory; a newer corequest's save is not ours to change */
    if (!t->save) {
        char notice[512];
        Save *s = NULL;
        SaveOpenStatus st = save_open(t->data_dir, wait_ms, &s, notice, sizeof notice);
        if (st == SAVE_OPEN_NEWER) {
            t->hands_off = true;
            set_message(t, "%s", notice);
            return 1;
        }
        if (st != SAVE_OPEN_OK) {
            set_message(t, "%s Your results are kept for now; saving is tried again after "
                           "each exercise.", notice);
            t->had_pending = true;
            return queue_pending(t);
        }
        if (!save_busy(s))
            settle_journal(t, s);
        if (merge_into(t, s) != 0) {
            save_close(s);
            set_message(t, "Could not read the save in %s; your results are kept for now.",
                        t->data_dir);
            t->had_pending = true;
            return queue_pending(t);
        }
        t->save = s;
        if (notice[0])
            set_message(t, "%s", notice);
    }
    save_set_wait(t->save, wait_ms);
    if (write_pending(t) != 0) {
        bool busy = save_busy(t->save);
        set_message(t, "Could not write the save (%s). Your results are kept for now; saving "
                       "is tried again after each exercise.", save_error(t->save));
        if (!busy) {
            /* Reopen next time: the file or folder may have changed under us.
             * A save that is only locked stays open for the retry. */
            save_close(t->save);
            t->save = NULL;
        }
        t->had_pending = true;
        return queue_pending(t);
    }
    if (t->had_pending) {
        set_message(t, "The save is writable again; every result is saved.");
        t->had_pending = false;
    }
    return 0;
}

/* After a failure the retries wait only briefly, so that a save someone
 * else holds never stalls a session; the first try and the last (at exit)
 * wait longer. */
static int retry_wait(const Tracker *t)
{
    return t->had_pending ? SAVE_RETRY_WAIT_MS : SAVE_WAIT_MS;
}

/* ---- open and close ------------------------------------------------------ */

Tracker *tracker_open(const char *data_dir, const Program *program, char *message,
                      size_t message_size)
{
    if (message && message_size)
        message[0] = '\0';
    Tracker *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->program = program;
    t->settings = settings_default();
    t->open_session = -1;
    t->checked_utc = INT64_MIN;
    for (int i = 0; i < PROGRAM_MAX_TRACKS; i++)
        t->chosen[i] = -1;
    if (data_dir) {
        t->data_dir = strdup(data_dir);
        if (!t->data_dir) {
            free(t);
            return NULL;
        }
        char notice[512];
        Save *s = NULL;
        SaveOpenStatus st = save_open(data_dir, SAVE_WAIT_MS, &s, notice, sizeof notice);
        if (st == SAVE_OPEN_NO_MEMORY) {
            free(t->data_dir);
            free(t);
            return NULL;
        }
        if (st == SAVE_OPEN_OK) {
            set_message(t, "%s", notice);
            /* Results a run before us could not write are saved first, so
             * that the history read next holds them. */
            if (save_busy(s)) {
                t->had_pending = true;
                add_message(t, "Results are written as soon as it is free.");
            } else {
                settle_journal(t, s);
            }
            if (load_from(t, s, &t->sessions, &t->exercises, &t->unlocks, &t->settings,
                          t->chosen) != 0) {
                set_message(t, "Could not read the save %s (%s); results are kept in memory "
                               "and saving is tried again after each exercise.",
                            save_path(s), save_error(s));
                save_close(s);
                /* A half-read save must not leave half its settings behind. */
                t->settings = settings_default();
                for (int i = 0; i < PROGRAM_MAX_TRACKS; i++)
                    t->chosen[i] = -1;
            } else {
                t->save = s;
                save_load_checked(s, &t->checked_utc);
                load_tolerance(t, s); /* on failure the checks only start empty */
            }
        } else {
            /* Show the history we can still read, write nothing now. */
            char ro_notice[256];
            Save *ro = save_open_read_only(data_dir, ro_notice, sizeof ro_notice);
            if (ro) {
                load_from(t, ro, &t->sessions, &t->exercises, &t->unlocks, &t->settings,
                          t->chosen);
                save_load_checked(ro, &t->checked_utc); /* none before version 4 */
                load_tolerance(t, ro);                  /* none before version 5 */
                save_close(ro);
            }
            if (st == SAVE_OPEN_NEWER) {
                t->hands_off = true;
                set_message(t, "%s", notice);
            } else {
                set_message(t, "%s Your results are kept for now; saving is tried again "
                               "after each exercise.", notice);
                t->had_pending = true;
            }
        }
    }
    recompute(t);
    if (message && message_size)
        snprintf(message, message_size, "%s", t->message);
    return t;
}

void tracker_close(Tracker *t)
{
    if (!t)
        return;
    /* A last try, waiting longer, so a retry that was waiting is not lost at
     * a clean exit; what still cannot be written is in the journal then. */
    if (flush(t, SAVE_WAIT_MS) == 0 && t->save && !save_busy(t->save))
        settle_journal(t, t->save); /* lines written since, ours or a run's before */
    save_close(t->save);
    sessions_free(&t->sessions);
    exercises_free(&t->exercises);
    unlocks_free(&t->unlocks);
    tolerance_free(&t->tolerance);
    free(t->data_dir);
    free(t);
}

const char *tracker_data_dir(const Tracker *t) { return t->data_dir; }
const Program *tracker_program(const Tracker *t) { return t->program; }
Settings *tracker_settings(Tracker *t) { return &t->settings; }
const char *tracker_message(const Tracker *t) { return t->message; }
const ProgressState *tracker_progress(const Tracker *t) { return &t->progress; }

bool tracker_advice(const Tracker *t)
{
    return t->progress.advice_any;
}

int tracker_confirm_checked(Tracker *t, time_t now)
{
    t->checked_utc = (int64_t)now;
    t->checked_dirty = t->data_dir != NULL;
    recompute(t);
    return flush(t, retry_wait(t)) == 0 ? 0 : -1;
}

int tracker_save_settings(Tracker *t)
{
    t->settings_dirty = t->data_dir != NULL;
    return flush(t, retry_wait(t)) == 0 ? 0 : -1;
}

int tracker_plan_daily(const Tracker *t, Plan *out)
{
    plan_build_daily(t->program, t->progress.current, out);
    /* The exercise the advice to see a therapist concerns is held out of
     * today's session (when the pack's rules say so, it stays one level
     * easier instead: progress lowered its level). */
    if (program_rules(t->program).advice_then == ADVICE_HOLD_OUT) {
        int kept = 0;
        for (int i = 0; i < out->count; i++)
            if (!t->progress.see_pt_advice[out->items[i].track_index])
                out->items[kept++] = out->items[i];
        out->count = kept;
    }
    return out->count;
}

int tracker_held_out(const Tracker *t, const Track **tracks, AdviceReason *why, int max)
{
    int n = 0;
    for (int i = 0; i < t->program->track_count && n < max; i++)
        if (t->progress.see_pt_advice[i]) {
            tracks[n] = &t->program->tracks[i];
            why[n] = t->progress.advice_reason[i];
            n++;
        }
    return n;
}

void tracker_choose_level(Tracker *t, int track_index, int level_index)
{
    if (track_index < 0 || track_index >= t->program->track_count)
        return;
    int highest = t->progress.unlocked[track_index] - 1;
    if (level_index > highest)
        level_index = highest;
    if (level_index < -1)
        level_index = -1;
    t->chosen[track_index] = level_index;
    t->choices_dirty = t->data_dir != NULL;
    recompute(t);
    flush(t, retry_wait(t));
}

/* ---- days and streaks ---------------------------------------------------- */

DayNumber tracker_day_of(const Tracker *t, time_t when)
{
    return save_local_day((int64_t)when, t->settings.day_start_hour, NULL);
}

static int finished_days(const Tracker *t, DayNumber **out)
{
    *out = NULL;
    if (t->sessions.count == 0)
        return 0;
    DayNumber *days = malloc((size_t)t->sessions.count * sizeof *days);
    if (!days)
        return 0;
    int n = 0;
    for (int i = 0; i < t->sessions.count; i++)
        if (t->sessions.rows[i].finished)
            days[n++] = t->sessions.rows[i].local_day;
    *out = days;
    return n;
}

StreakInfo tracker_streak(const Tracker *t, time_t now)
{
    StreakInfo info;
    DayNumber *days;
    int n = finished_days(t, &days);
    streak_compute(days, n, tracker_day_of(t, now), t->settings.rest_days_per_week, &info);
    free(days);
    return info;
}

void tracker_calendar(const Tracker *t, time_t now, int days, unsigned char *out)
{
    if (days <= 0)
        return;
    memset(out, 0, (size_t)days);
    DayNumber today = tracker_day_of(t, now);
    DayNumber last = last_recorded_day(t);
    if (t->sessions.count > 0 && last > today)
        today = last; /* the clock went back: recorded days still show */
    for (int i = 0; i < t->sessions.count; i++) {
        if (!t->sessions.rows[i].finished)
            continue;
        int64_t index = (int64_t)t->sessions.rows[i].local_day - (today - days + 1);
        if (index >= 0 && index < days)
            out[index] = 1;
    }
}

/* ---- recording ------------------------------------------------------------- */

static void end_open_session(Tracker *t, bool finished, time_t now)
{
    int i = t->open_session;
    if (i < 0)
        return;
    t->sessions.rows[i].end_utc = (int64_t)now;
    t->sessions.rows[i].finished = finished;
    t->sessions.queued[i] = false; /* the journal, if it has it, has no end */
    if (t->sessions.rows[i].id != 0)
        t->sessions.end_dirty[i] = t->data_dir != NULL;
    t->open_session = -1;
}

static int begin_session(Tracker *t, time_t now)
{
    if (t->open_session >= 0)
        end_open_session(t, false, now);
    SaveSession row = {0};
    save_new_key(row.key);
    row.start_utc = (int64_t)now;
    row.local_day = save_local_day((int64_t)now, t->settings.day_start_hour, &row.utc_offset_s);
    /* A day is a day once recorded: a clock or time zone that goes back
     * never opens an earlier day again (no double count, no broken streak). */
    DayNumber last = last_recorded_day(t);
    if (t->sessions.count > 0 && row.local_day < last)
        row.local_day = last;
    int index = session_push(&t->sessions, &row, false);
    if (index < 0) {
        set_message(t, "Out of memory: this session cannot be recorded.");
        return -1;
    }
    t->open_session = index;
    return 0;
}

int tracker_session_begin(Tracker *t, time_t now)
{
    if (begin_session(t, now) != 0)
        return 1;
    return flush(t, retry_wait(t));
}

int tracker_exercise_done(Tracker *t, const PlanItem *item, const ExerciseResult *result,
                          time_t now, const Level **unlocked_level)
{
    if (unlocked_level)
        *unlocked_level = NULL;
    if (t->open_session < 0 && begin_session(t, now) != 0)
        return 1;
    const SaveSession *session = &t->sessions.rows[t->open_session];
    const Level *level = item->level;

    SaveExercise row = {0};
    save_new_key(row.key);
    row.at_utc = (int64_t)now;
    row.local_day = session->local_day;
    row.utc_offset_s = session->utc_offset_s;
    snprintf(row.track_id, sizeof row.track_id, "%s", item->track ? item->track->id : "");
    snprintf(row.level_id, sizeof row.level_id, "%s", level->id);
    row.reps_done = result->reps_done;
    row.reps_target = result->reps_target;
    bool sided = level->sides != SIDES_NONE;
    row.reps_left = sided ? result->reps_left : -1;
    row.reps_right = sided ? result->reps_right : -1;
    snprintf(row.sides, sizeof row.sides, "%s", sides_name(level->sides));
    row.pain = result->pain;
    row.skipped = result->skipped;
    row.rating = result->rating;
    row.rating_default = result->rating_default;
    row.pain_after = result->pain_after;
    row.pain_score = (result->pain || result->pain_after) && result->pain_rated ? result->pain_score : -1;
    row.pain_place = result->pain_rated ? result->pain_place : PAIN_PLACE_NONE;
    row.duration_ms = result->ended_ms > result->started_ms
                          ? result->ended_ms - result->started_ms
                          : 0;

    ProgressState before = t->progress;
    int index = exercise_push(&t->exercises, &row, t->open_session);
    if (index < 0) {
        set_message(t, "Out of memory: this exercise cannot be recorded.");
        return 1;
    }
    recompute(t);

    for (int tr = 0; tr < t->program->track_count; tr++) {
        const Track *track = &t->program->tracks[tr];
        for (int l = before.unlocked[tr]; l < t->progress.unlocked[tr]; l++) {
            SaveUnlock u = {0};
            snprintf(u.level_id, sizeof u.level_id, "%s", track->levels[l].id);
            u.local_day = row.local_day;
            u.at_utc = row.at_utc;
            if (unlock_push(&t->unlocks, &u, index) >= 0 && unlocked_level)
                *unlocked_level = &track->levels[l];
        }
    }
    return flush(t, retry_wait(t));
}

int tracker_set_pain_score(Tracker *t, const Level *level, int score, PainPlace place)
{
    for (int i = t->exercises.count - 1; i >= 0; i--) {
        SaveExercise *e = &t->exercises.rows[i];
        if (t->exercises.session[i] != t->open_session || !e->pain ||
            strcmp(e->level_id, level->id) != 0)
            continue;
        e->pain_score = score;
        e->pain_place = place;
        recompute(t);
        if (!t->data_dir)
            return 0;
        if (e->id == 0) {
            /* Not in the save yet: written with its score, or journaled
             * again with it (the merge keeps a row's latest score). */
            t->exercises.queued[i] = false;
            return flush(t, retry_wait(t));
        }
        if (t->save && save_update_pain(t->save, e->key, score, place) == 0)
            return 0;
        /* In the save, which cannot take the score now: the journal can,
         * as a line of the row with its score (merged by the row's key). */
        SavePending p;
        pending_of_session(t, t->exercises.session[i], &p);
        p.has_exercise = true;
        p.exercise = *e;
        char why[256] = "";
        if (journal_append(t->data_dir, &p, 1, why, sizeof why) == 0) {
            set_message(t, "The pain score waits in %s/%s and is saved at the latest at the "
                           "next start.", t->data_dir, JOURNAL_FILE_NAME);
            return 2;
        }
        set_message(t, "The pain score is kept for this session only: %s", why);
        return 1;
    }
    return -1;
}

int tracker_session_end(Tracker *t, bool finished, time_t now)
{
    end_open_session(t, finished, now);
    return flush(t, retry_wait(t));
}

int tracker_rate_back_pain(Tracker *t, BackPainWhen when, int score)
{
    if ((int)when < 0 || when >= BACK_PAIN_WHEN_COUNT || score < 0 || score > 10)
        return -1;
    int i = t->open_session >= 0 ? t->open_session : t->sessions.count - 1;
    if (i < 0)
        return -1;
    SaveSession *row = &t->sessions.rows[i];
    row->back_pain_rated[when] = true;
    row->back_pain[when] = score;
    /* Written as a session update, or journaled as one when it cannot be. */
    t->sessions.queued[i] = false;
    if (row->id != 0)
        t->sessions.end_dirty[i] = t->data_dir != NULL;
    return flush(t, retry_wait(t));
}

/* ---- history ------------------------------------------------------------- */

const SaveSession *tracker_sessions(const Tracker *t, int *count)
{
    *count = t->sessions.count;
    return t->sessions.rows;
}

const SaveExercise *tracker_exercises(const Tracker *t, int *count)
{
    *count = t->exercises.count;
    return t->exercises.rows;
}

const SaveUnlock *tracker_unlocks(const Tracker *t, int *count)
{
    *count = t->unlocks.count;
    return t->unlocks.rows;
}

int tracker_exercise_session(const Tracker *t, int exercise)
{
    if (exercise < 0 || exercise >= t->exercises.count)
        return -1;
    return t->exercises.session[exercise];
}

/* ---- the weekly check ------------------------------------------------------ */

const ToleranceCheck *tracker_tolerance(const Tracker *t, int *count)
{
    *count = t->tolerance.count;
    return t->tolerance.checks;
}

const SaveTolerance *tracker_tolerance_rows(const Tracker *t, int *count)
{
    *count = t->tolerance.count;
    return t->tolerance.rows;
}

bool tracker_tolerance_due(const Tracker *t, time_t now)
{
    DayNumber first = t->sessions.count > 0 ? t->sessions.rows[0].local_day : -1;
    for (int i = 1; i < t->sessions.count; i++)
        if (t->sessions.rows[i].local_day < first)
            first = t->sessions.rows[i].local_day;
    return tolerance_due(t->tolerance.checks, t->tolerance.count, tracker_day_of(t, now), first);
}

int tracker_record_tolerance(Tracker *t, const ToleranceCheck *check, time_t now)
{
    SaveTolerance row = {0};
    save_new_key(row.key);
    row.at_utc = (int64_t)now;
    row.check = *check;
    row.check.local_day = save_local_day((int64_t)now, t->settings.day_start_hour,
                                         &row.utc_offset_s);
    if (row.check.skipped)
        for (int i = 0; i < TOLERANCE_ITEM_COUNT; i++)
            row.check.score[i] = TOLERANCE_NOT_ANSWERED;
    int index = tolerance_push(&t->tolerance, &row);
    if (index < 0) {
        set_message(t, "Out of memory: the weekly check cannot be recorded.");
        return 1;
    }
    flush(t, retry_wait(t));
    if (!t->data_dir)
        return 0;
    /* Not journaled (yet): a check that is not written stays in memory and
     * is tried again with every write until exit. */
    return t->tolerance.rows[index].id != 0 ? 0 : 1;
}
