/* test_desktop_options.c: the command line as a table.  options_parse
 * takes "--opt VALUE" and "--opt=VALUE" alike, and turns every mistake
 * into one line and status 2; the real binary (argv[1]) prints that line
 * alone on stderr and exits 2, also for a level id the pack lacks, before
 * any window or sound opens. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "options.h"
#include "test_support.h"

static const char *binary;

typedef struct {
    const char *args;   /* split at spaces */
    int status;         /* 0, or 2 for a usage error */
    OptionsRun run;     /* when 0 */
    const char *field;  /* when 0: "name=value" of one parsed value, or NULL */
    const char *error;  /* when 2: a part of the one-line error */
} ParseCase;

static const ParseCase cases[] = {
    {"", 0, RUN_WINDOW, NULL, NULL},
    {"--level bridge_1", 0, RUN_WINDOW, "level_id=bridge_1", NULL},
    {"--level=bridge_1", 0, RUN_WINDOW, "level_id=bridge_1", NULL},
    {"--audio-only --level=bridge_1 --mode tempo", 0, RUN_AUDIO_ONLY, "mode=tempo", NULL},
    {"--simulate --data-dir /tmp/save --replay=a.replay", 0, RUN_SIMULATE, "replay=a.replay", NULL},
    {"--simulate --data-dir=/tmp/save", 0, RUN_SIMULATE, "data_dir=/tmp/save", NULL},
    {"--screenshot shots --size=800x600", 0, RUN_SCREENSHOT, "width=800", NULL},
    {"--demo --fullscreen --size 1920x1080", 0, RUN_DEMO, "height=1080", NULL},
    {"--check-levels=pack", 0, RUN_CHECK_LEVELS, "check_dir=pack", NULL},
    {"--list-levels --levels=pack", 0, RUN_LIST_LEVELS, "levels_dir=pack", NULL},
    {"--history --data-dir /nonexistent/d/", 0, RUN_HISTORY, "data_dir=/nonexistent/d", NULL},
    {"--export-csv=out.csv", 0, RUN_EXPORT_CSV, NULL, NULL},
    {"--report r.png --assets=art", 0, RUN_REPORT, "assets_dir=art", NULL},
    {"--audio-only --record-motion=pad.trace", 0, RUN_AUDIO_ONLY, "record_motion=pad.trace", NULL},
    {"--record-motion pad.trace", 0, RUN_WINDOW, "record_motion=pad.trace", NULL},
    {"--paths --data-dir /nonexistent/d", 0, RUN_PATHS, NULL, NULL},
    {"--version", 0, RUN_VERSION, NULL, NULL},
    {"--help", 0, RUN_HELP, NULL, NULL},
    {"-h", 0, RUN_HELP, NULL, NULL},
    {"--demo --audio-only --help", 0, RUN_HELP, NULL, NULL},
    {"--audio-only --version", 0, RUN_VERSION, NULL, NULL},
    {"--audio-only --audio-only", 0, RUN_AUDIO_ONLY, NULL, NULL},
    {"--sim", 0, RUN_SIMULATE, NULL, NULL}, /* any unique start of a name */

    {"--bogus", 2, 0, NULL, "unknown option '--bogus'"},
    {"--bogus=1", 2, 0, NULL, "unknown option '--bogus=1'"},
    {"-x", 2, 0, NULL, "unknown option '-x'"},
    {"--level", 2, 0, NULL, "--level needs a level id"},
    {"--simulate --data-dir", 2, 0, NULL, "--data-dir needs a folder"},
    {"--data-dir --simulate", 2, 0, NULL, "--data-dir needs a folder, but '--simulate' comes next"},
    {"--data-dir=", 2, 0, NULL, "--data-dir needs a folder, but it was given an empty value"},
    {"--data-dir=-odd --simulate", 2, 0, NULL, "--data-dir needs a folder, not '-odd'"},
    {"--level= --simulate", 2, 0, NULL, "--level needs a level id, but it was given an empty"},
    {"--replay --simulate", 2, 0, NULL, "--replay needs a file, but '--simulate' comes next"},
    {"--audio-only --demo", 2, 0, NULL, "--audio-only and --demo are different modes"},
    {"--simulate --history", 2, 0, NULL, "--simulate and --history are different modes"},
    {"--screenshot d --audio-only", 2, 0, NULL, "--screenshot and --audio-only are different"},
    {"--fullscreen --audio-only", 2, 0, NULL,
     "--fullscreen goes with the window or --demo, not with --audio-only"},
    {"--replay r", 2, 0, NULL, "--replay goes with --audio-only or --simulate, not with the window"},
    {"--simulate --record-motion t", 2, 0, NULL,
     "--record-motion goes with the window or --audio-only, not with --simulate"},
    {"--level x --check-levels d", 2, 0, NULL, "--level goes with"},
    {"--size 10x10", 2, 0, NULL, "--size needs WIDTHxHEIGHT"},
    {"--size=big", 2, 0, NULL, "--size needs WIDTHxHEIGHT"},
    {"--mode=fast", 2, 0, NULL, "--mode is 'confirm' or 'tempo', not 'fast'"},
    {"--demo=yes", 2, 0, NULL, "--demo takes no value"},
    {"stray", 2, 0, NULL, "unexpected argument 'stray'"},
    {"--simulate -- more", 2, 0, NULL, "unexpected argument 'more'"},
    {"--s", 2, 0, NULL, "'--s' could be --simulate, --screenshot, --size"},
};
enum { CASE_COUNT = sizeof cases / sizeof cases[0], ARGS_MAX = 16 };

/* "a b c" to {"corequest", "a", "b", "c", NULL}, in buf. */
static int split(const char *args, char *buf, size_t size, char **argv)
{
    snprintf(buf, size, "%s", args);
    int argc = 0;
    argv[argc++] = (char *)"corequest";
    for (char *t = strtok(buf, " "); t && argc < ARGS_MAX - 1; t = strtok(NULL, " "))
        argv[argc++] = t;
    argv[argc] = NULL;
    return argc;
}

static void field_text(const Options *o, const char *name, char *out, size_t size)
{
    const char *s = NULL;
    if (!strcmp(name, "level_id")) s = o->level_id;
    else if (!strcmp(name, "mode")) s = o->mode;
    else if (!strcmp(name, "replay")) s = o->replay_path;
    else if (!strcmp(name, "data_dir")) s = o->data_dir;
    else if (!strcmp(name, "check_dir")) s = o->check_dir;
    else if (!strcmp(name, "levels_dir")) s = o->levels_dir;
    else if (!strcmp(name, "assets_dir")) s = o->assets_dir;
    else if (!strcmp(name, "record_motion")) s = o->record_motion;
    if (!strcmp(name, "width")) snprintf(out, size, "%d", o->width);
    else if (!strcmp(name, "height")) snprintf(out, size, "%d", o->height);
    else snprintf(out, size, "%s", s ? s : "(none)");
}

static void options_table_parses_or_names_the_mistake(void **state)
{
    (void)state;
    for (int i = 0; i < CASE_COUNT; i++) {
        const ParseCase *c = &cases[i];
        char buf[512], *argv[ARGS_MAX], error[600];
        int argc = split(c->args, buf, sizeof buf, argv);
        Options o;
        int status = options_parse(argc, argv, &o, error, sizeof error);
        if (status != c->status)
            fail_msg("'%s': status %d, wanted %d (%s)", c->args, status, c->status, error);
        if (status != 0) {
            if (!strstr(error, c->error))
                fail_msg("'%s': said \"%s\", wanted \"%s\"", c->args, error, c->error);
            if (strchr(error, '\n'))
                fail_msg("'%s': more than one line: \"%s\"", c->args, error);
            continue;
        }
        if (o.run != c->run)
            fail_msg("'%s': mode %d, wanted %d", c->args, (int)o.run, (int)c->run);
        if (c->field) {
            char name[64], got[512];
            const char *eq = strchr(c->field, '=');
            snprintf(name, sizeof name, "%.*s", (int)(eq - c->field), c->field);
            field_text(&o, name, got, sizeof got);
            if (strcmp(got, eq + 1) != 0)
                fail_msg("'%s': %s is '%s', wanted '%s'", c->args, name, got, eq + 1);
        }
    }
}

/* The same parse twice in one process gives the same answer (getopt's
 * state is reset each time). */
static void options_parse_starts_afresh_each_time(void **state)
{
    (void)state;
    for (int round = 0; round < 3; round++) {
        char buf[128], *argv[ARGS_MAX], error[600];
        int argc = split("--simulate --level=bridge_1", buf, sizeof buf, argv);
        Options o;
        assert_int_equal(options_parse(argc, argv, &o, error, sizeof error), 0);
        assert_int_equal(o.run, RUN_SIMULATE);
        assert_string_equal(o.level_id, "bridge_1");
    }
}

/* ---- the real binary ---- */

static int run(const char *args, char **out, char **err)
{
    char buf[512], *argv[ARGS_MAX];
    split(args, buf, sizeof buf, argv);
    argv[0] = (char *)binary;
    char *env[] = {(char *)"SDL_VIDEODRIVER=dummy", (char *)"SDL_AUDIODRIVER=dummy", NULL};
    return test_run_program(argv, NULL, env, out, err);
}

static void assert_one_line_usage_error(const char *args, const char *part)
{
    char *out = NULL, *err = NULL;
    int status = run(args, &out, &err);
    if (status != 2)
        fail_msg("corequest %s: exit status %d, wanted 2 (stderr: %s)", args, status, err);
    size_t n = strlen(err);
    if (n == 0 || err[n - 1] != '\n' || strchr(err, '\n') != err + n - 1 ||
        strncmp(err, "corequest: ", 11) != 0)
        fail_msg("corequest %s: wanted one line 'corequest: ...', got \"%s\"", args, err);
    if (!strstr(err, part))
        fail_msg("corequest %s: said \"%s\", wanted \"%s\"", args, err, part);
    assert_string_equal(out, "");
    free(out);
    free(err);
}

static void binary_usage_errors_are_one_line_and_status_2(void **state)
{
    (void)state;
    for (int i = 0; i < CASE_COUNT; i++)
        if (cases[i].status == 2 && cases[i].args[0])
            assert_one_line_usage_error(cases[i].args, cases[i].error);
}

/* Checked against the pack before any mode starts: no window opens, no
 * sound, nothing is saved. */
static void binary_unknown_level_id_is_a_usage_error_in_every_mode(void **state)
{
    (void)state;
    assert_one_line_usage_error("--level no_such_level",
                                "no level has the id 'no_such_level'");
    assert_one_line_usage_error("--audio-only --level=no_such_level", "(see --list-levels)");
    assert_one_line_usage_error("--simulate --level no_such_level", "no level has the id");
    assert_one_line_usage_error("--demo --level=no_such_level", "no level has the id");
}

static void binary_version_and_equals_form_work(void **state)
{
    (void)state;
    char *out = NULL, *err = NULL;
    assert_int_equal(run("--version", &out, &err), 0);
    assert_string_equal(out, "corequest " COREQUEST_TEST_VERSION "\n");
    free(out);
    free(err);
    assert_int_equal(run("--simulate --level=pelvic_tilt_1 --mode=tempo", &out, &err), 0);
    assert_non_null(strstr(out, "session_done exercises=1"));
    free(out);
    free(err);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH_TO_COREQUEST\n", argv[0]);
        return 2;
    }
    binary = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(options_table_parses_or_names_the_mistake),
        cmocka_unit_test(options_parse_starts_afresh_each_time),
        cmocka_unit_test(binary_usage_errors_are_one_line_and_status_2),
        cmocka_unit_test(binary_unknown_level_id_is_a_usage_error_in_every_mode),
        cmocka_unit_test(binary_version_and_equals_form_work),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
