/* test_window_intro_demo.c: the workout screen shows the intro's
 * demonstration rep (core session_demo_at) before rep 1: headless, on the
 * app's virtual clock, the figure's part of the frame changes from the
 * demonstration's start to its peak, and stays still in the settle time
 * after it.  The peak frame is written to the
 * test's output folder (docs/screenshots/intro-demo-bridge_1.png is one). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <SDL.h>
#include <SDL_image.h>

#include "app.h"
#include "render.h"
#include "screens/screens.h"
#include "test_support.h"
#include "test_support_app.h"

enum { STEP_MS = 20 };

/* Differing share in the frame's left half, between a quarter and seven
 * tenths of its height: where a landscape workout screen puts the figure,
 * away from the ring and its countdown, which move anyway. */
static double figure_half_difference(const SDL_Surface *a, const SDL_Surface *b)
{
    long differ = 0, total = 0;
    for (int y = a->h / 4; y < a->h * 7 / 10; y++) {
        const Uint32 *pa = (const Uint32 *)((const Uint8 *)a->pixels + y * a->pitch);
        const Uint32 *pb = (const Uint32 *)((const Uint8 *)b->pixels + y * b->pitch);
        for (int x = 0; x < a->w / 2; x++, total++)
            differ += pa[x] != pb[x];
    }
    return (double)differ / (double)total;
}

static SDL_Surface *frame(App *app)
{
    app_frame(app);
    return render_capture(app->renderer);
}

/* Runs the app until the demonstration is at t (rising past it when
 * rising, else after the peak falling below it); false if it never is. */
static bool run_until_demo(App *app, float t, bool rising, int64_t limit_ms)
{
    bool peaked = false;
    for (int64_t ms = 0; ms < limit_ms; ms += STEP_MS) {
        float now_t;
        Side side;
        if (app->session_live && session_demo_at(app->session, app_clock_ms(app), &now_t, &side)) {
            peaked = peaked || now_t > 0.999f;
            if (rising ? now_t >= t : (peaked && now_t <= t))
                return true;
        }
        app_advance(app, STEP_MS);
        app_step(app);
    }
    return false;
}

static void intro_demo_moves_the_figure_before_rep_one(void **state)
{
    (void)state;
    Options o;
    memset(&o, 0, sizeof o);
    o.levels_dir = TEST_LEVELS_DIR;
    o.assets_dir = TEST_ASSETS_DIR;
    AppConfig cfg = {.options = &o, .headless = true, .virtual_clock = true,
                     .memory_save = true, .width = 1280, .height = 720};
    char msg[512];
    App *app = app_create(&cfg, msg, sizeof msg);
    if (!app)
        fail_msg("app_create: %s", msg);
    assert_int_equal(app_session_start(app, "bridge_1"), 0);
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);

    assert_true(run_until_demo(app, 0.0f, true, 60000));
    assert_int_equal(app->session->phase, PHASE_INTRO);
    SDL_Surface *begin = frame(app);
    assert_true(run_until_demo(app, 1.0f, true, 60000));
    assert_int_equal(app->session->phase, PHASE_INTRO);
    SDL_Surface *peak = frame(app);
    char path[1024];
    snprintf(path, sizeof path, "%s/intro-demo-bridge_1.png", TEST_OUT_DIR);
    assert_int_equal(IMG_SavePNG(peak, path), 0);
    /* After the demonstration, still in the intro (the settle time): the
     * figure rests, so two frames a second apart barely differ. */
    assert_true(run_until_demo(app, 0.001f, false, 60000));
    for (int i = 0; i < 50; i++) {
        app_advance(app, STEP_MS);
        app_step(app);
    }
    assert_int_equal(app->session->phase, PHASE_INTRO);
    SDL_Surface *settle_a = frame(app);
    for (int i = 0; i < 50; i++) {
        app_advance(app, STEP_MS);
        app_step(app);
    }
    assert_int_equal(app->session->phase, PHASE_INTRO);
    SDL_Surface *settle_b = frame(app);

    double moved = figure_half_difference(begin, peak);
    double still = figure_half_difference(settle_a, settle_b);
    double whole = test_differing_pixel_share(begin, peak);
    print_message("demo: %.2f%% of the figure's half changes from its start to its peak "
                  "(%.2f%% of the frame); %.2f%% over a second of settling\n",
                  moved * 100, whole * 100, still * 100);
    assert_true(moved > 0.03);
    assert_true(still < 0.002);
    SDL_FreeSurface(begin);
    SDL_FreeSurface(peak);
    SDL_FreeSurface(settle_a);
    SDL_FreeSurface(settle_b);
    app_destroy(app);
    SDL_Quit();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(intro_demo_moves_the_figure_before_rep_one),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
