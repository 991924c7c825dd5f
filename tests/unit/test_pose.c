/* test_pose.c: the figure's kinematics (core/pose.h), from the shipped
 * level files, at every phase of every level and both sides: what rests on
 * the floor stays put and on the floor, nothing sinks into it, and each
 * exercise reaches the position the seed and docs/EXERCISES.md describe
 * (a line from shoulders to knees at the top of a bridge, fingertips at the
 * heel in heel taps, ankles together in the clamshell...). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include <cmocka.h>

#include "levels_load.h"
#include "pose.h"
#include "test_support.h"

enum { STEPS = 8 }; /* t = 0, 1/8 ... 1 */
#define NEAR POSE_NEAR
#define FAR POSE_FAR
#define SINK_MAX 0.003f   /* body units, about half a centimetre */
#define SLIDE_MAX 0.002f
#define GAP_MAX 0.004f

static Program *prog;

static int setup(void **state)
{
    (void)state;
    int tracks;
    prog = test_load_program(TEST_LEVELS_DIR, &tracks, NULL);
    return tracks >= 8 ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    free(prog);
    return 0;
}

static float foot_sole(const PoseBody *b, int i)
{
    return fminf(b->heel[i].y, b->toe[i].y) - POSE_R_FOOT;
}

/* A level's body at step k of STEPS on a side. */
static void body_at(const Level *l, Side side, int k, PoseBody *out)
{
    bool mirror;
    Pose a = pose_for_side(&l->poses.start, l->sides, side, &mirror);
    Pose b = pose_for_side(&l->poses.peak, l->sides, side, &mirror);
    pose_at(&a, &b, (float)k / STEPS, out);
}

static int sides_of(const Level *l, Side *sides)
{
    if (l->sides == SIDES_NONE) {
        sides[0] = SIDE_NONE;
        return 1;
    }
    sides[0] = SIDE_LEFT;
    sides[1] = SIDE_RIGHT;
    return 2;
}

#define CHECK(cond, ...)                                                            \
    do {                                                                            \
        if (!(cond)) {                                                              \
            print_error(__VA_ARGS__);                                               \
            failures++;                                                             \
        }                                                                           \
    } while (0)

static void pose_nothing_sinks_into_the_floor_at_any_phase(void **state)
{
    (void)state;
    int failures = 0;
    for (int t = 0; t < prog->track_count; t++)
        for (int l = 0; l < prog->tracks[t].level_count; l++) {
            const Level *lv = &prog->tracks[t].levels[l];
            Side sides[2];
            int n = sides_of(lv, sides);
            for (int s = 0; s < n; s++)
                for (int k = 0; k <= STEPS; k++) {
                    PoseBody b;
                    body_at(lv, sides[s], k, &b);
                    float low = pose_lowest(&b);
                    CHECK(low > -SINK_MAX, "%s side %d t=%d/%d: %.4f below the floor\n",
                          lv->id, sides[s], k, STEPS, -low);
                    CHECK(low < 0.01f, "%s side %d t=%d/%d: floating %.4f above the floor\n",
                          lv->id, sides[s], k, STEPS, low);
                }
        }
    assert_int_equal(failures, 0);
}

/* Feet and hands that rest in both key poses neither slide nor lift, and a
 * resting foot is flat on the floor, not hovering over it. */
static void pose_resting_feet_and_hands_stay_put_on_the_floor(void **state)
{
    (void)state;
    int failures = 0, planted = 0;
    for (int t = 0; t < prog->track_count; t++)
        for (int l = 0; l < prog->tracks[t].level_count; l++) {
            const Level *lv = &prog->tracks[t].levels[l];
            Side sides[2];
            int n = sides_of(lv, sides);
            for (int s = 0; s < n; s++) {
                PoseBody start, peak;
                body_at(lv, sides[s], 0, &start);
                body_at(lv, sides[s], STEPS, &peak);
                for (int i = 0; i < 2; i++) {
                    /* (A kneeling foot lies along the floor with its shin.) */
                    bool foot = start.contact.foot[i] && peak.contact.foot[i] &&
                                !start.contact.knee[i] && !(start.side_lying && i == NEAR);
                    bool hand = start.contact.hand[i] && peak.contact.hand[i];
                    planted += foot + hand;
                    for (int k = 0; k <= STEPS; k++) {
                        PoseBody b;
                        body_at(lv, sides[s], k, &b);
                        if (foot) {
                            float slide = fmaxf(pose_dist(b.heel[i], start.heel[i]),
                                                pose_dist(b.toe[i], start.toe[i]));
                            CHECK(slide < SLIDE_MAX, "%s side %d leg %d t=%d/%d: foot slides %.4f\n",
                                  lv->id, sides[s], i, k, STEPS, slide);
                            CHECK(fabsf(foot_sole(&b, i)) < GAP_MAX,
                                  "%s side %d leg %d t=%d/%d: sole %.4f off the floor\n",
                                  lv->id, sides[s], i, k, STEPS, foot_sole(&b, i));
                        }
                        if (hand) {
                            float slide = fmaxf(pose_dist(b.wrist[i], start.wrist[i]),
                                                pose_dist(b.hand[i], start.hand[i]));
                            CHECK(slide < SLIDE_MAX, "%s side %d arm %d t=%d/%d: hand slides %.4f\n",
                                  lv->id, sides[s], i, k, STEPS, slide);
                            CHECK(b.wrist[i].y - POSE_R_FOREARM_B < GAP_MAX,
                                  "%s side %d arm %d t=%d/%d: hand hovers\n", lv->id, sides[s], i, k, STEPS);
                        }
                    }
                }
            }
        }
    assert_int_equal(failures, 0);
    assert_true(planted > 20); /* the check did look at something */
}

/* The angle at b between a and c, 180 = straight. */
static float angle(Vec3 a, Vec3 b, Vec3 c) { return pose_joint_angle(a, b, c); }
/* The same as seen from the side (the hips and shoulders are a body's
 * width apart, which a side view does not show). */
static float side_angle(Vec3 a, Vec3 b, Vec3 c)
{
    a.z = b.z = c.z = 0.0f;
    return pose_joint_angle(a, b, c);
}

static const Track *track(const char *id)
{
    const Track *t = program_find_track(prog, id);
    assert_non_null(t);
    return t;
}

static void pose_pelvic_tilt_flattens_the_low_back_with_the_bottom_and_feet_down(void **state)
{
    (void)state;
    const Track *tr = track("pelvic_tilt");
    for (int l = 0; l < tr->level_count; l++) {
        const Level *lv = &tr->levels[l];
        PoseBody start, peak;
        body_at(lv, SIDE_NONE, 0, &start);
        body_at(lv, SIDE_NONE, STEPS, &peak);
        /* The low back: off the floor at the start, pressed flat at the peak
         * (the apex's height over the pelvis-chest line). */
        float arch0 = start.waist.y - (start.pelvis.y + start.shoulder.y) / 2;
        float arch1 = peak.waist.y - (peak.pelvis.y + peak.shoulder.y) / 2;
        assert_true(arch0 > 0.03f);
        assert_true(fabsf(arch1) < 0.003f);
        for (int k = 0; k <= STEPS; k++) {
            PoseBody b;
            body_at(lv, SIDE_NONE, k, &b);
            /* The bottom never leaves the floor, the feet never move. */
            assert_true(fabsf(b.pelvis.y - start.pelvis.y) < 1e-4f);
            assert_true(fabsf(b.shoulder.y - start.shoulder.y) < 0.005f);
            for (int i = 0; i < 2; i++)
                assert_true(pose_dist(b.ankle[i], start.ankle[i]) < SLIDE_MAX);
        }
    }
}

static void pose_toe_taps_tap_the_floor_farther_each_level_with_the_back_down(void **state)
{
    (void)state;
    const Track *tr = track("toe_taps");
    float last_reach = -1.0f;
    for (int l = 0; l < tr->level_count; l++) {
        const Level *lv = &tr->levels[l];
        for (int s = SIDE_LEFT; s <= SIDE_RIGHT; s++) {
            int moving = s == SIDE_LEFT ? NEAR : FAR, still = 1 - moving;
            PoseBody start, peak;
            body_at(lv, (Side)s, 0, &start);
            body_at(lv, (Side)s, STEPS, &peak);
            /* Table top to start: hips and knees at right angles. */
            assert_true(fabsf(side_angle(start.shoulder, start.hip[moving], start.knee[moving]) - 90) < 8);
            assert_true(fabsf(angle(start.hip[moving], start.knee[moving], start.ankle[moving]) - 90) < 8);
            /* The other leg stays in table top, the trunk on the floor. */
            assert_true(pose_dist(peak.ankle[still], start.ankle[still]) < 0.01f);
            assert_true(peak.contact.pelvis && peak.contact.chest);
            float reach = peak.heel[moving].x - peak.hip[moving].x;
            if (lv->id[strlen(lv->id) - 1] <= '2') {
                /* Tap levels: the toes touch the floor. */
                assert_true(fabsf(foot_sole(&peak, moving)) < GAP_MAX);
            } else {
                /* Straight leg: the knee straightens fully. */
                assert_true(angle(peak.hip[moving], peak.knee[moving], peak.ankle[moving]) > 168);
            }
            if (s == SIDE_LEFT) {
                assert_true(reach > last_reach - 0.005f);
                last_reach = reach;
            }
        }
    }
    /* The dead bug: arms up to the sky, the arm opposite the moving leg
     * lowers overhead toward the ear. */
    const Level *dead_bug = &tr->levels[tr->level_count - 1];
    PoseBody start, peak;
    body_at(dead_bug, SIDE_LEFT, 0, &start);
    body_at(dead_bug, SIDE_LEFT, STEPS, &peak);
    for (int i = 0; i < 2; i++)
        assert_true(start.hand[i].y > start.shoulder_at[i].y + 0.3f);
    assert_true(peak.hand[FAR].x < peak.head.x);           /* overhead */
    assert_true(peak.hand[FAR].y < peak.shoulder_at[FAR].y + 0.12f); /* lowered */
    assert_true(peak.hand[NEAR].y > peak.shoulder_at[NEAR].y + 0.3f); /* still up */
}

static void pose_bridge_lifts_to_a_line_from_shoulders_to_knees_on_planted_feet(void **state)
{
    (void)state;
    const Track *tr = track("bridge");
    for (int l = 0; l < tr->level_count; l++) {
        const Level *lv = &tr->levels[l];
        Side side = lv->sides == SIDES_NONE ? SIDE_NONE : SIDE_LEFT;
        PoseBody start, peak;
        body_at(lv, side, 0, &start);
        body_at(lv, side, STEPS, &peak);
        assert_true(peak.pelvis.y > start.pelvis.y + 0.09f); /* about 15 cm */
        assert_true(peak.contact.chest);
        float line = side_angle(peak.shoulder, peak.hip[NEAR], peak.knee[NEAR]);
        if (fabsf(line - 180) > 12)
            fail_msg("%s: shoulders-hips-knees at %.1f degrees, not a line", lv->id, line);
        /* The working foot (both on level 1) is planted under the knee. */
        assert_true(fabsf(foot_sole(&peak, NEAR)) < GAP_MAX);
        assert_true(pose_dist(peak.heel[NEAR], start.heel[NEAR]) < SLIDE_MAX);
    }
    /* Level 2: the other ankle rests over the working knee the whole time. */
    const Level *cross = &tr->levels[1];
    for (int k = 0; k <= STEPS; k++) {
        PoseBody b;
        body_at(cross, SIDE_LEFT, k, &b);
        float dx = b.ankle[FAR].x - b.knee[NEAR].x, dy = b.ankle[FAR].y - b.knee[NEAR].y;
        assert_true(sqrtf(dx * dx + dy * dy) < 0.08f);
        assert_true(b.ankle[FAR].y > 0.15f);
    }
    /* Level 3: the other knee straight, the leg held in line with the
     * working thigh at the top. */
    const Level *straight = &tr->levels[2];
    PoseBody top;
    body_at(straight, SIDE_LEFT, STEPS, &top);
    assert_true(angle(top.hip[FAR], top.knee[FAR], top.ankle[FAR]) > 170);
    Vec3 a = {top.knee[FAR].x - top.hip[FAR].x, top.knee[FAR].y - top.hip[FAR].y, 0};
    Vec3 b = {top.knee[NEAR].x - top.hip[NEAR].x, top.knee[NEAR].y - top.hip[NEAR].y, 0};
    float between = acosf((a.x * b.x + a.y * b.y) / (sqrtf(a.x * a.x + a.y * a.y) * sqrtf(b.x * b.x + b.y * b.y)));
    assert_true(between * 180 / 3.14159f < 12);
}

static void pose_heel_taps_reach_the_fingertips_to_the_heel_with_a_side_bend(void **state)
{
    (void)state;
    const Track *tr = track("heel_taps");
    for (int l = 0; l < tr->level_count; l++) {
        const Level *lv = &tr->levels[l];
        for (int s = SIDE_LEFT; s <= SIDE_RIGHT; s++) {
            int reach = s == SIDE_LEFT ? NEAR : FAR;
            float toward = s == SIDE_LEFT ? 1.0f : -1.0f; /* +z is the near side */
            PoseBody start, peak;
            body_at(lv, (Side)s, 0, &start);
            body_at(lv, (Side)s, STEPS, &peak);
            /* Seen from above, so the reach and the bend show. */
            assert_true(peak.elevation > 45);
            /* Shoulders off the floor the whole time. */
            assert_true(!start.contact.chest && !peak.contact.chest);
            assert_true(start.shoulder.y > 0.08f);
            /* The trunk bends toward the reaching side. */
            assert_true((peak.neck.z - start.neck.z) * toward > 0.08f);
            /* Fingertips at the heel, just outside it, seen from above. */
            float dx = peak.hand[reach].x - peak.heel[reach].x;
            float dz = (peak.hand[reach].z - peak.heel[reach].z) * toward;
            if (fabsf(dx) > 0.03f || dz < 0.0f || dz > 0.07f)
                fail_msg("%s side %d: fingertips %.3f along and %.3f beside the heel", lv->id, s, dx, dz);
            /* Knees bent, feet flat and planted (checked above too). */
            assert_true(peak.contact.foot[NEAR] && peak.contact.foot[FAR]);
        }
    }
}

static void pose_supermans_and_swimmers_lift_straight_limbs_with_the_hips_down(void **state)
{
    (void)state;
    const char *ids[] = {"superman", "swimmers"};
    for (size_t t = 0; t < 2; t++) {
        const Track *tr = track(ids[t]);
        for (int l = 0; l < tr->level_count; l++) {
            const Level *lv = &tr->levels[l];
            Side side = lv->sides == SIDES_NONE ? SIDE_NONE : SIDE_LEFT;
            PoseBody start, peak;
            body_at(lv, side, 0, &start);
            body_at(lv, side, STEPS, &peak);
            assert_true(start.front.y < -0.9f); /* face down */
            assert_true(peak.contact.pelvis);   /* the hips stay on the floor */
            for (int i = 0; i < 2; i++) {
                assert_true(start.contact.hand[i] && start.contact.foot[i]);
                assert_true(angle(peak.shoulder_at[i], peak.elbow[i], peak.wrist[i]) > 170);
                assert_true(angle(peak.hip[i], peak.knee[i], peak.ankle[i]) > 170);
            }
            if (lv->sides == SIDES_NONE) {
                for (int i = 0; i < 2; i++)
                    assert_true(peak.hand[i].y > 0.06f && peak.ankle[i].y > 0.06f);
            } else {
                /* One arm and the opposite leg. */
                assert_true(peak.hand[FAR].y > 0.06f && peak.ankle[NEAR].y > 0.06f);
                assert_true(peak.contact.hand[NEAR] && peak.contact.foot[FAR]);
            }
        }
    }
}

static void pose_clamshell_opens_the_top_knee_with_knees_bent_and_ankles_together(void **state)
{
    (void)state;
    const Track *tr = track("clamshell");
    for (int l = 0; l < tr->level_count; l++) {
        const Level *lv = &tr->levels[l];
        PoseBody start;
        body_at(lv, SIDE_LEFT, 0, &start);
        assert_true(start.side_lying);
        float lift = 0.0f;
        for (int k = 0; k <= STEPS; k++) {
            PoseBody b;
            body_at(lv, SIDE_LEFT, k, &b);
            float ankles = pose_dist(b.ankle[NEAR], b.ankle[FAR]);
            if (ankles > 2 * POSE_R_SHIN_B + 0.005f)
                fail_msg("%s t=%d/%d: ankles %.3f apart", lv->id, k, STEPS, ankles);
            for (int i = 0; i < 2; i++) {
                float knee = 180 - angle(b.hip[i], b.knee[i], b.ankle[i]);
                if (fabsf(knee - 90) > 12)
                    fail_msg("%s t=%d/%d leg %d: knee bent %.0f degrees", lv->id, k, STEPS, i, knee);
                /* Hips about 45 degrees: the thigh against the trunk's line. */
                Vec3 up_trunk = {b.shoulder.x - b.pelvis.x, b.shoulder.y - b.pelvis.y,
                                 b.shoulder.z - b.pelvis.z};
                Vec3 from = {b.hip[i].x + up_trunk.x, b.hip[i].y + up_trunk.y, b.hip[i].z + up_trunk.z};
                float hip = 180 - angle(from, b.hip[i], b.knee[i]);
                if (hip < 30 || hip > 75)
                    fail_msg("%s t=%d/%d leg %d: hip bent %.0f degrees", lv->id, k, STEPS, i, hip);
            }
            /* Only the top knee moves: the bottom leg and pelvis stay. */
            assert_true(pose_dist(b.knee[FAR], start.knee[FAR]) < 1e-3f);
            assert_true(pose_dist(b.pelvis, start.pelvis) < 1e-3f);
            lift = fmaxf(lift, b.knee[NEAR].y - start.knee[NEAR].y);
        }
        assert_true(lift > 0.1f);
    }
}

static void pose_kickback_drives_the_heel_up_on_planted_hands_and_knee(void **state)
{
    (void)state;
    const Track *tr = track("kickback");
    for (int l = 0; l < tr->level_count; l++) {
        const Level *lv = &tr->levels[l];
        PoseBody start, peak;
        body_at(lv, SIDE_LEFT, 0, &start);
        body_at(lv, SIDE_LEFT, STEPS, &peak);
        /* Hands under the shoulders, knees under the hips. */
        for (int i = 0; i < 2; i++) {
            assert_true(start.contact.hand[i] && start.contact.knee[i]);
            assert_true(fabsf(start.wrist[i].x - start.shoulder_at[i].x) < 0.04f);
            assert_true(fabsf(start.knee[i].x - start.hip[i].x) < 0.04f);
        }
        assert_true(peak.contact.knee[FAR] && peak.contact.hand[NEAR] && peak.contact.hand[FAR]);
        assert_true(pose_dist(peak.knee[FAR], start.knee[FAR]) < 0.01f);
        /* The thigh comes level with the trunk, the heel toward the sky. */
        float level = side_angle(peak.shoulder, peak.hip[NEAR], peak.knee[NEAR]);
        assert_true(fabsf(level - 180) < 15);
        assert_true(peak.heel[NEAR].y > peak.knee[NEAR].y + 0.15f);
    }
}

static void pose_alternating_right_side_moves_the_other_limbs(void **state)
{
    (void)state;
    Pose p = {.trunk = 180, .shoulder_far = 170, .hip_near = 20, .hip_far = 90, .knee_far = 90,
              .side_bend = 10, .shoulder_out_near = 5};
    bool mirror = true;
    Pose r = pose_for_side(&p, SIDES_ALTERNATING, SIDE_RIGHT, &mirror);
    assert_false(mirror);
    assert_true(r.shoulder_near == 170 && r.shoulder_far == 0);
    assert_true(r.hip_far == 20 && r.hip_near == 90 && r.knee_near == 90);
    assert_true(r.side_bend == -10 && r.shoulder_out_far == 5);
    Pose e = pose_for_side(&p, SIDES_EACH_SIDE, SIDE_RIGHT, &mirror);
    assert_true(mirror);
    assert_true(e.hip_near == 20);
}

/* Two-bone IK keeps limb lengths: a solved leg is never stretched. */
static void pose_limbs_keep_their_lengths_when_solved(void **state)
{
    (void)state;
    for (int t = 0; t < prog->track_count; t++)
        for (int l = 0; l < prog->tracks[t].level_count; l++)
            for (int k = 0; k <= STEPS; k++) {
                PoseBody b;
                body_at(&prog->tracks[t].levels[l], SIDE_LEFT, k, &b);
                for (int i = 0; i < 2; i++) {
                    assert_true(fabsf(pose_dist(b.hip[i], b.knee[i]) - POSE_THIGH_LEN) < 1e-3f);
                    assert_true(fabsf(pose_dist(b.knee[i], b.ankle[i]) - POSE_SHIN_LEN) < 1e-3f);
                    assert_true(fabsf(pose_dist(b.shoulder_at[i], b.elbow[i]) - POSE_UPPER_ARM_LEN) < 1e-3f);
                    assert_true(fabsf(pose_dist(b.elbow[i], b.wrist[i]) - POSE_FOREARM_LEN) < 1e-3f);
                    assert_true(fabsf(pose_dist(b.wrist[i], b.hand[i]) - POSE_HAND_LEN) < 1e-3f);
                }
            }
}

/* Each level's motion profile fits its own figure: the strapped segment
 * turns, start to peak, by well more than the profile's peak angle, so a
 * person doing what the figure shows reaches it (a pad on that segment
 * sees at least that turn of gravity).  The angles are printed: they are
 * what the profiles were chosen from. */
static void pose_motion_profiles_fit_the_figure(void **state)
{
    (void)state;
    int failures = 0, profiles = 0;
    for (int t = 0; t < prog->track_count; t++)
        for (int l = 0; l < prog->tracks[t].level_count; l++) {
            const Level *lv = &prog->tracks[t].levels[l];
            PoseBody a, b;
            Side side = lv->sides == SIDES_NONE ? SIDE_NONE : SIDE_LEFT;
            body_at(lv, side, 0, &a);
            body_at(lv, side, STEPS, &b);
            float turn[MOTION_STRAP_COUNT] = {0};
            for (int m = MOTION_STRAP_THIGH; m < MOTION_STRAP_COUNT; m++) {
                Vec3 u = pose_strap_direction(&a, (MotionStrap)m);
                Vec3 v = pose_strap_direction(&b, (MotionStrap)m);
                float dot = u.x * v.x + u.y * v.y + u.z * v.z;
                dot = dot > 1 ? 1 : dot < -1 ? -1 : dot;
                turn[m] = acosf(dot) * 57.29578f;
            }
            print_message("%-14s thigh %5.1f  shin %5.1f  upper arm %5.1f%s\n", lv->id,
                          turn[MOTION_STRAP_THIGH], turn[MOTION_STRAP_SHIN],
                          turn[MOTION_STRAP_UPPER_ARM], lv->motion.strap ? "  (profile)" : "");
            if (lv->motion.strap == MOTION_STRAP_NONE)
                continue;
            profiles++;
            float seen = turn[lv->motion.strap];
            CHECK(lv->motion.peak_deg <= 0.8f * seen,
                  "%s: peak_deg %.0f is more than 80%% of the %.1f degrees its %s turns",
                  lv->id, lv->motion.peak_deg, seen, motion_strap_name(lv->motion.strap));
        }
    print_message("%d levels with a motion profile\n", profiles);
    assert_int_equal(failures, 0);
    assert_true(profiles >= 6);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(pose_nothing_sinks_into_the_floor_at_any_phase),
        cmocka_unit_test(pose_resting_feet_and_hands_stay_put_on_the_floor),
        cmocka_unit_test(pose_pelvic_tilt_flattens_the_low_back_with_the_bottom_and_feet_down),
        cmocka_unit_test(pose_toe_taps_tap_the_floor_farther_each_level_with_the_back_down),
        cmocka_unit_test(pose_bridge_lifts_to_a_line_from_shoulders_to_knees_on_planted_feet),
        cmocka_unit_test(pose_heel_taps_reach_the_fingertips_to_the_heel_with_a_side_bend),
        cmocka_unit_test(pose_supermans_and_swimmers_lift_straight_limbs_with_the_hips_down),
        cmocka_unit_test(pose_clamshell_opens_the_top_knee_with_knees_bent_and_ankles_together),
        cmocka_unit_test(pose_kickback_drives_the_heel_up_on_planted_hands_and_knee),
        cmocka_unit_test(pose_alternating_right_side_moves_the_other_limbs),
        cmocka_unit_test(pose_motion_profiles_fit_the_figure),
        cmocka_unit_test(pose_limbs_keep_their_lengths_when_solved),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
