/* runner.c: one session from plan to streak day (see runner.h).  The
 * shells only step the session and show what it says; what is recorded and
 * what counts is decided here, once. */
#include "runner.h"

#include <stdio.h>
#include <string.h>

int runner_begin(Runner *r, Tracker *tracker, Plan *plan, const char *level_id,
                 time_t now, char *err, size_t err_size)
{
    memset(r, 0, sizeof *r);
    r->tracker = tracker;
    r->plan = plan;
    if (err_size > 0)
        err[0] = '\0';
    if (level_id) {
        if (!plan_build_single(tracker_program(tracker), level_id, plan)) {
            snprintf(err, err_size, "no level has the id '%s' (see --list-levels)", level_id);
            return -1;
        }
    } else if (tracker_plan_daily(tracker, plan) <= 0) {
        if (tracker_advice(tracker))
            snprintf(err, err_size, "every exercise of today's session waits until you have "
                                    "checked with a physical therapist");
        else
            snprintf(err, err_size, "today's plan is empty: check the level files");
        return -1;
    }
    r->daily = level_id == NULL;
    r->streak_before = tracker_streak(tracker, now);
    if (r->daily) {
        AdviceReason why[PROGRAM_MAX_TRACKS];
        r->advice_count = tracker_held_out(tracker, r->advice_tracks, why, PROGRAM_MAX_TRACKS);
        r->advice_held_out = program_rules(tracker_program(tracker)).advice_then == ADVICE_HOLD_OUT;
        if (r->advice_count > 0) {
            int reasons[PROGRAM_MAX_TRACKS];
            for (int i = 0; i < r->advice_count; i++)
                reasons[i] = (int)why[i];
            ClinicalRules rules = program_rules(tracker_program(tracker));
            prompt_advice(&r->advice, &rules, r->advice_tracks, reasons, r->advice_count);
        }
    }
    return 0;
}

int runner_confirm_checked(Runner *r, time_t now, char *err, size_t err_size)
{
    Tracker *t = r->tracker;
    Plan *plan = r->plan;
    bool daily = r->daily;
    tracker_confirm_checked(t, now);
    if (!daily)
        return 0; /* one practised level: its plan does not change */
    return runner_begin(r, t, plan, NULL, now, err, err_size);
}

bool runner_pain_advice(const Runner *r, int index, Prompt *p)
{
    if (index < 0 || index >= r->plan->count || !r->recorded[index])
        return false;
    const PlanItem *item = &r->plan->items[index];
    const ProgressState *ps = tracker_progress(r->tracker);
    if (!ps->see_pt_advice[item->track_index])
        return false;
    prompt_pain_advice(p, item->track->title, (int)ps->advice_reason[item->track_index]);
    return true;
}

bool runner_pain_advice_after(const Runner *r, const Cue *cue, Prompt *p)
{
    return cue->kind == CUE_SAY && strncmp(cue->key, "pain_stop", 9) == 0 &&
           runner_pain_advice(r, cue->exercise, p);
}

int runner_start(Runner *r, time_t now)
{
    r->started = true;
    r->last_status = tracker_session_begin(r->tracker, now);
    return r->last_status;
}

int runner_record(Runner *r, int index, const ExerciseResult *result, time_t now,
                  const Level **unlocked)
{
    if (unlocked)
        *unlocked = NULL;
    if (index < 0 || index >= r->plan->count || r->recorded[index] || !result->finished)
        return -1;
    r->recorded[index] = true;
    const Level *u = NULL;
    const PlanItem *item = &r->plan->items[index];
    if (!r->started)
        runner_start(r, now);
    r->last_status = tracker_exercise_done(r->tracker, item, result, now, &u);
    if (u && r->unlocked_count < PLAN_MAX_ITEMS) {
        r->unlocked[r->unlocked_count] = u;
        r->unlocked_track[r->unlocked_count] = item->track;
        r->unlocked_count++;
    }
    if (unlocked)
        *unlocked = u;
    return r->last_status;
}

int runner_pain_report(Runner *r, int index, const ExerciseResult *result, time_t now)
{
    if (index < 0 || index >= r->plan->count)
        return -1;
    if (result->pain && result->pain_rated) {
        /* The stop was recorded at once; now its score and place. */
        r->last_status = tracker_set_pain_score(r->tracker, r->plan->items[index].level,
                                                result->pain_score, result->pain_place);
        return r->last_status;
    }
    if (!result->pain_after)
        return -1;
    if (!r->started)
        runner_start(r, now);
    ExerciseResult report;
    memset(&report, 0, sizeof report);
    report.reps_target = result->reps_target;
    report.pain_after = true;
    report.pain_rated = result->pain_rated;
    report.pain_score = result->pain_score;
    report.pain_place = result->pain_place;
    report.started = report.finished = true;
    report.started_ms = report.ended_ms = result->ended_ms;
    r->last_status = tracker_exercise_done(r->tracker, &r->plan->items[index], &report, now, NULL);
    return r->last_status;
}

bool runner_streak_day(bool daily, const Session *s)
{
    if (!daily)
        return false;
    SessionTotals t = session_totals(s);
    return t.complete && t.exercises_done + t.pain_stops > 0;
}

bool runner_conclude(Runner *r, const Session *s, time_t now)
{
    if (r->concluded)
        return r->streak_day;
    if (!r->started)
        runner_start(r, now);
    for (int i = 0; i < r->plan->count; i++)
        runner_record(r, i, &s->results[i], now, NULL);
    r->streak_day = runner_streak_day(r->daily, s);
    r->concluded = true;
    r->last_status = tracker_session_end(r->tracker, r->streak_day, now);
    r->streak_after = tracker_streak(r->tracker, now);
    return r->streak_day;
}
