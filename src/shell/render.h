/* render.h: the drawing kit over SDL_Renderer: the colour theme, filled and
 * rounded shapes, arcs and tapered limbs through SDL_RenderGeometry, simple
 * symbols (so colour is never the only signal), and PNG capture. */
#ifndef COREQUEST_RENDER_H
#define COREQUEST_RENDER_H

#include <stdbool.h>
#include <SDL.h>

/* Strict C11 has no M_PI. */
#define RENDER_PI 3.14159265358979323846

/* High-contrast light-on-dark colours; each pairing used for text is at
 * least 7:1 against bg and panel. */
typedef struct {
    SDL_Color bg, panel, panel_focus, panel_dim;
    SDL_Color text, text_dim, text_on_accent;
    SDL_Color accent;  /* focus, the countdown ring */
    SDL_Color good;    /* done */
    SDL_Color info;    /* current, left side */
    SDL_Color warm;    /* right side, celebration */
    SDL_Color danger;  /* pain */
    SDL_Color mat, mat_edge;
    SDL_Color skin_near, skin_far, skin_trunk, outline, muscle;
} Theme;

const Theme *render_theme(void);

SDL_Color render_mix(SDL_Color a, SDL_Color b, float t);
SDL_Color render_alpha(SDL_Color c, Uint8 alpha);

void render_clear(SDL_Renderer *r, SDL_Color c);
void render_rect(SDL_Renderer *r, SDL_Rect rect, SDL_Color c);
void render_rect_outline(SDL_Renderer *r, SDL_Rect rect, int thickness, SDL_Color c);
void render_rounded(SDL_Renderer *r, SDL_Rect rect, float radius, SDL_Color c);
void render_rounded_outline(SDL_Renderer *r, SDL_Rect rect, float radius,
                            float thickness, SDL_Color c);
void render_circle(SDL_Renderer *r, float cx, float cy, float radius, SDL_Color c);
/* An arc of a ring, clockwise from 12 o'clock: from and to in turns (0..1). */
void render_arc(SDL_Renderer *r, float cx, float cy, float radius, float thickness,
                float from, float to, SDL_Color c);
/* A limb: a tapered band from a (radius ra) to b (radius rb), rounded ends. */
void render_capsule(SDL_Renderer *r, SDL_FPoint a, SDL_FPoint b, float ra, float rb,
                    SDL_Color c);
void render_triangle(SDL_Renderer *r, SDL_FPoint a, SDL_FPoint b, SDL_FPoint c3,
                     SDL_Color c);
/* A thick line with square ends. */
void render_line(SDL_Renderer *r, SDL_FPoint a, SDL_FPoint b, float thickness, SDL_Color c);

/* Symbols drawn in a box. */
void render_check(SDL_Renderer *r, SDL_Rect box, SDL_Color c);
void render_lock(SDL_Renderer *r, SDL_Rect box, SDL_Color fg, SDL_Color hole);
void render_star(SDL_Renderer *r, float cx, float cy, float radius, SDL_Color c);
/* A right-pointing marker for the focused item; dir -1 points left. */
void render_pointer(SDL_Renderer *r, SDL_Rect box, int dir, SDL_Color c);

/* Reads the renderer's output into a new RGBA surface (caller frees). */
SDL_Surface *render_capture(SDL_Renderer *r);
/* Captures and writes a PNG.  Returns 0, or -1 with SDL_GetError set. */
int render_save_png(SDL_Renderer *r, const char *path);

#endif
