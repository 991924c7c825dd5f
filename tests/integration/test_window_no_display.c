/* test_window_no_display.c: with no display the window mode says so in one
 * line, suggests --audio-only and exits 1; with the dummy driver it opens a
 * real (invisible) window with the software renderer, draws, and toggles
 * fullscreen; --screenshot writes its PNGs headless. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include <SDL_image.h>

#include "app.h"
#include "screens/screens.h"

static Options options(void)
{
    Options o;
    memset(&o, 0, sizeof o);
    o.levels_dir = TEST_LEVELS_DIR;
    o.assets_dir = TEST_ASSETS_DIR;
    return o;
}

static void no_display_exits_1_and_suggests_audio_only(void **state)
{
    (void)state;
    char log[1024];
    snprintf(log, sizeof log, "%s/no_display.txt", TEST_OUT_DIR);
    /* No driver named and no display at all: SDL would fall back to an
     * invisible window; the app must refuse it. */
    unsetenv("SDL_VIDEODRIVER");
    unsetenv("DISPLAY");
    unsetenv("WAYLAND_DISPLAY");
    fflush(stderr);
    FILE *saved = freopen(log, "w", stderr);
    assert_non_null(saved);
    Options o = options();
    o.data_dir = TEST_OUT_DIR;
    int rc = app_run(&o);
    fflush(stderr);
    assert_int_equal(rc, 1);
    FILE *f = fopen(log, "r");
    assert_non_null(f);
    char text[1024] = "";
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    assert_non_null(strstr(text, "no display"));
    assert_non_null(strstr(text, "--audio-only"));
    setenv("SDL_VIDEODRIVER", "dummy", 1);
}

static void dummy_driver_opens_a_window_that_draws_and_goes_fullscreen(void **state)
{
    (void)state;
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    Options o = options();
    AppConfig cfg = {.options = &o, .virtual_clock = true, .memory_save = true,
                     .width = 1280, .height = 720};
    char msg[512];
    App *app = app_create(&cfg, msg, sizeof msg);
    if (!app)
        fail_msg("app_create: %s", msg);
    assert_non_null(app->window);
    SDL_RendererInfo info;
    SDL_GetRendererInfo(app->renderer, &info);
    assert_string_equal(info.name, "software");
    screens_start(app);
    app_frame(app);
    assert_int_equal(app->layout.w, 1280);
    const TextRecord *rec;
    assert_true(text_records(app->text, &rec) > 0);
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = SDLK_F11;
    app_event(app, &e);
    assert_true(SDL_GetWindowFlags(app->window) & SDL_WINDOW_FULLSCREEN_DESKTOP);
    app_event(app, &e);
    assert_false(SDL_GetWindowFlags(app->window) & SDL_WINDOW_FULLSCREEN_DESKTOP);
    app_destroy(app);
    SDL_Quit();
}

static void screenshot_mode_writes_every_screen_and_figure(void **state)
{
    (void)state;
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/screenshots", TEST_OUT_DIR);
    Options o = options();
    o.screenshot_dir = dir;
    o.width = 640;
    o.height = 360;
    assert_int_equal(app_run(&o), 0);
    static const char *const names[] = {"01-safety", "02-title", "03-level-map", "04-calendar",
                                        "05-settings", "06-workout", "07-pause", "08-pain-check",
                                        "09-summary", "figure-pelvic_tilt_1", "figure-toe_taps_4",
                                        "figure-bridge_2", "figure-clamshell_2", "figure-kickback_1"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[1200];
        snprintf(path, sizeof path, "%s/%s.png", dir, names[i]);
        SDL_Surface *s = IMG_Load(path);
        if (!s)
            fail_msg("missing %s", path);
        assert_int_equal(s->w, 640);
        assert_int_equal(s->h, 360);
        SDL_FreeSurface(s);
    }
    IMG_Quit();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_display_exits_1_and_suggests_audio_only),
        cmocka_unit_test(dummy_driver_opens_a_window_that_draws_and_goes_fullscreen),
        cmocka_unit_test(screenshot_mode_writes_every_screen_and_figure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
