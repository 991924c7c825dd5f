/* figure.c: forward kinematics for the side-view figure and its drawing.
 * Angles follow core/program.h: trunk absolute, the rest anatomical. */
#include "figure.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <SDL_image.h>

#include "render.h"

/* Limb half-thicknesses in body units (proximal, distal). */
#define R_PELVIS 0.056f
#define R_CHEST 0.062f
/* Seen from the front the trunk shows its width, and the limb roots sit
 * apart: hips and shoulders stacked one above the other. */
#define R_PELVIS_WIDE 0.092f
#define R_CHEST_WIDE 0.108f
#define HIP_SPREAD 0.072f
#define SHOULDER_SPREAD 0.09f
#define R_NECK 0.024f
#define R_UPPER_ARM_A 0.029f
#define R_UPPER_ARM_B 0.024f
#define R_FOREARM_A 0.023f
#define R_FOREARM_B 0.021f
#define R_THIGH_A 0.047f
#define R_THIGH_B 0.033f
#define R_SHIN_A 0.031f
#define R_SHIN_B 0.022f
#define R_FOOT 0.018f
#define MAT_THICKNESS 0.028f
#define OUTLINE 0.008f
#define FLOOR_BACK 0.2f

static float rad(float deg) { return deg * (float)RENDER_PI / 180.0f; }
static SDL_FPoint dir(float deg) { return (SDL_FPoint){cosf(rad(deg)), sinf(rad(deg))}; }
static SDL_FPoint add(SDL_FPoint a, SDL_FPoint b) { return (SDL_FPoint){a.x + b.x, a.y + b.y}; }
static SDL_FPoint sub(SDL_FPoint a, SDL_FPoint b) { return (SDL_FPoint){a.x - b.x, a.y - b.y}; }
static SDL_FPoint mul(SDL_FPoint a, float k) { return (SDL_FPoint){a.x * k, a.y * k}; }
static float clampf(float v, float lo, float hi) { return v < lo ? lo : v > hi ? hi : v; }

float figure_ease(float t)
{
    t = clampf(t, 0.0f, 1.0f);
    return t * t * (3.0f - 2.0f * t);
}

static float angle_of(SDL_FPoint v) { return atan2f(v.y, v.x) * 180.0f / (float)RENDER_PI; }

/* Shortest signed difference b - a in degrees, in (-180, 180]. */
static float angle_diff(float a, float b)
{
    float d = fmodf(b - a, 360.0f);
    if (d > 180.0f) d -= 360.0f;
    if (d <= -180.0f) d += 360.0f;
    return d;
}

static void set_foot(FigureBody *b, int i, float foot_deg)
{
    SDL_FPoint d = dir(foot_deg);
    b->toe[i] = add(b->ankle[i], mul(d, FIGURE_FOOT_LEN));
    b->heel[i] = sub(b->ankle[i], mul(d, 0.018f));
}

void figure_solve(const Pose *p, FigureBody *b)
{
    memset(b, 0, sizeof *b);
    /* f turns "toward the front" into a rotation sign: the front lies at
     * trunk - 90 degrees, or trunk + 90 when the figure is flipped. */
    float f = p->flip ? -1.0f : 1.0f;
    b->along = dir(p->trunk);
    b->front = dir(p->trunk - 90.0f * f);
    b->side_lying = p->side_lying;
    b->pelvis = (SDL_FPoint){0, 0};
    b->shoulder = mul(b->along, FIGURE_TRUNK_LEN * 0.93f);
    float hs = p->side_lying ? HIP_SPREAD : 0.0f;
    float ss = p->side_lying ? SHOULDER_SPREAD : 0.0f;
    b->hip[FIGURE_NEAR] = add(b->pelvis, mul(b->front, hs));
    b->hip[FIGURE_FAR] = add(b->pelvis, mul(b->front, -hs));
    b->shoulder_at[FIGURE_NEAR] = add(b->shoulder, mul(b->front, ss));
    b->shoulder_at[FIGURE_FAR] = add(b->shoulder, mul(b->front, -ss));
    b->neck = mul(b->along, FIGURE_TRUNK_LEN);
    b->head_r = FIGURE_HEAD_R;
    float head_deg = p->trunk - p->neck * f;
    b->head = add(b->neck, mul(dir(head_deg), 0.082f));

    const float shoulder[2] = {p->shoulder_near, p->shoulder_far};
    const float elbow[2] = {p->elbow_near, p->elbow_far};
    const float hip[2] = {p->hip_near, p->hip_far};
    const float knee[2] = {p->knee_near, p->knee_far};
    for (int i = 0; i < 2; i++) {
        float arm = p->trunk + 180.0f + shoulder[i] * f;
        b->elbow[i] = add(b->shoulder_at[i], mul(dir(arm), FIGURE_UPPER_ARM_LEN));
        b->hand[i] = add(b->elbow[i], mul(dir(arm + elbow[i] * f), FIGURE_FOREARM_LEN));
        float thigh = p->trunk + 180.0f + hip[i] * f;
        b->knee[i] = add(b->hip[i], mul(dir(thigh), FIGURE_THIGH_LEN));
        float shin = thigh - knee[i] * f;
        b->ankle[i] = add(b->knee[i], mul(dir(shin), FIGURE_SHIN_LEN));
        /* A neutral ankle: the foot at a right angle to the shin. */
        set_foot(b, i, shin + 90.0f * f);
    }
}

typedef struct {
    SDL_FPoint a, b;
    float ra, rb;
} Seg;

static int body_segments(const FigureBody *b, Seg *s, bool with_feet)
{
    int n = 0;
    s[n++] = (Seg){b->pelvis, b->shoulder, b->side_lying ? R_PELVIS_WIDE : R_PELVIS,
                   b->side_lying ? R_CHEST_WIDE : R_CHEST};
    s[n++] = (Seg){b->head, b->head, b->head_r, b->head_r};
    for (int i = 0; i < 2; i++) {
        s[n++] = (Seg){b->shoulder_at[i], b->elbow[i], R_UPPER_ARM_A, R_UPPER_ARM_B};
        s[n++] = (Seg){b->elbow[i], b->hand[i], R_FOREARM_A, R_FOREARM_B};
        s[n++] = (Seg){b->hip[i], b->knee[i], R_THIGH_A, R_THIGH_B};
        s[n++] = (Seg){b->knee[i], b->ankle[i], R_SHIN_A, R_SHIN_B};
        if (with_feet)
            s[n++] = (Seg){b->heel[i], b->toe[i], R_FOOT, R_FOOT};
    }
    return n;
}

static float lowest_of(const FigureBody *b, bool with_feet)
{
    Seg s[16];
    int n = body_segments(b, s, with_feet);
    float low = 1e9f;
    for (int i = 0; i < n; i++) {
        low = fminf(low, s[i].a.y - s[i].ra);
        low = fminf(low, s[i].b.y - s[i].rb);
    }
    return low;
}

float figure_lowest(const FigureBody *b)
{
    return lowest_of(b, true);
}

static void translate(FigureBody *b, SDL_FPoint d)
{
    SDL_FPoint *pts[] = {&b->pelvis, &b->shoulder, &b->neck, &b->head};
    for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++)
        *pts[i] = add(*pts[i], d);
    for (int i = 0; i < 2; i++) {
        SDL_FPoint *limb[] = {&b->hip[i], &b->shoulder_at[i], &b->elbow[i], &b->hand[i],
                              &b->knee[i], &b->ankle[i], &b->toe[i], &b->heel[i]};
        for (size_t k = 0; k < sizeof limb / sizeof limb[0]; k++)
            *limb[k] = add(*limb[k], d);
    }
}

void figure_pose_grounded(const Pose *pose, FigureBody *b)
{
    figure_solve(pose, b);
    /* Ground on everything but the feet first: a neutral foot would poke
     * into the floor when lying face down and lift the whole body. */
    translate(b, (SDL_FPoint){0, -lowest_of(b, false)});
    for (int i = 0; i < 2; i++) {
        SDL_FPoint shin = sub(b->ankle[i], b->knee[i]);
        float shin_deg = angle_of(shin);
        float neutral = angle_of(sub(b->toe[i], b->ankle[i]));
        /* Near the floor the foot lies flat: toward whichever horizontal is
         * closer to neutral, or, when both are far (face down), pointed. */
        float d0 = angle_diff(neutral, 0.0f), d180 = angle_diff(neutral, 180.0f);
        float flat;
        if (fabsf(d0) <= 60.0f || fabsf(d180) <= 60.0f)
            flat = fabsf(d0) < fabsf(d180) ? 0.0f : 180.0f;
        else
            flat = fabsf(angle_diff(shin_deg, 0.0f)) < fabsf(angle_diff(shin_deg, 180.0f)) ? 0.0f : 180.0f;
        float height = b->ankle[i].y;
        float w = 1.0f - clampf((height - 0.05f) / 0.08f, 0.0f, 1.0f);
        w = figure_ease(w);
        set_foot(b, i, neutral + angle_diff(neutral, flat) * w);
    }
    translate(b, (SDL_FPoint){0, -figure_lowest(b)});
}

void figure_mirror(FigureBody *b, float about_x)
{
    SDL_FPoint *pts[] = {&b->pelvis, &b->shoulder, &b->neck, &b->head};
    for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++)
        pts[i]->x = 2 * about_x - pts[i]->x;
    for (int i = 0; i < 2; i++) {
        SDL_FPoint *limb[] = {&b->hip[i], &b->shoulder_at[i], &b->elbow[i], &b->hand[i],
                              &b->knee[i], &b->ankle[i], &b->toe[i], &b->heel[i]};
        for (size_t k = 0; k < sizeof limb / sizeof limb[0]; k++)
            limb[k]->x = 2 * about_x - limb[k]->x;
    }
    b->front.x = -b->front.x;
    b->along.x = -b->along.x;
}

void figure_bounds(const FigureBody *b, float *min_x, float *max_x, float *max_y)
{
    Seg s[16];
    int n = body_segments(b, s, true);
    float lo = 1e9f, hi = -1e9f, top = -1e9f;
    for (int i = 0; i < n; i++) {
        lo = fminf(lo, fminf(s[i].a.x - s[i].ra, s[i].b.x - s[i].rb));
        hi = fmaxf(hi, fmaxf(s[i].a.x + s[i].ra, s[i].b.x + s[i].rb));
        top = fmaxf(top, fmaxf(s[i].a.y + s[i].ra, s[i].b.y + s[i].rb));
    }
    *min_x = lo;
    *max_x = hi;
    *max_y = top;
}

Pose figure_pose_for_side(const Pose *pose, Sides sides, Side side, bool *mirror)
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
        q.hip_near = p.hip_far;
        q.knee_near = p.knee_far;
        q.shoulder_far = p.shoulder_near;
        q.elbow_far = p.elbow_near;
        q.hip_far = p.hip_near;
        q.knee_far = p.knee_near;
        p = q;
    }
    return p;
}

FigureView figure_view_fit(const Pose *poses, int count, SDL_Rect box)
{
    float lo = 1e9f, hi = -1e9f, top = 0.2f;
    bool above = false;
    for (int i = 0; i < count; i++) {
        FigureBody b;
        figure_pose_grounded(&poses[i], &b);
        above = above || poses[i].side_lying;
        float a, c, t;
        figure_bounds(&b, &a, &c, &t);
        lo = fminf(lo, a);
        hi = fmaxf(hi, c);
        top = fmaxf(top, t);
    }
    if (count == 0) {
        lo = -0.5f;
        hi = 0.5f;
    }
    FigureView v;
    v.box = box;
    /* Side-lying is seen from the front and a little above, so the floor
     * shows as a band reaching behind the body's lower edge. */
    v.floor_back = above ? FLOOR_BACK : 0.0f;
    float width = hi - lo;
    float height = top + MAT_THICKNESS;
    float sx = box.w * 0.86f / width;
    float sy = box.h * 0.86f / height;
    v.scale = fminf(sx, sy);
    v.centre_x = (lo + hi) / 2;
    v.ox = box.x + box.w / 2.0f - v.centre_x * v.scale;
    /* Centre the figure and its mat vertically, a little low, as on a floor. */
    float used = height * v.scale;
    v.oy = box.y + (box.h - used) * 0.6f + top * v.scale;
    return v;
}

SDL_FPoint figure_to_screen(const FigureView *v, SDL_FPoint p)
{
    return (SDL_FPoint){v->ox + p.x * v->scale, v->oy - p.y * v->scale};
}

void figure_draw_mat(SDL_Renderer *r, const FigureView *v)
{
    const Theme *th = render_theme();
    if (v->floor_back > 0.0f) {
        /* A mat in perspective: the far edge narrower than the near one. */
        float front_y = v->oy + MAT_THICKNESS * v->scale;
        float back_y = v->oy - v->floor_back * v->scale;
        float x0 = v->box.x + v->box.w * 0.04f, x1 = v->box.x + v->box.w * 0.96f;
        float inset = (x1 - x0) * 0.05f;
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
    Seg s[2] = {
        {b->shoulder_at[i], b->elbow[i], R_UPPER_ARM_A, R_UPPER_ARM_B},
        {b->elbow[i], b->hand[i], R_FOREARM_A, R_FOREARM_B},
    };
    limb_draw(r, v, s, 2, c);
}

static SDL_FPoint on_trunk(const FigureBody *b, float along, float front)
{
    return add(add(b->pelvis, mul(b->along, along)), mul(b->front, front));
}

static void face_draw(SDL_Renderer *r, const FigureView *v, const FigureBody *b)
{
    const Theme *th = render_theme();
    SDL_FPoint hd = sub(b->head, b->neck);
    float hl = sqrtf(hd.x * hd.x + hd.y * hd.y);
    if (hl > 0.0001f)
        hd = mul(hd, 1.0f / hl);
    float hr = b->head_r;
    if (b->side_lying) {
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
    SDL_FPoint nose = add(add(b->head, mul(b->front, hr * 0.92f)), mul(hd, hr * 0.05f));
    seg_draw(r, v, nose, nose, 0.017f, 0.017f, 0, th->skin_trunk);
    SDL_FPoint eye = add(add(b->head, mul(b->front, hr * 0.45f)), mul(hd, hr * 0.22f));
    seg_draw(r, v, eye, eye, 0.0105f, 0.0105f, 0, th->outline);
}

void figure_draw_body(SDL_Renderer *r, const FigureBody *b, const FigureView *v, unsigned muscles)
{
    const Theme *th = render_theme();
    arm_draw(r, v, b, FIGURE_FAR, th->skin_far);
    leg_draw(r, v, b, FIGURE_FAR, th->skin_far);

    bool wide = b->side_lying;
    Seg trunk[3] = {
        {b->pelvis, b->shoulder, wide ? R_PELVIS_WIDE : R_PELVIS, wide ? R_CHEST_WIDE : R_CHEST},
        {b->shoulder, b->head, R_NECK, R_NECK},
        {b->head, b->head, b->head_r, b->head_r},
    };
    limb_draw(r, v, trunk, 3, th->skin_trunk);

    /* Working muscles, inside the trunk's outline.  Seen from the front the
     * belly faces the viewer and the back is hidden. */
    SDL_Color m = th->muscle;
    if (wide) {
        if (muscles & MUSCLE_CORE)
            seg_draw(r, v, on_trunk(b, 0.06f, 0.0f), on_trunk(b, 0.18f, 0.0f), 0.04f, 0.045f, 0, m);
    } else {
        if (muscles & MUSCLE_BACK)
            seg_draw(r, v, on_trunk(b, 0.03f, -0.030f), on_trunk(b, 0.24f, -0.034f), 0.022f, 0.022f, 0, m);
        if (muscles & MUSCLE_CORE)
            seg_draw(r, v, on_trunk(b, 0.05f, 0.026f), on_trunk(b, 0.19f, 0.030f), 0.026f, 0.026f, 0, m);
    }
    face_draw(r, v, b);

    leg_draw(r, v, b, FIGURE_NEAR, th->skin_near);
    SDL_FPoint thigh = sub(b->knee[FIGURE_NEAR], b->hip[FIGURE_NEAR]);
    if ((muscles & MUSCLE_GLUTES) && !wide) {
        SDL_FPoint g = add(add(b->hip[FIGURE_NEAR], mul(b->front, -0.024f)), mul(thigh, 0.12f));
        seg_draw(r, v, g, add(g, mul(thigh, 0.22f)), 0.034f, 0.026f, 0, m);
    }
    if ((muscles & MUSCLE_HIPS) || (wide && (muscles & MUSCLE_GLUTES))) {
        /* The outer hip, on the top leg where it meets the pelvis. */
        SDL_FPoint h = add(b->hip[FIGURE_NEAR], mul(thigh, 0.08f));
        seg_draw(r, v, h, add(h, mul(thigh, 0.4f)), 0.034f, 0.026f, 0, m);
    }
    arm_draw(r, v, b, FIGURE_NEAR, th->skin_near);
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
    bool mirror = false;
    Pose a = figure_pose_for_side(&level->poses.start, level->sides, side, &mirror);
    Pose b = figure_pose_for_side(&level->poses.peak, level->sides, side, &mirror);
    SpriteSheet *sh = sheet_for(sprites, track, level);
    if (sh) {
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
    /* Fit every pose either side may take, so the figure keeps its size and
     * place through the whole exercise. */
    bool m2;
    Pose fit[4] = {level->poses.start, level->poses.peak,
                   figure_pose_for_side(&level->poses.start, SIDES_ALTERNATING, SIDE_RIGHT, &m2),
                   figure_pose_for_side(&level->poses.peak, SIDES_ALTERNATING, SIDE_RIGHT, &m2)};
    FigureView v = figure_view_fit(fit, 4, box);
    Pose p = pose_lerp(&a, &b, t);
    p.side_lying = a.side_lying;
    FigureBody body;
    figure_pose_grounded(&p, &body);
    if (mirror)
        figure_mirror(&body, v.centre_x);
    figure_draw_mat(r, &v);
    figure_draw_body(r, &body, &v, track->muscles);
}

SDL_Surface *figure_render_sheet(const Pose *start, const Pose *peak, unsigned muscles,
                                 int frames, int frame_h, FigureDecor decor, void *ctx)
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
    Pose fit[2] = {*start, *peak};
    for (int i = 0; i < frames; i++) {
        SDL_Rect box = {i * fw, 0, fw, frame_h};
        FigureView v = figure_view_fit(fit, 2, box);
        Pose p = pose_lerp(start, peak, (float)i / (float)(frames - 1));
        p.side_lying = start->side_lying;
        FigureBody b;
        figure_pose_grounded(&p, &b);
        figure_draw_mat(r, &v);
        figure_draw_body(r, &b, &v, muscles);
        if (decor)
            decor(r, &b, &v, ctx);
    }
    SDL_RenderPresent(r);
    SDL_DestroyRenderer(r);
    return sheet;
}
