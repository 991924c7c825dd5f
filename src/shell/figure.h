/* figure.h: draws the jointed figure that core/pose.h solves (joint
 * positions in body units, standing height 1, y up), seen from the side
 * or from above, on its mat, with SDL_RenderGeometry; optional PNG sprite
 * sheets in assets/sprites/<track id>.png replace the drawing. */
#ifndef COREQUEST_FIGURE_H
#define COREQUEST_FIGURE_H

#include <stdbool.h>
#include <SDL.h>

#include "pose.h"
#include "program.h"
#include "session.h"

enum { FIGURE_NEAR = POSE_NEAR, FIGURE_FAR = POSE_FAR };

/* The body as drawn: core/pose.h's joints seen through the pose's camera
 * (body units, y up the picture). */
typedef struct {
    SDL_FPoint pelvis, waist, shoulder, neck, head; /* on the trunk's centre line */
    SDL_FPoint hip[2], shoulder_at[2];              /* limb roots */
    SDL_FPoint elbow[2], wrist[2], hand[2], knee[2], ankle[2], toe[2], heel[2];
    SDL_FPoint front; /* toward the body's front, as seen (not unit from above) */
    SDL_FPoint along; /* unit vector from pelvis to neck, as seen */
    float head_r;
    float trunk_ra, trunk_rb; /* the trunk's visible half-width at pelvis and chest */
    bool wide;          /* the trunk shows its width (seen from the front or above) */
    bool face_viewer;   /* the face turns to the viewer: two eyes, no profile */
    bool arched;        /* the low back arches (lumbar): drawn in two parts */
    bool bent;          /* the trunk bends at the waist as seen (a side bend) */
    int order[5];       /* drawing order of the parts, far first (FigurePart) */
} FigureBody;

typedef enum { FIGURE_PART_ARM_FAR, FIGURE_PART_LEG_FAR, FIGURE_PART_TRUNK,
               FIGURE_PART_LEG_NEAR, FIGURE_PART_ARM_NEAR } FigurePart;

/* The 3D body seen through its camera. */
void figure_flatten(const PoseBody *pb, FigureBody *out);
/* The drawn body of a level at t (0 start, 1 peak) for a side; *mirror
 * says the picture turns round (the right side of an each-side level). */
void figure_level_body(const Level *level, Side side, float t, FigureBody *out, bool *mirror);
void figure_mirror(FigureBody *b, float about_x);
void figure_bounds(const FigureBody *b, float *min_x, float *max_x, float *min_y, float *max_y);

/* Where body units land on the screen. */
typedef struct {
    SDL_Rect box;
    float scale;    /* pixels per body unit */
    float ox, oy;   /* screen position of body (0, 0); oy is the mat top */
    float centre_x; /* body x about which a mirrored figure turns */
    float floor_back;  /* body units the floor reaches up the picture: 0 for
                          a flat mat seen edge-on, more when seen from above */
    float floor_front; /* ... and down the picture, in front of the body */
    float mat_lo, mat_hi; /* body x the mat spans (a mat seen from above is
                             body-sized, not box-sized: less to fill) */
} FigureView;

/* A view that keeps the level's figure inside box through the whole move,
 * either side, mat included (one size and place for the whole exercise). */
FigureView figure_view_fit(const Level *level, SDL_Rect box);
/* The same for single poses (pictures that are not a level: the icon). */
FigureView figure_view_fit_poses(const Pose *poses, int count, SDL_Rect box);
/* One pose on its own, on the floor (core/pose.h's pose_key), as drawn. */
void figure_pose_grounded(const Pose *pose, FigureBody *out);
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
 * frames of frame_h x 2*frame_h, the level's start to its peak (left
 * side), on a transparent ground.  Returns a new RGBA surface (caller
 * frees) or NULL. */
SDL_Surface *figure_render_sheet(const Level *level, unsigned muscles, int frames,
                                 int frame_h, FigureDecor decor, void *ctx);

#endif
