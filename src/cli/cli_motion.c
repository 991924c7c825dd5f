/* cli_motion.c: --check-motion TRACE replays a motion trace (recorded with
 * --record-motion, or one of tests/data/motion) through the detector and a
 * sensed session on a virtual clock, as the shells would, and says what the
 * pad alone counted: how someone with a real pad checks a level's profile.
 * A recorded daily session holds one part per sensed exercise, each begun
 * by its "# level" line; each part is replayed as that level on its own.
 * No window, no sound, nothing saved. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_common.h"
#include "options.h"
#include "core/motion.h"
#include "core/plan.h"
#include "core/session.h"

/* One part of the trace being replayed, and what it saw from the cues. */
typedef struct {
    Session session;
    Plan plan;
    const Level *level;
    bool started;     /* the session began, at the part's first time */
    MotionDetector detector;
    bool listening;   /* calibrated at a sensed get-ready */
    int calibrations, holds, reminders, events;
    long samples;
} MotionPart;

static void part_cue(void *ctx, const Cue *cue)
{
    MotionPart *r = ctx;
    if (cue->kind == CUE_SAY && strcmp(cue->key, "reminder_motion") == 0)
        r->reminders++;
    if (cue->kind != CUE_PHASE)
        return;
    if (cue->phase == PHASE_HOLD)
        r->holds++;
    /* The shells calibrate at each get-ready of a sensed exercise. */
    if (cue->phase == PHASE_GET_READY && session_sensed(&r->session)) {
        motion_init(&r->detector, &r->level->motion);
        motion_calibrate(&r->detector, cue->at_ms);
        r->listening = true;
        r->calibrations++;
    }
}

static const char *strap_words(MotionStrap s)
{
    return s == MOTION_STRAP_UPPER_ARM ? "upper arm" : motion_strap_name(s);
}

/* A part's clock starts at its first line's time, so a part recorded late
 * in a daily session is replayed as it was lived, not fast-forwarded. */
static void part_begin_at(MotionPart *r, int64_t t_ms)
{
    if (r->started)
        return;
    SessionConfig config = session_config_default();
    config.motion = true;
    session_init(&r->session, &r->plan, config, part_cue, r);
    session_start(&r->session, t_ms);
    r->started = true;
}

static void part_sample(MotionPart *r, const MotionSample *smp)
{
    part_begin_at(r, smp->t_ms);
    r->samples++;
    session_step(&r->session, smp->t_ms, ACTION_NONE);
    if (!r->listening)
        return;
    MotionEvent ev[8];
    int n = motion_feed(&r->detector, smp, ev, 8);
    for (int i = 0; i < n; i++) {
        r->events++;
        session_motion(&r->session, ev[i].t_ms, ev[i].kind);
    }
}

/* Ends the part: steps through what is left (only timed phases should be,
 * past the last reading), prints what the pad counted.  true: every rep
 * was counted with no press. */
static bool part_finish(MotionPart *r, const char *path)
{
    if (!r->started) {
        printf("%s: level %s: no readings\n", path, r->level->id);
        return false;
    }
    int64_t end = r->session.now_ms + 120000;
    for (int64_t t = r->session.now_ms; !session_done(&r->session) && t < end; t += 10)
        session_step(&r->session, t, ACTION_NONE);
    const Level *level = r->level;
    const ExerciseResult *res = &r->session.results[0];
    printf("%s: level %s (%s), pad on the %s: %ld samples, %d detector event%s\n", path,
           level->id, level->title, strap_words(level->motion.strap), r->samples, r->events,
           r->events == 1 ? "" : "s");
    printf("reps counted by the pad: %d of %d", res->reps_done, res->reps_target);
    if (level->sides == SIDES_EACH_SIDE)
        printf(" (left %d, right %d)", res->reps_left, res->reps_right);
    printf("\n");
    if (level->hold_s > 0)
        printf("holds: %d, of %d s each; %d slipped and %s done again\n", r->holds,
               level->hold_s, res->holds_broken, res->holds_broken == 1 ? "was" : "were");
    printf("reminders to move: %d; start positions found: %d\n", r->reminders,
           r->calibrations);
    bool whole = session_done(&r->session) && res->reps_done == res->reps_target;
    int missed = res->reps_target - res->reps_done;
    if (whole)
        printf("every rep was counted by the pad alone\n");
    else if (r->calibrations == 0)
        printf("the trace never reached a get-ready: the session waited for the pad\n");
    else
        printf("the pad missed %d rep%s: a press would have been needed\n", missed,
               missed == 1 ? "" : "s");
    return whole;
}

/* Starts a part for a "# level" line; false (said on stderr) when the pack
 * has no such level, or it has no motion profile. */
static bool part_open(MotionPart *r, const Program *p, const char *path, int lineno,
                      const char *id, MotionStrap strap)
{
    memset(r, 0, sizeof *r);
    const Level *l = program_find_level(p, id, NULL, NULL);
    if (!l) {
        fprintf(stderr, "corequest: %s:%d: no level '%s' in the pack\n", path, lineno, id);
        return false;
    }
    if (l->motion.strap == MOTION_STRAP_NONE) {
        fprintf(stderr, "corequest: %s:%d: level '%s' has no motion profile\n", path, lineno,
                id);
        return false;
    }
    if (strap != l->motion.strap)
        fprintf(stderr, "corequest: %s:%d: recorded with the pad on the %s, the level now "
                        "says %s\n", path, lineno,
                strap == MOTION_STRAP_NONE ? "(unknown)" : strap_words(strap),
                strap_words(l->motion.strap));
    plan_build_single(p, l->id, &r->plan);
    r->level = l;
    return true;
}

static int replay_trace(const char *path, const Program *p)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "corequest: cannot read %s: %s\n", path, strerror(errno));
        return 1;
    }
    static MotionPart part;
    bool open = false, all_whole = true, bad = false;
    int parts = 0, lineno = 0;
    char line[512];
    while (!bad && fgets(line, sizeof line, f)) {
        lineno++;
        char id[64];
        MotionStrap strap;
        if (motion_trace_parse_level(line, id, sizeof id, &strap)) {
            if (open) {
                parts++;
                all_whole = part_finish(&part, path) && all_whole;
            }
            open = part_open(&part, p, path, lineno, id, strap);
            bad = !open;
            continue;
        }
        MotionSample smp;
        bool is_sample;
        char err[128];
        if (!motion_trace_parse_line(line, &smp, &is_sample, err, sizeof err)) {
            fprintf(stderr, "corequest: %s:%d: %s\n", path, lineno, err);
            bad = true;
        } else if (is_sample && !open) {
            fprintf(stderr, "corequest: %s:%d: a sample before the '# level' line\n", path,
                    lineno);
            bad = true;
        } else if (is_sample) {
            part_sample(&part, &smp);
        } else if (open && line[0] == 'c') {
            long long at;
            if (sscanf(line, "c %lld", &at) == 1)
                part_begin_at(&part, at);
        }
    }
    fclose(f);
    if (bad)
        return 1;
    if (!open) {
        fprintf(stderr, "corequest: %s: no '# level ID strap PLACE' line: not a corequest "
                        "motion trace\n", path);
        return 1;
    }
    parts++;
    all_whole = part_finish(&part, path) && all_whole;
    if (parts > 1)
        printf("%d exercises in the trace: %s\n", parts,
               all_whole ? "every rep of each was counted by the pad alone"
                         : "the pad missed reps in some");
    return all_whole ? 0 : 1;
}

int cli_check_motion(const Options *o)
{
    Program *p = cli_pack_load(o);
    if (!p)
        return 1;
    int status = replay_trace(o->check_motion, p);
    free(p);
    return status;
}
