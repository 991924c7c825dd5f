/* test_replay.c: the replay parser, good scripts and every kind of mistake.
 * Errors must name the line and say what was expected. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "replay.h"

static Replay *g_replay;

static int setup(void **state)
{
    (void)state;
    g_replay = calloc(1, sizeof *g_replay);
    return g_replay ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    free(g_replay);
    return 0;
}

static void expect_error(const char *text, const char *line_prefix, const char *fragment)
{
    char err[256];
    assert_int_equal(replay_parse(text, g_replay, err, sizeof err), -1);
    if (strncmp(err, line_prefix, strlen(line_prefix)) != 0)
        fail_msg("expected '%s...', got '%s'", line_prefix, err);
    if (!strstr(err, fragment))
        fail_msg("expected '%s' in '%s'", fragment, err);
}

static void test_parses_times_and_actions(void **state)
{
    (void)state;
    const char *text =
        "# a comment\n"
        "\n"
        "0 CONFIRM\n"
        "  12.5\tPAUSE   \n"
        "12.5 pause # resume at once\n"
        "13.05 PAIN\r\n"
        "100.125 SKIP\n"
        "100.125 END";
    char err[256] = "x";
    assert_int_equal(replay_parse(text, g_replay, err, sizeof err), 0);
    assert_string_equal(err, "");
    assert_int_equal(g_replay->count, 6);
    int64_t at[] = {0, 12500, 12500, 13050, 100125, 100125};
    Action act[] = {ACTION_CONFIRM, ACTION_PAUSE, ACTION_PAUSE, ACTION_PAIN, ACTION_SKIP, ACTION_END};
    int line[] = {3, 4, 5, 6, 7, 8};
    for (int i = 0; i < 6; i++) {
        assert_int_equal(g_replay->items[i].at_ms, at[i]);
        assert_int_equal(g_replay->items[i].action, act[i]);
        assert_int_equal(g_replay->items[i].line, line[i]);
    }
}

static void test_empty_and_comment_only(void **state)
{
    (void)state;
    char err[64];
    assert_int_equal(replay_parse("", g_replay, err, sizeof err), 0);
    assert_int_equal(g_replay->count, 0);
    assert_int_equal(replay_parse("# nothing\n   \n\t# more\n", g_replay, err, sizeof err), 0);
    assert_int_equal(g_replay->count, 0);
    assert_int_equal(replay_parse(NULL, g_replay, err, sizeof err), 0);
}

static void test_every_action_name(void **state)
{
    (void)state;
    char text[256] = "";
    for (int a = ACTION_NONE + 1; a < ACTION_COUNT; a++) {
        char line[32];
        snprintf(line, sizeof line, "%d %s\n", a, action_name((Action)a));
        strcat(text, line);
    }
    assert_int_equal(replay_parse(text, g_replay, NULL, 0), 0);
    assert_int_equal(g_replay->count, ACTION_COUNT - 1);
    for (int i = 0; i < g_replay->count; i++)
        assert_int_equal(g_replay->items[i].action, i + 1);
}

static void test_bad_time(void **state)
{
    (void)state;
    expect_error("CONFIRM\n", "line 1: ", "expected a time in seconds");
    expect_error("1 CONFIRM\nabc CONFIRM\n", "line 2: ", "found 'abc'");
    expect_error("-1 CONFIRM\n", "line 1: ", "expected a time in seconds");
    expect_error(".5 CONFIRM\n", "line 1: ", "expected a time");
    expect_error("5. CONFIRM\n", "line 1: ", "digits after the point");
    expect_error("1.2345 CONFIRM\n", "line 1: ", "more than three decimals");
    expect_error("12s CONFIRM\n", "line 1: ", "found '12s'");
    expect_error("1234567890 CONFIRM\n", "line 1: ", "too large");
    expect_error("1,5 CONFIRM\n", "line 1: ", "expected a time");
}

static void test_bad_action(void **state)
{
    (void)state;
    expect_error("\n\n3 JUMP\n", "line 3: ", "unknown action 'JUMP'; expected CONFIRM");
    expect_error("3\n", "line 1: ", "expected an action after the time");
    expect_error("3   # only a comment\n", "line 1: ", "expected an action");
    expect_error("3 NONE\n", "line 1: ", "unknown action 'NONE'");
    expect_error("3 CONFIRMATIONPLEASEXYZ\n", "line 1: ", "unknown action");
    expect_error("3 CONFIRM PAUSE\n", "line 1: ", "unexpected 'PAUSE' after the action");
}

static void test_times_must_not_decrease(void **state)
{
    (void)state;
    expect_error("5 CONFIRM\n4.5 CONFIRM\n", "line 2: ",
                 "time 4.500 s is earlier than 5.000 s on line 1");
    assert_int_equal(g_replay->count, 1); /* what came before the error */
}

static void test_capacity_limit(void **state)
{
    (void)state;
    size_t size = (size_t)(REPLAY_MAX_ACTIONS + 1) * 16 + 1;
    char *text = malloc(size);
    assert_non_null(text);
    text[0] = '\0';
    size_t len = 0;
    for (int i = 0; i < REPLAY_MAX_ACTIONS; i++)
        len += (size_t)snprintf(text + len, size - len, "%d CONFIRM\n", i);
    assert_int_equal(replay_parse(text, g_replay, NULL, 0), 0);
    assert_int_equal(g_replay->count, REPLAY_MAX_ACTIONS);
    snprintf(text + len, size - len, "%d CONFIRM\n", REPLAY_MAX_ACTIONS);
    char err[128];
    assert_int_equal(replay_parse(text, g_replay, err, sizeof err), -1);
    char prefix[32];
    snprintf(prefix, sizeof prefix, "line %d: ", REPLAY_MAX_ACTIONS + 1);
    assert_true(strncmp(err, prefix, strlen(prefix)) == 0);
    assert_non_null(strstr(err, "more than 4096 actions"));
    free(text);
}

static void test_small_error_buffer_is_safe(void **state)
{
    (void)state;
    char err[8];
    memset(err, 'x', sizeof err);
    assert_int_equal(replay_parse("1 JUMP\n", g_replay, err, sizeof err), -1);
    assert_int_equal(err[sizeof err - 1], '\0');
    assert_int_equal(replay_parse("1 JUMP\n", g_replay, NULL, 0), -1);
}

static void test_shipped_replays_parse(void **state)
{
    (void)state;
    static const char *const files[] = {"pain_then_go_on.replay", "runs_out.replay",
                                        "pause_skip_end.replay"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char path[512], err[700];
        snprintf(path, sizeof path, "%s/replays/%s", TEST_DATA_DIR, files[i]);
        Replay *r = replay_load_file(path, err, sizeof err);
        if (!r)
            fail_msg("%s", err);
        assert_true(r->count > 0);
        free(r);
    }
}

static void test_load_file_names_a_missing_file(void **state)
{
    (void)state;
    char err[700];
    assert_null(replay_load_file(TEST_DATA_DIR "/replays/no-such.replay", err, sizeof err));
    assert_non_null(strstr(err, "no-such.replay"));
}

static void test_load_file_names_the_file_and_line_of_a_parse_error(void **state)
{
    (void)state;
    char path[512], err[700];
    snprintf(path, sizeof path, "%s/replay-bad.txt", TEST_OUT_DIR);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("1 CONFIRM\n2 JUMP\n", f);
    fclose(f);
    assert_null(replay_load_file(path, err, sizeof err));
    assert_non_null(strstr(err, "replay-bad.txt: line 2"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_parses_times_and_actions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_and_comment_only, setup, teardown),
        cmocka_unit_test_setup_teardown(test_every_action_name, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_time, setup, teardown),
        cmocka_unit_test_setup_teardown(test_bad_action, setup, teardown),
        cmocka_unit_test_setup_teardown(test_times_must_not_decrease, setup, teardown),
        cmocka_unit_test_setup_teardown(test_capacity_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_small_error_buffer_is_safe, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shipped_replays_parse, setup, teardown),
        cmocka_unit_test(test_load_file_names_a_missing_file),
        cmocka_unit_test(test_load_file_names_the_file_and_line_of_a_parse_error),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
