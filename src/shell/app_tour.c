/* app_tour.c: the screenshot tour: visits every screen (and each level's
 * figure) on the virtual clock for --screenshot and the screen tests, and
 * the sample history they are drawn with.  It sits above the screens and
 * drives them; nothing below calls it. */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens/screens.h"

/* ------------------------------------------------------- screenshots */

enum { SHOT_STEP_MS = APP_UPDATE_MS, SHOT_LIMIT_MS = 60 * 60 * 1000 };

static bool top_is(const App *app, ScreenId id)
{
    return screen_top(&app->screens) == screens_def(id);
}

/* Moves the virtual clock on in core steps until the session reaches the
 * phase (or ms pass when phase is PHASE_COUNT). */
static bool run_until_phase(App *app, Phase phase, int64_t limit_ms)
{
    for (int64_t t = 0; t < limit_ms; t += SHOT_STEP_MS) {
        if (phase != PHASE_COUNT && app->session_live && app->session->phase == phase)
            return true;
        app_advance(app, SHOT_STEP_MS);
        app_step(app);
    }
    return phase == PHASE_COUNT;
}

/* A month of finished sessions through the real recording path, so the
 * calendar, the streak and the level map have something to show.  Only
 * ever used with a save kept in memory. */
void app_sample_history(App *app)
{
    time_t now = app_wall_time(app);
    /* Three old days, then five of the last six: a streak, some levels
     * unlocked, some still locked. */
    for (int d = 27; d >= 1; d--) {
        if (d != 27 && d != 24 && d != 21 && (d > 6 || d == 3))
            continue;
        time_t day = now - (time_t)d * 86400;
        /* Through the runner, as a real session would be: a whole session
         * on each of these days, decided by the one streak rule. */
        Plan plan;
        Runner runner;
        char err[128];
        if (runner_begin(&runner, app->tracker, &plan, NULL, day, err, sizeof err) != 0)
            return;
        runner_start(&runner, day);
        Session *done = calloc(1, sizeof *done);
        if (!done)
            return;
        session_init(done, &plan, session_config_default(), NULL, NULL);
        for (int i = 0; i < plan.count; i++) {
            const Level *l = plan.items[i].level;
            ExerciseResult *r = &done->results[i];
            r->reps_target = (l->reps < 1 ? 1 : l->reps) * (l->sets < 1 ? 1 : l->sets);
            r->reps_done = r->reps_target;
            if (l->sides != SIDES_NONE)
                r->reps_left = r->reps_right = r->reps_target;
            r->started = r->finished = true;
            runner_record(&runner, i, r, day + 60 * i, NULL);
        }
        done->phase = PHASE_DONE;
        runner_conclude(&runner, done, day + 60 * plan.count);
        free(done);
        /* The weekly check on three of those days: a baseline, a skipped
         * week, and everyday things a little easier. */
        static const int stand[] = {3, -1, 5}, sit[] = {4, -1, 4}, walk[] = {2, -1, 5};
        int week = d == 27 ? 0 : d == 21 ? 1 : d == 6 ? 2 : -1;
        if (week >= 0) {
            ToleranceCheck c = {.score = {stand[week], sit[week], walk[week]},
                                .skipped = week == 1};
            snprintf(c.activity, sizeof c.activity, "walking");
            tracker_record_tolerance(app->tracker, &c, day + 3600);
        }
    }
    app->progress_serial++;
}

/* The first level of the first track: a short session for a screenshot. */
static const char *p0_first_level(const App *app)
{
    return app->program->track_count > 0 && app->program->tracks[0].level_count > 0
               ? app->program->tracks[0].levels[0].id
               : "";
}

/* Skips the first exercise and presses PAIN at the second one's first
 * move: the pain check, as a person meets it. */
static void pain_in_second_exercise(App *app)
{
    app_session_act(app, ACTION_SKIP);
    app_session_act(app, ACTION_CONFIRM);
    run_until_phase(app, PHASE_MOVE, 30000);
    app_session_act(app, ACTION_PAIN);
    app_step(app);
}

/* Draws the frame and hands it to the visitor. */
static int visit_frame(App *app, const char *name, AppVisit visit, void *ctx)
{
    app_frame(app);
    return visit(app, name, ctx);
}

/* The workout screen with a level's figure most of the way to its peak. */
static int tour_figure(App *app, const Level *level, AppVisit visit, void *ctx)
{
    if (app_session_start(app, level->id) != 0)
        return 1;
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);
    app_session_act(app, ACTION_CONFIRM); /* past the spoken setup */
    if (!run_until_phase(app, PHASE_MOVE, 30000))
        return 1;
    run_until_phase(app, PHASE_COUNT, level->move_ms * 4 / 5);
    char name[ID_MAX + 16];
    snprintf(name, sizeof name, "figure-%s", level->id);
    int rc = visit_frame(app, name, visit, ctx);
    app_session_abandon(app);
    return rc;
}

int app_tour(App *app, AppVisit visit, void *ctx)
{
    int failures = 0;
    screens_start(app); /* a fresh save: the safety notice first */
    failures += visit_frame(app, "01-safety", visit, ctx);
    tracker_settings(app->tracker)->safety_notice_seen = 1;
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    failures += visit_frame(app, "02-title", visit, ctx);
    screen_push(&app->screens, screens_def(SCREEN_LEVEL_MAP), LEVEL_MAP_BROWSE);
    app_advance(app, 800);
    failures += visit_frame(app, "03-level-map", visit, ctx);
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    screen_push(&app->screens, screens_def(SCREEN_CALENDAR), 0);
    failures += visit_frame(app, "04-calendar", visit, ctx);
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    screen_push(&app->screens, screens_def(SCREEN_SETTINGS), 0);
    failures += visit_frame(app, "05-settings", visit, ctx);

    /* Today's session: the first exercise moving, then paused and left. */
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    if (app_session_start(app, NULL) == 0) {
        screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);
        /* The spoken setup, its whole text as the caption. */
        run_until_phase(app, PHASE_COUNT, 8000);
        failures += visit_frame(app, "06-workout-setup", visit, ctx);
        app_session_act(app, ACTION_CONFIRM);
        run_until_phase(app, PHASE_MOVE, 30000);
        run_until_phase(app, PHASE_COUNT, app_current_item(app)->level->move_ms * 3 / 5);
        failures += visit_frame(app, "06-workout", visit, ctx);
        app_session_act(app, ACTION_PAUSE);
        app_step(app);
        failures += visit_frame(app, "07-pause", visit, ctx);
        app_session_act(app, ACTION_PAUSE);
        app_step(app);
        app_session_abandon(app);
    } else {
        failures++;
    }

    /* A whole session, confirmed on time, to its summary. */
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    if (app_session_start(app, NULL) == 0) {
        screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);
        bool demo = app->demo;
        app->demo = true;
        for (int64_t t = 0; t < SHOT_LIMIT_MS && !top_is(app, SCREEN_SUMMARY); t += SHOT_STEP_MS) {
            app_advance(app, SHOT_STEP_MS);
            app_step(app);
        }
        app->demo = demo;
        app_advance(app, 3000); /* the stars have flown */
        failures += top_is(app, SCREEN_SUMMARY) ? 0 : 1;
        failures += visit_frame(app, "09-summary", visit, ctx);
        app_session_abandon(app);
    } else {
        failures++;
    }

    /* Another go, its second exercise stopped for pain. */
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    if (app_session_start(app, NULL) == 0) {
        screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);
        pain_in_second_exercise(app);
        failures += top_is(app, SCREEN_PAIN) ? 0 : 1;
        failures += visit_frame(app, "08-pain-check", visit, ctx);
        app_session_abandon(app);
    } else {
        failures++;
    }

    /* A second pain stop on the same exercise the same day: the advice to
     * see a therapist, as today's session shows it; then the person
     * confirms, so the figures below are the usual session's. */
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    if (app_session_start(app, NULL) == 0) {
        screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);
        pain_in_second_exercise(app);
        /* This stop brings the advice: the pain check says it at once. */
        failures += top_is(app, SCREEN_PAIN) ? 0 : 1;
        app_step(app);
        failures += visit_frame(app, "13-pain-advice", visit, ctx);
        app_session_abandon(app);
        screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
        bool advice = tracker_advice(app->tracker);
        screen_push(&app->screens, screens_def(SCREEN_ADVICE), 0);
        failures += advice && top_is(app, SCREEN_ADVICE) ? 0 : 1;
        failures += visit_frame(app, "12-see-a-therapist", visit, ctx);
        tracker_confirm_checked(app->tracker, app_wall_time(app));
        app->progress_serial++;
    } else {
        failures++;
    }

    /* How did it feel? after the first exercise of one level, done with
     * every rep confirmed at once. */
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    if (app_session_start(app, p0_first_level(app)) == 0) {
        screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);
        bool demo = app->demo;
        app->demo = true;
        bool asked = run_until_phase(app, PHASE_RATE, SHOT_LIMIT_MS);
        app->demo = demo;
        app_advance(app, 1500);
        app_step(app);
        failures += asked && top_is(app, SCREEN_RATE) ? 0 : 1;
        failures += visit_frame(app, "11-how-did-it-feel", visit, ctx);
        app_session_abandon(app);
    } else {
        failures++;
    }

    /* The weekly check, before today's session, half answered. */
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    screen_push(&app->screens, screens_def(SCREEN_TOLERANCE), 0);
    static const InputEvent answers[] = {{.nav = NAV_RIGHT}, {.nav = NAV_RIGHT},
                                         {.nav = NAV_DOWN},  {.has_digit = true, .digit = 4},
                                         {.nav = NAV_DOWN},  {.nav = NAV_DOWN}};
    for (size_t i = 0; i < sizeof answers / sizeof answers[0]; i++)
        screen_handle(&app->screens, &answers[i]);
    failures += top_is(app, SCREEN_TOLERANCE) ? 0 : 1;
    failures += visit_frame(app, "14-weekly-check", visit, ctx);

    /* Back pain before the session (a setting): 3 chosen. */
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    screen_push(&app->screens, screens_def(SCREEN_BACK_PAIN), BACK_PAIN_BEFORE);
    const InputEvent three = {.has_digit = true, .digit = 3};
    screen_handle(&app->screens, &three);
    failures += top_is(app, SCREEN_BACK_PAIN) ? 0 : 1;
    failures += visit_frame(app, "15-back-pain", visit, ctx);

    /* The controls overlay, over the title. */
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    screen_push(&app->screens, screens_def(SCREEN_HELP), 0);
    failures += visit_frame(app, "10-controls", visit, ctx);

    /* Every track's first level, and each level that has its own poses or
     * equipment (the variants: dead bug, one-leg bridges, the band...). */
    const Program *p = app->program;
    for (int t = 0; t < p->track_count; t++) {
        const Track *track = &p->tracks[t];
        for (int l = 0; l < track->level_count; l++) {
            const Level *level = &track->levels[l];
            bool own = l > 0 && memcmp(&level->poses, &track->levels[0].poses, sizeof(PoseSet)) != 0;
            bool kit = l > 0 && strcmp(level->equipment, track->levels[0].equipment) != 0;
            if (l == 0 || own || kit)
                failures += tour_figure(app, level, visit, ctx);
        }
    }
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    return failures;
}
