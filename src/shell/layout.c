/* layout.c: safe area, type scale and rectangle cutting for the 10-foot
 * screens.  Everything scales with the output size; nothing is in pixels. */
#include "layout.h"

static int imax(int a, int b) { return a > b ? a : b; }
static int imin(int a, int b) { return a < b ? a : b; }
static int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

int layout_min_text_height(int w, int h)
{
    int side = w < h ? w : h;
    return (side + 29) / 30;
}

void layout_compute(Layout *l, int w, int h)
{
    if (w < 1) w = 1;
    if (h < 1) h = 1;
    l->w = w;
    l->h = h;
    int mx = (w * LAYOUT_SAFE_PERCENT + 99) / 100;
    int my = (h * LAYOUT_SAFE_PERCENT + 99) / 100;
    l->safe = (SDL_Rect){mx, my, w - 2 * mx, h - 2 * my};
    l->portrait = w < h;

    /* Small and body text follow the shorter side (a TV viewer's distance
     * scales with the screen's height; a portrait window is read like a
     * landscape one of its width); the big roles follow the shorter of the
     * height and a 16:9 box inside the width, so a narrow window does not
     * overflow. */
    int side = imin(w, h);
    int big = imin(h, w * 9 / 16);
    /* The font's line box is taller than its em, but the rule is about what
     * the eye sees, so even the em stays above that thirtieth. */
    l->min_text_px = layout_min_text_height(w, h) + 1;
    l->text_px[TEXT_SMALL] = imax(l->min_text_px, side / 27);
    l->text_px[TEXT_BODY] = imax(l->text_px[TEXT_SMALL] + 1, side / 23);
    l->text_px[TEXT_HEADING] = imax(l->text_px[TEXT_BODY] + 1, big / 15);
    l->text_px[TEXT_TITLE] = imax(l->text_px[TEXT_HEADING] + 1, big / 9);
    l->text_px[TEXT_PHASE] = imax(l->text_px[TEXT_HEADING] + 1, big / 10);
    l->text_px[TEXT_TIMER] = imax(imax(l->text_px[TEXT_PHASE] + 1, big / 5), l->text_px[TEXT_BODY] * 5 / 2);
    l->gap = imax(2, side / 60);
    l->line = imax(2, side / 240);
}

SDL_Rect rect_cut_top(SDL_Rect *r, int amount)
{
    amount = clampi(amount, 0, r->h);
    SDL_Rect piece = {r->x, r->y, r->w, amount};
    r->y += amount;
    r->h -= amount;
    return piece;
}

SDL_Rect rect_cut_bottom(SDL_Rect *r, int amount)
{
    amount = clampi(amount, 0, r->h);
    SDL_Rect piece = {r->x, r->y + r->h - amount, r->w, amount};
    r->h -= amount;
    return piece;
}

SDL_Rect rect_cut_left(SDL_Rect *r, int amount)
{
    amount = clampi(amount, 0, r->w);
    SDL_Rect piece = {r->x, r->y, amount, r->h};
    r->x += amount;
    r->w -= amount;
    return piece;
}

SDL_Rect rect_cut_right(SDL_Rect *r, int amount)
{
    amount = clampi(amount, 0, r->w);
    SDL_Rect piece = {r->x + r->w - amount, r->y, amount, r->h};
    r->w -= amount;
    return piece;
}

SDL_Rect rect_inset(SDL_Rect r, int by)
{
    by = clampi(by, 0, imin(r.w, r.h) / 2);
    return (SDL_Rect){r.x + by, r.y + by, r.w - 2 * by, r.h - 2 * by};
}

SDL_Rect rect_row(SDL_Rect r, int i, int n, int gap)
{
    if (n < 1) n = 1;
    int total = r.h - gap * (n - 1);
    if (total < n) {
        total = r.h;
        gap = 0;
    }
    /* Spread the remainder so the rows tile the rectangle exactly. */
    int y0 = r.y + total * i / n + gap * i;
    int y1 = r.y + total * (i + 1) / n + gap * i;
    return (SDL_Rect){r.x, y0, r.w, y1 - y0};
}

SDL_Rect rect_col(SDL_Rect r, int i, int n, int gap)
{
    if (n < 1) n = 1;
    int total = r.w - gap * (n - 1);
    if (total < n) {
        total = r.w;
        gap = 0;
    }
    int x0 = r.x + total * i / n + gap * i;
    int x1 = r.x + total * (i + 1) / n + gap * i;
    return (SDL_Rect){x0, r.y, x1 - x0, r.h};
}

SDL_Rect rect_square(SDL_Rect r)
{
    int s = imin(r.w, r.h);
    return (SDL_Rect){r.x + (r.w - s) / 2, r.y + (r.h - s) / 2, s, s};
}

bool rect_contains(SDL_Rect outer, SDL_Rect inner)
{
    return inner.x >= outer.x && inner.y >= outer.y &&
           inner.x + inner.w <= outer.x + outer.w &&
           inner.y + inner.h <= outer.y + outer.h;
}
