/* app_session.c: the window's session glue: starts a session from today's
 * plan or one level, steps it at the fixed rate, turns its cues into what
 * the screens show (SessionView), and records each finished exercise and
 * the day through the tracker.  No drawing and no screen names here. */
#include "app.h"

#include <stdio.h>
#include <string.h>

enum { APP_CATCH_UP_MAX_MS = 1000 };

/* ---------------------------------------------------------- session */

SessionConfig app_session_config(const App *app)
{
    SessionConfig c = session_config_default();
    c.advice_score_at = program_rules(tracker_program(app->tracker)).advice_score_at;
    const Settings *s = tracker_settings(app->tracker);
    c.mode = s->tempo_mode ? MODE_TEMPO : MODE_CONFIRM;
    if (app->options && app->options->mode)
        c.mode = strcmp(app->options->mode, "tempo") == 0 ? MODE_TEMPO : MODE_CONFIRM;
    if (app->audio)
        audio_session_config(app->audio, &c);
    motion_pad_session_config(&app->motion, &c);
    /* A test's virtual clock jumps on purpose; only a real one stalls. */
    if (app->virtual_clock)
        c.stall_pause_ms = 0;
    return c;
}

/* Words of the window's own during a workout: the session waits for them,
 * so neither cuts the other. */
void app_say_in_session(App *app, const char *key, const char *text)
{
    if (!app->audio)
        return;
    int ms = audio_say_length_ms(app->audio, key, text);
    if (app->session_live && ms > 0) {
        session_make_room(app->session, app->now_ms, ms, false);
        audio_prepare(app->audio, app->session);
    }
    audio_say(app->audio, key, text);
}

const PlanItem *app_current_item(const App *app)
{
    const Session *s = app->session;
    if (!app->session_live || s->exercise < 0 || s->exercise >= app->plan.count)
        return NULL;
    return &app->plan.items[s->exercise];
}

/* A result is final: the runner records it (once), and an unlock is
 * celebrated. */
static void record_exercise(App *app, int index)
{
    SessionView *v = &app->view;
    if (index < 0 || index >= app->plan.count)
        return;
    const Level *unlocked = NULL;
    int status = runner_record(&app->runner, index, &app->session->results[index],
                               app_wall_time(app), &unlocked);
    if (status > 0 && tracker_message(app->tracker)[0])
        app_notice(app, tracker_message(app->tracker));
    if (unlocked && v->unlocked_count < PLAN_MAX_ITEMS) {
        v->unlocked[v->unlocked_count++] = unlocked;
        v->unlocked_ms = app_clock_ms(app);
        if (app->audio)
            audio_beep(app->audio, BEEP_LEVEL_UNLOCKED, SIDE_NONE);
    }
}

/* The session reached its summary (or was cut off): the runner records
 * the day once, and the streak is read again for the summary screen. */
static void conclude(App *app)
{
    SessionView *v = &app->view;
    if (v->concluded)
        return;
    for (int i = 0; i < app->plan.count; i++)
        record_exercise(app, i);
    v->totals = session_totals(app->session);
    v->counted = runner_conclude(&app->runner, app->session, app_wall_time(app));
    v->concluded = true;
    if (app->runner.last_status != 0 && tracker_message(app->tracker)[0])
        app_notice(app, tracker_message(app->tracker));
    v->streak_after = app->runner.streak_after;
    app->progress_serial++;
}

static void on_cue(void *ctx, const Cue *cue)
{
    App *app = ctx;
    SessionView *v = &app->view;
    switch (cue->kind) {
    case CUE_SAY:
        snprintf(v->caption, sizeof v->caption, "%s", cue->text);
        v->caption_ms = cue->at_ms;
        break;
    case CUE_PHASE:
        v->phase = cue->phase;
        v->exercise = cue->exercise;
        if (cue->phase == PHASE_SUMMARY || cue->phase == PHASE_DONE)
            conclude(app);
        break;
    case CUE_REP:
        v->rep = cue->rep;
        v->rep_total = cue->rep_total;
        v->set = cue->set;
        v->set_total = cue->set_total;
        break;
    case CUE_SIDE:
        v->side = cue->side;
        break;
    case CUE_PAUSED:
        v->paused = true;
        break;
    case CUE_RESUMED:
        v->paused = false;
        break;
    case CUE_PAIN_STOP:
        v->pain_exercise = cue->exercise;
        break;
    case CUE_EXERCISE_DONE:
        record_exercise(app, cue->exercise);
        break;
    case CUE_PAIN_REPORT:
        if (runner_pain_report(&app->runner, cue->exercise, &app->session->results[cue->exercise],
                               app_wall_time(app)) > 0 &&
            tracker_message(app->tracker)[0])
            app_notice(app, tracker_message(app->tracker));
        break;
    case CUE_SESSION_DONE:
        conclude(app);
        break;
    default:
        break;
    }
    motion_pad_cue(&app->motion, app->session, cue);
    if (app->audio)
        audio_play_cue(app->audio, cue);
    /* The pain rules may advise a therapist because of this very stop:
     * said after the stop's own words, while go on or stop is chosen. */
    Prompt advice;
    if (runner_pain_advice_after(&app->runner, cue, &advice))
        app_say_in_session(app, advice.key, advice.text);
}

int app_session_start(App *app, const char *level_id)
{
    if (app->session_live)
        app_session_abandon(app);
    char err[APP_NOTICE_MAX];
    memset(&app->view, 0, sizeof app->view);
    app->view.pain_exercise = -1;
    time_t wall = app_wall_time(app);
    if (runner_begin(&app->runner, app->tracker, &app->plan, level_id, wall, err,
                     sizeof err) != 0) {
        /* A sentence on screen: the runner's reason, capitalised. */
        if (err[0] >= 'a' && err[0] <= 'z')
            err[0] = (char)(err[0] - 'a' + 'A');
        app_notice(app, err);
        return -1;
    }
    app->session_daily = app->runner.daily;
    app->view.streak_before = app->runner.streak_before;
    runner_start(&app->runner, wall);
    if (app->back_pain_before >= 0 && app->runner.daily)
        tracker_rate_back_pain(app->tracker, BACK_PAIN_BEFORE, app->back_pain_before);
    app->back_pain_before = -1;
    session_init(app->session, &app->plan, app_session_config(app), on_cue, app);
    if (app->audio) {
        audio_prepare(app->audio, app->session);
        /* The first words must be ready when the clock starts. */
        if (!app->virtual_clock)
            audio_wait_prepared(app->audio);
    }
    int64_t now = app_clock_ms(app);
    app->now_ms = now;
    app->update_ms = now;
    app->session_live = true;
    app->demo_done_ms = -1;
    input_hold_watch_reset(&app->hold_watch);
    motion_pad_begin(&app->motion, app->session);
    session_start(app->session, now);
    return 0;
}

void app_session_act(App *app, Action action)
{
    if (!app->session_live)
        return;
    session_step(app->session, app->now_ms, action);
    /* After every step (audio.h): beeps foreseen before a pause or a pain
     * stop are taken back, and the next ones are placed on their sample. */
    if (app->audio)
        audio_prepare(app->audio, app->session);
}

void app_session_abandon(App *app)
{
    if (!app->session_live)
        return;
    if (!session_done(app->session)) {
        if (app->session->paused)
            session_step(app->session, app->now_ms, ACTION_PAUSE);
        session_step(app->session, app->now_ms, ACTION_END);
        session_step(app->session, app->now_ms, ACTION_END);
    }
    conclude(app);
    motion_pad_end(&app->motion);
    app->session_live = false;
    app->session_left_ms = app->now_ms;
}

/* The confirm button was let go before the hold's end: said kindly, once
 * an exercise, and the rep still counts (it was confirmed on the press). */
void app_session_let_go_early(App *app)
{
    SessionView *v = &app->view;
    snprintf(v->caption, sizeof v->caption,
             "You let go a little early. That's all right, the rep counts. "
             "Next time, try to keep holding until the beep.");
    v->caption_ms = app->now_ms;
    app_say_in_session(app, "hold_let_go_early", v->caption);
}

/* The fixed-rate core update: the session sees every 10 ms boundary, and
 * --demo confirms reps that wait. */
void app_session_tick(App *app, int64_t now)
{
    if (!app->session_live) {
        app->update_ms = now;
        return;
    }
    if (now - app->update_ms > APP_CATCH_UP_MAX_MS)
        app->update_ms = now - APP_UPDATE_MS; /* after a stall: no replay burst */
    Session *s = app->session;
    while (app->update_ms + APP_UPDATE_MS <= now) {
        app->update_ms += APP_UPDATE_MS;
        Action a = ACTION_NONE;
        /* Never the pain check: only a person answers that one. */
        if (app->demo && !s->paused && s->phase == PHASE_WAIT_CONFIRM &&
            app->update_ms - s->phase_start_ms >= APP_DEMO_CONFIRM_MS)
            a = ACTION_CONFIRM;
        session_step(s, app->update_ms, a);
        if (app->audio)
            audio_prepare(app->audio, s);
    }
    if (session_done(s) && app->demo_done_ms < 0)
        app->demo_done_ms = now;
}

/* A workout that is running (not paused, not waiting at the pain check or
 * the summary): the one a lost pad must pause. */
bool app_session_running(const App *app)
{
    const Session *s = app->session;
    return app->session_live && !s->paused && s->phase != PHASE_IDLE &&
           s->phase != PHASE_PAIN_CHECK && s->phase != PHASE_SUMMARY && s->phase != PHASE_DONE;
}
