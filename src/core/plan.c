/* plan.c: builds today's session or a single-level session. */
#include "plan.h"

#include <string.h>

int plan_build_daily(const Program *p, const int *current_level, Plan *out)
{
    memset(out, 0, sizeof *out);
    for (int t = 0; t < p->track_count && out->count < PLAN_MAX_ITEMS; t++) {
        const Track *track = &p->tracks[t];
        if (track->level_count == 0)
            continue;
        int l = current_level ? current_level[t] : 0;
        if (l < 0) l = 0;
        if (l >= track->level_count) l = track->level_count - 1;
        PlanItem *item = &out->items[out->count++];
        item->track = track;
        item->level = &track->levels[l];
        item->track_index = t;
        item->level_index = l;
    }
    return out->count;
}

int plan_build_single(const Program *p, const char *level_id, Plan *out)
{
    memset(out, 0, sizeof *out);
    int t, l;
    const Level *level = program_find_level(p, level_id, &t, &l);
    if (!level)
        return 0;
    out->items[0] = (PlanItem){&p->tracks[t], level, t, l};
    out->count = 1;
    return 1;
}
