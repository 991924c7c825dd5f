/* test_gamepad_audio_only.c: --audio-only through the same input path as
 * the window: a PlayStation pad plugged in before the start has its own
 * button names said (the pain button once), holding its Share button says
 * them again, and H typed on the terminal repeats the keyboard's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <SDL.h>

#include "input.h"
#include "options.h"
#include "test_support.h"
#include "test_support_app.h"

#define LEVELS_DIR TEST_DATA_DIR "/audio/levels"

static int count_of(const char *text, const char *what)
{
    int n = 0;
    for (const char *p = strstr(text, what); p; p = strstr(p + 1, what))
        n++;
    return n;
}

static void gamepad_audio_only_names_the_pads_buttons_and_repeats_help(void **state)
{
    (void)state;
    /* No sound device: captions only, so nothing waits on real speech. */
    setenv("SDL_AUDIODRIVER", "nonexistent", 1);
    char data_dir[600];
    test_make_unique_dir("gamepad_audio_only", data_dir, sizeof data_dir);

    /* The pad is in before the mode starts, its Share button already held
     * down: the mode's first look sees it pressed. */
    input_set_hints();
    assert_int_equal(SDL_Init(SDL_INIT_GAMECONTROLLER | SDL_INIT_EVENTS), 0);
    int index = test_pad_attach_virtual(SDL_JOYSTICK_TYPE_GAMECONTROLLER, 0x054c /* Sony */,
                                        0x09cc /* DualShock 4 */, "test PS4 pad");
    SDL_Joystick *js = SDL_JoystickOpen(index);
    assert_non_null(js);
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
    }
    SDL_JoystickSetVirtualButton(js, SDL_CONTROLLER_BUTTON_BACK, SDL_PRESSED);

    /* The terminal: Enter starts the exercise, then H asks for the keys. */
    int terminal = test_pipe_holding("\nh\n");

    Options o = test_audio_only_options(LEVELS_DIR, data_dir, "tiny_sides_1", "tempo");
    int status = -1;
    char *out = test_run_audio_only(&o, "gamepad_audio_only", terminal, &status);
    close(terminal);
    assert_int_equal(status, 0);

    assert_non_null(strstr(out, "Gamepad ready: test PS4 pad"));
    /* Its own names, said with the controls at the start and again when
     * Share was held; the pain button by its shape and place. */
    const char *pad = "] On this PlayStation pad: Cross, the bottom button, confirms. "
                      "Options pauses and resumes. A tap on Share skips an exercise, and "
                      "holding Share says these controls again. The pain button is "
                      "Triangle, the top button";
    assert_int_equal(count_of(out, pad), 2);
    assert_null(strstr(out, "the pain button is Y")); /* never the wrong name */
    assert_int_equal(count_of(out, "the pain button is Triangle"), 0); /* not twice over */
    /* H on the terminal: the keyboard's controls again. */
    assert_int_equal(count_of(out, "] Controls. To confirm, press Enter or Space"), 2);
    /* Holding Share was not a tap: nothing was skipped. */
    assert_non_null(strstr(out, "] Switch sides."));
    assert_non_null(strstr(out, "] Well done. You did one exercise"));

    SDL_JoystickSetVirtualButton(js, SDL_CONTROLLER_BUTTON_BACK, SDL_RELEASED);
    SDL_JoystickClose(js);
    SDL_JoystickDetachVirtual(index);
    free(out);
    SDL_Quit();
    unsetenv("SDL_AUDIODRIVER");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gamepad_audio_only_names_the_pads_buttons_and_repeats_help),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
