/* prompts.h: every word the core says or captions, in one table.
 * Pure C11, no SDL.  Each distinct text has its own stable key (numbers are
 * part of the key: "rep_3_of_10", "summary_e8_r96_m15"), so a recording in
 * assets/voice/<key>.wav always says exactly what the caption shows. */
#ifndef COREQUEST_PROMPTS_H
#define COREQUEST_PROMPTS_H

#include <stdbool.h>

#include "plan.h"
#include "program.h"

/* A level text (TEXT_MAX) plus a short lead fits whole: nothing is cut. */
enum { PROMPT_TEXT_MAX = 512, PROMPT_KEY_MAX = 64 };

typedef struct {
    char key[PROMPT_KEY_MAX];
    char text[PROMPT_TEXT_MAX];
} Prompt;

/* The texts that never change. */
typedef enum {
    PROMPT_SAFETY,          /* the pain-button reminder at the first exercise */
    PROMPT_GET_READY,
    PROMPT_GET_READY_LEFT,  /* a sided set begins on the left */
    PROMPT_SIDE_LEFT,       /* alternating: which limb moves */
    PROMPT_SIDE_RIGHT,
    PROMPT_RETURN,          /* alternating return, when the level gives none */
    PROMPT_SWITCH_SIDES,
    PROMPT_REMINDER,        /* confirm mode: the rep waits for a press */
    PROMPT_PAUSED,
    PROMPT_PAUSED_STALL,    /* the clock jumped: the session paused itself */
    PROMPT_RESUMED,
    PROMPT_SUMMARY_NOTHING, /* the summary when nothing was done */
    PROMPT_RATE_ASK,        /* how did it feel? after a finished exercise */
    PROMPT_RATED_TOO_EASY,  /* the answer, said back */
    PROMPT_RATED_JUST_RIGHT,
    PROMPT_RATED_TOO_HARD,
    PROMPT_RED_FLAGS,       /* symptoms that need a doctor, not exercise */
    PROMPT_MOTION_REMINDER, /* a sensed move: the pad has not felt the peak */
    PROMPT_HOLD_BROKEN,     /* a sensed hold slipped: that rep again */
    PROMPT_HOLD_LET_GO,     /* it slipped again: no more tries, on we go */
    PROMPT_SWITCH_SIDES_PAD, /* a sensed each-side level: the pad moves too */
    PROMPT_MOTION_LIE_STILL, /* the pad moved while finding the start position */
    PROMPT_FIXED_COUNT
} PromptFixed;

void prompt_fixed(Prompt *p, PromptFixed id);

/* "Bridges, level 1: Bridge on both feet." */
void prompt_title(Prompt *p, const PlanItem *item);
void prompt_setup(Prompt *p, const Level *l);
/* How the movement goes, said before rep 1: the level's "movement" text,
 * or its first coaching cue when the file has none. */
void prompt_movement(Prompt *p, const Level *l);
void prompt_cue(Prompt *p, const Level *l, int index);
/* A sensed exercise's intro: where the motion pad goes, and to lie still
 * through the countdown while it finds the start position. */
void prompt_motion_strap(Prompt *p, MotionStrap strap);
/* An alternating level's return to the start: keeps the core braced. */
void prompt_return(Prompt *p, const Level *l);
void prompt_hold(Prompt *p, int seconds);        /* "Hold for five." */
void prompt_countdown(Prompt *p, int n);         /* "Three." */
void prompt_rep(Prompt *p, int rep, int total);  /* "Three of ten." */
void prompt_rest(Prompt *p, int seconds);        /* "Rest for thirty seconds." */
void prompt_seconds_left(Prompt *p, int seconds); /* "Ten seconds left." */
void prompt_next(Prompt *p, const Track *next);  /* "Next: Bridges." */
/* The pain check: what happens next and both choices. */
void prompt_pain(Prompt *p, bool stopped, bool easier, bool last);
/* The advice to see a physical therapist, said and shown at the start of
 * every session until the person confirms: which exercises and why
 * (reasons: AdviceReason values, said with the rules' own numbers), what
 * happens to them today (the rules' advice_then), the red
 * flags, and how to clear it. */
void prompt_advice(Prompt *p, const ClinicalRules *rules, const Track *const *tracks,
                   const int *reasons, int count);
/* The back-pain question before or after a session, with what 0 and 10
 * mean; and a score read back ("Back pain: four."). */
void prompt_back_pain_question(Prompt *p, bool after);
void prompt_back_pain_score(Prompt *p, int score);
/* "Pain six out of ten, in the low back. Noted." (place "" when not said). */
/* advise: the score brings the advice to see a therapist (the pack's
 * advice_pain_at), so the read-back suggests stopping for today. */
void prompt_pain_score(Prompt *p, int score, const char *place, bool advise);
/* Said at a pain stop when the pain rules now advise seeing a therapist
 * about this exercise (reason as progress.h's AdviceReason). */
void prompt_pain_advice(Prompt *p, const char *exercise, int reason);
/* "Well done. You did 8 exercises and 96 reps in about 15 minutes." */
void prompt_summary_done(Prompt *p, int exercises, int reps, int minutes);
/* "You stopped Bridges and Clamshells when they hurt, and that was the
 * right call."  names: the stopped tracks' ids and titles. */
void prompt_summary_pain(Prompt *p, const Track *const *tracks, int count);

/* About how long a text takes to say, in ms: the planner's guess until the
 * voice has made the prompt, and the length check of a level pack.  Fitted
 * to flite's voices (about 60 ms a character plus the lead-in silence). */
int prompt_estimate_ms(const char *text);

/* Numbers as words, so captions read the way the voice says them. */
void number_words(int n, char *buf, int size);

#endif
