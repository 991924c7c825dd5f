/* test_demo.c: the intro demonstrates one slow rep while the movement is
 * described (session_demo_at), on an injected clock: it starts with those
 * words, reaches the peak while they are said, shows both sides on
 * alternating levels, freezes while paused, and is over (the figure back
 * at the start) before the countdown. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "levels_load.h"
#include "plan.h"
#include "session.h"
#include "test_support.h"

static Program *prog;

/* The movement prompt's planned words, caught from the cues. */
typedef struct {
    char key[CUE_KEY_MAX];
    int64_t from, until;
} Words;

static void catch_movement(void *ctx, const Cue *cue)
{
    Words *w = ctx;
    if (cue->kind == CUE_SAY && strcmp(cue->key, w->key) == 0) {
        w->from = cue->at_ms;
        w->until = cue->at_ms + cue->duration_ms;
    }
}

static int setup(void **state)
{
    (void)state;
    int tracks;
    prog = test_load_program(TEST_LEVELS_DIR, &tracks, NULL);
    return tracks >= 8 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    free(prog);
    return 0;
}

typedef struct {
    Plan plan;
    Session s;
    Words words;
} Run;

/* A session of one level, its intro run to the end of the movement's
 * words so that their time is known. */
static void start(Run *r, const char *level_id)
{
    assert_int_equal(plan_build_single(prog, level_id, &r->plan), 1);
    memset(&r->words, 0, sizeof r->words);
    snprintf(r->words.key, sizeof r->words.key, "movement_%s", level_id);
    r->words.from = -1;
    session_init(&r->s, &r->plan, session_config_default(), catch_movement, &r->words);
    session_start(&r->s, 0);
}

/* Steps the session every 10 ms through its intro, recording the demo. */
typedef struct {
    int64_t first_ms, last_ms, peak_ms[3];
    int peaks;
    bool left_peak, right_peak, none_peak;
    float t_after;
    int64_t intro_end_ms;
} Seen;

static Seen watch(Run *r)
{
    Seen seen = {.first_ms = -1, .last_ms = -1};
    bool was_high = false;
    for (int64_t now = 0; r->s.phase != PHASE_GET_READY && now < 120000; now += 10) {
        session_step(&r->s, now, ACTION_NONE);
        if (r->s.phase != PHASE_INTRO)
            break;
        seen.intro_end_ms = r->s.deadline_ms;
        float t;
        Side side;
        if (!session_demo_at(&r->s, now, &t, &side)) {
            if (seen.first_ms >= 0)
                seen.t_after = t;
            continue;
        }
        if (seen.first_ms < 0)
            seen.first_ms = now;
        seen.last_ms = now;
        bool high = t > 0.999f;
        if (high && !was_high && seen.peaks < 3)
            seen.peak_ms[seen.peaks++] = now;
        if (high) {
            seen.left_peak |= side == SIDE_LEFT;
            seen.right_peak |= side == SIDE_RIGHT;
            seen.none_peak |= side == SIDE_NONE;
        }
        was_high = high;
    }
    return seen;
}

static void demo_shows_one_rep_while_the_movement_is_described(void **state)
{
    (void)state;
    Run r;
    start(&r, "bridge_1");
    Seen seen = watch(&r);
    assert_true(r.words.from > 0);
    /* It begins with the words, not before, and peaks once, while they are
     * said (the hold shown short). */
    assert_true(seen.first_ms >= r.words.from && seen.first_ms < r.words.from + 20);
    assert_int_equal(seen.peaks, 1);
    assert_true(seen.none_peak);
    assert_true(seen.peak_ms[0] > r.words.from && seen.peak_ms[0] < r.words.until);
    /* Slow: at least one and a half times the level's own tempo. */
    const Level *l = r.plan.items[0].level;
    assert_true(seen.last_ms - seen.first_ms >= (l->move_ms + l->relax_ms) * 3 / 2);
    /* Over before the countdown, back at the start position. */
    assert_true(seen.t_after == 0.0f);
    assert_true(seen.last_ms < seen.intro_end_ms);
    print_message("bridge_1: words %lld-%lld ms, demo %lld-%lld ms, peak at %lld ms, intro ends %lld ms\n",
                  (long long)r.words.from, (long long)r.words.until, (long long)seen.first_ms,
                  (long long)seen.last_ms, (long long)seen.peak_ms[0], (long long)seen.intro_end_ms);
}

static void demo_alternating_levels_show_the_left_then_the_right(void **state)
{
    (void)state;
    Run r;
    start(&r, "toe_taps_1");
    Seen seen = watch(&r);
    assert_int_equal(seen.peaks, 2);
    assert_true(seen.left_peak && seen.right_peak);
    assert_true(seen.peak_ms[0] < seen.peak_ms[1]);
    assert_true(seen.peak_ms[1] < seen.intro_end_ms);
    print_message("toe_taps_1: words %lld-%lld ms, peaks at %lld (left) and %lld ms (right)\n",
                  (long long)r.words.from, (long long)r.words.until, (long long)seen.peak_ms[0],
                  (long long)seen.peak_ms[1]);
    /* Left first. */
    Run again;
    start(&again, "toe_taps_1");
    for (int64_t now = 0; now <= seen.peak_ms[0]; now += 10)
        session_step(&again.s, now, ACTION_NONE);
    float t;
    Side side;
    assert_true(session_demo_at(&again.s, seen.peak_ms[0], &t, &side));
    assert_int_equal(side, SIDE_LEFT);
}

static void demo_waits_while_paused(void **state)
{
    (void)state;
    Run r;
    start(&r, "bridge_1");
    Seen seen = watch(&r);
    Run p;
    start(&p, "bridge_1");
    int64_t mid = (seen.first_ms + seen.peak_ms[0]) / 2;
    for (int64_t now = 0; now <= mid; now += 10)
        session_step(&p.s, now, ACTION_NONE);
    session_step(&p.s, mid, ACTION_PAUSE);
    float t0, t1;
    Side side;
    assert_true(session_demo_at(&p.s, mid, &t0, &side));
    session_step(&p.s, mid + 5000, ACTION_NONE);
    assert_true(session_demo_at(&p.s, mid + 5000, &t1, &side));
    assert_true(t0 > 0.0f && t0 < 1.0f);
    assert_true(t1 == t0);
}

static void demo_is_shown_only_in_the_intro(void **state)
{
    (void)state;
    Run r;
    start(&r, "clamshell_1");
    for (int64_t now = 0; r.s.phase != PHASE_MOVE && now < 200000; now += 50)
        session_step(&r.s, now, ACTION_NONE);
    assert_int_equal(r.s.phase, PHASE_MOVE);
    float t;
    Side side;
    assert_false(session_demo_at(&r.s, r.s.now_ms, &t, &side));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(demo_shows_one_rep_while_the_movement_is_described),
        cmocka_unit_test(demo_alternating_levels_show_the_left_then_the_right),
        cmocka_unit_test(demo_waits_while_paused),
        cmocka_unit_test(demo_is_shown_only_in_the_intro),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
