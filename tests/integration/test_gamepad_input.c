/* test_gamepad_input.c: the input module on its own: button names for each
 * family of pad, the stick's dead zone, repeats and long presses timed on
 * the owner's clock, the active pad, and controller mappings from
 * gamecontrollerdb.txt and from SDL_GAMECONTROLLERCONFIG. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <SDL.h>

#include "input.h"
#include "test_support.h"
#include "test_support_app.h"

/* ------------------------------------------------------------ helpers */

static SDL_Event button_event(Uint32 type, SDL_JoystickID which, Uint8 b)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = type;
    e.cbutton.which = which;
    e.cbutton.button = b;
    e.cbutton.state = type == SDL_CONTROLLERBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    return e;
}

static SDL_Event axis_event(Uint8 axis, Sint16 value)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_CONTROLLERAXISMOTION;
    e.caxis.axis = axis;
    e.caxis.value = value;
    return e;
}

static SDL_Event key_event(SDL_Keycode sym)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = sym;
    return e;
}

/* Translates at a clock value, as a shell would. */
static bool feed(Input *in, int64_t at_ms, SDL_Event e, InputEvent *out)
{
    input_set_clock(in, at_ms);
    return input_translate(in, &e, out);
}

/* How many menu moves input_tick gives between from_ms and to_ms, looked
 * at every step_ms (a frame). */
static int repeats_between(Input *in, int64_t from_ms, int64_t to_ms, int step_ms, Nav want)
{
    int n = 0;
    InputEvent ev;
    for (int64_t t = from_ms;; t += step_ms) {
        if (t > to_ms)
            t = to_ms; /* the last look is at to_ms exactly */
        while (input_tick(in, t, &ev)) {
            assert_int_equal(ev.nav, want);
            n++;
        }
        if (t == to_ms)
            return n;
    }
}

static void drain(Input *in)
{
    SDL_Event e;
    InputEvent ev;
    while (SDL_PollEvent(&e))
        input_translate(in, &e, &ev);
}

static void write_file(const char *dir, const char *text)
{
    char path[700];
    int n = snprintf(path, sizeof path, "%s/gamecontrollerdb.txt", dir);
    assert_true(n > 0 && (size_t)n < sizeof path);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* A plain joystick (not a gamepad to SDL) and its GUID as text. */
static void generic_stick_guid(char *guid, size_t size)
{
    assert_int_equal(SDL_Init(SDL_INIT_JOYSTICK), 0);
    int index = test_pad_attach_virtual(SDL_JOYSTICK_TYPE_UNKNOWN, 0x1111, 0x2222, "corequest test stick");
    SDL_JoystickGetGUIDString(SDL_JoystickGetDeviceGUID(index), guid, (int)size);
    SDL_Quit();
}

/* ----------------------------------------------------------- names */

static void gamepad_button_names_follow_each_family_by_position(void **state)
{
    (void)state;
    /* Xbox: letters as printed; the newer pads call Start "Menu". */
    assert_string_equal(input_pad_button_name(SDL_CONTROLLER_TYPE_XBOXONE, SDL_CONTROLLER_BUTTON_A), "A");
    assert_string_equal(input_pad_button_name(SDL_CONTROLLER_TYPE_XBOXONE, SDL_CONTROLLER_BUTTON_Y), "Y");
    assert_string_equal(input_pad_button_name(SDL_CONTROLLER_TYPE_XBOXONE, SDL_CONTROLLER_BUTTON_START), "Menu");
    assert_string_equal(input_pad_button_name(SDL_CONTROLLER_TYPE_XBOXONE, SDL_CONTROLLER_BUTTON_BACK), "View");
    assert_string_equal(input_pad_button_name(SDL_CONTROLLER_TYPE_XBOX360, SDL_CONTROLLER_BUTTON_START), "Start");
    /* PlayStation: shapes. */
    assert_string_equal(input_pad_button_name(SDL_CONTROLLER_TYPE_PS4, SDL_CONTROLLER_BUTTON_A), "Cross");
    assert_string_equal(input_pad_button_name(SDL_CONTROLLER_TYPE_PS4, SDL_CONTROLLER_BUTTON_B), "Circle");
    assert_string_equal(input_pad_button_name(SDL_CONTROLLER_TYPE_PS4, SDL_CONTROLLER_BUTTON_Y), "Triangle");
    assert_string_equal(input_pad_button_name(SDL_CONTROLLER_TYPE_PS4, SDL_CONTROLLER_BUTTON_START), "Options");
    assert_string_equal(input_pad_button_name(SDL_CONTROLLER_TYPE_PS5, SDL_CONTROLLER_BUTTON_BACK), "Create");
    assert_string_equal(input_pad_button_name(SDL_CONTROLLER_TYPE_PS3, SDL_CONTROLLER_BUTTON_BACK), "Select");
    /* Nintendo with labels off: the bottom button is printed B, the right
     * one A, the top one X. */
    SDL_GameControllerType ns = SDL_CONTROLLER_TYPE_NINTENDO_SWITCH_PRO;
    assert_string_equal(input_pad_button_name(ns, SDL_CONTROLLER_BUTTON_A), "B");
    assert_string_equal(input_pad_button_name(ns, SDL_CONTROLLER_BUTTON_B), "A");
    assert_string_equal(input_pad_button_name(ns, SDL_CONTROLLER_BUTTON_X), "Y");
    assert_string_equal(input_pad_button_name(ns, SDL_CONTROLLER_BUTTON_Y), "X");
    assert_string_equal(input_pad_button_name(ns, SDL_CONTROLLER_BUTTON_START), "Plus");
    assert_string_equal(input_pad_button_name(SDL_CONTROLLER_TYPE_NINTENDO_SWITCH_JOYCON_PAIR,
                                              SDL_CONTROLLER_BUTTON_A), "B");
    /* Anything else: the common letters. */
    assert_string_equal(input_pad_button_name(SDL_CONTROLLER_TYPE_UNKNOWN, SDL_CONTROLLER_BUTTON_A), "A");
    assert_string_equal(input_pad_family(SDL_CONTROLLER_TYPE_VIRTUAL), "gamepad");
    assert_string_equal(input_pad_family(SDL_CONTROLLER_TYPE_PS5), "PlayStation");
    assert_string_equal(input_pad_button_position(SDL_CONTROLLER_BUTTON_A), "bottom");
    assert_string_equal(input_pad_button_position(SDL_CONTROLLER_BUTTON_Y), "top");
    assert_null(input_pad_button_position(SDL_CONTROLLER_BUTTON_START));
}

/* Real virtual pads that SDL takes for each family (by USB ids): the hints
 * name the pad pressed last, and the keyboard once it is used. */
static void gamepad_hints_name_the_buttons_of_the_pad_used_last(void **state)
{
    (void)state;
    input_set_hints();
    assert_int_equal(SDL_Init(SDL_INIT_GAMECONTROLLER | SDL_INIT_EVENTS), 0);
    int ps4 = test_pad_attach_virtual(SDL_JOYSTICK_TYPE_GAMECONTROLLER, 0x054c, 0x09cc, "test PS4 pad");
    int sw = test_pad_attach_virtual(SDL_JOYSTICK_TYPE_GAMECONTROLLER, 0x057e, 0x2009, "test Switch pad");
    int xb = test_pad_attach_virtual(SDL_JOYSTICK_TYPE_GAMECONTROLLER, 0x045e, 0x02ea, "test Xbox pad");
    Input in;
    input_open(&in);
    drain(&in);
    assert_int_equal(input_pad_count(&in), 3);
    /* Before any press, with pads in: both names. */
    assert_int_equal(input_shown_device(&in), INPUT_DEVICE_PAD);
    assert_non_null(strstr(input_confirm_label(&in), "Enter / "));

    struct {
        int index;
        const char *confirm, *back, *pain, *pause, *skip, *help;
    } pads[] = {
        {ps4, "Cross", "Circle", "Triangle", "Options", "Share", "Hold Share"},
        {sw, "B", "A", "X", "Plus", "Minus", "Hold Minus"},
        {xb, "A", "B", "Y", "Menu", "View", "Hold View"},
    };
    InputEvent ev;
    for (size_t i = 0; i < sizeof pads / sizeof pads[0]; i++) {
        SDL_JoystickID id = SDL_JoystickGetDeviceInstanceID(pads[i].index);
        assert_true(feed(&in, 0, button_event(SDL_CONTROLLERBUTTONDOWN, id, SDL_CONTROLLER_BUTTON_A), &ev));
        assert_int_equal(ev.action, ACTION_CONFIRM);
        assert_string_equal(input_label(&in, INPUT_CONTROL_CONFIRM), pads[i].confirm);
        assert_string_equal(input_label(&in, INPUT_CONTROL_BACK), pads[i].back);
        assert_string_equal(input_label(&in, INPUT_CONTROL_PAIN), pads[i].pain);
        assert_string_equal(input_label(&in, INPUT_CONTROL_PAUSE), pads[i].pause);
        assert_string_equal(input_label(&in, INPUT_CONTROL_SKIP), pads[i].skip);
        assert_string_equal(input_label(&in, INPUT_CONTROL_HELP), pads[i].help);
    }
    /* The first pad pressed stays the active one. */
    assert_int_equal(in.active_id, SDL_JoystickGetDeviceInstanceID(ps4));

    char said[512];
    input_spoken_pain_button(&in, said, sizeof said);
    assert_string_equal(said, "Y, the top button");
    input_spoken_pad_controls(&in, said, sizeof said);
    assert_non_null(strstr(said, "On this Xbox pad: A, the bottom button, confirms."));
    assert_non_null(strstr(said, "Menu pauses"));

    /* Swapped, a Nintendo pad confirms with its right button, printed A. */
    input_set_swap(&in, true);
    SDL_JoystickID sw_id = SDL_JoystickGetDeviceInstanceID(sw);
    assert_true(feed(&in, 0, button_event(SDL_CONTROLLERBUTTONDOWN, sw_id, SDL_CONTROLLER_BUTTON_B), &ev));
    assert_int_equal(ev.action, ACTION_CONFIRM);
    assert_string_equal(input_label(&in, INPUT_CONTROL_CONFIRM), "A");
    assert_string_equal(input_label(&in, INPUT_CONTROL_BACK), "B");
    input_spoken_pad_controls(&in, said, sizeof said);
    assert_non_null(strstr(said, "On this Nintendo pad: A, the right button, confirms."));
    assert_non_null(strstr(said, "The pain button is X, the top button"));

    /* The keyboard, once used, is what the hints speak of. */
    assert_true(feed(&in, 0, key_event(SDLK_DOWN), &ev));
    assert_int_equal(input_shown_device(&in), INPUT_DEVICE_KEYBOARD);
    assert_string_equal(input_confirm_label(&in), "Enter");
    assert_string_equal(input_label(&in, INPUT_CONTROL_PAIN), "X");
    assert_string_equal(input_label(&in, INPUT_CONTROL_HELP), "F1");
    input_close(&in);
    SDL_Quit();
}

/* ------------------------------------------------------- the stick */

static void gamepad_stick_inside_the_dead_zone_does_nothing(void **state)
{
    (void)state;
    Input in;
    input_open(&in);
    InputEvent ev;
    /* Drift and a light touch, in every direction, at any clock. */
    static const Sint16 small[] = {3000, -3000, 8000, -8000, 15000, -15000, INPUT_STICK_ON - 1};
    for (size_t i = 0; i < sizeof small / sizeof small[0]; i++) {
        assert_false(feed(&in, (int64_t)i * 100, axis_event(SDL_CONTROLLER_AXIS_LEFTX, small[i]), &ev));
        assert_false(feed(&in, (int64_t)i * 100, axis_event(SDL_CONTROLLER_AXIS_LEFTY, small[i]), &ev));
    }
    assert_int_equal(repeats_between(&in, 0, 5000, 10, NAV_NONE), 0);
    assert_false(input_busy(&in));
    /* A real push moves once; easing off to the middle ground keeps it
     * held without a second move; letting go ends it. */
    assert_true(feed(&in, 6000, axis_event(SDL_CONTROLLER_AXIS_LEFTX, 26000), &ev));
    assert_int_equal(ev.nav, NAV_RIGHT);
    assert_true(ev.from_pad);
    assert_false(feed(&in, 6010, axis_event(SDL_CONTROLLER_AXIS_LEFTX, 14000), &ev));
    assert_true(input_busy(&in));
    assert_false(feed(&in, 6020, axis_event(SDL_CONTROLLER_AXIS_LEFTX, 9000), &ev));
    assert_false(input_busy(&in));
    /* The other trigger and the right stick are not menu moves. */
    assert_false(feed(&in, 6030, axis_event(SDL_CONTROLLER_AXIS_RIGHTY, 32767), &ev));
    assert_false(feed(&in, 6030, axis_event(SDL_CONTROLLER_AXIS_TRIGGERLEFT, 32767), &ev));
    input_close(&in);
}

/* --------------------------------------------------------- repeats */

static void gamepad_held_dpad_repeats_after_a_delay_on_the_clock(void **state)
{
    (void)state;
    Input in;
    input_open(&in);
    InputEvent ev;
    assert_true(feed(&in, 1000, button_event(SDL_CONTROLLERBUTTONDOWN, 0, SDL_CONTROLLER_BUTTON_DPAD_DOWN), &ev));
    assert_int_equal(ev.nav, NAV_DOWN);
    /* Nothing before the delay, whatever the frame rate... */
    assert_int_equal(repeats_between(&in, 1000, 1000 + INPUT_REPEAT_DELAY_MS - 1, 1, NAV_DOWN), 0);
    /* ...then one at the delay and one every interval. */
    assert_int_equal(repeats_between(&in, 1000 + INPUT_REPEAT_DELAY_MS, 1000 + INPUT_REPEAT_DELAY_MS, 1, NAV_DOWN), 1);
    assert_int_equal(repeats_between(&in, 1000 + INPUT_REPEAT_DELAY_MS + 1,
                                     1000 + INPUT_REPEAT_DELAY_MS + 4 * INPUT_REPEAT_MS, 7, NAV_DOWN), 4);
    /* A stalled frame brings one move, not a burst. */
    int64_t late = 1000 + INPUT_REPEAT_DELAY_MS + 20 * INPUT_REPEAT_MS;
    assert_int_equal(repeats_between(&in, late, late, 1, NAV_DOWN), 1);
    assert_false(feed(&in, late + 5, button_event(SDL_CONTROLLERBUTTONUP, 0, SDL_CONTROLLER_BUTTON_DPAD_DOWN), &ev));
    assert_int_equal(repeats_between(&in, late + 5, late + 5000, 10, NAV_NONE), 0);
    assert_false(input_busy(&in));

    /* The same pace with the stick held. */
    assert_true(feed(&in, 20000, axis_event(SDL_CONTROLLER_AXIS_LEFTY, -30000), &ev));
    assert_int_equal(ev.nav, NAV_UP);
    assert_int_equal(repeats_between(&in, 20000, 20000 + INPUT_REPEAT_DELAY_MS + INPUT_REPEAT_MS, 16, NAV_UP), 2);
    assert_false(feed(&in, 21000, axis_event(SDL_CONTROLLER_AXIS_LEFTY, 0), &ev));
    assert_false(input_busy(&in));
    input_close(&in);
}

static void gamepad_back_tap_skips_and_a_long_hold_asks_for_help(void **state)
{
    (void)state;
    Input in;
    input_open(&in);
    InputEvent ev;
    assert_false(feed(&in, 100, button_event(SDL_CONTROLLERBUTTONDOWN, 0, SDL_CONTROLLER_BUTTON_BACK), &ev));
    assert_true(input_busy(&in));
    assert_false(input_tick(&in, 300, &ev));
    assert_true(feed(&in, 300, button_event(SDL_CONTROLLERBUTTONUP, 0, SDL_CONTROLLER_BUTTON_BACK), &ev));
    assert_int_equal(ev.action, ACTION_SKIP);
    assert_false(ev.help);

    assert_false(feed(&in, 1000, button_event(SDL_CONTROLLERBUTTONDOWN, 0, SDL_CONTROLLER_BUTTON_BACK), &ev));
    assert_false(input_tick(&in, 1000 + INPUT_HOLD_HELP_MS - 1, &ev));
    assert_true(input_tick(&in, 1000 + INPUT_HOLD_HELP_MS, &ev));
    assert_true(ev.help);
    assert_int_equal(ev.action, ACTION_NONE);
    assert_false(input_tick(&in, 5000, &ev)); /* once per hold */
    assert_false(feed(&in, 5000, button_event(SDL_CONTROLLERBUTTONUP, 0, SDL_CONTROLLER_BUTTON_BACK), &ev));

    /* F1 and H on the keyboard. */
    assert_true(feed(&in, 6000, key_event(SDLK_F1), &ev));
    assert_true(ev.help);
    assert_true(feed(&in, 6000, key_event(SDLK_h), &ev));
    assert_true(ev.help);
    input_close(&in);
}

/* ------------------------------------------------- hold-to-confirm */

/* A session as far as the watch looks at it: a hold from 1000 to 6000. */
static Session hold_session(Phase phase)
{
    Session s;
    memset(&s, 0, sizeof s);
    s.config = session_config_default();
    s.config.mode = MODE_CONFIRM;
    s.phase = phase;
    s.phase_start_ms = 1000;
    s.deadline_ms = 6000;
    return s;
}

static void gamepad_letting_go_early_in_a_hold_is_noticed_once(void **state)
{
    (void)state;
    Input in;
    input_open(&in);
    InputHoldWatch w;
    input_hold_watch_reset(&w);
    InputEvent ev;
    Session move = hold_session(PHASE_MOVE), hold = hold_session(PHASE_HOLD);

    /* Down during the move, kept down to the end: nothing to say. */
    feed(&in, 500, button_event(SDL_CONTROLLERBUTTONDOWN, 0, SDL_CONTROLLER_BUTTON_A), &ev);
    assert_false(input_hold_watch_step(&w, &in, &move, 500));
    assert_false(input_hold_watch_step(&w, &in, &hold, 1000));
    assert_true(w.holding);
    feed(&in, 5800, button_event(SDL_CONTROLLERBUTTONUP, 0, SDL_CONTROLLER_BUTTON_A), &ev);
    assert_false(input_hold_watch_step(&w, &in, &hold, 5800)); /* within the grace */

    /* The next rep's hold, let go at half-way: said. */
    hold.phase_start_ms = 11000;
    hold.deadline_ms = 16000;
    feed(&in, 10500, key_event(SDLK_SPACE), &ev); /* the keyboard holds too */
    assert_false(input_hold_watch_step(&w, &in, &hold, 11000));
    SDL_Event up = key_event(SDLK_SPACE);
    up.type = SDL_KEYUP;
    feed(&in, 13500, up, &ev);
    /* Seen a frame late, after the hold ended: still early by its time. */
    Session relax = hold_session(PHASE_RELAX);
    assert_true(input_hold_watch_step(&w, &in, &relax, 16010));

    /* Once an exercise: the third time is not said again... */
    hold.phase_start_ms = 21000;
    hold.deadline_ms = 26000;
    feed(&in, 20500, button_event(SDL_CONTROLLERBUTTONDOWN, 0, SDL_CONTROLLER_BUTTON_A), &ev);
    assert_false(input_hold_watch_step(&w, &in, &hold, 21000));
    feed(&in, 22000, button_event(SDL_CONTROLLERBUTTONUP, 0, SDL_CONTROLLER_BUTTON_A), &ev);
    assert_false(input_hold_watch_step(&w, &in, &hold, 22000));
    /* ...but in the next exercise it is. */
    hold.exercise = 1;
    hold.phase_start_ms = 31000;
    hold.deadline_ms = 36000;
    feed(&in, 30500, button_event(SDL_CONTROLLERBUTTONDOWN, 0, SDL_CONTROLLER_BUTTON_A), &ev);
    assert_false(input_hold_watch_step(&w, &in, &hold, 31000));
    feed(&in, 32000, button_event(SDL_CONTROLLERBUTTONUP, 0, SDL_CONTROLLER_BUTTON_A), &ev);
    assert_true(input_hold_watch_step(&w, &in, &hold, 32000));
    input_close(&in);
}

static void gamepad_taps_and_pauses_are_not_letting_go(void **state)
{
    (void)state;
    Input in;
    input_open(&in);
    InputHoldWatch w;
    input_hold_watch_reset(&w);
    InputEvent ev;
    Session move = hold_session(PHASE_MOVE), hold = hold_session(PHASE_HOLD);
    /* A tap during the move. */
    feed(&in, 500, button_event(SDL_CONTROLLERBUTTONDOWN, 0, SDL_CONTROLLER_BUTTON_A), &ev);
    feed(&in, 600, button_event(SDL_CONTROLLERBUTTONUP, 0, SDL_CONTROLLER_BUTTON_A), &ev);
    assert_false(input_hold_watch_step(&w, &in, &move, 600));
    assert_false(input_hold_watch_step(&w, &in, &hold, 1000));
    assert_false(w.holding);
    /* A press late in the hold is a tap too. */
    feed(&in, 1000 + INPUT_HOLD_JOIN_MS + 500, button_event(SDL_CONTROLLERBUTTONDOWN, 0, SDL_CONTROLLER_BUTTON_A), &ev);
    assert_false(input_hold_watch_step(&w, &in, &hold, 1000 + INPUT_HOLD_JOIN_MS + 500));
    feed(&in, 4000, button_event(SDL_CONTROLLERBUTTONUP, 0, SDL_CONTROLLER_BUTTON_A), &ev);
    assert_false(input_hold_watch_step(&w, &in, &hold, 4000));
    /* Held, then the session paused: letting go then is fine. */
    hold.phase_start_ms = 11000;
    hold.deadline_ms = 16000;
    feed(&in, 10500, button_event(SDL_CONTROLLERBUTTONDOWN, 0, SDL_CONTROLLER_BUTTON_A), &ev);
    assert_false(input_hold_watch_step(&w, &in, &hold, 11000));
    hold.paused = true;
    assert_false(input_hold_watch_step(&w, &in, &hold, 12000));
    feed(&in, 12100, button_event(SDL_CONTROLLERBUTTONUP, 0, SDL_CONTROLLER_BUTTON_A), &ev);
    hold.paused = false;
    assert_false(input_hold_watch_step(&w, &in, &hold, 20000));
    /* Tempo mode has no confirm to hold. */
    Session tempo = hold_session(PHASE_HOLD);
    tempo.config.mode = MODE_TEMPO;
    tempo.phase_start_ms = 30000;
    tempo.deadline_ms = 35000;
    feed(&in, 30000, button_event(SDL_CONTROLLERBUTTONDOWN, 0, SDL_CONTROLLER_BUTTON_A), &ev);
    assert_false(input_hold_watch_step(&w, &in, &tempo, 30000));
    feed(&in, 31000, button_event(SDL_CONTROLLERBUTTONUP, 0, SDL_CONTROLLER_BUTTON_A), &ev);
    assert_false(input_hold_watch_step(&w, &in, &tempo, 31000));
    input_close(&in);
}

/* Let go and the pain button in one frame: the exercise stopped for pain,
 * so nothing is said about holding on (never a push after a pain stop). */
static void gamepad_letting_go_at_a_pain_stop_is_not_told(void **state)
{
    (void)state;
    Input in;
    input_open(&in);
    InputHoldWatch w;
    input_hold_watch_reset(&w);
    InputEvent ev;
    Session hold = hold_session(PHASE_HOLD);
    feed(&in, 500, button_event(SDL_CONTROLLERBUTTONDOWN, 0, SDL_CONTROLLER_BUTTON_A), &ev);
    assert_false(input_hold_watch_step(&w, &in, &hold, 1000));
    assert_true(w.holding);
    feed(&in, 2000, button_event(SDL_CONTROLLERBUTTONUP, 0, SDL_CONTROLLER_BUTTON_A), &ev);
    feed(&in, 2010, button_event(SDL_CONTROLLERBUTTONDOWN, 0, SDL_CONTROLLER_BUTTON_Y), &ev);
    assert_int_equal(ev.action, ACTION_PAIN);
    Session stopped = hold_session(PHASE_PAIN_CHECK);
    stopped.deadline_ms = -1;
    assert_false(input_hold_watch_step(&w, &in, &stopped, 2010));
    assert_false(w.holding);
    input_close(&in);
}

/* ------------------------------------------------------ the active pad */

static void gamepad_only_losing_the_active_pad_is_reported(void **state)
{
    (void)state;
    input_set_hints();
    assert_int_equal(SDL_Init(SDL_INIT_GAMECONTROLLER | SDL_INIT_EVENTS), 0);
    Input in;
    input_open(&in);
    int first = test_pad_attach_virtual(SDL_JOYSTICK_TYPE_GAMECONTROLLER, 0, 0, "pad one");
    int second = test_pad_attach_virtual(SDL_JOYSTICK_TYPE_GAMECONTROLLER, 0, 0, "pad two");
    SDL_JoystickID first_id = SDL_JoystickGetDeviceInstanceID(first);
    SDL_JoystickID second_id = SDL_JoystickGetDeviceInstanceID(second);
    /* Plugged in while running: opened at once, and said. */
    SDL_Event e;
    InputEvent ev;
    int added = 0;
    while (SDL_PollEvent(&e))
        if (input_translate(&in, &e, &ev))
            added += ev.pad_added;
    assert_int_equal(added, 2);
    assert_int_equal(input_pad_count(&in), 2);
    assert_non_null(strstr(in.notice, "Gamepad ready: pad "));
    assert_int_equal(in.active_id, -1);

    /* The second pad presses first: it is the active one. */
    assert_true(feed(&in, 0, button_event(SDL_CONTROLLERBUTTONDOWN, second_id, SDL_CONTROLLER_BUTTON_A), &ev));
    assert_true(feed(&in, 0, button_event(SDL_CONTROLLERBUTTONDOWN, first_id, SDL_CONTROLLER_BUTTON_Y), &ev));
    assert_int_equal(ev.action, ACTION_PAIN); /* every pad's pain button works */
    assert_int_equal(in.active_id, second_id);

    SDL_JoystickDetachVirtual(first);
    int removed = 0, events = 0;
    while (SDL_PollEvent(&e))
        if (input_translate(&in, &e, &ev)) {
            events++;
            removed += ev.pad_removed;
        }
    assert_int_equal(removed, 0);
    assert_false(in.active_lost);
    assert_string_equal(in.notice, "Controller disconnected");

    for (int i = 0; i < SDL_NumJoysticks(); i++)
        if (SDL_JoystickGetDeviceInstanceID(i) == second_id)
            SDL_JoystickDetachVirtual(i);
    while (SDL_PollEvent(&e))
        if (input_translate(&in, &e, &ev))
            removed += ev.pad_removed;
    assert_int_equal(removed, 1);
    assert_true(in.active_lost);
    assert_int_equal(in.active_id, -1);
    assert_int_equal(input_pad_count(&in), 0);

    /* A key press means the person carries on with the keyboard. */
    assert_true(feed(&in, 0, key_event(SDLK_p), &ev));
    assert_false(in.active_lost);
    (void)events;
    input_close(&in);
    SDL_Quit();
}

/* A pad pulled out with the d-pad held never sends the button's release:
 * the repeat must stop with it. */
static void gamepad_unplugged_while_holding_a_direction_lets_go(void **state)
{
    (void)state;
    input_set_hints();
    assert_int_equal(SDL_Init(SDL_INIT_GAMECONTROLLER | SDL_INIT_EVENTS), 0);
    Input in;
    input_open(&in);
    int keeper = test_pad_attach_virtual(SDL_JOYSTICK_TYPE_GAMECONTROLLER, 0, 0, "pad kept");
    int pulled = test_pad_attach_virtual(SDL_JOYSTICK_TYPE_GAMECONTROLLER, 0, 0, "pad pulled");
    drain(&in);
    SDL_JoystickID keeper_id = SDL_JoystickGetDeviceInstanceID(keeper);
    SDL_JoystickID pulled_id = SDL_JoystickGetDeviceInstanceID(pulled);
    InputEvent ev;
    assert_true(feed(&in, 0, button_event(SDL_CONTROLLERBUTTONDOWN, keeper_id, SDL_CONTROLLER_BUTTON_A), &ev));
    assert_true(feed(&in, 100, button_event(SDL_CONTROLLERBUTTONDOWN, pulled_id, SDL_CONTROLLER_BUTTON_DPAD_UP), &ev));
    assert_true(input_busy(&in));
    SDL_JoystickDetachVirtual(pulled);
    drain(&in);
    assert_false(input_busy(&in));
    assert_int_equal(repeats_between(&in, 100, 5000, 10, NAV_NONE), 0);
    assert_false(in.active_lost); /* not the active pad */
    input_close(&in);
    SDL_Quit();
}

/* --------------------------------------------------------- mappings */

static void gamepad_mappings_file_is_loaded_and_counted(void **state)
{
    (void)state;
    char guid[64];
    generic_stick_guid(guid, sizeof guid);
    char dir[600];
    test_make_fresh_dir("gamepad_db_good", dir, sizeof dir);
    char text[2048];
    snprintf(text, sizeof text,
             "# corequest test mappings\n"
             "\n"
             "%s,corequest test stick,a:b3,b:b2,x:b1,y:b0,start:b4,back:b5,"
             "dpup:b6,dpdown:b7,dpleft:b8,dpright:b9,leftx:a0,lefty:a1,platform:Linux,\n"
             "030000005e040000aaaa000000000000,Some Windows pad,a:b0,b:b1,platform:Windows,\n"
             "03000000f00d0000beef000000000000,Another Linux pad,a:b0,b:b1,platform:Linux,\r\n",
             guid);
    write_file(dir, text);

    input_set_hints();
    assert_int_equal(SDL_Init(SDL_INIT_GAMECONTROLLER | SDL_INIT_EVENTS), 0);
    char message[1400];
    assert_int_equal(input_load_mappings(dir, message, sizeof message), 2);
    assert_non_null(strstr(message, "gamecontrollerdb.txt: 2 controller mappings added"));

    /* The stick the file describes is now a gamepad, its button 3 the
     * bottom one. */
    int index = test_pad_attach_virtual(SDL_JOYSTICK_TYPE_UNKNOWN, 0x1111, 0x2222, "corequest test stick");
    assert_true(SDL_IsGameController(index));
    Input in;
    input_open(&in);
    assert_int_equal(input_pad_count(&in), 1);
    SDL_Joystick *js = SDL_JoystickOpen(index);
    drain(&in);
    SDL_JoystickSetVirtualButton(js, 3, SDL_PRESSED);
    SDL_Event e;
    InputEvent ev;
    int confirms = 0;
    SDL_PumpEvents();
    while (SDL_PollEvent(&e))
        if (input_translate(&in, &e, &ev))
            confirms += ev.action == ACTION_CONFIRM;
    assert_int_equal(confirms, 1);
    SDL_JoystickClose(js);
    input_close(&in);

    /* No file: nothing to say. */
    char empty[600];
    test_make_fresh_dir("gamepad_db_none", empty, sizeof empty);
    assert_int_equal(input_load_mappings(empty, message, sizeof message), 0);
    assert_string_equal(message, "");
    SDL_Quit();
}

static void gamepad_broken_mappings_file_is_reported_by_line(void **state)
{
    (void)state;
    char dir[600];
    test_make_fresh_dir("gamepad_db_broken", dir, sizeof dir);
    write_file(dir,
               "# a file that went wrong\n"
               "03000000f00d0000beef000000000000,Good pad,a:b0,b:b1,platform:Linux,\n"
               "this is not a mapping at all\n"
               "zz,Short guid,a:b0,platform:Linux,\n"
               "03000000f00d0000cafe000000000000,,a:b0,platform:Linux,\n");
    assert_int_equal(SDL_Init(SDL_INIT_GAMECONTROLLER | SDL_INIT_EVENTS), 0);
    char message[1400];
    assert_int_equal(input_load_mappings(dir, message, sizeof message), -1);
    assert_non_null(strstr(message, "gamecontrollerdb.txt: line 3 is not a controller mapping (3 bad lines)"));
    /* The good line still counts. */
    char *good = SDL_GameControllerMappingForGUID(SDL_JoystickGetGUIDFromString("03000000f00d0000beef000000000000"));
    assert_non_null(good);
    SDL_free(good);

    /* Binary junk where the file should be. */
    char junk_dir[600];
    test_make_fresh_dir("gamepad_db_junk", junk_dir, sizeof junk_dir);
    char path[700];
    snprintf(path, sizeof path, "%s/gamecontrollerdb.txt", junk_dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    static const unsigned char junk[] = {0x89, 'P', 'N', 'G', 0x00, 0x01, 0xff, '\n', 0x02, 0x03};
    fwrite(junk, 1, sizeof junk, f);
    fclose(f);
    assert_int_equal(input_load_mappings(junk_dir, message, sizeof message), -1);
    assert_non_null(strstr(message, "line 1 is not a controller mapping (2 bad lines); 0 mappings added"));
    SDL_Quit();
}

/* SDL reads SDL_GAMECONTROLLERCONFIG itself when the subsystem starts; the
 * input path needs nothing more. */
static void gamepad_sdl_gamecontrollerconfig_is_honoured(void **state)
{
    (void)state;
    char guid[64];
    generic_stick_guid(guid, sizeof guid);
    char mapping[512];
    snprintf(mapping, sizeof mapping,
             "%s,Env test stick,a:b3,b:b2,y:b0,start:b4,platform:Linux,", guid);
    setenv("SDL_GAMECONTROLLERCONFIG", mapping, 1);
    input_set_hints();
    assert_int_equal(SDL_Init(SDL_INIT_GAMECONTROLLER | SDL_INIT_EVENTS), 0);
    int index = test_pad_attach_virtual(SDL_JOYSTICK_TYPE_UNKNOWN, 0x1111, 0x2222, "corequest test stick");
    assert_true(SDL_IsGameController(index));
    Input in;
    input_open(&in);
    assert_int_equal(input_pad_count(&in), 1);
    assert_string_equal(SDL_GameControllerName(in.pads[0]), "Env test stick");
    SDL_Joystick *js = SDL_JoystickOpen(index);
    drain(&in);
    SDL_JoystickSetVirtualButton(js, 0, SDL_PRESSED); /* y: the pain button */
    SDL_PumpEvents();
    SDL_Event e;
    InputEvent ev;
    int pains = 0;
    while (SDL_PollEvent(&e))
        if (input_translate(&in, &e, &ev))
            pains += ev.action == ACTION_PAIN;
    assert_int_equal(pains, 1);
    SDL_JoystickClose(js);
    input_close(&in);
    SDL_Quit();
    unsetenv("SDL_GAMECONTROLLERCONFIG");
    /* Without it the same stick is no gamepad: the mapping came from it. */
    assert_int_equal(SDL_Init(SDL_INIT_GAMECONTROLLER), 0);
    index = test_pad_attach_virtual(SDL_JOYSTICK_TYPE_UNKNOWN, 0x1111, 0x2222, "corequest test stick");
    assert_false(SDL_IsGameController(index));
    SDL_Quit();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gamepad_button_names_follow_each_family_by_position),
        cmocka_unit_test(gamepad_hints_name_the_buttons_of_the_pad_used_last),
        cmocka_unit_test(gamepad_stick_inside_the_dead_zone_does_nothing),
        cmocka_unit_test(gamepad_held_dpad_repeats_after_a_delay_on_the_clock),
        cmocka_unit_test(gamepad_back_tap_skips_and_a_long_hold_asks_for_help),
        cmocka_unit_test(gamepad_letting_go_early_in_a_hold_is_noticed_once),
        cmocka_unit_test(gamepad_taps_and_pauses_are_not_letting_go),
        cmocka_unit_test(gamepad_letting_go_at_a_pain_stop_is_not_told),
        cmocka_unit_test(gamepad_only_losing_the_active_pad_is_reported),
        cmocka_unit_test(gamepad_unplugged_while_holding_a_direction_lets_go),
        cmocka_unit_test(gamepad_mappings_file_is_loaded_and_counted),
        cmocka_unit_test(gamepad_broken_mappings_file_is_reported_by_line),
        cmocka_unit_test(gamepad_sdl_gamecontrollerconfig_is_honoured),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
