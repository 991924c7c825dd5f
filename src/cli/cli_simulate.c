/* cli_simulate.c: --simulate runs a session on a virtual clock, no window and
 * no sound, and prints one line per cue; progress is recorded as in a real run. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "levels_load.h"
#include "options.h"
#include "platform/paths.h"
#include "plan.h"
#include "replay.h"
#include "session.h"
#include "runner.h"
#include "tracker.h"


static const int64_t SIMULATE_CAP_MS = INT64_C(6) * 3600 * 1000;

typedef struct {
    Tracker *tracker;
    Runner *runner;
    const Plan *plan;
    const Session *session;
    time_t wall_start;
} SimContext;

/* Seconds with exactly three decimals, from integer ms (no float rounding). */
static void format_seconds(int64_t ms, char *buf, size_t size)
{
    snprintf(buf, size, "%" PRId64 ".%03" PRId64, ms / 1000, ms % 1000);
}

static void print_exercise_done(SimContext *ctx, const Cue *cue)
{
    const PlanItem *item = &ctx->plan->items[cue->exercise];
    const ExerciseResult *r = &ctx->session->results[cue->exercise];
    const Level *unlocked = NULL;
    time_t wall = ctx->wall_start + (time_t)(cue->at_ms / 1000);
    int status = runner_record(ctx->runner, cue->exercise, r, wall, &unlocked);
    const char *saved;
    if (status < 0)
        saved = "no";
    else if (status == 2)
        saved = "queued"; /* in the pending journal beside the save */
    else if (status == 1 || !tracker_data_dir(ctx->tracker))
        saved = "memory";
    else
        saved = "yes";
    char at[32];
    format_seconds(cue->at_ms, at, sizeof at);
    /* The save's kill test reads this line as "the row is committed", so it
     * is printed only after tracker_exercise_done returned, and flushed. */
    printf("%s exercise_done %s reps=%d/%d pain=%s skipped=%s saved=%s\n", at,
           item->level->id, r->reps_done, r->reps_target, r->pain ? "yes" : "no",
           r->skipped ? "yes" : "no", saved);
    fflush(stdout);
    if (status != 0 && tracker_message(ctx->tracker)[0])
        fprintf(stderr, "corequest: %s\n", tracker_message(ctx->tracker));
    if (r->rating != RATING_NONE)
        printf("%9s %-11s %s %s%s\n", at, "rated", item->level->id, rating_id(r->rating),
               r->rating_default ? " (no answer)" : "");
    if (unlocked)
        printf("%9s %-11s %s\n", at, "unlocked", unlocked->id);
}

static void print_cue(void *vctx, const Cue *cue)
{
    SimContext *ctx = vctx;
    if (cue->kind == CUE_EXERCISE_DONE) {
        print_exercise_done(ctx, cue);
        return;
    }
    if (cue->kind == CUE_PAIN_REPORT) {
        const ExerciseResult *r = &ctx->session->results[cue->exercise];
        runner_pain_report(ctx->runner, cue->exercise, r,
                           ctx->wall_start + (time_t)(cue->at_ms / 1000));
        char at[32];
        format_seconds(cue->at_ms, at, sizeof at);
        if (r->pain_rated)
            printf("%9s %-11s %s %d/10%s%s%s\n", at, "pain_score",
                   ctx->plan->items[cue->exercise].level->id, r->pain_score,
                   r->pain_place ? " " : "", pain_place_id(r->pain_place),
                   r->pain_after ? " (in the rest)" : "");
        return;
    }
    char at[32], deadline[32], detail[CUE_TEXT_MAX + CUE_KEY_MAX + 64] = "";
    format_seconds(cue->at_ms, at, sizeof at);
    switch (cue->kind) {
    case CUE_SAY:
        snprintf(detail, sizeof detail, "[%s] %s", cue->key, cue->text);
        break;
    case CUE_SAY_DROPPED:
        snprintf(detail, sizeof detail, "[%s] (%s) %s", cue->key,
                 cue->why ? cue->why : "", cue->text);
        break;
    case CUE_BEEP:
        snprintf(detail, sizeof detail, "%s", beep_name(cue->beep));
        break;
    case CUE_PHASE:
        if (cue->deadline_ms >= 0) {
            format_seconds(cue->deadline_ms, deadline, sizeof deadline);
            snprintf(detail, sizeof detail, "%s until %s", phase_id(cue->phase), deadline);
        } else {
            snprintf(detail, sizeof detail, "%s waits", phase_id(cue->phase));
        }
        break;
    case CUE_REP:
        snprintf(detail, sizeof detail, "%d/%d%s%s set %d/%d", cue->rep, cue->rep_total,
                 cue->side != SIDE_NONE ? " " : "", side_name(cue->side), cue->set,
                 cue->set_total);
        break;
    case CUE_SIDE:
        snprintf(detail, sizeof detail, "%s", side_name(cue->side));
        break;
    case CUE_PAIN_STOP:
    case CUE_PAIN_REPORT:
        snprintf(detail, sizeof detail, "%s", ctx->plan->items[cue->exercise].level->id);
        break;
    default:
        break;
    }
    if (detail[0])
        printf("%9s %-11s %s\n", at, cue_kind_name(cue->kind), detail);
    else
        printf("%9s %s\n", at, cue_kind_name(cue->kind));
}

static Replay *load_replay(const char *path)
{
    char err[600];
    Replay *replay = replay_load_file(path, err, sizeof err);
    if (!replay)
        fprintf(stderr, "corequest: %s\n", err);
    return replay;
}

static bool session_waits(const Session *s)
{
    return s->paused || s->deadline_ms < 0;
}

/* Runs the session to its end.  Returns 0, or 1 when it cannot go on. */
static int run_session(Session *s, const Replay *replay)
{
    int next = 0;
    while (!session_done(s)) {
        int64_t event = session_next_event_ms(s);
        if (!replay) {
            if (s->phase == PHASE_WAIT_CONFIRM || s->phase == PHASE_PAIN_CHECK) {
                session_step(s, s->now_ms, ACTION_CONFIRM);
                continue;
            }
            if (event < 0) {
                fprintf(stderr, "corequest: the session stopped in %s with nothing to do\n",
                        phase_id(s->phase));
                return 1;
            }
            if (event > SIMULATE_CAP_MS) {
                fprintf(stderr, "corequest: the session runs past six hours; stopped\n");
                return 1;
            }
            session_step(s, event, ACTION_NONE);
            continue;
        }
        bool more = next < replay->count;
        if (!more && session_waits(s)) {
            char at[32];
            format_seconds(s->now_ms, at, sizeof at);
            fprintf(stderr,
                    "corequest: the replay ran out at %s s while the session waits for input "
                    "(%s%s); add an action such as CONFIRM\n",
                    at, phase_id(s->phase), s->paused ? ", paused" : "");
            return 1;
        }
        int64_t action_at = more ? replay->items[next].at_ms : -1;
        int64_t t = event >= 0 && (action_at < 0 || event < action_at) ? event : action_at;
        if (t > SIMULATE_CAP_MS) {
            fprintf(stderr, "corequest: the session runs past six hours; stopped\n");
            return 1;
        }
        if (t == action_at) {
            session_step(s, t, replay->items[next].action);
            next++;
        } else {
            session_step(s, t, ACTION_NONE);
        }
    }
    return 0;
}

int cli_simulate(const Options *o)
{
    int status = 1;
    Program *program = calloc(1, sizeof *program);
    LevelErrors *errs = calloc(1, sizeof *errs);
    Replay *replay = NULL;
    Tracker *tracker = NULL;
    if (!program || !errs) {
        fprintf(stderr, "corequest: out of memory\n");
        goto out;
    }
    const char *dir = paths_levels_dir(o, NULL);
    int tracks = levels_load_dir(dir, program, errs);
    level_errors_print(stderr, "", errs);
    if (tracks <= 0) {
        fprintf(stderr, "corequest: no usable levels in '%s'\n", dir);
        goto out;
    }
    if (o->replay_path && !(replay = load_replay(o->replay_path)))
        goto out;

    char message[512] = "";
    tracker = tracker_open(o->data_dir, program, message, sizeof message);
    if (!tracker) {
        fprintf(stderr, "corequest: out of memory\n");
        goto out;
    }
    if (message[0])
        fprintf(stderr, "corequest: %s\n", message);

    Plan plan;
    Runner runner;
    time_t wall_start = time(NULL);
    if (runner_begin(&runner, tracker, &plan, o->level_id, wall_start, message,
                     sizeof message) != 0) {
        fprintf(stderr, "corequest: %s\n", message);
        goto out;
    }

    SessionConfig config = session_config_default();
    config.advice_score_at = program_rules(tracker_program(tracker)).advice_score_at;
    if (o->mode)
        config.mode = strcmp(o->mode, "tempo") == 0 ? MODE_TEMPO : MODE_CONFIRM;
    else
        config.mode = tracker_settings(tracker)->tempo_mode ? MODE_TEMPO : MODE_CONFIRM;

    Session session;
    /* The advice to see a therapist, at the start of every session until
     * the person confirms (the window and audio-only say the same words). */
    static const char *const why_ids[] = {"", "pain_score", "stops_twice", "many_days"};
    for (int i = 0; i < runner.advice_count; i++) {
        const Track *t = runner.advice_tracks[i];
        int ti = (int)(t - tracker_program(tracker)->tracks);
        AdviceReason why = tracker_progress(tracker)->advice_reason[ti];
        printf("    0.000 %-11s %s reason=%s\n", runner.advice_held_out ? "held_out" : "easier",
               t->id, why_ids[why >= 0 && why <= 3 ? why : 0]);
    }
    if (runner.advice_count > 0) {
        Prompt flags;
        prompt_fixed(&flags, PROMPT_RED_FLAGS);
        printf("    0.000 %-11s [%s] %s\n", "advice", runner.advice.key, runner.advice.text);
        printf("    0.000 %-11s [%s] %s\n", "advice", flags.key, flags.text);
    }
    SimContext ctx = {tracker, &runner, &plan, &session, wall_start};
    runner_start(&runner, wall_start);
    session_init(&session, &plan, config, print_cue, &ctx);
    session_start(&session, 0);
    status = run_session(&session, replay);

    SessionTotals totals = session_totals(&session);
    time_t wall_end = ctx.wall_start + (time_t)(session.now_ms / 1000);
    bool streak_day = runner_conclude(&runner, &session, wall_end);
    if (status == 0) {
        printf("session_done exercises=%d reps=%d minutes=%.1f streak_day=%s pain_stops=%d\n",
               totals.exercises_done, totals.reps, (double)totals.elapsed_ms / 60000.0,
               streak_day ? "yes" : "no", totals.pain_stops);
    }
    fflush(stdout);

out:
    if (tracker)
        tracker_close(tracker);
    free(replay);
    free(errs);
    free(program);
    return status;
}
