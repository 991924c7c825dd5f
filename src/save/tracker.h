/* tracker.h: progress that lasts.  Ties the save (SQLite), the progress
 * rules (core/progress.h) and the settings together for every shell: the
 * window, the audio-only mode and --simulate all record through this.
 * Owner: the caller of tracker_open; every tracker_open has a tracker_close. */
#ifndef COREQUEST_TRACKER_H
#define COREQUEST_TRACKER_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "plan.h"
#include "progress.h"
#include "save.h"
#include "session.h"
#include "settings.h"

typedef struct Tracker Tracker;

/* Opens (or creates) the save in data_dir; data_dir NULL keeps everything in
 * memory and saves nothing.  Results that an earlier run left in the
 * pending journal (see journal.h) are merged into the save first, and the
 * message says how many.  A corrupt or foreign file is moved aside with a
 * timestamp and a fresh save starts (never while another corequest has it
 * open); a locked, read-only or full save still opens (in memory) and
 * retries writing at each exercise end.  Either way message gets one line
 * for the user (empty when all is well).  Returns NULL only if memory runs
 * out.  program must outlive the tracker. */
Tracker *tracker_open(const char *data_dir, const Program *program,
                      char *message, size_t message_size);
void tracker_close(Tracker *t);

/* The folder tracker_open was given (the shells choose it: --data-dir, or
 * SDL_GetPrefPath through cli_data_dir). */
const char *tracker_data_dir(const Tracker *t); /* NULL when in memory */
/* The program tracker_open was given. */
const Program *tracker_program(const Tracker *t);

Settings *tracker_settings(Tracker *t);
int tracker_save_settings(Tracker *t); /* 0 ok, -1 not saved (message) */

/* Unlocks, current levels and advice, recomputed after every record. */
const ProgressState *tracker_progress(const Tracker *t);
/* The advice to see a therapist stands for some exercise (the pack's
 * rules over the pain since the last confirmation). */
bool tracker_advice(const Tracker *t);
/* The person confirms they have checked with a therapist: the advice is
 * cleared (pain after now counts again).  Saved at once; 0, or -1 when it
 * could not be written yet (kept, and tried again with the next write). */
int tracker_confirm_checked(Tracker *t, time_t now);
/* Today's plan: every track at its current level, but the ones the advice
 * to see a therapist concerns (held out, or one level easier: the pack's
 * advice_then).  Returns the number of items. */
int tracker_plan_daily(const Tracker *t, Plan *out);
/* The tracks the advice concerns, with why (at most max). */
int tracker_held_out(const Tracker *t, const Track **tracks, AdviceReason *why, int max);
/* The user picks a level for a track (must be unlocked); -1 = highest. */
void tracker_choose_level(Tracker *t, int track_index, int level_index);

StreakInfo tracker_streak(const Tracker *t, time_t now);
/* Days with a finished session among the last `days` days up to today:
 * out[i] is 1 for done, 0 for not, for day today-days+1+i. */
void tracker_calendar(const Tracker *t, time_t now, int days, unsigned char *out);

/* Recording.  now is wall-clock time; the local day is taken from it with
 * the day-start hour.  Each exercise is one transaction.  When the save
 * cannot be written, the rows stay in memory for a retry after each
 * exercise and go into the pending journal beside the save at once, so a
 * crash or the end of the process loses none of them.  These return 0 if
 * saved, 2 if not in the save yet but safe in the journal (saved at the
 * latest at the next start), 1 if kept in memory only (the journal could
 * not be written either, or a newer corequest's save is never written to). */
int tracker_session_begin(Tracker *t, time_t now);
/* Returns 0, 2 or 1 as above, and sets *unlocked_level (may be NULL) to
 * the level this result unlocked, if any.  With no data dir nothing is
 * ever written and 0 comes back (tell the two apart with
 * tracker_data_dir). */
int tracker_exercise_done(Tracker *t, const PlanItem *item,
                          const ExerciseResult *result, time_t now,
                          const Level **unlocked_level);
/* How bad the last pain stop of level was (0-10) and where: set on its
 * row, in memory and in the save (an UPDATE by row key).  Returns 0, 1
 * when kept in memory only (the save could not be written, or the row is
 * still waiting in the journal, which keeps the stop without the score),
 * or -1 when no pain stop of that level is in this session. */
int tracker_set_pain_score(Tracker *t, const Level *level, int score, PainPlace place);
/* finished: the whole daily session was done (this is what a streak day
 * needs); a session ended early is kept but does not count. */
int tracker_session_end(Tracker *t, bool finished, time_t now);
/* How the back is, 0-10, before the session (on the open one) or after it
 * (on the latest); saved or journaled as the session is.  -1 when there is
 * no session or the score is out of range, else as above. */
int tracker_rate_back_pain(Tracker *t, BackPainWhen when, int score);

/* The history, oldest first, including rows still waiting to be written
 * (their id is 0).  The pointers stay valid until the next tracker call
 * that records or saves.  For the history, CSV and report tools. */
const SaveSession *tracker_sessions(const Tracker *t, int *count);
const SaveExercise *tracker_exercises(const Tracker *t, int *count);
const SaveUnlock *tracker_unlocks(const Tracker *t, int *count);
/* The index (into tracker_sessions) of the session exercise i belongs to,
 * -1 if none. */
int tracker_exercise_session(const Tracker *t, int exercise);
/* The local day a wall-clock time falls on, with the day-start hour. */
DayNumber tracker_day_of(const Tracker *t, time_t when);

/* The weekly check of everyday things (tolerance.h), oldest first: the
 * checks for the pure functions, and the rows with their times and keys. */
const ToleranceCheck *tracker_tolerance(const Tracker *t, int *count);
const SaveTolerance *tracker_tolerance_rows(const Tracker *t, int *count);
/* No check, answered or skipped, in the last TOLERANCE_EVERY_DAYS local
 * days, and a session recorded on an earlier day (tolerance_due). */
bool tracker_tolerance_due(const Tracker *t, time_t now);
/* Records a check made now (its local day is set here; a skipped check
 * keeps no scores).  Returns 0 when saved (or with no data dir), 1 when
 * kept in memory only and tried again with every later write. */
int tracker_record_tolerance(Tracker *t, const ToleranceCheck *check, time_t now);

/* The last error or status line (e.g. "could not write the save: disk full;
 * will retry"), empty when none. */
const char *tracker_message(const Tracker *t);

#endif
