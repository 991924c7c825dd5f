/* test_session_speed.c: today's full session over the shipped levels runs on
 * a virtual clock in well under a second, every rep confirmed as it waits. */
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
#include "plan.h"
#include "session.h"
#include "test_support.h"

static void count_cue(void *ctx, const Cue *cue)
{
    (void)cue;
    (*(long *)ctx)++;
}

static double seconds_since(const struct timespec *start)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - start->tv_sec) + (double)(now.tv_nsec - start->tv_nsec) / 1e9;
}

static void test_daily_session_of_eight_tracks_is_fast(void **state)
{
    (void)state;
    int tracks, errors;
    Program *program = test_load_program(TEST_LEVELS_DIR, &tracks, &errors);
    assert_int_equal(errors, 0);
    assert_int_equal(tracks, 8);

    Plan plan;
    assert_int_equal(plan_build_daily(program, NULL, &plan), 8);
    long cues = 0;
    long steps = 0;
    Session s;
    struct timespec start;
    clock_gettime(CLOCK_MONOTONIC, &start);
    session_init(&s, &plan, session_config_default(), count_cue, &cues);
    session_start(&s, 0);
    /* A shell's fixed 10 ms update, with the rep confirmed as it waits. */
    for (int64_t t = 0; !session_done(&s) && t < INT64_C(6) * 3600 * 1000; t += 10, steps++)
        session_step(&s, t, s.phase == PHASE_WAIT_CONFIRM ? ACTION_CONFIRM : ACTION_NONE);
    double elapsed = seconds_since(&start);

    assert_true(session_done(&s));
    for (int i = 0; i < plan.count; i++) {
        assert_true(s.results[i].finished);
        assert_false(s.results[i].pain || s.results[i].skipped);
        assert_int_equal(s.results[i].reps_done, s.results[i].reps_target);
    }
    SessionTotals totals = session_totals(&s);
    assert_true(totals.complete);
    assert_int_equal(totals.exercises_done, 8);
    print_message("daily session: %.1f virtual minutes, %ld steps, %ld cues, %.3f s of CPU time\n",
                  (double)s.now_ms / 60000.0, steps, cues, elapsed);
    assert_true(elapsed < 1.0);
    free(program);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_daily_session_of_eight_tracks_is_fast),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
