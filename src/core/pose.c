/* pose.c: joint angles to joint positions, floor contacts kept by solving
 * limbs back from where they rest.  Angles follow core/program.h: trunk
 * absolute in the picture, everything else anatomical and relative. */
#include "pose.h"

#include <math.h>
#include <string.h>

#define PI_F 3.14159265358979f
#define HIP_SPREAD 0.072f      /* half the distance between the hip joints */
#define SHOULDER_SPREAD 0.09f  /* half the distance between the shoulders */
#define WAIST_AT 0.13f         /* the low back's apex, from the pelvis */
#define HEAD_AT 0.082f         /* neck to the head's centre */
#define SOLE_DROP 0.008f       /* the sole lies this far below the ankle line */
#define ELEVATION_SIDE_LYING 24.0f
#define ELEVATION_ABOVE 75.0f

static float rad(float deg) { return deg * PI_F / 180.0f; }
static Vec3 v3(float x, float y, float z) { return (Vec3){x, y, z}; }
static Vec3 add(Vec3 a, Vec3 b) { return v3(a.x + b.x, a.y + b.y, a.z + b.z); }
static Vec3 sub(Vec3 a, Vec3 b) { return v3(a.x - b.x, a.y - b.y, a.z - b.z); }
static Vec3 mul(Vec3 a, float k) { return v3(a.x * k, a.y * k, a.z * k); }
static float dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
static Vec3 cross(Vec3 a, Vec3 b)
{
    return v3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x);
}
static float len(Vec3 a) { return sqrtf(dot(a, a)); }
static Vec3 unit(Vec3 a, Vec3 fallback)
{
    float l = len(a);
    return l > 1e-6f ? mul(a, 1.0f / l) : fallback;
}
static Vec3 lerp3(Vec3 a, Vec3 b, float t) { return add(a, mul(sub(b, a), t)); }
static float clampf(float v, float lo, float hi) { return v < lo ? lo : v > hi ? hi : v; }
static float smooth(float t)
{
    t = clampf(t, 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
}
/* a turned toward b (both unit, at right angles) by deg. */
static Vec3 turn(Vec3 a, Vec3 b, float deg)
{
    return add(mul(a, cosf(rad(deg))), mul(b, sinf(rad(deg))));
}
/* p turned about the unit axis u through the origin by deg (Rodrigues). */
static Vec3 rotate_about(Vec3 p, Vec3 u, float deg)
{
    float c = cosf(rad(deg)), s = sinf(rad(deg));
    return add(add(mul(p, c), mul(cross(u, p), s)), mul(u, dot(u, p) * (1.0f - c)));
}

float pose_dist(Vec3 a, Vec3 b) { return len(sub(a, b)); }

float pose_joint_angle(Vec3 a, Vec3 b, Vec3 c)
{
    Vec3 u = unit(sub(a, b), v3(1, 0, 0)), w = unit(sub(c, b), v3(1, 0, 0));
    return acosf(clampf(dot(u, w), -1.0f, 1.0f)) * 180.0f / PI_F;
}

float pose_elevation(const Pose *p)
{
    if (p->side_lying)
        return ELEVATION_SIDE_LYING;
    return p->from_above ? ELEVATION_ABOVE : 0.0f;
}

void pose_project(float elevation, Vec3 p, float *x, float *y, float *depth)
{
    float c = cosf(rad(elevation)), s = sinf(rad(elevation));
    *x = p.x;
    *y = p.y * c - p.z * s;
    if (depth)
        *depth = p.z * c + p.y * s;
}

/* Moves the knee (or elbow) of a two-bone chain root-mid-end so the end
 * reaches target: the joint stays in the plane it bends in now (a straight
 * limb bends toward straight_bend).  An end out of reach points the
 * straight limb at the target. */
static void two_bone(Vec3 root, Vec3 *mid, Vec3 *end, Vec3 target, float a, float b,
                     Vec3 straight_bend)
{
    Vec3 d = sub(target, root);
    float dl = len(d);
    Vec3 u = unit(d, unit(sub(*end, root), v3(1, 0, 0)));
    Vec3 bend = sub(sub(*mid, root), mul(u, dot(sub(*mid, root), u)));
    Vec3 hint = sub(straight_bend, mul(u, dot(straight_bend, u)));
    Vec3 n = len(bend) > 1e-3f ? unit(bend, hint) : unit(hint, v3(0, 1, 0));
    float lo = fabsf(a - b) + 1e-4f, hi = a + b - 1e-5f;
    dl = clampf(dl, lo, hi);
    float x = (a * a - b * b + dl * dl) / (2.0f * dl);
    float h = sqrtf(fmaxf(a * a - x * x, 0.0f));
    *mid = add(add(root, mul(u, x)), mul(n, h));
    *end = add(root, mul(u, dl));
}

/* The visible half-thickness of the trunk, an ellipse wide across the body
 * and narrow front to back, in direction d. */
static float trunk_extent(const PoseBody *b, Vec3 d, float edge_on, float wide)
{
    float s = dot(d, b->side) * wide, f = dot(d, b->front) * edge_on;
    return sqrtf(s * s + f * f);
}

/* The foot: at a right angle to the shin when free, flat on the floor when
 * the ankle is low (toward whichever way the toes already point). */
static void set_foot(PoseBody *b, int i, Vec3 leg_front)
{
    Vec3 shin = unit(sub(b->ankle[i], b->knee[i]), v3(0, -1, 0));
    /* Neutral: the toes point the way the shin's front faces. */
    Vec3 neutral = unit(sub(leg_front, mul(shin, dot(leg_front, shin))), v3(1, 0, 0));
    Vec3 flat = v3(neutral.x, 0, neutral.z);
    if (len(flat) < 0.35f) /* toes straight up or down (face down): pointed */
        flat = v3(shin.x, 0, shin.z);
    flat = unit(flat, v3(1, 0, 0));
    float w = 1.0f - smooth((b->ankle[i].y - 0.05f) / 0.08f);
    Vec3 foot = unit(lerp3(neutral, flat, w), flat);
    Vec3 sole = mul(lerp3(shin, v3(0, -1, 0), w), SOLE_DROP);
    b->toe[i] = add(add(b->ankle[i], mul(foot, POSE_FOOT_LEN)), sole);
    b->heel[i] = add(sub(b->ankle[i], mul(foot, 0.018f)), sole);
}

/* The leg's own "front" (where the knee points) for feet and bends. */
static Vec3 leg_front(const PoseBody *b, int i)
{
    Vec3 thigh = unit(sub(b->knee[i], b->hip[i]), v3(1, 0, 0));
    Vec3 shin = unit(sub(b->ankle[i], b->knee[i]), thigh);
    Vec3 f = sub(thigh, shin); /* points out of the knee's bend */
    if (len(f) < 1e-3f)
        return b->front;
    return unit(f, b->front);
}

/* Turns leg i's knee outward about its hip-ankle line by deg. */
static void open_knee(PoseBody *b, int i, float deg, Vec3 outward)
{
    if (fabsf(deg) < 1e-4f)
        return;
    Vec3 u = unit(sub(b->ankle[i], b->hip[i]), v3(1, 0, 0));
    Vec3 k = sub(b->knee[i], b->hip[i]);
    float sign = dot(cross(u, k), outward) >= 0.0f ? 1.0f : -1.0f;
    b->knee[i] = add(b->hip[i], rotate_about(k, u, deg * sign));
}

/* Side-lying: the top leg rests on the bottom one, ankle on ankle, and the
 * knee as low as the hip and ankle allow, on the bottom knee.  Only then
 * does the hinge open (the clamshell), so the feet stay together. */
static void rest_top_leg(PoseBody *b)
{
    Vec3 up = b->side;
    Vec3 ankle_to = add(b->ankle[POSE_FAR], mul(up, 2.0f * POSE_R_SHIN_B));
    b->knee[POSE_NEAR] = add(b->knee[POSE_FAR], mul(up, 2.0f * POSE_R_THIGH_B));
    two_bone(b->hip[POSE_NEAR], &b->knee[POSE_NEAR], &b->ankle[POSE_NEAR], ankle_to,
             POSE_THIGH_LEN, POSE_SHIN_LEN, b->front);
    open_knee(b, POSE_NEAR, b->top_open, up);
}

void pose_forward(const Pose *p, PoseBody *b)
{
    memset(b, 0, sizeof *b);
    float f = p->flip ? -1.0f : 1.0f;
    Vec3 along = v3(cosf(rad(p->trunk)), sinf(rad(p->trunk)), 0);
    Vec3 front, side;
    if (p->side_lying) {
        /* Lying on the far side, facing the viewer: near is up. */
        front = v3(0, 0, 1);
        side = v3(cosf(rad(p->trunk - 90.0f)), sinf(rad(p->trunk - 90.0f)), 0);
    } else {
        front = v3(cosf(rad(p->trunk - 90.0f * f)), sinf(rad(p->trunk - 90.0f * f)), 0);
        side = v3(0, 0, 1);
    }
    b->side_lying = p->side_lying;
    b->elevation = pose_elevation(p);
    /* The pelvis sets the legs; the chest above a side bend sets the arms. */
    Vec3 chest_along = turn(along, side, p->side_bend);
    Vec3 chest_side = turn(side, mul(along, -1.0f), p->side_bend);
    b->along = chest_along;
    b->front = front;
    b->side = chest_side;
    b->pelvis = v3(0, 0, 0);
    b->waist = add(mul(along, WAIST_AT), mul(front, WAIST_AT * sinf(rad(p->lumbar))));
    b->shoulder = mul(chest_along, POSE_TRUNK_LEN * 0.93f);
    b->neck = mul(chest_along, POSE_TRUNK_LEN);
    b->head = add(b->neck, mul(turn(chest_along, front, p->neck), HEAD_AT));

    const float shoulder[2] = {p->shoulder_near, p->shoulder_far};
    const float elbow[2] = {p->elbow_near, p->elbow_far};
    const float arm_out[2] = {p->shoulder_out_near, p->shoulder_out_far};
    const float hip[2] = {p->hip_near, p->hip_far};
    const float knee[2] = {p->knee_near, p->knee_far};
    for (int i = 0; i < 2; i++) {
        float outward = i == POSE_NEAR ? 1.0f : -1.0f;
        b->hip[i] = mul(side, HIP_SPREAD * outward);
        b->shoulder_at[i] = add(b->shoulder, mul(chest_side, SHOULDER_SPREAD * outward));
        /* Flexion swings a limb from "along the body toward the feet" to
         * the front; abduction then takes it out to its own side. */
        Vec3 down = mul(chest_along, -1.0f);
        Vec3 arm = turn(turn(down, front, shoulder[i]), mul(chest_side, outward), arm_out[i]);
        Vec3 arm_front = turn(front, chest_along, shoulder[i]);
        b->elbow[i] = add(b->shoulder_at[i], mul(arm, POSE_UPPER_ARM_LEN));
        Vec3 forearm = turn(arm, arm_front, elbow[i]);
        b->wrist[i] = add(b->elbow[i], mul(forearm, POSE_FOREARM_LEN));
        b->hand[i] = add(b->wrist[i], mul(forearm, POSE_HAND_LEN));

        Vec3 thigh = turn(mul(along, -1.0f), front, hip[i]);
        Vec3 thigh_front = turn(front, along, hip[i]);
        b->knee[i] = add(b->hip[i], mul(thigh, POSE_THIGH_LEN));
        b->ankle[i] = add(b->knee[i], mul(turn(thigh, thigh_front, -knee[i]), POSE_SHIN_LEN));
    }
    b->top_open = p->hip_open_near;
    if (p->side_lying)
        rest_top_leg(b);
    else
        open_knee(b, POSE_NEAR, p->hip_open_near, side);
    open_knee(b, POSE_FAR, p->hip_open_far, mul(side, -1.0f));
    for (int i = 0; i < 2; i++)
        set_foot(b, i, leg_front(b, i));
}

typedef struct {
    Vec3 a, b;
    float ra, rb;
} Capsule;

/* The limbs as capsules (the trunk apart: it is an ellipse). */
static int limb_capsules(const PoseBody *b, Capsule *c)
{
    int n = 0;
    for (int i = 0; i < 2; i++) {
        c[n++] = (Capsule){b->shoulder_at[i], b->elbow[i], POSE_R_UPPER_ARM_A, POSE_R_UPPER_ARM_B};
        c[n++] = (Capsule){b->elbow[i], b->wrist[i], POSE_R_FOREARM_A, POSE_R_FOREARM_B};
        c[n++] = (Capsule){b->wrist[i], b->hand[i], POSE_R_FOREARM_B, POSE_R_FOREARM_B};
        c[n++] = (Capsule){b->hip[i], b->knee[i], POSE_R_THIGH_A, POSE_R_THIGH_B};
        c[n++] = (Capsule){b->knee[i], b->ankle[i], POSE_R_SHIN_A, POSE_R_SHIN_B};
        c[n++] = (Capsule){b->heel[i], b->toe[i], POSE_R_FOOT, POSE_R_FOOT};
    }
    return n;
}

static float pelvis_gap(const PoseBody *b)
{
    return b->pelvis.y - trunk_extent(b, v3(0, 1, 0), POSE_R_PELVIS, POSE_R_PELVIS_WIDE);
}
static float waist_gap(const PoseBody *b)
{
    float r = (POSE_R_PELVIS + POSE_R_CHEST) / 2, w = (POSE_R_PELVIS_WIDE + POSE_R_CHEST_WIDE) / 2;
    return b->waist.y - trunk_extent(b, v3(0, 1, 0), r, w);
}
static float chest_gap(const PoseBody *b)
{
    return b->shoulder.y - trunk_extent(b, v3(0, 1, 0), POSE_R_CHEST, POSE_R_CHEST_WIDE);
}
static float head_gap(const PoseBody *b) { return b->head.y - POSE_HEAD_R; }
static float foot_gap(const PoseBody *b, int i)
{
    return fminf(b->heel[i].y, b->toe[i].y) - POSE_R_FOOT;
}
static float knee_gap(const PoseBody *b, int i) { return b->knee[i].y - POSE_R_THIGH_B; }
static float hand_gap(const PoseBody *b, int i)
{
    return fminf(b->wrist[i].y, b->hand[i].y) - POSE_R_FOREARM_B;
}

float pose_lowest(const PoseBody *b)
{
    Capsule c[12];
    int n = limb_capsules(b, c);
    float low = fminf(fminf(pelvis_gap(b), chest_gap(b)), fminf(waist_gap(b), head_gap(b)));
    for (int i = 0; i < n; i++)
        low = fminf(low, fminf(c[i].a.y - c[i].ra, c[i].b.y - c[i].rb));
    return low;
}

/* Lowest point, feet and hands left out: they are set (flat, or in line)
 * once the body is down, so a neutral foot or a hand in line with an
 * upright forearm never lifts the body off the floor. */
static float lowest_but_ends(const PoseBody *b)
{
    PoseBody t = *b;
    for (int i = 0; i < 2; i++) {
        t.heel[i] = t.toe[i] = t.ankle[i];
        t.hand[i] = t.wrist[i];
    }
    return pose_lowest(&t);
}

static void translate(PoseBody *b, Vec3 d)
{
    Vec3 *pts[] = {&b->pelvis, &b->waist, &b->shoulder, &b->neck, &b->head};
    for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++)
        *pts[i] = add(*pts[i], d);
    for (int i = 0; i < 2; i++) {
        Vec3 *limb[] = {&b->hip[i], &b->shoulder_at[i], &b->elbow[i], &b->wrist[i], &b->hand[i],
                        &b->knee[i], &b->ankle[i], &b->toe[i], &b->heel[i]};
        for (size_t k = 0; k < sizeof limb / sizeof limb[0]; k++)
            *limb[k] = add(*limb[k], d);
    }
}

static void refeet(PoseBody *b)
{
    for (int i = 0; i < 2; i++)
        set_foot(b, i, leg_front(b, i));
}

/* Solves leg i so its ankle sits at target. */
static void leg_to(PoseBody *b, int i, Vec3 target)
{
    two_bone(b->hip[i], &b->knee[i], &b->ankle[i], target, POSE_THIGH_LEN, POSE_SHIN_LEN,
             leg_front(b, i));
    set_foot(b, i, leg_front(b, i));
}

/* The hand: in line with the forearm in the air, flat on the floor as the
 * wrist comes down (fingers the way the forearm points, or toward the head
 * when the forearm stands upright, as on hands and knees). */
static void set_hand(PoseBody *b, int i)
{
    Vec3 fore = unit(sub(b->wrist[i], b->elbow[i]), v3(-1, 0, 0));
    Vec3 flat = v3(fore.x, 0, fore.z);
    if (len(flat) < 0.35f)
        flat = v3(b->along.x, 0, b->along.z);
    flat = unit(flat, v3(-1, 0, 0));
    float w = 1.0f - smooth((b->wrist[i].y - 0.04f) / 0.06f);
    b->hand[i] = add(b->wrist[i], mul(unit(lerp3(fore, flat, w), flat), POSE_HAND_LEN));
}

/* Solves arm i so its wrist sits at target. */
static void arm_to(PoseBody *b, int i, Vec3 target)
{
    /* A straight arm that must bend gives at the elbow, out to its side
     * (never down into the floor). */
    Vec3 out = mul(b->side, i == POSE_NEAR ? 1.0f : -1.0f);
    if (out.y < -0.5f) /* the lower arm when lying on the side */
        out = mul(b->front, -1.0f);
    two_bone(b->shoulder_at[i], &b->elbow[i], &b->wrist[i], target, POSE_UPPER_ARM_LEN,
             POSE_FOREARM_LEN, out);
    set_hand(b, i);
}

/* A key pose's ends, as kinematics put them and as the floor takes them. */
typedef struct {
    PoseBody body;                  /* grounded, ends on the floor */
    Vec3 ankle_fk[2], wrist_fk[2];  /* before the ends went down */
} Key;

/* Puts every limb end near the floor onto it and records what rests. */
static void settle_contacts(PoseBody *b)
{
    PoseContacts *c = &b->contact;
    c->pelvis = pelvis_gap(b) < POSE_CONTACT_GAP * 0.5f;
    c->chest = chest_gap(b) < POSE_CONTACT_GAP * 0.5f;
    c->head = head_gap(b) < POSE_CONTACT_GAP * 0.5f;
    for (int i = 0; i < 2; i++) {
        /* A side-lying top leg rests on the bottom one, not the floor. */
        bool on_leg = b->side_lying && i == POSE_NEAR;
        c->foot[i] = on_leg || foot_gap(b, i) < POSE_CONTACT_GAP;
        c->knee[i] = !on_leg && knee_gap(b, i) < POSE_CONTACT_GAP * 0.5f;
        c->hand[i] = hand_gap(b, i) < POSE_CONTACT_GAP;
        if (c->knee[i]) {
            /* The thigh turns about the hip to put the knee on the floor;
             * shin and foot come along unchanged. */
            Vec3 to = b->knee[i];
            to.y = POSE_R_THIGH_B;
            Vec3 k = add(b->hip[i], mul(unit(sub(to, b->hip[i]), v3(0, -1, 0)), POSE_THIGH_LEN));
            Vec3 d = sub(k, b->knee[i]);
            b->knee[i] = k;
            b->ankle[i] = add(b->ankle[i], d);
            b->heel[i] = add(b->heel[i], d);
            b->toe[i] = add(b->toe[i], d);
        }
        /* Kneeling (the knee down), the shin and foot lie along the floor
         * as they are: only a foot whose knee is up is solved onto it. */
        if (c->foot[i] && !on_leg && !c->knee[i]) {
            /* The foot flattens as it nears the floor, which moves its
             * sole again: a few rounds settle it. */
            for (int round = 0; round < 4; round++) {
                float gap = foot_gap(b, i);
                if (fabsf(gap) < 1e-5f)
                    break;
                leg_to(b, i, sub(b->ankle[i], v3(0, gap, 0)));
            }
        }
        if (c->hand[i]) {
            /* The wrist down to the floor, the hand flat beside it. */
            Vec3 to = b->wrist[i];
            to.y = POSE_R_FOREARM_B;
            arm_to(b, i, to);
        }
    }
    if (b->side_lying) {
        rest_top_leg(b);
        set_foot(b, POSE_NEAR, leg_front(b, POSE_NEAR));
    }
}

static void key_solve(const Pose *p, Key *k)
{
    PoseBody *b = &k->body;
    pose_forward(p, b);
    translate(b, v3(0, -lowest_but_ends(b), 0));
    refeet(b);
    for (int i = 0; i < 2; i++)
        set_hand(b, i);
    for (int i = 0; i < 2; i++) {
        k->ankle_fk[i] = b->ankle[i];
        k->wrist_fk[i] = b->wrist[i];
    }
    settle_contacts(b);
    /* A limb that was the lowest point before it was solved onto the floor
     * may leave the trunk hovering just above it: lower the trunk onto the
     * floor and settle the ends again. */
    float trunk = fminf(fminf(pelvis_gap(b), chest_gap(b)), fminf(waist_gap(b), head_gap(b)));
    /* ... as far as the limbs' roots allow (lying on the side, the lower
     * shoulder holds the chest off the floor). */
    for (int i = 0; i < 2; i++)
        trunk = fminf(trunk, fminf(b->shoulder_at[i].y - POSE_R_UPPER_ARM_A,
                                   b->hip[i].y - POSE_R_THIGH_A));
    if (trunk > 1e-5f && trunk < POSE_CONTACT_GAP * 0.5f) {
        translate(b, v3(0, -trunk, 0));
        for (int i = 0; i < 2; i++) {
            k->ankle_fk[i].y -= trunk;
            k->wrist_fk[i].y -= trunk;
        }
        settle_contacts(b);
    }
    /* An end that does not rest may still dip below the floor (a neutral
     * foot): then the whole body comes up, never into the floor. */
    float low = pose_lowest(b);
    if (low < 0.0f)
        translate(b, v3(0, -low, 0));
}

void pose_key(const Pose *p, PoseBody *out)
{
    Key k;
    key_solve(p, &k);
    *out = k.body;
}

/* The pivot: a trunk point resting in both poses, else the average of the
 * limb ends resting in both (hands and knees).  False if nothing rests. */
static bool pivot_of(const PoseBody *b, const PoseContacts *both, Vec3 *out)
{
    if (both->pelvis) {
        *out = b->pelvis;
        return true;
    }
    if (both->chest) {
        *out = b->shoulder;
        return true;
    }
    if (both->head) {
        *out = b->head;
        return true;
    }
    Vec3 sum = v3(0, 0, 0);
    int n = 0;
    for (int i = 0; i < 2; i++) {
        if (both->hand[i]) {
            sum = add(sum, b->wrist[i]);
            n++;
        }
        if (both->knee[i]) {
            sum = add(sum, b->knee[i]);
            n++;
        }
        if (both->foot[i]) {
            sum = add(sum, b->ankle[i]);
            n++;
        }
    }
    if (n == 0)
        return false;
    *out = mul(sum, 1.0f / (float)n);
    return true;
}

void pose_at(const Pose *start, const Pose *peak, float t, PoseBody *out)
{
    t = clampf(t, 0.0f, 1.0f);
    Key s, p;
    key_solve(start, &s);
    key_solve(peak, &p);
    PoseContacts both, *cs = &s.body.contact, *cp = &p.body.contact;
    both.pelvis = cs->pelvis && cp->pelvis;
    both.chest = cs->chest && cp->chest;
    both.head = cs->head && cp->head;
    for (int i = 0; i < 2; i++) {
        both.foot[i] = cs->foot[i] && cp->foot[i];
        both.knee[i] = cs->knee[i] && cp->knee[i];
        both.hand[i] = cs->hand[i] && cp->hand[i];
    }
    /* The peak, put where its pivot meets the start's. */
    Vec3 ps, pp;
    if (pivot_of(&s.body, &both, &ps) && pivot_of(&p.body, &both, &pp)) {
        Vec3 d = sub(ps, pp);
        translate(&p.body, d);
        for (int i = 0; i < 2; i++) {
            p.ankle_fk[i] = add(p.ankle_fk[i], d);
            p.wrist_fk[i] = add(p.wrist_fk[i], d);
        }
    }
    Pose mid = pose_lerp(start, peak, t);
    PoseBody *b = out;
    pose_forward(&mid, b);
    /* Place it: on the pivot when a trunk point rests, else between the
     * key poses' placements (the limb ends are solved below). */
    Vec3 at;
    if ((both.pelvis || both.chest || both.head) && pivot_of(b, &both, &at)) {
        Vec3 want;
        pivot_of(&s.body, &both, &want);
        translate(b, sub(want, at));
    } else {
        translate(b, lerp3(s.body.pelvis, p.body.pelvis, t));
    }
    for (int i = 0; i < 2; i++) {
        bool side_top = b->side_lying && i == POSE_NEAR;
        if (both.foot[i] && !side_top) {
            leg_to(b, i, s.body.ankle[i]);
        } else if ((cs->foot[i] || cp->foot[i]) && !side_top) {
            Vec3 fix = lerp3(sub(s.body.ankle[i], s.ankle_fk[i]), sub(p.body.ankle[i], p.ankle_fk[i]), t);
            leg_to(b, i, add(b->ankle[i], fix));
        } else {
            set_foot(b, i, leg_front(b, i));
        }
        if (both.hand[i]) {
            arm_to(b, i, s.body.wrist[i]);
        } else if (cs->hand[i] || cp->hand[i]) {
            Vec3 fix = lerp3(sub(s.body.wrist[i], s.wrist_fk[i]), sub(p.body.wrist[i], p.wrist_fk[i]), t);
            arm_to(b, i, add(b->wrist[i], fix));
        }
    }
    if (b->side_lying) {
        rest_top_leg(b);
        set_foot(b, POSE_NEAR, leg_front(b, POSE_NEAR));
    }
    for (int i = 0; i < 2; i++)
        set_hand(b, i);
    /* What rests now: the start's contacts early in the move, the peak's late. */
    b->contact = t < 0.5f ? *cs : *cp;
    for (int i = 0; i < 2; i++) {
        b->contact.foot[i] = b->contact.foot[i] || both.foot[i];
        b->contact.hand[i] = b->contact.hand[i] || both.hand[i];
    }
}

Pose pose_for_side(const Pose *pose, Sides sides, Side side, bool *mirror)
{
    Pose p = *pose;
    *mirror = false;
    if (side != SIDE_RIGHT)
        return p;
    if (sides == SIDES_EACH_SIDE) {
        /* Turned round: the viewer now sees the right side, whose limbs are
         * the near ones, so only the picture mirrors. */
        *mirror = true;
    } else if (sides == SIDES_ALTERNATING) {
        Pose q = p;
        q.shoulder_near = p.shoulder_far;
        q.elbow_near = p.elbow_far;
        q.shoulder_out_near = p.shoulder_out_far;
        q.hip_near = p.hip_far;
        q.knee_near = p.knee_far;
        q.hip_open_near = p.hip_open_far;
        q.shoulder_far = p.shoulder_near;
        q.elbow_far = p.elbow_near;
        q.shoulder_out_far = p.shoulder_out_near;
        q.hip_far = p.hip_near;
        q.knee_far = p.knee_near;
        q.hip_open_far = p.hip_open_near;
        q.side_bend = -p.side_bend; /* toward the other side */
        p = q;
    }
    return p;
}

Vec3 pose_strap_direction(const PoseBody *b, MotionStrap strap)
{
    Vec3 from = b->hip[POSE_NEAR], to = b->knee[POSE_NEAR];
    if (strap == MOTION_STRAP_SHIN) {
        from = b->knee[POSE_NEAR];
        to = b->ankle[POSE_NEAR];
    } else if (strap == MOTION_STRAP_UPPER_ARM) {
        from = b->shoulder_at[POSE_NEAR];
        to = b->elbow[POSE_NEAR];
    }
    Vec3 d = {to.x - from.x, to.y - from.y, to.z - from.z};
    float n = sqrtf(d.x * d.x + d.y * d.y + d.z * d.z);
    if (n <= 0.0f)
        return (Vec3){0.0f, 0.0f, 0.0f};
    return (Vec3){d.x / n, d.y / n, d.z / n};
}
