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
