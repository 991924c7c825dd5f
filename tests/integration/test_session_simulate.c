/* test_session_simulate.c: runs the real binary with --simulate over the
 * shipped levels and reads its transcript.  argv[1] is the binary. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "levels_load.h"
#include "test_support.h"

static const char *g_binary;
static Program *g_program;

typedef struct {
    char *text;
    size_t len;
    int status; /* exit status, -1 if it did not exit normally */
} RunResult;

/* Runs the binary with args (shell words); stderr joins stdout if asked. */
static RunResult run(const char *args, bool with_stderr)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s' %s%s", g_binary, args, with_stderr ? " 2>&1" : " 2>/dev/null");
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    RunResult r = {NULL, 0, -1};
    size_t cap = 0;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) {
        if (r.len + n + 1 > cap) {
            cap = (r.len + n + 1) * 2;
            r.text = realloc(r.text, cap);
            assert_non_null(r.text);
        }
        memcpy(r.text + r.len, buf, n);
        r.len += n;
    }
    if (!r.text)
        r.text = calloc(1, 1);
    r.text[r.len] = '\0';
    int status = pclose(p);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

static void run_free(RunResult *r)
{
    free(r->text);
    r->text = NULL;
}

static int count_lines_with(const char *text, const char *needle)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, needle)) != NULL; p += strlen(needle))
        n++;
    return n;
}

static const char *last_line(const RunResult *r)
{
    if (r->len == 0)
        return r->text;
    size_t i = r->len - 1;
    while (i > 0 && r->text[i - 1] != '\n')
        i--;
    return r->text + i;
}

static int setup(void **state)
{
    (void)state;
    int tracks;
    g_program = test_load_program(TEST_LEVELS_DIR, &tracks, NULL);
    return tracks == 8 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    free(g_program);
    return 0;
}

/* Every track's intro, its exercise_done line with full reps, session_done. */
static void expect_full_daily(const RunResult *r)
{
    for (int t = 0; t < g_program->track_count; t++) {
        const Level *l = &g_program->tracks[t].levels[0];
        char needle[256];
        snprintf(needle, sizeof needle, "[title_%s]", l->id);
        if (!strstr(r->text, needle))
            fail_msg("no intro for %s", l->id);
        snprintf(needle, sizeof needle, " exercise_done %s reps=%d/%d pain=no skipped=no saved=",
                 l->id, l->reps * l->sets, l->reps * l->sets);
        if (count_lines_with(r->text, needle) != 1)
            fail_msg("expected one '%s'", needle);
    }
    assert_int_equal(count_lines_with(r->text, " exercise_done "), 8);
    assert_true(strncmp(last_line(r), "session_done exercises=8 reps=", 30) == 0);
    assert_non_null(strstr(last_line(r), " pain_stops=0\n"));
}

static void test_daily_confirm_mode(void **state)
{
    (void)state;
    char args[1024];
    snprintf(args, sizeof args, "--simulate --mode confirm --levels '%s'", TEST_LEVELS_DIR);
    RunResult r = run(args, false);
    assert_int_equal(r.status, 0);
    expect_full_daily(&r);
    assert_true(strncmp(r.text, "    0.000 phase       intro until ", 34) == 0);
    assert_non_null(strstr(r.text, " phase       wait_confirm waits\n"));
    assert_non_null(strstr(r.text, " say         [get_ready"));
    assert_non_null(strstr(r.text, " beep        countdown\n"));
    assert_non_null(strstr(r.text, " session_done\n"));
    assert_int_equal(count_lines_with(r.text, "saved=memory\n"), 8);
    run_free(&r);
}

static void test_tempo_mode_is_repeatable(void **state)
{
    (void)state;
    char args[1024];
    snprintf(args, sizeof args, "--simulate --mode tempo --levels '%s'", TEST_LEVELS_DIR);
    RunResult a = run(args, false);
    RunResult b = run(args, false);
    assert_int_equal(a.status, 0);
    expect_full_daily(&a);
    assert_null(strstr(a.text, "wait_confirm"));
    assert_int_equal(a.len, b.len);
    assert_memory_equal(a.text, b.text, a.len);
    run_free(&a);
    run_free(&b);
}

static void test_single_level(void **state)
{
    (void)state;
    const Track *track = &g_program->tracks[g_program->track_count - 1];
    const Level *l = &track->levels[track->level_count - 1];
    char args[1024];
    snprintf(args, sizeof args, "--simulate --mode tempo --levels '%s' --level %s",
             TEST_LEVELS_DIR, l->id);
    RunResult r = run(args, false);
    assert_int_equal(r.status, 0);
    assert_int_equal(count_lines_with(r.text, "[title_"), 1);
    assert_int_equal(count_lines_with(r.text, " exercise_done "), 1);
    char needle[256];
    snprintf(needle, sizeof needle, " exercise_done %s reps=%d/%d pain=no", l->id,
             l->reps * l->sets, l->reps * l->sets);
    assert_non_null(strstr(r.text, needle));
    assert_true(strncmp(last_line(&r), "session_done exercises=1 ", 25) == 0);
    run_free(&r);

    /* A level the pack lacks is a usage error (status 2), said in one line. */
    snprintf(args, sizeof args, "--simulate --levels '%s' --level no_such_level", TEST_LEVELS_DIR);
    r = run(args, true);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.text, "no_such_level"));
    run_free(&r);
}

static void test_replay_with_pain(void **state)
{
    (void)state;
    char args[1024];
    snprintf(args, sizeof args,
             "--simulate --mode tempo --levels '%s' --replay '%s/replays/pain_then_go_on.replay'",
             TEST_LEVELS_DIR, TEST_DATA_DIR);
    RunResult r = run(args, false);
    assert_int_equal(r.status, 0);
    const Level *first = &g_program->tracks[0].levels[0];
    char needle[256];
    snprintf(needle, sizeof needle, "   30.000 pain_stop   %s\n", first->id);
    assert_non_null(strstr(r.text, needle));
    assert_non_null(strstr(r.text, "Thank you for listening to your body"));
    assert_non_null(strstr(r.text, "   30.000 phase       pain_check waits\n"));
    assert_null(strstr(r.text, "push through"));
    snprintf(needle, sizeof needle, "30.000 exercise_done %s reps=", first->id);
    const char *line = strstr(r.text, needle);
    assert_non_null(line);
    assert_true(strstr(line, " pain=yes skipped=no ") < strchr(line, '\n'));
    /* It goes on with the next track's intro at the confirm. */
    const Level *second = &g_program->tracks[1].levels[0];
    snprintf(needle, sizeof needle, "   40.000 say         [title_%s]", second->id);
    assert_non_null(strstr(r.text, needle));
    assert_int_equal(count_lines_with(r.text, " exercise_done "), 8);
    assert_non_null(strstr(last_line(&r), " pain_stops=1\n"));
    assert_true(strncmp(last_line(&r), "session_done exercises=7 ", 25) == 0);
    run_free(&r);
}

static void test_replay_pause_skip_end(void **state)
{
    (void)state;
    char args[1024];
    snprintf(args, sizeof args,
             "--simulate --mode tempo --levels '%s' --replay '%s/replays/pause_skip_end.replay'",
             TEST_LEVELS_DIR, TEST_DATA_DIR);
    RunResult r = run(args, false);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.text, "   20.000 paused\n"));
    assert_non_null(strstr(r.text, "   25.500 resumed\n"));
    const Level *first = &g_program->tracks[0].levels[0];
    char needle[256];
    snprintf(needle, sizeof needle, "31.000 exercise_done %s reps=", first->id);
    const char *line = strstr(r.text, needle);
    assert_non_null(line);
    assert_true(strstr(line, " skipped=yes ") < strchr(line, '\n'));
    /* END comes during the second intro: only the setup was heard, so
     * nothing is recorded for it. */
    assert_non_null(strstr(r.text, "   45.000 phase       summary until 53.000\n"));
    assert_int_equal(count_lines_with(r.text, " exercise_done "), 1);
    assert_true(strncmp(last_line(&r), "session_done exercises=", 23) == 0);
    run_free(&r);
}

static void test_replay_that_runs_out_fails(void **state)
{
    (void)state;
    char args[1024];
    snprintf(args, sizeof args,
             "--simulate --mode confirm --levels '%s' --replay '%s/replays/runs_out.replay'",
             TEST_LEVELS_DIR, TEST_DATA_DIR);
    RunResult r = run(args, true);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.text, "the replay ran out at "));
    assert_non_null(strstr(r.text, "waits for input (wait_confirm)"));
    assert_null(strstr(r.text, "session_done exercises"));
    run_free(&r);
}

static void test_bad_replay_names_the_line(void **state)
{
    (void)state;
    char path[512];
    snprintf(path, sizeof path, "%s/session_bad.replay", TEST_OUT_DIR);
    mkdir(TEST_OUT_DIR, 0755);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("# fine\n2 CONFIRM\n3 JUMP\n", f);
    fclose(f);
    char args[1024];
    snprintf(args, sizeof args, "--simulate --levels '%s' --replay '%s'", TEST_LEVELS_DIR, path);
    RunResult r = run(args, true);
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.text, "line 3: unknown action 'JUMP'"));
    assert_null(strstr(r.text, "phase"));
    run_free(&r);
}

static void test_saves_when_given_a_data_dir(void **state)
{
    (void)state;
    char dir[512];
    /* A fresh folder each run: an earlier run's days must not count here. */
    mkdir(TEST_OUT_DIR, 0755);
    snprintf(dir, sizeof dir, "%s/session_simulate_data_XXXXXX", TEST_OUT_DIR);
    assert_non_null(mkdtemp(dir));
    const Level *l = &g_program->tracks[0].levels[0];
    char args[1024];
    snprintf(args, sizeof args, "--simulate --mode tempo --levels '%s' --data-dir '%s' --level %s",
             TEST_LEVELS_DIR, dir, l->id);
    RunResult r = run(args, false);
    assert_int_equal(r.status, 0);
    assert_int_equal(count_lines_with(r.text, " saved=yes\n"), 1);
    run_free(&r);
    /* One practised level is saved, but it is not today's session: the
     * streak does not count it. */
    snprintf(args, sizeof args, "--history --levels '%s' --data-dir '%s'", TEST_LEVELS_DIR, dir);
    r = run(args, false);
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.text, "Today's session is done."));
    assert_non_null(strstr(r.text, "Streak: 0"));
    run_free(&r);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH_TO_COREQUEST\n", argv[0]);
        return 2;
    }
    g_binary = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_daily_confirm_mode),
        cmocka_unit_test(test_tempo_mode_is_repeatable),
        cmocka_unit_test(test_single_level),
        cmocka_unit_test(test_replay_with_pain),
        cmocka_unit_test(test_replay_pause_skip_end),
        cmocka_unit_test(test_replay_that_runs_out_fails),
        cmocka_unit_test(test_bad_replay_names_the_line),
        cmocka_unit_test(test_saves_when_given_a_data_dir),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
