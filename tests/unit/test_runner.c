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

/* How the scripted person answers "how did it feel?" for an item on a day
 * (RATING_NONE: no answer, so the core's default stands). */
typedef Rating (*RateScript)(int day, const PlanItem *item);
static RateScript g_rate;
static int g_day;
/* The scripted pain: on these days, this track stops for pain, rated. */
typedef struct {
    int day;
    const char *track;
    int score;
} PainScript;
static const PainScript *g_pain;
static int g_pain_count;
/* Which tracks were started today (a held-out one must not be). */
static bool g_started[PROGRAM_MAX_TRACKS];

typedef struct {
    Runner *runner;
    time_t wall;
    const Session *session;
    int exercise_done_cues;
} Sink;

/* The words said back after the last pain score (its key and text). */
static char g_score_key[CUE_KEY_MAX];
static char g_score_text[CUE_TEXT_MAX];

static void sink_cue(void *ctx, const Cue *cue)
{
    Sink *k = ctx;
    if (cue->kind == CUE_SAY && strncmp(cue->key, "score_pain_", 11) == 0) {
        snprintf(g_score_key, sizeof g_score_key, "%s", cue->key);
        snprintf(g_score_text, sizeof g_score_text, "%s", cue->text);
    }
    if (cue->kind == CUE_EXERCISE_DONE) {
        k->exercise_done_cues++;
        runner_record(k->runner, cue->exercise, &k->session->results[cue->exercise],
                      k->wall + (time_t)(cue->at_ms / 1000), NULL);
    } else if (cue->kind == CUE_PAIN_REPORT) {
        runner_pain_report(k->runner, cue->exercise, &k->session->results[cue->exercise],
                           k->wall + (time_t)(cue->at_ms / 1000));
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
    memset(g_started, 0, sizeof g_started);
    while (!session_done(s)) {
        int i = s->exercise;
        Doing d = i >= 0 && i < doing_count ? doing[i] : DO_ALL;
        if (i >= 0 && i < plan.count && s->phase == PHASE_MOVE)
            g_started[plan.items[i].track_index] = true;
        int pain_score = -1;
        for (int pk = 0; pk < g_pain_count && i >= 0 && i < plan.count; pk++)
            if (g_pain[pk].day == g_day && strcmp(g_pain[pk].track, plan.items[i].track->id) == 0)
                pain_score = g_pain[pk].score;
        if (pain_score >= 0 && i != acted && s->phase == PHASE_MOVE) {
            acted = i;
            session_step(s, s->now_ms, ACTION_PAIN);
            assert_true(session_rate_pain(s, s->now_ms + 1500, pain_score, PAIN_PLACE_LOW_BACK));
            session_step(s, s->now_ms + 3000, ACTION_CONFIRM);
            continue;
        }
        if (s->phase == PHASE_PAIN_CHECK) {
            session_step(s, s->now_ms, ACTION_CONFIRM);
            continue;
        }
        if (s->phase == PHASE_RATE && g_rate && s->now_ms == s->phase_start_ms) {
            Rating said = g_rate(g_day, &plan.items[i]);
            static const Action answer[RATING_COUNT] = {
                ACTION_NONE, ACTION_TOO_EASY, ACTION_JUST_RIGHT, ACTION_TOO_HARD};
            if (said != RATING_NONE) {
                /* Answered two seconds into the question. */
                session_step(s, s->now_ms + 2000, answer[said]);
                continue;
            }
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

static int r_streak(const Tracker *t, time_t now)
{
    return tracker_streak(t, now).current;
}

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

/* The advice is given on the stop that brings it, not only at the next
 * start: the second bridge stop in a week, and a score of 7 or more. */
static void test_a_stop_brings_its_advice_at_once(void **state)
{
    Fixture *f = *state;
    Runner r;
    Prompt p;
    /* Plan item 2 is bridges; day numbers are the script's. */
    static const PainScript pain[] = {{1, "bridge", 3}, {2, "bridge", 4}, {3, "clamshell", 8}};
    g_pain = pain;
    g_pain_count = 3;
    g_rate = NULL;
    Doing skip_rest[8] = {DO_SKIP, DO_SKIP, DO_ALL, DO_SKIP, DO_SKIP, DO_SKIP, DO_SKIP, DO_SKIP};

    g_day = 1;
    run_day(f->tracker, NULL, test_utc(2026, 3, 2, 9, 0), skip_rest, 8, &r);
    assert_false(runner_pain_advice(&r, 2, &p));
    assert_string_equal(g_score_key, "score_pain_3_low_back");
    assert_null(strstr(g_score_text, "therapist"));

    g_day = 2;
    run_day(f->tracker, NULL, test_utc(2026, 3, 3, 9, 0), skip_rest, 8, &r);
    assert_true(runner_pain_advice(&r, 2, &p));
    assert_non_null(strstr(p.text, "Bridges"));
    assert_non_null(strstr(p.text, "not the first time"));
    assert_non_null(strstr(p.text, "stop for today"));
    /* An exercise done without pain brings no words, advice or not. */
    assert_false(runner_pain_advice(&r, 0, &p));

    g_day = 3;
    Doing clam[8] = {DO_SKIP, DO_SKIP, DO_SKIP, DO_SKIP, DO_SKIP, DO_SKIP, DO_ALL, DO_SKIP};
    Plan plan;
    tracker_plan_daily(f->tracker, &plan);
    int clam_item = -1;
    for (int i = 0; i < plan.count; i++)
        if (strcmp(plan.items[i].track->id, "clamshell") == 0)
            clam_item = i;
    assert_true(clam_item >= 0);
    for (int i = 0; i < 8; i++)
        clam[i] = i == clam_item ? DO_ALL : DO_SKIP;
    run_day(f->tracker, NULL, test_utc(2026, 3, 4, 9, 0), clam, 8, &r);
    /* The read-back of an 8 carries the advice while go on or stop is
     * still to choose. */
    assert_string_equal(g_score_key, "score_pain_8_low_back_advice");
    assert_non_null(strstr(g_score_text, "stop for today"));
    assert_non_null(strstr(g_score_text, "physical therapist"));
    g_pain = NULL;
    g_pain_count = 0;
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

/* ---- a simulated month ---------------------------------------------------- */

/* The script: pelvic tilts feel too easy from day 6; toe taps are never
 * answered; bridges are too easy on days 0-2, then too hard twice at the
 * new level; heel taps are too easy once (day 1) and just right after. */
static Rating month_rating(int day, const PlanItem *item)
{
    const char *t = item->track->id;
    if (strcmp(t, "pelvic_tilt") == 0)
        return day >= 6 ? RATING_TOO_EASY : RATING_JUST_RIGHT;
    if (strcmp(t, "toe_taps") == 0)
        return RATING_NONE;
    if (strcmp(t, "bridge") == 0)
        return day <= 2 ? RATING_TOO_EASY : day <= 4 ? RATING_TOO_HARD : RATING_JUST_RIGHT;
    if (strcmp(t, "heel_taps") == 0)
        return day == 1 ? RATING_TOO_EASY : RATING_JUST_RIGHT;
    return RATING_JUST_RIGHT;
}

static void test_a_month_rises_only_after_too_easy(void **state)
{
    Fixture *f = *state;
    const Program *p = f->program;
    int level_on[30][PROGRAM_MAX_TRACKS];
    g_rate = month_rating;
    printf("day  streak  levels today (track: level), unlocks\n");
    for (int d = 0; d < 30; d++) {
        g_day = d;
        Runner r;
        time_t wall = test_utc(2026, 4, 1, 7, 30) + (time_t)d * 86400;
        static Plan plan;
        char err[128];
        assert_int_equal(runner_begin(&r, f->tracker, &plan, NULL, wall, err, sizeof err), 0);
        for (int i = 0; i < plan.count; i++)
            level_on[d][plan.items[i].track_index] = plan.items[i].level_index;
        assert_true(run_day(f->tracker, NULL, wall, NULL, 0, &r));
        char line[512];
        int n = snprintf(line, sizeof line, "%3d  %6d ", d, r.streak_after.current);
        for (int t = 0; t < p->track_count && n < (int)sizeof line; t++)
            n += snprintf(line + n, sizeof line - (size_t)n, " %d", level_on[d][t] + 1);
        for (int u = 0; u < r.unlocked_count && n < (int)sizeof line; u++)
            n += snprintf(line + n, sizeof line - (size_t)n, "%s%s", u ? ", " : "  unlocked ",
                          r.unlocked[u]->id);
        printf("%s\n", line);
    }
    g_rate = NULL;
    int tilt = -1, taps = -1, bridge = -1, heel = -1, lv;
    program_find_level(p, "pelvic_tilt_1", &tilt, &lv);
    program_find_level(p, "toe_taps_1", &taps, &lv);
    program_find_level(p, "bridge_1", &bridge, &lv);
    program_find_level(p, "heel_taps_1", &heel, &lv);
    for (int d = 0; d < 30; d++) {
        /* Pelvic tilts: 3 clean days were there by day 2, but the level
         * waited for "too easy" (day 6); the next one took 3 days more. */
        assert_int_equal(level_on[d][tilt], d <= 6 ? 0 : d <= 9 ? 1 : 2);
        /* Never answered: a month of clean days and no level change. */
        assert_int_equal(level_on[d][taps], 0);
        /* Heel taps: "too easy" once, then "just right": it stays. */
        assert_int_equal(level_on[d][heel], 0);
        /* Bridges: up after days 0-2, "too hard" on days 3 and 4 offers
         * level 1 on day 5; "just right" there brings level 2 back. */
        assert_int_equal(level_on[d][bridge], d <= 2 ? 0 : d <= 4 ? 1 : d == 5 ? 0 : 1);
    }
    assert_true(tracker_progress(f->tracker)->waits_for_too_easy[taps]);
    assert_int_equal(r_streak(f->tracker, test_utc(2026, 4, 30, 20, 0)), 30);
    /* Every unlock came on a day whose result at that level was "too easy". */
    int un = 0, ne = 0;
    const SaveUnlock *u = tracker_unlocks(f->tracker, &un);
    const SaveExercise *e = tracker_exercises(f->tracker, &ne);
    assert_int_equal(un, 3);
    for (int i = 0; i < un; i++) {
        int ut, ul;
        assert_true(program_find_level(p, u[i].level_id, &ut, &ul));
        const char *below = p->tracks[ut].levels[ul - 1].id;
        bool easy = false;
        for (int j = 0; j < ne; j++)
            easy |= e[j].local_day == u[i].local_day && strcmp(e[j].level_id, below) == 0 &&
                    e[j].rating == RATING_TOO_EASY;
        assert_true(easy);
    }
}

/* ---- a month with pain: the advice is kept, the exercise held out ------- */

static void test_a_month_keeps_the_advice_until_the_person_clears_it(void **state)
{
    Fixture *f = *state;
    const Program *p = f->program;
    /* Bridges hurt on days 3 and 6 (rated 4 and 5): two stops within a
     * week.  The person confirms on day 12 that they saw a therapist.
     * Clamshells hurt once, rated 8, on day 20. */
    static const PainScript pain[] = {{3, "bridge", 4}, {6, "bridge", 5}, {20, "clamshell", 8}};
    g_pain = pain;
    g_pain_count = 3;
    g_rate = NULL;
    int bridge = -1, clam = -1, lv;
    program_find_level(p, "bridge_1", &bridge, &lv);
    program_find_level(p, "clamshell_1", &clam, &lv);
    int held_days = 0, said_days = 0;
    printf("day  exercises  advice (held out: reason)\n");
    for (int d = 0; d < 30; d++) {
        g_day = d;
        time_t wall = test_utc(2026, 6, 1, 18, 0) + (time_t)d * 86400;
        if (d == 12) {
            /* The person says so (the advice screen, or C in audio-only). */
            Runner r;
            static Plan plan;
            char err[128];
            assert_int_equal(runner_begin(&r, f->tracker, &plan, NULL, wall - 60, err, sizeof err), 0);
            assert_int_equal(r.advice_count, 1);
            assert_int_equal(plan.count, 7);
            assert_int_equal(runner_confirm_checked(&r, wall - 30, err, sizeof err), 0);
            assert_int_equal(r.advice_count, 0);
            assert_int_equal(plan.count, 8); /* back in today's session */
        }
        Runner r;
        assert_true(run_day(f->tracker, NULL, wall, NULL, 0, &r));
        bool advice = r.advice_count > 0;
        int exercises = r.plan->count;
        char line[512];
        int n = snprintf(line, sizeof line, "%3d  %9d  ", d, exercises);
        for (int i = 0; i < r.advice_count && n < (int)sizeof line; i++)
            n += snprintf(line + n, sizeof line - (size_t)n, "%s%s", i ? ", " : "",
                          r.advice_tracks[i]->id);
        printf("%s\n", line);
        if (advice) {
            said_days++;
            assert_non_null(strstr(r.advice.text, "physical therapist"));
        }
        /* Days 7-11: bridges held out, said each day, never started. */
        bool bridge_out = d >= 7 && d <= 11;
        /* From day 21: clamshells held out (a stop rated 8), to the end. */
        bool clam_out = d >= 21;
        assert_int_equal(exercises, 8 - bridge_out - clam_out);
        assert_int_equal(g_started[bridge], !bridge_out && d != 3 && d != 6 ? 1 : d == 3 || d == 6);
        assert_int_equal(g_started[clam], !clam_out);
        assert_int_equal(advice, bridge_out || clam_out);
        held_days += bridge_out + clam_out;
        if (bridge_out) {
            assert_string_equal(r.advice_tracks[0]->id, "bridge");
            assert_non_null(strstr(r.advice.text, "it hurt twice within a week"));
            assert_non_null(strstr(r.advice.text, "left out of your session"));
        }
        if (clam_out)
            assert_non_null(strstr(r.advice.text, "rated seven or more"));
    }
    printf("advice said on %d days; %d exercise-days held out\n", said_days, held_days);
    assert_int_equal(said_days, 5 + 9);
    assert_true(tracker_progress(f->tracker)->see_pt_advice[clam]);
    assert_false(tracker_progress(f->tracker)->see_pt_advice[bridge]);
    g_pain = NULL;
    g_pain_count = 0;
}

/* The advice is kept in the save: closing and opening it again, and
 * clean sessions after it, leave it standing; only the person clears it. */
static void test_advice_persists_across_opens_until_cleared(void **state)
{
    Fixture *f = *state;
    char dir[512], msg[512];
    test_make_fresh_dir("runner_advice_persists", dir, sizeof dir);
    static const PainScript pain[] = {{0, "toe_taps", 6}, {1, "toe_taps", 3}};
    g_pain = pain;
    g_pain_count = 2;
    int taps = -1, lv;
    program_find_level(f->program, "toe_taps_1", &taps, &lv);
    Runner r;
    for (int d = 0; d < 4; d++) {
        Tracker *t = tracker_open(dir, f->program, msg, sizeof msg);
        assert_non_null(t);
        g_day = d;
        run_day(t, NULL, test_utc(2026, 7, 1, 8, 0) + (time_t)d * 86400, NULL, 0, &r);
        assert_int_equal(tracker_advice(t), d >= 1);
        tracker_close(t);
    }
    assert_int_equal(r.advice_count, 1); /* day 3: said before it, after clean days */
    Tracker *t = tracker_open(dir, f->program, msg, sizeof msg);
    assert_true(tracker_progress(t)->see_pt_advice[taps]);
    /* The scores given at the checks were written into the stops' rows. */
    int ne = 0, seen = 0;
    const SaveExercise *e = tracker_exercises(t, &ne);
    for (int i = 0; i < ne; i++)
        if (e[i].pain) {
            assert_int_equal(e[i].pain_score, seen == 0 ? 6 : 3);
            assert_int_equal(e[i].pain_place, PAIN_PLACE_LOW_BACK);
            seen++;
        }
    assert_int_equal(seen, 2);
    Plan plan;
    assert_int_equal(tracker_plan_daily(t, &plan), 7);
    assert_int_equal(tracker_confirm_checked(t, test_utc(2026, 7, 5, 8, 0)), 0);
    assert_false(tracker_advice(t));
    tracker_close(t);
    t = tracker_open(dir, f->program, msg, sizeof msg);
    assert_false(tracker_advice(t));
    assert_int_equal(tracker_plan_daily(t, &plan), 8);
    tracker_close(t);
    g_pain = NULL;
    g_pain_count = 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_skipping_everything_is_no_streak_day, setup, teardown),
        cmocka_unit_test_setup_teardown(test_one_done_and_the_rest_skipped_counts, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pain_stops_never_break_the_day, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ended_early_or_one_level_is_no_streak_day, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_stop_brings_its_advice_at_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_level_is_refused_and_nothing_recorded, setup, teardown),
        cmocka_unit_test_setup_teardown(test_streak_grows_over_days, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_month_rises_only_after_too_easy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_month_keeps_the_advice_until_the_person_clears_it,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_advice_persists_across_opens_until_cleared, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
