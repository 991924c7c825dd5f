/* test_save_faults.c: the real `corequest --simulate` against the faults a
 * save meets: a kill inside creation or a migration (landed there for sure
 * by COREQUEST_SAVE_TEST_HOOK), two copies on one data folder, a save
 * another process holds locked for longer than a session, a kill between
 * the journal merge and its clearing, and odd --data-dir values.  argv[1]
 * is the binary.  Every run is bounded in time (RUN_LIMIT_S). */
#define _XOPEN_SOURCE 700 /* realpath */
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
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "journal.h"
#include "save.h"
#include "test_support.h"

enum { RUN_LIMIT_S = 120, DAILY_EXERCISES = 8 };

static const char *corequest_binary;

/* ---- running the binary --------------------------------------------------- */

typedef struct {
    const char *hook; /* COREQUEST_SAVE_TEST_HOOK, or NULL */
    const char *cwd;  /* working folder, or NULL */
    char out[700];    /* where stdout and stderr went */
    char err[700];
    pid_t pid;
} Run;

/* Starts corequest with args (NULL-terminated); stdout and stderr go to
 * files named after tag in dir. */
static void run_start(Run *r, const char *dir, const char *tag, const char *const *args)
{
    snprintf(r->out, sizeof r->out, "%s/%s.out", dir, tag);
    snprintf(r->err, sizeof r->err, "%s/%s.err", dir, tag);
    const char *argv[16];
    int n = 0;
    argv[n++] = corequest_binary;
    for (int i = 0; args[i] && n < 15; i++)
        argv[n++] = args[i];
    argv[n] = NULL;
    fflush(stdout);
    fflush(stderr);
    r->pid = fork();
    assert_true(r->pid >= 0);
    if (r->pid == 0) {
        int out = open(r->out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int err = open(r->err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (out < 0 || err < 0 || (r->cwd && chdir(r->cwd) != 0))
            _exit(126);
        dup2(out, STDOUT_FILENO);
        dup2(err, STDERR_FILENO);
        if (r->hook)
            setenv("COREQUEST_SAVE_TEST_HOOK", r->hook, 1);
        else
            unsetenv("COREQUEST_SAVE_TEST_HOOK");
        execv(corequest_binary, (char *const *)argv);
        _exit(127);
    }
}

/* Waits for the run, at most RUN_LIMIT_S; returns the wait status. */
static int run_wait(Run *r)
{
    int status = 0;
    for (int waited_ms = 0;; waited_ms += 10) {
        pid_t got = waitpid(r->pid, &status, WNOHANG);
        if (got == r->pid)
            return status;
        assert_int_equal(got, 0);
        if (waited_ms > RUN_LIMIT_S * 1000) {
            kill(r->pid, SIGKILL);
            waitpid(r->pid, &status, 0);
            fail_msg("corequest ran longer than %d s", RUN_LIMIT_S);
        }
        struct timespec ts = {0, 10 * 1000000L};
        nanosleep(&ts, NULL);
    }
}

static int run(Run *r, const char *dir, const char *tag, const char *const *args)
{
    run_start(r, dir, tag, args);
    return run_wait(r);
}

static void assert_exited_ok(const Run *r, int status)
{
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        size_t len;
        char *err = test_read_file(r->err, &len);
        fail_msg("corequest failed (status %d): %s", status, err ? err : "");
    }
}

static void assert_killed(int status)
{
    assert_true(WIFSIGNALED(status));
    assert_int_equal(WTERMSIG(status), SIGKILL);
}

/* How many exercise_done lines the run printed with saved=<saved>. */
static int count_done(const Run *r, const char *saved)
{
    size_t len;
    char *text = test_read_file(r->out, &len);
    assert_non_null(text);
    char want[32];
    snprintf(want, sizeof want, "saved=%s", saved);
    int n = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char *s = strstr(line, "saved=");
        n += strstr(line, " exercise_done ") && s && strcmp(s, want) == 0;
    }
    free(text);
    return n;
}

static bool file_has(const char *path, const char *needle)
{
    size_t len;
    char *text = test_read_file(path, &len);
    bool found = text && strstr(text, needle);
    free(text);
    return found;
}

static size_t file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (size_t)st.st_size : 0;
}

/* ---- looking at the save ---------------------------------------------------- */

static int64_t db_int(const char *dir, const char *sql)
{
    char path[700];
    snprintf(path, sizeof path, "%s/%s", dir, SAVE_FILE_NAME);
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

static void assert_nothing_moved_aside(const char *dir)
{
    assert_int_equal(count_entries(dir, SAVE_FILE_NAME ".broken-"), 0);
}

/* A fresh scratch folder with the save folder "data" inside it. */
static void scratch(const char *name, char *dir, size_t size, char *data, size_t data_size)
{
    test_make_fresh_dir(name, dir, size);
    snprintf(data, data_size, "%s/data", dir);
}

static const char *const DAILY[] = {"--simulate", "--mode", "tempo", "--data-dir", NULL, NULL};
static const char *const ONE_LEVEL[] = {"--simulate", "--mode", "tempo", "--level",
                                        "pelvic_tilt_1", "--data-dir", NULL, NULL};

static void with_dir(const char *const *args, const char *data, const char **out)
{
    int i = 0;
    for (; args[i]; i++)
        out[i] = args[i];
    out[i++] = data;
    out[i] = NULL;
}

/* ---- kills inside creation and migration ------------------------------------ */

static void test_kill_during_creation_then_next_run_saves(void **state)
{
    (void)state;
    char dir[600], data[700];
    scratch("faults_kill_create", dir, sizeof dir, data, sizeof data);
    const char *args[8];
    with_dir(ONE_LEVEL, data, args);
    Run r = {.hook = "create:kill"};
    assert_killed(run(&r, dir, "killed", args));
    char db[800];
    snprintf(db, sizeof db, "%s/%s", data, SAVE_FILE_NAME);
    assert_true(file_size(db) > 0); /* killed with the file half made */

    Run next = {0};
    assert_exited_ok(&next, run(&next, dir, "next", args));
    assert_int_equal(count_done(&next, "yes"), 1);
    assert_int_equal(file_size(next.err), 0); /* nothing to tell: no damage, no notice */
    assert_nothing_moved_aside(data);
    assert_int_equal(db_int(data, "PRAGMA user_version"), SAVE_SCHEMA_VERSION);
    assert_int_equal(db_int(data, "SELECT count(*) FROM exercises"), 1);
}

static void build_v1(const char *data)
{
    mkdir(data, 0700);
    char db_path[800];
    snprintf(db_path, sizeof db_path, "%s/%s", data, SAVE_FILE_NAME);
    size_t len;
    char *sql = test_read_file(TEST_DATA_DIR "/save_v1/corequest-v1.sql", &len);
    assert_non_null(sql);
    sqlite3 *db;
    assert_int_equal(sqlite3_open(db_path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
    free(sql);
}

/* Killed in the first step (v1 -> v2: still v1 afterwards) or the second
 * (v2 -> v3: v2 afterwards); either way the next run migrates the rest and
 * saves, and the version 1 history is all there. */
static void test_kill_during_migration_then_next_run_saves(void **state)
{
    (void)state;
    static const char *const hooks[] = {"migrate-to-2:kill", "migrate-to-3:kill"};
    for (int i = 0; i < 2; i++) {
        char dir[600], data[700], name[64];
        snprintf(name, sizeof name, "faults_kill_migrate_%d", i + 2);
        scratch(name, dir, sizeof dir, data, sizeof data);
        build_v1(data);
        const char *args[8];
        with_dir(ONE_LEVEL, data, args);
        Run r = {.hook = hooks[i]};
        assert_killed(run(&r, dir, "killed", args));
        assert_int_equal(db_int(data, "PRAGMA user_version"), i + 1); /* old schema kept */

        Run next = {0};
        assert_exited_ok(&next, run(&next, dir, "next", args));
        assert_int_equal(count_done(&next, "yes"), 1);
        assert_int_equal(file_size(next.err), 0);
        assert_nothing_moved_aside(data);
        assert_int_equal(db_int(data, "PRAGMA user_version"), SAVE_SCHEMA_VERSION);
        assert_int_equal(db_int(data, "SELECT count(*) FROM sessions"), 4 + 1);
        assert_int_equal(db_int(data, "SELECT count(*) FROM exercises"), 6 + 1);
    }
}

/* ---- two copies at once ---------------------------------------------------- */

/* Two whole daily sessions at once on one folder, three times: the first
 * time both create the save together (the creator pauses inside its
 * creation transaction so the other must wait for it), and each exercise
 * commit pauses a little so the two sessions overlap.  The assertions
 * hold however the two interleave. */
static void test_two_copies_on_one_folder_lose_nothing(void **state)
{
    (void)state;
    char dir[600], data[700];
    scratch("faults_two_copies", dir, sizeof dir, data, sizeof data);
    const char *args[8];
    with_dir(DAILY, data, args);
    for (int round = 0; round < 3; round++) {
        Run a = {.hook = "create:pause=150,exercise:pause=15"};
        Run b = {.hook = "create:pause=150,exercise:pause=15"};
        char ta[32], tb[32];
        snprintf(ta, sizeof ta, "a%d", round);
        snprintf(tb, sizeof tb, "b%d", round);
        run_start(&a, dir, ta, args);
        run_start(&b, dir, tb, args);
        assert_exited_ok(&a, run_wait(&a));
        assert_exited_ok(&b, run_wait(&b));
        assert_int_equal(count_done(&a, "yes"), DAILY_EXERCISES);
        assert_int_equal(count_done(&b, "yes"), DAILY_EXERCISES);
        assert_int_equal(file_size(a.err), 0);
        assert_int_equal(file_size(b.err), 0);
        assert_nothing_moved_aside(data);
        assert_int_equal(count_entries(data, JOURNAL_FILE_NAME), 0);
        assert_int_equal(db_int(data, "SELECT count(*) FROM sessions"), 2 * (round + 1));
        assert_int_equal(db_int(data, "SELECT count(*) FROM exercises"),
                         2 * DAILY_EXERCISES * (round + 1));
        assert_int_equal(db_int(data, "SELECT count(*) FROM sessions WHERE finished"),
                         2 * (round + 1));
    }
}

/* ---- a save held by another program ------------------------------------------ */

typedef struct {
    pid_t pid;
    int release_fd; /* closing it lets the holder go */
} Holder;

/* Another process opens the save and holds it: the write lock (readers go
 * on), or in exclusive locking mode (nobody else reads either).  Returns
 * once the lock is taken. */
static Holder hold_save(const char *data, bool exclusive)
{
    int ready[2], release[2];
    assert_int_equal(pipe(ready), 0);
    assert_int_equal(pipe(release), 0);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(ready[0]);
        close(release[1]);
        char path[800];
        snprintf(path, sizeof path, "%s/%s", data, SAVE_FILE_NAME);
        sqlite3 *db;
        const char *sql = exclusive ? "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE;"
                                      " UPDATE settings SET value = value;"
                                    : "BEGIN IMMEDIATE;";
        if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
            sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
            _exit(3);
        if (write(ready[1], "r", 1) != 1)
            _exit(4);
        char c;
        while (read(release[0], &c, 1) > 0) {
        }
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        sqlite3_close(db);
        _exit(0);
    }
    close(ready[1]);
    close(release[0]);
    char c = 0;
    assert_int_equal(read(ready[0], &c, 1), 1);
    close(ready[0]);
    return (Holder){pid, release[1]};
}

static void release_save(Holder h)
{
    close(h.release_fd);
    int status;
    assert_int_equal(waitpid(h.pid, &status, 0), h.pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* The save is held for longer than a whole daily session: every result of
 * it waits in the journal (saved=queued), nothing is moved aside, and the
 * next start, once the save is free, saves every one of them. */
static void locked_for_a_session(const char *name, bool exclusive)
{
    char dir[600], data[700];
    scratch(name, dir, sizeof dir, data, sizeof data);
    const char *one[8], *daily[8];
    with_dir(ONE_LEVEL, data, one);
    with_dir(DAILY, data, daily);
    Run first = {0};
    assert_exited_ok(&first, run(&first, dir, "first", one));

    Holder h = hold_save(data, exclusive);
    Run locked = {0};
    assert_exited_ok(&locked, run(&locked, dir, "locked", daily));
    assert_int_equal(count_done(&locked, "queued"), DAILY_EXERCISES);
    assert_true(file_has(locked.err, "in use by another program"));
    assert_nothing_moved_aside(data);
    char pending[800];
    snprintf(pending, sizeof pending, "%s/%s", data, JOURNAL_FILE_NAME);
    assert_true(file_size(pending) > 0);
    release_save(h);

    Run next = {0};
    assert_exited_ok(&next, run(&next, dir, "next", one));
    assert_true(file_has(next.err, "8 exercise results that could not be saved before were "
                                   "saved now"));
    assert_int_equal(count_done(&next, "yes"), 1);
    assert_nothing_moved_aside(data);
    assert_int_equal(count_entries(data, JOURNAL_FILE_NAME), 0);
    assert_int_equal(db_int(data, "SELECT count(*) FROM exercises"), 1 + DAILY_EXERCISES + 1);
    assert_int_equal(db_int(data, "SELECT count(*) FROM sessions"), 3);
    /* The held session was a whole daily session: its end counts. */
    assert_int_equal(db_int(data, "SELECT count(*) FROM sessions WHERE finished"), 1);
}

static void test_write_locked_save_longer_than_a_session_loses_nothing(void **state)
{
    (void)state;
    locked_for_a_session("faults_write_locked", false);
}

static void test_exclusively_held_save_longer_than_a_session_loses_nothing(void **state)
{
    (void)state;
    locked_for_a_session("faults_exclusive", true);
}

/* Killed after the journal's lines were merged and before the journal was
 * removed: the run after that finds them written and counts none twice. */
static void test_kill_between_merge_and_clear_counts_once(void **state)
{
    (void)state;
    char dir[600], data[700];
    scratch("faults_kill_merge", dir, sizeof dir, data, sizeof data);
    const char *one[8];
    with_dir(ONE_LEVEL, data, one);
    Run first = {0};
    assert_exited_ok(&first, run(&first, dir, "first", one));
    Holder h = hold_save(data, false);
    Run locked = {0};
    assert_exited_ok(&locked, run(&locked, dir, "locked", one));
    assert_int_equal(count_done(&locked, "queued"), 1);
    release_save(h);

    Run killed = {.hook = "merge:kill"};
    assert_killed(run(&killed, dir, "killed", one));
    char pending[800];
    snprintf(pending, sizeof pending, "%s/%s", data, JOURNAL_FILE_NAME);
    assert_true(file_size(pending) > 0); /* merged, but still there */
    assert_int_equal(db_int(data, "SELECT count(*) FROM exercises"), 2);

    Run next = {0};
    assert_exited_ok(&next, run(&next, dir, "next", one));
    assert_false(file_has(next.err, "saved now")); /* nothing was new */
    assert_int_equal(count_entries(data, JOURNAL_FILE_NAME), 0);
    assert_int_equal(db_int(data, "SELECT count(*) FROM exercises"), 3);
    assert_int_equal(db_int(data, "SELECT count(*) FROM sessions"), 3);
}

/* ---- --data-dir ------------------------------------------------------------ */

static int count_lines(const char *path)
{
    size_t len;
    char *text = test_read_file(path, &len);
    assert_non_null(text);
    int n = 0;
    for (size_t i = 0; i < len; i++)
        n += text[i] == '\n';
    free(text);
    return n;
}

static void test_empty_data_dir_is_a_one_line_error(void **state)
{
    (void)state;
    char dir[600];
    test_make_fresh_dir("faults_empty_dir", dir, sizeof dir);
    static const char *const modes[][4] = {
        {"--simulate", "--data-dir", "", NULL},
        {"--history", "--data-dir", "", NULL},
        {"--simulate", "--data-dir", "--mode", NULL},
    };
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        Run r = {.cwd = dir};
        char tag[16];
        snprintf(tag, sizeof tag, "run%zu", i);
        int status = run(&r, dir, tag, modes[i]);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 2);
        assert_int_equal(count_lines(r.err), 1);
        assert_true(file_has(r.err, "--data-dir needs a folder"));
        assert_int_equal(file_size(r.out), 0);
    }
    /* Nothing was created where it ran (only the two output files). */
    assert_int_equal(count_entries(dir, SAVE_FILE_NAME), 0);
}

static void test_relative_data_dir_is_made_absolute(void **state)
{
    (void)state;
    char dir[600];
    test_make_fresh_dir("faults_relative_dir", dir, sizeof dir);
    static const char *const simulate[] = {"--simulate", "--mode", "tempo", "--level",
                                           "pelvic_tilt_1", "--data-dir", "./rel/", NULL};
    Run r = {.cwd = dir};
    assert_exited_ok(&r, run(&r, dir, "simulate", simulate));
    assert_int_equal(count_done(&r, "yes"), 1);
    char data[700];
    snprintf(data, sizeof data, "%s/rel", dir);
    assert_int_equal(db_int(data, "SELECT count(*) FROM exercises"), 1);

    static const char *const history[] = {"--history", "--data-dir", "rel", NULL};
    Run h = {.cwd = dir};
    assert_exited_ok(&h, run(&h, dir, "history", history));
    char heading[800];
    snprintf(heading, sizeof heading, "corequest history (%s)", data);
    assert_true(file_has(h.out, heading));

    static const char *const on_a_file[] = {"--history", "--data-dir", "rel/corequest.db",
                                            NULL};
    Run f = {.cwd = dir};
    int status = run(&f, dir, "file", on_a_file);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 2);
    assert_true(file_has(f.err, "is a file, not a folder"));
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH-TO-COREQUEST\n", argv[0]);
        return 2;
    }
    /* Absolute, because some runs start in another working folder. */
    static char binary[4096];
    if (!realpath(argv[1], binary)) {
        fprintf(stderr, "%s: %s: %s\n", argv[0], argv[1], strerror(errno));
        return 2;
    }
    corequest_binary = binary;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kill_during_creation_then_next_run_saves),
        cmocka_unit_test(test_kill_during_migration_then_next_run_saves),
        cmocka_unit_test(test_two_copies_on_one_folder_lose_nothing),
        cmocka_unit_test(test_write_locked_save_longer_than_a_session_loses_nothing),
        cmocka_unit_test(test_exclusively_held_save_longer_than_a_session_loses_nothing),
        cmocka_unit_test(test_kill_between_merge_and_clear_counts_once),
        cmocka_unit_test(test_empty_data_dir_is_a_one_line_error),
        cmocka_unit_test(test_relative_data_dir_is_made_absolute),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
