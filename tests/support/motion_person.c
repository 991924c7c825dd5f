/* motion_person.c: a simulated person with a pad strapped on, moving the
 * limb the way the figure moves it. */
#include "motion_person.h"

#include <math.h>
#include <string.h>

#include "pose.h"

#define GRAVITY 9.81f
#define PI_F 3.14159265f

enum { SLIP_AFTER_MS = 1000, SLIP_MS = 600 };
#define SLIP_DEPTH 0.05f /* the limb sags to this much of its move */

static float uniform(unsigned *state)
{
    /* xorshift: the same numbers on every machine, unlike rand(). */
    unsigned x = *state ? *state : 0x9e3779b9u;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return (float)(x & 0xffffff) / (float)0xffffff * 2.0f - 1.0f;
}

static void mat_identity(float m[3][3])
{
    memset(m, 0, 9 * sizeof(float));
    m[0][0] = m[1][1] = m[2][2] = 1.0f;
}

/* Rotation about the unit axis k by angle a (Rodrigues). */
static void mat_axis_angle(float m[3][3], const float k[3], float a)
{
    float c = cosf(a), s = sinf(a), v = 1.0f - c;
    m[0][0] = c + k[0] * k[0] * v;
    m[0][1] = k[0] * k[1] * v - k[2] * s;
    m[0][2] = k[0] * k[2] * v + k[1] * s;
    m[1][0] = k[1] * k[0] * v + k[2] * s;
    m[1][1] = c + k[1] * k[1] * v;
    m[1][2] = k[1] * k[2] * v - k[0] * s;
    m[2][0] = k[2] * k[0] * v - k[1] * s;
    m[2][1] = k[2] * k[1] * v + k[0] * s;
    m[2][2] = c + k[2] * k[2] * v;
}

static void mat_mul(float out[3][3], float a[3][3], float b[3][3])
{
    float r[3][3];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            r[i][j] = a[i][0] * b[0][j] + a[i][1] * b[1][j] + a[i][2] * b[2][j];
    memcpy(out, r, sizeof r);
}

/* out = m^T v */
static void mat_t_apply(float m[3][3], const float v[3], float out[3])
{
    for (int i = 0; i < 3; i++)
        out[i] = m[0][i] * v[0] + m[1][i] * v[1] + m[2][i] * v[2];
}

/* The rotation that turns unit u into unit v the shortest way. */
static void mat_between(float m[3][3], Vec3 u, Vec3 v)
{
    float k[3] = {u.y * v.z - u.z * v.y, u.z * v.x - u.x * v.z, u.x * v.y - u.y * v.x};
    float s = sqrtf(k[0] * k[0] + k[1] * k[1] + k[2] * k[2]);
    float c = u.x * v.x + u.y * v.y + u.z * v.z;
    if (s < 1e-7f) {
        mat_identity(m);
        return;
    }
    for (int i = 0; i < 3; i++)
        k[i] /= s;
    mat_axis_angle(m, k, atan2f(s, c));
}

static void random_mount(MotionPerson *p)
{
    float k[3] = {uniform(&p->rng), uniform(&p->rng), uniform(&p->rng)};
    float n = sqrtf(k[0] * k[0] + k[1] * k[1] + k[2] * k[2]);
    if (n < 1e-3f) {
        k[0] = 1.0f;
        n = 1.0f;
    }
    for (int i = 0; i < 3; i++)
        k[i] /= n;
    mat_axis_angle(p->mount, k, PI_F * uniform(&p->rng));
}

void motion_person_init(MotionPerson *p, const Plan *plan, MotionPersonOptions opt)
{
    memset(p, 0, sizeof *p);
    p->plan = plan;
    p->opt = opt;
    if (p->opt.react_ms <= 0)
        p->opt.react_ms = 250;
    if (p->opt.slip_holds <= 0)
        p->opt.slip_holds = 1;
    p->rng = opt.seed ? opt.seed : 1u;
    p->exercise = 0;
    p->slip_at_ms = -1;
    p->span_ms = 1;
    random_mount(p);
}

static const Level *person_level(const MotionPerson *p)
{
    if (!p->plan || p->exercise < 0 || p->exercise >= p->plan->count)
        return NULL;
    return p->plan->items[p->exercise].level;
}

static float eased(float t)
{
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return t * t * (3 - 2 * t);
}

static float position_at(const MotionPerson *p, int64_t t_ms)
{
    float u = (float)(t_ms - p->from_ms) / (float)(p->span_ms > 0 ? p->span_ms : 1);
    if (t_ms < p->from_ms)
        u = 0;
    float pos = p->from_t + (p->to_t - p->from_t) * eased(u);
    if (p->slip_at_ms >= 0 && t_ms >= p->slip_at_ms && t_ms < p->slip_at_ms + SLIP_MS) {
        /* Sags and comes back up: a hold that was not kept. */
        float w = (float)(t_ms - p->slip_at_ms) / SLIP_MS;
        float dip = w < 0.3f ? w / 0.3f : w > 0.7f ? (1.0f - w) / 0.3f : 1.0f;
        pos = pos + (SLIP_DEPTH - pos) * dip;
    }
    return pos;
}

static void go_to(MotionPerson *p, int64_t at, float to, int64_t span)
{
    p->from_t = position_at(p, at);
    p->from_ms = at;
    p->to_t = to;
    p->span_ms = span > 1 ? span : 1;
}

void motion_person_cue(MotionPerson *p, const Cue *cue)
{
    if (cue->kind == CUE_SIDE && cue->side != p->side) {
        bool moved_pad = p->side != SIDE_NONE && cue->side != SIDE_NONE;
        p->side = cue->side;
        if (moved_pad) {
            random_mount(p); /* strapped on the other leg, some other way */
            p->have_last = false;
        }
        return;
    }
    if (cue->kind != CUE_PHASE || p->opt.still)
        return;
    if (cue->exercise != p->exercise) {
        p->exercise = cue->exercise;
        p->have_last = false;
    }
    const Level *l = person_level(p);
    if (!l)
        return;
    int64_t at = cue->at_ms + p->opt.react_ms;
    switch (cue->phase) {
    case PHASE_MOVE:
        go_to(p, at, 1.0f, l->move_ms > 0 ? l->move_ms : 1000);
        break;
    case PHASE_HOLD:
        p->holds++;
        if (p->opt.slip_hold > 0 && p->holds >= p->opt.slip_hold &&
            p->holds < p->opt.slip_hold + p->opt.slip_holds)
            p->slip_at_ms = cue->at_ms + SLIP_AFTER_MS;
        break;
    case PHASE_RELAX:
        go_to(p, at, 0.0f, (l->relax_ms > 0 ? l->relax_ms : 1000) * 7 / 10);
        break;
    default:
        /* Anything else: back at the start position, lying still. */
        if (p->to_t != 0.0f)
            go_to(p, at, 0.0f, 800);
        break;
    }
}

float motion_person_position(const MotionPerson *p) { return p->t_now; }

MotionSample motion_person_sample(MotionPerson *p, int64_t t_ms)
{
    MotionSample s;
    memset(&s, 0, sizeof s);
    s.t_ms = t_ms;
    s.has_gyro = p->opt.gyro;
    const Level *l = person_level(p);
    float rot[3][3];
    mat_identity(rot);
    p->t_now = p->opt.still ? 0.0f : position_at(p, t_ms);
    if (l && l->motion.strap != MOTION_STRAP_NONE) {
        bool mirror;
        Pose a = pose_for_side(&l->poses.start, l->sides, p->side, &mirror);
        Pose b = pose_for_side(&l->poses.peak, l->sides, p->side, &mirror);
        PoseBody start, now;
        pose_at(&a, &b, 0.0f, &start);
        pose_at(&a, &b, p->t_now, &now);
        mat_between(rot, pose_strap_direction(&start, l->motion.strap),
                    pose_strap_direction(&now, l->motion.strap));
    }
    /* The pad's axes in the world: the segment's turn, then the strap's. */
    float pad[3][3];
    mat_mul(pad, rot, p->mount);
    const float up[3] = {0.0f, GRAVITY, 0.0f}; /* what an accelerometer at rest reads */
    mat_t_apply(pad, up, s.accel);
    for (int i = 0; i < 3; i++)
        s.accel[i] += p->opt.noise * uniform(&p->rng);
    if (p->opt.gyro) {
        float w[3] = {0.0f, 0.0f, 0.0f};
        if (p->have_last && t_ms > p->last_ms) {
            /* The world turn since the last sample, as an angular rate. */
            float d[3][3], last_t[3][3];
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    last_t[i][j] = p->last_rot[j][i];
            mat_mul(d, rot, last_t);
            float tr = d[0][0] + d[1][1] + d[2][2];
            float c = (tr - 1.0f) * 0.5f;
            c = c > 1 ? 1 : c < -1 ? -1 : c;
            float angle = acosf(c);
            if (angle > 1e-6f) {
                float k[3] = {d[2][1] - d[1][2], d[0][2] - d[2][0], d[1][0] - d[0][1]};
                float n = sqrtf(k[0] * k[0] + k[1] * k[1] + k[2] * k[2]);
                float rate = angle / ((float)(t_ms - p->last_ms) / 1000.0f);
                if (n > 1e-9f)
                    for (int i = 0; i < 3; i++)
                        w[i] = k[i] / n * rate;
            }
        }
        mat_t_apply(pad, w, s.gyro);
        for (int i = 0; i < 3; i++)
            s.gyro[i] += p->opt.gyro_bias + 0.01f * uniform(&p->rng);
    }
    memcpy(p->last_rot, rot, sizeof rot);
    p->last_ms = t_ms;
    p->have_last = true;
    return s;
}
