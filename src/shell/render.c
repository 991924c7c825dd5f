/* render.c: drawing helpers on any SDL renderer: rings and rounded corners
 * as triangle lists for SDL_RenderGeometry, discs, capsules, triangles and
 * lines as rows of pixels (one-pixel-high rectangles). */
#include "render.h"

#include <math.h>
#include <SDL_image.h>

enum { GEO_MAX_VERTS = 1024, GEO_MAX_INDICES = 3072 };

static const Theme theme = {
    .bg = {14, 19, 31, 255},
    .panel = {29, 37, 54, 255},
    .panel_focus = {44, 60, 92, 255},
    .panel_dim = {22, 28, 41, 255},
    .text = {246, 248, 252, 255},
    .text_dim = {190, 199, 216, 255},
    .text_on_accent = {14, 19, 31, 255},
    .accent = {255, 209, 102, 255},
    .good = {110, 231, 168, 255},
    .info = {124, 196, 255, 255},
    .warm = {255, 160, 122, 255},
    .danger = {255, 123, 123, 255},
    .mat = {40, 92, 88, 255},
    .mat_edge = {72, 140, 132, 255},
    .skin_near = {236, 240, 248, 255},
    .skin_far = {132, 146, 172, 255},
    .skin_trunk = {214, 222, 238, 255},
    .outline = {14, 19, 31, 255},
    .muscle = {255, 170, 64, 255},
};

const Theme *render_theme(void) { return &theme; }

SDL_Color render_mix(SDL_Color a, SDL_Color b, float t)
{
    if (t < 0.0f) t = 0.0f;
    if (t > 1.0f) t = 1.0f;
    SDL_Color c;
    c.r = (Uint8)lroundf(a.r + (b.r - a.r) * t);
    c.g = (Uint8)lroundf(a.g + (b.g - a.g) * t);
    c.b = (Uint8)lroundf(a.b + (b.b - a.b) * t);
    c.a = (Uint8)lroundf(a.a + (b.a - a.a) * t);
    return c;
}

SDL_Color render_alpha(SDL_Color c, Uint8 alpha)
{
    c.a = alpha;
    return c;
}

/* A small triangle batch flushed with one SDL_RenderGeometry call. */
typedef struct {
    SDL_Vertex v[GEO_MAX_VERTS];
    int idx[GEO_MAX_INDICES];
    int nv, ni;
    SDL_Color c;
} Geo;

static int geo_vert(Geo *g, float x, float y)
{
    if (g->nv >= GEO_MAX_VERTS)
        return g->nv - 1;
    g->v[g->nv] = (SDL_Vertex){{x, y}, g->c, {0, 0}};
    return g->nv++;
}

static void geo_tri(Geo *g, int a, int b, int c)
{
    if (g->ni + 3 > GEO_MAX_INDICES)
        return;
    g->idx[g->ni++] = a;
    g->idx[g->ni++] = b;
    g->idx[g->ni++] = c;
}

/* Opaque shapes skip blending: on the software renderer a blended fill
 * costs several times a plain one. */
static void set_blend(SDL_Renderer *r, SDL_Color c)
{
    SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
}

static void geo_flush(SDL_Renderer *r, Geo *g)
{
    if (g->ni > 0) {
        set_blend(r, g->c);
        SDL_RenderGeometry(r, NULL, g->v, g->nv, g->idx, g->ni);
    }
    g->nv = g->ni = 0;
}

static int segments_for(float radius, float turns)
{
    int n = (int)(fabsf(turns) * (12.0f + radius * 0.4f));
    if (n < 4) n = 4;
    if (n > 160) n = 160;
    return n;
}

/* Rows of pixels for the figure's round shapes.  The software renderer
 * fills a triangle by testing every pixel of its bounding box (a thin
 * fan slice of a disc, or the long quad of a limb seen at 45 degrees,
 * tests many times the pixels it fills), while a rectangle is a plain
 * fill.  So a convex shape made of a few convex pieces is filled row by
 * row: each row of pixels whose centres lie inside it becomes one
 * rectangle one pixel high, all of them sent in one call.  The pieces of a
 * row are merged, so a translucent shape is blended once everywhere. */
enum { SPAN_MAX_RECTS = 2048, SPAN_MAX_PIECES = 3 };

typedef struct {
    SDL_Rect rect[SPAN_MAX_RECTS];
    int n;
} Spans;

static void spans_flush(SDL_Renderer *r, Spans *s)
{
    if (s->n > 0)
        SDL_RenderFillRects(r, s->rect, s->n);
    s->n = 0;
}

/* The pixels x whose centres x + 0.5 lie in [lo, hi], as one row. */
static void spans_add(SDL_Renderer *r, Spans *s, int y, float lo, float hi)
{
    int x0 = (int)ceilf(lo - 0.5f), x1 = (int)floorf(hi - 0.5f);
    if (x1 < x0)
        return;
    if (s->n == SPAN_MAX_RECTS)
        spans_flush(r, s);
    s->rect[s->n++] = (SDL_Rect){x0, y, x1 - x0 + 1, 1};
}

/* One convex piece of a shape: a disc or a convex polygon. */
typedef struct {
    int count; /* 0: the disc (cx, cy, radius) */
    float cx, cy, radius;
    SDL_FPoint p[4];
} Piece;

static void piece_rows(const Piece *pc, float *top, float *bottom)
{
    if (pc->count == 0) {
        *top = pc->cy - pc->radius;
        *bottom = pc->cy + pc->radius;
        return;
    }
    *top = *bottom = pc->p[0].y;
    for (int i = 1; i < pc->count; i++) {
        *top = fminf(*top, pc->p[i].y);
        *bottom = fmaxf(*bottom, pc->p[i].y);
    }
}

/* Where the row at height yc crosses the piece; false when it misses. */
static bool piece_span(const Piece *pc, float yc, float *lo, float *hi)
{
    if (pc->count == 0) {
        float d = yc - pc->cy, q = pc->radius * pc->radius - d * d;
        if (q < 0.0f)
            return false;
        float h = sqrtf(q);
        *lo = pc->cx - h;
        *hi = pc->cx + h;
        return true;
    }
    bool hit = false;
    for (int i = 0; i < pc->count; i++) {
        SDL_FPoint p = pc->p[i], q = pc->p[(i + 1) % pc->count];
        if ((p.y <= yc && yc < q.y) || (q.y <= yc && yc < p.y)) {
            float x = p.x + (yc - p.y) * (q.x - p.x) / (q.y - p.y);
            if (!hit) {
                *lo = *hi = x;
                hit = true;
            } else {
                *lo = fminf(*lo, x);
                *hi = fmaxf(*hi, x);
            }
        }
    }
    return hit;
}

static void fill_pieces(SDL_Renderer *r, const Piece *pieces, int count, SDL_Color c)
{
    static Spans s;
    float top = 1e9f, bottom = -1e9f;
    for (int i = 0; i < count; i++) {
        float t, b;
        piece_rows(&pieces[i], &t, &b);
        top = fminf(top, t);
        bottom = fmaxf(bottom, b);
    }
    int out_w = 0, out_h = 0;
    SDL_GetRendererOutputSize(r, &out_w, &out_h);
    int y0 = (int)ceilf(top - 0.5f), y1 = (int)floorf(bottom - 0.5f);
    if (y0 < 0) y0 = 0;
    if (out_h > 0 && y1 > out_h - 1) y1 = out_h - 1;
    if (y1 < y0)
        return;
    set_blend(r, c);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    for (int y = y0; y <= y1; y++) {
        float yc = (float)y + 0.5f;
        float lo[SPAN_MAX_PIECES], hi[SPAN_MAX_PIECES];
        int n = 0;
        for (int i = 0; i < count && n < SPAN_MAX_PIECES; i++) {
            float l, h;
            if (!piece_span(&pieces[i], yc, &l, &h))
                continue;
            /* Kept in order of their left ends. */
            int k = n++;
            while (k > 0 && lo[k - 1] > l) {
                lo[k] = lo[k - 1];
                hi[k] = hi[k - 1];
                k--;
            }
            lo[k] = l;
            hi[k] = h;
        }
        for (int i = 0; i < n;) {
            float l = lo[i], h = hi[i];
            int j = i + 1;
            while (j < n && lo[j] <= h + 1.0f) /* touching pieces make one row */
                h = fmaxf(h, hi[j++]);
            spans_add(r, &s, y, l, h);
            i = j;
        }
    }
    spans_flush(r, &s);
}

void render_clear(SDL_Renderer *r, SDL_Color c)
{
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    SDL_RenderClear(r);
}

void render_rect(SDL_Renderer *r, SDL_Rect rect, SDL_Color c)
{
    set_blend(r, c);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(r, &rect);
}

void render_rect_outline(SDL_Renderer *r, SDL_Rect rect, int t, SDL_Color c)
{
    if (t * 2 >= rect.w || t * 2 >= rect.h) {
        render_rect(r, rect, c);
        return;
    }
    render_rect(r, (SDL_Rect){rect.x, rect.y, rect.w, t}, c);
    render_rect(r, (SDL_Rect){rect.x, rect.y + rect.h - t, rect.w, t}, c);
    render_rect(r, (SDL_Rect){rect.x, rect.y + t, t, rect.h - 2 * t}, c);
    render_rect(r, (SDL_Rect){rect.x + rect.w - t, rect.y + t, t, rect.h - 2 * t}, c);
}

/* Outline points of a rounded rectangle, clockwise, per-corner arcs. */
static int rounded_points(SDL_FRect f, float radius, SDL_FPoint *out, int max)
{
    float rmax = fminf(f.w, f.h) / 2.0f;
    if (radius > rmax) radius = rmax;
    if (radius < 0.0f) radius = 0.0f;
    int per = segments_for(radius, 0.25f);
    if (per * 4 + 4 > max) per = (max - 4) / 4;
    const float cx[4] = {f.x + f.w - radius, f.x + f.w - radius, f.x + radius, f.x + radius};
    const float cy[4] = {f.y + radius, f.y + f.h - radius, f.y + f.h - radius, f.y + radius};
    int n = 0;
    for (int k = 0; k < 4; k++) {
        float a0 = (float)(-RENDER_PI / 2 + k * RENDER_PI / 2);
        for (int i = 0; i <= per; i++) {
            float a = a0 + (float)(RENDER_PI / 2) * i / per;
            out[n++] = (SDL_FPoint){cx[k] + cosf(a) * radius, cy[k] + sinf(a) * radius};
        }
    }
    return n;
}

/* A quarter disc filling the corner square whose corner point is (cx, cy)
 * offset by (sx, sy) * radius. */
static void geo_quarter(Geo *g, float cx, float cy, float radius, int quadrant)
{
    int n = segments_for(radius, 0.25f);
    int centre = geo_vert(g, cx, cy);
    int first = g->nv;
    float a0 = (float)(RENDER_PI / 2 * quadrant);
    for (int i = 0; i <= n; i++) {
        float a = a0 + (float)(RENDER_PI / 2) * i / n;
        geo_vert(g, cx + cosf(a) * radius, cy + sinf(a) * radius);
    }
    for (int i = 0; i < n; i++)
        geo_tri(g, centre, first + i, first + i + 1);
}

void render_rounded(SDL_Renderer *r, SDL_Rect rect, float radius, SDL_Color c)
{
    if (rect.w <= 0 || rect.h <= 0)
        return;
    int rad = (int)radius;
    if (rad * 2 > rect.w) rad = rect.w / 2;
    if (rad * 2 > rect.h) rad = rect.h / 2;
    if (rad < 1) {
        render_rect(r, rect, c);
        return;
    }
    /* Plain rectangles for the body (fast fills), triangles only for the
     * four corners; the pieces do not overlap, so translucent colours
     * stay even. */
    render_rect(r, (SDL_Rect){rect.x, rect.y + rad, rect.w, rect.h - 2 * rad}, c);
    render_rect(r, (SDL_Rect){rect.x + rad, rect.y, rect.w - 2 * rad, rad}, c);
    render_rect(r, (SDL_Rect){rect.x + rad, rect.y + rect.h - rad, rect.w - 2 * rad, rad}, c);
    static Geo g;
    g.c = c;
    float fr = (float)rad;
    geo_quarter(&g, (float)(rect.x + rect.w - rad), (float)(rect.y + rect.h - rad), fr, 0);
    geo_quarter(&g, (float)(rect.x + rad), (float)(rect.y + rect.h - rad), fr, 1);
    geo_quarter(&g, (float)(rect.x + rad), (float)(rect.y + rad), fr, 2);
    geo_quarter(&g, (float)(rect.x + rect.w - rad), (float)(rect.y + rad), fr, 3);
    geo_flush(r, &g);
}

void render_rounded_outline(SDL_Renderer *r, SDL_Rect rect, float radius,
                            float thickness, SDL_Color c)
{
    if (rect.w <= 0 || rect.h <= 0)
        return;
    static Geo g;
    SDL_FPoint outer[512], inner[512];
    SDL_FRect fo = {(float)rect.x, (float)rect.y, (float)rect.w, (float)rect.h};
    SDL_FRect fi = {fo.x + thickness, fo.y + thickness, fo.w - 2 * thickness, fo.h - 2 * thickness};
    if (fi.w <= 0 || fi.h <= 0) {
        render_rounded(r, rect, radius, c);
        return;
    }
    float rmax = fminf(fo.w, fo.h) / 2.0f;
    if (radius > rmax) radius = rmax;
    /* Same point count on both outlines so they pair up into quads. */
    int n = rounded_points(fo, radius, outer, 512);
    float ri = radius - thickness;
    if (ri < 0.5f) ri = 0.5f;
    SDL_FPoint tmp[512];
    int ni = rounded_points(fi, ri, tmp, 512);
    if (ni != n) {
        /* A tiny inner radius has fewer points: resample by nearest index. */
        for (int i = 0; i < n; i++)
            inner[i] = tmp[(int)((long)i * ni / n)];
    } else {
        for (int i = 0; i < n; i++)
            inner[i] = tmp[i];
    }
    g.c = c;
    for (int i = 0; i < n; i++) {
        int j = (i + 1) % n;
        int a = geo_vert(&g, outer[i].x, outer[i].y);
        int b = geo_vert(&g, outer[j].x, outer[j].y);
        int cc = geo_vert(&g, inner[j].x, inner[j].y);
        int d = geo_vert(&g, inner[i].x, inner[i].y);
        geo_tri(&g, a, b, cc);
        geo_tri(&g, a, cc, d);
        if (g.nv > GEO_MAX_VERTS - 8)
            geo_flush(r, &g);
    }
    geo_flush(r, &g);
}

void render_circle(SDL_Renderer *r, float cx, float cy, float radius, SDL_Color c)
{
    Piece p = {.cx = cx, .cy = cy, .radius = radius};
    fill_pieces(r, &p, 1, c);
}

void render_arc(SDL_Renderer *r, float cx, float cy, float radius, float thickness,
                float from, float to, SDL_Color c)
{
    if (to < from) {
        float t = to;
        to = from;
        from = t;
    }
    if (to - from <= 0.0f)
        return;
    static Geo g;
    g.c = c;
    int n = segments_for(radius, to - from);
    float ro = radius, ri = radius - thickness;
    if (ri < 0) ri = 0;
    int prev_o = -1, prev_i = -1;
    for (int i = 0; i <= n; i++) {
        float t = from + (to - from) * i / n;
        float a = (float)(-RENDER_PI / 2 + 2 * RENDER_PI * t);
        int vo = geo_vert(&g, cx + cosf(a) * ro, cy + sinf(a) * ro);
        int vi = geo_vert(&g, cx + cosf(a) * ri, cy + sinf(a) * ri);
        if (prev_o >= 0) {
            geo_tri(&g, prev_o, vo, vi);
            geo_tri(&g, prev_o, vi, prev_i);
        }
        prev_o = vo;
        prev_i = vi;
    }
    geo_flush(r, &g);
}

void render_capsule(SDL_Renderer *r, SDL_FPoint a, SDL_FPoint b, float ra, float rb,
                    SDL_Color c)
{
    Piece p[3];
    int n = 0;
    p[n++] = (Piece){.cx = a.x, .cy = a.y, .radius = ra};
    float dx = b.x - a.x, dy = b.y - a.y;
    float len = sqrtf(dx * dx + dy * dy);
    if (len > 0.001f) {
        float nx = -dy / len, ny = dx / len;
        p[n++] = (Piece){.cx = b.x, .cy = b.y, .radius = rb};
        p[n++] = (Piece){.count = 4,
                         .p = {{a.x + nx * ra, a.y + ny * ra}, {b.x + nx * rb, b.y + ny * rb},
                               {b.x - nx * rb, b.y - ny * rb}, {a.x - nx * ra, a.y - ny * ra}}};
    }
    fill_pieces(r, p, n, c);
}

void render_triangle(SDL_Renderer *r, SDL_FPoint a, SDL_FPoint b, SDL_FPoint c3, SDL_Color c)
{
    Piece p = {.count = 3, .p = {a, b, c3}};
    fill_pieces(r, &p, 1, c);
}

void render_line(SDL_Renderer *r, SDL_FPoint a, SDL_FPoint b, float thickness, SDL_Color c)
{
    float dx = b.x - a.x, dy = b.y - a.y;
    float len = sqrtf(dx * dx + dy * dy);
    if (len < 0.001f)
        return;
    float h = thickness / 2;
    float nx = -dy / len * h, ny = dx / len * h;
    Piece p = {.count = 4,
               .p = {{a.x + nx, a.y + ny}, {b.x + nx, b.y + ny}, {b.x - nx, b.y - ny}, {a.x - nx, a.y - ny}}};
    fill_pieces(r, &p, 1, c);
}

void render_check(SDL_Renderer *r, SDL_Rect box, SDL_Color c)
{
    float s = (float)(box.w < box.h ? box.w : box.h);
    float x = box.x + (box.w - s) / 2, y = box.y + (box.h - s) / 2;
    float t = s * 0.16f;
    SDL_FPoint p0 = {x + s * 0.12f, y + s * 0.52f};
    SDL_FPoint p1 = {x + s * 0.40f, y + s * 0.80f};
    SDL_FPoint p2 = {x + s * 0.90f, y + s * 0.22f};
    render_capsule(r, p0, p1, t / 2, t / 2, c);
    render_capsule(r, p1, p2, t / 2, t / 2, c);
}

void render_lock(SDL_Renderer *r, SDL_Rect box, SDL_Color fg, SDL_Color hole)
{
    float s = (float)(box.w < box.h ? box.w : box.h);
    float x = box.x + (box.w - s) / 2, y = box.y + (box.h - s) / 2;
    float cx = x + s / 2;
    /* Shackle: the upper half of a ring above the body. */
    render_arc(r, cx, y + s * 0.42f, s * 0.28f, s * 0.10f, -0.25f, 0.25f, fg);
    render_rect(r, (SDL_Rect){(int)(cx - s * 0.28f), (int)(y + s * 0.40f), (int)(s * 0.10f), (int)(s * 0.08f)}, fg);
    render_rect(r, (SDL_Rect){(int)(cx + s * 0.18f), (int)(y + s * 0.40f), (int)(s * 0.10f), (int)(s * 0.08f)}, fg);
    SDL_Rect body = {(int)(x + s * 0.14f), (int)(y + s * 0.46f), (int)(s * 0.72f), (int)(s * 0.48f)};
    render_rounded(r, body, s * 0.08f, fg);
    render_circle(r, cx, y + s * 0.66f, s * 0.07f, hole);
    render_rect(r, (SDL_Rect){(int)(cx - s * 0.03f), (int)(y + s * 0.66f), (int)(s * 0.06f) + 1, (int)(s * 0.16f)}, hole);
}

void render_star(SDL_Renderer *r, float cx, float cy, float radius, SDL_Color c)
{
    static Geo g;
    g.c = c;
    int centre = geo_vert(&g, cx, cy);
    int first = g.nv;
    for (int i = 0; i < 10; i++) {
        float rad = (i % 2 == 0) ? radius : radius * 0.45f;
        float a = (float)(-RENDER_PI / 2 + RENDER_PI * i / 5);
        geo_vert(&g, cx + cosf(a) * rad, cy + sinf(a) * rad);
    }
    for (int i = 0; i < 10; i++)
        geo_tri(&g, centre, first + i, first + (i + 1) % 10);
    geo_flush(r, &g);
}

void render_pointer(SDL_Renderer *r, SDL_Rect box, int dir, SDL_Color c)
{
    float s = (float)(box.w < box.h ? box.w : box.h) * 0.8f;
    float cx = box.x + box.w / 2.0f, cy = box.y + box.h / 2.0f;
    float d = dir < 0 ? -1.0f : 1.0f;
    SDL_FPoint tip = {cx + d * s * 0.45f, cy};
    SDL_FPoint a = {cx - d * s * 0.35f, cy - s * 0.45f};
    SDL_FPoint b = {cx - d * s * 0.35f, cy + s * 0.45f};
    render_triangle(r, tip, a, b, c);
}

SDL_Surface *render_capture(SDL_Renderer *r)
{
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(r, &w, &h) != 0)
        return NULL;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    if (!s)
        return NULL;
    if (SDL_RenderReadPixels(r, NULL, SDL_PIXELFORMAT_RGBA32, s->pixels, s->pitch) != 0) {
        SDL_FreeSurface(s);
        return NULL;
    }
    return s;
}

int render_save_png(SDL_Renderer *r, const char *path)
{
    SDL_Surface *s = render_capture(r);
    if (!s)
        return -1;
    int rc = IMG_SavePNG(s, path);
    SDL_FreeSurface(s);
    return rc == 0 ? 0 : -1;
}
