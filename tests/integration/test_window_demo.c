/* test_window_demo.c: the window's flow on a virtual clock: --demo plays
 * today's session to its summary by itself and records it; a first run
 * reaches the first exercise in two presses; pause, pain and back behave. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <SDL_ttf.h>

#include "app.h"
#include "audio.h"
#include "screens/screens.h"

/* Every text the screens measure, so a test can read what a screen says:
 * a stand-in for SDL_ttf's measuring call that keeps a copy. */
static char measured[1 << 16];

int TTF_SizeUTF8(TTF_Font *font, const char *text, int *w, int *h)
{
    static int (*real_size)(TTF_Font *, const char *, int *, int *);
    if (!real_size)
        *(void **)&real_size = dlsym(RTLD_NEXT, "TTF_SizeUTF8");
    size_t len = strlen(measured);
    if (text && len + strlen(text) + 2 < sizeof measured) {
        memcpy(measured + len, text, strlen(text));
        measured[len + strlen(text)] = '\n';
        measured[len + strlen(text) + 1] = '\0';
    }
    return real_size(font, text, w, h);
}

static App *make_app(Options *o, bool demo)
{
    memset(o, 0, sizeof *o);
    o->levels_dir = TEST_LEVELS_DIR;
    o->assets_dir = TEST_ASSETS_DIR;
    o->demo = demo;
    AppConfig cfg = {.options = o, .headless = true, .virtual_clock = true,
                     .memory_save = true, .width = 640, .height = 360};
    char msg[512];
    App *app = app_create(&cfg, msg, sizeof msg);
    if (!app)
        fail_msg("app_create: %s", msg);
    app->wall_override = 1767268800; /* 2026-01-01 12:00 UTC */
    return app;
}

/* Screens started for someone who has already read the safety notice. */
static void start_with_safety_notice_seen(App *app)
{
    tracker_settings(app->tracker)->safety_notice_seen = 1;
    screens_start(app);
}

static void done(App *app)
{
    app_destroy(app);
    SDL_Quit();
}

static void press(App *app, SDL_Keycode sym)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = sym;
    app_event(app, &e);
    app_step(app);
}

static bool top_is(App *app, ScreenId id)
{
    return screen_top(&app->screens) == screens_def(id);
}

static void demo_plays_todays_session_to_the_end_and_records_it(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, true);
    screens_start(app);
    assert_true(top_is(app, SCREEN_WORKOUT));
    assert_true(app->session_live);
    int64_t start = app->virtual_ms;
    bool saw_summary = false;
    for (int i = 0; i < 2 * 3600 * 50 && !app->quit; i++) {
        app_advance(app, 20);
        app_step(app);
        if (i % 250 == 0)
            app_draw(app); /* drawing along the way must not disturb anything */
        saw_summary = saw_summary || top_is(app, SCREEN_SUMMARY);
    }
    assert_true(app->quit);
    assert_true(saw_summary);
    int64_t minutes = (app->virtual_ms - start) / 60000;
    assert_true(minutes >= 10 && minutes <= 30);
    for (int i = 0; i < app->plan.count; i++) {
        const ExerciseResult *r = &app->session->results[i];
        assert_true(app->runner.recorded[i]);
        assert_true(r->finished && !r->skipped && !r->pain);
        assert_int_equal(r->reps_done, r->reps_target);
    }
    assert_true(app->view.counted);
    assert_int_equal(app->view.streak_after.current, 1);
    unsigned char today = 0;
    tracker_calendar(app->tracker, app_wall_time(app), 1, &today);
    assert_int_equal(today, 1);
    done(app);
}

static void first_run_reaches_the_first_exercise_in_two_presses(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, false);
    screens_start(app);
    assert_true(top_is(app, SCREEN_SAFETY));
    press(app, SDLK_RETURN); /* I understand */
    assert_true(top_is(app, SCREEN_TITLE));
    assert_int_equal(tracker_settings(app->tracker)->safety_notice_seen, 1);
    press(app, SDLK_RETURN); /* Today's session has the focus */
    assert_true(top_is(app, SCREEN_WORKOUT));
    assert_true(app->session_live);
    assert_int_equal(app->session->exercise, 0);
    assert_int_equal(app->session->phase, PHASE_INTRO);
    done(app);
}

static void later_runs_start_the_session_in_one_press(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, false);
    start_with_safety_notice_seen(app);
    assert_true(top_is(app, SCREEN_TITLE));
    press(app, SDLK_RETURN);
    assert_true(top_is(app, SCREEN_WORKOUT));
    done(app);
}

static void pause_stops_the_clock_and_resume_goes_on(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, false);
    start_with_safety_notice_seen(app);
    press(app, SDLK_RETURN);
    press(app, SDLK_RETURN); /* skip the spoken setup: GET READY */
    assert_int_equal(app->session->phase, PHASE_GET_READY);
    int64_t deadline = app->session->deadline_ms;
    press(app, SDLK_p);
    assert_true(top_is(app, SCREEN_PAUSE));
    app_advance(app, 60000);
    app_step(app);
    assert_int_equal(app->session->phase, PHASE_GET_READY); /* nothing moved */
    press(app, SDLK_ESCAPE); /* back = resume from the pause menu */
    app_step(app);
    assert_true(top_is(app, SCREEN_WORKOUT));
    /* Shifted by the pause, and by "let's carry on" being said first. */
    const SessionConfig *c = &app->session->config;
    int carry = c->say_ms ? c->say_ms(c->say_ctx, "resumed", "Let's carry on.") : -1;
    if (carry < 0)
        carry = prompt_estimate_ms("Let's carry on.");
    assert_int_equal(app->session->deadline_ms, deadline + 60000 + carry + c->speech_gap_ms);
    done(app);
}

static void pain_shows_the_pain_check_and_back_ends_the_session(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, false);
    start_with_safety_notice_seen(app);
    press(app, SDLK_RETURN);
    press(app, SDLK_RETURN);
    app_advance(app, app->session->deadline_ms - app->now_ms + 100); /* past the countdown */
    app_step(app);
    assert_int_equal(app->session->phase, PHASE_MOVE);
    press(app, SDLK_x);
    assert_true(top_is(app, SCREEN_PAIN));
    assert_true(app->session->results[0].pain);
    assert_true(app->runner.recorded[0]); /* saved at once, before any choice */
    press(app, SDLK_ESCAPE);
    app_step(app);
    assert_true(top_is(app, SCREEN_SUMMARY));
    assert_false(app->view.counted); /* stopped early: not a streak day */
    app_advance(app, APP_PRESS_GUARD_MS);
    press(app, SDLK_RETURN);
    assert_true(top_is(app, SCREEN_TITLE));
    assert_false(app->session_live);
    done(app);
}

/* The summary ignores presses for its first second (they were meant for
 * the last rep), and the title for a second after it, so that neither a
 * double press nor a triple one starts another session. */
static void a_double_press_at_the_summary_starts_no_new_session(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, false);
    start_with_safety_notice_seen(app);
    press(app, SDLK_RETURN);
    press(app, SDLK_ESCAPE); /* pause */
    press(app, SDLK_DOWN);
    press(app, SDLK_DOWN);
    press(app, SDLK_RETURN); /* end the session */
    app_step(app);
    assert_true(top_is(app, SCREEN_SUMMARY));
    press(app, SDLK_RETURN);
    press(app, SDLK_RETURN);
    assert_true(top_is(app, SCREEN_SUMMARY));
    app_advance(app, APP_PRESS_GUARD_MS - 10);
    app_step(app);
    press(app, SDLK_SPACE);
    assert_true(top_is(app, SCREEN_SUMMARY)); /* 990 ms: still guarded */
    app_advance(app, 10);
    press(app, SDLK_RETURN);
    assert_true(top_is(app, SCREEN_TITLE));
    app_advance(app, 200);
    press(app, SDLK_RETURN); /* the second press of a double one */
    assert_true(top_is(app, SCREEN_TITLE));
    assert_false(app->session_live);
    app_advance(app, APP_PRESS_GUARD_MS);
    press(app, SDLK_RETURN); /* a press a second later is meant */
    assert_true(top_is(app, SCREEN_WORKOUT));
    assert_true(app->session_live);
    done(app);
}

/* An overlay added later that takes every press for itself. */
static int swallowed;
static void swallow_everything(void *ctx, void *st, const InputEvent *ev)
{
    (void)ctx;
    (void)st;
    (void)ev;
    swallowed++;
}

/* Into MOVE of the first exercise, with the given overlay pushed on top. */
static App *moving_under(Options *o, const ScreenDef *overlay)
{
    App *app = make_app(o, false);
    start_with_safety_notice_seen(app);
    press(app, SDLK_RETURN);
    press(app, SDLK_RETURN);
    app_advance(app, app->session->deadline_ms - app->now_ms + 100);
    app_step(app);
    assert_int_equal(app->session->phase, PHASE_MOVE);
    if (overlay)
        screen_push(&app->screens, overlay, 0);
    return app;
}

/* PAIN is handled once, in the app's input path: no overlay (the controls,
 * the pause menu, or one that swallows every press) stands in its way. */
static void pain_stops_the_exercise_through_any_overlay(void **state)
{
    (void)state;
    static const ScreenDef greedy = {.name = "greedy", .overlay = true,
                                     .handle = swallow_everything};
    const ScreenDef *overlays[] = {&greedy, screens_def(SCREEN_HELP), NULL};
    for (size_t i = 0; i < sizeof overlays / sizeof overlays[0]; i++) {
        Options o;
        App *app = moving_under(&o, overlays[i]);
        if (!overlays[i]) { /* the pause menu, over a paused session, under the help */
            press(app, SDLK_p);
            assert_true(top_is(app, SCREEN_PAUSE));
            press(app, SDLK_h);
            assert_true(top_is(app, SCREEN_HELP));
        }
        swallowed = 0;
        press(app, SDLK_x);
        assert_int_equal(swallowed, 0);
        assert_int_equal(app->session->phase, PHASE_PAIN_CHECK);
        assert_true(app->session->results[0].pain);
        assert_true(top_is(app, SCREEN_PAIN));
        done(app);
    }
}

static void escape_in_a_workout_pauses_instead_of_quitting(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, false);
    start_with_safety_notice_seen(app);
    press(app, SDLK_RETURN);
    press(app, SDLK_ESCAPE);
    assert_true(top_is(app, SCREEN_PAUSE));
    assert_true(app->session_live);
    /* End the session from the pause menu: down twice, confirm. */
    press(app, SDLK_DOWN);
    press(app, SDLK_DOWN);
    press(app, SDLK_RETURN);
    app_step(app);
    assert_true(top_is(app, SCREEN_SUMMARY));
    done(app);
}

/* The demo plays by itself only until a person steps in: after a pain stop
 * it must wait at the pain check for the person's own choice, never go on. */
static void demo_never_goes_on_by_itself_after_a_pain_stop(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, true);
    screens_start(app);
    assert_true(app->session_live);
    for (int i = 0; i < 60 * 50 && app->session->phase != PHASE_MOVE; i++) {
        app_advance(app, 20);
        app_step(app);
    }
    assert_int_equal(app->session->phase, PHASE_MOVE);
    int exercise = app->session->exercise;
    press(app, SDLK_x);
    assert_int_equal(app->session->phase, PHASE_PAIN_CHECK);
    for (int i = 0; i < 10 * 50; i++) { /* ten seconds, far past the demo's own pace */
        app_advance(app, 20);
        app_step(app);
    }
    assert_int_equal(app->session->phase, PHASE_PAIN_CHECK);
    assert_int_equal(app->session->exercise, exercise);
    assert_true(top_is(app, SCREEN_PAIN));
    done(app);
}

/* The pain button in the rest after a finished exercise: that exercise was
 * done in full and is not recorded as a pain stop, so the pain check must
 * not tell the person it was stopped or will be made easier. */
static void pain_in_the_rest_after_a_finished_exercise_is_not_called_a_pain_stop(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, false);
    o.mode = "tempo";
    start_with_safety_notice_seen(app);
    press(app, SDLK_RETURN);
    assert_true(app->session_live);
    for (int i = 0; i < 30 * 60 * 50 &&
                    !(app->session->phase == PHASE_REST && app->session->results[0].finished);
         i++) {
        app_advance(app, 20);
        app_step(app);
    }
    assert_int_equal(app->session->phase, PHASE_REST);
    assert_true(app->session->results[0].finished);
    press(app, SDLK_x);
    assert_true(top_is(app, SCREEN_PAIN));
    assert_false(app->session->results[0].pain);
    measured[0] = '\0';
    app_draw(app);
    assert_non_null(strstr(measured, "Take a moment"));
    assert_null(strstr(measured, "stopped for pain"));
    assert_null(strstr(measured, "easier"));
    done(app);
}

/* The sound device goes away mid-workout (SDL_AUDIODEVICEREMOVED, as SDL
 * sends it when the sound server dies): the workout pauses and the screen
 * says why; the device is opened again a few seconds later. */
static void a_lost_sound_device_pauses_the_workout_and_comes_back(void **state)
{
    (void)state;
    Options o;
    memset(&o, 0, sizeof o);
    o.levels_dir = TEST_LEVELS_DIR;
    o.assets_dir = TEST_ASSETS_DIR;
    AppConfig cfg = {.options = &o, .headless = true, .virtual_clock = true,
                     .memory_save = true, .with_audio = true, .width = 640, .height = 360};
    char msg[512];
    App *app = app_create(&cfg, msg, sizeof msg);
    if (!app)
        fail_msg("app_create: %s", msg);
    assert_true(audio_has_device(app->audio)); /* SDL's dummy audio driver */
    start_with_safety_notice_seen(app);
    press(app, SDLK_RETURN);
    press(app, SDLK_RETURN); /* past the setup: GET READY */
    assert_false(app->session->paused);
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_AUDIODEVICEREMOVED;
    e.adevice.which = 2;
    app_event(app, &e);
    app_step(app);
    assert_true(app->session->paused);
    assert_true(audio_lost(app->audio));
    assert_non_null(strstr(app->notice, "sound device was lost"));
    /* Tried again every three seconds (the dummy driver opens at once). */
    SDL_Delay(3100);
    app_step(app);
    assert_false(audio_lost(app->audio));
    assert_non_null(strstr(app->notice, "Sound is back. Press confirm to carry on."));
    assert_true(app->session->paused);
    done(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(demo_plays_todays_session_to_the_end_and_records_it),
        cmocka_unit_test(first_run_reaches_the_first_exercise_in_two_presses),
        cmocka_unit_test(later_runs_start_the_session_in_one_press),
        cmocka_unit_test(pause_stops_the_clock_and_resume_goes_on),
        cmocka_unit_test(a_lost_sound_device_pauses_the_workout_and_comes_back),
        cmocka_unit_test(pain_shows_the_pain_check_and_back_ends_the_session),
        cmocka_unit_test(escape_in_a_workout_pauses_instead_of_quitting),
        cmocka_unit_test(pain_stops_the_exercise_through_any_overlay),
        cmocka_unit_test(a_double_press_at_the_summary_starts_no_new_session),
        cmocka_unit_test(demo_never_goes_on_by_itself_after_a_pain_stop),
        cmocka_unit_test(pain_in_the_rest_after_a_finished_exercise_is_not_called_a_pain_stop),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
