/* test_save.c: the SQLite save through the tracker: fresh, reopened,
 * migrated from version 1, repaired by moving aside, unwritable, locked by
 * someone else, and the pending journal of results that had to wait. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "file_lock.h"
#include "journal.h"
#include "save.h"
#include "test_support.h"
#include "tracker.h"

/* ---- helpers -------------------------------------------------------------- */

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static bool exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* The first name in dir starting with prefix and not ending in suffix_not. */
static bool find_entry(const char *dir, const char *prefix, const char *suffix_not, char *out,
                       size_t size)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    bool found = false;
    while (!found && (e = readdir(d))) {
        size_t n = strlen(e->d_name), s = suffix_not ? strlen(suffix_not) : 0;
        if (strncmp(e->d_name, prefix, strlen(prefix)) != 0)
            continue;
        if (suffix_not && n >= s && strcmp(e->d_name + n - s, suffix_not) == 0)
            continue;
        /* "-wal" stands for every SQLite side file. */
        if (suffix_not && n >= 4 && strcmp(e->d_name + n - 4, "-shm") == 0)
            continue;
        snprintf(out, size, "%s/%s", dir, e->d_name);
        found = true;
    }
    closedir(d);
    return found;
}

static int count_entries(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
    closedir(d);
    return n;
}

static int64_t db_int(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static void db_exec(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    char *err = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
    if (rc != SQLITE_OK)
        fail_msg("%s", err ? err : "sqlite error");
    sqlite3_close(db);
}

static ExerciseResult result(int done, int target, bool pain)
{
    ExerciseResult r;
    memset(&r, 0, sizeof r);
    r.reps_done = done;
    r.reps_target = target;
    r.reps_left = done;
    r.reps_right = done;
    r.pain = pain;
    r.started = r.finished = true;
    r.started_ms = 1000;
    r.ended_ms = 61500;
    return r;
}

static int record(Tracker *t, const Program *p, int track, int level, ExerciseResult r,
                  time_t when)
{
    PlanItem it = {&p->tracks[track], &p->tracks[track].levels[level], track, level};
    return tracker_exercise_done(t, &it, &r, when, NULL);
}

typedef struct {
    Program *program;
    char dir[512];
    char db[600];
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    f->program = test_make_tilt_bridge_program();
    test_use_tz("Europe/Berlin");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    free(f->program);
    free(f);
    test_use_tz("UTC");
    return 0;
}

static void fixture_dir(Fixture *f, const char *name)
{
    test_make_fresh_dir(name, f->dir, sizeof f->dir);
    snprintf(f->db, sizeof f->db, "%s/%s", f->dir, SAVE_FILE_NAME);
}

/* ---- tests ------------------------------------------------------------------ */

static void test_fresh_save_is_created(void **state)
{
    Fixture *f = *state;
    fixture_dir(f, "save_fresh");
    char nested[600];
    snprintf(nested, sizeof nested, "%s/a/b", f->dir); /* folders are made */
    char message[512];
    Tracker *t = tracker_open(nested, f->program, message, sizeof message);
    assert_non_null(t);
    assert_string_equal(message, "");
    assert_string_equal(tracker_data_dir(t), nested);
    assert_int_equal(tracker_session_begin(t, test_utc(2025, 5, 1, 6, 0)), 0);
    tracker_close(t);
    char db[700];
    snprintf(db, sizeof db, "%s/%s", nested, SAVE_FILE_NAME);
    assert_true(exists(db));
    assert_int_equal(db_int(db, "PRAGMA user_version"), SAVE_SCHEMA_VERSION);
    assert_int_equal(db_int(db, "PRAGMA application_id"), SAVE_APPLICATION_ID);
    assert_int_equal(db_int(db, "SELECT count(*) FROM sessions"), 1);
    sqlite3 *h;
    assert_int_equal(sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &st, NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
    sqlite3_finalize(st);
    sqlite3_close(h);
}

static void test_reopen_keeps_everything(void **state)
{
    Fixture *f = *state;
    fixture_dir(f, "save_reopen");
    char message[512];
    Tracker *t = tracker_open(f->dir, f->program, message, sizeof message);
    for (int day = 0; day < 3; day++) {
        time_t start = test_utc(2025, 5, 1 + day, 6, 0);
        assert_int_equal(tracker_session_begin(t, start), 0);
        assert_int_equal(record(t, f->program, 0, 0, result(10, 10, false), start + 100), 0);
        assert_int_equal(record(t, f->program, 1, 0, result(4, 10, day == 2), start + 200), 0);
        assert_int_equal(tracker_session_end(t, true, start + 300), 0);
    }
    tracker_settings(t)->rest_days_per_week = 3;
    tracker_settings(t)->voice_volume = 55;
    assert_int_equal(tracker_save_settings(t), 0);
    tracker_choose_level(t, 0, 0);
    const ProgressState before = *tracker_progress(t);
    StreakInfo streak_before = tracker_streak(t, test_utc(2025, 5, 3, 12, 0));
    tracker_close(t);

    t = tracker_open(f->dir, f->program, message, sizeof message);
    assert_string_equal(message, "");
    int n;
    const SaveSession *s = tracker_sessions(t, &n);
    assert_int_equal(n, 3);
    assert_true(s[2].finished);
    assert_int_equal(s[1].local_day, day_from_civil(2025, 5, 2));
    assert_int_equal(s[1].utc_offset_s, 7200);
    assert_int_equal(s[0].end_utc, test_utc(2025, 5, 1, 6, 5));
    const SaveExercise *e = tracker_exercises(t, &n);
    assert_int_equal(n, 6);
    assert_string_equal(e[5].level_id, "bridge_1");
    assert_string_equal(e[5].track_id, "bridge");
    assert_true(e[5].pain);
    assert_int_equal(e[5].reps_done, 4);
    assert_int_equal(e[5].duration_ms, 60500);
    assert_int_equal(e[0].reps_left, -1); /* not a sided level */
    assert_string_equal(e[0].sides, "none");
    assert_int_equal(tracker_settings(t)->rest_days_per_week, 3);
    assert_int_equal(tracker_settings(t)->voice_volume, 55);
    const ProgressState *after = tracker_progress(t);
    assert_memory_equal(after, &before, sizeof before);
    assert_int_equal(after->unlocked[0], 2);
    assert_int_equal(after->current[0], 0); /* the chosen level survived */
    assert_true(after->suggest_easier[1]);
    StreakInfo streak_after = tracker_streak(t, test_utc(2025, 5, 3, 12, 0));
    assert_memory_equal(&streak_after, &streak_before, sizeof streak_after);
    int un;
    const SaveUnlock *u = tracker_unlocks(t, &un);
    assert_int_equal(un, 1);
    assert_string_equal(u[0].level_id, "tilt_2");
    assert_int_equal(u[0].local_day, day_from_civil(2025, 5, 3));
    tracker_close(t);
}

/* The voice and its speed are saved by name like every setting, and kept
 * inside their bounds. */
static void test_voice_settings_survive_a_reopen_within_bounds(void **state)
{
    Fixture *f = *state;
    fixture_dir(f, "save_voice_settings");
    char message[512];
    Tracker *t = tracker_open(f->dir, f->program, message, sizeof message);
    assert_non_null(t);
    Settings *s = tracker_settings(t);
    assert_true(settings_set_by_name(s, "voice", 3));
    assert_true(settings_set_by_name(s, "voice_rate", 85));
    assert_int_equal(tracker_save_settings(t), 0);
    tracker_close(t);

    t = tracker_open(f->dir, f->program, message, sizeof message);
    assert_string_equal(message, "");
    s = tracker_settings(t);
    assert_int_equal(s->voice, 3);
    assert_int_equal(s->voice_rate, 85);
    assert_true(settings_set_by_name(s, "voice_rate", 500));
    assert_int_equal(s->voice_rate, 150);
    assert_true(settings_set_by_name(s, "voice_rate", 10));
    assert_int_equal(s->voice_rate, 50);
    assert_true(settings_set_by_name(s, "voice", -2));
    assert_int_equal(s->voice, 0);
    tracker_close(t);
}

static void build_v1(const Fixture *f)
{
    size_t len;
    char *sql = test_read_file(TEST_DATA_DIR "/save_v1/corequest-v1.sql", &len);
    assert_non_null(sql);
    db_exec(f->db, sql);
    free(sql);
    assert_int_equal(db_int(f->db, "PRAGMA user_version"), 1);
}

static void test_migration_from_v1_keeps_the_data(void **state)
{
    Fixture *f = *state;
    fixture_dir(f, "save_migrate_v1");
    build_v1(f);
    char message[512];
    Tracker *t = tracker_open(f->dir, f->program, message, sizeof message);
    assert_string_equal(message, "");
    assert_int_equal(db_int(f->db, "PRAGMA user_version"), SAVE_SCHEMA_VERSION);
    assert_int_equal(db_int(f->db, "PRAGMA application_id"), SAVE_APPLICATION_ID);

    int n;
    const SaveSession *s = tracker_sessions(t, &n);
    assert_int_equal(n, 4);
    assert_int_equal(s[0].local_day, day_from_civil(2024, 3, 8));
    assert_int_equal(s[1].local_day, day_from_civil(2024, 3, 9)); /* 01:30 local */
    assert_int_equal(s[2].local_day, day_from_civil(2024, 3, 10));
    assert_int_equal(s[3].local_day, day_from_civil(2024, 3, 11));
    assert_int_equal(s[0].utc_offset_s, 3600);
    assert_int_equal(s[0].start_utc, 1709879400);
    assert_int_equal(s[0].end_utc, 1709880300);
    assert_true(s[2].finished);
    assert_false(s[3].finished);

    const SaveExercise *e = tracker_exercises(t, &n);
    assert_int_equal(n, 6);
    assert_string_equal(e[4].level_id, "bridge_1");
    assert_string_equal(e[4].track_id, "bridge");
    assert_true(e[4].pain);
    assert_int_equal(e[4].reps_done, 3);
    assert_int_equal(e[4].duration_ms, 31000);
    assert_int_equal(e[4].at_utc, 1710090400);
    assert_int_equal(e[4].reps_left, -1); /* v1 did not record sides */
    assert_string_equal(e[4].sides, "");
    assert_int_equal(e[4].local_day, day_from_civil(2024, 3, 10));

    int un;
    const SaveUnlock *u = tracker_unlocks(t, &un);
    assert_int_equal(un, 1);
    assert_string_equal(u[0].level_id, "tilt_2");
    assert_int_equal(u[0].local_day, day_from_civil(2024, 3, 10));

    assert_int_equal(tracker_settings(t)->rest_days_per_week, 2);
    assert_int_equal(tracker_settings(t)->voice_volume, 70);
    const ProgressState *ps = tracker_progress(t);
    assert_int_equal(ps->unlocked[0], 2);
    assert_true(ps->suggest_easier[1]);
    StreakInfo st = tracker_streak(t, test_utc(2024, 3, 11, 20, 0));
    assert_int_equal(st.current, 3);

    /* The migrated save takes new results. */
    assert_int_equal(tracker_session_begin(t, test_utc(2024, 3, 12, 6, 0)), 0);
    assert_int_equal(record(t, f->program, 1, 0, result(10, 10, false), test_utc(2024, 3, 12, 6, 5)),
                     0);
    assert_int_equal(tracker_session_end(t, true, test_utc(2024, 3, 12, 6, 9)), 0);
    tracker_close(t);
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM exercises"), 7);
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM sessions WHERE finished"), 4);
}

static void test_migration_from_v3_adds_the_rating(void **state)
{
    Fixture *f = *state;
    test_use_tz("UTC");
    fixture_dir(f, "save_migrate_v3");
    size_t len;
    char *sql = test_read_file(TEST_DATA_DIR "/save_v3/corequest-v3.sql", &len);
    assert_non_null(sql);
    db_exec(f->db, sql);
    free(sql);
    assert_int_equal(db_int(f->db, "PRAGMA user_version"), 3);

    char message[512];
    Tracker *t = tracker_open(f->dir, f->program, message, sizeof message);
    assert_string_equal(message, "");
    assert_int_equal(db_int(f->db, "PRAGMA user_version"), SAVE_SCHEMA_VERSION);
    int n;
    const SaveExercise *e = tracker_exercises(t, &n);
    assert_int_equal(n, 4);
    for (int i = 0; i < n; i++) {
        assert_int_equal(e[i].rating, RATING_NONE); /* never asked */
        assert_false(e[i].rating_default);
    }
    assert_true(e[3].pain);
    assert_int_equal(e[3].local_day, day_from_civil(2025, 5, 6));
    assert_int_equal(tracker_settings(t)->rest_days_per_week, 1);
    assert_int_equal(tracker_streak(t, test_utc(2025, 5, 6, 20, 0)).current, 2);

    /* New results keep their rating, through a reopen. */
    ExerciseResult r = result(10, 10, false);
    r.rating = RATING_TOO_EASY;
    assert_int_equal(tracker_session_begin(t, test_utc(2025, 5, 7, 8, 0)), 0);
    assert_int_equal(record(t, f->program, 0, 0, r, test_utc(2025, 5, 7, 8, 5)), 0);
    r.rating = RATING_JUST_RIGHT;
    r.rating_default = true;
    assert_int_equal(record(t, f->program, 1, 0, r, test_utc(2025, 5, 7, 8, 9)), 0);
    assert_int_equal(tracker_session_end(t, true, test_utc(2025, 5, 7, 8, 10)), 0);
    tracker_close(t);
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM exercises WHERE rating IS NULL"), 4);
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM exercises WHERE rating='too_easy'"), 1);
    assert_int_equal(db_int(f->db, "SELECT rating_default FROM exercises WHERE rating='just_right'"), 1);
    t = tracker_open(f->dir, f->program, message, sizeof message);
    e = tracker_exercises(t, &n);
    assert_int_equal(n, 6);
    assert_int_equal(e[4].rating, RATING_TOO_EASY);
    assert_int_equal(e[5].rating, RATING_JUST_RIGHT);
    assert_true(e[5].rating_default);
    tracker_close(t);
}

/* Version 4 to 5: everything kept (a pain score and place, the therapist
 * confirmation), and weekly checks can be kept from then on. */
static void test_migration_from_v4_adds_the_weekly_check(void **state)
{
    Fixture *f = *state;
    test_use_tz("UTC");
    fixture_dir(f, "save_migrate_v4");
    size_t len;
    char *sql = test_read_file(TEST_DATA_DIR "/save_v4/corequest-v4.sql", &len);
    assert_non_null(sql);
    db_exec(f->db, sql);
    free(sql);
    assert_int_equal(db_int(f->db, "PRAGMA user_version"), 4);
    int64_t checked_before = db_int(f->db, "SELECT at_utc FROM therapist_checked");

    char message[512];
    Tracker *t = tracker_open(f->dir, f->program, message, sizeof message);
    assert_string_equal(message, "");
    assert_int_equal(db_int(f->db, "PRAGMA user_version"), 5);
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM pragma_table_info('sessions')"
                                   " WHERE name LIKE 'back_pain_%'"), 2);
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM sessions WHERE back_pain_before"
                                   " IS NOT NULL"), 0); /* older sessions: not asked */
    int n;
    const SaveExercise *e = tracker_exercises(t, &n);
    assert_int_equal(n, 8);
    assert_true(e[2].pain);
    assert_int_equal(e[2].pain_score, 6);
    assert_int_equal(e[2].pain_place, PAIN_PLACE_LOW_BACK);
    assert_int_equal(db_int(f->db, "SELECT at_utc FROM therapist_checked"), checked_before);
    int checks;
    tracker_tolerance(t, &checks);
    assert_int_equal(checks, 0);
    time_t now = (time_t)checked_before + 3600;
    assert_false(tracker_tolerance_due(t, now)); /* the one session was today */
    now += 86400;
    assert_true(tracker_tolerance_due(t, now));

    ToleranceCheck c = {.score = {4, 7, TOLERANCE_NOT_ANSWERED}};
    snprintf(c.activity, sizeof c.activity, "gardening");
    assert_int_equal(tracker_record_tolerance(t, &c, now), 0);
    assert_false(tracker_tolerance_due(t, now));
    assert_false(tracker_tolerance_due(t, now + 6 * 86400));
    assert_true(tracker_tolerance_due(t, now + 7 * 86400));
    tracker_close(t);
    assert_int_equal(db_int(f->db, "SELECT stand FROM tolerance"), 4);
    assert_int_equal(db_int(f->db, "SELECT sit FROM tolerance"), 7);
    assert_int_equal(db_int(f->db, "SELECT activity IS NULL FROM tolerance"), 1);

    /* Kept through a reopen, and a skipped week keeps no scores. */
    t = tracker_open(f->dir, f->program, message, sizeof message);
    const ToleranceCheck *got = tracker_tolerance(t, &checks);
    assert_int_equal(checks, 1);
    assert_int_equal(got[0].score[TOLERANCE_STAND], 4);
    assert_int_equal(got[0].score[TOLERANCE_SIT], 7);
    assert_int_equal(got[0].score[TOLERANCE_ACTIVITY], TOLERANCE_NOT_ANSWERED);
    assert_string_equal(got[0].activity, "gardening");
    assert_false(got[0].skipped);
    ToleranceCheck skip = {.score = {5, 5, 5}, .skipped = true};
    assert_int_equal(tracker_record_tolerance(t, &skip, now + 8 * 86400), 0);
    assert_false(tracker_tolerance_due(t, now + 8 * 86400));
    tracker_close(t);
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM tolerance WHERE skipped AND stand IS NULL"
                                   " AND sit IS NULL AND activity IS NULL"), 1);
}

static void test_read_only_view_of_v1_leaves_the_file_alone(void **state)
{
    Fixture *f = *state;
    fixture_dir(f, "save_read_only_v1");
    build_v1(f);
    size_t len_before, len_after;
    char *before = test_read_file(f->db, &len_before);
    char notice[256];
    Save *s = save_open_read_only(f->dir, notice, sizeof notice);
    assert_non_null(s);
    SaveSession *rows;
    int n;
    assert_int_equal(save_load_sessions(s, &rows, &n), 0);
    assert_int_equal(n, 4);
    assert_int_equal(rows[1].local_day, day_from_civil(2024, 3, 9));
    free(rows);
    save_close(s);
    char *after = test_read_file(f->db, &len_after);
    assert_int_equal(len_after, len_before);
    assert_memory_equal(after, before, len_before);
    assert_int_equal(db_int(f->db, "PRAGMA user_version"), 1);
    free(before);
    free(after);
}

static void check_moved_aside(Fixture *f, const char *original, size_t len, const char *message)
{
    char broken[700];
    assert_true(find_entry(f->dir, SAVE_FILE_NAME ".broken-", "-wal", broken, sizeof broken));
    assert_non_null(strstr(message, broken)); /* the user is told where */
    size_t got_len;
    char *got = test_read_file(broken, &got_len);
    assert_non_null(got);
    assert_int_equal(got_len, len);
    assert_memory_equal(got, original, len);
    free(got);
    /* A fresh save took its place and works. */
    assert_int_equal(db_int(f->db, "PRAGMA user_version"), SAVE_SCHEMA_VERSION);
}

static void test_corrupt_file_is_moved_aside_and_kept(void **state)
{
    Fixture *f = *state;
    fixture_dir(f, "save_corrupt");
    char junk[3000];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = "This is not a database at all.\n"[i % 31];
    write_file(f->db, junk, sizeof junk);
    char wal[700];
    snprintf(wal, sizeof wal, "%s-wal", f->db);
    write_file(wal, "leftover", 8);

    char message[512];
    Tracker *t = tracker_open(f->dir, f->program, message, sizeof message);
    assert_non_null(t);
    assert_non_null(strstr(message, "damaged"));
    assert_int_equal(tracker_session_begin(t, test_utc(2025, 5, 1, 6, 0)), 0);
    assert_int_equal(record(t, f->program, 0, 0, result(10, 10, false), test_utc(2025, 5, 1, 6, 2)),
                     0);
    tracker_close(t);
    check_moved_aside(f, junk, sizeof junk, message);
    char broken_wal[700];
    assert_true(find_entry(f->dir, SAVE_FILE_NAME ".broken-", NULL, broken_wal,
                           sizeof broken_wal));
    char moved_wal[700];
    bool found_wal = false;
    DIR *d = opendir(f->dir);
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t n = strlen(e->d_name);
        if (!strncmp(e->d_name, SAVE_FILE_NAME ".broken-", strlen(SAVE_FILE_NAME ".broken-")) &&
            n > 4 && !strcmp(e->d_name + n - 4, "-wal")) {
            snprintf(moved_wal, sizeof moved_wal, "%s/%s", f->dir, e->d_name);
            found_wal = true;
        }
    }
    closedir(d);
    assert_true(found_wal);
    size_t wl;
    char *w = test_read_file(moved_wal, &wl);
    assert_int_equal(wl, 8);
    assert_memory_equal(w, "leftover", 8);
    free(w);
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM exercises"), 1);
}

static void test_damaged_pages_are_found_and_moved_aside(void **state)
{
    Fixture *f = *state;
    fixture_dir(f, "save_damaged_pages");
    char message[512];
    Tracker *t = tracker_open(f->dir, f->program, message, sizeof message);
    for (int i = 0; i < 40; i++) {
        time_t start = test_utc(2025, 1, 1, 6, 0) + i * 86400;
        tracker_session_begin(t, start);
        record(t, f->program, 0, 0, result(10, 10, false), start + 60);
        record(t, f->program, 1, 0, result(10, 10, false), start + 120);
        tracker_session_end(t, true, start + 200);
    }
    tracker_close(t);
    size_t len;
    char *bytes = test_read_file(f->db, &len);
    assert_true(len >= 4 * 4096);
    /* Scribble over the second and third pages (the header page stays). */
    memset(bytes + 4096, 0xA5, 2 * 4096);
    write_file(f->db, bytes, len);

    t = tracker_open(f->dir, f->program, message, sizeof message);
    assert_non_null(t);
    assert_non_null(strstr(message, "damaged"));
    int n;
    tracker_sessions(t, &n);
    assert_int_equal(n, 0); /* a fresh start, the old file is kept */
    tracker_close(t);
    check_moved_aside(f, bytes, len, message);
    free(bytes);
}

static void test_foreign_sqlite_file_is_moved_aside(void **state)
{
    Fixture *f = *state;
    fixture_dir(f, "save_foreign");
    db_exec(f->db, "PRAGMA journal_mode=DELETE; CREATE TABLE recipes(name TEXT, minutes INT);"
                   "INSERT INTO recipes VALUES('soup', 40);");
    size_t len;
    char *original = test_read_file(f->db, &len);
    char message[512];
    Tracker *t = tracker_open(f->dir, f->program, message, sizeof message);
    assert_non_null(t);
    assert_non_null(strstr(message, "not a corequest save"));
    tracker_close(t);
    check_moved_aside(f, original, len, message);
    free(original);
}

static void test_newer_save_is_left_untouched(void **state)
{
    Fixture *f = *state;
    fixture_dir(f, "save_newer");
    char sql[256];
    snprintf(sql, sizeof sql,
             "PRAGMA application_id=%d; PRAGMA user_version=%d; CREATE TABLE future(x);",
             SAVE_APPLICATION_ID, SAVE_SCHEMA_VERSION + 1);
    db_exec(f->db, sql);
    size_t len, len_after;
    char *original = test_read_file(f->db, &len);
    char message[512];
    Tracker *t = tracker_open(f->dir, f->program, message, sizeof message);
    assert_non_null(t);
    assert_non_null(strstr(message, "newer"));
    assert_int_equal(tracker_session_begin(t, test_utc(2025, 5, 1, 6, 0)), 1);
    assert_int_equal(record(t, f->program, 0, 0, result(10, 10, false), test_utc(2025, 5, 1, 6, 1)),
                     1); /* kept in memory only */
    tracker_close(t);
    char *after = test_read_file(f->db, &len_after);
    assert_int_equal(len_after, len);
    assert_memory_equal(after, original, len);
    assert_false(find_entry(f->dir, SAVE_FILE_NAME ".broken-", NULL, (char[8]){0}, 8));
    free(original);
    free(after);
}

/* Root can write anywhere, so permissions cannot make the folder unwritable
 * in this test.  A data folder whose parent is a regular file cannot be
 * created by anyone (ENOTDIR); removing that file makes it writable. */
static void test_unwritable_folder_keeps_results_and_retries(void **state)
{
    Fixture *f = *state;
    fixture_dir(f, "save_unwritable");
    char blocker[600], data[700];
    snprintf(blocker, sizeof blocker, "%s/blocker", f->dir);
    snprintf(data, sizeof data, "%s/data", blocker);
    write_file(blocker, "x", 1);

    char message[512];
    Tracker *t = tracker_open(data, f->program, message, sizeof message);
    assert_non_null(t);
    assert_non_null(strstr(message, "Not a directory"));
    assert_non_null(strstr(message, "tried again"));
    time_t start = test_utc(2025, 5, 1, 6, 0);
    assert_int_equal(tracker_session_begin(t, start), 1);
    assert_int_equal(record(t, f->program, 0, 0, result(10, 10, false), start + 60), 1);
    assert_non_null(strstr(tracker_message(t), "tried again"));
    assert_int_equal(tracker_progress(t)->clean_days[0], 1); /* counted in memory */

    assert_int_equal(unlink(blocker), 0); /* the folder can be made now */
    assert_int_equal(record(t, f->program, 1, 0, result(10, 10, false), start + 120), 0);
    assert_non_null(strstr(tracker_message(t), "writable again"));
    assert_int_equal(tracker_session_end(t, true, start + 180), 0);
    tracker_close(t);

    char db[800];
    snprintf(db, sizeof db, "%s/%s", data, SAVE_FILE_NAME);
    assert_int_equal(db_int(db, "SELECT count(*) FROM sessions WHERE finished"), 1);
    assert_int_equal(db_int(db, "SELECT count(*) FROM exercises"), 2);
    assert_int_equal(db_int(db, "SELECT count(*) FROM exercises e JOIN sessions s"
                                " ON s.id = e.session_id"), 2);
}

/* A full disk, for this process only: RLIMIT_FSIZE stops the WAL from
 * growing (writes past the limit fail with EFBIG), as ENOSPC would.  The
 * small journal line still fits, so the results wait there (2). */
static void test_full_disk_keeps_results_and_retries(void **state)
{
    Fixture *f = *state;
    fixture_dir(f, "save_full_disk");
    char message[512];
    Tracker *t = tracker_open(f->dir, f->program, message, sizeof message);
    time_t start = test_utc(2025, 5, 1, 6, 0);
    assert_int_equal(tracker_session_begin(t, start), 0);
    assert_int_equal(record(t, f->program, 0, 0, result(10, 10, false), start + 60), 0);

    char wal[700];
    snprintf(wal, sizeof wal, "%s-wal", f->db);
    struct stat st;
    assert_int_equal(stat(wal, &st), 0);
    struct rlimit old, full;
    assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
    void (*old_handler)(int) = signal(SIGXFSZ, SIG_IGN);
    full = old;
    full.rlim_cur = (rlim_t)st.st_size;
    assert_int_equal(setrlimit(RLIMIT_FSIZE, &full), 0);

    int status1 = record(t, f->program, 1, 0, result(10, 10, false), start + 120);
    char pending[700];
    snprintf(pending, sizeof pending, "%s/%s", f->dir, JOURNAL_FILE_NAME);
    bool queued = exists(pending);
    char message1[512];
    snprintf(message1, sizeof message1, "%s", tracker_message(t));
    /* The reopen for this retry starts a new WAL, which may fit under the
     * limit: saved (0) or queued (2), never in memory only (1). */
    int status2 = tracker_session_end(t, true, start + 180);
    setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, old_handler);
    assert_int_equal(status1, 2);
    assert_true(queued);
    assert_non_null(strstr(message1, "tried again"));
    assert_true(status2 == 0 || status2 == 2);

    assert_int_equal(tracker_session_begin(t, start + 3600), 0); /* the retry */
    tracker_close(t);
    assert_false(exists(pending)); /* merged at close: nothing counted twice */
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM exercises"), 2);
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM sessions WHERE finished"), 1);
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM sessions"), 2);
}

static void test_memory_only_tracker_writes_nothing(void **state)
{
    Fixture *f = *state;
    fixture_dir(f, "save_memory_only");
    char message[64];
    Tracker *t = tracker_open(NULL, f->program, message, sizeof message);
    assert_null(tracker_data_dir(t));
    assert_int_equal(tracker_session_begin(t, test_utc(2025, 5, 1, 6, 0)), 0);
    assert_int_equal(record(t, f->program, 0, 0, result(10, 10, false), test_utc(2025, 5, 1, 6, 1)),
                     0);
    int n;
    tracker_exercises(t, &n);
    assert_int_equal(n, 1);
    tracker_close(t);
    DIR *d = opendir(f->dir);
    int entries = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        entries += e->d_name[0] != '.';
    closedir(d);
    assert_int_equal(entries, 0);
}


/* ---- damage, locks and the journal ---------------------------------------- */

static void test_empty_data_dir_is_no_folder(void **state)
{
    Fixture *f = *state;
    char message[512];
    Tracker *t = tracker_open("", f->program, message, sizeof message);
    assert_non_null(t);
    assert_non_null(strstr(message, "no folder name given"));
    assert_int_equal(tracker_session_begin(t, test_utc(2025, 5, 1, 6, 0)), 1);
    tracker_close(t);
}

/* A writer killed inside a big transaction in rollback-journal mode (as
 * version 1 saves were kept) leaves a hot journal and half-written pages.
 * The next open rolls it back instead of calling the file read-only or
 * damaged, and the save is migrated and written as usual. */
static void test_hot_journal_of_a_killed_writer_is_rolled_back(void **state)
{
    Fixture *f = *state;
    fixture_dir(f, "save_hot_journal");
    build_v1(f);
    size_t len_before;
    char *before = test_read_file(f->db, &len_before);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        sqlite3 *db;
        if (sqlite3_open(f->db, &db) != SQLITE_OK)
            _exit(3);
        /* A tiny cache makes SQLite spill pages into the file mid-transaction. */
        sqlite3_exec(db,
                     "PRAGMA cache_size=10; BEGIN;"
                     "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                     " WHERE i < 4000) INSERT INTO sessions(started_at, ended_at, finished)"
                     " SELECT i, i, 1 FROM n;"
                     "UPDATE sessions SET finished = 0;",
                     NULL, NULL, NULL);
        raise(SIGKILL);
        _exit(4);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    char journal[700];
    snprintf(journal, sizeof journal, "%s-journal", f->db);
    assert_true(exists(journal));
    size_t len_killed;
    char *killed = test_read_file(f->db, &len_killed);
    assert_true(len_killed != len_before || memcmp(killed, before, len_before) != 0);
    free(before);
    free(killed);

    char message[512];
    Tracker *t = tracker_open(f->dir, f->program, message, sizeof message);
    assert_string_equal(message, "");
    int n;
    const SaveSession *s = tracker_sessions(t, &n);
    assert_int_equal(n, 4); /* the killed transaction is gone */
    assert_true(s[2].finished);
    time_t start = test_utc(2025, 5, 1, 6, 0);
    assert_int_equal(tracker_session_begin(t, start), 0);
    assert_int_equal(record(t, f->program, 0, 0, result(10, 10, false), start + 60), 0);
    tracker_close(t);
    assert_int_equal(count_entries(f->dir, SAVE_FILE_NAME ".broken-"), 0);
    assert_int_equal(db_int(f->db, "PRAGMA user_version"), SAVE_SCHEMA_VERSION);
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM exercises"), 7);
}

/* A save made by a first tracker, with one finished session. */
static void make_save_with_one_session(Fixture *f, const char *name)
{
    fixture_dir(f, name);
    char message[512];
    Tracker *t = tracker_open(f->dir, f->program, message, sizeof message);
    assert_string_equal(message, "");
    time_t start = test_utc(2025, 4, 30, 6, 0);
    assert_int_equal(tracker_session_begin(t, start), 0);
    assert_int_equal(record(t, f->program, 0, 0, result(10, 10, false), start + 60), 0);
    assert_int_equal(tracker_session_end(t, true, start + 120), 0);
    tracker_close(t);
}

/* Another program's connection that holds the save: the write lock (others
 * still read), or in exclusive locking mode (nobody else even reads). */
static sqlite3 *hold_save(const char *db_path, bool exclusive)
{
    sqlite3 *h;
    assert_int_equal(sqlite3_open_v2(db_path, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
    const char *sql = exclusive ? "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE;"
                                  " UPDATE settings SET value = value;"
                                : "BEGIN IMMEDIATE;";
    assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
    return h;
}

static void release_save(sqlite3 *h)
{
    sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(h);
}

static void test_write_locked_save_queues_results_and_catches_up(void **state)
{
    Fixture *f = *state;
    make_save_with_one_session(f, "save_write_locked");
    char pending[700];
    snprintf(pending, sizeof pending, "%s/%s", f->dir, JOURNAL_FILE_NAME);
    sqlite3 *holder = hold_save(f->db, false);

    char message[512];
    Tracker *t = tracker_open(f->dir, f->program, message, sizeof message);
    assert_non_null(strstr(message, "in use"));
    int n;
    tracker_sessions(t, &n);
    assert_int_equal(n, 1); /* the history is read all the same */
    time_t start = test_utc(2025, 5, 1, 6, 0);
    assert_int_equal(tracker_session_begin(t, start), 2);
    assert_int_equal(record(t, f->program, 0, 0, result(10, 10, false), start + 60), 2);
    assert_int_equal(record(t, f->program, 1, 0, result(10, 10, false), start + 120), 2);
    assert_int_equal(tracker_session_end(t, true, start + 180), 2);
    assert_true(exists(pending));
    assert_int_equal(count_entries(f->dir, SAVE_FILE_NAME ".broken-"), 0);

    release_save(holder);
    assert_int_equal(tracker_session_begin(t, start + 86400), 0);
    assert_non_null(strstr(tracker_message(t), "writable again"));
    tracker_close(t);
    assert_false(exists(pending));
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM exercises"), 3);
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM sessions"), 3);
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM sessions WHERE finished"), 2);
}

static void test_exclusively_held_save_is_merged_at_the_next_start(void **state)
{
    Fixture *f = *state;
    make_save_with_one_session(f, "save_exclusive_lock");
    sqlite3 *holder = hold_save(f->db, true);
    size_t len;
    char *original = test_read_file(f->db, &len);

    char message[512];
    Tracker *t = tracker_open(f->dir, f->program, message, sizeof message);
    assert_non_null(strstr(message, "in use"));
    time_t start = test_utc(2025, 5, 1, 6, 0);
    assert_int_equal(tracker_session_begin(t, start), 2);
    assert_int_equal(record(t, f->program, 0, 0, result(10, 10, false), start + 60), 2);
    assert_int_equal(tracker_session_end(t, true, start + 120), 2);
    tracker_close(t); /* still held: the results stay in the journal */
    size_t len_after;
    char *after = test_read_file(f->db, &len_after);
    assert_int_equal(len_after, len);
    assert_memory_equal(after, original, len); /* not touched, not moved */
    free(original);
    free(after);
    assert_int_equal(count_entries(f->dir, SAVE_FILE_NAME ".broken-"), 0);
    release_save(holder);

    t = tracker_open(f->dir, f->program, message, sizeof message);
    assert_non_null(strstr(message, "1 exercise result that could not be saved before was "
                                    "saved now"));
    int n;
    const SaveSession *s = tracker_sessions(t, &n);
    assert_int_equal(n, 2);
    assert_true(s[1].finished);
    assert_int_equal(s[1].start_utc, start);
    tracker_exercises(t, &n);
    assert_int_equal(n, 2);
    tracker_close(t);
    assert_int_equal(count_entries(f->dir, JOURNAL_FILE_NAME), 0);
}

/* The back pain asked before and after a session: written with the
 * session; and when the save is held, journaled with it and merged at the
 * next start, never lost or taken back. */
static void test_back_pain_around_a_session_is_kept(void **state)
{
    Fixture *f = *state;
    make_save_with_one_session(f, "save_back_pain");
    char message[512];
    Tracker *t = tracker_open(f->dir, f->program, message, sizeof message);
    time_t start = test_utc(2025, 5, 1, 6, 0);
    assert_int_equal(tracker_session_begin(t, start), 0);
    assert_int_equal(tracker_rate_back_pain(t, BACK_PAIN_BEFORE, 6), 0);
    assert_int_equal(record(t, f->program, 0, 0, result(10, 10, false), start + 60), 0);
    assert_int_equal(tracker_session_end(t, true, start + 120), 0);
    assert_int_equal(tracker_rate_back_pain(t, BACK_PAIN_AFTER, 0), 0); /* 0 is a score */
    assert_int_equal(tracker_rate_back_pain(t, BACK_PAIN_AFTER, 11), -1);
    tracker_close(t);
    assert_int_equal(db_int(f->db, "SELECT back_pain_before FROM sessions WHERE id = 2"), 6);
    assert_int_equal(db_int(f->db, "SELECT back_pain_after FROM sessions WHERE id = 2"), 0);
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM sessions WHERE back_pain_before IS NULL"
                                   " AND back_pain_after IS NULL"), 1); /* the first: not asked */

    /* Held by another program: into the journal, then merged. */
    sqlite3 *holder = hold_save(f->db, true);
    t = tracker_open(f->dir, f->program, message, sizeof message);
    start += 86400;
    assert_int_equal(tracker_session_begin(t, start), 2);
    assert_int_equal(tracker_rate_back_pain(t, BACK_PAIN_BEFORE, 4), 2);
    assert_int_equal(record(t, f->program, 0, 0, result(10, 10, false), start + 60), 2);
    assert_int_equal(tracker_session_end(t, true, start + 120), 2);
    assert_int_equal(tracker_rate_back_pain(t, BACK_PAIN_AFTER, 2), 2);
    tracker_close(t);
    release_save(holder);
    t = tracker_open(f->dir, f->program, message, sizeof message);
    int n;
    const SaveSession *rows = tracker_sessions(t, &n);
    assert_int_equal(n, 3);
    assert_true(rows[2].back_pain_rated[BACK_PAIN_BEFORE]);
    assert_int_equal(rows[2].back_pain[BACK_PAIN_BEFORE], 4);
    assert_true(rows[2].back_pain_rated[BACK_PAIN_AFTER]);
    assert_int_equal(rows[2].back_pain[BACK_PAIN_AFTER], 2);
    assert_true(rows[1].back_pain_rated[BACK_PAIN_AFTER]);
    assert_int_equal(rows[1].back_pain[BACK_PAIN_AFTER], 0);
    tracker_close(t);
    assert_int_equal(count_entries(f->dir, JOURNAL_FILE_NAME), 0);
}

/* A pain stop's score comes a moment after its row.  While the save is
 * held, the score is journaled: with a row that waits in the journal
 * already, and with a row that was written before the save was taken;
 * both scores are in the save after the next start. */
static void test_pain_score_given_while_the_save_is_held_is_journaled(void **state)
{
    Fixture *f = *state;
    make_save_with_one_session(f, "save_pain_journaled");
    char message[512];
    Tracker *t = tracker_open(f->dir, f->program, message, sizeof message);
    const Level *bridge = &f->program->tracks[1].levels[0];
    time_t start = test_utc(2025, 5, 1, 6, 0);
    assert_int_equal(tracker_session_begin(t, start), 0);
    assert_int_equal(record(t, f->program, 1, 0, result(3, 10, true), start + 60), 0);
    sqlite3 *holder = hold_save(f->db, false); /* the write lock: we have it open */
    /* Written row, save held: the score goes to the journal. */
    assert_int_equal(tracker_set_pain_score(t, bridge, 8, PAIN_PLACE_LEG), 2);
    tracker_close(t);
    release_save(holder);
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM exercises WHERE pain_score IS NULL"
                                   " AND pain"), 1); /* not yet: it waits */

    holder = hold_save(f->db, true);
    t = tracker_open(f->dir, f->program, message, sizeof message);
    start += 86400;
    assert_int_equal(tracker_session_begin(t, start), 2);
    assert_int_equal(record(t, f->program, 1, 0, result(2, 10, true), start + 60), 2);
    /* A journaled row, its score after it. */
    assert_int_equal(tracker_set_pain_score(t, bridge, 5, PAIN_PLACE_LOW_BACK), 2);
    assert_int_equal(tracker_session_end(t, true, start + 120), 2);
    tracker_close(t);
    release_save(holder);

    t = tracker_open(f->dir, f->program, message, sizeof message);
    assert_non_null(strstr(message, "saved now"));
    int n;
    const SaveExercise *e = tracker_exercises(t, &n);
    assert_int_equal(n, 3);
    assert_int_equal(e[1].pain_score, 8);
    assert_int_equal(e[1].pain_place, PAIN_PLACE_LEG);
    assert_int_equal(e[2].pain_score, 5);
    assert_int_equal(e[2].pain_place, PAIN_PLACE_LOW_BACK);
    /* Rated 7 or more: the advice stands, from the journaled score. */
    assert_true(tracker_progress(t)->see_pt_advice[1]);
    tracker_close(t);
    assert_int_equal(count_entries(f->dir, JOURNAL_FILE_NAME), 0);
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM exercises WHERE pain_score IS NULL"
                                   " AND pain"), 0);
}

/* A file that looks damaged is not moved aside while another corequest has
 * the save open (it holds the lock file shared, as this test does). */
static void test_damaged_save_is_left_while_another_corequest_has_it(void **state)
{
    Fixture *f = *state;
    fixture_dir(f, "save_damaged_in_use");
    char junk[4096];
    memset(junk, 'x', sizeof junk);
    write_file(f->db, junk, sizeof junk);
    char lock_path[700];
    snprintf(lock_path, sizeof lock_path, "%s/%s", f->dir, SAVE_LOCK_NAME);
    int other = open(lock_path, O_RDWR | O_CREAT, 0600);
    assert_true(other >= 0);
    assert_int_equal(file_lock(other, false, 0), 0);

    char message[512];
    Tracker *t = tracker_open(f->dir, f->program, message, sizeof message);
    assert_non_null(strstr(message, "another corequest has it open"));
    time_t start = test_utc(2025, 5, 1, 6, 0);
    assert_int_equal(tracker_session_begin(t, start), 2);
    assert_int_equal(record(t, f->program, 0, 0, result(10, 10, false), start + 60), 2);
    assert_int_equal(count_entries(f->dir, SAVE_FILE_NAME ".broken-"), 0);

    close(other); /* the other corequest ends */
    assert_int_equal(record(t, f->program, 1, 0, result(10, 10, false), start + 120), 0);
    assert_non_null(strstr(tracker_message(t), "writable again"));
    tracker_close(t);
    assert_int_equal(count_entries(f->dir, SAVE_FILE_NAME ".broken-"), 1);
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM exercises"), 2);
}

/* Two results as the journal holds them, for a fresh session. */
static void make_pending(Fixture *f, SavePending items[2], time_t start)
{
    memset(items, 0, 2 * sizeof *items);
    for (int i = 0; i < 2; i++) {
        SavePending *p = &items[i];
        if (i == 0)
            save_new_key(p->session.key);
        else
            p->session = items[0].session;
        p->session.start_utc = start;
        p->session.local_day = save_local_day(start, 4, &p->session.utc_offset_s);
        p->has_exercise = true;
        save_new_key(p->exercise.key);
        p->exercise.at_utc = start + 60 * (i + 1);
        snprintf(p->exercise.track_id, sizeof p->exercise.track_id, "%s",
                 f->program->tracks[i].id);
        snprintf(p->exercise.level_id, sizeof p->exercise.level_id, "%s",
                 f->program->tracks[i].levels[0].id);
        p->exercise.reps_done = p->exercise.reps_target = 10;
        p->exercise.reps_left = p->exercise.reps_right = -1;
        snprintf(p->exercise.sides, sizeof p->exercise.sides, "none");
        p->exercise.duration_ms = 60000;
    }
    items[1].session.end_utc = start + 300;
    items[1].session.finished = true;
}

/* Killed after the merge committed and before the journal was removed: the
 * next start merges the same lines again and counts nothing twice. */
static void test_journal_merged_twice_counts_once(void **state)
{
    Fixture *f = *state;
    make_save_with_one_session(f, "save_journal_twice");
    SavePending items[2];
    time_t start = test_utc(2025, 5, 1, 6, 0);
    make_pending(f, items, start);
    char why[256];
    assert_int_equal(journal_append(f->dir, items, 2, why, sizeof why), 0);

    char notice[512];
    Save *s = NULL;
    assert_int_equal(save_open(f->dir, SAVE_WAIT_MS, &s, notice, sizeof notice), SAVE_OPEN_OK);
    Journal *j;
    SavePending *read;
    int count, unreadable, added;
    assert_int_equal(journal_take(f->dir, 0, &j, &read, &count, &unreadable, why, sizeof why),
                     0);
    assert_non_null(j);
    assert_int_equal(count, 2);
    assert_int_equal(unreadable, 0);
    assert_int_equal(save_merge_pending(s, read, count, &added), 0);
    assert_int_equal(added, 2);
    journal_release(j); /* "killed" before journal_clear */
    free(read);
    save_close(s);

    char message[512];
    Tracker *t = tracker_open(f->dir, f->program, message, sizeof message);
    assert_string_equal(message, ""); /* nothing was new */
    int n;
    tracker_exercises(t, &n);
    assert_int_equal(n, 3);
    const SaveSession *sessions = tracker_sessions(t, &n);
    assert_int_equal(n, 2);
    assert_true(sessions[1].finished);
    tracker_close(t);
    assert_int_equal(count_entries(f->dir, JOURNAL_FILE_NAME), 0);
    assert_int_equal(db_int(f->db, "SELECT count(*) FROM exercises"), 3);
}

/* A line cut short by a kill while it was appended is skipped; the lines
 * appended after it still count. */
static void test_cut_short_journal_line_is_skipped(void **state)
{
    Fixture *f = *state;
    make_save_with_one_session(f, "save_journal_torn");
    SavePending items[2];
    make_pending(f, items, test_utc(2025, 5, 1, 6, 0));
    char why[256];
    assert_int_equal(journal_append(f->dir, items, 1, why, sizeof why), 0);
    char pending[700];
    snprintf(pending, sizeof pending, "%s/%s", f->dir, JOURNAL_FILE_NAME);
    FILE *fp = fopen(pending, "ab");
    assert_non_null(fp);
    fputs("{\"v\":1,\"session\":{\"key\":\"01", fp);
    fclose(fp);
    assert_int_equal(journal_append(f->dir, items + 1, 1, why, sizeof why), 0);

    char message[512];
    Tracker *t = tracker_open(f->dir, f->program, message, sizeof message);
    assert_non_null(strstr(message, "2 exercise results"));
    assert_non_null(strstr(message, "1 unreadable line"));
    int n;
    tracker_exercises(t, &n);
    assert_int_equal(n, 3);
    tracker_close(t);
    assert_false(exists(pending));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fresh_save_is_created, setup, teardown),
        cmocka_unit_test_setup_teardown(test_reopen_keeps_everything, setup, teardown),
        cmocka_unit_test_setup_teardown(test_voice_settings_survive_a_reopen_within_bounds,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_migration_from_v1_keeps_the_data, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migration_from_v3_adds_the_rating, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_view_of_v1_leaves_the_file_alone, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corrupt_file_is_moved_aside_and_kept, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_pages_are_found_and_moved_aside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_foreign_sqlite_file_is_moved_aside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_newer_save_is_left_untouched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unwritable_folder_keeps_results_and_retries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_disk_keeps_results_and_retries, setup, teardown),
        cmocka_unit_test_setup_teardown(test_memory_only_tracker_writes_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_data_dir_is_no_folder, setup, teardown),
        cmocka_unit_test_setup_teardown(test_hot_journal_of_a_killed_writer_is_rolled_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_locked_save_queues_results_and_catches_up, setup, teardown),
        cmocka_unit_test_setup_teardown(test_back_pain_around_a_session_is_kept, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_pain_score_given_while_the_save_is_held_is_journaled,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_exclusively_held_save_is_merged_at_the_next_start, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_save_is_left_while_another_corequest_has_it, setup, teardown),
        cmocka_unit_test_setup_teardown(test_journal_merged_twice_counts_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_cut_short_journal_line_is_skipped, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migration_from_v4_adds_the_weekly_check, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
