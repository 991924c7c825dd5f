/* figure.c: draws the figure core/pose.c solves: its 3D joints through the
 * pose's camera, limbs as tapered capsules, nearest last. */
#include "figure.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <SDL_image.h>

#include "render.h"

/* Limb half-thicknesses in body units (proximal, distal): core/pose.h's,
 * so the floor contacts it measures are the ones drawn. */
#define R_NECK 0.024f
#define R_UPPER_ARM_A POSE_R_UPPER_ARM_A
#define R_UPPER_ARM_B POSE_R_UPPER_ARM_B
#define R_FOREARM_A POSE_R_FOREARM_A
#define R_FOREARM_B POSE_R_FOREARM_B
#define R_THIGH_A POSE_R_THIGH_A
#define R_THIGH_B POSE_R_THIGH_B
#define R_SHIN_A POSE_R_SHIN_A
#define R_SHIN_B POSE_R_SHIN_B
#define R_FOOT POSE_R_FOOT
#define MAT_THICKNESS 0.028f
#define OUTLINE 0.008f
#define MAT_MARGIN 0.06f

static SDL_FPoint add(SDL_FPoint a, SDL_FPoint b) { return (SDL_FPoint){a.x + b.x, a.y + b.y}; }
static SDL_FPoint sub(SDL_FPoint a, SDL_FPoint b) { return (SDL_FPoint){a.x - b.x, a.y - b.y}; }
static SDL_FPoint mul(SDL_FPoint a, float k) { return (SDL_FPoint){a.x * k, a.y * k}; }
static float clampf(float v, float lo, float hi) { return v < lo ? lo : v > hi ? hi : v; }

float figure_ease(float t)
{
    t = clampf(t, 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
}

static SDL_FPoint flat(float e, Vec3 p, float *depth)
{
    SDL_FPoint q;
    pose_project(e, p, &q.x, &q.y, depth);
    return q;
}

/* The trunk's half-width seen across its projected axis: an ellipse wide
 * across the body, narrow front to back. */
static float seen_width(const PoseBody *pb, SDL_FPoint axis, float edge_on, float wide)
{
    float e = pb->elevation * (float)RENDER_PI / 180.0f;
    float l = sqrtf(axis.x * axis.x + axis.y * axis.y);
    SDL_FPoint n = l > 1e-5f ? (SDL_FPoint){-axis.y / l, axis.x / l} : (SDL_FPoint){0, 1};
    /* The picture's direction n as a 3D direction (x, then "up the picture"). */
    Vec3 d = {n.x, n.y * cosf(e), -n.y * sinf(e)};
    float s = (d.x * pb->side.x + d.y * pb->side.y + d.z * pb->side.z) * wide;
    float f = (d.x * pb->front.x + d.y * pb->front.y + d.z * pb->front.z) * edge_on;
    return sqrtf(s * s + f * f);
}

void figure_flatten(const PoseBody *pb, FigureBody *b)
{
    memset(b, 0, sizeof *b);
    float e = pb->elevation;
    float depth[5] = {0};
    float d;
    b->pelvis = flat(e, pb->pelvis, &depth[FIGURE_PART_TRUNK]);
    b->waist = flat(e, pb->waist, NULL);
    b->shoulder = flat(e, pb->shoulder, NULL);
    b->neck = flat(e, pb->neck, NULL);
    b->head = flat(e, pb->head, &d);
    depth[FIGURE_PART_TRUNK] = (depth[FIGURE_PART_TRUNK] + d) / 2;
    for (int i = 0; i < 2; i++) {
        float da, db, dc;
        b->hip[i] = flat(e, pb->hip[i], &da);
        b->knee[i] = flat(e, pb->knee[i], &db);
        b->ankle[i] = flat(e, pb->ankle[i], &dc);
        depth[i == FIGURE_NEAR ? FIGURE_PART_LEG_NEAR : FIGURE_PART_LEG_FAR] = (da + db + dc) / 3;
        b->toe[i] = flat(e, pb->toe[i], NULL);
        b->heel[i] = flat(e, pb->heel[i], NULL);
        b->shoulder_at[i] = flat(e, pb->shoulder_at[i], &da);
        b->elbow[i] = flat(e, pb->elbow[i], &db);
        b->wrist[i] = flat(e, pb->wrist[i], NULL);
        b->hand[i] = flat(e, pb->hand[i], &dc);
        depth[i == FIGURE_NEAR ? FIGURE_PART_ARM_NEAR : FIGURE_PART_ARM_FAR] = (da + db + dc) / 3;
    }
    Vec3 tip = {pb->pelvis.x + pb->front.x, pb->pelvis.y + pb->front.y, pb->pelvis.z + pb->front.z};
    b->front = sub(flat(e, tip, NULL), b->pelvis);
    SDL_FPoint axis = sub(b->neck, b->pelvis);
    float al = sqrtf(axis.x * axis.x + axis.y * axis.y);
    b->along = al > 1e-5f ? mul(axis, 1.0f / al) : (SDL_FPoint){-1, 0};
    b->head_r = POSE_HEAD_R;
    b->trunk_ra = seen_width(pb, axis, POSE_R_PELVIS, POSE_R_PELVIS_WIDE);
    b->trunk_rb = seen_width(pb, axis, POSE_R_CHEST, POSE_R_CHEST_WIDE);
    b->wide = b->trunk_ra > (POSE_R_PELVIS + POSE_R_PELVIS_WIDE) / 2;
    b->face_viewer = sqrtf(b->front.x * b->front.x + b->front.y * b->front.y) < 0.6f;
    /* The trunk is drawn in two parts only when the waist leaves the
     * pelvis-chest line: toward the belly (a low-back arch), or as seen
     * (a side bend from above). */
    Vec3 w3 = {pb->waist.x - pb->pelvis.x, pb->waist.y - pb->pelvis.y, pb->waist.z - pb->pelvis.z};
    float arch = w3.x * pb->front.x + w3.y * pb->front.y + w3.z * pb->front.z;
    SDL_FPoint w = sub(b->waist, b->pelvis);
    float off = fabsf(w.x * b->along.y - w.y * b->along.x);
    b->arched = fabsf(arch) > 0.004f;
    b->bent = !b->arched && off > 0.004f;
    /* Far parts first; ties keep the side view's order. */
    for (int i = 0; i < 5; i++)
        b->order[i] = i;
    for (int i = 1; i < 5; i++) {
        int k = b->order[i], j = i - 1;
        while (j >= 0 && depth[b->order[j]] > depth[k] + 1e-4f) {
            b->order[j + 1] = b->order[j];
            j--;
        }
        b->order[j + 1] = k;
    }
}

void figure_level_body(const Level *level, Side side, float t, FigureBody *out, bool *mirror)
{
    Pose a = pose_for_side(&level->poses.start, level->sides, side, mirror);
    Pose b = pose_for_side(&level->poses.peak, level->sides, side, mirror);
    PoseBody pb;
    pose_at(&a, &b, t, &pb);
    figure_flatten(&pb, out);
}

typedef struct {
    SDL_FPoint a, b;
    float ra, rb;
} Seg;

static int body_segments(const FigureBody *b, Seg *s)
{
    int n = 0;
    if (b->arched || b->bent) {
        s[n++] = (Seg){b->pelvis, b->waist, b->trunk_ra, b->trunk_ra};
        s[n++] = (Seg){b->waist, b->shoulder, b->trunk_ra, b->trunk_rb};
    } else {
        s[n++] = (Seg){b->pelvis, b->shoulder, b->trunk_ra, b->trunk_rb};
    }
    s[n++] = (Seg){b->head, b->head, b->head_r, b->head_r};
    for (int i = 0; i < 2; i++) {
        s[n++] = (Seg){b->shoulder_at[i], b->elbow[i], R_UPPER_ARM_A, R_UPPER_ARM_B};
        s[n++] = (Seg){b->elbow[i], b->wrist[i], R_FOREARM_A, R_FOREARM_B};
        s[n++] = (Seg){b->wrist[i], b->hand[i], R_FOREARM_B, R_FOREARM_B};
        s[n++] = (Seg){b->hip[i], b->knee[i], R_THIGH_A, R_THIGH_B};
        s[n++] = (Seg){b->knee[i], b->ankle[i], R_SHIN_A, R_SHIN_B};
        s[n++] = (Seg){b->heel[i], b->toe[i], R_FOOT, R_FOOT};
    }
    return n;
}

void figure_mirror(FigureBody *b, float about_x)
{
    SDL_FPoint *pts[] = {&b->pelvis, &b->waist, &b->shoulder, &b->neck, &b->head};
    for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++)
        pts[i]->x = 2 * about_x - pts[i]->x;
    for (int i = 0; i < 2; i++) {
        SDL_FPoint *limb[] = {&b->hip[i], &b->shoulder_at[i], &b->elbow[i], &b->wrist[i], &b->hand[i],
                              &b->knee[i], &b->ankle[i], &b->toe[i], &b->heel[i]};
        for (size_t k = 0; k < sizeof limb / sizeof limb[0]; k++)
            limb[k]->x = 2 * about_x - limb[k]->x;
    }
    b->front.x = -b->front.x;
    b->along.x = -b->along.x;
}

void figure_bounds(const FigureBody *b, float *min_x, float *max_x, float *min_y, float *max_y)
{
    Seg s[20];
    int n = body_segments(b, s);
    float lo = 1e9f, hi = -1e9f, bottom = 1e9f, top = -1e9f;
    for (int i = 0; i < n; i++) {
        lo = fminf(lo, fminf(s[i].a.x - s[i].ra, s[i].b.x - s[i].rb));
        hi = fmaxf(hi, fmaxf(s[i].a.x + s[i].ra, s[i].b.x + s[i].rb));
        bottom = fminf(bottom, fminf(s[i].a.y - s[i].ra, s[i].b.y - s[i].rb));
        top = fmaxf(top, fmaxf(s[i].a.y + s[i].ra, s[i].b.y + s[i].rb));
    }
    *min_x = lo;
    *max_x = hi;
    if (min_y)
        *min_y = bottom;
    *max_y = top;
}

static void depth_span(const PoseBody *pb, float *zmin, float *zmax)
{
    const Vec3 *pts[] = {&pb->pelvis, &pb->shoulder, &pb->head, &pb->hip[0], &pb->hip[1],
                         &pb->knee[0], &pb->knee[1], &pb->toe[0], &pb->toe[1],
                         &pb->hand[0], &pb->hand[1], &pb->shoulder_at[0], &pb->shoulder_at[1]};
    for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++) {
        *zmin = fminf(*zmin, pts[i]->z);
        *zmax = fmaxf(*zmax, pts[i]->z);
    }
}

/* Bodies seen so far, for fitting a view. */
typedef struct {
    float lo, hi, bottom, top, zmin, zmax, elevation;
} Extent;

static void extent_add(Extent *x, const PoseBody *pb)
{
    FigureBody b;
    figure_flatten(pb, &b);
    float a, c, bt, t;
    figure_bounds(&b, &a, &c, &bt, &t);
    x->lo = fminf(x->lo, a);
    x->hi = fmaxf(x->hi, c);
    x->bottom = fminf(x->bottom, bt);
    x->top = fmaxf(x->top, t);
    x->elevation = pb->elevation;
    depth_span(pb, &x->zmin, &x->zmax);
}

static FigureView view_of(Extent x, SDL_Rect box)
{
    FigureView v;
    v.box = box;
    v.floor_back = 0.0f;
    v.floor_front = 0.0f;
    if (x.lo > x.hi) {
        x.lo = -0.5f;
        x.hi = 0.5f;
    }
    if (x.elevation > 0.0f) {
        /* Seen from above, the floor shows as a band reaching behind and in
         * front of the body. */
        float s = sinf(x.elevation * (float)RENDER_PI / 180.0f);
        v.floor_back = (-x.zmin + MAT_MARGIN) * s;
        v.floor_front = (x.zmax + MAT_MARGIN) * s;
        x.bottom = fminf(x.bottom, -v.floor_front);
        x.top = fmaxf(x.top, v.floor_back);
    }
    v.mat_lo = x.lo - MAT_MARGIN;
    v.mat_hi = x.hi + MAT_MARGIN;
    float width = x.hi - x.lo;
    float height = x.top - x.bottom + MAT_THICKNESS;
    float sx = box.w * 0.86f / width;
    float sy = box.h * 0.86f / height;
    v.scale = fminf(sx, sy);
    v.centre_x = (x.lo + x.hi) / 2;
    v.ox = box.x + box.w / 2.0f - v.centre_x * v.scale;
    /* Centre the figure and its mat vertically, a little low, as on a floor. */
    float used = height * v.scale;
    v.oy = box.y + (box.h - used) * 0.6f + x.top * v.scale;
    return v;
}

static Extent extent_empty(void)
{
    return (Extent){1e9f, -1e9f, 0.0f, 0.2f, 1e9f, -1e9f, 0.0f};
}

FigureView figure_view_fit(const Level *level, SDL_Rect box)
{
    Extent x = extent_empty();
    /* Start, on the way and peak, both sides: one size for the exercise. */
    for (int side = SIDE_LEFT; side <= SIDE_RIGHT; side++) {
        bool m;
        Pose a = pose_for_side(&level->poses.start, level->sides, (Side)side, &m);
        Pose b = pose_for_side(&level->poses.peak, level->sides, (Side)side, &m);
        for (int k = 0; k <= 4; k++) {
            PoseBody pb;
            pose_at(&a, &b, k / 4.0f, &pb);
            extent_add(&x, &pb);
        }
    }
    return view_of(x, box);
}

FigureView figure_view_fit_poses(const Pose *poses, int count, SDL_Rect box)
{
    Extent x = extent_empty();
    for (int i = 0; i < count; i++) {
        PoseBody pb;
        pose_key(&poses[i], &pb);
        extent_add(&x, &pb);
    }
    return view_of(x, box);
}

void figure_pose_grounded(const Pose *pose, FigureBody *out)
{
    PoseBody pb;
    pose_key(pose, &pb);
    figure_flatten(&pb, out);
}

SDL_FPoint figure_to_screen(const FigureView *v, SDL_FPoint p)
{
    return (SDL_FPoint){v->ox + p.x * v->scale, v->oy - p.y * v->scale};
}

void figure_draw_mat(SDL_Renderer *r, const FigureView *v)
{
    const Theme *th = render_theme();
    if (v->floor_back > 0.0f || v->floor_front > 0.0f) {
        /* A mat in perspective: the far edge narrower than the near one. */
        float front_y = v->oy + v->floor_front * v->scale;
        float back_y = v->oy - v->floor_back * v->scale;
        float x0 = fmaxf(v->box.x + v->box.w * 0.04f, v->ox + v->mat_lo * v->scale);
        float x1 = fminf(v->box.x + v->box.w * 0.96f, v->ox + v->mat_hi * v->scale);
        float inset = (x1 - x0) * 0.04f;
        SDL_FPoint a = {x0, front_y}, b = {x1, front_y};
        SDL_FPoint c = {x1 - inset, back_y}, d = {x0 + inset, back_y};
        render_triangle(r, a, b, c, th->mat);
        render_triangle(r, a, c, d, th->mat);
        render_line(r, a, b, MAT_THICKNESS * v->scale * 0.6f, th->mat_edge);
        return;
    }
    int thick = (int)(MAT_THICKNESS * v->scale) + 2;
    int x0 = v->box.x + v->box.w / 20;
    SDL_Rect mat = {x0, (int)v->oy, v->box.w - 2 * (x0 - v->box.x), thick};
    render_rounded(r, mat, thick / 2.0f, th->mat);
    render_rect(r, (SDL_Rect){mat.x + thick / 2, mat.y, mat.w - thick, thick / 3 + 1}, th->mat_edge);
}

static void seg_draw(SDL_Renderer *r, const FigureView *v, SDL_FPoint a, SDL_FPoint b,
                     float ra, float rb, float grow, SDL_Color c)
{
    render_capsule(r, figure_to_screen(v, a), figure_to_screen(v, b),
                   (ra + grow) * v->scale, (rb + grow) * v->scale, c);
}

static void limb_draw(SDL_Renderer *r, const FigureView *v, const Seg *segs, int n, SDL_Color fill)
{
    const Theme *th = render_theme();
    /* Outline the whole limb first so its own joints stay seamless while it
     * still stands out against what lies behind it. */
    for (int i = 0; i < n; i++)
        seg_draw(r, v, segs[i].a, segs[i].b, segs[i].ra, segs[i].rb, OUTLINE, th->outline);
    for (int i = 0; i < n; i++)
        seg_draw(r, v, segs[i].a, segs[i].b, segs[i].ra, segs[i].rb, 0.0f, fill);
}

static void leg_draw(SDL_Renderer *r, const FigureView *v, const FigureBody *b, int i, SDL_Color c)
{
    Seg s[3] = {
        {b->hip[i], b->knee[i], R_THIGH_A, R_THIGH_B},
        {b->knee[i], b->ankle[i], R_SHIN_A, R_SHIN_B},
        {b->heel[i], b->toe[i], R_FOOT, R_FOOT},
    };
    limb_draw(r, v, s, 3, c);
}

static void arm_draw(SDL_Renderer *r, const FigureView *v, const FigureBody *b, int i, SDL_Color c)
{
    Seg s[3] = {
        {b->shoulder_at[i], b->elbow[i], R_UPPER_ARM_A, R_UPPER_ARM_B},
        {b->elbow[i], b->hand[i], R_FOREARM_A, R_FOREARM_B},
        {b->wrist[i], b->hand[i], R_FOREARM_B, R_FOREARM_B},
    };
    /* A hand in line with its forearm is drawn with it, in one piece; only
     * a hand laid flat (on the floor) is a piece of its own. */
    SDL_FPoint f = sub(b->wrist[i], b->elbow[i]), h = sub(b->hand[i], b->wrist[i]);
    float cross = f.x * h.y - f.y * h.x, dot = f.x * h.x + f.y * h.y;
    bool bent = fabsf(cross) > 0.17f * fabsf(dot) || dot < 0.0f;
    if (bent)
        s[1].b = b->wrist[i];
    limb_draw(r, v, s, bent ? 3 : 2, c);
}

static SDL_FPoint on_trunk(const FigureBody *b, float along, float front)
{
    float fl = sqrtf(b->front.x * b->front.x + b->front.y * b->front.y);
    SDL_FPoint f = fl > 1e-4f ? mul(b->front, 1.0f / fl) : (SDL_FPoint){0, 0};
    return add(add(b->pelvis, mul(b->along, along)), mul(f, front));
}

static void face_draw(SDL_Renderer *r, const FigureView *v, const FigureBody *b)
{
    const Theme *th = render_theme();
    SDL_FPoint hd = sub(b->head, b->neck);
    float hl = sqrtf(hd.x * hd.x + hd.y * hd.y);
    if (hl > 0.0001f)
        hd = mul(hd, 1.0f / hl);
    float hr = b->head_r;
    if (b->face_viewer) {
        /* The face turned to the viewer: two eyes across the head's axis
         * and a mouth toward the chin. */
        SDL_FPoint across = {-hd.y, hd.x};
        SDL_FPoint c = add(b->head, mul(hd, hr * 0.12f));
        seg_draw(r, v, add(c, mul(across, hr * 0.36f)), add(c, mul(across, hr * 0.36f)), 0.0105f, 0.0105f, 0, th->outline);
        seg_draw(r, v, sub(c, mul(across, hr * 0.36f)), sub(c, mul(across, hr * 0.36f)), 0.0105f, 0.0105f, 0, th->outline);
        SDL_FPoint m = sub(b->head, mul(hd, hr * 0.45f));
        seg_draw(r, v, add(m, mul(across, hr * 0.2f)), sub(m, mul(across, hr * 0.2f)), 0.006f, 0.006f, 0, th->outline);
        return;
    }
    /* In profile: an eye and a nose toward the front, so face up and face
     * down read differently. */
    float fl = sqrtf(b->front.x * b->front.x + b->front.y * b->front.y);
    SDL_FPoint f = mul(b->front, 1.0f / fl);
    SDL_FPoint nose = add(add(b->head, mul(f, hr * 0.92f)), mul(hd, hr * 0.05f));
    seg_draw(r, v, nose, nose, 0.017f, 0.017f, 0, th->skin_trunk);
    SDL_FPoint eye = add(add(b->head, mul(f, hr * 0.45f)), mul(hd, hr * 0.22f));
    seg_draw(r, v, eye, eye, 0.0105f, 0.0105f, 0, th->outline);
}

/* An arched low back lifts off the floor while the belly stays nearly
 * level: the drawn waist sits three quarters of the arch off the
 * pelvis-chest line and is thinner by half of it, so the back's outline
 * curves most. */
static float waist_radius(const FigureBody *b)
{
    float rw = (b->trunk_ra + b->trunk_rb) / 2;
    if (!b->arched)
        return rw;
    SDL_FPoint w = sub(b->waist, b->pelvis);
    float off = fabsf(w.x * b->along.y - w.y * b->along.x);
    return fmaxf(rw - off * 0.5f, rw * 0.4f);
}

static SDL_FPoint waist_drawn(const FigureBody *b)
{
    SDL_FPoint w = sub(b->waist, b->pelvis);
    float on_line = w.x * b->along.x + w.y * b->along.y;
    SDL_FPoint line = add(b->pelvis, mul(b->along, on_line));
    return add(line, mul(sub(b->waist, line), 0.75f));
}

static void trunk_draw(SDL_Renderer *r, const FigureBody *b, const FigureView *v, unsigned muscles)
{
    const Theme *th = render_theme();
    Seg trunk[4];
    int n = 0;
    float rw = waist_radius(b);
    if (b->arched || b->bent) {
        SDL_FPoint w = b->arched ? waist_drawn(b) : b->waist;
        trunk[n++] = (Seg){b->pelvis, w, b->trunk_ra, rw};
        trunk[n++] = (Seg){w, b->shoulder, rw, b->trunk_rb};
    } else {
        trunk[n++] = (Seg){b->pelvis, b->shoulder, b->trunk_ra, b->trunk_rb};
    }
    trunk[n++] = (Seg){b->shoulder, b->head, R_NECK, R_NECK};
    trunk[n++] = (Seg){b->head, b->head, b->head_r, b->head_r};
    limb_draw(r, v, trunk, n, th->skin_trunk);

    /* Working muscles, inside the trunk's outline.  Seen from the front or
     * above the belly faces the viewer and the back is hidden. */
    SDL_Color m = th->muscle;
    if (b->wide) {
        if (muscles & MUSCLE_CORE)
            seg_draw(r, v, on_trunk(b, 0.06f, 0.0f), on_trunk(b, 0.18f, 0.0f), 0.04f, 0.045f, 0, m);
    } else {
        if (muscles & MUSCLE_BACK)
            seg_draw(r, v, on_trunk(b, 0.03f, -0.030f), on_trunk(b, 0.24f, -0.034f), 0.022f, 0.022f, 0, m);
        if (muscles & MUSCLE_CORE)
            seg_draw(r, v, on_trunk(b, 0.05f, 0.026f), on_trunk(b, 0.19f, 0.030f), 0.026f, 0.026f, 0, m);
    }
    face_draw(r, v, b);
}

static void glutes_draw(SDL_Renderer *r, const FigureBody *b, const FigureView *v, unsigned muscles)
{
    SDL_Color m = render_theme()->muscle;
    SDL_FPoint thigh = sub(b->knee[FIGURE_NEAR], b->hip[FIGURE_NEAR]);
    float fl = sqrtf(b->front.x * b->front.x + b->front.y * b->front.y);
    SDL_FPoint f = fl > 1e-4f ? mul(b->front, 1.0f / fl) : (SDL_FPoint){0, 0};
    if ((muscles & MUSCLE_GLUTES) && !b->wide) {
        SDL_FPoint g = add(add(b->hip[FIGURE_NEAR], mul(f, -0.024f)), mul(thigh, 0.12f));
        seg_draw(r, v, g, add(g, mul(thigh, 0.22f)), 0.034f, 0.026f, 0, m);
    }
    if ((muscles & MUSCLE_HIPS) || (b->wide && (muscles & MUSCLE_GLUTES))) {
        /* The outer hip, on the top leg where it meets the pelvis. */
        SDL_FPoint h = add(b->hip[FIGURE_NEAR], mul(thigh, 0.08f));
        seg_draw(r, v, h, add(h, mul(thigh, 0.4f)), 0.034f, 0.026f, 0, m);
    }
}

void figure_draw_body(SDL_Renderer *r, const FigureBody *b, const FigureView *v, unsigned muscles)
{
    const Theme *th = render_theme();
    for (int k = 0; k < 5; k++) {
        switch ((FigurePart)b->order[k]) {
        case FIGURE_PART_ARM_FAR: arm_draw(r, v, b, FIGURE_FAR, th->skin_far); break;
        case FIGURE_PART_LEG_FAR: leg_draw(r, v, b, FIGURE_FAR, th->skin_far); break;
        case FIGURE_PART_TRUNK: trunk_draw(r, b, v, muscles); break;
        case FIGURE_PART_LEG_NEAR:
            leg_draw(r, v, b, FIGURE_NEAR, th->skin_near);
            glutes_draw(r, b, v, muscles);
            break;
        case FIGURE_PART_ARM_NEAR: arm_draw(r, v, b, FIGURE_NEAR, th->skin_near); break;
        }
    }
}

/* The pelvic tilt's cue: when a level's low back flattens, an arrow over
 * the belly points down at the floor and the low back glows as it presses
 * into the mat (amount: 0 arched .. 1 flat). */
static void low_back_cue(SDL_Renderer *r, const FigureBody *b, const FigureView *v, float amount)
{
    const Theme *th = render_theme();
    float fl = sqrtf(b->front.x * b->front.x + b->front.y * b->front.y);
    if (fl < 1e-4f)
        return;
    SDL_FPoint f = mul(b->front, 1.0f / fl);
    SDL_FPoint waist = waist_drawn(b);
    float rw = waist_radius(b);
    /* The glow: on the mat under the low back, bright once it is pressed. */
    SDL_FPoint g0 = add(b->pelvis, mul(b->along, 0.03f));
    SDL_FPoint g1 = add(b->pelvis, mul(b->along, 0.2f));
    g0.y = g1.y = 0.012f;
    SDL_Color glow = render_alpha(th->muscle, (Uint8)(40 + 215 * clampf(amount, 0, 1)));
    seg_draw(r, v, g0, g1, 0.014f, 0.014f, 0, glow);
    /* The arrow: from above the belly down toward the low back. */
    SDL_FPoint tip = add(waist, mul(f, rw + 0.03f));
    SDL_FPoint tail = add(tip, mul(f, 0.11f));
    SDL_FPoint across = {-f.y, f.x};
    SDL_FPoint head_base = add(tip, mul(f, 0.045f));
    seg_draw(r, v, tail, head_base, 0.012f, 0.012f, 0, th->accent);
    render_triangle(r, figure_to_screen(v, tip),
                    figure_to_screen(v, add(head_base, mul(across, 0.035f))),
                    figure_to_screen(v, sub(head_base, mul(across, 0.035f))), th->accent);
}

/* Sprite sheets: one row of frames twice as wide as tall (lying figures are
 * wide), start pose first, peak last, transparent background. */
enum { SPRITE_SLOTS = PROGRAM_MAX_TRACKS * (TRACK_MAX_LEVELS + 1), SPRITE_DIR_MAX = 1024 };

typedef struct {
    char id[ID_MAX];
    bool tried;
    SDL_Texture *tex;
    int frames, fw, fh;
} SpriteSheet;

struct FigureSprites {
    SDL_Renderer *renderer;
    char dir[SPRITE_DIR_MAX];
    SpriteSheet sheets[SPRITE_SLOTS];
};

FigureSprites *figure_sprites_open(SDL_Renderer *r, const char *assets_dir)
{
    FigureSprites *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->renderer = r;
    snprintf(s->dir, sizeof s->dir, "%s/sprites", assets_dir);
    return s;
}

void figure_sprites_close(FigureSprites *s)
{
    if (!s)
        return;
    for (int i = 0; i < SPRITE_SLOTS; i++)
        if (s->sheets[i].tex)
            SDL_DestroyTexture(s->sheets[i].tex);
    free(s);
}

static SpriteSheet *sheet_get(FigureSprites *s, const char *id)
{
    if (!s)
        return NULL;
    int free_slot = -1;
    for (int i = 0; i < SPRITE_SLOTS; i++) {
        if (s->sheets[i].tried && strcmp(s->sheets[i].id, id) == 0)
            return s->sheets[i].tex ? &s->sheets[i] : NULL;
        if (!s->sheets[i].tried && free_slot < 0)
            free_slot = i;
    }
    if (free_slot < 0)
        return NULL;
    SpriteSheet *sh = &s->sheets[free_slot];
    snprintf(sh->id, sizeof sh->id, "%s", id);
    sh->tried = true;
    char path[SPRITE_DIR_MAX + ID_MAX + 8];
    snprintf(path, sizeof path, "%s/%s.png", s->dir, id);
    SDL_Surface *surf = IMG_Load(path);
    if (!surf)
        return NULL; /* no sheet: the drawn figure it is */
    if (surf->h > 0 && surf->w >= surf->h * 4) {
        sh->fh = surf->h;
        sh->fw = surf->h * 2;
        sh->frames = surf->w / sh->fw;
        sh->tex = SDL_CreateTextureFromSurface(s->renderer, surf);
        if (sh->tex)
            SDL_SetTextureBlendMode(sh->tex, SDL_BLENDMODE_BLEND);
    } else {
        SDL_Log("corequest: %s: a sprite sheet needs two or more frames in a row, each twice as wide as tall", path);
    }
    SDL_FreeSurface(surf);
    return sh->tex ? sh : NULL;
}

static SpriteSheet *sheet_for(FigureSprites *s, const Track *track, const Level *level)
{
    SpriteSheet *sh = level ? sheet_get(s, level->id) : NULL;
    return sh ? sh : sheet_get(s, track->id);
}

bool figure_sprites_has(FigureSprites *s, const Track *track, const Level *level)
{
    return sheet_for(s, track, level) != NULL;
}

void figure_draw_level(SDL_Renderer *r, FigureSprites *sprites, const Track *track,
                       const Level *level, float t, Side side, SDL_Rect box)
{
    SpriteSheet *sh = sheet_for(sprites, track, level);
    if (sh) {
        bool mirror = false;
        (void)pose_for_side(&level->poses.start, level->sides, side, &mirror);
        int frame = (int)lroundf(clampf(t, 0, 1) * (sh->frames - 1));
        SDL_Rect src = {frame * sh->fw, 0, sh->fw, sh->fh};
        int w = box.w, h = box.w / 2;
        if (h > box.h) {
            h = box.h;
            w = box.h * 2;
        }
        SDL_Rect dst = {box.x + (box.w - w) / 2, box.y + (box.h - h) / 2, w, h};
        SDL_RenderCopyEx(r, sh->tex, &src, &dst, 0, NULL, mirror ? SDL_FLIP_HORIZONTAL : SDL_FLIP_NONE);
        return;
    }
    /* One view for every pose either side may take, so the figure keeps
     * its size and place through the whole exercise.  Fitting solves the
     * move ten times over, so the last view is kept for the next frame
     * (keyed by the poses themselves, not by where the level lives). */
    static struct {
        bool valid;
        PoseSet poses;
        Sides sides;
        SDL_Rect box;
        FigureView view;
    } last;
    if (!last.valid || last.sides != level->sides || memcmp(&last.box, &box, sizeof box) != 0 ||
        memcmp(&last.poses, &level->poses, sizeof last.poses) != 0) {
        memset(&last, 0, sizeof last); /* the padding too, for memcmp */
        memcpy(&last.poses, &level->poses, sizeof last.poses);
        last.sides = level->sides;
        last.box = box;
        last.view = figure_view_fit(level, box);
        last.valid = true;
    }
    FigureView v = last.view;
    FigureBody body;
    bool mirror;
    figure_level_body(level, side, t, &body, &mirror);
    if (mirror)
        figure_mirror(&body, v.centre_x);
    figure_draw_mat(r, &v);
    figure_draw_body(r, &body, &v, track->muscles);
    float arch0 = level->poses.start.lumbar, arch1 = level->poses.peak.lumbar;
    if (fabsf(arch0 - arch1) > 0.5f) {
        float flat_at_peak = clampf(t, 0, 1);
        low_back_cue(r, &body, &v, arch0 > arch1 ? flat_at_peak : 1.0f - flat_at_peak);
    }
}

SDL_Surface *figure_render_sheet(const Level *level, unsigned muscles, int frames,
                                 int frame_h, FigureDecor decor, void *ctx)
{
    if (frames < 2 || frame_h < 8)
        return NULL;
    int fw = frame_h * 2;
    SDL_Surface *sheet = SDL_CreateRGBSurfaceWithFormat(0, fw * frames, frame_h, 32,
                                                        SDL_PIXELFORMAT_RGBA32);
    if (!sheet)
        return NULL;
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(sheet);
    if (!r) {
        SDL_FreeSurface(sheet);
        return NULL;
    }
    SDL_SetRenderDrawColor(r, 0, 0, 0, 0);
    SDL_RenderClear(r);
    for (int i = 0; i < frames; i++) {
        SDL_Rect box = {i * fw, 0, fw, frame_h};
        FigureView v = figure_view_fit(level, box);
        FigureBody b;
        bool mirror;
        figure_level_body(level, SIDE_LEFT, (float)i / (float)(frames - 1), &b, &mirror);
        figure_draw_mat(r, &v);
        figure_draw_body(r, &b, &v, muscles);
        if (decor)
            decor(r, &b, &v, ctx);
    }
    SDL_RenderPresent(r);
    SDL_DestroyRenderer(r);
    return sheet;
}
