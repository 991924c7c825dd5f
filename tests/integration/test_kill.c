/* test_kill.c: finished exercises survive a crash.  A child records daily
 * sessions and is killed with SIGKILL at seeded random moments; after each
 * kill every exercise it reported is in the save, in order, and the save
 * opens healthy.  With a path argument, the real `corequest --simulate
 * --data-dir DIR` is the child instead. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "levels_load.h"
#include "test_support.h"
#include "tracker.h"

enum { KILLS = 36, CHILD_SESSIONS = 400, LINES_MAX = 4096 };

static const char *corequest_binary; /* argv[1], may be NULL */

/* xorshift32: the same kills on every run. */
static uint32_t rng_state;
static uint32_t rng_next(void)
{
    uint32_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return rng_state = x;
}

static void sleep_us(long us)
{
    struct timespec ts = {us / 1000000, (us % 1000000) * 1000};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* ---- the child: records sessions as fast as it can ------------------------ */

static ExerciseResult child_result(const Level *level, uint32_t roll)
{
    ExerciseResult r;
    memset(&r, 0, sizeof r);
    int per_side = level->reps * (level->sets > 0 ? level->sets : 1);
    r.reps_target = per_side;
    r.started = r.finished = true;
    r.started_ms = 0;
    r.ended_ms = 1000 + (int64_t)(roll % 90000);
    switch (roll % 10) {
    case 0: /* a pain stop part way */
        r.pain = true;
        r.reps_done = per_side / 2;
        break;
    case 1:
        r.skipped = true;
        break;
    case 2:
        r.reps_done = per_side - 1;
        break;
    default:
        r.reps_done = per_side;
        break;
    }
    r.reps_left = r.reps_right = r.reps_done;
    return r;
}

static void child_main(const char *dir, time_t base, uint32_t seed)
{
    Program *p = malloc(sizeof *p);
    LevelErrors *errs = malloc(sizeof *errs);
    if (!p || !errs || levels_load_dir(TEST_LEVELS_DIR, p, errs) <= 0)
        _exit(3);
    char message[512];
    Tracker *t = tracker_open(dir, p, message, sizeof message);
    if (!t || message[0]) {
        fprintf(stderr, "child: %s\n", message);
        _exit(4);
    }
    rng_state = seed ? seed : 1;
    for (int s = 0; s < CHILD_SESSIONS; s++) {
        time_t start = base + (time_t)s * 86400;
        tracker_session_begin(t, start);
        Plan plan;
        tracker_plan_daily(t, &plan);
        for (int i = 0; i < plan.count; i++) {
            ExerciseResult r = child_result(plan.items[i].level, rng_next());
            time_t at = start + 60 * (i + 1);
            int status = tracker_exercise_done(t, &plan.items[i], &r, at, NULL);
            printf("%lld exercise_done %s reps=%d/%d pain=%s skipped=%s saved=%s\n",
                   (long long)at, plan.items[i].level->id, r.reps_done, r.reps_target,
                   r.pain ? "yes" : "no", r.skipped ? "yes" : "no",
                   status == 0 ? "yes" : "memory");
            fflush(stdout);
        }
        tracker_session_end(t, true, start + 3000);
    }
    tracker_close(t);
    free(p);
    free(errs);
    _exit(0);
}

/* ---- the parent ------------------------------------------------------------- */

typedef struct {
    long long at; /* -1 when the line has no wall time (the real binary) */
    char level[ID_MAX];
    int done, target;
    bool pain, skipped;
} Reported;

static bool parse_line(const char *line, Reported *r)
{
    char seconds[32], level[ID_MAX], pain[8], skipped[8], saved[16];
    if (sscanf(line, "%31s exercise_done %47s reps=%d/%d pain=%7s skipped=%7s saved=%15s",
               seconds, level, &r->done, &r->target, pain, skipped, saved) != 7)
        return false;
    /* Only a committed row may be reported as saved. */
    assert_string_equal(saved, "yes");
    r->at = strchr(seconds, '.') ? -1 : atoll(seconds);
    snprintf(r->level, sizeof r->level, "%s", level);
    r->pain = strcmp(pain, "yes") == 0;
    r->skipped = strcmp(skipped, "yes") == 0;
    return true;
}

static int64_t max_exercise_id(const char *db_path)
{
    struct stat st;
    if (stat(db_path, &st) != 0)
        return 0;
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, "SELECT coalesce(max(id), 0) FROM exercises", -1,
                                        &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    int64_t id = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(db);
    return id;
}

/* The rows written since after_id must begin with exactly what was
 * reported, in order; at most one more row (committed, not yet printed). */
static void check_save(const char *db_path, int64_t after_id, const Reported *rep, int n)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
    sqlite3_stmt *q;
    assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &q, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(q), SQLITE_ROW);
    assert_string_equal((const char *)sqlite3_column_text(q, 0), "ok");
    sqlite3_finalize(q);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT at_utc, level_id, reps_done, reps_target, pain,"
                                        " skipped FROM exercises WHERE id > ?1 ORDER BY id",
                                        -1, &q, NULL), SQLITE_OK);
    sqlite3_bind_int64(q, 1, after_id);
    int rows = 0;
    while (sqlite3_step(q) == SQLITE_ROW) {
        if (rows < n) {
            const Reported *r = &rep[rows];
            if (r->at >= 0)
                assert_int_equal(sqlite3_column_int64(q, 0), r->at);
            assert_string_equal((const char *)sqlite3_column_text(q, 1), r->level);
            assert_int_equal(sqlite3_column_int(q, 2), r->done);
            assert_int_equal(sqlite3_column_int(q, 3), r->target);
            assert_int_equal(sqlite3_column_int(q, 4), r->pain);
            assert_int_equal(sqlite3_column_int(q, 5), r->skipped);
        }
        rows++;
    }
    sqlite3_finalize(q);
    sqlite3_close(db);
    assert_true(rows >= n);
    assert_true(rows <= n + 1);
}

/* Starts the child with its stdout on a pipe; returns its pid. */
static pid_t spawn(const char *dir, time_t base, uint32_t seed, int *read_fd)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], STDOUT_FILENO);
        close(fds[1]);
        if (corequest_binary && seed == 0) {
            execl(corequest_binary, corequest_binary, "--simulate", "--mode", "tempo",
                  "--data-dir", dir, (char *)NULL);
            _exit(127);
        }
        child_main(dir, base, seed);
    }
    close(fds[1]);
    *read_fd = fds[0];
    return pid;
}

static void run_kills(const char *name, bool real_binary)
{
    char dir[600], db_path[700];
    mkdir(TEST_OUT_DIR, 0755);
    snprintf(dir, sizeof dir, "%s/%s", TEST_OUT_DIR, name);
    assert_true(test_remove_tree(dir));
    snprintf(db_path, sizeof db_path, "%s/%s", dir, SAVE_FILE_NAME);
    rng_state = 0x2545F491u;
    Reported *rep = calloc(LINES_MAX, sizeof *rep);
    int total_reported = 0, mid_run_kills = 0;

    for (int k = 0; k < KILLS; k++) {
        int64_t before = max_exercise_id(db_path);
        int kill_after = 1 + (int)(rng_next() % 12);
        long delay_us = (long)(rng_next() % 4000);
        uint32_t seed = real_binary ? 0 : rng_next() | 1u;
        time_t base = (time_t)1700000000 + (time_t)k * 500 * 86400;
        int fd;
        pid_t pid = spawn(dir, base, seed, &fd);
        FILE *in = fdopen(fd, "r");
        assert_non_null(in);
        char line[512];
        int n = 0;
        bool killed = false;
        while (fgets(line, sizeof line, in)) {
            size_t len = strlen(line);
            if (len == 0 || line[len - 1] != '\n')
                break; /* cut off by the kill: not reported */
            if (!strstr(line, " exercise_done "))
                continue;
            assert_true(n < LINES_MAX);
            assert_true(parse_line(line, &rep[n]));
            n++;
            if (!killed && n == kill_after) {
                sleep_us(delay_us); /* lands anywhere in the next commit */
                kill(pid, SIGKILL);
                killed = true;
            }
        }
        fclose(in);
        int status;
        assert_int_equal(waitpid(pid, &status, 0), pid);
        if (WIFSIGNALED(status)) {
            assert_int_equal(WTERMSIG(status), SIGKILL);
            mid_run_kills++;
        } else {
            /* Finished before the kill (the real binary runs one session). */
            assert_true(WIFEXITED(status));
            assert_int_equal(WEXITSTATUS(status), 0);
        }
        assert_true(n > 0);
        check_save(db_path, before, rep, n);
        total_reported += n;
    }
    /* The save still opens as a healthy corequest save. */
    int tracks;
    Program *p = test_load_program(TEST_LEVELS_DIR, &tracks, NULL);
    assert_true(tracks > 0);
    char message[512];
    Tracker *t = tracker_open(dir, p, message, sizeof message);
    assert_string_equal(message, "");
    int rows;
    tracker_exercises(t, &rows);
    assert_true(rows >= total_reported);
    tracker_close(t);
    free(p);
    free(rep);
    print_message("%d runs, %d killed mid-run, %d exercises reported and found\n", KILLS,
                  mid_run_kills, total_reported);
    if (!real_binary)
        assert_true(mid_run_kills == KILLS);
}

static void test_killed_child_loses_no_reported_exercise(void **state)
{
    (void)state;
    run_kills("save_kill", false);
}

static void test_killed_simulate_loses_no_reported_exercise(void **state)
{
    (void)state;
    run_kills("save_kill_binary", true);
}

int main(int argc, char **argv)
{
    corequest_binary = argc > 1 ? argv[1] : NULL;
    const struct CMUnitTest own_child[] = {
        cmocka_unit_test(test_killed_child_loses_no_reported_exercise),
    };
    const struct CMUnitTest real_binary[] = {
        cmocka_unit_test(test_killed_simulate_loses_no_reported_exercise),
    };
    if (corequest_binary)
        return cmocka_run_group_tests(real_binary, NULL, NULL);
    return cmocka_run_group_tests(own_child, NULL, NULL);
}
