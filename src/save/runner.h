/* runner.h: one session, from plan to streak day, for every shell.
 * The window, the audio-only mode, --simulate and the tests all carry a
 * session through this: it builds the plan (today's session, or one level),
 * records each finished exercise once, and at the end decides whether the
 * day counts for the streak (runner_streak_day, the only place that rule
 * is written).  No SDL; the clock and the wall time come from the caller.
 * Owner: the caller; runner_begin has runner_conclude as its end (a runner
 * that is never concluded leaves an open session, ended unfinished by the
 * next begin, as the save does for a crash). */
#ifndef COREQUEST_RUNNER_H
#define COREQUEST_RUNNER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "plan.h"
#include "session.h"
#include "tracker.h"

typedef struct {
    Tracker *tracker;  /* not owned */
    Plan *plan;        /* not owned: the session points at it */
    bool daily;        /* today's session (a streak day is possible) */
    bool recorded[PLAN_MAX_ITEMS];
    const Level *unlocked[PLAN_MAX_ITEMS]; /* levels this session unlocked */
    const Track *unlocked_track[PLAN_MAX_ITEMS];
    int unlocked_count;
    bool started;      /* runner_start was called */
    int last_status;   /* tracker status of the last record: 0, 1 or 2 */
    bool concluded;
    bool streak_day;   /* set by runner_conclude */
    StreakInfo streak_before, streak_after;
    /* Today's session only: the advice to see a therapist, for the shells
     * to show and say before it starts (empty text when none). */
    const Track *advice_tracks[PROGRAM_MAX_TRACKS];
    int advice_count;
    bool advice_held_out;  /* left out (else one level easier) */
    Prompt advice;         /* the words, red flags included */
} Runner;

/* Fills *plan (today's session when level_id is NULL, else that level)
 * and reads the streak before it; nothing is written yet.  Returns 0, or
 * -1 with a one-line reason in err (an unknown level id, an empty plan). */
int runner_begin(Runner *r, Tracker *tracker, Plan *plan, const char *level_id,
                 time_t now, char *err, size_t err_size);
/* The person has checked with a therapist: the advice is cleared in the
 * save, and today's plan is made again with every exercise (call before
 * runner_start).  Returns 0, or -1 as runner_begin. */
int runner_confirm_checked(Runner *r, time_t now, char *err, size_t err_size);

/* The session starts now: it is opened in the save (a shell that quits
 * before this, e.g. while the controls are said, records nothing). */
int runner_start(Runner *r, time_t now);

/* Records plan item index once its result is final (result->finished);
 * again for the same index does nothing.  Returns the tracker's status (0
 * saved, 2 queued in the journal, 1 memory only), or -1 when there was
 * nothing to record.  *unlocked (may be NULL) is the level it unlocked. */
int runner_record(Runner *r, int index, const ExerciseResult *result, time_t now,
                  const Level **unlocked);

/* CUE_PAIN_REPORT for item index: a stop's score and place go into its
 * row (recorded at the stop); pain in the rest after a done exercise is a
 * row of its own (no reps, the pain and its score), so the pain rules see
 * it and the done result stays done.  Returns the tracker's status, -1
 * when there was nothing to record. */
int runner_pain_report(Runner *r, int index, const ExerciseResult *result, time_t now);

/* After item index was stopped for pain and recorded: true when the pain
 * rules now advise seeing a therapist about its exercise, with the words
 * in *p (shown and said on that stop, not only at the next start). */
bool runner_pain_advice(const Runner *r, int index, Prompt *p);
/* The same, for a shell's cue sink: true only at the words of a pain stop
 * (they come first; the advice follows them). */
bool runner_pain_advice_after(const Runner *r, const Cue *cue, Prompt *p);

/* The session is over (its summary began, it is done, or it was cut off):
 * records every finished result not yet recorded, decides the streak day
 * and closes the session in the save.  Once only; later calls return the
 * same decision.  Returns r->streak_day. */
bool runner_conclude(Runner *r, const Session *s, time_t now);

/* THE streak-day rule, and the only one: today's session (never one
 * practised level), with every exercise finished and nothing cut short,
 * and at least one exercise really done or stopped for pain (skipping all
 * of them is not a day of exercise; a pain stop never breaks a streak). */
bool runner_streak_day(bool daily, const Session *s);

#endif
