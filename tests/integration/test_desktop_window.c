/* test_desktop_window.c: the window in the background.  Window events are
 * pushed into SDL's queue, as the window system would send them, and the
 * app's own loop (app_frame) reads them: losing the focus or being
 * minimised pauses a running workout, and coming back says why it is
 * paused; the title screen and the demo are left alone.  The screensaver is
 * blocked only while a workout runs.  And the app's name for the desktop. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <SDL.h>

#include "app.h"
#include "platform/desktop.h"
#include "screens/screens.h"

static App *make_app(Options *o, bool headless, bool demo)
{
    memset(o, 0, sizeof *o);
    o->levels_dir = TEST_LEVELS_DIR;
    o->assets_dir = TEST_ASSETS_DIR;
    o->demo = demo;
    AppConfig cfg = {.options = o, .headless = headless, .virtual_clock = true,
                     .memory_save = true, .width = 640, .height = 360};
    char msg[512];
    App *app = app_create(&cfg, msg, sizeof msg);
    if (!app)
        fail_msg("app_create: %s", msg);
    app->wall_override = 1767268800; /* 2026-01-01 12:00 UTC */
    tracker_settings(app->tracker)->safety_notice_seen = 1;
    screens_start(app);
    return app;
}

static void done(App *app)
{
    app_destroy(app);
    SDL_Quit();
}

static void push_window_event(Uint8 event)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_WINDOWEVENT;
    e.window.event = event;
    assert_int_equal(SDL_PushEvent(&e), 1);
}

static void press(App *app, SDL_Keycode sym)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = sym;
    assert_int_equal(SDL_PushEvent(&e), 1);
    app_frame(app);
}

static bool top_is(App *app, ScreenId id)
{
    return screen_top(&app->screens) == screens_def(id);
}

/* From the title into the first exercise's movement. */
static void start_workout(App *app)
{
    press(app, SDLK_RETURN); /* start today's session */
    press(app, SDLK_RETURN); /* past the setup */
    assert_true(app->session_live);
    assert_false(app->session->paused);
    for (int i = 0; i < 3000 && app->session->phase != PHASE_MOVE; i++) {
        app_advance(app, 10);
        app_step(app);
    }
    assert_int_equal(app->session->phase, PHASE_MOVE);
}

static void focus_lost_mid_workout_pauses_and_the_return_says_why(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, true, false);
    start_workout(app);
    int64_t phase_start = app->session->phase_start_ms;
    push_window_event(SDL_WINDOWEVENT_FOCUS_LOST);
    app_frame(app);
    assert_true(app->session->paused);
    app_frame(app);
    assert_true(top_is(app, SCREEN_PAUSE));
    /* Time passes in the background: the hold does not run on. */
    for (int i = 0; i < 100; i++) {
        app_advance(app, 100);
        app_frame(app);
    }
    assert_int_equal(app->session->phase, PHASE_MOVE);
    assert_int_equal(app->session->phase_start_ms, phase_start);
    assert_true(app->session->paused);
    assert_null(strstr(app->notice, "background"));
    push_window_event(SDL_WINDOWEVENT_FOCUS_GAINED);
    app_frame(app);
    assert_non_null(strstr(app->notice, "The workout paused while corequest was in the background."));
    assert_true(app->session->paused); /* the person resumes, not the window */
    done(app);
}

static void minimising_pauses_and_restoring_says_so_once(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, true, false);
    start_workout(app);
    push_window_event(SDL_WINDOWEVENT_MINIMIZED);
    push_window_event(SDL_WINDOWEVENT_FOCUS_LOST);
    app_frame(app);
    assert_true(app->session->paused);
    push_window_event(SDL_WINDOWEVENT_RESTORED);
    app_frame(app);
    assert_non_null(strstr(app->notice, "in the background"));
    /* The focus that follows the restore says nothing more. */
    app->notice[0] = '\0';
    push_window_event(SDL_WINDOWEVENT_FOCUS_GAINED);
    app_frame(app);
    assert_string_equal(app->notice, "");
    /* Resumed by the person, it runs again; the next focus loss pauses again. */
    press(app, SDLK_p);
    assert_false(app->session->paused);
    push_window_event(SDL_WINDOWEVENT_HIDDEN);
    app_frame(app);
    assert_true(app->session->paused);
    done(app);
}

static void focus_loss_on_the_title_or_in_the_demo_changes_nothing(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, true, false);
    assert_true(top_is(app, SCREEN_TITLE));
    push_window_event(SDL_WINDOWEVENT_FOCUS_LOST);
    app_frame(app);
    push_window_event(SDL_WINDOWEVENT_FOCUS_GAINED);
    app_frame(app);
    assert_true(top_is(app, SCREEN_TITLE));
    assert_null(strstr(app->notice, "background"));
    done(app);

    app = make_app(&o, true, true); /* --demo starts its session at once */
    for (int i = 0; i < 3000 && app->session->phase != PHASE_MOVE; i++) {
        app_advance(app, 10);
        app_step(app);
    }
    push_window_event(SDL_WINDOWEVENT_FOCUS_LOST);
    app_frame(app);
    assert_false(app->session->paused);
    done(app);
}

/* A real (dummy-driver) window: SDL's screensaver switch follows the workout. */
static void the_screensaver_is_blocked_only_while_a_workout_runs(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, false, false);
    assert_non_null(app->window);
    app_frame(app);
    assert_true(SDL_IsScreenSaverEnabled()); /* the title: the screen may sleep */
    start_workout(app);
    app_frame(app);
    assert_false(SDL_IsScreenSaverEnabled());
    press(app, SDLK_p);
    app_frame(app);
    assert_true(app->session->paused);
    assert_true(SDL_IsScreenSaverEnabled()); /* paused: nothing is going on */
    press(app, SDLK_p);
    app_frame(app);
    assert_false(SDL_IsScreenSaverEnabled());
    app_session_abandon(app);
    app_frame(app);
    assert_true(SDL_IsScreenSaverEnabled());
    done(app);
}

/* Sound servers show "corequest"; the window class is the launcher's id
 * (unless the person set one). */
static void the_app_names_itself_to_the_desktop(void **state)
{
    (void)state;
    setenv("SDL_VIDEO_X11_WMCLASS", "mine", 1);
    unsetenv("SDL_VIDEO_WAYLAND_WMCLASS");
    desktop_identify();
    assert_string_equal(SDL_GetHint(SDL_HINT_APP_NAME), "corequest");
    assert_string_equal(getenv("SDL_VIDEO_WAYLAND_WMCLASS"), "io.github.corequest.corequest");
    assert_string_equal(getenv("SDL_VIDEO_X11_WMCLASS"), "mine");
    assert_string_equal(desktop_app_id(), "io.github.corequest.corequest");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_app_names_itself_to_the_desktop),
        cmocka_unit_test(focus_lost_mid_workout_pauses_and_the_return_says_why),
        cmocka_unit_test(minimising_pauses_and_restoring_says_so_once),
        cmocka_unit_test(focus_loss_on_the_title_or_in_the_demo_changes_nothing),
        cmocka_unit_test(the_screensaver_is_blocked_only_while_a_workout_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
