/* test_support.c: the SDL-free helpers the cmocka tests share (see
 * test_support.h); compiled once into a library every test links. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "levels_load.h"
#include "progress.h"
#include "test_support.h"

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    /* A failure shows in the final check of test_remove_tree, not here. */
    if (type == FTW_DP)
        rmdir(path);
    else
        unlink(path);
    return 0;
}

bool test_remove_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT;
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return lstat(path, &st) != 0 && errno == ENOENT;
}

void test_make_fresh_dir(const char *name, char *out, size_t size)
{
    mkdir(TEST_OUT_DIR, 0755);
    snprintf(out, size, "%s/%s", TEST_OUT_DIR, name);
    test_remove_tree(out);
    assert_int_equal(mkdir(out, 0755), 0);
}

void test_make_unique_dir(const char *prefix, char *out, size_t size)
{
    mkdir(TEST_OUT_DIR, 0755);
    snprintf(out, size, "%s/%s_XXXXXX", TEST_OUT_DIR, prefix);
    assert_non_null(mkdtemp(out));
}

char *test_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    *len = fread(buf, 1, (size_t)n, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

char *test_capture_stdout(const char *tag, int stdin_fd, int (*run)(const void *ctx),
                          const void *ctx, int *status)
{
    char path[600];
    /* The pid keeps apart the executables that ctest runs side by side. */
    snprintf(path, sizeof path, "%s/%s_stdout_%ld.txt", TEST_OUT_DIR, tag, (long)getpid());
    fflush(stdout);
    int saved_out = dup(STDOUT_FILENO);
    int saved_in = stdin_fd >= 0 ? dup(STDIN_FILENO) : -1;
    int out = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
    assert_true(out >= 0 && saved_out >= 0 && (stdin_fd < 0 || saved_in >= 0));
    dup2(out, STDOUT_FILENO);
    close(out);
    if (stdin_fd >= 0)
        dup2(stdin_fd, STDIN_FILENO);
    *status = run(ctx);
    fflush(stdout);
    dup2(saved_out, STDOUT_FILENO);
    close(saved_out);
    if (stdin_fd >= 0) {
        dup2(saved_in, STDIN_FILENO);
        close(saved_in);
    }
    size_t len;
    char *text = test_read_file(path, &len);
    assert_non_null(text);
    remove(path);
    return text;
}

static void child_env(char *const env[])
{
    for (int i = 0; env && env[i]; i++)
        putenv(env[i]); /* the child's own copy of the environment */
}

static int exit_status(int pid)
{
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
    return WIFSIGNALED(st) ? 128 + WTERMSIG(st) : -1;
}

int test_run_program(char *const argv[], const char *cwd, char *const env[], char **out,
                     char **err)
{
    static int serial;
    char out_path[600], err_path[600];
    snprintf(out_path, sizeof out_path, "%s/run_%ld_%d.out", TEST_OUT_DIR, (long)getpid(), serial);
    snprintf(err_path, sizeof err_path, "%s/run_%ld_%d.err", TEST_OUT_DIR, (long)getpid(), serial);
    serial++;
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        int o = open(out_path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
        int e = open(err_path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
        if (in < 0 || o < 0 || e < 0 || (cwd && chdir(cwd) != 0))
            _exit(126);
        dup2(in, STDIN_FILENO);
        dup2(o, STDOUT_FILENO);
        dup2(e, STDERR_FILENO);
        child_env(env);
        execv(argv[0], argv);
        _exit(127);
    }
    int status = exit_status(pid);
    size_t len;
    char *text = test_read_file(out_path, &len);
    if (out)
        *out = text;
    else
        free(text);
    text = test_read_file(err_path, &len);
    if (err)
        *err = text;
    else
        free(text);
    remove(out_path);
    remove(err_path);
    return status;
}

int test_start_program(char *const argv[], char *const env[], int *stdin_fd, const char *log)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int o = open(log, O_CREAT | O_APPEND | O_WRONLY, 0644);
        if (o < 0)
            _exit(126);
        dup2(p[0], STDIN_FILENO);
        close(p[0]);
        close(p[1]);
        dup2(o, STDOUT_FILENO);
        dup2(o, STDERR_FILENO);
        child_env(env);
        execv(argv[0], argv);
        _exit(127);
    }
    close(p[0]);
    *stdin_fd = p[1];
    return pid;
}

int test_wait_program(int pid)
{
    return exit_status(pid);
}

int test_pipe_holding(const char *text)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    size_t len = strlen(text);
    assert_int_equal(write(fds[1], text, len), (ssize_t)len);
    close(fds[1]);
    return fds[0];
}

void test_use_tz(const char *tz)
{
    setenv("TZ", tz, 1);
    tzset();
}

time_t test_utc(int year, int month, int mday, int hour, int minute)
{
    return (time_t)((int64_t)day_from_civil(year, month, mday) * 86400 + hour * 3600 +
                    minute * 60);
}

Program *test_load_program(const char *levels_dir, int *tracks, int *errors)
{
    Program *p = calloc(1, sizeof *p);
    LevelErrors *errs = calloc(1, sizeof *errs);
    assert_non_null(p);
    assert_non_null(errs);
    *tracks = levels_load_dir(levels_dir, p, errs);
    for (int i = 0; i < errs->count; i++) {
        char line[1024];
        level_error_format(&errs->items[i], line, sizeof line);
        print_message("%s\n", line);
    }
    if (errors)
        *errors = errs->total;
    free(errs);
    return p;
}

static void add_level(Track *t, const char *id, const char *next, int clean_days, Sides sides)
{
    Level *l = &t->levels[t->level_count++];
    memset(l, 0, sizeof *l);
    snprintf(l->id, sizeof l->id, "%s", id);
    snprintf(l->title, sizeof l->title, "Level %s", id);
    snprintf(l->next_id, sizeof l->next_id, "%s", next);
    l->unlock_clean_days = clean_days;
    l->reps = 10;
    l->sets = 1;
    l->sides = sides;
}

Program *test_make_tilt_bridge_program(void)
{
    Program *p = calloc(1, sizeof *p);
    assert_non_null(p);
    Track *tilt = &p->tracks[p->track_count++];
    snprintf(tilt->id, sizeof tilt->id, "tilt");
    snprintf(tilt->title, sizeof tilt->title, "Pelvic tilt");
    add_level(tilt, "tilt_1", "tilt_2", 3, SIDES_NONE);
    add_level(tilt, "tilt_2", "tilt_3", 3, SIDES_NONE);
    add_level(tilt, "tilt_3", "", 0, SIDES_NONE);
    Track *bridge = &p->tracks[p->track_count++];
    snprintf(bridge->id, sizeof bridge->id, "bridge");
    snprintf(bridge->title, sizeof bridge->title, "Bridge");
    add_level(bridge, "bridge_1", "bridge_2", 2, SIDES_NONE);
    add_level(bridge, "bridge_2", "", 0, SIDES_EACH_SIDE);
    return p;
}
