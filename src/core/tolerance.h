/* tolerance.h: the weekly check of everyday things (pure, no SDL).
 * What the routine is for is standing, sitting and doing things with less
 * trouble over a few weeks.  Once a week the person rates how well they
 * can stand, sit and do one activity of their own choosing, 0-10, as a
 * physical therapist's patient-specific functional scale asks (0: cannot
 * do it at all, 10: as well as before the back pain).  This module knows
 * when the check is due, what it asks, and the trend; the tracker keeps
 * the answers and the shells ask the questions. */
#ifndef COREQUEST_TOLERANCE_H
#define COREQUEST_TOLERANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "progress.h"
#include "prompts.h"

typedef enum {
    TOLERANCE_STAND,
    TOLERANCE_SIT,
    TOLERANCE_ACTIVITY,
    TOLERANCE_ITEM_COUNT
} ToleranceItem;

enum {
    /* Project's choice: weekly, so change has time to show and the
     * question does not become a chore; a skip counts for its week. */
    TOLERANCE_EVERY_DAYS = 7,
    TOLERANCE_SCORE_MAX = 10,
    TOLERANCE_NAME_MAX = 48,
    TOLERANCE_NOT_ANSWERED = -1
};

typedef struct {
    DayNumber local_day;
    int score[TOLERANCE_ITEM_COUNT]; /* 0-10, TOLERANCE_NOT_ANSWERED */
    char activity[TOLERANCE_NAME_MAX]; /* the person's own activity, as named */
    bool skipped;                      /* "not this week": nothing was rated */
} ToleranceCheck;

/* Due when no check (answered or skipped) was made in the last
 * TOLERANCE_EVERY_DAYS local days, today included, and the person has
 * practised before today (first_session_day, -1 when never): the very
 * first session is for learning the exercises, and the baseline comes the
 * day after, before a single week of practice can have changed much. */
bool tolerance_due(const ToleranceCheck *history, int count, DayNumber today,
                   DayNumber first_session_day);

/* The activities offered to choose from; the person's earlier choice,
 * even one no longer listed, is kept (tolerance_last_activity). */
int tolerance_activity_count(void);
const char *tolerance_activity(int i);
/* The activity of the latest check that named one, else the first listed. */
const char *tolerance_last_activity(const ToleranceCheck *history, int count);

/* "stand", "sit", "activity": CSV columns and prompt keys. */
const char *tolerance_item_name(ToleranceItem item);
/* A short label for screens and reports ("Standing", "Sitting", or the
 * activity's name with a capital). */
void tolerance_item_label(ToleranceItem item, const char *activity, char *out, size_t size);

/* The spoken and shown question for an item, with what 0 and 10 mean. */
void prompt_tolerance_question(Prompt *p, ToleranceItem item, const char *activity);
/* What the check is, said before the questions. */
void prompt_tolerance_intro(Prompt *p);
/* A score read back ("Standing: six"). */
void prompt_tolerance_score(Prompt *p, ToleranceItem item, const char *activity, int score);

typedef struct {
    int rated;              /* checks with this item answered */
    int first, last;        /* their scores, first and latest */
    DayNumber first_day, last_day;
    int change;             /* last - first */
} ToleranceTrend;

/* The trend of one item over the answered checks (skips and unanswered
 * items left out).  For the activity, only checks of the latest check's
 * activity count: another activity is another scale. */
ToleranceTrend tolerance_trend(const ToleranceCheck *history, int count, ToleranceItem item);

/* One line for a screen or report: "Standing 4 -> 6 (up 2 since 3 Nov)",
 * or "Standing 5 (first check)", or "" when never rated. */
void tolerance_trend_line(const ToleranceCheck *history, int count, ToleranceItem item,
                          char *out, size_t size);

#endif
