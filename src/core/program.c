/* program.c: lookups and pose blending over the routine's data. */
#include "program.h"

#include <string.h>

ClinicalRules clinical_rules_default(void)
{
    ClinicalRules r = {.present = true,
                       .easier_above = -1,
                       .advice_score_at = 7,
                       .advice_stops = 2,
                       .advice_window_days = 7,
                       .advice_days_any = 3,
                       .advice_then = ADVICE_HOLD_OUT};
    return r;
}

ClinicalRules program_rules(const Program *p)
{
    return p && p->rules.present ? p->rules : clinical_rules_default();
}

const Level *program_find_level(const Program *p, const char *id,
                                int *track_index, int *level_index)
{
    for (int t = 0; t < p->track_count; t++) {
        const Track *track = &p->tracks[t];
        for (int l = 0; l < track->level_count; l++) {
            if (strcmp(track->levels[l].id, id) == 0) {
                if (track_index) *track_index = t;
                if (level_index) *level_index = l;
                return &track->levels[l];
            }
        }
    }
    return NULL;
}

const Track *program_find_track(const Program *p, const char *id)
{
    for (int t = 0; t < p->track_count; t++)
        if (strcmp(p->tracks[t].id, id) == 0)
            return &p->tracks[t];
    return NULL;
}

const char *sides_name(Sides s)
{
    switch (s) {
    case SIDES_NONE: return "none";
    case SIDES_ALTERNATING: return "alternating";
    case SIDES_EACH_SIDE: return "each_side";
    }
    return "none";
}

static float lerpf(float a, float b, float t) { return a + (b - a) * t; }

Pose pose_lerp(const Pose *a, const Pose *b, float t)
{
    if (t < 0.0f) t = 0.0f;
    if (t > 1.0f) t = 1.0f;
    Pose r;
    r.trunk = lerpf(a->trunk, b->trunk, t);
    r.flip = t >= 0.5f ? b->flip : a->flip;
    r.side_lying = a->side_lying;
    r.neck = lerpf(a->neck, b->neck, t);
    r.shoulder_near = lerpf(a->shoulder_near, b->shoulder_near, t);
    r.elbow_near = lerpf(a->elbow_near, b->elbow_near, t);
    r.shoulder_far = lerpf(a->shoulder_far, b->shoulder_far, t);
    r.elbow_far = lerpf(a->elbow_far, b->elbow_far, t);
    r.hip_near = lerpf(a->hip_near, b->hip_near, t);
    r.knee_near = lerpf(a->knee_near, b->knee_near, t);
    r.hip_far = lerpf(a->hip_far, b->hip_far, t);
    r.knee_far = lerpf(a->knee_far, b->knee_far, t);
    r.lumbar = lerpf(a->lumbar, b->lumbar, t);
    r.side_bend = lerpf(a->side_bend, b->side_bend, t);
    r.shoulder_out_near = lerpf(a->shoulder_out_near, b->shoulder_out_near, t);
    r.shoulder_out_far = lerpf(a->shoulder_out_far, b->shoulder_out_far, t);
    r.hip_open_near = lerpf(a->hip_open_near, b->hip_open_near, t);
    r.hip_open_far = lerpf(a->hip_open_far, b->hip_open_far, t);
    /* The camera never cuts mid-move: the start pose's view holds. */
    r.from_above = a->from_above;
    return r;
}
