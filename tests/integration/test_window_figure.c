/* test_window_figure.c: the drawn figure: core/pose.h's bodies seen through
 * their camera, on the mat to the pixel, drawing order, mirroring, and one
 * view per level that holds the whole move (the kinematics themselves are
 * tests/unit/test_pose.c's). */
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
 * little, head high: vertical arms and thighs from a trunk at 166. */
static const Pose all_fours = {.trunk = 166, .flip = true, .shoulder_near = 76, .shoulder_far = 76,
                               .hip_near = 76, .knee_near = 90, .hip_far = 76, .knee_far = 90};

static void figure_is_grounded_on_its_lowest_point(void **state)
{
    (void)state;
    const Pose *poses[] = {&hooklying, &table_top, &prone, &all_fours};
    for (size_t i = 0; i < sizeof poses / sizeof poses[0]; i++) {
        PoseBody b;
        pose_key(poses[i], &b);
        assert_true(fabsf(pose_lowest(&b)) < 1e-4f);
    }
}

/* Lying on the back the feet were drawn 21 px over the mat at 1280x720:
 * now the soles touch it, to the pixel, in a box of the workout's size. */
static void figure_on_the_back_with_knees_bent_has_its_feet_flat_on_the_mat(void **state)
{
    (void)state;
    FigureBody b;
    figure_pose_grounded(&hooklying, &b);
    assert_true(b.head.x < b.pelvis.x);               /* head to the left */
    assert_true(b.front.y > 0.99f);                   /* face up */
    assert_true(b.knee[FIGURE_NEAR].y > b.pelvis.y + 0.1f);
    assert_true(fabsf(b.toe[FIGURE_NEAR].y - b.heel[FIGURE_NEAR].y) < 0.01f); /* foot flat */
    SDL_Rect box = {64, 200, 600, 320};
    FigureView v = figure_view_fit_poses(&hooklying, 1, box);
    for (int i = 0; i < 2; i++) {
        SDL_FPoint sole = {b.heel[i].x, fminf(b.heel[i].y, b.toe[i].y) - POSE_R_FOOT};
        SDL_FPoint px = figure_to_screen(&v, sole);
        assert_true(fabsf(px.y - v.oy) < 1.0f);
    }
}

static void figure_table_top_puts_the_shins_level_above_the_hips(void **state)
{
    (void)state;
    FigureBody b;
    figure_pose_grounded(&table_top, &b);
    assert_true(b.knee[FIGURE_NEAR].y > b.pelvis.y + POSE_THIGH_LEN * 0.99f);
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
    assert_true(b.wrist[FIGURE_NEAR].y < 0.03f && b.hand[FIGURE_NEAR].y < 0.03f);
    assert_true(b.knee[FIGURE_FAR].y < 0.04f);
    assert_true(b.pelvis.y > 0.2f && b.shoulder.y > 0.2f);
}

/* Seen from the side the far limbs go first and the near ones last; from
 * the front (side-lying) the bent legs come toward the viewer, in front
 * of the trunk. */
static void figure_draws_far_parts_before_near_ones(void **state)
{
    (void)state;
    FigureBody b;
    figure_pose_grounded(&hooklying, &b);
    int want[5] = {FIGURE_PART_ARM_FAR, FIGURE_PART_LEG_FAR, FIGURE_PART_TRUNK,
                   FIGURE_PART_LEG_NEAR, FIGURE_PART_ARM_NEAR};
    assert_memory_equal(b.order, want, sizeof want);
    Pose clam = {.trunk = 180, .shoulder_far = 172, .hip_near = 45, .knee_near = 90,
                 .hip_far = 45, .knee_far = 90, .side_lying = true};
    figure_pose_grounded(&clam, &b);
    int trunk_at = -1, legs_at = -1;
    for (int i = 0; i < 5; i++) {
        if (b.order[i] == FIGURE_PART_TRUNK) trunk_at = i;
        if (b.order[i] == FIGURE_PART_LEG_FAR) legs_at = i;
    }
    assert_true(legs_at > trunk_at);
}

static void figure_each_side_right_turns_the_figure_round(void **state)
{
    (void)state;
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
    Pose p = {.trunk = 180, .shoulder_far = 172, .hip_near = 45, .knee_near = 90,
              .hip_far = 45, .knee_far = 90, .side_lying = true};
    FigureBody b;
    figure_pose_grounded(&p, &b);
    assert_true(b.wide && b.face_viewer);
    assert_true(b.hip[FIGURE_NEAR].y > b.hip[FIGURE_FAR].y + 0.1f);
    assert_true(fabsf(b.hip[FIGURE_NEAR].x - b.hip[FIGURE_FAR].x) < 1e-4f);
}

static void figure_from_above_shows_the_trunk_wide_and_the_face(void **state)
{
    (void)state;
    Pose p = hooklying;
    p.from_above = true;
    FigureBody side, above;
    figure_pose_grounded(&hooklying, &side);
    figure_pose_grounded(&p, &above);
    assert_false(side.wide);
    assert_true(above.wide && above.face_viewer);
    /* The near side is toward the viewer: lower in the picture. */
    assert_true(above.hip[FIGURE_NEAR].y < above.hip[FIGURE_FAR].y - 0.1f);
}

/* One view per level: every phase of either side, and its mat, fit. */
static void figure_view_keeps_every_level_inside_its_box_through_the_move(void **state)
{
    (void)state;
    int tracks;
    Program *prog = test_load_program(TEST_LEVELS_DIR, &tracks, NULL);
    assert_true(tracks >= 8);
    SDL_Rect box = {100, 50, 600, 300};
    for (int t = 0; t < prog->track_count; t++) {
        for (int l = 0; l < prog->tracks[t].level_count; l++) {
            const Level *level = &prog->tracks[t].levels[l];
            FigureView v = figure_view_fit(level, box);
            assert_true(v.oy + v.floor_front * v.scale <= box.y + box.h);
            assert_true(v.oy - v.floor_back * v.scale >= box.y);
            for (int side = SIDE_LEFT; side <= SIDE_RIGHT; side++)
                for (int k = 0; k <= 8; k++) {
                    FigureBody b;
                    bool mirror;
                    figure_level_body(level, (Side)side, k / 8.0f, &b, &mirror);
                    if (mirror)
                        figure_mirror(&b, v.centre_x);
                    float lo, hi, bottom, top;
                    figure_bounds(&b, &lo, &hi, &bottom, &top);
                    SDL_FPoint a = figure_to_screen(&v, (SDL_FPoint){lo, top});
                    SDL_FPoint c = figure_to_screen(&v, (SDL_FPoint){hi, bottom});
                    if (!(a.x >= box.x - 0.5f && c.x <= box.x + box.w + 0.5f &&
                          a.y >= box.y - 0.5f && c.y <= box.y + box.h + 0.5f))
                        fail_msg("%s side %d t=%d/8 leaves its box", level->id, side, k);
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
        cmocka_unit_test(figure_on_the_back_with_knees_bent_has_its_feet_flat_on_the_mat),
        cmocka_unit_test(figure_table_top_puts_the_shins_level_above_the_hips),
        cmocka_unit_test(figure_face_down_turns_the_front_to_the_floor),
        cmocka_unit_test(figure_on_hands_and_knees_stands_on_hands_and_knees),
        cmocka_unit_test(figure_draws_far_parts_before_near_ones),
        cmocka_unit_test(figure_each_side_right_turns_the_figure_round),
        cmocka_unit_test(figure_side_lying_stacks_hips_and_faces_the_viewer),
        cmocka_unit_test(figure_from_above_shows_the_trunk_wide_and_the_face),
        cmocka_unit_test(figure_view_keeps_every_level_inside_its_box_through_the_move),
        cmocka_unit_test(figure_ease_starts_and_ends_at_rest),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
