/* test_window_figure.c: the figure's kinematics: the angle rules of
 * core/program.h, grounding on the mat, sides, and fitting into a box. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <cmocka.h>

#include "figure.h"
#include "levels_load.h"
#include "test_support.h"

static const Pose hooklying = {.trunk = 180, .hip_near = 45, .knee_near = 90, .hip_far = 45, .knee_far = 90};
static const Pose table_top = {.trunk = 180, .hip_near = 90, .knee_near = 90, .hip_far = 90, .knee_far = 90};
static const Pose prone = {.trunk = 180, .flip = true, .shoulder_near = 180, .shoulder_far = 180};
/* Arms are longer than thighs, so on hands and knees the back tilts a
 * little, head high: vertical arms and thighs from a trunk at 168. */
static const Pose all_fours = {.trunk = 168, .flip = true, .shoulder_near = 78, .shoulder_far = 78,
                               .hip_near = 78, .knee_near = 90, .hip_far = 78, .knee_far = 90};

static void figure_is_grounded_on_its_lowest_point(void **state)
{
    (void)state;
    const Pose *poses[] = {&hooklying, &table_top, &prone, &all_fours};
    for (size_t i = 0; i < sizeof poses / sizeof poses[0]; i++) {
        FigureBody b;
        figure_pose_grounded(poses[i], &b);
        assert_true(fabsf(figure_lowest(&b)) < 1e-4f);
    }
}

static void figure_on_the_back_with_knees_bent_has_its_feet_flat_on_the_floor(void **state)
{
    (void)state;
    FigureBody b;
    figure_pose_grounded(&hooklying, &b);
    assert_true(b.head.x < b.pelvis.x);               /* head to the left */
    assert_true(b.front.y > 0.99f);                   /* face up */
    assert_true(b.knee[FIGURE_NEAR].y > b.pelvis.y + 0.1f);
    assert_true(fabsf(b.toe[FIGURE_NEAR].y - b.heel[FIGURE_NEAR].y) < 0.01f); /* foot flat */
    assert_true(b.ankle[FIGURE_NEAR].y < 0.08f);
}

static void figure_table_top_puts_the_shins_level_above_the_hips(void **state)
{
    (void)state;
    FigureBody b;
    figure_pose_grounded(&table_top, &b);
    assert_true(b.knee[FIGURE_NEAR].y > b.pelvis.y + FIGURE_THIGH_LEN * 0.99f);
    assert_true(fabsf(b.ankle[FIGURE_NEAR].y - b.knee[FIGURE_NEAR].y) < 0.001f);
    assert_true(b.ankle[FIGURE_NEAR].x > b.knee[FIGURE_NEAR].x);
}

static void figure_face_down_turns_the_front_to_the_floor(void **state)
{
    (void)state;
    FigureBody b;
    figure_pose_grounded(&prone, &b);
    assert_true(b.front.y < -0.99f);
    /* Arms overhead: the hands lie beyond the head. */
    assert_true(b.hand[FIGURE_NEAR].x < b.head.x);
    /* Pointed feet lie along the floor instead of lifting the body. */
    assert_true(b.pelvis.y < 0.07f);
}

static void figure_on_hands_and_knees_stands_on_hands_and_knees(void **state)
{
    (void)state;
    FigureBody b;
    figure_pose_grounded(&all_fours, &b);
    assert_true(b.hand[FIGURE_NEAR].y < 0.05f);
    assert_true(b.knee[FIGURE_FAR].y < 0.06f);
    assert_true(b.pelvis.y > 0.2f && b.shoulder.y > 0.2f);
}

static void figure_alternating_right_side_moves_the_far_limbs(void **state)
{
    (void)state;
    Pose p = {.trunk = 180, .shoulder_far = 170, .hip_near = 20, .hip_far = 90, .knee_far = 90};
    bool mirror = true;
    Pose r = figure_pose_for_side(&p, SIDES_ALTERNATING, SIDE_RIGHT, &mirror);
    assert_false(mirror);
    assert_true(r.shoulder_near == 170 && r.shoulder_far == 0);
    assert_true(r.hip_far == 20 && r.hip_near == 90 && r.knee_near == 90);
    Pose l = figure_pose_for_side(&p, SIDES_ALTERNATING, SIDE_LEFT, &mirror);
    assert_false(mirror);
    assert_true(l.hip_near == 20);
}

static void figure_each_side_right_turns_the_figure_round(void **state)
{
    (void)state;
    bool mirror = false;
    Pose r = figure_pose_for_side(&all_fours, SIDES_EACH_SIDE, SIDE_RIGHT, &mirror);
    assert_true(mirror);
    assert_true(r.hip_near == all_fours.hip_near);
    FigureBody a, b;
    figure_pose_grounded(&all_fours, &a);
    b = a;
    figure_mirror(&b, 0.25f);
    assert_true(fabsf(b.head.x - (0.5f - a.head.x)) < 1e-5f);
    assert_true(fabsf(b.head.y - a.head.y) < 1e-5f);
    figure_mirror(&b, 0.25f);
    assert_true(fabsf(b.toe[FIGURE_NEAR].x - a.toe[FIGURE_NEAR].x) < 1e-5f);
}

static void figure_side_lying_stacks_hips_and_faces_the_viewer(void **state)
{
    (void)state;
    Pose p = {.trunk = 180, .shoulder_far = 172, .hip_near = -38, .knee_near = -57,
              .hip_far = -30, .knee_far = -60, .side_lying = true};
    FigureBody b;
    figure_pose_grounded(&p, &b);
    assert_true(b.side_lying);
    assert_true(b.hip[FIGURE_NEAR].y > b.hip[FIGURE_FAR].y + 0.1f);
    assert_true(fabsf(b.hip[FIGURE_NEAR].x - b.hip[FIGURE_FAR].x) < 1e-4f);
}

static void figure_view_keeps_every_shipped_pose_inside_its_box(void **state)
{
    (void)state;
    int tracks;
    Program *prog = test_load_program(TEST_LEVELS_DIR, &tracks, NULL);
    assert_true(tracks >= 8);
    SDL_Rect box = {100, 50, 600, 300};
    for (int t = 0; t < prog->track_count; t++) {
        for (int l = 0; l < prog->tracks[t].level_count; l++) {
            const PoseSet *ps = &prog->tracks[t].levels[l].poses;
            Pose both[2] = {ps->start, ps->peak};
            FigureView v = figure_view_fit(both, 2, box);
            for (int k = 0; k < 2; k++) {
                FigureBody b;
                figure_pose_grounded(&both[k], &b);
                float lo, hi, top;
                figure_bounds(&b, &lo, &hi, &top);
                SDL_FPoint a = figure_to_screen(&v, (SDL_FPoint){lo, top});
                SDL_FPoint c = figure_to_screen(&v, (SDL_FPoint){hi, 0});
                assert_true(a.x >= box.x && c.x <= box.x + box.w);
                assert_true(a.y >= box.y && c.y <= box.y + box.h);
            }
        }
    }
    free(prog);
}

static void figure_ease_starts_and_ends_at_rest(void **state)
{
    (void)state;
    assert_true(figure_ease(0.0f) == 0.0f);
    assert_true(figure_ease(1.0f) == 1.0f);
    assert_true(fabsf(figure_ease(0.5f) - 0.5f) < 1e-6f);
    assert_true(figure_ease(0.05f) < 0.05f); /* slow start */
    assert_true(figure_ease(-1.0f) == 0.0f && figure_ease(2.0f) == 1.0f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(figure_is_grounded_on_its_lowest_point),
        cmocka_unit_test(figure_on_the_back_with_knees_bent_has_its_feet_flat_on_the_floor),
        cmocka_unit_test(figure_table_top_puts_the_shins_level_above_the_hips),
        cmocka_unit_test(figure_face_down_turns_the_front_to_the_floor),
        cmocka_unit_test(figure_on_hands_and_knees_stands_on_hands_and_knees),
        cmocka_unit_test(figure_alternating_right_side_moves_the_far_limbs),
        cmocka_unit_test(figure_each_side_right_turns_the_figure_round),
        cmocka_unit_test(figure_side_lying_stacks_hips_and_faces_the_viewer),
        cmocka_unit_test(figure_view_keeps_every_shipped_pose_inside_its_box),
        cmocka_unit_test(figure_ease_starts_and_ends_at_rest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
