/* test_gamepad_window.c: the window driven from the sofa: a virtual pad
 * (through SDL's real event path) or synthetic key events run today's
 * session and every menu, on the virtual clock with app_frame; unplugging
 * the active pad mid-rep pauses, plugging one back in resumes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include <SDL.h>

#include "app.h"
#include "render.h"
#include "screens/screens.h"
#include "test_support_app.h"

#define LEVELS_DIR TEST_DATA_DIR "/audio/levels"

enum { FRAME_MS = 10 };

/* ------------------------------------------------------------ the rig */

static App *make_app_in(Options *o, bool audio, const char *data_dir)
{
    memset(o, 0, sizeof *o);
    o->data_dir = data_dir; /* the save stays in memory; pads read it */
    o->levels_dir = LEVELS_DIR;
    o->assets_dir = TEST_ASSETS_DIR;
    AppConfig cfg = {.options = o, .headless = true, .virtual_clock = true, .memory_save = true,
                     .with_pads = true, .with_audio = audio, .width = 640, .height = 360};
    char msg[512];
    App *app = app_create(&cfg, msg, sizeof msg);
    if (!app)
        fail_msg("app_create: %s", msg);
    assert_true(app->pads_ready);
    app->wall_override = 1767268800; /* 2026-01-01 12:00 UTC */
    tracker_settings(app->tracker)->safety_notice_seen = 1;
    screens_start(app);
    return app;
}

static App *make_app(Options *o, bool audio)
{
    return make_app_in(o, audio, NULL);
}

static void done(App *app)
{
    app_destroy(app);
    SDL_Quit();
}

/* One pass of the real loop, 10 ms of virtual time later. */
static void frame(App *app)
{
    app_advance(app, FRAME_MS);
    app_frame(app);
}

static void frames(App *app, int64_t ms)
{
    for (int64_t t = 0; t < ms; t += FRAME_MS)
        frame(app);
}

static bool top_is(App *app, ScreenId id)
{
    return screen_top(&app->screens) == screens_def(id);
}

static SDL_Joystick *pad_attach(App *app, Uint16 vendor, Uint16 product)
{
    int index = test_pad_attach_virtual(SDL_JOYSTICK_TYPE_GAMECONTROLLER, vendor, product,
                                        "sofa pad");
    SDL_Joystick *js = SDL_JoystickOpen(index);
    assert_non_null(js);
    int before = input_pad_count(&app->input);
    frame(app); /* plugged in: the app opens it at once */
    assert_int_equal(input_pad_count(&app->input), before + 1);
    return js;
}

static void pad_detach(SDL_Joystick *js)
{
    SDL_JoystickID id = SDL_JoystickInstanceID(js);
    SDL_JoystickClose(js);
    for (int i = 0; i < SDL_NumJoysticks(); i++)
        if (SDL_JoystickGetDeviceInstanceID(i) == id) {
            SDL_JoystickDetachVirtual(i);
            return;
        }
    fail_msg("the virtual pad was not found");
}

/* Presses arrive through SDL's queue and app_frame, like a person's. */
typedef enum { PRESS_CONFIRM, PRESS_BACK, PRESS_PAUSE, PRESS_PAIN, PRESS_UP, PRESS_DOWN,
               PRESS_LEFT, PRESS_RIGHT, PRESS_COUNT } Press;

typedef struct {
    SDL_Joystick *pad; /* NULL: the keyboard */
} Device;

static void device_down(const Device *d, Press p, bool down)
{
    if (d->pad) {
        static const SDL_GameControllerButton buttons[PRESS_COUNT] = {
            SDL_CONTROLLER_BUTTON_A, SDL_CONTROLLER_BUTTON_B, SDL_CONTROLLER_BUTTON_START,
            SDL_CONTROLLER_BUTTON_Y, SDL_CONTROLLER_BUTTON_DPAD_UP,
            SDL_CONTROLLER_BUTTON_DPAD_DOWN, SDL_CONTROLLER_BUTTON_DPAD_LEFT,
            SDL_CONTROLLER_BUTTON_DPAD_RIGHT};
        SDL_JoystickSetVirtualButton(d->pad, buttons[p], down ? SDL_PRESSED : SDL_RELEASED);
        return;
    }
    static const SDL_Keycode keys[PRESS_COUNT] = {SDLK_RETURN, SDLK_ESCAPE, SDLK_p, SDLK_x,
                                                  SDLK_UP, SDLK_DOWN, SDLK_LEFT, SDLK_RIGHT};
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = down ? SDL_KEYDOWN : SDL_KEYUP;
    e.key.state = down ? SDL_PRESSED : SDL_RELEASED;
    e.key.keysym.sym = keys[p];
    assert_int_equal(SDL_PushEvent(&e), 1);
}

/* Down in one frame (where it must take effect), up in the next. */
static void press(App *app, const Device *d, Press p)
{
    device_down(d, p, true);
    frame(app);
    device_down(d, p, false);
    frame(app);
}

/* --------------------------------------------------- today's session */

typedef struct {
    int confirms;
    ExerciseResult results[PLAN_MAX_ITEMS];
    int count;
} RunLog;

/* Starts today's session from the title and confirms every intro and
 * every rep as soon as it is asked for, until the summary. */
static void confirm_until_summary(App *app, const Device *d, RunLog *log);

static void run_todays_session(App *app, const Device *d, RunLog *log)
{
    memset(log, 0, sizeof *log);
    assert_true(top_is(app, SCREEN_TITLE));
    press(app, d, PRESS_CONFIRM); /* "Today's session" has the focus */
    confirm_until_summary(app, d, log);
    frames(app, APP_PRESS_GUARD_MS); /* the summary ignores presses at first */
    press(app, d, PRESS_CONFIRM); /* the summary back to the title */
    assert_true(top_is(app, SCREEN_TITLE));
    assert_false(app->session_live);
}

/* From the workout's start, every intro and rep confirmed, to the summary. */
static void confirm_until_summary(App *app, const Device *d, RunLog *log)
{
    assert_true(top_is(app, SCREEN_WORKOUT));
    assert_true(app->session_live);
    for (int i = 0; i < 60000 && !top_is(app, SCREEN_SUMMARY); i++) {
        Phase p = app->session->phase;
        if (p != PHASE_INTRO && p != PHASE_WAIT_CONFIRM) {
            frame(app);
            continue;
        }
        int rep = app->session->rep, exercise = app->session->exercise;
        Side side = app->session->side;
        device_down(d, PRESS_CONFIRM, true);
        frame(app);
        /* Applied in the frame it arrived. */
        assert_true(app->session->phase != p || app->session->rep != rep ||
                    app->session->exercise != exercise || app->session->side != side);
        device_down(d, PRESS_CONFIRM, false);
        frame(app);
        log->confirms++;
    }
    assert_true(top_is(app, SCREEN_SUMMARY));
    log->count = app->plan.count;
    memcpy(log->results, app->session->results, sizeof log->results);
    for (int i = 0; i < app->plan.count; i++)
        assert_true(app->runner.recorded[i]);
    assert_true(app->view.counted);
}

static void check_every_rep_done(const RunLog *log);

/* With the setting on, the pad answers "how is your back?" before the
 * session (right, right: 5 then 6) and after it (right, left: 4),
 * and both scores are in the session's row. */
static void gamepad_rates_the_back_before_and_after_the_session(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, false);
    tracker_settings(app->tracker)->session_pain_ratings = 1;
    SDL_Joystick *js = pad_attach(app, 0x045e, 0x028e);
    Device pad = {js};
    press(app, &pad, PRESS_CONFIRM); /* Today's session */
    assert_true(top_is(app, SCREEN_BACK_PAIN));
    assert_false(app->session_live); /* nothing starts before the answer */
    press(app, &pad, PRESS_RIGHT);
    press(app, &pad, PRESS_RIGHT);
    press(app, &pad, PRESS_CONFIRM); /* the score kept: on to "Save and start" */
    assert_true(top_is(app, SCREEN_BACK_PAIN));
    press(app, &pad, PRESS_CONFIRM);
    RunLog log;
    memset(&log, 0, sizeof log);
    confirm_until_summary(app, &pad, &log);
    check_every_rep_done(&log);
    frames(app, APP_PRESS_GUARD_MS);
    press(app, &pad, PRESS_CONFIRM); /* leaving the summary asks again */
    assert_true(top_is(app, SCREEN_BACK_PAIN));
    press(app, &pad, PRESS_RIGHT);
    press(app, &pad, PRESS_LEFT);
    press(app, &pad, PRESS_CONFIRM);
    press(app, &pad, PRESS_CONFIRM); /* Save */
    assert_true(top_is(app, SCREEN_TITLE));
    int n;
    const SaveSession *rows = tracker_sessions(app->tracker, &n);
    assert_int_equal(n, 1);
    assert_true(rows[0].back_pain_rated[BACK_PAIN_BEFORE]);
    assert_int_equal(rows[0].back_pain[BACK_PAIN_BEFORE], 6);
    assert_true(rows[0].back_pain_rated[BACK_PAIN_AFTER]);
    assert_int_equal(rows[0].back_pain[BACK_PAIN_AFTER], 4);

    /* Off (the default): straight into the workout. */
    tracker_settings(app->tracker)->session_pain_ratings = 0;
    screens_today(app, true);
    assert_true(top_is(app, SCREEN_WORKOUT));
    pad_detach(js);
    done(app);
}

static void check_every_rep_done(const RunLog *log)
{
    /* tiny_hold_1: two reps; tiny_sides_1: one on each side. */
    assert_int_equal(log->count, 2);
    assert_int_equal(log->confirms, 2 + 2 + 2); /* two intros, four reps */
    assert_int_equal(log->results[0].reps_done, 2);
    assert_int_equal(log->results[0].reps_target, 2);
    assert_int_equal(log->results[1].reps_left, 1);
    assert_int_equal(log->results[1].reps_right, 1);
    assert_int_equal(log->results[1].reps_done, 1);
    for (int i = 0; i < log->count; i++) {
        assert_true(log->results[i].finished);
        assert_false(log->results[i].skipped);
        assert_false(log->results[i].pain);
    }
}

static void gamepad_bottom_button_confirms_every_rep_of_todays_session(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, false);
    Device pad = {pad_attach(app, 0, 0)};
    RunLog log;
    run_todays_session(app, &pad, &log);
    check_every_rep_done(&log);
    assert_int_equal(input_shown_device(&app->input), INPUT_DEVICE_PAD);
    assert_int_equal(tracker_streak(app->tracker, app_wall_time(app)).current, 1);
    SDL_JoystickClose(pad.pad);
    done(app);
}

static void gamepad_keyboard_runs_the_same_session(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, false);
    Device keys = {NULL};
    RunLog log;
    run_todays_session(app, &keys, &log);
    check_every_rep_done(&log);
    assert_int_equal(input_shown_device(&app->input), INPUT_DEVICE_KEYBOARD);
    assert_string_equal(input_confirm_label(&app->input), "Enter");
    done(app);
}

/* ------------------------------------------------------------- menus */

/* Title -> level map: pick levels, meet a locked one, go back; title ->
 * calendar and back; the same script for the pad and the keyboard. */
static void drive_the_menus(App *app, const Device *d)
{
    assert_true(top_is(app, SCREEN_TITLE));
    press(app, d, PRESS_DOWN);
    press(app, d, PRESS_DOWN); /* Level map */
    press(app, d, PRESS_CONFIRM);
    assert_true(top_is(app, SCREEN_LEVEL_MAP));
    press(app, d, PRESS_RIGHT); /* Tiny hold level 2: still locked */
    press(app, d, PRESS_CONFIRM);
    assert_string_equal(app->notice, "This level is still locked.");
    press(app, d, PRESS_LEFT);
    press(app, d, PRESS_DOWN); /* Tiny sides, level 1 */
    press(app, d, PRESS_CONFIRM);
    assert_string_equal(app->notice, "Today's Tiny sides: level 1");
    press(app, d, PRESS_UP);
    press(app, d, PRESS_CONFIRM);
    assert_string_equal(app->notice, "Today's Tiny hold: level 1");
    press(app, d, PRESS_BACK);
    assert_true(top_is(app, SCREEN_TITLE));
    press(app, d, PRESS_DOWN); /* focus kept on the title: now Calendar */
    press(app, d, PRESS_CONFIRM);
    assert_true(top_is(app, SCREEN_CALENDAR));
    press(app, d, PRESS_BACK);
    assert_true(top_is(app, SCREEN_TITLE));
    press(app, d, PRESS_UP);
    press(app, d, PRESS_UP); /* Practise one level */
    press(app, d, PRESS_CONFIRM);
    assert_true(top_is(app, SCREEN_LEVEL_MAP));
    press(app, d, PRESS_CONFIRM); /* practise Tiny hold 1 */
    assert_true(top_is(app, SCREEN_WORKOUT));
    assert_string_equal(app_current_item(app)->level->id, "tiny_hold_1");
    press(app, d, PRESS_BACK); /* back pauses a workout */
    assert_true(top_is(app, SCREEN_PAUSE));
    press(app, d, PRESS_DOWN);
    press(app, d, PRESS_DOWN); /* End the session */
    press(app, d, PRESS_CONFIRM);
    frame(app);
    assert_true(top_is(app, SCREEN_SUMMARY));
    frames(app, APP_PRESS_GUARD_MS);
    press(app, d, PRESS_BACK);
    frame(app);
    assert_true(top_is(app, SCREEN_LEVEL_MAP));
    press(app, d, PRESS_BACK);
    assert_true(top_is(app, SCREEN_TITLE));
}

static void gamepad_dpad_drives_the_title_and_the_level_map(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, false);
    Device pad = {pad_attach(app, 0, 0)};
    drive_the_menus(app, &pad);
    SDL_JoystickClose(pad.pad);
    done(app);
}

static void gamepad_keyboard_drives_the_same_menus(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, false);
    Device keys = {NULL};
    drive_the_menus(app, &keys);
    done(app);
}

static void stick(App *app, SDL_Joystick *js, Sint16 y)
{
    SDL_JoystickSetVirtualAxis(js, SDL_CONTROLLER_AXIS_LEFTY, y);
    frame(app);
}

static void gamepad_left_stick_moves_the_focus_past_its_dead_zone(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, false);
    SDL_Joystick *js = pad_attach(app, 0, 0);
    Device pad = {js};
    /* A resting thumb, drift, a light touch: no move however long. */
    stick(app, js, 6000);
    frames(app, 2000);
    stick(app, js, 15000);
    frames(app, 2000);
    stick(app, js, 0);
    /* Two real pushes down: Level map. */
    stick(app, js, 30000);
    stick(app, js, 0);
    stick(app, js, 32767);
    stick(app, js, 0);
    press(app, &pad, PRESS_CONFIRM);
    assert_true(top_is(app, SCREEN_LEVEL_MAP));
    /* Right on the stick: the next level (locked). */
    SDL_JoystickSetVirtualAxis(js, SDL_CONTROLLER_AXIS_LEFTX, 28000);
    frame(app);
    SDL_JoystickSetVirtualAxis(js, SDL_CONTROLLER_AXIS_LEFTX, 0);
    frame(app);
    press(app, &pad, PRESS_CONFIRM);
    assert_string_equal(app->notice, "This level is still locked.");
    SDL_JoystickClose(js);
    done(app);
}

/* Held down for 700 ms of virtual time: one move at once, then repeats at
 * 400, 525 and 650 ms: four moves in all, from Today's session to
 * Settings. */
static void gamepad_held_dpad_repeats_menu_moves_on_the_clock(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, false);
    SDL_Joystick *js = pad_attach(app, 0, 0);
    Device pad = {js};
    SDL_JoystickSetVirtualButton(js, SDL_CONTROLLER_BUTTON_DPAD_DOWN, SDL_PRESSED);
    frame(app);
    assert_true(input_busy(&app->input));
    frames(app, INPUT_REPEAT_DELAY_MS + 2 * INPUT_REPEAT_MS + 40);
    SDL_JoystickSetVirtualButton(js, SDL_CONTROLLER_BUTTON_DPAD_DOWN, SDL_RELEASED);
    frame(app);
    frames(app, 2000); /* let go: no more moves */
    press(app, &pad, PRESS_CONFIRM);
    assert_true(top_is(app, SCREEN_SETTINGS));
    SDL_JoystickClose(js);
    done(app);
}

/* ------------------------------------------------- hold-to-confirm */

/* Confirm pressed in the move and kept down through the hold counts the
 * rep with no wait; letting go half-way through the next hold is noticed
 * kindly, and that rep counts too. */
static void hold_through_and_let_go_early(App *app, const Device *d)
{
    press(app, d, PRESS_CONFIRM); /* Today's session */
    press(app, d, PRESS_CONFIRM); /* past the setup */
    for (int rep = 0; rep < 2; rep++) {
        for (int i = 0; i < 2000 && app->session->phase != PHASE_MOVE; i++)
            frame(app);
        assert_int_equal(app->session->phase, PHASE_MOVE);
        device_down(d, PRESS_CONFIRM, true);
        frame(app);
        for (int i = 0; i < 2000 && app->session->phase != PHASE_HOLD; i++)
            frame(app);
        assert_true(app->hold_watch.holding);
        if (rep == 0) {
            while (app->session->phase == PHASE_HOLD)
                frame(app);
            device_down(d, PRESS_CONFIRM, false);
            frame(app);
            assert_null(strstr(app->view.caption, "let go"));
        } else {
            frames(app, 400); /* of a one-second hold */
            device_down(d, PRESS_CONFIRM, false);
            frame(app);
            assert_non_null(strstr(app->view.caption, "You let go a little early. That's all right, the rep counts."));
        }
    }
    for (int i = 0; i < 3000 && app->session->exercise == 0; i++) {
        assert_int_not_equal(app->session->phase, PHASE_WAIT_CONFIRM); /* both were confirmed */
        frame(app);
    }
    assert_int_equal(app->session->results[0].reps_done, 2);
    assert_true(app->session->results[0].finished);
    assert_false(app->session->results[0].pain);
}

static void gamepad_hold_to_confirm_through_the_hold(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, true);
    Device pad = {pad_attach(app, 0, 0)};
    hold_through_and_let_go_early(app, &pad);
    SDL_JoystickClose(pad.pad);
    done(app);
}

static void gamepad_keyboard_holds_to_confirm_the_same_way(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, false);
    Device keys = {NULL};
    hold_through_and_let_go_early(app, &keys);
    done(app);
}

/* ------------------------------------------------------------ unplug */

static void gamepad_unplugging_mid_rep_pauses_and_a_pad_plugged_back_resumes(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, true); /* with audio: the news is said too */
    SDL_Joystick *js = pad_attach(app, 0x054c, 0x09cc); /* a PlayStation pad */
    Device pad = {js};
    press(app, &pad, PRESS_CONFIRM);
    press(app, &pad, PRESS_CONFIRM); /* past the setup */
    for (int i = 0; i < 2000 && app->session->phase != PHASE_HOLD; i++)
        frame(app);
    assert_int_equal(app->session->phase, PHASE_HOLD);
    assert_string_equal(input_label(&app->input, INPUT_CONTROL_PAIN), "Triangle");

    pad_detach(js);
    frame(app);
    /* Paused at once, the hold frozen where it was. */
    assert_true(app->session->paused);
    assert_true(app->input.active_lost);
    assert_string_equal(app->notice, "Controller disconnected");
    assert_non_null(strstr(app->view.caption, "The controller was unplugged, so the session is paused."));
    assert_non_null(strstr(app->view.caption, "press Options to go on"));
    frame(app);
    assert_true(top_is(app, SCREEN_PAUSE));
    int64_t deadline = app->session->deadline_ms;
    int64_t left = session_phase_remaining(app->session, app->now_ms);
    frames(app, 5000);
    assert_int_equal(app->session->phase, PHASE_HOLD);
    assert_int_equal(session_phase_remaining(app->session, app->now_ms), left);
    assert_true(top_is(app, SCREEN_PAUSE));
    /* The overlay says so, inside the safe area. */
    const TextRecord *rec;
    int n = text_records(app->text, &rec);
    assert_true(n > 4);
    for (int i = 0; i < n; i++)
        assert_true(rect_contains(app->layout.safe, rec[i].rect));

    /* Plugged back in: a new pad to SDL, which Start makes the active one. */
    js = pad_attach(app, 0x054c, 0x09cc);
    pad.pad = js;
    assert_non_null(strstr(app->notice, "Gamepad ready"));
    assert_true(app->session->paused); /* nothing moves until asked */
    press(app, &pad, PRESS_PAUSE);
    assert_false(app->session->paused);
    assert_false(app->input.active_lost);
    assert_int_equal(app->input.active_id, SDL_JoystickInstanceID(js));
    assert_true(app->session->deadline_ms >= deadline + 5000);
    frame(app);
    assert_true(top_is(app, SCREEN_WORKOUT));

    /* And the rest of the level with the new pad. */
    for (int i = 0; i < 20000 && !top_is(app, SCREEN_SUMMARY); i++) {
        if (app->session->phase == PHASE_INTRO || app->session->phase == PHASE_WAIT_CONFIRM)
            press(app, &pad, PRESS_CONFIRM);
        else
            frame(app);
    }
    assert_true(top_is(app, SCREEN_SUMMARY));
    assert_int_equal(app->session->results[0].reps_done, 2);
    assert_int_equal(app->session->results[1].reps_left, 1);
    assert_int_equal(app->session->results[1].reps_right, 1);
    SDL_JoystickClose(js);
    done(app);
}

/* A second pad that goes away, or one unplugged in a menu, pauses nothing. */
static void gamepad_unplugging_another_pad_does_not_pause(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, false);
    SDL_Joystick *mine = pad_attach(app, 0, 0);
    SDL_Joystick *other = pad_attach(app, 0, 0);
    Device pad = {mine};
    press(app, &pad, PRESS_CONFIRM);
    assert_true(top_is(app, SCREEN_WORKOUT));
    pad_detach(other);
    frames(app, 100);
    assert_false(app->session->paused);
    assert_false(app->input.active_lost);
    assert_true(top_is(app, SCREEN_WORKOUT));
    SDL_JoystickClose(mine);
    done(app);
}

/* ---------------------------------------------------- swap, pain, help */

static void gamepad_swap_setting_swaps_confirm_and_back(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, false);
    SDL_Joystick *js = pad_attach(app, 0, 0);
    Device pad = {js};
    for (int i = 0; i < 4; i++)
        press(app, &pad, PRESS_DOWN); /* Settings */
    press(app, &pad, PRESS_CONFIRM);
    assert_true(top_is(app, SCREEN_SETTINGS));
    /* Down to the "Gamepad buttons" row, wherever the table puts it. */
    for (int i = 0; i < settings_count() && strcmp(settings_name(i), "swap_confirm_back"); i++)
        press(app, &pad, PRESS_DOWN);
    press(app, &pad, PRESS_RIGHT);
    assert_int_equal(tracker_settings(app->tracker)->swap_confirm_back, 1);
    assert_true(app->input.swap_confirm_back);
    assert_string_equal(input_confirm_label(&app->input), "B");
    /* The bottom button now goes back, the right one chooses. */
    press(app, &pad, PRESS_CONFIRM); /* bottom */
    assert_true(top_is(app, SCREEN_TITLE));
    press(app, &pad, PRESS_BACK); /* right: choose Settings again */
    assert_true(top_is(app, SCREEN_SETTINGS));
    /* The keyboard is never swapped. */
    Device keys = {NULL};
    press(app, &keys, PRESS_BACK);
    assert_true(top_is(app, SCREEN_TITLE));
    SDL_JoystickClose(js);
    done(app);
}

static void gamepad_top_button_stops_the_exercise_for_pain(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, false);
    SDL_Joystick *js = pad_attach(app, 0x057e, 0x2009); /* a Nintendo pad */
    Device pad = {js};
    press(app, &pad, PRESS_CONFIRM);
    press(app, &pad, PRESS_CONFIRM);
    for (int i = 0; i < 2000 && app->session->phase != PHASE_MOVE; i++)
        frame(app);
    /* The workout's pain pill names the top button as printed: X. */
    assert_string_equal(input_label(&app->input, INPUT_CONTROL_PAIN), "X");
    device_down(&pad, PRESS_PAIN, true);
    frame(app);
    assert_true(app->session->results[0].pain);
    assert_int_equal(app->session->phase, PHASE_PAIN_CHECK);
    assert_true(top_is(app, SCREEN_PAIN));
    device_down(&pad, PRESS_PAIN, false);
    frame(app);
    SDL_JoystickClose(js);
    done(app);
}

static void gamepad_hold_back_shows_the_controls_and_a_tap_skips(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o, false);
    SDL_Joystick *js = pad_attach(app, 0x045e, 0x02ea); /* an Xbox pad */
    Device pad = {js};
    press(app, &pad, PRESS_CONFIRM);
    assert_true(top_is(app, SCREEN_WORKOUT));
    /* A tap on View skips the first exercise. */
    SDL_JoystickSetVirtualButton(js, SDL_CONTROLLER_BUTTON_BACK, SDL_PRESSED);
    frames(app, 200);
    SDL_JoystickSetVirtualButton(js, SDL_CONTROLLER_BUTTON_BACK, SDL_RELEASED);
    frame(app);
    assert_true(app->session->results[0].skipped);
    assert_int_equal(app->session->exercise, 1);
    press(app, &pad, PRESS_CONFIRM); /* past the second one's setup */
    assert_int_equal(app->session->phase, PHASE_GET_READY);

    /* Holding it brings the controls over the workout, which waits. */
    SDL_JoystickSetVirtualButton(js, SDL_CONTROLLER_BUTTON_BACK, SDL_PRESSED);
    frames(app, INPUT_HOLD_HELP_MS + 20);
    assert_true(top_is(app, SCREEN_HELP));
    assert_true(app->session->paused);
    SDL_JoystickSetVirtualButton(js, SDL_CONTROLLER_BUTTON_BACK, SDL_RELEASED);
    frame(app);
    assert_true(top_is(app, SCREEN_HELP)); /* letting go is not a skip */
    assert_false(app->session->results[1].skipped);
    assert_string_equal(input_label(&app->input, INPUT_CONTROL_HELP), "Hold View");
    const TextRecord *rec;
    int n = text_records(app->text, &rec);
    assert_true(n >= 2 * INPUT_CONTROL_COUNT + 2);
    for (int i = 0; i < n; i++)
        assert_true(rect_contains(app->layout.safe, rec[i].rect));
    /* Closed with Start: the workout goes on where it was. */
    press(app, &pad, PRESS_PAUSE);
    frame(app);
    assert_false(app->session->paused);
    assert_true(top_is(app, SCREEN_WORKOUT));

    /* F1 on the keyboard does the same, and B closes it. */
    Device keys = {NULL};
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = SDLK_F1;
    SDL_PushEvent(&e);
    frame(app);
    assert_true(top_is(app, SCREEN_HELP));
    assert_int_equal(input_shown_device(&app->input), INPUT_DEVICE_KEYBOARD);
    press(app, &keys, PRESS_BACK);
    frame(app);
    assert_true(top_is(app, SCREEN_PAUSE)); /* still paused: resume is asked */
    press(app, &pad, PRESS_PAUSE);
    assert_false(app->session->paused);
    SDL_JoystickClose(js);
    done(app);
}

/* A plain joystick SDL does not know, described by a gamecontrollerdb.txt
 * in the data folder: a gamepad from the start. */
static void gamepad_mappings_in_the_data_folder_are_read_at_start(void **state)
{
    (void)state;
    input_set_hints();
    assert_int_equal(SDL_Init(SDL_INIT_JOYSTICK), 0);
    SDL_VirtualJoystickDesc desc;
    memset(&desc, 0, sizeof desc);
    desc.version = SDL_VIRTUAL_JOYSTICK_DESC_VERSION;
    desc.type = SDL_JOYSTICK_TYPE_UNKNOWN;
    desc.naxes = 2;
    desc.nbuttons = 8;
    desc.vendor_id = 0x1111;
    desc.product_id = 0x2222;
    desc.name = "corequest test stick";
    int index = SDL_JoystickAttachVirtualEx(&desc);
    assert_true(index >= 0);
    char guid[64];
    SDL_JoystickGetGUIDString(SDL_JoystickGetDeviceGUID(index), guid, sizeof guid);
    assert_false(SDL_IsGameController(index));

    char dir[600];
    snprintf(dir, sizeof dir, "%s/gamepad_window_db", TEST_OUT_DIR);
    mkdir(TEST_OUT_DIR, 0755);
    mkdir(dir, 0755);
    char path[700];
    snprintf(path, sizeof path, "%s/gamecontrollerdb.txt", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "%s,corequest test stick,a:b3,b:b2,y:b0,start:b4,back:b5,leftx:a0,lefty:a1,"
               "platform:Linux,\n", guid);
    fclose(f);

    Options o;
    App *app = make_app_in(&o, false, dir);
    assert_int_equal(input_pad_count(&app->input), 1);
    SDL_Joystick *js = SDL_JoystickOpen(index);
    assert_non_null(js);
    frame(app);
    SDL_JoystickSetVirtualButton(js, 3, SDL_PRESSED); /* "a" in the file */
    frame(app);
    assert_true(top_is(app, SCREEN_WORKOUT));
    SDL_JoystickClose(js);
    done(app);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gamepad_bottom_button_confirms_every_rep_of_todays_session),
        cmocka_unit_test(gamepad_keyboard_runs_the_same_session),
        cmocka_unit_test(gamepad_rates_the_back_before_and_after_the_session),
        cmocka_unit_test(gamepad_dpad_drives_the_title_and_the_level_map),
        cmocka_unit_test(gamepad_keyboard_drives_the_same_menus),
        cmocka_unit_test(gamepad_left_stick_moves_the_focus_past_its_dead_zone),
        cmocka_unit_test(gamepad_held_dpad_repeats_menu_moves_on_the_clock),
        cmocka_unit_test(gamepad_unplugging_mid_rep_pauses_and_a_pad_plugged_back_resumes),
        cmocka_unit_test(gamepad_unplugging_another_pad_does_not_pause),
        cmocka_unit_test(gamepad_swap_setting_swaps_confirm_and_back),
        cmocka_unit_test(gamepad_top_button_stops_the_exercise_for_pain),
        cmocka_unit_test(gamepad_hold_back_shows_the_controls_and_a_tap_skips),
        cmocka_unit_test(gamepad_mappings_in_the_data_folder_are_read_at_start),
        cmocka_unit_test(gamepad_hold_to_confirm_through_the_hold),
        cmocka_unit_test(gamepad_keyboard_holds_to_confirm_the_same_way),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
