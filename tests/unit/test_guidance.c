/* test_guidance.c: every level of the shipped pack, as a person with eyes
 * closed would hear it: words never overlap, no beep sounds under them, no
 * phase ends while they are said, every coaching cue is said, the movement
 * is described before rep 1; a clock jump pauses; a shell's words get room. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "plan.h"
#include "program.h"
#include "prompts.h"
#include "session.h"
#include "test_support.h"

enum { LOG_MAX = 20000 };

typedef struct {
    Cue *items;
    int count;
} Log;

static Program *g_program;
static Log g_log;

static void log_sink(void *ctx, const Cue *cue)
{
    Log *log = ctx;
    assert_true(log->count < LOG_MAX);
    log->items[log->count++] = *cue;
}

static int setup(void **state)
{
    (void)state;
    int tracks = 0;
    g_program = test_load_program(TEST_LEVELS_DIR, &tracks, NULL);
    g_log.items = calloc(LOG_MAX, sizeof *g_log.items);
    return tracks == 8 && g_log.items ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    free(g_program);
    free(g_log.items);
    return 0;
}

/* Runs a plan to its end; confirm mode confirms each wait after `wait_ms`. */
static void run_plan(const Plan *plan, SessionMode mode, int wait_ms)
{
    g_log.count = 0;
    SessionConfig c = session_config_default();
    c.mode = mode;
    Session *s = calloc(1, sizeof *s);
    assert_non_null(s);
    session_init(s, plan, c, log_sink, &g_log);
    session_start(s, 0);
    for (int guard = 0; guard < 200000 && !session_done(s); guard++) {
        if (s->phase == PHASE_WAIT_CONFIRM || s->phase == PHASE_PAIN_CHECK) {
            int64_t at = s->phase_start_ms + wait_ms;
            int64_t next = session_next_event_ms(s);
            if (next >= 0 && next < at)
                session_step(s, next, ACTION_NONE);
            else
                session_step(s, at, ACTION_CONFIRM);
            continue;
        }
        session_step(s, session_next_event_ms(s), ACTION_NONE);
    }
    assert_true(session_done(s));
    free(s);
}

/* The rules of the timeline, checked on whatever was said. */
static void check_words(const char *what)
{
    const SessionConfig config = session_config_default();
    int64_t talk_end = -1, beep_end = -1;
    const Cue *talking = NULL, *beeping = NULL;
    int hushes = 0;
    for (int i = 0; i < g_log.count; i++) {
        const Cue *c = &g_log.items[i];
        if (c->kind == CUE_HUSH) {
            hushes++;
            talk_end = -1;
            continue;
        }
        if (c->kind == CUE_SAY) {
            if (talk_end > c->at_ms)
                fail_msg("%s: \"%s\" at %lld starts under \"%s\" (until %lld)", what, c->key,
                         (long long)c->at_ms, talking->key, (long long)talk_end);
            if (beep_end > c->at_ms)
                fail_msg("%s: \"%s\" at %lld starts under beep %s", what, c->key,
                         (long long)c->at_ms, beep_name(beeping->beep));
            assert_true(c->duration_ms > 0);
            talk_end = c->at_ms + c->duration_ms;
            talking = c;
        } else if (c->kind == CUE_BEEP && talk_end > c->at_ms) {
            fail_msg("%s: beep %s at %lld under \"%s\"", what, beep_name(c->beep),
                     (long long)c->at_ms, talking->key);
        } else if (c->kind == CUE_BEEP) {
            beep_end = c->at_ms + config.beep_ms[c->beep];
            beeping = c;
        } else if (c->kind == CUE_PHASE && talk_end > c->at_ms) {
            fail_msg("%s: phase %s at %lld cuts \"%s\"", what, phase_id(c->phase),
                     (long long)c->at_ms, talking->key);
        } else if (c->kind == CUE_SAY_DROPPED) {
            /* Only repeats of a cue already said, or a count with no room. */
            assert_true(strncmp(c->key, "cue_", 4) == 0 || strncmp(c->key, "countdown_", 10) == 0);
        }
    }
    /* Nobody pressed anything but confirm: nothing was cut on purpose. */
    assert_int_equal(hushes, 0);
}

static bool said(const char *key)
{
    for (int i = 0; i < g_log.count; i++)
        if (g_log.items[i].kind == CUE_SAY && strcmp(g_log.items[i].key, key) == 0)
            return true;
    return false;
}

static int first_index(CueKind kind, BeepKind beep)
{
    for (int i = 0; i < g_log.count; i++)
        if (g_log.items[i].kind == kind && (kind != CUE_BEEP || g_log.items[i].beep == beep))
            return i;
    return -1;
}

static int key_index(const char *key)
{
    for (int i = 0; i < g_log.count; i++)
        if (g_log.items[i].kind == CUE_SAY && strcmp(g_log.items[i].key, key) == 0)
            return i;
    return -1;
}

static void test_every_level_said_whole_and_in_full(void **state)
{
    (void)state;
    static const SessionMode modes[] = {MODE_TEMPO, MODE_CONFIRM};
    for (int t = 0; t < g_program->track_count; t++) {
        const Track *track = &g_program->tracks[t];
        for (int li = 0; li < track->level_count; li++) {
            const Level *l = &track->levels[li];
            Plan plan;
            assert_true(plan_build_single(g_program, l->id, &plan));
            for (int m = 0; m < 2; m++) {
                char what[128];
                snprintf(what, sizeof what, "%s (%s)", l->id, m ? "confirm" : "tempo");
                run_plan(&plan, modes[m], 700);
                check_words(what);
                /* Every coaching cue of the level, at least once. */
                for (int k = 0; k < l->cue_count; k++) {
                    char key[CUE_KEY_MAX];
                    snprintf(key, sizeof key, "cue_%s_%d", l->id, k + 1);
                    if (!said(key))
                        fail_msg("%s: cue %d never said", what, k + 1);
                }
                /* The movement is described before the first "go". */
                char key[CUE_KEY_MAX];
                snprintf(key, sizeof key, "movement_%s", l->id);
                int movement = key_index(key);
                assert_true(movement >= 0);
                assert_true(movement < first_index(CUE_BEEP, BEEP_GO));
                /* Alternating returns keep the core braced; nobody relaxes. */
                assert_false(said("relax"));
                if (l->sides == SIDES_ALTERNATING)
                    assert_true(said("return_braced") || l->return_cue[0]);
                if (l->hold_s >= 5)
                    assert_true(said("countdown_3") && said("countdown_1"));
            }
        }
    }
}

static void test_the_daily_session_keeps_the_rules_and_tells_each_setup(void **state)
{
    (void)state;
    Plan plan;
    assert_int_equal(plan_build_daily(g_program, NULL, &plan), 8);
    run_plan(&plan, MODE_CONFIRM, 600);
    check_words("daily");
    for (int i = 1; i < plan.count; i++) {
        /* Said in the rest before it, ending the settle time before the
         * exercise begins: time to change position. */
        char key[CUE_KEY_MAX];
        snprintf(key, sizeof key, "setup_%s", plan.items[i].level->id);
        int at = key_index(key);
        assert_true(at >= 0);
        assert_int_equal(g_log.items[at].phase, PHASE_REST);
        snprintf(key, sizeof key, "next_%s", plan.items[i].track->id);
        assert_true(key_index(key) >= 0 && key_index(key) < at);
    }
    assert_true(said("seconds_left_5"));
}

static void test_a_clock_jump_pauses_instead_of_counting_reps(void **state)
{
    (void)state;
    Plan plan;
    assert_true(plan_build_single(g_program, "bridge_1", &plan));
    g_log.count = 0;
    SessionConfig c = session_config_default();
    c.mode = MODE_TEMPO;
    c.stall_pause_ms = 1000;
    Session s;
    session_init(&s, &plan, c, log_sink, &g_log);
    session_start(&s, 0);
    int64_t now = 0;
    while (s.phase != PHASE_HOLD) {
        now += 10;
        session_step(&s, now, ACTION_NONE);
    }
    int reps = s.results[0].reps_done;
    /* The process was stopped for 20 s (a suspend, no sound device). */
    now += 20000;
    session_step(&s, now, ACTION_NONE);
    assert_true(s.paused);
    assert_int_equal(s.phase, PHASE_HOLD);
    assert_int_equal(s.results[0].reps_done, reps);
    assert_true(said("paused_stall"));
    for (int i = 0; i < 100; i++) {
        now += 10;
        session_step(&s, now, ACTION_NONE);
    }
    assert_int_equal(s.results[0].reps_done, reps);
    /* Confirm carries on, where it stood. */
    int64_t left = session_phase_remaining(&s, now);
    session_step(&s, now, ACTION_CONFIRM);
    assert_false(s.paused);
    assert_true(session_phase_remaining(&s, now) >= left);
    /* Small steps never pause. */
    for (int i = 0; i < 3000 && !session_done(&s); i++) {
        now += 50;
        session_step(&s, now, ACTION_NONE);
    }
    int pauses = 0;
    for (int i = 0; i < g_log.count; i++)
        pauses += g_log.items[i].kind == CUE_PAUSED;
    assert_int_equal(pauses, 1);
    assert_int_equal(s.results[0].reps_done, 10);
}

static void test_a_shell_gets_room_for_its_words(void **state)
{
    (void)state;
    Plan plan;
    assert_true(plan_build_single(g_program, "pelvic_tilt_1", &plan));
    g_log.count = 0;
    SessionConfig c = session_config_default();
    c.mode = MODE_TEMPO;
    Session s;
    session_init(&s, &plan, c, log_sink, &g_log);
    session_start(&s, 0);
    while (s.phase != PHASE_HOLD)
        session_step(&s, session_next_event_ms(&s), ACTION_NONE);
    int64_t now = s.phase_start_ms + 500; /* "hold for five" is being said */
    session_step(&s, now, ACTION_NONE);
    int64_t deadline = s.deadline_ms;
    /* The person asked for the controls: the hold waits while they are said. */
    session_make_room(&s, now, 12000, true);
    assert_int_equal(g_log.items[g_log.count - 1].kind, CUE_HUSH);
    assert_int_equal(s.deadline_ms, deadline + 12000 + c.speech_gap_ms);
    for (int i = 0; i < g_log.count; i++)
        if (g_log.items[i].kind == CUE_SAY && strncmp(g_log.items[i].key, "countdown_", 10) == 0)
            fail_msg("the countdown started before the shell's words ended");
    while (!session_done(&s) && s.results[0].reps_done < 2)
        session_step(&s, session_next_event_ms(&s), ACTION_NONE);
    int three = key_index("countdown_3");
    assert_true(three >= 0);
    assert_true(g_log.items[three].at_ms >= now + 12000);

    /* Not asked for: the shell's words follow the ones being said. */
    while (s.phase != PHASE_HOLD)
        session_step(&s, session_next_event_ms(&s), ACTION_NONE);
    int before = g_log.count;
    now = s.phase_start_ms + 200;
    session_step(&s, now, ACTION_NONE);
    int64_t talk = s.talk_until_ms;
    assert_true(talk > now);
    session_make_room(&s, now, 3000, false);
    for (int i = before; i < g_log.count; i++)
        assert_true(g_log.items[i].kind != CUE_HUSH);
    assert_int_equal(s.talk_until_ms, talk + c.speech_gap_ms + 3000);
}

/* The advice names the pack's own numbers, not the defaults'; other
 * numbers are other words, so another key. */
static void test_advice_says_the_packs_own_numbers(void **state)
{
    (void)state;
    static Track bridge, clam;
    snprintf(bridge.id, sizeof bridge.id, "bridge");
    snprintf(bridge.title, sizeof bridge.title, "Bridges");
    snprintf(clam.id, sizeof clam.id, "clamshell");
    snprintf(clam.title, sizeof clam.title, "Clamshells");
    const Track *tracks[] = {&bridge, &clam};
    int reasons[] = {2, 1};
    ClinicalRules rules = clinical_rules_default();
    Prompt def, custom;
    prompt_advice(&def, &rules, tracks, reasons, 2);
    assert_non_null(strstr(def.text, "Bridges, because it hurt twice within a week"));
    assert_non_null(strstr(def.text, "Clamshells, because a pain stop was rated seven or more"));
    assert_non_null(strstr(def.text, "They are left out of your session"));

    rules.advice_score_at = 6;
    rules.advice_stops = 3;
    rules.advice_window_days = 14;
    rules.advice_then = ADVICE_EASIER;
    prompt_advice(&custom, &rules, tracks, reasons, 2);
    assert_non_null(strstr(custom.text, "Bridges, because it hurt three times within two weeks"));
    assert_non_null(strstr(custom.text, "rated six or more"));
    assert_non_null(strstr(custom.text, "done one level easier"));
    assert_string_not_equal(def.key, custom.key);

    int many[] = {3};
    rules.advice_days_any = 4;
    rules.advice_window_days = 10;
    prompt_advice(&custom, &rules, tracks, many, 1);
    assert_non_null(strstr(custom.text, "pain stopped you on four different days within ten days"));
    assert_non_null(strstr(custom.text, "Until then it is done one level easier."));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_level_said_whole_and_in_full, setup, teardown),
        cmocka_unit_test_setup_teardown(test_the_daily_session_keeps_the_rules_and_tells_each_setup,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_clock_jump_pauses_instead_of_counting_reps, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_a_shell_gets_room_for_its_words, setup, teardown),
        cmocka_unit_test(test_advice_says_the_packs_own_numbers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
