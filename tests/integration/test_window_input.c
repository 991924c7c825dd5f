/* test_window_input.c: keys and game controller buttons become the same
 * actions; the swap setting swaps confirm and back on pads only; held keys
 * repeat menu moves but never actions; an unplugged pad is noticed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <SDL.h>

#include "input.h"
#include "test_support_app.h"

static SDL_Event key(SDL_Keycode sym, Uint16 mod, bool repeat)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = sym;
    e.key.keysym.mod = mod;
    e.key.repeat = repeat;
    return e;
}

static SDL_Event button(Uint8 b)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_CONTROLLERBUTTONDOWN;
    e.cbutton.button = b;
    return e;
}

static void input_keys_map_to_actions_and_menu_moves(void **state)
{
    (void)state;
    Input in;
    input_open(&in);
    InputEvent ev;
    SDL_Event e = key(SDLK_RETURN, 0, false);
    assert_true(input_translate(&in, &e, &ev));
    assert_int_equal(ev.action, ACTION_CONFIRM);
    assert_int_equal(ev.nav, NAV_SELECT);
    e = key(SDLK_ESCAPE, 0, false);
    assert_true(input_translate(&in, &e, &ev));
    assert_int_equal(ev.action, ACTION_BACK);
    assert_int_equal(ev.nav, NAV_BACK);
    e = key(SDLK_p, 0, false);
    assert_true(input_translate(&in, &e, &ev));
    assert_int_equal(ev.action, ACTION_PAUSE);
    e = key(SDLK_x, 0, false);
    assert_true(input_translate(&in, &e, &ev));
    assert_int_equal(ev.action, ACTION_PAIN);
    e = key(SDLK_s, 0, false);
    assert_true(input_translate(&in, &e, &ev));
    assert_int_equal(ev.action, ACTION_SKIP);
    e = key(SDLK_DOWN, 0, false);
    assert_true(input_translate(&in, &e, &ev));
    assert_int_equal(ev.nav, NAV_DOWN);
    assert_int_equal(ev.action, ACTION_NONE);
    e = key(SDLK_q, 0, false);
    assert_false(input_translate(&in, &e, &ev));
    input_close(&in);
}

static void input_held_keys_repeat_moves_but_not_actions(void **state)
{
    (void)state;
    Input in;
    input_open(&in);
    InputEvent ev;
    SDL_Event e = key(SDLK_RETURN, 0, true);
    assert_false(input_translate(&in, &e, &ev));
    e = key(SDLK_UP, 0, true);
    assert_true(input_translate(&in, &e, &ev));
    assert_int_equal(ev.nav, NAV_UP);
    input_close(&in);
}

static void input_f11_and_alt_enter_toggle_fullscreen_not_confirm(void **state)
{
    (void)state;
    Input in;
    input_open(&in);
    InputEvent ev;
    SDL_Event e = key(SDLK_F11, 0, false);
    assert_true(input_translate(&in, &e, &ev));
    assert_true(ev.toggle_fullscreen);
    e = key(SDLK_RETURN, KMOD_LALT, false);
    assert_true(input_translate(&in, &e, &ev));
    assert_true(ev.toggle_fullscreen);
    assert_int_equal(ev.action, ACTION_NONE);
    input_close(&in);
}

static void input_pad_buttons_follow_position_and_the_swap_setting(void **state)
{
    (void)state;
    Input in;
    input_open(&in);
    InputEvent ev;
    SDL_Event e = button(SDL_CONTROLLER_BUTTON_A);
    assert_true(input_translate(&in, &e, &ev));
    assert_int_equal(ev.action, ACTION_CONFIRM);
    assert_true(ev.from_pad);
    e = button(SDL_CONTROLLER_BUTTON_B);
    assert_true(input_translate(&in, &e, &ev));
    assert_int_equal(ev.action, ACTION_BACK);
    e = button(SDL_CONTROLLER_BUTTON_Y);
    assert_true(input_translate(&in, &e, &ev));
    assert_int_equal(ev.action, ACTION_PAIN);
    e = button(SDL_CONTROLLER_BUTTON_START);
    assert_true(input_translate(&in, &e, &ev));
    assert_int_equal(ev.action, ACTION_PAUSE);
    e = button(SDL_CONTROLLER_BUTTON_DPAD_LEFT);
    assert_true(input_translate(&in, &e, &ev));
    assert_int_equal(ev.nav, NAV_LEFT);

    input_set_swap(&in, true);
    e = button(SDL_CONTROLLER_BUTTON_A);
    input_translate(&in, &e, &ev);
    assert_int_equal(ev.action, ACTION_BACK);
    e = button(SDL_CONTROLLER_BUTTON_B);
    input_translate(&in, &e, &ev);
    assert_int_equal(ev.action, ACTION_CONFIRM);
    /* The keyboard is never swapped. */
    e = key(SDLK_RETURN, 0, false);
    input_translate(&in, &e, &ev);
    assert_int_equal(ev.action, ACTION_CONFIRM);
    input_close(&in);
}

static void input_stick_moves_once_per_push(void **state)
{
    (void)state;
    Input in;
    input_open(&in);
    InputEvent ev;
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_CONTROLLERAXISMOTION;
    e.caxis.axis = SDL_CONTROLLER_AXIS_LEFTY;
    e.caxis.value = 30000;
    assert_true(input_translate(&in, &e, &ev));
    assert_int_equal(ev.nav, NAV_DOWN);
    e.caxis.value = 25000; /* still pushed: no second move */
    assert_false(input_translate(&in, &e, &ev));
    e.caxis.value = 0;
    assert_false(input_translate(&in, &e, &ev));
    e.caxis.value = -30000;
    assert_true(input_translate(&in, &e, &ev));
    assert_int_equal(ev.nav, NAV_UP);
    input_close(&in);
}

/* A virtual pad through SDL's real event path: plugged in, pressed,
 * unplugged (see PLATFORM-NOTES.md). */
static void input_virtual_pad_is_opened_pressed_and_unplugged(void **state)
{
    (void)state;
    SDL_SetHint(SDL_HINT_JOYSTICK_ALLOW_BACKGROUND_EVENTS, "1");
    SDL_SetHint(SDL_HINT_GAMECONTROLLER_USE_BUTTON_LABELS, "0");
    assert_int_equal(SDL_Init(SDL_INIT_GAMECONTROLLER | SDL_INIT_EVENTS), 0);
    Input in;
    input_open(&in);
    int device = test_pad_attach_virtual(SDL_JOYSTICK_TYPE_GAMECONTROLLER, 0, 0, NULL);
    SDL_Event e;
    InputEvent ev;
    int confirms = 0, removed = 0;
    bool pressed = false;
    SDL_Joystick *js = NULL;
    for (int i = 0; i < 200 && !removed; i++) {
        SDL_PumpEvents();
        while (SDL_PollEvent(&e))
            if (input_translate(&in, &e, &ev)) {
                confirms += ev.action == ACTION_CONFIRM;
                removed += ev.pad_removed;
            }
        if (input_pad_count(&in) == 1 && !pressed) {
            js = SDL_JoystickOpen(device);
            SDL_JoystickSetVirtualButton(js, SDL_CONTROLLER_BUTTON_A, SDL_PRESSED);
            SDL_JoystickUpdate();
            pressed = true;
        } else if (pressed && confirms == 1 && js) {
            SDL_JoystickClose(js);
            js = NULL;
            SDL_JoystickDetachVirtual(device);
        }
    }
    assert_int_equal(confirms, 1);
    assert_int_equal(removed, 1);
    assert_int_equal(input_pad_count(&in), 0);
    assert_string_equal(in.notice, "Controller disconnected");
    input_close(&in);
    SDL_Quit();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(input_keys_map_to_actions_and_menu_moves),
        cmocka_unit_test(input_held_keys_repeat_moves_but_not_actions),
        cmocka_unit_test(input_f11_and_alt_enter_toggle_fullscreen_not_confirm),
        cmocka_unit_test(input_pad_buttons_follow_position_and_the_swap_setting),
        cmocka_unit_test(input_stick_moves_once_per_push),
        cmocka_unit_test(input_virtual_pad_is_opened_pressed_and_unplugged),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
