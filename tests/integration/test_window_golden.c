/* test_window_golden.c: a few fixed frames (figure poses, the countdown
 * ring) drawn on the software renderer and compared with the PNGs in
 * tests/data/golden/ within a small tolerance.  COREQUEST_REGEN_GOLDEN=1
 * rewrites them (see tests/data/golden/README.md). */
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

#include "figure.h"
#include "render.h"
#include "test_support_app.h"

enum { GOLD_W = 480, GOLD_H = 270 };

/* Poses fixed here, not read from levels/, so that tuning a level file
 * never moves a golden frame. */
typedef struct {
    const char *name;
    Pose pose;
    unsigned muscles;
    bool mirror;
    float ring; /* > 0: draw the countdown ring at this fraction instead */
} Frame;

static const Frame frames[] = {
    {"figure_back_knees_bent", {.trunk = 180, .hip_near = 45, .knee_near = 90, .hip_far = 45, .knee_far = 90},
     MUSCLE_CORE, false, 0},
    {"figure_bridge_top", {.trunk = 205, .neck = 25, .shoulder_near = -25, .shoulder_far = -25,
                           .knee_near = 115, .knee_far = 115}, MUSCLE_CORE | MUSCLE_GLUTES, false, 0},
    {"figure_kickback_right", {.trunk = 166, .flip = true, .shoulder_near = 76, .shoulder_far = 76,
                               .hip_near = -10, .knee_near = 90, .hip_far = 76, .knee_far = 90},
     MUSCLE_GLUTES, true, 0},
    {"figure_clamshell_open", {.trunk = 180, .shoulder_near = 50, .elbow_near = 60, .shoulder_far = 172,
                               .hip_near = 45, .knee_near = 90, .hip_far = 45, .knee_far = 90,
                               .shoulder_out_near = -45, .hip_open_near = 55, .side_lying = true},
     MUSCLE_HIPS, false, 0},
    {"ring_sixty_percent", {.trunk = 0}, 0, false, 0.6f},
};
enum { FRAME_COUNT = sizeof frames / sizeof frames[0] };

static SDL_Surface *draw_frame(const Frame *f)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, GOLD_W, GOLD_H, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    const Theme *th = render_theme();
    render_clear(r, th->bg);
    SDL_Rect box = {20, 20, GOLD_W - 40, GOLD_H - 40};
    render_rounded(r, box, 10, th->panel);
    if (f->ring > 0) {
        render_arc(r, GOLD_W / 2.0f, GOLD_H / 2.0f, 100, 18, 0, 1, th->panel_focus);
        render_arc(r, GOLD_W / 2.0f, GOLD_H / 2.0f, 100, 18, 0, f->ring, th->accent);
        render_check(r, (SDL_Rect){GOLD_W / 2 - 40, GOLD_H / 2 - 40, 80, 80}, th->text);
    } else {
        FigureView v = figure_view_fit_poses(&f->pose, 1, box);
        FigureBody b;
        figure_pose_grounded(&f->pose, &b);
        if (f->mirror)
            figure_mirror(&b, v.centre_x);
        figure_draw_mat(r, &v);
        figure_draw_body(r, &b, &v, f->muscles);
    }
    SDL_RenderPresent(r);
    SDL_DestroyRenderer(r);
    return s;
}

static SDL_Surface *load_golden(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/golden/%s.png", TEST_DATA_DIR, name);
    SDL_Surface *raw = IMG_Load(path);
    if (!raw)
        return NULL;
    SDL_Surface *s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(raw);
    return s;
}

static bool regenerate(void)
{
    const char *v = getenv("COREQUEST_REGEN_GOLDEN");
    return v && strcmp(v, "1") == 0;
}

static void golden_frames_match_within_tolerance(void **state)
{
    (void)state;
    for (int i = 0; i < FRAME_COUNT; i++) {
        SDL_Surface *now = draw_frame(&frames[i]);
        assert_non_null(now);
        if (regenerate()) {
            char path[1024];
            snprintf(path, sizeof path, "%s/golden/%s.png", TEST_DATA_DIR, frames[i].name);
            assert_int_equal(IMG_SavePNG(now, path), 0);
            print_message("wrote %s\n", path);
        } else {
            SDL_Surface *gold = load_golden(frames[i].name);
            if (!gold)
                fail_msg("no golden frame %s (COREQUEST_REGEN_GOLDEN=1 makes it)", frames[i].name);
            double share = test_differing_pixel_share(now, gold);
            if (share > 0.005)
                fail_msg("%s differs from its golden frame in %.2f%% of pixels", frames[i].name, share * 100);
            SDL_FreeSurface(gold);
        }
        SDL_FreeSurface(now);
    }
}

/* The tolerance is small enough to catch a wrong pose: the bridge is not
 * the lying figure, and a mirrored figure is not the original. */
static void golden_tolerance_catches_a_different_pose(void **state)
{
    (void)state;
    SDL_Surface *lying = draw_frame(&frames[0]);
    SDL_Surface *bridge = draw_frame(&frames[1]);
    Frame flipped = frames[2];
    flipped.mirror = false;
    SDL_Surface *kick = draw_frame(&frames[2]);
    SDL_Surface *kick_left = draw_frame(&flipped);
    assert_true(test_differing_pixel_share(lying, bridge) > 0.005);
    assert_true(test_differing_pixel_share(kick, kick_left) > 0.005);
    assert_true(test_differing_pixel_share(lying, lying) == 0.0);
    SDL_FreeSurface(lying);
    SDL_FreeSurface(bridge);
    SDL_FreeSurface(kick);
    SDL_FreeSurface(kick_left);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(golden_frames_match_within_tolerance),
        cmocka_unit_test(golden_tolerance_catches_a_different_pose),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    IMG_Quit();
    SDL_Quit();
    return rc;
}
