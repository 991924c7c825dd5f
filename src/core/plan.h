/* plan.h: what to do today. The daily session (every track at its current
 * level) or one chosen level. Pure C11, no SDL. */
#ifndef COREQUEST_PLAN_H
#define COREQUEST_PLAN_H

#include "program.h"

enum { PLAN_MAX_ITEMS = PROGRAM_MAX_TRACKS };

typedef struct {
    const Track *track;
    const Level *level;
    int track_index;
    int level_index;
} PlanItem;

typedef struct {
    PlanItem items[PLAN_MAX_ITEMS];
    int count;
} Plan;

/* Every track at its current level, in routine order.  current_level[i] is
 * the level index for track i (clamped to the track); NULL means each
 * track's first level.  Returns the item count. */
int plan_build_daily(const Program *p, const int *current_level, Plan *out);

/* One level by id.  Returns 1, or 0 if no level has that id. */
int plan_build_single(const Program *p, const char *level_id, Plan *out);

#endif
