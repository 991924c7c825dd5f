/* test_gamepad_audio_only.c: --audio-only through the same input path as
 * the window: a PlayStation pad plugged in before the start has its own
 * button names said (the pain button once), holding its Share button says
 * them again, and H typed on the terminal repeats the keyboard's. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>

#include "input.h"
#include "options.h"

#define LEVELS_DIR TEST_DATA_DIR "/audio/levels"

static int count_of(const char *text, const char *what)
{
    int n = 0;
    for (const char *p = strstr(text, what); p; p = strstr(p + 1, what))
        n++;
    return n;
}

/* Runs the mode with stdout in a file and stdin from fd; returns what it
 * printed (also echoed to the test log).  The caller frees it. */
static char *run_audio_only(const Options *o, int stdin_fd, int *status)
{
    char path[600];
    snprintf(path, sizeof path, "%s/gamepad_audio_only_%ld.txt", TEST_OUT_DIR, (long)getpid());
    fflush(stdout);
    int saved_out = dup(STDOUT_FILENO), saved_in = dup(STDIN_FILENO);
    int out = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
    assert_true(out >= 0 && saved_out >= 0 && saved_in >= 0);
    dup2(out, STDOUT_FILENO);
    dup2(stdin_fd, STDIN_FILENO);
    *status = audio_only_run(o);
    fflush(stdout);
    dup2(saved_out, STDOUT_FILENO);
    dup2(saved_in, STDIN_FILENO);
    close(out);
    close(saved_out);
    close(saved_in);
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char *text = calloc(1, 1 << 20);
    assert_non_null(text);
    size_t n = fread(text, 1, (1 << 20) - 1, f);
    text[n] = '\0';
    fclose(f);
    remove(path);
    printf("---- corequest --audio-only said:\n%s----\n", text);
    return text;
}

static void gamepad_audio_only_names_the_pads_buttons_and_repeats_help(void **state)
{
    (void)state;
    /* No sound device: captions only, so nothing waits on real speech. */
    setenv("SDL_AUDIODRIVER", "nonexistent", 1);
    mkdir(TEST_OUT_DIR, 0755);
    char data_dir[600];
    snprintf(data_dir, sizeof data_dir, "%s/gamepad_audio_only_XXXXXX", TEST_OUT_DIR);
    assert_non_null(mkdtemp(data_dir));

    /* The pad is in before the mode starts, its Share button already held
     * down: the mode's first look sees it pressed. */
    input_set_hints();
    assert_int_equal(SDL_Init(SDL_INIT_GAMECONTROLLER | SDL_INIT_EVENTS), 0);
    SDL_VirtualJoystickDesc desc;
    memset(&desc, 0, sizeof desc);
    desc.version = SDL_VIRTUAL_JOYSTICK_DESC_VERSION;
    desc.type = SDL_JOYSTICK_TYPE_GAMECONTROLLER;
    desc.naxes = SDL_CONTROLLER_AXIS_MAX;
    desc.nbuttons = SDL_CONTROLLER_BUTTON_MAX;
    desc.vendor_id = 0x054c; /* Sony */
    desc.product_id = 0x09cc; /* DualShock 4 */
    desc.name = "test PS4 pad";
    int index = SDL_JoystickAttachVirtualEx(&desc);
    assert_true(index >= 0);
    SDL_Joystick *js = SDL_JoystickOpen(index);
    assert_non_null(js);
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
    }
    SDL_JoystickSetVirtualButton(js, SDL_CONTROLLER_BUTTON_BACK, SDL_PRESSED);

    /* The terminal: Enter starts the exercise, then H asks for the keys. */
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(write(fds[1], "\nh\n", 3), 3);
    close(fds[1]);

    Options o;
    memset(&o, 0, sizeof o);
    o.audio_only = true;
    o.levels_dir = LEVELS_DIR;
    o.assets_dir = TEST_ASSETS_DIR;
    o.data_dir = data_dir;
    o.level_id = "tiny_sides_1";
    o.mode = "tempo";
    int status = -1;
    char *out = run_audio_only(&o, fds[0], &status);
    close(fds[0]);
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
