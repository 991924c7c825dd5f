/* test_runner.c: the session runner every shell goes through: it plans,
 * records each result once, and decides the streak day in one place. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "levels_load.h"
#include "runner.h"
#include "session.h"
#include "test_support.h"
#include "tracker.h"

/* What the scripted person does with each exercise of the plan. */
typedef enum { DO_ALL, DO_SKIP, DO_PAIN, DO_END } Doing;

typedef struct {
    Runner *runner;
    time_t wall;
    const Session *session;
    int exercise_done_cues;
} Sink;

static void sink_cue(void *ctx, const Cue *cue)
{
    Sink *k = ctx;
    if (cue->kind == CUE_EXERCISE_DONE) {
        k->exercise_done_cues++;
        runner_record(k->runner, cue->exercise, &k->session->results[cue->exercise],
                      k->wall + (time_t)(cue->at_ms / 1000), NULL);
    }
}

static Program *load_program(void)
{
    Program *p = calloc(1, sizeof *p);
    LevelErrors *errs = calloc(1, sizeof *errs);
    assert_non_null(p);
    assert_non_null(errs);
    assert_int_equal(levels_load_dir(TEST_LEVELS_DIR, p, errs), 8);
    free(errs);
    return p;
}

/* Runs one session through the runner on a virtual clock, in tempo mode,
 * doing to exercise i what doing[i] says (beyond the array: DO_ALL).
 * Returns whether the day counted. */
static bool run_day(Tracker *t, const char *level_id, time_t wall, const Doing *doing,
                    int doing_count, Runner *out_runner)
{
    static Plan plan;
    Runner *r = out_runner;
    char err[256];
    assert_int_equal(runner_begin(r, t, &plan, level_id, wall, err, sizeof err), 0);
    runner_start(r, wall);
    Session *s = calloc(1, sizeof *s);
    assert_non_null(s);
    Sink k = {r, wall, s, 0};
    SessionConfig c = session_config_default();
    c.mode = MODE_TEMPO;
    c.stall_pause_ms = 0;
    session_init(s, &plan, c, sink_cue, &k);
    session_start(s, 0);
    int acted = -1; /* the exercise the script last acted on */
    while (!session_done(s)) {
        int i = s->exercise;
        Doing d = i >= 0 && i < doing_count ? doing[i] : DO_ALL;
        if (s->phase == PHASE_PAIN_CHECK) {
            session_step(s, s->now_ms, ACTION_CONFIRM);
            continue;
        }
        if (i != acted && s->phase == PHASE_MOVE && d != DO_ALL) {
            acted = i;
            /* One rep into the exercise, so that DO_END leaves a part. */
            session_step(s, s->now_ms,
                         d == DO_SKIP ? ACTION_SKIP : d == DO_PAIN ? ACTION_PAIN : ACTION_END);
            continue;
        }
        if (s->phase == PHASE_SUMMARY && !r->concluded)
            runner_conclude(r, s, wall + (time_t)(s->now_ms / 1000));
        int64_t next = session_next_event_ms(s);
        assert_true(next >= 0);
        session_step(s, next, ACTION_NONE);
    }
    bool counted = runner_conclude(r, s, wall + (time_t)(s->now_ms / 1000));
    /* Every finished result was recorded once, whatever way it ended. */
    for (int i = 0; i < plan.count; i++)
        assert_int_equal(r->recorded[i], s->results[i].finished);
    free(s);
    return counted;
}

typedef struct {
    Program *program;
    Tracker *tracker;
} Fixture;

static int setup(void **state)
{
    test_use_tz("UTC");
    Fixture *f = calloc(1, sizeof *f);
    f->program = load_program();
    char msg[256] = "";
    f->tracker = tracker_open(NULL, f->program, msg, sizeof msg);
    assert_non_null(f->tracker);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    tracker_close(f->tracker);
    free(f->program);
    free(f);
    return 0;
}

static const Doing ALL_SKIPPED[8] = {DO_SKIP, DO_SKIP, DO_SKIP, DO_SKIP,
                                     DO_SKIP, DO_SKIP, DO_SKIP, DO_SKIP};

static void test_skipping_everything_is_no_streak_day(void **state)
{
    Fixture *f = *state;
    Runner r;
    time_t day = test_utc(2026, 3, 2, 9, 0);
    assert_false(run_day(f->tracker, NULL, day, ALL_SKIPPED, 8, &r));
    assert_int_equal(r.streak_after.current, 0);
    /* The results are kept all the same: eight skipped rows. */
    int n = 0;
    const SaveExercise *e = tracker_exercises(f->tracker, &n);
    assert_int_equal(n, 8);
    for (int i = 0; i < n; i++)
        assert_true(e[i].skipped);
}

static void test_one_done_and_the_rest_skipped_counts(void **state)
{
    Fixture *f = *state;
    Runner r;
    Doing doing[8] = {DO_ALL, DO_SKIP, DO_SKIP, DO_SKIP, DO_SKIP, DO_SKIP, DO_SKIP, DO_SKIP};
    assert_true(run_day(f->tracker, NULL, test_utc(2026, 3, 2, 9, 0), doing, 8, &r));
    assert_int_equal(r.streak_after.current, 1);
}

static void test_pain_stops_never_break_the_day(void **state)
{
    Fixture *f = *state;
    Runner r;
    Doing doing[8] = {DO_PAIN, DO_SKIP, DO_SKIP, DO_SKIP, DO_SKIP, DO_SKIP, DO_SKIP, DO_SKIP};
    assert_true(run_day(f->tracker, NULL, test_utc(2026, 3, 2, 9, 0), doing, 8, &r));
}

static void test_ended_early_or_one_level_is_no_streak_day(void **state)
{
    Fixture *f = *state;
    Runner r;
    Doing doing[8] = {DO_ALL, DO_END};
    assert_false(run_day(f->tracker, NULL, test_utc(2026, 3, 2, 9, 0), doing, 2, &r));
    /* The cut-off exercise is recorded as a part, not as done. */
    int n = 0;
    const SaveExercise *e = tracker_exercises(f->tracker, &n);
    assert_int_equal(n, 2);
    assert_true(e[1].reps_done < e[1].reps_target);
    /* One practised level, done in full, is practice, not a day. */
    assert_false(run_day(f->tracker, "pelvic_tilt_1", test_utc(2026, 3, 2, 10, 0), NULL, 0, &r));
    assert_false(r.daily);
    assert_true(run_day(f->tracker, NULL, test_utc(2026, 3, 2, 11, 0), NULL, 0, &r));
}

static void test_unknown_level_is_refused_and_nothing_recorded(void **state)
{
    Fixture *f = *state;
    Runner r;
    Plan plan;
    char err[256];
    assert_int_equal(runner_begin(&r, f->tracker, &plan, "no_such_level", 0, err, sizeof err), -1);
    assert_non_null(strstr(err, "no_such_level"));
    int n = 0;
    tracker_sessions(f->tracker, &n);
    assert_int_equal(n, 0);
}

static void test_streak_grows_over_days(void **state)
{
    Fixture *f = *state;
    Runner r;
    for (int d = 0; d < 3; d++)
        assert_true(run_day(f->tracker, NULL, test_utc(2026, 3, 2 + d, 9, 0), NULL, 0, &r));
    assert_int_equal(r.streak_before.current, 2);
    assert_int_equal(r.streak_after.current, 3);
    /* A day of skips in between does not extend it. */
    run_day(f->tracker, NULL, test_utc(2026, 3, 5, 9, 0), ALL_SKIPPED, 8, &r);
    assert_int_equal(r.streak_after.current, 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_skipping_everything_is_no_streak_day, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_done_and_the_rest_skipped_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pain_stops_never_break_the_day, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ended_early_or_one_level_is_no_streak_day, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_level_is_refused_and_nothing_recorded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_streak_grows_over_days, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
