/* program.h: the routine as plain data (tracks, levels, poses).
 * Pure C11, no SDL. Filled by levels_load.c, read by everyone else. */
#ifndef COREQUEST_PROGRAM_H
#define COREQUEST_PROGRAM_H

#include <stdbool.h>

#include "motion.h"

enum {
    PROGRAM_MAX_TRACKS = 16,
    TRACK_MAX_LEVELS = 8,
    LEVEL_MAX_CUES = 6,
    ID_MAX = 48,          /* ids: [a-z0-9_], at most 47 chars */
    TITLE_MAX = 96,
    TEXT_MAX = 480,       /* setup texts and cues */
    PATH_MAX_LEN = 512,
    PROJECT_CHOICE_MAX = 12
};

typedef enum {
    SIDES_NONE,        /* both sides together (pelvic tilt, bridge, superman) */
    SIDES_ALTERNATING, /* left, right, left... each rep (toe taps, swimmers) */
    SIDES_EACH_SIDE    /* all reps on the left, switch, all on the right */
} Sides;

/* Muscle groups the figure highlights; a bit set. */
typedef enum {
    MUSCLE_CORE = 1 << 0,
    MUSCLE_GLUTES = 1 << 1,
    MUSCLE_BACK = 1 << 2,
    MUSCLE_HIPS = 1 << 3 /* hip abductors (clamshell) */
} Muscle;

/* A side-view pose as joint angles in degrees.
 *
 * trunk is absolute: the direction from pelvis to neck, counter-clockwise
 * from screen right with y up (180 = lying with the head to the left).
 * The body's front is on the side of trunk - 90 degrees (face up when lying
 * head-left); flip = true puts the front on the other side (face down,
 * hands and knees).  All other angles are anatomical and relative:
 *   neck      flexion: chin toward chest is positive
 *   shoulder  flexion: 0 = arm along the side toward the feet, 180 = overhead
 *   elbow     flexion: 0 = straight
 *   hip       flexion: 0 = thigh in line with the trunk, 90 = right angle
 *   knee      flexion: 0 = straight, 90 = shin at right angle to thigh
 * "near" limbs are the ones nearer the viewer and are the moving limbs for
 * the left side; the right side swaps near and far (the figure mirrors). */
typedef struct {
    float trunk;
    bool flip;
    float neck;
    float shoulder_near, elbow_near, shoulder_far, elbow_far;
    float hip_near, knee_near, hip_far, knee_far;
    /* Added for the figure (optional key "side_lying", default false): lying
     * on the far side, seen from the front, as in the clamshell.  The trunk
     * then shows its width, the face turns to the viewer, the near limbs lie
     * on top, and limb angles open in the picture plane with "front" as the
     * upper side.  The top leg rests on the bottom one (knee on knee,
     * ankle on ankle); hip_open_near lifts its knee (the clamshell). */
    bool side_lying;
    /* Optional keys (default 0 / false), read by core/pose.c:
     *   lumbar           low-back arch: the low back lifts off the floor
     *                    when lying on the back (0 = flat, pressed down)
     *   side_bend        trunk bends sideways toward the near side
     *   shoulder_out_*   arm abduction, away from the body's side
     *   hip_open_*       the knee opens outward about the hip-ankle line,
     *                    the foot staying put (the clamshell's hinge)
     *   from_above       the camera looks down at the body (shows the
     *                    sideways reach of heel taps) */
    float lumbar, side_bend;
    float shoulder_out_near, shoulder_out_far;
    float hip_open_near, hip_open_far;
    bool from_above;
} Pose;

typedef struct {
    Pose start; /* rest position, also the position during RELAX end */
    Pose peak;  /* end of MOVE, held during HOLD */
} PoseSet;

typedef struct {
    char id[ID_MAX];
    char title[TITLE_MAX];
    char setup[TEXT_MAX];                 /* how to get into position */
    char movement[TEXT_MAX];              /* how one rep goes, said before rep 1 */
    char cues[LEVEL_MAX_CUES][TEXT_MAX];  /* coaching points, said during reps */
    int cue_count;
    /* Alternating levels: said as each move returns (empty: the core's own
     * "keep your belly tight"); never "relax" while the leg is out. */
    char return_cue[TEXT_MAX];
    /* Time to get into position after the setup words (default 6000). */
    int settle_ms;
    int reps;       /* per side for alternating and each-side levels */
    int sets;
    int hold_s;     /* 0 = no hold phase */
    int rest_s;     /* between sets and after the exercise */
    int move_ms;    /* tempo: time to reach the peak */
    int relax_ms;   /* tempo: time to return to the start */
    Sides sides;
    char equipment[TITLE_MAX]; /* "none", "exercise band around the knees"... */
    /* Where a motion-sensing pad is strapped and the angles that make a
     * rep and a hold (the level file's "motion"); strap NONE: no profile,
     * reps are confirmed by hand. */
    MotionProfile motion;
    /* Unlock rule for next_id: full reps with no pain on this many different
     * days.  next_id is empty for the last level of a track. */
    char next_id[ID_MAX];
    int unlock_clean_days;
    /* ... and, when true, the last rating of this level was "too easy"
     * (the person says it is time; default true, the project's choice). */
    bool unlock_too_easy;
    /* This many "too hard" ratings in a row at this level offer the level
     * below next time (0: never; default 2, the project's choice). */
    int step_back_after_too_hard;
    /* Field names whose number is the project's choice, not the seed's. */
    char project_choice[PROJECT_CHOICE_MAX][24];
    int project_choice_count;
    PoseSet poses;
} Level;

typedef struct {
    char id[ID_MAX];
    char title[TITLE_MAX];
    char summary[TEXT_MAX];
    unsigned muscles; /* Muscle bits */
    int order;        /* the file's "order" (1..99): routine position */
    char source_path[PATH_MAX_LEN];
    Level levels[TRACK_MAX_LEVELS];
    int level_count;
} Track;

/* Tracks are in routine order (the file's "order" key, then file name). */
/* What happens after the advice to see a therapist: the exercise is held
 * out of today's session, or replaced by its easier level. */
typedef enum { ADVICE_HOLD_OUT, ADVICE_EASIER } AdviceAction;

/* The pack's pain rules (an optional "rules" file; docs/LEVELS.md).  Every
 * default is the project's choice. */
typedef struct {
    bool present;            /* false: a hand-built program; defaults apply */
    int easier_above;        /* a pain stop scored above this offers the easier
                                level; -1 (default): every pain stop, scored or
                                not (never push through pain) */
    int advice_score_at;     /* a score this high brings the advice (7; 0: off) */
    int advice_stops;        /* this many pain stops on one exercise ... (2) */
    int advice_window_days;  /* ... within this many days (7) */
    int advice_days_any;     /* pain stops on this many different days, any
                                exercise, within the window (3; 0: off) */
    AdviceAction advice_then; /* hold the exercise out (default) or go easier */
} ClinicalRules;

ClinicalRules clinical_rules_default(void);

typedef struct {
    Track tracks[PROGRAM_MAX_TRACKS];
    int track_count;
    ClinicalRules rules;
} Program;

/* The pack's rules, or the defaults when it has none. */
ClinicalRules program_rules(const Program *p);

/* Lookups return NULL when absent.  track_index/level_index may be NULL. */
const Level *program_find_level(const Program *p, const char *id,
                                int *track_index, int *level_index);
const Track *program_find_track(const Program *p, const char *id);

const char *sides_name(Sides s); /* "none", "alternating", "each_side" */

/* Linear blend of two poses, t in [0,1]; flip comes from b when t >= 0.5. */
Pose pose_lerp(const Pose *a, const Pose *b, float t);

#endif
