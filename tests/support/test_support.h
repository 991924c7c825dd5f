/* test_support.h: helpers shared by the cmocka tests that need no SDL:
 * scratch folders, whole-file reads, captured stdout, time zones, programs. */
#ifndef COREQUEST_TEST_SUPPORT_H
#define COREQUEST_TEST_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "program.h"

/* Removes path and everything below it (symbolic links are not followed);
 * true when nothing is left at path afterwards. */
bool test_remove_tree(const char *path);

/* TEST_OUT_DIR/name, emptied and made again (asserted); the path goes to out. */
void test_make_fresh_dir(const char *name, char *out, size_t size);

/* A new folder TEST_OUT_DIR/prefix_XXXXXX that no other run shares
 * (asserted); the path goes to out. */
void test_make_unique_dir(const char *prefix, char *out, size_t size);

/* The whole file, NUL-terminated, its length in *len; NULL when it cannot be
 * opened.  The caller frees it. */
char *test_read_file(const char *path, size_t *len);

/* Calls run(ctx) with stdout going to a scratch file named after tag (and
 * stdin read from stdin_fd unless that is -1); run's result goes to
 * *status.  Returns everything run printed; the caller frees it. */
char *test_capture_stdout(const char *tag, int stdin_fd, int (*run)(const void *ctx),
                          const void *ctx, int *status);

/* Runs the program argv[0] with argv (NULL-terminated) and stdin from
 * /dev/null, in the folder cwd (NULL: this one), with the environment
 * entries in env ("NAME=value", NULL-terminated; may be NULL) added.  Its
 * stdout and stderr go to *out and *err (NUL-terminated; the caller frees
 * them; either pointer may be NULL).  Returns the exit status, or 128 +
 * the signal that ended it. */
int test_run_program(char *const argv[], const char *cwd, char *const env[], char **out,
                     char **err);

/* Starts argv like test_run_program but leaves it running, its stdin the
 * read end of a new pipe whose write end goes to *stdin_fd, its stdout and
 * stderr appended to the file log.  Returns the pid (asserted). */
int test_start_program(char *const argv[], char *const env[], int *stdin_fd, const char *log);
/* Waits for a started program; returns like test_run_program. */
int test_wait_program(int pid);

/* The read end of a new pipe that holds text and whose write end is already
 * closed: a terminal that typed text and then went quiet.  Asserted. */
int test_pipe_holding(const char *text);

/* Switches the process's local time zone (TZ) for the code under test. */
void test_use_tz(const char *tz);

/* Seconds since the epoch of a UTC wall-clock time, month 1..12. */
time_t test_utc(int year, int month, int mday, int hour, int minute);

/* Loads every level file in levels_dir into a new Program (the caller frees
 * it); loader errors are written to the test log.  *tracks gets what
 * levels_load_dir returned, *errors (may be NULL) the error total. */
Program *test_load_program(const char *levels_dir, int *tracks, int *errors);

/* A small program built in code: tilt (tilt_1 -> tilt_2 -> tilt_3, 3 clean
 * days each) and bridge (bridge_1 -> bridge_2 with sides, 2 clean days);
 * 10 reps, one set.  The caller frees it. */
Program *test_make_tilt_bridge_program(void);

#endif
