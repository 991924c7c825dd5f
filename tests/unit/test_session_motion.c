/* test_session_motion.c: sensed reps and holds.  The session's motion hooks
 * on hand-fed detector events; then whole sessions of every level with a
 * motion profile, driven by a simulated person whose strapped limb moves as
 * the figure does (tests/support/motion_person), through the real detector;
 * then the shipped traces (tests/data/motion), replayed as recorded.
 *
 * Run with --write-traces DIR to make the shipped traces again (after a
 * change to the session's timeline makes a replay miss its reps). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "motion.h"
#include "motion_person.h"
#include "plan.h"
#include "program.h"
#include "prompts.h"
#include "session.h"
#include "test_support.h"

static Program *prog;

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

static Plan plan_of(const char *level_id)
{
    Plan p;
    int n = plan_build_single(prog, level_id, &p);
    assert_int_equal(n, 1);
    return p;
}

static SessionConfig sensed_config(void)
{
    SessionConfig c = session_config_default();
    c.motion = true;
    return c;
}

/* ------------------------------------------------------ a sensed session */

enum { MAX_HOLDS = 128 };

typedef struct {
    Session s;
    const Plan *plan;
    MotionDetector det;
    bool det_on;
    MotionPerson *person; /* NULL: samples come from a trace */
    FILE *record;
    /* What was seen. */
    int holds;
    int64_t hold_from;
    bool in_hold;
    int64_t hold_ms[MAX_HOLDS];
    float hold_min_deg[MAX_HOLDS];
    float hold_start_pos[MAX_HOLDS]; /* the live person's limb, 0 start .. 1 top */
    int reminders, slips_said, let_go_said, presses, reps, lie_still;
    int calibrations;
    char last_key[CUE_KEY_MAX];
    int64_t talk_until_ms, lie_still_at_ms;
    int beeps_under_words;
} Run;

static void run_sink(void *ctx, const Cue *cue)
{
    Run *r = ctx;
    if (r->person)
        motion_person_cue(r->person, cue);
    if (r->record && cue->kind == CUE_SAY)
        fprintf(r->record, "c %lld %s\n", (long long)cue->at_ms, cue->key);
    if (cue->kind == CUE_BEEP && cue->at_ms < r->talk_until_ms)
        r->beeps_under_words++;
    if (cue->kind == CUE_SAY) {
        if (cue->at_ms + cue->duration_ms > r->talk_until_ms)
            r->talk_until_ms = cue->at_ms + cue->duration_ms;
        snprintf(r->last_key, sizeof r->last_key, "%s", cue->key);
        if (strcmp(cue->key, "reminder_motion") == 0)
            r->reminders++;
        else if (strcmp(cue->key, "hold_broken") == 0)
            r->slips_said++;
        else if (strcmp(cue->key, "hold_let_go") == 0)
            r->let_go_said++;
        else if (strcmp(cue->key, "motion_lie_still") == 0) {
            r->lie_still++;
            r->lie_still_at_ms = cue->at_ms;
        }
    }
    if (cue->kind == CUE_REP)
        r->reps++;
    if (cue->kind != CUE_PHASE)
        return;
    if (r->in_hold) {
        r->in_hold = false;
        if (r->holds < MAX_HOLDS)
            r->hold_ms[r->holds] = cue->at_ms - r->hold_from;
        r->holds++;
    }
    if (cue->phase == PHASE_HOLD) {
        r->in_hold = true;
        r->hold_from = cue->at_ms;
        if (r->holds < MAX_HOLDS) {
            r->hold_min_deg[r->holds] = 1000.0f;
            r->hold_start_pos[r->holds] = r->person ? motion_person_position(r->person) : -1.0f;
        }
    }
    /* The shells calibrate at each get-ready of a sensed exercise, while
     * the person lies still for the countdown. */
    if (cue->phase == PHASE_GET_READY && session_sensed(&r->s)) {
        const Level *l = r->plan->items[cue->exercise].level;
        motion_init(&r->det, &l->motion);
        motion_calibrate(&r->det, cue->at_ms);
        r->det_on = true;
        r->calibrations++;
    }
}

static void run_init(Run *r, const Plan *plan, SessionConfig config, MotionPerson *person)
{
    memset(r, 0, sizeof *r);
    r->plan = plan;
    r->person = person;
    session_init(&r->s, plan, config, run_sink, r);
}

static void run_feed(Run *r, const MotionSample *smp)
{
    session_step(&r->s, smp->t_ms, ACTION_NONE);
    if (!r->det_on)
        return;
    MotionEvent ev[8];
    int n = motion_feed(&r->det, smp, ev, 8);
    for (int i = 0; i < n; i++)
        session_motion(&r->s, ev[i].t_ms, ev[i].kind);
    if (r->in_hold && r->holds < MAX_HOLDS) {
        float a = motion_angle_deg(&r->det);
        if (a < r->hold_min_deg[r->holds])
            r->hold_min_deg[r->holds] = a;
    }
}

/* Steps through whatever waits for a press (exercises with no profile). */
static void run_press_if_waiting(Run *r, int64_t t)
{
    if (r->s.phase == PHASE_WAIT_CONFIRM || r->s.phase == PHASE_PAIN_CHECK) {
        r->presses++;
        session_step(&r->s, t, ACTION_CONFIRM);
    }
}

/* A whole session with the simulated person, at step_ms between samples;
 * stops at the end or after limit_ms. */
static void run_person(Run *r, int step_ms, int64_t limit_ms)
{
    session_start(&r->s, 0);
    for (int64_t t = 0; !session_done(&r->s) && t <= limit_ms; t += step_ms) {
        MotionSample smp = motion_person_sample(r->person, t);
        /* A trace starts at the first get-ready: before it the pad is not
         * listened to. */
        if (r->record && r->calibrations > 0) {
            char line[160];
            assert_true(motion_trace_format_sample(line, sizeof line, &smp));
            fprintf(r->record, "%s\n", line);
        }
        run_feed(r, &smp);
        run_press_if_waiting(r, t);
    }
}

static void check_every_rep_and_hold(const Run *r, const Level *l, const char *what)
{
    const ExerciseResult *res = &r->s.results[0];
    int64_t hold_ms = (int64_t)l->hold_s * 1000;
    print_message("%-12s %-22s reps %d/%d, holds %d, slips %d, presses %d, reminders %d\n",
                  l->id, what, res->reps_done, res->reps_target, r->holds, res->holds_broken,
                  r->presses, r->reminders);
    assert_true(session_done(&r->s));
    assert_int_equal(res->reps_done, res->reps_target);
    assert_false(res->pain);
    assert_false(res->skipped);
    if (l->sides == SIDES_EACH_SIDE) {
        assert_int_equal(res->reps_left, res->reps_target);
        assert_int_equal(res->reps_right, res->reps_target);
    }
    if (hold_ms > 0) {
        int expected = l->sides == SIDES_EACH_SIDE ? 2 * res->reps_target : res->reps_target;
        assert_int_equal(r->holds, expected + res->holds_broken);
        int checked = r->holds < MAX_HOLDS ? r->holds : MAX_HOLDS;
        for (int i = 0; i < checked; i++) {
            if (r->hold_ms[i] < hold_ms - 100 && res->holds_broken > 0)
                continue; /* the slipped one ended early, as it should */
            if (llabs(r->hold_ms[i] - hold_ms) > 100)
                fail_msg("%s %s: hold %d lasted %lld ms, not %lld +- 100", l->id, what, i + 1,
                         (long long)r->hold_ms[i], (long long)hold_ms);
            /* Timed at the top, not from the moment the limb passed
             * peak_deg on its way up. */
            if (r->hold_start_pos[i] >= 0.0f && r->hold_start_pos[i] < 0.9f)
                fail_msg("%s %s: hold %d began with the limb %.0f%% of the way up", l->id, what,
                         i + 1, 100.0f * r->hold_start_pos[i]);
            /* Kept: the limb stayed within the hold band all through. */
            float band = l->motion.peak_deg - l->motion.hold_tolerance_deg;
            if (r->hold_min_deg[i] < band)
                fail_msg("%s %s: hold %d counted although the limb fell to %.1f deg (band %.1f)",
                         l->id, what, i + 1, r->hold_min_deg[i], band);
        }
    }
}

/* ----------------------------------------------------- hand-fed events */

/* Steps the clock to the first moment phase p begins (asserted). */
static int64_t step_until_phase(Session *s, int64_t from, Phase p, int64_t limit)
{
    for (int64_t t = from; t <= limit; t += 10) {
        session_step(s, t, ACTION_NONE);
        if (s->phase == p)
            return t;
    }
    fail_msg("phase %s not reached by %lld ms (in %s)", phase_id(p), (long long)limit,
             phase_id(s->phase));
    return -1;
}

static void motion_sensed_move_waits_for_the_peak_and_counts_with_no_press(void **state)
{
    (void)state;
    Plan plan = plan_of("bridge_1");
    Run r;
    run_init(&r, &plan, sensed_config(), NULL);
    session_start(&r.s, 0);
    assert_true(session_sensed(&r.s));
    int64_t t = step_until_phase(&r.s, 0, PHASE_MOVE, 120000);
    assert_int_equal(r.s.deadline_ms, -1); /* the move waits for the pad */
    /* Long past the tempo's move time: still moving, no rep counted. */
    session_step(&r.s, t + 5000, ACTION_NONE);
    assert_int_equal(r.s.phase, PHASE_MOVE);
    assert_int_equal(r.reps, 0);
    session_motion(&r.s, t + 6000, MOTION_EVENT_PEAK);
    assert_int_equal(r.s.phase, PHASE_HOLD);
    assert_int_equal(r.s.phase_start_ms, t + 6000);
    assert_int_equal(r.s.deadline_ms, t + 6000 + 5000);
    int64_t relax = step_until_phase(&r.s, t + 6000, PHASE_RELAX, t + 20000);
    assert_int_equal(relax, t + 11000);
    /* The rep counts when the relax ends, with no press, and the next
     * move waits for the pad again. */
    step_until_phase(&r.s, relax, PHASE_MOVE, relax + 10000);
    assert_int_equal(r.reps, 1);
    assert_int_equal(r.s.results[0].reps_done, 1);
    assert_int_equal(r.s.deadline_ms, -1);
    assert_int_equal(r.presses, 0);
}

static void motion_broken_hold_is_said_kindly_and_the_rep_done_again_once(void **state)
{
    (void)state;
    Plan plan = plan_of("bridge_1");
    Run r;
    run_init(&r, &plan, sensed_config(), NULL);
    session_start(&r.s, 0);
    int64_t t = step_until_phase(&r.s, 0, PHASE_MOVE, 120000);
    session_motion(&r.s, t + 1500, MOTION_EVENT_PEAK);
    session_motion(&r.s, t + 3000, MOTION_EVENT_HOLD_BROKEN);
    assert_int_equal(r.s.phase, PHASE_RELAX);
    assert_int_equal(r.slips_said, 1);
    assert_int_equal(r.s.results[0].holds_broken, 1);
    /* The way back down is not another slip. */
    session_motion(&r.s, t + 3400, MOTION_EVENT_RETURN);
    int64_t again = step_until_phase(&r.s, t + 3000, PHASE_MOVE, t + 20000);
    assert_int_equal(r.reps, 0); /* the slipped rep did not count */
    assert_int_equal(r.s.rep, 0);
    /* Done again, and kept: it counts once. */
    session_motion(&r.s, again + 1500, MOTION_EVENT_PEAK);
    int64_t next = step_until_phase(&r.s, again + 1500, PHASE_MOVE, again + 30000);
    assert_int_equal(r.reps, 1);
    /* A rep that slips twice is let go and counted: nobody is asked for
     * a third try. */
    session_motion(&r.s, next + 1500, MOTION_EVENT_PEAK);
    session_motion(&r.s, next + 2500, MOTION_EVENT_HOLD_BROKEN);
    int64_t redo = step_until_phase(&r.s, next + 2500, PHASE_MOVE, next + 20000);
    session_motion(&r.s, redo + 1500, MOTION_EVENT_PEAK);
    session_motion(&r.s, redo + 2500, MOTION_EVENT_HOLD_BROKEN);
    assert_int_equal(r.let_go_said, 1);
    assert_string_equal(r.last_key, "hold_let_go");
    step_until_phase(&r.s, redo + 2500, PHASE_MOVE, redo + 20000);
    assert_int_equal(r.reps, 2);
    assert_int_equal(r.s.results[0].holds_broken, 3);
    assert_int_equal(r.slips_said, 2);
}

static void motion_still_pad_gets_reminders_and_confirm_stands_in(void **state)
{
    (void)state;
    Plan plan = plan_of("bridge_1");
    Run r;
    SessionConfig c = sensed_config();
    run_init(&r, &plan, c, NULL);
    session_start(&r.s, 0);
    int64_t t = step_until_phase(&r.s, 0, PHASE_MOVE, 120000);
    assert_int_equal(session_next_event_ms(&r.s), t + c.reminder_ms);
    /* Each reminder is a beep, then the words. */
    session_step(&r.s, t + c.reminder_ms + 1000, ACTION_NONE);
    assert_int_equal(r.reminders, 1);
    session_step(&r.s, t + c.reminder_ms + c.reminder_repeat_ms + 1000, ACTION_NONE);
    assert_int_equal(r.reminders, 2);
    assert_int_equal(r.s.phase, PHASE_MOVE);
    assert_int_equal(r.reps, 0);
    /* The pad missed it: a press does what the peak would. */
    int64_t press = t + c.reminder_ms + c.reminder_repeat_ms + 1100;
    session_step(&r.s, press, ACTION_CONFIRM);
    assert_int_equal(r.s.phase, PHASE_HOLD);
    step_until_phase(&r.s, press, PHASE_MOVE, press + 20000);
    assert_int_equal(r.reps, 1);
}

static void motion_moving_while_the_pad_finds_the_start_asks_once_to_lie_still(void **state)
{
    (void)state;
    Plan plan = plan_of("bridge_1");
    Run r;
    run_init(&r, &plan, sensed_config(), NULL);
    session_start(&r.s, 0);
    int64_t t = step_until_phase(&r.s, 0, PHASE_GET_READY, 120000);
    /* In the countdown the words would run over its beeps: not yet. */
    session_motion(&r.s, t + 500, MOTION_EVENT_MOVED_IN_CALIBRATION);
    session_motion(&r.s, t + 900, MOTION_EVENT_MOVED_IN_CALIBRATION);
    step_until_phase(&r.s, t + 900, PHASE_MOVE, t + 20000);
    assert_int_equal(r.lie_still, 0);
    /* Still moving once the move waits for the pad: asked then, once. */
    int64_t move = r.s.now_ms;
    session_motion(&r.s, move + 200, MOTION_EVENT_MOVED_IN_CALIBRATION);
    session_motion(&r.s, move + 2000, MOTION_EVENT_MOVED_IN_CALIBRATION);
    for (int64_t k = move + 2000; k < move + 30000; k += 10)
        session_step(&r.s, k, ACTION_NONE);
    assert_int_equal(r.lie_still, 1);
    assert_true(r.lie_still_at_ms >= move + 200);
    /* The reminder waits for those words; no beep sounds under any. */
    assert_int_equal(r.reminders, 1);
    assert_int_equal(r.beeps_under_words, 0);

    /* A long get-ready has room for it before the countdown. */
    SessionConfig c = sensed_config();
    c.get_ready_ms = 12000;
    run_init(&r, &plan, c, NULL);
    session_start(&r.s, 0);
    t = step_until_phase(&r.s, 0, PHASE_GET_READY, 120000);
    session_motion(&r.s, t + 100, MOTION_EVENT_MOVED_IN_CALIBRATION);
    step_until_phase(&r.s, t + 100, PHASE_MOVE, t + 30000);
    assert_int_equal(r.lie_still, 1);
    assert_int_equal(r.beeps_under_words, 0);

    /* Asked just before the reminder was due: the reminder comes after. */
    run_init(&r, &plan, sensed_config(), NULL);
    session_start(&r.s, 0);
    step_until_phase(&r.s, 0, PHASE_MOVE, 120000);
    move = r.s.now_ms;
    session_motion(&r.s, move + 8000, MOTION_EVENT_MOVED_IN_CALIBRATION);
    for (int64_t k = move + 8000; k < move + 20000; k += 10)
        session_step(&r.s, k, ACTION_NONE);
    assert_int_equal(r.lie_still, 1);
    assert_int_equal(r.reminders, 1);
    assert_int_equal(r.beeps_under_words, 0);
}

static void motion_levels_without_a_profile_or_a_pad_keep_the_tempo(void **state)
{
    (void)state;
    Plan tilt = plan_of("pelvic_tilt_1");
    Run r;
    run_init(&r, &tilt, sensed_config(), NULL);
    session_start(&r.s, 0);
    assert_false(session_sensed(&r.s));
    step_until_phase(&r.s, 0, PHASE_MOVE, 120000);
    assert_true(r.s.deadline_ms > 0);

    Plan bridge = plan_of("bridge_1");
    run_init(&r, &bridge, session_config_default(), NULL); /* no pad */
    session_start(&r.s, 0);
    assert_false(session_sensed(&r.s));
    step_until_phase(&r.s, 0, PHASE_MOVE, 120000);
    assert_true(r.s.deadline_ms > 0);
    /* Detector events mean nothing there. */
    int64_t t = r.s.now_ms;
    session_motion(&r.s, t + 10, MOTION_EVENT_PEAK);
    assert_int_equal(r.s.phase, PHASE_MOVE);
}

static void motion_estimate_and_the_pad_switch_on_each_side_levels(void **state)
{
    (void)state;
    /* A sensed bridge is estimated at its tempo, as a pressed one is. */
    Plan bridge = plan_of("bridge_1");
    Session a, b;
    session_init(&a, &bridge, sensed_config(), NULL, NULL);
    session_init(&b, &bridge, session_config_default(), NULL, NULL);
    int64_t sensed = session_estimate_ms(&a), pressed = session_estimate_ms(&b);
    print_message("bridge_1 estimate: sensed %lld ms, pressed %lld ms\n", (long long)sensed,
                  (long long)pressed);
    assert_true(sensed > 60000);
    /* The same but for the intro's words on where the pad goes. */
    Prompt strap;
    prompt_motion_strap(&strap, MOTION_STRAP_THIGH);
    assert_int_equal(sensed, pressed + prompt_estimate_ms(strap.text) +
                                 session_config_default().speech_gap_ms);
    /* An each-side level gives time to move the pad to the other leg. */
    Plan clam = plan_of("clamshell_1");
    Run r;
    SessionConfig c = sensed_config();
    run_init(&r, &clam, c, NULL);
    session_start(&r.s, 0);
    int64_t t = 0;
    for (int rep = 0; rep < clam.items[0].level->reps; rep++) {
        t = step_until_phase(&r.s, t, PHASE_MOVE, t + 120000);
        session_motion(&r.s, t + 800, MOTION_EVENT_PEAK);
        t += 800;
    }
    t = step_until_phase(&r.s, t, PHASE_SWITCH_SIDE, t + 60000);
    session_step(&r.s, t + 3000, ACTION_NONE);
    assert_string_equal(r.last_key, "switch_sides_pad");
    assert_true(r.s.deadline_ms - r.s.phase_start_ms >= c.switch_side_ms + 10000);
}

/* ------------------------------------------------ the simulated person */

static MotionPersonOptions person_opts(unsigned seed)
{
    MotionPersonOptions o;
    memset(&o, 0, sizeof o);
    o.noise = 0.25f;      /* about 1.5 degrees of jitter on gravity */
    o.gyro_bias = 0.02f;  /* a drifting gyro, a degree a second */
    o.gyro = true;
    o.seed = seed;
    return o;
}

static void motion_every_profiled_level_is_counted_by_the_pad_alone(void **state)
{
    (void)state;
    int levels = 0;
    for (int tr = 0; tr < prog->track_count; tr++)
        for (int li = 0; li < prog->tracks[tr].level_count; li++) {
            const Level *l = &prog->tracks[tr].levels[li];
            if (l->motion.strap == MOTION_STRAP_NONE)
                continue;
            levels++;
            Plan plan = plan_of(l->id);
            for (int variant = 0; variant < 2; variant++) {
                MotionPersonOptions o = person_opts(11u + (unsigned)(levels * 7 + variant));
                o.gyro = variant == 0; /* and an accelerometer-only pad */
                MotionPerson person;
                motion_person_init(&person, &plan, o);
                Run r;
                run_init(&r, &plan, sensed_config(), &person);
                run_person(&r, 10, 30 * 60 * 1000);
                check_every_rep_and_hold(&r, l, o.gyro ? "noise, gyro drift" : "noise, no gyro");
                assert_int_equal(r.presses, 0);
                assert_int_equal(r.reminders, 0);
                assert_int_equal(r.s.results[0].holds_broken, 0);
            }
        }
    assert_true(levels >= 6);
}

static void motion_a_slipping_hold_is_found_and_done_again(void **state)
{
    (void)state;
    const char *ids[] = {"bridge_1", "superman_1", "clamshell_1", "kickback_1"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        Plan plan = plan_of(ids[i]);
        const Level *l = plan.items[0].level;
        if (l->hold_s < 2)
            continue; /* too short a hold to sag in */
        MotionPersonOptions o = person_opts(5u + (unsigned)i);
        o.slip_hold = 3;
        MotionPerson person;
        motion_person_init(&person, &plan, o);
        Run r;
        run_init(&r, &plan, sensed_config(), &person);
        run_person(&r, 10, 30 * 60 * 1000);
        check_every_rep_and_hold(&r, l, "third hold slips");
        assert_int_equal(r.s.results[0].holds_broken, 1);
        assert_int_equal(r.slips_said, 1);
        assert_int_equal(r.presses, 0);
    }
}

static void motion_a_still_pad_counts_nothing(void **state)
{
    (void)state;
    Plan plan = plan_of("bridge_1");
    MotionPersonOptions o = person_opts(3);
    o.still = true;
    MotionPerson person;
    motion_person_init(&person, &plan, o);
    Run r;
    run_init(&r, &plan, sensed_config(), &person);
    run_person(&r, 10, 3 * 60 * 1000);
    assert_false(session_done(&r.s));
    assert_int_equal(r.s.phase, PHASE_MOVE);
    assert_int_equal(r.reps, 0);
    assert_int_equal(r.holds, 0);
    assert_true(r.reminders >= 3);
    assert_true(r.calibrations >= 1);
    assert_true(motion_calibrated(&r.det));
}

static void motion_a_daily_session_senses_what_it_can_and_asks_for_the_rest(void **state)
{
    (void)state;
    int current[PROGRAM_MAX_TRACKS] = {0};
    Plan plan;
    int n = plan_build_daily(prog, current, &plan);
    assert_true(n >= 8);
    MotionPerson person;
    motion_person_init(&person, &plan, person_opts(21));
    Run r;
    run_init(&r, &plan, sensed_config(), &person);
    run_person(&r, 10, 60 * 60 * 1000);
    assert_true(session_done(&r.s));
    int pressed_reps = 0;
    for (int i = 0; i < plan.count; i++) {
        const ExerciseResult *res = &r.s.results[i];
        assert_int_equal(res->reps_done, res->reps_target);
        if (plan.items[i].level->motion.strap == MOTION_STRAP_NONE) {
            const Level *l = plan.items[i].level;
            pressed_reps += l->sides == SIDES_EACH_SIDE ? 2 * res->reps_target
                          : l->sides == SIDES_ALTERNATING ? 2 * res->reps_target
                                                          : res->reps_target;
        }
    }
    /* A press only where there is no profile. */
    print_message("daily: %d presses for %d unsensed moves\n", r.presses, pressed_reps);
    assert_int_equal(r.presses, pressed_reps);
}

/* ------------------------------------------------------------- traces */

typedef struct {
    const char *file;
    const char *level;
    MotionPersonOptions opt;
    int slips; /* holds that slip in it */
} TraceSpec;

enum { TRACE_SPECS_MAX = 24 };
static TraceSpec trace_specs[TRACE_SPECS_MAX];
static char trace_names[TRACE_SPECS_MAX][ID_MAX + 16];
static int trace_spec_count;

/* One trace for every level with a motion profile (every third one from
 * an accelerometer-only pad), and one with a hold that slips. */
static void make_trace_specs(void)
{
    trace_spec_count = 0;
    for (int tr = 0; tr < prog->track_count; tr++)
        for (int li = 0; li < prog->tracks[tr].level_count; li++) {
            const Level *l = &prog->tracks[tr].levels[li];
            if (l->motion.strap == MOTION_STRAP_NONE || trace_spec_count >= TRACE_SPECS_MAX - 1)
                continue;
            int i = trace_spec_count++;
            TraceSpec *t = &trace_specs[i];
            snprintf(trace_names[i], sizeof trace_names[i], "%s.trace", l->id);
            t->file = trace_names[i];
            t->level = l->id;
            t->opt = person_opts(100u + (unsigned)i);
            t->opt.gyro = i % 3 != 1;
            t->slips = 0;
        }
    TraceSpec *slip = &trace_specs[trace_spec_count++];
    slip->file = "bridge_1-slipped-hold.trace";
    slip->level = "bridge_1";
    slip->opt = person_opts(200);
    slip->opt.slip_hold = 4;
    slip->slips = 1;
}

/* Writes spec's trace to path: the header, then each 20 ms sample (50 Hz)
 * with the session's words between them, for reading. */
static void write_trace(const TraceSpec *spec, const char *path)
{
    Plan plan = plan_of(spec->level);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    const Level *l = plan.items[0].level;
    fprintf(f, "# corequest motion trace 1\n");
    char header[128];
    assert_true(motion_trace_format_level(header, sizeof header, l->id, l->motion.strap));
    fprintf(f, "%s\n", header);
    fprintf(f, "# synthetic: made by test_session_motion --write-traces from the figure's own "
               "poses (noise %.2f m/s^2, gyro %s, bias %.3f rad/s%s); not a real pad\n",
            spec->opt.noise, spec->opt.gyro ? "on" : "off", spec->opt.gyro_bias,
            spec->slips ? ", one hold slips" : "");
    MotionPerson person;
    motion_person_init(&person, &plan, spec->opt);
    Run r;
    run_init(&r, &plan, sensed_config(), &person);
    r.record = f;
    run_person(&r, 20, 30 * 60 * 1000);
    assert_true(session_done(&r.s));
    assert_int_equal(fclose(f), 0);
}

/* Feeds a trace file, as recorded, into a fresh sensed session. */
static void replay_trace(const char *path, Run *r, Plan *plan, char *level_id, size_t n)
{
    FILE *f = fopen(path, "r");
    if (!f)
        fail_msg("cannot open %s", path);
    char line[512];
    int lineno = 0;
    bool started = false;
    level_id[0] = '\0';
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char id[64];
        MotionStrap strap;
        if (!started && motion_trace_parse_level(line, id, sizeof id, &strap)) {
            snprintf(level_id, n, "%s", id);
            *plan = plan_of(id);
            assert_int_equal(strap, plan->items[0].level->motion.strap);
            run_init(r, plan, sensed_config(), NULL);
            session_start(&r->s, 0);
            started = true;
            continue;
        }
        MotionSample smp;
        bool is_sample;
        char err[128];
        if (!motion_trace_parse_line(line, &smp, &is_sample, err, sizeof err))
            fail_msg("%s:%d: %s", path, lineno, err);
        if (!is_sample)
            continue;
        if (!started)
            fail_msg("%s:%d: a sample before the '# level' line", path, lineno);
        run_feed(r, &smp);
    }
    fclose(f);
    assert_true(started);
    /* Past the last sample only timed phases should be left. */
    for (int64_t t = r->s.now_ms; !session_done(&r->s) && t < r->s.now_ms + 120000; t += 100)
        session_step(&r->s, t, ACTION_NONE);
}

static void motion_shipped_traces_replay_to_every_rep_and_hold(void **state)
{
    (void)state;
    make_trace_specs();
    for (int i = 0; i < trace_spec_count; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/motion/%s", TEST_DATA_DIR, trace_specs[i].file);
        Run r;
        Plan plan;
        char id[64];
        replay_trace(path, &r, &plan, id, sizeof id);
        assert_string_equal(id, trace_specs[i].level);
        if (r.s.results[0].reps_done != r.s.results[0].reps_target)
            print_message("%s: if the session's timeline changed on purpose, make the "
                          "traces again: test_session_motion --write-traces %s/motion\n",
                          path, TEST_DATA_DIR);
        check_every_rep_and_hold(&r, plan.items[0].level, trace_specs[i].file);
        assert_int_equal(r.s.results[0].holds_broken, trace_specs[i].slips);
    }
}

/* A freshly written trace replays to the same result as the live run that
 * wrote it (the recorder and the replay agree). */
static void motion_a_written_trace_replays_like_the_live_run(void **state)
{
    (void)state;
    make_trace_specs();
    char dir[1024], path[1200];
    test_make_fresh_dir("motion_traces", dir, sizeof dir);
    const TraceSpec *spec = &trace_specs[trace_spec_count - 1]; /* the slipped hold */
    snprintf(path, sizeof path, "%s/%s", dir, spec->file);
    write_trace(spec, path);
    Run r;
    Plan plan;
    char id[64];
    replay_trace(path, &r, &plan, id, sizeof id);
    check_every_rep_and_hold(&r, plan.items[0].level, "written and replayed");
    assert_int_equal(r.s.results[0].holds_broken, 1);
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--write-traces") == 0) {
        if (setup(NULL) != 0)
            return 1;
        make_trace_specs();
        for (int i = 0; i < trace_spec_count; i++) {
            char path[1200];
            snprintf(path, sizeof path, "%s/%s", argv[2], trace_specs[i].file);
            write_trace(&trace_specs[i], path);
            printf("wrote %s\n", path);
        }
        teardown(NULL);
        return 0;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(motion_sensed_move_waits_for_the_peak_and_counts_with_no_press),
        cmocka_unit_test(motion_broken_hold_is_said_kindly_and_the_rep_done_again_once),
        cmocka_unit_test(motion_still_pad_gets_reminders_and_confirm_stands_in),
        cmocka_unit_test(motion_moving_while_the_pad_finds_the_start_asks_once_to_lie_still),
        cmocka_unit_test(motion_levels_without_a_profile_or_a_pad_keep_the_tempo),
        cmocka_unit_test(motion_estimate_and_the_pad_switch_on_each_side_levels),
        cmocka_unit_test(motion_every_profiled_level_is_counted_by_the_pad_alone),
        cmocka_unit_test(motion_a_slipping_hold_is_found_and_done_again),
        cmocka_unit_test(motion_a_still_pad_counts_nothing),
        cmocka_unit_test(motion_a_daily_session_senses_what_it_can_and_asks_for_the_rest),
        cmocka_unit_test(motion_shipped_traces_replay_to_every_rep_and_hold),
        cmocka_unit_test(motion_a_written_trace_replays_like_the_live_run),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
