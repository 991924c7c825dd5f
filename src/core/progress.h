/* progress.h: unlock rules, pain rules and daily streaks, as pure functions
 * over a history of exercise records.  Pure C11, no SDL, no clock: "today"
 * is always passed in.  The save (src/save) stores the records. */
#ifndef COREQUEST_PROGRESS_H
#define COREQUEST_PROGRESS_H

#include <stdbool.h>
#include <stdint.h>
#include "program.h"
#include "session.h"

/* A local calendar day: days since 1970-01-01 in the user's local calendar,
 * after moving the day start to day_start_hour (a session at 01:30 with a
 * 4 o'clock day start belongs to the previous day).  Computed from the
 * broken-down local time the session started at, never from a UTC offset, so
 * time-zone moves and DST switches cannot double-count or skip a day. */
typedef int32_t DayNumber;

DayNumber day_from_civil(int year, int month, int mday); /* month 1..12 */
void civil_from_day(DayNumber d, int *year, int *month, int *mday);
DayNumber day_from_local(int year, int month, int mday, int hour,
                         int day_start_hour);
int day_weekday(DayNumber d); /* 0 = Monday .. 6 = Sunday */

typedef struct {
    char level_id[ID_MAX];
    DayNumber day;
    bool full;   /* every target rep done */
    bool pain;   /* stopped for pain */
    Rating rating; /* how it felt (RATING_NONE: not asked or not answered) */
    int pain_score; /* 0-10 when said at a pain stop or report, else -1 */
    int64_t at_utc; /* when it was recorded: advice counts only what came
                       after the person last confirmed seeing a therapist */
} ExerciseRecord;

/* Why the advice to see a therapist stands for a track. */
typedef enum {
    ADVICE_NONE,
    ADVICE_PAIN_SCORE,   /* a pain stop scored advice_pain_at or more */
    ADVICE_STOPS_TWICE,  /* advice_stops pain stops on it within the window */
    ADVICE_MANY_DAYS     /* pain stops on advice_days_any days, any exercise */
} AdviceReason;

enum { PAIN_ADVICE_WINDOW_DAYS = 7, PAIN_ADVICE_REPORTS = 2 };

typedef struct {
    int unlocked[PROGRAM_MAX_TRACKS]; /* levels unlocked per track, >= 1 */
    int current[PROGRAM_MAX_TRACKS];  /* level index for today's session */
    int clean_days[PROGRAM_MAX_TRACKS]; /* toward the next unlock */
    bool suggest_easier[PROGRAM_MAX_TRACKS]; /* last result was a pain stop */
    /* See a therapist (the pack's rules, program_rules): stands from the
     * pain that brought it until the person confirms they have checked
     * (advice_cleared_utc), whatever comes after. */
    bool see_pt_advice[PROGRAM_MAX_TRACKS];
    AdviceReason advice_reason[PROGRAM_MAX_TRACKS];
    bool advice_any;          /* some track has the advice */
    /* The last step_back_after_too_hard ratings on the track were "too
     * hard": today's session offers the level below the one rated. */
    bool easier_for_too_hard[PROGRAM_MAX_TRACKS];
    /* The top unlocked level has its clean days but waits for a "too
     * easy" (the unlock rule's too_easy). */
    bool waits_for_too_easy[PROGRAM_MAX_TRACKS];
} ProgressState;

/* Replays records (any order) against the program's unlock rules: a level
 * opens the next after its clean_days (full, pain-free, on different days)
 * and, when its rule says too_easy, when its last rated clean result was
 * rated "too easy".  step_back_after_too_hard "too hard" ratings in a row
 * on a track offer the level below for the next session.
 * chosen[i] >= 0 is a level the user picked for track i (clamped to what is
 * unlocked); -1 means "the highest unlocked".  A pain stop sets the current
 * level one below the one that hurt (never below the first) and does not
 * count as a clean day; it never locks a level again. */
void progress_compute(const Program *p, const ExerciseRecord *records,
                      int record_count, const int *chosen, DayNumber today,
                      ProgressState *out);

/* The same, with levels already unlocked earlier (e.g. the save's unlock
 * log): they stay unlocked even if the pack's rules have become stricter.
 * Records of the same day are taken in the order given (the last one
 * decides suggest_easier).  Unknown ids are ignored. */
void progress_compute_with_unlocks(const Program *p,
                                   const ExerciseRecord *records, int record_count,
                                   const char *const *unlocked_ids, int unlocked_count,
                                   const int *chosen, DayNumber today,
                                   ProgressState *out);
/* The same, with the time the person last confirmed they had checked with
 * a therapist (INT64_MIN: never): only pain recorded after it counts for
 * the advice. */
void progress_compute_full(const Program *p, const ExerciseRecord *records, int record_count,
                           const char *const *unlocked_ids, int unlocked_count,
                           const int *chosen, DayNumber today, int64_t advice_cleared_utc,
                           ProgressState *out);

typedef struct {
    int current;        /* days in the current streak (0 if broken) */
    int best;
    DayNumber last_day; /* last day with a finished session, -1 if none */
    bool alive_today;   /* today already counts */
} StreakInfo;

/* session_days: days with a finished daily session (any order, duplicates
 * allowed).  A streak survives up to rest_days_per_week missed days in any
 * 7-day window; it is alive while today could still extend it. */
void streak_compute(const DayNumber *session_days, int count, DayNumber today,
                    int rest_days_per_week, StreakInfo *out);

#endif
