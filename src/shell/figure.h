/* figure.h: the jointed side-view figure.  Joint angles (core/program.h's
 * Pose) become joint positions in body units (standing height 1, y up),
 * grounded on the mat and drawn with SDL_RenderGeometry; optional PNG
 * sprite sheets in assets/sprites/<track id>.png replace the drawing. */
#ifndef COREQUEST_FIGURE_H
#define COREQUEST_FIGURE_H

#include <stdbool.h>
#include <SDL.h>

#include "program.h"
#include "session.h"

enum { FIGURE_NEAR = 0, FIGURE_FAR = 1 };

/* Body measures, in standing heights. */
#define FIGURE_TRUNK_LEN 0.30f
#define FIGURE_UPPER_ARM_LEN 0.165f
#define FIGURE_FOREARM_LEN 0.15f
#define FIGURE_THIGH_LEN 0.245f
#define FIGURE_SHIN_LEN 0.25f
#define FIGURE_FOOT_LEN 0.075f
#define FIGURE_HEAD_R 0.062f

typedef struct {
    SDL_FPoint pelvis, shoulder, neck, head; /* on the trunk's centre line */
    SDL_FPoint hip[2], shoulder_at[2]; /* limb roots: apart when side-lying */
    SDL_FPoint elbow[2], hand[2], knee[2], ankle[2], toe[2], heel[2];
    bool side_lying;
    SDL_FPoint front; /* unit vector toward the body's front */
    SDL_FPoint along; /* unit vector from pelvis to neck */
    float head_r;
} FigureBody;

/* Joint positions for a pose, hip at the origin, not yet grounded. */
void figure_solve(const Pose *pose, FigureBody *out);
/* The lowest point of the drawn outline (limb thickness included). */
float figure_lowest(const FigureBody *b);
/* Solve, set the feet (flat when they are on the floor), and move the body
 * so its lowest point touches y = 0. */
void figure_pose_grounded(const Pose *pose, FigureBody *out);
void figure_mirror(FigureBody *b, float about_x);
void figure_bounds(const FigureBody *b, float *min_x, float *max_x, float *max_y);

/* The pose to draw for a side: alternating levels move the other limbs
 * (near and far swapped); each-side levels turn the figure round (mirror). */
Pose figure_pose_for_side(const Pose *pose, Sides sides, Side side, bool *mirror);

/* Where body units land on the screen. */
typedef struct {
    SDL_Rect box;
    float scale;    /* pixels per body unit */
    float ox, oy;   /* screen position of body (0, 0); oy is the mat top */
    float centre_x; /* body x about which a mirrored figure turns */
    float floor_back; /* body units the floor reaches up the picture: 0 for
                         a flat mat seen edge-on, more when seen from above */
} FigureView;

/* A view that keeps every listed pose (grounded) inside box, mat included. */
FigureView figure_view_fit(const Pose *poses, int count, SDL_Rect box);
SDL_FPoint figure_to_screen(const FigureView *v, SDL_FPoint p);

void figure_draw_mat(SDL_Renderer *r, const FigureView *v);
/* muscles: Muscle bits to highlight on the trunk and thighs. */
void figure_draw_body(SDL_Renderer *r, const FigureBody *b, const FigureView *v,
                      unsigned muscles);

/* Eases 0..1 (smoothstep) so limbs start and stop gently. */
float figure_ease(float t);

/* The whole picture for a level: sprite sheet if one exists for the track,
 * else the drawn figure with its mat.  t: 0 = start pose, 1 = peak pose. */
typedef struct FigureSprites FigureSprites;
FigureSprites *figure_sprites_open(SDL_Renderer *r, const char *assets_dir);
void figure_sprites_close(FigureSprites *s);
void figure_draw_level(SDL_Renderer *r, FigureSprites *sprites, const Track *track,
                       const Level *level, float t, Side side, SDL_Rect box);
/* True if a sprite sheet stands in for this level (its own sheet,
 * assets/sprites/<level id>.png, or its track's, <track id>.png). */
bool figure_sprites_has(FigureSprites *s, const Track *track, const Level *level);

/* Extra drawing on each frame of a sheet (equipment, say), in body units. */
typedef void (*FigureDecor)(SDL_Renderer *r, const FigureBody *b, const FigureView *v,
                            void *ctx);
/* Renders a sprite sheet in the layout figure_draw_level reads: frames
 * frames of frame_h x 2*frame_h, start to peak, on a transparent ground.
 * Returns a new RGBA surface (caller frees) or NULL. */
SDL_Surface *figure_render_sheet(const Pose *start, const Pose *peak, unsigned muscles,
                                 int frames, int frame_h, FigureDecor decor, void *ctx);

#endif
