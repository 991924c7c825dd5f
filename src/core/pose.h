/* pose.h: the figure's kinematics, pure C11 with no SDL.  A level's two
 * poses (program.h) become joint positions in 3D body units (standing
 * height 1; x to screen right, y up from the floor, z toward the viewer),
 * with the floor contacts kept: a foot, knee or hand that rests on the
 * floor in both poses stays where it is through the whole movement (the
 * limb is solved back from it, two-bone IK), and a trunk point that rests
 * in both is the pivot the body moves about.  The window only draws what
 * this module computes; the tests check the same numbers. */
#ifndef COREQUEST_POSE_H
#define COREQUEST_POSE_H

#include <stdbool.h>

#include "program.h"
#include "session.h"

enum { POSE_NEAR = 0, POSE_FAR = 1 };

/* Body measures, in standing heights. */
#define POSE_TRUNK_LEN 0.30f
#define POSE_UPPER_ARM_LEN 0.175f
#define POSE_FOREARM_LEN 0.15f /* elbow to wrist */
#define POSE_HAND_LEN 0.08f    /* wrist to fingertips */
#define POSE_THIGH_LEN 0.245f
#define POSE_SHIN_LEN 0.25f
#define POSE_FOOT_LEN 0.075f
#define POSE_HEAD_R 0.062f

/* Half-thicknesses the floor contacts are measured with (the drawing uses
 * the same ones): the trunk seen edge-on (front to back) and across. */
#define POSE_R_PELVIS 0.056f
#define POSE_R_CHEST 0.062f
#define POSE_R_PELVIS_WIDE 0.092f
#define POSE_R_CHEST_WIDE 0.108f
#define POSE_R_THIGH_A 0.047f
#define POSE_R_THIGH_B 0.033f
#define POSE_R_SHIN_A 0.031f
#define POSE_R_SHIN_B 0.022f
#define POSE_R_UPPER_ARM_A 0.029f
#define POSE_R_UPPER_ARM_B 0.024f
#define POSE_R_FOREARM_A 0.023f
#define POSE_R_FOREARM_B 0.019f
#define POSE_R_FOOT 0.018f
/* A limb end within this of the floor in a key pose rests on it. */
#define POSE_CONTACT_GAP 0.06f

typedef struct {
    float x, y, z;
} Vec3;

/* What touches the floor (or, for a side-lying top leg, rests on the
 * bottom one). */
typedef struct {
    bool foot[2], knee[2], hand[2];
    bool pelvis, chest, head;
} PoseContacts;

typedef struct {
    Vec3 pelvis, waist, shoulder, neck, head; /* the trunk's centre line */
    Vec3 hip[2], shoulder_at[2];              /* limb roots, a body's width apart */
    Vec3 elbow[2], wrist[2], hand[2], knee[2], ankle[2], toe[2], heel[2]; /* hand: fingertips */
    Vec3 along;  /* unit, pelvis to neck (the chest's, after a side bend) */
    Vec3 front;  /* unit, toward the belly */
    Vec3 side;   /* unit, toward the near side (the chest's) */
    bool side_lying;
    float top_open;  /* side-lying: how far the top knee opens (hip_open_near) */
    float elevation; /* degrees the camera looks down: 0 = from the side */
    PoseContacts contact;
} PoseBody;

/* The camera for a pose: 0 from the side, more from above (side-lying and
 * "from_above" poses). */
float pose_elevation(const Pose *p);

/* Joint positions for one pose, pelvis at the origin, no floor. */
void pose_forward(const Pose *p, PoseBody *out);

/* One pose on its own: forward kinematics, grounded on its lowest point,
 * with every limb end near the floor put on it (contact set). */
void pose_key(const Pose *p, PoseBody *out);

/* The body at t (0 = start, 1 = peak; the caller eases) of a movement,
 * in the start pose's floor frame: the start pose's contacts that also
 * hold at the peak stay fixed, the others blend. */
void pose_at(const Pose *start, const Pose *peak, float t, PoseBody *out);

/* The pose a side shows: alternating levels swap near and far limbs;
 * each-side levels keep them and set *mirror (the picture turns round). */
Pose pose_for_side(const Pose *pose, Sides sides, Side side, bool *mirror);

/* The unit direction of the segment a strapped motion pad rides on, on
 * the near side (the one that moves in one-side and each-side levels):
 * hip to knee, knee to ankle, or shoulder to elbow.  What a pad's gravity
 * reading follows; the tests make sensor traces from it. */
Vec3 pose_strap_direction(const PoseBody *b, MotionStrap strap);

/* Lowest point of the body's surface (limb thickness included). */
float pose_lowest(const PoseBody *b);

/* Angle in degrees between the segments a->b and b->c (180 = straight). */
float pose_joint_angle(Vec3 a, Vec3 b, Vec3 c);
float pose_dist(Vec3 a, Vec3 b);

/* Where a point lands on the picture for a camera looking down by
 * elevation degrees: x, and y up the picture; depth grows toward the
 * viewer (for drawing order). */
void pose_project(float elevation, Vec3 p, float *x, float *y, float *depth);

#endif
