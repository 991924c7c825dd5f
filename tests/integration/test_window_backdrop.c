/* test_window_backdrop.c: the cached static layer (backdrop.h) never shows
 * a stale picture.  Through a workout's phases, the title and a notice,
 * each frame drawn over the cached layer is compared pixel for pixel with
 * the same frame drawn from scratch (the layer forgotten first), and the
 * layer must actually be reused, not redrawn every frame. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "app.h"
#include "backdrop.h"
#include "render.h"
#include "screens/screens.h"
#include "test_support_app.h"

static App *make_app(Options *o)
{
    memset(o, 0, sizeof *o);
    o->levels_dir = TEST_LEVELS_DIR;
    o->assets_dir = TEST_ASSETS_DIR;
    AppConfig cfg = {.options = o, .headless = true, .virtual_clock = true,
                     .memory_save = true, .width = 960, .height = 540};
    char msg[512];
    App *app = app_create(&cfg, msg, sizeof msg);
    if (!app)
        fail_msg("app_create: %s", msg);
    app->wall_override = 1767225600;
    tracker_settings(app->tracker)->safety_notice_seen = 1;
    screens_start(app);
    return app;
}

/* Draws the frame twice, over the cached layer and from scratch, and
 * returns the share of pixels that differ (0 when the cache is true). */
static double cached_versus_fresh(App *app)
{
    app_draw(app);
    SDL_Surface *cached = render_capture(app->renderer);
    backdrop_invalidate(app->backdrop);
    app_draw(app);
    SDL_Surface *fresh = render_capture(app->renderer);
    assert_non_null(cached);
    assert_non_null(fresh);
    double d = test_differing_pixel_share(cached, fresh);
    SDL_FreeSurface(cached);
    SDL_FreeSurface(fresh);
    return d;
}

static void the_cached_layer_matches_a_fresh_frame_through_a_workout(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o);
    assert_true(cached_versus_fresh(app) == 0.0); /* the title */
    assert_int_equal(app_session_start(app, NULL), 0);
    screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);
    app->demo = true; /* confirms each rep, so the frames go through every phase */
    long drawn0, reused0;
    backdrop_counts(app->backdrop, &drawn0, &reused0);
    Phase seen[PHASE_COUNT] = {0};
    for (int i = 0; i < 1500; i++) {
        app_advance(app, APP_SOFT_FRAME_MS);
        app_step(app);
        if (i % 25 == 0) {
            if (i == 500)
                app_notice(app, "A notice takes its own band, and everything moves for it.");
            double d = cached_versus_fresh(app);
            if (d != 0.0)
                fail_msg("frame %d (%s): %.4f of the pixels differ from a fresh frame", i,
                         phase_name(app->session->phase), d);
            seen[app->session->phase] = 1;
        }
        app_draw(app); /* a plain frame, as the loop draws them */
    }
    assert_true(seen[PHASE_MOVE] && seen[PHASE_HOLD]);
    long drawn1, reused1;
    backdrop_counts(app->backdrop, &drawn1, &reused1);
    /* Most frames reuse the layer (it is drawn again when a phase, a rep
     * or a caption changes, and after each forced fresh frame). */
    assert_true(reused1 - reused0 > 2 * (drawn1 - drawn0));
    app_destroy(app);
    SDL_Quit();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_cached_layer_matches_a_fresh_frame_through_a_workout),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
