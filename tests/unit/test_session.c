/* test_session.c: the guided-session state machine, phase by phase, on a
 * virtual clock, over small programs built here (no level files). */
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

/* ------------------------------------------------------------ fixtures */

typedef struct {
    Cue *items;
    int count, cap;
} CueLog;

static void log_sink(void *ctx, const Cue *cue)
{
    CueLog *log = ctx;
    if (log->count == log->cap) {
        log->cap = log->cap ? log->cap * 2 : 256;
        log->items = realloc(log->items, (size_t)log->cap * sizeof *log->items);
        assert_non_null(log->items);
    }
    log->items[log->count++] = *cue;
}

static void log_free(CueLog *log)
{
    free(log->items);
    memset(log, 0, sizeof *log);
}

static Program *g_program;
static Plan g_plan;
static CueLog g_log;
static CueLog g_other[3]; /* comparisons between runs */

static int setup(void **state)
{
    (void)state;
    g_program = calloc(1, sizeof *g_program);
    memset(&g_plan, 0, sizeof g_plan);
    memset(&g_log, 0, sizeof g_log);
    return g_program ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    free(g_program);
    g_program = NULL;
    log_free(&g_log);
    for (int i = 0; i < 3; i++)
        log_free(&g_other[i]);
    return 0;
}

static const char *const SETUP_TEXT = "Lie on your back with your knees bent.";

/* Adds a level to the track (created when new) and returns it. */
static Level *add_level(const char *track_id, const char *track_title, const char *level_id,
                        Sides sides, int reps, int sets, int hold_s, int rest_s, int move_ms,
                        int relax_ms)
{
    Track *track = NULL;
    for (int i = 0; i < g_program->track_count; i++)
        if (strcmp(g_program->tracks[i].id, track_id) == 0)
            track = &g_program->tracks[i];
    if (!track) {
        track = &g_program->tracks[g_program->track_count++];
        snprintf(track->id, sizeof track->id, "%s", track_id);
        snprintf(track->title, sizeof track->title, "%s", track_title);
    }
    Level *l = &track->levels[track->level_count++];
    snprintf(l->id, sizeof l->id, "%s", level_id);
    snprintf(l->title, sizeof l->title, "Level %s", level_id);
    snprintf(l->setup, sizeof l->setup, "%s", SETUP_TEXT);
    l->sides = sides;
    l->reps = reps;
    l->sets = sets;
    l->hold_s = hold_s;
    l->rest_s = rest_s;
    l->move_ms = move_ms;
    l->relax_ms = relax_ms;
    l->settle_ms = 6000; /* the loader's default */
    return l;
}

static void add_cue(Level *l, const char *text)
{
    snprintf(l->cues[l->cue_count++], TEXT_MAX, "%s", text);
}

static void build_plan(void)
{
    assert_int_equal(plan_build_daily(g_program, NULL, &g_plan), g_program->track_count);
}

static void start_session(Session *s, SessionConfig config)
{
    session_init(s, &g_plan, config, log_sink, &g_log);
    session_start(s, 0);
}

/* Words and beeps that take no time: the nominal timeline, so the phase
 * arithmetic below reads plainly.  The speech-aware tests use real lengths. */
static int no_length(void *ctx, const char *key, const char *text)
{
    (void)ctx; (void)key; (void)text;
    return 0;
}

static SessionConfig config_mode(SessionMode mode)
{
    SessionConfig c = session_config_default();
    c.mode = mode;
    c.say_ms = no_length;
    c.speech_gap_ms = 0;
    memset(c.beep_ms, 0, sizeof c.beep_ms);
    /* The arithmetic of these timelines leaves out "how did it feel?";
     * the rating tests below turn it on. */
    c.ask_rating = false;
    return c;
}

/* Steps from event to event up to `until`, then at `until` itself. */
static void run_until(Session *s, int64_t until)
{
    for (;;) {
        int64_t t = session_next_event_ms(s);
        if (t < 0 || t > until)
            break;
        session_step(s, t, ACTION_NONE);
    }
    session_step(s, until, ACTION_NONE);
}

/* Runs to the end, confirming each wait the moment it starts. */
static void run_to_end(Session *s)
{
    for (int guard = 0; guard < 1000000 && !session_done(s); guard++) {
        if (s->phase == PHASE_WAIT_CONFIRM || s->phase == PHASE_PAIN_CHECK) {
            session_step(s, s->now_ms, ACTION_CONFIRM);
            continue;
        }
        int64_t t = session_next_event_ms(s);
        assert_true(t >= 0);
        session_step(s, t, ACTION_NONE);
    }
    assert_true(session_done(s));
}

static int count_kind(const CueLog *log, CueKind kind)
{
    int n = 0;
    for (int i = 0; i < log->count; i++)
        n += log->items[i].kind == kind;
    return n;
}

static int count_beep(const CueLog *log, BeepKind beep)
{
    int n = 0;
    for (int i = 0; i < log->count; i++)
        n += log->items[i].kind == CUE_BEEP && log->items[i].beep == beep;
    return n;
}

/* Index of the nth (0-based) phase cue for phase p, or -1. */
static int nth_phase(const CueLog *log, Phase p, int nth)
{
    for (int i = 0; i < log->count; i++)
        if (log->items[i].kind == CUE_PHASE && log->items[i].phase == p && nth-- == 0)
            return i;
    return -1;
}

static const Cue *find_say(const CueLog *log, const char *key)
{
    for (int i = 0; i < log->count; i++)
        if (log->items[i].kind == CUE_SAY && strcmp(log->items[i].key, key) == 0)
            return &log->items[i];
    return NULL;
}

/* Everything said in the summary, one prompt after another. */
static const char *summary_words(void)
{
    static char text[4 * CUE_TEXT_MAX];
    text[0] = '\0';
    for (int i = 0; i < g_log.count; i++)
        if (g_log.items[i].kind == CUE_SAY && g_log.items[i].phase == PHASE_SUMMARY) {
            strncat(text, g_log.items[i].text, sizeof text - strlen(text) - 2);
            strcat(text, " ");
        }
    return text;
}

static const Cue *last_phase_cue(const CueLog *log)
{
    for (int i = log->count - 1; i >= 0; i--)
        if (log->items[i].kind == CUE_PHASE)
            return &log->items[i];
    return NULL;
}

/* Checks a phase cue: its phase, start and deadline. */
static void expect_phase(const CueLog *log, int *cursor, Phase p, int64_t at, int64_t deadline)
{
    int i = *cursor;
    while (i < log->count && log->items[i].kind != CUE_PHASE)
        i++;
    assert_true(i < log->count);
    if (log->items[i].phase != p)
        fail_msg("cue %d: expected phase %s, got %s", i, phase_id(p),
                 phase_id(log->items[i].phase));
    assert_int_equal(log->items[i].at_ms, at);
    assert_int_equal(log->items[i].deadline_ms, deadline);
    *cursor = i + 1;
}

/* ---------------------------------------------------------------- names */

static void test_names_round_trip(void **state)
{
    (void)state;
    for (int a = ACTION_NONE + 1; a < ACTION_COUNT; a++)
        assert_int_equal(action_from_name(action_name((Action)a)), a);
    assert_int_equal(action_from_name("confirm"), ACTION_CONFIRM);
    assert_int_equal(action_from_name("Pain"), ACTION_PAIN);
    assert_int_equal(action_from_name("JUMP"), ACTION_NONE);
    assert_int_equal(action_from_name("NONE"), ACTION_NONE);
    assert_int_equal(action_from_name(""), ACTION_NONE);
    assert_string_equal(phase_id(PHASE_GET_READY), "get_ready");
    assert_string_equal(phase_id(PHASE_WAIT_CONFIRM), "wait_confirm");
    assert_string_equal(phase_name(PHASE_GET_READY), "GET READY");
    assert_string_equal(phase_name(PHASE_HOLD), "HOLD");
    assert_string_equal(beep_name(BEEP_COUNTDOWN), "countdown");
    assert_string_equal(cue_kind_name(CUE_EXERCISE_DONE), "exercise_done");
    assert_string_equal(side_name(SIDE_NONE), "");
    assert_string_equal(side_name(SIDE_RIGHT), "right");
    for (int p = 0; p < PHASE_COUNT; p++)
        assert_true(phase_id((Phase)p)[0] != '\0');
}

static void test_config_defaults(void **state)
{
    (void)state;
    SessionConfig c = session_config_default();
    assert_int_equal(c.mode, MODE_CONFIRM);
    assert_int_equal(c.get_ready_ms, 3000);
    assert_int_equal(c.switch_side_ms, 5000);
    assert_int_equal(c.reminder_ms, 10000);
    assert_int_equal(c.reminder_repeat_ms, 20000);
    assert_int_equal(c.summary_ms, 8000);
    assert_true(c.pain_reminder);
}

/* ---------------------------------------------------------------- intro */

static void test_intro_names_track_level_and_setup(void **state)
{
    (void)state;
    add_level("pelvic_tilt", "Pelvic tilts", "pelvic_tilt_1", SIDES_NONE, 2, 1, 0, 5, 2000, 2000);
    Level *l2 = add_level("pelvic_tilt", "Pelvic tilts", "pelvic_tilt_2", SIDES_NONE, 2, 1, 0, 5, 2000, 2000);
    Level *b = add_level("bridge", "Bridges", "bridge_1", SIDES_NONE, 2, 1, 0, 5, 2000, 2000);
    snprintf(l2->movement, sizeof l2->movement, "Tip your pelvis back");
    add_cue(b, "Squeeze your glutes.");
    int current[2] = {1, 0};
    plan_build_daily(g_program, current, &g_plan);
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    run_until(&s, 0);
    assert_int_equal(s.phase, PHASE_INTRO);
    /* Name, setup, movement and the pain button, each whole and in turn. */
    const char *keys[] = {"title_pelvic_tilt_2", "setup_pelvic_tilt_2", "movement_pelvic_tilt_2",
                          "safety_reminder"};
    int last = -1;
    for (int k = 0; k < 4; k++) {
        const Cue *c = find_say(&g_log, keys[k]);
        assert_non_null(c);
        assert_int_equal(c->phase, PHASE_INTRO);
        assert_true((int)(c - g_log.items) > last);
        last = (int)(c - g_log.items);
    }
    assert_string_equal(find_say(&g_log, "title_pelvic_tilt_2")->text,
                        "Pelvic tilts, level 2: Level pelvic_tilt_2.");
    assert_string_equal(find_say(&g_log, "setup_pelvic_tilt_2")->text, SETUP_TEXT);
    assert_string_equal(find_say(&g_log, "movement_pelvic_tilt_2")->text, "Tip your pelvis back.");
    assert_non_null(strstr(find_say(&g_log, "safety_reminder")->text, "press the pain button"));

    run_to_end(&s);
    /* The second exercise: its setup was said in the rest before it, so its
     * intro gives the name and the movement (the first cue, lacking one). */
    const Cue *setup = find_say(&g_log, "setup_bridge_1");
    assert_non_null(setup);
    assert_int_equal(setup->phase, PHASE_REST);
    assert_int_equal(count_kind(&g_log, CUE_SAY_DROPPED), 0);
    int intro = nth_phase(&g_log, PHASE_INTRO, 1);
    for (int i = intro; i < g_log.count && g_log.items[i].phase == PHASE_INTRO; i++)
        if (g_log.items[i].kind == CUE_SAY)
            assert_true(strcmp(g_log.items[i].key, "title_bridge_1") == 0 ||
                        strcmp(g_log.items[i].key, "movement_bridge_1") == 0);
    assert_string_equal(find_say(&g_log, "movement_bridge_1")->text, "Squeeze your glutes.");
    int safety = 0;
    for (int i = 0; i < g_log.count; i++)
        safety += g_log.items[i].kind == CUE_SAY &&
                  strcmp(g_log.items[i].key, "safety_reminder") == 0;
    assert_int_equal(safety, 1);
}

static SessionConfig config_speech(SessionMode mode)
{
    SessionConfig c = session_config_default();
    c.mode = mode;
    return c;
}

static void test_intro_waits_for_its_words_then_settles(void **state)
{
    (void)state;
    Level *l = add_level("t", "T", "t_1", SIDES_NONE, 1, 1, 0, 0, 1000, 1000);
    l->settle_ms = 4000;
    char setup[TEXT_MAX] = "";
    for (int i = 0; i < 40; i++)
        strcat(setup, "word ");
    snprintf(l->setup, sizeof l->setup, "%s", setup);
    build_plan();
    SessionConfig c = config_speech(MODE_TEMPO);
    Session s;
    start_session(&s, c);
    run_until(&s, 60000);
    /* Each intro prompt follows the one before, a gap after it ends. */
    const Cue *title = find_say(&g_log, "title_t_1");
    const Cue *set = find_say(&g_log, "setup_t_1");
    assert_non_null(title);
    assert_non_null(set);
    assert_int_equal(title->at_ms, 0);
    assert_int_equal(title->duration_ms, prompt_estimate_ms(title->text));
    assert_int_equal(set->at_ms, title->duration_ms + c.speech_gap_ms);
    const Cue *safety = find_say(&g_log, "safety_reminder");
    assert_non_null(safety);
    int64_t words_end = safety->at_ms + safety->duration_ms;
    int ready = nth_phase(&g_log, PHASE_GET_READY, 0);
    assert_true(ready >= 0);
    /* The settle time is the level's, counted from the last word. */
    assert_int_equal(g_log.items[ready].at_ms, words_end + 4000);
    /* The countdown beeps come after "get ready" has been said. */
    const Cue *words = find_say(&g_log, "get_ready");
    for (int i = 0; i < g_log.count; i++)
        if (g_log.items[i].kind == CUE_BEEP && g_log.items[i].beep == BEEP_COUNTDOWN)
            assert_true(g_log.items[i].at_ms >= words->at_ms + words->duration_ms);
}

static void test_intro_without_pain_reminder(void **state)
{
    (void)state;
    add_level("bridge", "Bridges", "bridge_1", SIDES_NONE, 2, 1, 0, 5, 2000, 2000);
    build_plan();
    SessionConfig c = config_mode(MODE_TEMPO);
    c.pain_reminder = false;
    Session s;
    start_session(&s, c);
    assert_non_null(find_say(&g_log, "title_bridge_1"));
    assert_null(find_say(&g_log, "safety_reminder"));
}

static void test_intro_confirm_goes_to_get_ready(void **state)
{
    (void)state;
    add_level("t", "T", "t_1", SIDES_NONE, 2, 1, 0, 0, 1000, 1000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_CONFIRM));
    session_step(&s, 1234, ACTION_CONFIRM);
    assert_int_equal(s.phase, PHASE_GET_READY);
    assert_int_equal(s.phase_start_ms, 1234);
    assert_int_equal(s.deadline_ms, 4234);
    /* The first countdown beep is due at once and is not held back. */
    assert_int_equal(count_beep(&g_log, BEEP_COUNTDOWN), 1);
    assert_int_equal(g_log.items[g_log.count - 1].at_ms, 1234);
}

/* ------------------------------------------------------- the rep cycle */

static void test_tempo_phases_with_hold_and_sets(void **state)
{
    (void)state;
    add_level("t", "T", "t_1", SIDES_NONE, 2, 2, 3, 10, 2000, 2000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    int64_t intro = s.deadline_ms;
    run_to_end(&s);

    int c = 0;
    int64_t t = intro;
    expect_phase(&g_log, &c, PHASE_INTRO, 0, intro);
    expect_phase(&g_log, &c, PHASE_GET_READY, t, t + 3000);
    t += 3000;
    for (int set = 0; set < 2; set++) {
        for (int rep = 0; rep < 2; rep++) {
            expect_phase(&g_log, &c, PHASE_MOVE, t, t + 2000);
            t += 2000;
            expect_phase(&g_log, &c, PHASE_HOLD, t, t + 3000);
            t += 3000;
            expect_phase(&g_log, &c, PHASE_RELAX, t, t + 2000);
            t += 2000;
        }
        if (set == 0) {
            expect_phase(&g_log, &c, PHASE_REST, t, t + 10000);
            t += 10000;
            expect_phase(&g_log, &c, PHASE_GET_READY, t, t + 3000);
            t += 3000;
        }
    }
    expect_phase(&g_log, &c, PHASE_SUMMARY, t, t + 8000);
    t += 8000;
    expect_phase(&g_log, &c, PHASE_DONE, t, -1);
    assert_int_equal(g_log.items[g_log.count - 1].kind, CUE_SESSION_DONE);
    assert_int_equal(g_log.items[g_log.count - 1].at_ms, t);
    assert_int_equal(count_kind(&g_log, CUE_PHASE), 2 + 6 + 2 + 6 + 2);

    assert_int_equal(count_beep(&g_log, BEEP_COUNTDOWN), 6);
    assert_int_equal(count_beep(&g_log, BEEP_GO), 2);
    assert_int_equal(count_beep(&g_log, BEEP_HOLD_END), 4);
    /* The last rep of a set has the set's (or exercise's) beep instead. */
    assert_int_equal(count_beep(&g_log, BEEP_REP_DONE), 2);
    assert_int_equal(count_beep(&g_log, BEEP_SET_DONE), 1);
    assert_int_equal(count_beep(&g_log, BEEP_EXERCISE_DONE), 1);
    assert_int_equal(count_kind(&g_log, CUE_REP), 4);
    assert_int_equal(count_kind(&g_log, CUE_EXERCISE_DONE), 1);
    assert_int_equal(nth_phase(&g_log, PHASE_WAIT_CONFIRM, 0), -1);

    const Cue *hold = find_say(&g_log, "hold_3");
    assert_non_null(hold);
    assert_string_equal(hold->text, "Hold for three.");
    const Cue *rest = find_say(&g_log, "rest_10");
    assert_non_null(rest);
    assert_string_equal(rest->text, "Rest for ten seconds.");

    const ExerciseResult *r = &s.results[0];
    assert_true(r->started && r->finished);
    assert_false(r->pain || r->skipped);
    assert_int_equal(r->reps_done, 4);
    assert_int_equal(r->reps_target, 4);
    assert_int_equal(r->started_ms, 0);
    assert_int_equal(r->ended_ms, t - 8000);
}

static void test_countdown_beeps_before_go(void **state)
{
    (void)state;
    add_level("t", "T", "t_1", SIDES_NONE, 1, 1, 0, 0, 1000, 1000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    int64_t ready = s.deadline_ms;
    run_to_end(&s);
    int64_t expected[] = {ready, ready + 1000, ready + 2000};
    int n = 0;
    for (int i = 0; i < g_log.count; i++) {
        const Cue *c = &g_log.items[i];
        if (c->kind == CUE_BEEP && c->beep == BEEP_COUNTDOWN) {
            assert_true(n < 3);
            assert_int_equal(c->at_ms, expected[n++]);
            assert_int_equal(c->phase, PHASE_GET_READY);
        }
        if (c->kind == CUE_BEEP && c->beep == BEEP_GO)
            assert_int_equal(c->at_ms, ready + 3000);
    }
    assert_int_equal(n, 3);
}

static void test_short_get_ready_has_fewer_beeps(void **state)
{
    (void)state;
    add_level("t", "T", "t_1", SIDES_NONE, 1, 1, 0, 0, 1000, 1000);
    build_plan();
    SessionConfig c = config_mode(MODE_TEMPO);
    c.get_ready_ms = 1500;
    Session s;
    start_session(&s, c);
    run_to_end(&s);
    assert_int_equal(count_beep(&g_log, BEEP_COUNTDOWN), 1);
}

static void test_two_exercises_rest_names_the_next(void **state)
{
    (void)state;
    add_level("tilt", "Pelvic tilts", "tilt_1", SIDES_NONE, 1, 1, 0, 30, 1000, 1000);
    add_level("bridge", "Bridges", "bridge_1", SIDES_NONE, 1, 1, 0, 30, 1000, 1000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    run_to_end(&s);
    const Cue *rest = find_say(&g_log, "rest_30");
    assert_non_null(rest);
    assert_string_equal(rest->text, "Rest for thirty seconds.");
    int64_t end = s.results[0].ended_ms + 30000;
    /* What comes next and how to get into position, ending the settle
     * time (6 s) before the rest does; then five seconds to go. */
    const Cue *next = find_say(&g_log, "next_bridge");
    assert_non_null(next);
    assert_string_equal(next->text, "Next: Bridges.");
    assert_int_equal(next->phase, PHASE_REST);
    assert_int_equal(next->at_ms, end - 6000);
    const Cue *setup = find_say(&g_log, "setup_bridge_1");
    assert_non_null(setup);
    assert_int_equal(setup->at_ms, end - 6000);
    const Cue *left = find_say(&g_log, "seconds_left_5");
    assert_non_null(left);
    assert_string_equal(left->text, "Five seconds left.");
    assert_int_equal(left->at_ms, end - 5000);
    int i = nth_phase(&g_log, PHASE_REST, 0);
    assert_true(i >= 0);
    assert_int_equal(g_log.items[i].at_ms, s.results[0].ended_ms);
    int j = nth_phase(&g_log, PHASE_INTRO, 1);
    assert_int_equal(g_log.items[j].at_ms, end);
    assert_int_equal(g_log.items[j].exercise, 1);
    assert_int_equal(s.results[1].started_ms, end);
    /* After the last exercise comes the summary, not a rest. */
    assert_int_equal(nth_phase(&g_log, PHASE_REST, 1), -1);
}

static void test_short_rest_grows_to_fit_the_next_setup(void **state)
{
    (void)state;
    add_level("tilt", "Pelvic tilts", "tilt_1", SIDES_NONE, 1, 1, 0, 5, 1000, 1000);
    add_level("bridge", "Bridges", "bridge_1", SIDES_NONE, 1, 1, 0, 5, 1000, 1000);
    build_plan();
    SessionConfig c = config_speech(MODE_TEMPO);
    Session s;
    start_session(&s, c);
    run_to_end(&s);
    const Cue *setup = find_say(&g_log, "setup_bridge_1");
    assert_non_null(setup);
    /* A rest is never shorter than the setup words and the settle time. */
    int64_t end = s.results[1].started_ms;
    assert_true(end - s.results[0].ended_ms > 5000);
    assert_int_equal(end - (setup->at_ms + setup->duration_ms), c.speech_gap_ms + 6000);
}

static void test_rep_counts_said_every_rep_with_long_relax(void **state)
{
    (void)state;
    add_level("t", "T", "t_1", SIDES_NONE, 4, 1, 0, 0, 1000, 2000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    run_to_end(&s);
    const Cue *four = find_say(&g_log, "rep_4_of_4");
    assert_non_null(four);
    assert_string_equal(four->text, "Four of four.");
    for (int n = 1; n <= 4; n++) {
        char key[32];
        snprintf(key, sizeof key, "rep_%d_of_4", n);
        const Cue *c = find_say(&g_log, key);
        assert_non_null(c);
        assert_int_equal(c->phase, PHASE_RELAX);
        /* Said as the relax starts. */
        int i = (int)(c - g_log.items);
        assert_true(i > 0 && g_log.items[i - 1].kind == CUE_PHASE);
        assert_int_equal(g_log.items[i - 1].at_ms, c->at_ms);
    }
}

static void test_rep_counts_said_every_rep_even_with_a_short_relax(void **state)
{
    (void)state;
    add_level("t", "T", "t_1", SIDES_NONE, 12, 1, 0, 0, 1000, 500);
    build_plan();
    Session s;
    start_session(&s, config_speech(MODE_TEMPO));
    run_to_end(&s);
    for (int n = 1; n <= 12; n++) {
        char key[32];
        snprintf(key, sizeof key, "rep_%d_of_12", n);
        const Cue *count = find_say(&g_log, key);
        assert_non_null(count);
        assert_int_equal(count->phase, PHASE_RELAX);
        /* The relax lasts until the count is said: the next move waits. */
        int i = (int)(count - g_log.items);
        while (i < g_log.count &&
               !(g_log.items[i].kind == CUE_PHASE && g_log.items[i].phase != PHASE_RELAX))
            i++;
        assert_true(i < g_log.count);
        assert_true(g_log.items[i].at_ms >= count->at_ms + count->duration_ms);
    }
    assert_null(find_say(&g_log, "relax"));
}

static void test_alternating_return_keeps_the_core_braced(void **state)
{
    (void)state;
    Level *l = add_level("t", "T", "t_1", SIDES_ALTERNATING, 3, 1, 0, 0, 1000, 1000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    run_to_end(&s);
    int returns = 0;
    for (int i = 0; i < g_log.count; i++) {
        const Cue *c = &g_log.items[i];
        if (c->kind != CUE_SAY || c->phase != PHASE_RELAX)
            continue;
        if (c->side == SIDE_LEFT) {
            assert_string_equal(c->key, "return_braced");
            returns++;
        } else {
            assert_true(strncmp(c->key, "rep_", 4) == 0);
        }
        assert_null(strstr(c->text, "Relax"));
    }
    assert_int_equal(returns, 3);
    /* A level may say its own return cue. */
    log_free(&g_log);
    snprintf(l->return_cue, sizeof l->return_cue, "Back to table top, back flat");
    start_session(&s, config_mode(MODE_TEMPO));
    run_to_end(&s);
    const Cue *own = find_say(&g_log, "return_t_1");
    assert_non_null(own);
    assert_string_equal(own->text, "Back to table top, back flat.");
}

static void test_coaching_cues_each_once_from_rep_1_then_every_third(void **state)
{
    (void)state;
    Level *l = add_level("t", "T", "t_1", SIDES_NONE, 9, 1, 0, 0, 2000, 1000);
    add_cue(l, "Breathe out as you flatten");
    add_cue(l, "Keep it small.");
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    run_to_end(&s);
    /* Moves 1 and 2 say each cue once; then every third move; the last
     * move of a set has none, since a rest or the end follows it. */
    const char *order[] = {"cue_t_1_1", "cue_t_1_2", "cue_t_1_1", "cue_t_1_2"};
    int at_move[] = {1, 2, 5, 8};
    int seen = 0, moves = 0;
    for (int i = 0; i < g_log.count; i++) {
        const Cue *c = &g_log.items[i];
        if (c->kind == CUE_PHASE && c->phase == PHASE_MOVE)
            moves++;
        if (c->kind == CUE_SAY && strncmp(c->key, "cue_", 4) == 0) {
            assert_true(seen < 4);
            assert_string_equal(c->key, order[seen]);
            assert_int_equal(moves, at_move[seen]);
            assert_int_equal(c->phase, PHASE_RELAX);
            seen++;
        }
    }
    assert_int_equal(seen, 4);
    assert_string_equal(find_say(&g_log, "cue_t_1_1")->text, "Breathe out as you flatten.");
    assert_string_equal(find_say(&g_log, "cue_t_1_2")->text, "Keep it small.");
}

static void test_coaching_cue_fits_in_a_long_hold_or_waits_for_the_relax(void **state)
{
    (void)state;
    Level *l = add_level("t", "T", "t_1", SIDES_NONE, 3, 1, 10, 0, 2000, 2000);
    add_cue(l, "Squeeze your glutes.");
    add_cue(l, "Keep your shoulders, hips and knees in one long straight line, and keep "
               "breathing slowly while you hold it.");
    build_plan();
    SessionConfig c = config_speech(MODE_TEMPO);
    Session s;
    start_session(&s, c);
    run_to_end(&s);
    /* The short one fits between "hold for ten" and the countdown. */
    const Cue *hold = find_say(&g_log, "hold_10");
    assert_string_equal(hold->text, "Hold for ten.");
    const Cue *cue = find_say(&g_log, "cue_t_1_1");
    assert_non_null(cue);
    assert_int_equal(cue->phase, PHASE_HOLD);
    assert_int_equal(cue->at_ms, hold->at_ms + hold->duration_ms + c.speech_gap_ms);
    const Cue *three = find_say(&g_log, "countdown_3");
    assert_non_null(three);
    assert_true(cue->at_ms + cue->duration_ms + c.speech_gap_ms <= three->at_ms);
    /* The long one does not fit before the countdown: it is said in the
     * relax, which waits for it. */
    const Cue *longer = find_say(&g_log, "cue_t_1_2");
    assert_non_null(longer);
    assert_int_equal(longer->phase, PHASE_RELAX);
    assert_int_equal(count_kind(&g_log, CUE_SAY_DROPPED), 0);
}

static void test_holds_count_down_aloud(void **state)
{
    (void)state;
    add_level("t", "T", "t_1", SIDES_NONE, 1, 1, 5, 0, 1000, 2000);
    add_level("u", "U", "u_1", SIDES_NONE, 1, 1, 2, 0, 1000, 2000);
    build_plan();
    Session s;
    start_session(&s, config_speech(MODE_TEMPO));
    run_to_end(&s);
    int hold = nth_phase(&g_log, PHASE_HOLD, 0);
    int64_t end = g_log.items[hold].deadline_ms;
    const char *keys[] = {"countdown_3", "countdown_2", "countdown_1"};
    const char *texts[] = {"Three.", "Two.", "One."};
    for (int k = 0; k < 3; k++) {
        const Cue *n = find_say(&g_log, keys[k]);
        assert_non_null(n);
        assert_string_equal(n->text, texts[k]);
        assert_int_equal(n->at_ms, end - (3 - k) * 1000);
        assert_true(n->at_ms + n->duration_ms <= end);
    }
    /* A two-second hold has no spoken countdown: "hold for two" fills it. */
    int second = nth_phase(&g_log, PHASE_HOLD, 1);
    for (int i = second; i < g_log.count && g_log.items[i].phase == PHASE_HOLD; i++)
        if (g_log.items[i].kind == CUE_SAY)
            assert_string_equal(g_log.items[i].key, "hold_2");
}

/* --------------------------------------------------------- confirm mode */

static void test_confirm_mode_waits_and_reminds(void **state)
{
    (void)state;
    add_level("t", "T", "t_1", SIDES_NONE, 3, 1, 0, 0, 1000, 1000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_CONFIRM));
    run_until(&s, 60000);
    int w = nth_phase(&g_log, PHASE_WAIT_CONFIRM, 0);
    assert_true(w >= 0);
    int64_t wait_start = g_log.items[w].at_ms;
    assert_int_equal(g_log.items[w].deadline_ms, -1);
    /* Ten minutes later it still waits: it never advances by itself. */
    run_until(&s, wait_start + 600000);
    assert_int_equal(s.phase, PHASE_WAIT_CONFIRM);
    assert_int_equal(count_kind(&g_log, CUE_REP), 0);
    assert_int_equal(session_phase_remaining(&s, s.now_ms), -1);
    /* Reminders at +10 s, then every 20 s: 10, 30, ..., 590. */
    int reminders = 0;
    for (int i = 0; i < g_log.count; i++) {
        const Cue *c = &g_log.items[i];
        if (c->kind == CUE_BEEP && c->beep == BEEP_REMINDER) {
            assert_int_equal(c->at_ms, wait_start + 10000 + 20000 * reminders);
            reminders++;
        }
    }
    assert_int_equal(reminders, 30);
    const Cue *say = find_say(&g_log, "reminder_confirm");
    assert_non_null(say);
    assert_int_equal(say->at_ms, wait_start + 10000);
    assert_int_equal(s.reminders_given, 30);

    int64_t now = wait_start + 600000 + 17;
    session_step(&s, now, ACTION_CONFIRM);
    assert_int_equal(count_kind(&g_log, CUE_REP), 1);
    assert_int_equal(s.phase, PHASE_MOVE);
    assert_int_equal(s.phase_start_ms, now);
    assert_int_equal(s.deadline_ms, now + 1000);
    const Cue *rep = NULL;
    for (int i = 0; i < g_log.count; i++)
        if (g_log.items[i].kind == CUE_REP)
            rep = &g_log.items[i];
    assert_int_equal(rep->at_ms, now);
    assert_int_equal(rep->rep, 1);
    assert_int_equal(rep->rep_total, 3);
    assert_int_equal(rep->set, 1);
    assert_int_equal(rep->set_total, 1);
}

static void test_confirm_latched_during_move_hold_relax(void **state)
{
    (void)state;
    add_level("t", "T", "t_1", SIDES_NONE, 4, 1, 2, 0, 1000, 1000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_CONFIRM));
    session_step(&s, 100, ACTION_CONFIRM); /* skip the intro */
    int64_t move = s.deadline_ms;          /* end of get ready */
    Phase when[] = {PHASE_MOVE, PHASE_HOLD, PHASE_RELAX};
    int64_t offset[] = {500, 1500, 3500};
    for (int rep = 0; rep < 3; rep++) {
        run_until(&s, move + 10);
        assert_int_equal(s.phase, PHASE_MOVE);
        run_until(&s, move + offset[rep]);
        assert_int_equal(s.phase, when[rep]);
        session_step(&s, s.now_ms, ACTION_CONFIRM);
        assert_true(s.confirm_latched);
        move += 4000; /* move 1 s + hold 2 s + relax 1 s, no wait */
        run_until(&s, move);
        assert_int_equal(count_kind(&g_log, CUE_REP), rep + 1);
        assert_false(s.confirm_latched);
    }
    assert_int_equal(nth_phase(&g_log, PHASE_WAIT_CONFIRM, 0), -1);
    /* The fourth rep was not confirmed early, so it waits. */
    run_until(&s, move + 60000);
    assert_int_equal(s.phase, PHASE_WAIT_CONFIRM);
    assert_int_equal(g_log.items[nth_phase(&g_log, PHASE_WAIT_CONFIRM, 0)].at_ms, move + 4000);
    assert_int_equal(count_kind(&g_log, CUE_REP), 3);
}

static void test_confirm_in_get_ready_is_not_latched(void **state)
{
    (void)state;
    add_level("t", "T", "t_1", SIDES_NONE, 2, 1, 0, 0, 1000, 1000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_CONFIRM));
    session_step(&s, 10, ACTION_CONFIRM);
    session_step(&s, 500, ACTION_CONFIRM);
    assert_int_equal(s.phase, PHASE_GET_READY);
    assert_false(s.confirm_latched);
    run_until(&s, 30000);
    assert_int_equal(s.phase, PHASE_WAIT_CONFIRM);
}

static void test_tempo_counts_at_relax_end_and_ignores_confirm(void **state)
{
    (void)state;
    add_level("t", "T", "t_1", SIDES_NONE, 3, 1, 0, 0, 1000, 1500);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    int64_t go = s.deadline_ms + 3000;
    run_until(&s, go + 200);
    session_step(&s, go + 300, ACTION_CONFIRM);
    assert_false(s.confirm_latched);
    run_to_end(&s);
    int n = 0;
    for (int i = 0; i < g_log.count; i++)
        if (g_log.items[i].kind == CUE_REP) {
            assert_int_equal(g_log.items[i].at_ms, go + 2500 * (n + 1));
            n++;
        }
    assert_int_equal(n, 3);
    assert_int_equal(nth_phase(&g_log, PHASE_WAIT_CONFIRM, 0), -1);
}

/* ---------------------------------------------------------------- sides */

static void test_alternating_sides_and_counts(void **state)
{
    (void)state;
    add_level("swim", "Prone swimmers", "swim_1", SIDES_ALTERNATING, 3, 2, 0, 5, 1000, 2000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    run_to_end(&s);

    Side expected_side[] = {SIDE_LEFT, SIDE_RIGHT};
    int reps = 0;
    for (int i = 0; i < g_log.count; i++) {
        const Cue *c = &g_log.items[i];
        if (c->kind != CUE_REP)
            continue;
        int in_set = reps % 6;
        assert_int_equal(c->side, expected_side[in_set % 2]);
        assert_int_equal(c->rep, in_set / 2 + 1);
        assert_int_equal(c->rep_total, 3);
        assert_int_equal(c->set, reps / 6 + 1);
        assert_int_equal(c->set_total, 2);
        reps++;
    }
    assert_int_equal(reps, 12); /* 3 per side, 2 sets */
    assert_int_equal(nth_phase(&g_log, PHASE_MOVE, 11) >= 0, 1);
    assert_int_equal(nth_phase(&g_log, PHASE_MOVE, 12), -1);

    /* A side cue at every change: left at the intro, then each move, and
     * left again for the second set. */
    int sides = 0;
    Side last = SIDE_NONE;
    for (int i = 0; i < g_log.count; i++) {
        const Cue *c = &g_log.items[i];
        if (c->kind == CUE_SIDE) {
            assert_int_not_equal(c->side, last);
            last = c->side;
            sides++;
        }
    }
    assert_int_equal(sides, 12);

    /* Counts are per side: said after each right-side move. */
    assert_non_null(find_say(&g_log, "rep_3_of_3"));
    const Cue *one = find_say(&g_log, "rep_1_of_3");
    assert_int_equal(one->side, SIDE_RIGHT);
    assert_non_null(find_say(&g_log, "get_ready_left_first"));

    const ExerciseResult *r = &s.results[0];
    assert_int_equal(r->reps_left, 6);
    assert_int_equal(r->reps_right, 6);
    assert_int_equal(r->reps_done, 6);
    assert_int_equal(r->reps_target, 6);
}

static void test_alternating_moves_say_which_side(void **state)
{
    (void)state;
    add_level("swim", "Prone swimmers", "swim_1", SIDES_ALTERNATING, 2, 1, 0, 5, 1000, 2000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    run_to_end(&s);

    /* Every move starts with the side's word, at the move's own time. */
    int moves = 0;
    for (int i = 0; i < g_log.count; i++) {
        const Cue *c = &g_log.items[i];
        if (c->kind != CUE_PHASE || c->phase != PHASE_MOVE)
            continue;
        const Cue *word = NULL;
        for (int j = i + 1; j < g_log.count && g_log.items[j].at_ms == c->at_ms; j++)
            if (g_log.items[j].kind == CUE_SAY) {
                word = &g_log.items[j];
                break;
            }
        assert_non_null(word);
        bool right = moves % 2 == 1;
        assert_string_equal(word->key, right ? "side_right" : "side_left");
        assert_string_equal(word->text, right ? "Right." : "Left.");
        assert_int_equal(word->side, right ? SIDE_RIGHT : SIDE_LEFT);
        moves++;
    }
    assert_int_equal(moves, 4);
}

static void test_one_sided_moves_say_no_side(void **state)
{
    (void)state;
    add_level("tilt", "Pelvic tilts", "tilt_1", SIDES_NONE, 2, 1, 0, 5, 1000, 2000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    run_to_end(&s);
    assert_null(find_say(&g_log, "side_left"));
    assert_null(find_say(&g_log, "side_right"));
}

static void test_each_side_switches_once_a_set(void **state)
{
    (void)state;
    add_level("clam", "Clamshells", "clam_1", SIDES_EACH_SIDE, 2, 2, 0, 10, 1000, 1000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    run_to_end(&s);

    Side expected[] = {SIDE_LEFT, SIDE_LEFT, SIDE_RIGHT, SIDE_RIGHT};
    int reps = 0;
    for (int i = 0; i < g_log.count; i++) {
        const Cue *c = &g_log.items[i];
        if (c->kind != CUE_REP)
            continue;
        assert_int_equal(c->side, expected[reps % 4]);
        assert_int_equal(c->rep, reps % 2 + 1);
        assert_int_equal(c->set, reps / 4 + 1);
        reps++;
    }
    assert_int_equal(reps, 8);

    int sw = nth_phase(&g_log, PHASE_SWITCH_SIDE, 0);
    assert_true(sw >= 0);
    assert_int_equal(g_log.items[sw].deadline_ms - g_log.items[sw].at_ms, 5000);
    assert_true(nth_phase(&g_log, PHASE_SWITCH_SIDE, 1) >= 0);
    assert_int_equal(nth_phase(&g_log, PHASE_SWITCH_SIDE, 2), -1);
    assert_int_equal(count_beep(&g_log, BEEP_SIDE_SWITCH), 2);
    const Cue *say = find_say(&g_log, "switch_sides");
    assert_non_null(say);
    assert_string_equal(say->text, "Switch sides. Now the right side.");
    assert_int_equal(say->at_ms, g_log.items[sw].at_ms);
    /* After switching comes a countdown, then the right side. */
    int i = sw + 1;
    while (g_log.items[i].kind != CUE_PHASE)
        i++;
    assert_int_equal(g_log.items[i].phase, PHASE_GET_READY);
    assert_int_equal(g_log.items[i].at_ms, g_log.items[sw].deadline_ms);

    Side side_order[] = {SIDE_LEFT, SIDE_RIGHT, SIDE_LEFT, SIDE_RIGHT};
    int n = 0;
    for (int k = 0; k < g_log.count; k++)
        if (g_log.items[k].kind == CUE_SIDE) {
            assert_true(n < 4);
            assert_int_equal(g_log.items[k].side, side_order[n++]);
        }
    assert_int_equal(n, 4);

    const ExerciseResult *r = &s.results[0];
    assert_int_equal(r->reps_left, 4);
    assert_int_equal(r->reps_right, 4);
    assert_int_equal(r->reps_done, 4);
    assert_int_equal(r->reps_target, 4);
}

static void test_sided_reps_done_is_the_lower_side(void **state)
{
    (void)state;
    add_level("clam", "Clamshells", "clam_1", SIDES_EACH_SIDE, 3, 1, 0, 10, 1000, 1000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    /* Stop during the right side, after its first rep. */
    for (int guard = 0; guard < 10000 && s.results[0].reps_right < 1; guard++)
        session_step(&s, session_next_event_ms(&s), ACTION_NONE);
    session_step(&s, s.now_ms + 10, ACTION_END);
    const ExerciseResult *r = &s.results[0];
    assert_int_equal(r->reps_left, 3);
    assert_int_equal(r->reps_right, 1);
    assert_int_equal(r->reps_done, 1);
    assert_true(r->finished);
}

/* ---------------------------------------------------------------- pause */

static void test_pause_freezes_and_shifts_the_timeline(void **state)
{
    (void)state;
    add_level("t", "T", "t_1", SIDES_NONE, 2, 1, 0, 0, 2000, 2000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    int64_t move = s.deadline_ms + 3000;
    run_until(&s, move + 500);
    assert_int_equal(s.phase, PHASE_MOVE);
    assert_int_equal(session_phase_remaining(&s, s.now_ms), 1500);
    session_step(&s, move + 500, ACTION_PAUSE);
    assert_true(s.paused);
    int before = g_log.count;
    assert_int_equal(session_next_event_ms(&s), -1);
    run_until(&s, move + 60000);
    session_step(&s, move + 90000, ACTION_NONE); /* nothing while paused */
    assert_int_equal(s.phase, PHASE_MOVE);
    assert_int_equal(session_phase_remaining(&s, move + 90000), 1500);
    assert_true(session_phase_progress(&s, move + 90000) > 0.24f);
    assert_true(session_phase_progress(&s, move + 90000) < 0.26f);
    /* Only the pause cue and its caption, nothing from the frozen timeline. */
    assert_int_equal(g_log.count, before);
    assert_int_equal(g_log.items[before - 2].kind, CUE_PAUSED);
    assert_int_equal(g_log.items[before - 2].at_ms, move + 500);

    session_step(&s, move + 100500, ACTION_PAUSE);
    assert_false(s.paused);
    assert_int_equal(s.deadline_ms, move + 2000 + 100000);
    assert_int_equal(s.phase_start_ms, move + 100000);
    assert_int_equal(g_log.items[before].kind, CUE_RESUMED);
    assert_int_equal(g_log.items[before].at_ms, move + 100500);
    run_until(&s, move + 102000);
    assert_int_equal(s.phase, PHASE_RELAX);
    assert_int_equal(s.phase_start_ms, move + 102000);
    run_to_end(&s);
    assert_int_equal(count_kind(&g_log, CUE_PAUSED), 1);
    assert_int_equal(count_kind(&g_log, CUE_RESUMED), 1);
}

static void test_confirm_resumes_a_pause_after_its_words(void **state)
{
    (void)state;
    add_level("t", "T", "t_1", SIDES_NONE, 2, 1, 0, 0, 2000, 2000);
    build_plan();
    SessionConfig c = config_speech(MODE_TEMPO);
    Session s;
    start_session(&s, c);
    run_until(&s, 5000);
    assert_int_equal(s.phase, PHASE_INTRO);
    int64_t deadline = s.deadline_ms;
    session_step(&s, 5000, ACTION_PAUSE);
    assert_true(s.paused);
    assert_non_null(find_say(&g_log, "paused"));
    /* The intro's words were cut: a hush for the shells. */
    assert_true(count_kind(&g_log, CUE_HUSH) >= 1);
    session_step(&s, 65000, ACTION_CONFIRM);
    assert_false(s.paused);
    const Cue *resumed = find_say(&g_log, "resumed");
    assert_non_null(resumed);
    assert_int_equal(resumed->at_ms, 65000);
    /* The intro starts again, whole, once "let's carry on" is said. */
    run_until(&s, 70000);
    int again = 0;
    for (int i = 0; i < g_log.count; i++)
        again += g_log.items[i].kind == CUE_SAY && strcmp(g_log.items[i].key, "title_t_1") == 0;
    assert_int_equal(again, 2);
    assert_true(s.deadline_ms > deadline + 60000);
}

static void test_pause_shifts_countdown_and_reminders(void **state)
{
    (void)state;
    add_level("t", "T", "t_1", SIDES_NONE, 1, 1, 0, 0, 1000, 1000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_CONFIRM));
    session_step(&s, 1000, ACTION_CONFIRM); /* get ready 1000..4000 */
    session_step(&s, 1500, ACTION_PAUSE);
    session_step(&s, 11500, ACTION_PAUSE);
    run_until(&s, 20000);
    int64_t expected[] = {1000, 12000, 13000};
    int n = 0;
    for (int i = 0; i < g_log.count; i++)
        if (g_log.items[i].kind == CUE_BEEP && g_log.items[i].beep == BEEP_COUNTDOWN)
            assert_int_equal(g_log.items[i].at_ms, expected[n++]);
    assert_int_equal(n, 3);
    /* Move 14000..15000, relax ..16000, wait from 16000: pause 5 s at 20 s. */
    assert_int_equal(s.phase, PHASE_WAIT_CONFIRM);
    session_step(&s, 20000, ACTION_PAUSE);
    session_step(&s, 25000, ACTION_PAUSE);
    run_until(&s, 40000);
    assert_int_equal(find_say(&g_log, "reminder_confirm")->at_ms, 16000 + 10000 + 5000);
}

static void test_paused_back_and_end_finish_the_session(void **state)
{
    (void)state;
    add_level("a", "A", "a_1", SIDES_NONE, 3, 1, 0, 0, 1000, 1000);
    add_level("b", "B", "b_1", SIDES_NONE, 3, 1, 0, 0, 1000, 1000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    session_step(&s, 500, ACTION_BACK); /* not paused: ignored */
    assert_int_equal(s.phase, PHASE_INTRO);
    run_until(&s, s.deadline_ms + 3500);
    session_step(&s, s.now_ms, ACTION_PAUSE);
    session_step(&s, s.now_ms + 1000, ACTION_BACK);
    assert_false(s.paused);
    assert_int_equal(s.phase, PHASE_SUMMARY);
    assert_true(s.ended_early);
    assert_true(s.results[0].finished);
    assert_false(s.results[1].started);
    SessionTotals t = session_totals(&s);
    assert_false(t.complete);
}

/* ----------------------------------------------------------------- pain */

static const char *caring_text(void)
{
    for (int i = g_log.count - 1; i >= 0; i--)
        if (g_log.items[i].kind == CUE_SAY && strncmp(g_log.items[i].key, "pain_", 5) == 0)
            return g_log.items[i].text;
    return NULL;
}

static void assert_caring(const char *text)
{
    assert_non_null(text);
    assert_non_null(strstr(text, "Thank you for listening to your body"));
    assert_null(strstr(text, "push"));
    assert_null(strstr(text, "fail"));
    assert_null(strstr(text, "weak"));
}

static void build_two_level_plan(int first_level)
{
    add_level("bridge", "Bridges", "bridge_1", SIDES_NONE, 5, 1, 5, 10, 2000, 2000);
    add_level("bridge", "Bridges", "bridge_2", SIDES_NONE, 5, 1, 5, 10, 2000, 2000);
    add_level("clam", "Clamshells", "clam_1", SIDES_EACH_SIDE, 3, 1, 0, 10, 1000, 1000);
    int current[2] = {first_level, 0};
    plan_build_daily(g_program, current, &g_plan);
}

static void test_pain_during_move_then_confirm_goes_on(void **state)
{
    (void)state;
    build_two_level_plan(1);
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    int64_t move = s.deadline_ms + 3000;
    run_until(&s, move + 9000 + 500); /* rep 2's move */
    assert_int_equal(s.phase, PHASE_MOVE);
    int64_t at = s.now_ms;
    session_step(&s, at, ACTION_PAIN);
    const ExerciseResult *r = &s.results[0];
    assert_true(r->pain && r->finished);
    assert_false(r->skipped);
    assert_int_equal(r->reps_done, 1);
    assert_int_equal(r->ended_ms, at);
    assert_int_equal(s.phase, PHASE_PAIN_CHECK);
    assert_int_equal(s.deadline_ms, -1);
    assert_int_equal(count_kind(&g_log, CUE_PAIN_STOP), 1);
    /* Recorded at once; the score follows when the check is answered. */
    assert_int_equal(count_kind(&g_log, CUE_EXERCISE_DONE), 1);
    const char *text = caring_text();
    assert_caring(text);
    assert_non_null(strstr(text, "easier level"));
    assert_non_null(find_say(&g_log, "pain_stop_easier_next"));

    /* It waits as long as it takes and never resumes the exercise. */
    run_until(&s, at + 3600000);
    assert_int_equal(s.phase, PHASE_PAIN_CHECK);
    assert_int_equal(nth_phase(&g_log, PHASE_MOVE, 2), -1);
    session_step(&s, at + 3600000, ACTION_PAUSE); /* no pause at the check */
    assert_false(s.paused);
    /* How bad, and where: said back, the last one stands. */
    assert_false(session_rate_pain(&s, at + 3600000, 11, PAIN_PLACE_NONE));
    assert_true(session_rate_pain(&s, at + 3600000, 4, PAIN_PLACE_NONE));
    assert_true(session_rate_pain(&s, at + 3600000, 6, PAIN_PLACE_LOW_BACK));
    session_step(&s, at + 3600000, ACTION_NONE);
    assert_non_null(find_say(&g_log, "score_pain_6_low_back"));
    assert_int_equal(r->pain_score, 6);
    assert_int_equal(r->pain_place, PAIN_PLACE_LOW_BACK);
    assert_int_equal(count_kind(&g_log, CUE_PAIN_REPORT), 0);
    session_step(&s, at + 3600001, ACTION_CONFIRM);
    assert_int_equal(count_kind(&g_log, CUE_EXERCISE_DONE), 1);
    assert_int_equal(count_kind(&g_log, CUE_PAIN_REPORT), 1);
    assert_false(session_rate_pain(&s, at + 3600001, 3, PAIN_PLACE_NONE)); /* check is over */
    assert_int_equal(s.phase, PHASE_INTRO);
    assert_int_equal(s.exercise, 1);
    assert_int_equal(s.phase_start_ms, at + 3600001);
    run_to_end(&s);
    assert_true(s.results[1].finished);
    assert_false(s.results[1].pain);
    SessionTotals t = session_totals(&s);
    assert_int_equal(t.pain_stops, 1);
    assert_int_equal(t.exercises_done, 1);
    assert_true(t.complete);
    const char *summary = summary_words();
    assert_non_null(strstr(summary, "You stopped Bridges when it hurt"));
    assert_null(strstr(summary, "fail"));
    assert_non_null(find_say(&g_log, "summary_pain_bridge"));
}

static void test_pain_during_hold_then_back_goes_to_summary(void **state)
{
    (void)state;
    build_two_level_plan(0);
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    int64_t move = s.deadline_ms + 3000;
    run_until(&s, move + 3000);
    assert_int_equal(s.phase, PHASE_HOLD);
    session_step(&s, move + 3000, ACTION_PAIN);
    assert_true(s.results[0].pain);
    assert_int_equal(s.results[0].reps_done, 0);
    const char *text = caring_text();
    assert_caring(text);
    /* Level one has no easier level: the advice is to go gently. */
    assert_null(strstr(text, "easier level"));
    assert_non_null(find_say(&g_log, "pain_stop_gentle_next"));
    session_step(&s, move + 8000, ACTION_BACK);
    assert_int_equal(s.phase, PHASE_SUMMARY);
    assert_int_equal(s.phase_start_ms, move + 8000);
    assert_true(s.ended_early);
    assert_false(s.results[1].started);
    run_to_end(&s);
    assert_int_equal(count_kind(&g_log, CUE_EXERCISE_DONE), 1);
    assert_false(session_totals(&s).complete);
}

static void test_pain_while_paused_stops(void **state)
{
    (void)state;
    build_two_level_plan(0);
    Session s;
    start_session(&s, config_mode(MODE_CONFIRM));
    run_until(&s, s.deadline_ms + 3500);
    session_step(&s, s.now_ms, ACTION_PAUSE);
    session_step(&s, s.now_ms + 20000, ACTION_PAIN);
    assert_false(s.paused);
    assert_int_equal(s.phase, PHASE_PAIN_CHECK);
    assert_true(s.results[0].pain);
    assert_int_equal(count_kind(&g_log, CUE_RESUMED), 1);
    assert_int_equal(count_kind(&g_log, CUE_PAIN_STOP), 1);
    session_step(&s, s.now_ms + 1000, ACTION_END);
    assert_int_equal(s.phase, PHASE_SUMMARY);
}

static void test_pain_in_the_intro_and_in_the_last_exercise(void **state)
{
    (void)state;
    build_two_level_plan(0);
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    session_step(&s, 2000, ACTION_PAIN); /* while the setup is said */
    assert_true(s.results[0].pain);
    session_step(&s, 3000, ACTION_CONFIRM);
    assert_int_equal(s.exercise, 1);
    run_until(&s, s.deadline_ms + 3500);
    session_step(&s, s.now_ms, ACTION_PAIN);
    assert_true(s.results[1].pain);
    assert_non_null(find_say(&g_log, "pain_stop_gentle_last"));
    assert_non_null(strstr(caring_text(), "finish for today"));
    session_step(&s, s.now_ms + 5000, ACTION_CONFIRM);
    assert_int_equal(s.phase, PHASE_SUMMARY);
    assert_non_null(strstr(summary_words(), "Bridges and Clamshells when they hurt"));
    assert_false(s.ended_early);
}

static void test_pain_in_rest_between_sets_stops_the_exercise(void **state)
{
    (void)state;
    add_level("t", "T", "t_1", SIDES_NONE, 1, 2, 0, 30, 1000, 1000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    run_until(&s, s.deadline_ms + 3000 + 2000 + 100);
    assert_int_equal(s.phase, PHASE_REST);
    session_step(&s, s.now_ms, ACTION_PAIN);
    assert_true(s.results[0].pain);
    assert_int_equal(s.results[0].reps_done, 1);
    assert_non_null(find_say(&g_log, "pain_stop_gentle_last"));
}

/* --------------------------------------------------------- skip and end */

static void test_skip_goes_straight_to_the_next_intro(void **state)
{
    (void)state;
    build_two_level_plan(0);
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    run_until(&s, s.deadline_ms + 3000 + 9000 + 100);
    int64_t at = s.now_ms;
    session_step(&s, at, ACTION_SKIP);
    const ExerciseResult *r = &s.results[0];
    assert_true(r->skipped && r->finished);
    assert_false(r->pain);
    assert_int_equal(r->reps_done, 1);
    assert_int_equal(r->ended_ms, at);
    assert_int_equal(s.phase, PHASE_INTRO);
    assert_int_equal(s.exercise, 1);
    assert_int_equal(s.phase_start_ms, at);
    assert_int_equal(count_kind(&g_log, CUE_EXERCISE_DONE), 1);
    assert_int_equal(count_beep(&g_log, BEEP_EXERCISE_DONE), 0);
    assert_int_equal(nth_phase(&g_log, PHASE_REST, 0), -1);

    /* Skipping while paused also works, and the last skip ends in the summary. */
    session_step(&s, at + 1000, ACTION_PAUSE);
    session_step(&s, at + 2000, ACTION_SKIP);
    assert_false(s.paused);
    assert_true(s.results[1].skipped);
    assert_int_equal(s.phase, PHASE_SUMMARY);
    SessionTotals t = session_totals(&s);
    assert_int_equal(t.skipped, 2);
    assert_int_equal(t.exercises_done, 0);
    assert_true(t.complete);
}

static void test_skip_in_rest_between_exercises_skips_the_rest(void **state)
{
    (void)state;
    add_level("a", "A", "a_1", SIDES_NONE, 1, 1, 0, 30, 1000, 1000);
    add_level("b", "B", "b_1", SIDES_NONE, 1, 1, 0, 30, 1000, 1000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    run_until(&s, s.deadline_ms + 3000 + 2000 + 100);
    assert_int_equal(s.phase, PHASE_REST);
    session_step(&s, s.now_ms, ACTION_SKIP);
    assert_false(s.results[0].skipped);
    assert_int_equal(s.phase, PHASE_INTRO);
    assert_int_equal(s.exercise, 1);
}

static void test_end_records_what_was_done(void **state)
{
    (void)state;
    build_two_level_plan(0);
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    int64_t move = s.deadline_ms + 3000;
    run_until(&s, move + 3 * 9000 + 100); /* three reps done */
    int64_t at = s.now_ms;
    session_step(&s, at, ACTION_END);
    const ExerciseResult *r = &s.results[0];
    assert_true(r->finished);
    assert_false(r->pain || r->skipped);
    assert_int_equal(r->reps_done, 3);
    assert_int_equal(r->reps_target, 5);
    assert_int_equal(r->ended_ms, at);
    assert_int_equal(s.phase, PHASE_SUMMARY);
    assert_int_equal(s.ended_ms, at);
    assert_true(s.ended_early);
    assert_int_equal(count_kind(&g_log, CUE_EXERCISE_DONE), 1);
    assert_false(s.results[1].started);
    run_until(&s, at + 7999);
    assert_false(session_done(&s));
    run_until(&s, at + 8000);
    assert_true(session_done(&s));
    assert_int_equal(last_phase_cue(&g_log)->phase, PHASE_DONE);
    /* Nothing happens after the end. */
    int n = g_log.count;
    session_step(&s, at + 100000, ACTION_CONFIRM);
    session_step(&s, at + 100001, ACTION_PAIN);
    assert_int_equal(g_log.count, n);
}

static void test_end_during_the_intro_records_nothing(void **state)
{
    (void)state;
    build_two_level_plan(0);
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    session_step(&s, 1000, ACTION_END);
    assert_int_equal(s.phase, PHASE_SUMMARY);
    assert_false(s.results[0].started);
    assert_int_equal(count_kind(&g_log, CUE_EXERCISE_DONE), 0);
    assert_non_null(strstr(summary_words(), "Every start counts"));
    assert_non_null(find_say(&g_log, "summary_nothing"));
}

static void test_confirm_in_summary_finishes_early(void **state)
{
    (void)state;
    add_level("t", "T", "t_1", SIDES_NONE, 1, 1, 0, 0, 1000, 1000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    run_until(&s, s.deadline_ms + 3000 + 2000 + 100);
    assert_int_equal(s.phase, PHASE_SUMMARY);
    /* A press in the summary's first two seconds was meant for the last
     * rep: the totals are still said. */
    session_step(&s, s.phase_start_ms + 1500, ACTION_CONFIRM);
    assert_false(session_done(&s));
    session_step(&s, s.phase_start_ms + 2000, ACTION_CONFIRM);
    assert_true(session_done(&s));
    assert_int_equal(count_kind(&g_log, CUE_SESSION_DONE), 1);
}

/* -------------------------------------------------------------- summary */

static void test_summary_says_the_totals(void **state)
{
    (void)state;
    add_level("a", "A", "a_1", SIDES_NONE, 10, 1, 0, 30, 2000, 2000);
    add_level("b", "B", "b_1", SIDES_ALTERNATING, 10, 2, 0, 30, 1500, 1500);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    run_to_end(&s);
    SessionTotals t = session_totals(&s);
    assert_int_equal(t.exercises_done, 2);
    assert_int_equal(t.reps, 30);
    assert_int_equal(t.pain_stops, 0);
    assert_true(t.complete);
    assert_int_equal(t.elapsed_ms, s.ended_ms - s.started_ms);
    char expected[128], key[64];
    int minutes = (int)((t.elapsed_ms + 30000) / 60000);
    /* A key per number, so a recording never says stale totals. */
    snprintf(key, sizeof key, "summary_e2_r30_m%d", minutes);
    const Cue *summary = find_say(&g_log, key);
    assert_non_null(summary);
    assert_int_equal(summary->phase, PHASE_SUMMARY);
    assert_true(minutes >= 2 && minutes <= 6);
    const char *words[] = {"", "", "two", "three", "four", "five", "six"};
    snprintf(expected, sizeof expected,
             "Well done. You did two exercises and thirty reps in about %s minutes.",
             words[minutes]);
    assert_string_equal(summary->text, expected);
    /* The summary lasts summary_ms, then the session is done. */
    int i = nth_phase(&g_log, PHASE_SUMMARY, 0);
    assert_int_equal(g_log.items[i].deadline_ms - g_log.items[i].at_ms, 8000);
    assert_int_equal(g_log.items[g_log.count - 1].kind, CUE_SESSION_DONE);
    assert_int_equal(g_log.items[g_log.count - 1].at_ms, g_log.items[i].deadline_ms);
}

static void test_empty_plan_goes_to_summary(void **state)
{
    (void)state;
    memset(&g_plan, 0, sizeof g_plan);
    Session s;
    start_session(&s, config_mode(MODE_TEMPO));
    assert_int_equal(s.phase, PHASE_SUMMARY);
    run_to_end(&s);
    assert_int_equal(s.now_ms, 8000);
}

/* ----------------------------------------------------- clock and drift */

static void test_earlier_clock_counts_as_the_last_seen(void **state)
{
    (void)state;
    add_level("t", "T", "t_1", SIDES_NONE, 1, 1, 0, 0, 1000, 1000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_CONFIRM));
    session_step(&s, 5000, ACTION_NONE);
    session_step(&s, 3000, ACTION_CONFIRM);
    assert_int_equal(s.now_ms, 5000);
    assert_int_equal(s.phase, PHASE_GET_READY);
    assert_int_equal(s.phase_start_ms, 5000);
}

static void test_phase_progress_and_remaining(void **state)
{
    (void)state;
    add_level("t", "T", "t_1", SIDES_NONE, 1, 1, 0, 0, 2000, 1000);
    build_plan();
    Session s;
    start_session(&s, config_mode(MODE_CONFIRM));
    session_step(&s, 1000, ACTION_CONFIRM);
    assert_int_equal(session_phase_remaining(&s, 1000), 3000);
    assert_true(session_phase_progress(&s, 1000) == 0.0f);
    assert_true(session_phase_progress(&s, 2500) == 0.5f);
    assert_int_equal(session_phase_remaining(&s, 2500), 1500);
    assert_true(session_phase_progress(&s, 9999) == 1.0f);
    assert_int_equal(session_phase_remaining(&s, 9999), 0);
    run_until(&s, 7000);
    assert_int_equal(s.phase, PHASE_WAIT_CONFIRM);
    assert_true(session_phase_progress(&s, 7000) == 0.0f);
    assert_int_equal(session_phase_remaining(&s, 7000), -1);
}

/* A long mixed program: about an hour in tempo mode. */
static void build_hour_program(void)
{
    Level *l;
    l = add_level("a", "Tilts", "a_1", SIDES_NONE, 15, 4, 5, 30, 2000, 2000);
    add_cue(l, "Breathe out.");
    add_cue(l, "Keep it small.");
    l = add_level("b", "Toe taps", "b_1", SIDES_ALTERNATING, 10, 4, 0, 30, 1500, 1500);
    add_cue(l, "Back flat.");
    l = add_level("c", "Bridges", "c_1", SIDES_NONE, 12, 4, 5, 45, 2500, 2500);
    l = add_level("d", "Clams", "d_1", SIDES_EACH_SIDE, 15, 4, 2, 30, 1500, 1000);
    add_cue(l, "Ankles together.");
    l = add_level("e", "Swimmers", "e_1", SIDES_ALTERNATING, 12, 4, 3, 30, 1200, 900);
    add_cue(l, "Hips down.");
    l = add_level("f", "Kickbacks", "f_1", SIDES_EACH_SIDE, 12, 4, 3, 40, 1700, 1300);
    add_cue(l, "No swinging.");
    build_plan();
}

static bool cue_equal(const Cue *a, const Cue *b)
{
    return a->at_ms == b->at_ms && a->kind == b->kind && a->phase == b->phase &&
           a->deadline_ms == b->deadline_ms && a->beep == b->beep &&
           a->exercise == b->exercise && a->rep == b->rep && a->rep_total == b->rep_total &&
           a->set == b->set && a->set_total == b->set_total && a->side == b->side &&
           strcmp(a->text, b->text) == 0 && strcmp(a->key, b->key) == 0;
}

static void assert_same_cues(const CueLog *a, const CueLog *b)
{
    assert_int_equal(a->count, b->count);
    for (int i = 0; i < a->count; i++)
        if (!cue_equal(&a->items[i], &b->items[i]))
            fail_msg("cue %d differs: %s at %lld vs %s at %lld", i,
                     cue_kind_name(a->items[i].kind), (long long)a->items[i].at_ms,
                     cue_kind_name(b->items[i].kind), (long long)b->items[i].at_ms);
}

static uint32_t lcg_next(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 16;
}

static void test_zero_drift_under_any_stepping(void **state)
{
    (void)state;
    build_hour_program();
    SessionConfig c = config_mode(MODE_TEMPO);
    CueLog *by_ms = &g_other[0], *by_frames = &g_other[1], *by_deadline = &g_other[2];
    Session s;

    session_init(&s, &g_plan, c, log_sink, by_ms);
    session_start(&s, 0);
    int64_t total = session_estimate_ms(&s);
    print_message("the long program lasts %.1f minutes\n", (double)total / 60000.0);
    assert_true(total >= 60 * 60000);
    assert_true(total <= 75 * 60000);
    for (int64_t t = 1; !session_done(&s); t++)
        session_step(&s, t, ACTION_NONE);
    assert_int_equal(s.now_ms, total);

    session_init(&s, &g_plan, c, log_sink, by_frames);
    session_start(&s, 0);
    static const int frames[] = {7, 16, 33};
    uint32_t seed = 12345;
    int64_t t = 0;
    while (!session_done(&s)) {
        t += frames[lcg_next(&seed) % 3];
        session_step(&s, t, ACTION_NONE);
    }

    session_init(&s, &g_plan, c, log_sink, by_deadline);
    session_start(&s, 0);
    while (!session_done(&s))
        session_step(&s, s.deadline_ms, ACTION_NONE);

    assert_true(by_ms->count > 2000);
    assert_same_cues(by_ms, by_frames);
    assert_same_cues(by_ms, by_deadline);
}

/* Actions at fixed times give the same cues however the frames fall. */
static void run_scripted(CueLog *log, int stepping)
{
    static const struct { int64_t at; Action a; } script[] = {
        {2000, ACTION_CONFIRM},  {9000, ACTION_CONFIRM},  {9500, ACTION_PAUSE},
        {15321, ACTION_PAUSE},   {21000, ACTION_CONFIRM}, {40000, ACTION_CONFIRM},
        {41000, ACTION_CONFIRM}, {70000, ACTION_PAIN},    {80000, ACTION_CONFIRM},
        {100000, ACTION_SKIP},   {100500, ACTION_CONFIRM}};
    Session s;
    session_init(&s, &g_plan, config_mode(MODE_CONFIRM), log_sink, log);
    session_start(&s, 0);
    uint32_t seed = 99;
    int64_t t = 0;
    size_t next = 0;
    while (t < 200000) {
        int64_t step = stepping == 0 ? 1 : 1 + (int64_t)(lcg_next(&seed) % 40);
        int64_t target = t + step;
        if (next < sizeof script / sizeof script[0] && script[next].at <= target) {
            session_step(&s, script[next].at, script[next].a);
            t = script[next].at;
            next++;
            continue;
        }
        session_step(&s, target, ACTION_NONE);
        t = target;
    }
}

static void test_zero_drift_with_actions(void **state)
{
    (void)state;
    build_two_level_plan(0);
    add_level("swim", "Swimmers", "swim_1", SIDES_ALTERNATING, 4, 1, 0, 10, 1000, 1000);
    plan_build_daily(g_program, NULL, &g_plan);
    run_scripted(&g_other[0], 0);
    run_scripted(&g_other[1], 1);
    assert_true(g_other[0].count > 50);
    assert_same_cues(&g_other[0], &g_other[1]);
}

/* ------------------------------------------------------------- estimate */

static void test_estimate_matches_a_real_run(void **state)
{
    (void)state;
    build_hour_program();
    Session s;
    session_init(&s, &g_plan, config_mode(MODE_CONFIRM), log_sink, &g_log);
    int64_t before_start = session_estimate_ms(&s);
    assert_int_equal(g_log.count, 0);
    assert_int_equal(s.phase, PHASE_IDLE);
    session_start(&s, 5000);
    int64_t whole = session_estimate_ms(&s);
    assert_int_equal(whole, before_start);

    /* Midway (and paused), the estimate is what is left. */
    run_until(&s, 5000 + 600000);
    session_step(&s, s.now_ms, ACTION_CONFIRM);
    int64_t now = s.now_ms;
    int n = g_log.count;
    Phase phase = s.phase;
    int64_t deadline = s.deadline_ms;
    int64_t left = session_estimate_ms(&s);
    assert_int_equal(g_log.count, n); /* the look-ahead says nothing */
    assert_int_equal(s.now_ms, now);  /* and leaves the session as it was */
    assert_int_equal(s.phase, phase);
    assert_int_equal(s.deadline_ms, deadline);
    session_step(&s, now, ACTION_PAUSE);
    assert_int_equal(session_estimate_ms(&s), left);
    session_step(&s, now, ACTION_PAUSE);
    run_to_end(&s);
    assert_int_equal(s.now_ms - now, left);

    /* Confirm mode, confirmed on time, runs as long as tempo mode. */
    Session t;
    session_init(&t, &g_plan, config_mode(MODE_TEMPO), NULL, NULL);
    assert_int_equal(session_estimate_ms(&t), before_start);
}

/* ---- how did it feel? ---------------------------------------------------- */

static SessionConfig config_rating(void)
{
    SessionConfig c = config_mode(MODE_TEMPO);
    c.ask_rating = true;
    return c;
}

/* Runs one-rep exercise a_1 to its last rep: the question is asked. */
static void run_to_rating(Session *s)
{
    add_level("a", "A", "a_1", SIDES_NONE, 1, 1, 0, 30, 1000, 1000);
    add_level("b", "B", "b_1", SIDES_NONE, 1, 1, 0, 30, 1000, 1000);
    build_plan();
    start_session(s, config_rating());
    for (int guard = 0; guard < 1000 && s->phase != PHASE_RATE; guard++)
        session_step(s, session_next_event_ms(s), ACTION_NONE);
    assert_int_equal(s->phase, PHASE_RATE);
    assert_true(s->results[0].finished);
    /* The result is final only with the answer. */
    assert_int_equal(count_kind(&g_log, CUE_EXERCISE_DONE), 0);
    assert_non_null(find_say(&g_log, "rate_ask"));
    assert_int_equal(count_beep(&g_log, BEEP_EXERCISE_DONE), 1);
}

static void test_rating_is_asked_and_said_back(void **state)
{
    (void)state;
    Session s;
    run_to_rating(&s);
    int64_t at = s.now_ms + 500;
    session_step(&s, at, ACTION_TOO_EASY);
    assert_int_equal(s.results[0].rating, RATING_TOO_EASY);
    assert_false(s.results[0].rating_default);
    assert_int_equal(count_kind(&g_log, CUE_EXERCISE_DONE), 1);
    assert_int_equal(s.phase, PHASE_REST);
    run_until(&s, s.deadline_ms + 1);
    const Cue *back = find_say(&g_log, "rated_too_easy");
    assert_non_null(back);
    assert_true(back->at_ms >= at);
    /* CONFIRM at the question means "just right", and TOO_HARD is heard. */
    for (int guard = 0; guard < 1000 && s.phase != PHASE_RATE; guard++)
        session_step(&s, session_next_event_ms(&s), ACTION_NONE);
    assert_int_equal(s.exercise, 1);
    session_step(&s, s.now_ms, ACTION_TOO_HARD);
    assert_int_equal(s.results[1].rating, RATING_TOO_HARD);
    assert_int_equal(s.phase, PHASE_SUMMARY);
    /* The last answer is not said back: the summary's words come at once. */
    run_until(&s, s.now_ms + 1);
    assert_null(find_say(&g_log, "rated_too_hard"));
}

static void test_no_answer_is_just_right_after_a_few_seconds(void **state)
{
    (void)state;
    Session s;
    run_to_rating(&s);
    int64_t asked = s.phase_start_ms;
    /* no_length: the question takes no time, so the wait is the default. */
    assert_int_equal(s.deadline_ms, asked + 6000);
    run_until(&s, asked + 5999);
    assert_int_equal(s.phase, PHASE_RATE);
    run_until(&s, asked + 6000);
    assert_int_equal(s.results[0].rating, RATING_JUST_RIGHT);
    assert_true(s.results[0].rating_default);
    assert_int_equal(count_kind(&g_log, CUE_EXERCISE_DONE), 1);
    assert_null(find_say(&g_log, "rated_just_right")); /* nobody answered */
}

static void test_pain_at_the_question_is_a_pain_stop(void **state)
{
    (void)state;
    Session s;
    run_to_rating(&s);
    session_step(&s, s.now_ms + 100, ACTION_PAIN);
    assert_true(s.results[0].pain);
    assert_int_equal(s.results[0].rating, RATING_NONE);
    assert_int_equal(s.phase, PHASE_PAIN_CHECK);
    assert_int_equal(count_kind(&g_log, CUE_PAIN_STOP), 1);
    assert_int_equal(count_kind(&g_log, CUE_EXERCISE_DONE), 1);
    session_step(&s, s.now_ms, ACTION_CONFIRM);
    assert_int_equal(count_kind(&g_log, CUE_EXERCISE_DONE), 1);
    assert_int_equal(count_kind(&g_log, CUE_PAIN_REPORT), 0); /* no score given */
}

static void test_pain_in_the_rest_is_reported(void **state)
{
    (void)state;
    Session s;
    run_to_rating(&s);
    session_step(&s, s.now_ms, ACTION_JUST_RIGHT);
    assert_int_equal(s.phase, PHASE_REST);
    assert_int_equal(count_kind(&g_log, CUE_EXERCISE_DONE), 1);
    session_step(&s, s.now_ms + 1000, ACTION_PAIN);
    assert_int_equal(s.phase, PHASE_PAIN_CHECK);
    assert_false(s.results[0].pain); /* it was done in full */
    assert_true(s.results[0].pain_after);
    assert_true(session_rate_pain(&s, s.now_ms + 2000, 3, PAIN_PLACE_LEG));
    assert_int_equal(count_kind(&g_log, CUE_PAIN_REPORT), 0);
    session_step(&s, s.now_ms + 3000, ACTION_CONFIRM);
    assert_int_equal(count_kind(&g_log, CUE_PAIN_REPORT), 1);
    assert_int_equal(s.results[0].pain_score, 3);
    assert_int_equal(s.exercise, 1);
    assert_int_equal(session_totals(&s).pain_stops, 0);
}

static void test_skip_or_end_at_the_question(void **state)
{
    (void)state;
    Session s;
    run_to_rating(&s);
    session_step(&s, s.now_ms, ACTION_SKIP);
    assert_int_equal(s.results[0].rating, RATING_NONE);
    assert_int_equal(count_kind(&g_log, CUE_EXERCISE_DONE), 1);
    assert_int_equal(s.phase, PHASE_REST);
    /* End at the second question: the done exercise is recorded, and the
     * session is whole (nothing was left). */
    for (int guard = 0; guard < 1000 && s.phase != PHASE_RATE; guard++)
        session_step(&s, session_next_event_ms(&s), ACTION_NONE);
    session_step(&s, s.now_ms, ACTION_END);
    assert_int_equal(count_kind(&g_log, CUE_EXERCISE_DONE), 2);
    assert_int_equal(s.phase, PHASE_SUMMARY);
    assert_true(session_totals(&s).complete);
    assert_int_equal(session_totals(&s).exercises_done, 2);
}

static void test_rating_names_round_trip(void **state)
{
    (void)state;
    for (int r = RATING_TOO_EASY; r < RATING_COUNT; r++)
        assert_int_equal(rating_from_id(rating_id((Rating)r)), r);
    assert_int_equal(rating_from_id("meh"), RATING_NONE);
    assert_int_equal(action_from_name("too_easy"), ACTION_TOO_EASY);
    assert_int_equal(action_from_name("JUST_RIGHT"), ACTION_JUST_RIGHT);
    assert_string_equal(action_name(ACTION_TOO_HARD), "TOO_HARD");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_names_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_config_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_intro_names_track_level_and_setup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_intro_without_pain_reminder, setup, teardown),
        cmocka_unit_test_setup_teardown(test_intro_waits_for_its_words_then_settles, setup, teardown),
        cmocka_unit_test_setup_teardown(test_intro_confirm_goes_to_get_ready, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tempo_phases_with_hold_and_sets, setup, teardown),
        cmocka_unit_test_setup_teardown(test_countdown_beeps_before_go, setup, teardown),
        cmocka_unit_test_setup_teardown(test_short_get_ready_has_fewer_beeps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_exercises_rest_names_the_next, setup, teardown),
        cmocka_unit_test_setup_teardown(test_short_rest_grows_to_fit_the_next_setup, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rep_counts_said_every_rep_with_long_relax, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rep_counts_said_every_rep_even_with_a_short_relax, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alternating_return_keeps_the_core_braced, setup, teardown),
        cmocka_unit_test_setup_teardown(test_coaching_cues_each_once_from_rep_1_then_every_third, setup, teardown),
        cmocka_unit_test_setup_teardown(test_coaching_cue_fits_in_a_long_hold_or_waits_for_the_relax, setup, teardown),
        cmocka_unit_test_setup_teardown(test_holds_count_down_aloud, setup, teardown),
        cmocka_unit_test_setup_teardown(test_confirm_mode_waits_and_reminds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_confirm_latched_during_move_hold_relax, setup, teardown),
        cmocka_unit_test_setup_teardown(test_confirm_in_get_ready_is_not_latched, setup, teardown),
        cmocka_unit_test_setup_teardown(test_tempo_counts_at_relax_end_and_ignores_confirm, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alternating_sides_and_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_alternating_moves_say_which_side, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_sided_moves_say_no_side, setup, teardown),
        cmocka_unit_test_setup_teardown(test_each_side_switches_once_a_set, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sided_reps_done_is_the_lower_side, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pause_freezes_and_shifts_the_timeline, setup, teardown),
        cmocka_unit_test_setup_teardown(test_confirm_resumes_a_pause_after_its_words, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pause_shifts_countdown_and_reminders, setup, teardown),
        cmocka_unit_test_setup_teardown(test_paused_back_and_end_finish_the_session, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pain_during_move_then_confirm_goes_on, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pain_during_hold_then_back_goes_to_summary, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pain_while_paused_stops, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pain_in_the_intro_and_in_the_last_exercise, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pain_in_rest_between_sets_stops_the_exercise, setup, teardown),
        cmocka_unit_test_setup_teardown(test_skip_goes_straight_to_the_next_intro, setup, teardown),
        cmocka_unit_test_setup_teardown(test_skip_in_rest_between_exercises_skips_the_rest, setup, teardown),
        cmocka_unit_test_setup_teardown(test_end_records_what_was_done, setup, teardown),
        cmocka_unit_test_setup_teardown(test_end_during_the_intro_records_nothing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_confirm_in_summary_finishes_early, setup, teardown),
        cmocka_unit_test_setup_teardown(test_summary_says_the_totals, setup, teardown),
        cmocka_unit_test_setup_teardown(test_empty_plan_goes_to_summary, setup, teardown),
        cmocka_unit_test_setup_teardown(test_earlier_clock_counts_as_the_last_seen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_phase_progress_and_remaining, setup, teardown),
        cmocka_unit_test_setup_teardown(test_zero_drift_under_any_stepping, setup, teardown),
        cmocka_unit_test_setup_teardown(test_zero_drift_with_actions, setup, teardown),
        cmocka_unit_test_setup_teardown(test_estimate_matches_a_real_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rating_is_asked_and_said_back, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_answer_is_just_right_after_a_few_seconds, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pain_at_the_question_is_a_pain_stop, setup, teardown),
        cmocka_unit_test_setup_teardown(test_skip_or_end_at_the_question, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rating_names_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pain_in_the_rest_is_reported, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
