/* cli_motion.c: --check-motion TRACE replays a motion trace (recorded with
 * --record-motion, or one of tests/data/motion) through the detector and a
 * sensed session on a virtual clock, as the shells would, and says what the
 * pad alone counted: how someone with a real pad checks a level's profile.
 * No window, no sound, nothing saved. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "platform/paths.h"
#include "core/levels_load.h"
#include "core/motion.h"
#include "core/plan.h"
#include "core/session.h"

/* What the replay saw, from the session's cues. */
typedef struct {
    Session session;
    const Plan *plan;
    MotionDetector detector;
    bool listening;   /* calibrated at a sensed get-ready */
    int calibrations, holds, reminders, events;
} MotionReplay;

static void replay_cue(void *ctx, const Cue *cue)
{
    MotionReplay *r = ctx;
    if (cue->kind == CUE_SAY && strcmp(cue->key, "reminder_motion") == 0)
        r->reminders++;
    if (cue->kind != CUE_PHASE)
        return;
    if (cue->phase == PHASE_HOLD)
        r->holds++;
    /* The shells calibrate at each get-ready of a sensed exercise. */
    if (cue->phase == PHASE_GET_READY && session_sensed(&r->session)) {
        motion_init(&r->detector, &r->plan->items[cue->exercise].level->motion);
        motion_calibrate(&r->detector, cue->at_ms);
        r->listening = true;
        r->calibrations++;
    }
}

static void replay_sample(MotionReplay *r, const MotionSample *smp)
{
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

static const char *strap_words(MotionStrap s)
{
    return s == MOTION_STRAP_UPPER_ARM ? "upper arm" : motion_strap_name(s);
}

/* Reads the trace's "# level" line (before any sample) and checks the level
 * has a profile; 0, or 1 with the reason on stderr. */
static int trace_level(FILE *f, const char *path, const Program *p, const Level **out,
                       int *lineno)
{
    char line[512], id[64], strap[32];
    while (fgets(line, sizeof line, f)) {
        (*lineno)++;
        if (sscanf(line, "# level %63s strap %31s", id, strap) == 2) {
            const Level *l = program_find_level(p, id, NULL, NULL);
            if (!l) {
                fprintf(stderr, "corequest: %s:%d: no level '%s' in the pack\n", path, *lineno,
                        id);
                return 1;
            }
            if (l->motion.strap == MOTION_STRAP_NONE) {
                fprintf(stderr, "corequest: %s:%d: level '%s' has no motion profile\n", path,
                        *lineno, id);
                return 1;
            }
            if (strcmp(strap, motion_strap_name(l->motion.strap)) != 0)
                fprintf(stderr,
                        "corequest: %s:%d: recorded with the pad on the %s, the level now "
                        "says %s\n",
                        path, *lineno, strap, strap_words(l->motion.strap));
            *out = l;
            return 0;
        }
        if (line[0] == 's') {
            fprintf(stderr, "corequest: %s:%d: a sample before the '# level' line\n", path,
                    *lineno);
            return 1;
        }
    }
    fprintf(stderr, "corequest: %s: no '# level ID strap PLACE' line: not a corequest motion "
                    "trace\n", path);
    return 1;
}

/* Feeds every sample; 0, or 1 at the first bad line (named on stderr). */
static int trace_feed(FILE *f, const char *path, MotionReplay *r, int lineno, long *samples)
{
    char line[512];
    while (fgets(line, sizeof line, f)) {
        lineno++;
        MotionSample smp;
        bool is_sample;
        char err[128];
        if (!motion_trace_parse_line(line, &smp, &is_sample, err, sizeof err)) {
            fprintf(stderr, "corequest: %s:%d: %s\n", path, lineno, err);
            return 1;
        }
        if (is_sample) {
            replay_sample(r, &smp);
            (*samples)++;
        }
    }
    return 0;
}

static int replay_trace(const Options *o, const Program *p)
{
    FILE *f = fopen(o->check_motion, "r");
    if (!f) {
        fprintf(stderr, "corequest: cannot read %s: %s\n", o->check_motion, strerror(errno));
        return 1;
    }
    const Level *level = NULL;
    int lineno = 0;
    if (trace_level(f, o->check_motion, p, &level, &lineno) != 0) {
        fclose(f);
        return 1;
    }
    static Plan plan;
    plan_build_single(p, level->id, &plan);
    static MotionReplay r;
    memset(&r, 0, sizeof r);
    r.plan = &plan;
    SessionConfig config = session_config_default();
    config.motion = true;
    session_init(&r.session, &plan, config, replay_cue, &r);
    session_start(&r.session, 0);
    long samples = 0;
    int status = trace_feed(f, o->check_motion, &r, lineno, &samples);
    fclose(f);
    if (status != 0)
        return 1;
    /* Past the last reading only timed phases may be left. */
    int64_t end = r.session.now_ms + 120000;
    for (int64_t t = r.session.now_ms; !session_done(&r.session) && t < end; t += 10)
        session_step(&r.session, t, ACTION_NONE);

    const ExerciseResult *res = &r.session.results[0];
    printf("%s: level %s (%s), pad on the %s: %ld samples, %d detector event%s\n",
           o->check_motion, level->id, level->title, strap_words(level->motion.strap), samples,
           r.events, r.events == 1 ? "" : "s");
    printf("reps counted by the pad: %d of %d", res->reps_done, res->reps_target);
    if (level->sides == SIDES_EACH_SIDE)
        printf(" (left %d, right %d)", res->reps_left, res->reps_right);
    printf("\n");
    if (level->hold_s > 0)
        printf("holds: %d, of %d s each; %d slipped and %s done again\n",
               r.holds, level->hold_s, res->holds_broken,
               res->holds_broken == 1 ? "was" : "were");
    printf("reminders to move: %d; start positions found: %d\n", r.reminders, r.calibrations);
    bool whole = session_done(&r.session) && res->reps_done == res->reps_target;
    if (whole)
        printf("every rep was counted by the pad alone\n");
    else if (r.calibrations == 0)
        printf("the trace never reached a get-ready: the session waited for the pad\n");
    else
        printf("the pad missed %d rep%s: a press would have been needed\n",
               res->reps_target - res->reps_done,
               res->reps_target - res->reps_done == 1 ? "" : "s");
    return whole ? 0 : 1;
}

int cli_check_motion(const Options *o)
{
    const char *dir = paths_levels_dir(o, NULL);
    Program *p = malloc(sizeof *p);
    LevelErrors *errs = malloc(sizeof *errs);
    if (!p || !errs) {
        free(p);
        free(errs);
        fprintf(stderr, "corequest: out of memory\n");
        return 1;
    }
    int status = 1;
    /* A broken level file elsewhere in the pack does not stop the check. */
    if (levels_load_dir(dir, p, errs) >= 0) {
        level_errors_print(stderr, "", errs);
        status = replay_trace(o, p);
    } else {
        level_errors_print(stderr, "", errs);
    }
    free(p);
    free(errs);
    return status;
}
