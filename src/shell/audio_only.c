/* audio_only.c: --audio-only, today's session by voice and beeps with no
 * window at all; keys, gamepads or a replay file drive it, captions go to stdout. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>

#include "audio.h"
#include "platform/instance.h"
#include "platform/paths.h"
#include "platform/sleep_inhibit.h"
#include "input.h"
#include "levels_load.h"
#include "motion_pad.h"
#include "options.h"
#include "plan.h"
#include "prompts.h"
#include "replay.h"
#include "session.h"
#include "terminal.h"
#include "tolerance.h"
#include "runner.h"
#include "tracker.h"

enum {
    FOLLOW_WAIT_MS = 20,        /* longest sleep between looks at the input */
    FOLLOW_TALK_MAX_MS = 60000, /* longest wait for the last words to end */
    FOLLOW_TEXT_MAX = 1024,
    /* The weekly check moves on from a question nobody answers: the person
     * may already be on the floor, away from the keys. */
    FOLLOW_ANSWER_MS = 30000
};

static const char follow_controls[] =
    "Controls. To confirm, press Enter or Space, or the bottom button on a "
    "gamepad. To pause, press P, or Start. If something hurts, press X, or "
    "the top button on the pad, and the exercise stops at once. Press S to "
    "skip an exercise, Q or Escape to end the session, and H to hear these "
    "controls again. After each exercise, say how it felt: 1 too easy, 2 just "
    "right, 3 too hard.";

typedef struct {
    Audio *audio;
    Tracker *tracker;
    const Plan *plan;
    Session *session;
    int64_t origin_ms;     /* audio clock at session_start: captions count from it */
    bool beeps_printed;    /* no sound device: the beeps are shown as text */
    Input input;           /* keys from SDL never come here: no window */
    InputHoldWatch hold;   /* a pad's confirm held through a hold phase */
    MotionPad motion;      /* a pad's motion sensor counts reps */
    unsigned motion_serial;
    unsigned notice_serial;
    char pain_told[64];    /* the pad pain button already named aloud */
    bool quit_requested;   /* Ctrl+C or the terminal closed a second time */
    Runner *runner; /* records each result and decides the day */
    int pain_score; /* at the pain check: the score said so far, -1 none */
    bool checked;   /* C during the advice: checked with a therapist */
    bool rate_keys_said; /* the keys of "how did it feel?" were said */
    bool replaying;      /* a replay file drives the session */
    /* Levels unlocked during the session (runner->unlocked): celebrated after it, where their
     * fanfare does not drown the exercise's own beeps. */
} Follow;

/* "[12:34] text", flushed at once so a pipe or a log sees it as it is said. */
static void print_caption(const Follow *f, int64_t at_ms, const char *text)
{
    int64_t t = at_ms - f->origin_ms;
    if (t < 0) t = 0;
    printf("[%02" PRId64 ":%02" PRId64 "] %s\n", t / 60000, t / 1000 % 60, text);
    fflush(stdout);
}

static bool session_running(const Session *s)
{
    return s->phase != PHASE_IDLE && !session_done(s) && s->phase != PHASE_SUMMARY &&
           s->phase != PHASE_PAIN_CHECK;
}

/* Words of this mode's own.  During a session the timeline waits for them
 * (session_make_room), so neither they nor the session's words are cut;
 * asked for (cut), they start at once and the session's words give way. */
static void say_words(Follow *f, const char *key, const char *text, bool cut)
{
    int64_t now = audio_clock_ms(f->audio);
    print_caption(f, now, text);
    int ms = audio_say_length_ms(f->audio, key, text);
    if (ms < 0)
        ms = prompt_estimate_ms(text);
    if (f->session && f->session->phase != PHASE_IDLE && !session_done(f->session)) {
        session_make_room(f->session, now, ms, cut);
        audio_prepare(f->audio, f->session);
    }
    audio_say(f->audio, key, text);
}

static void say(Follow *f, const char *key, const char *text)
{
    say_words(f, key, text, false);
}

/* The pain check's two choices by their keys and buttons: the session's
 * words name them as "confirm" and "back", which a person on the floor
 * cannot look up. */
static void say_pain_keys(Follow *f)
{
    char text[FOLLOW_TEXT_MAX], key[CUE_KEY_MAX];
    int n = snprintf(text, sizeof text,
                     "If you like, say how bad it is: press a number from 0 to 10, or the up "
                     "and down arrows. To go on, press Enter or Space. To finish for today, "
                     "press Q or Escape.");
    snprintf(key, sizeof key, "pain_keys");
    f->pain_score = -1;
    if (input_pad_count(&f->input) > 0 && n > 0 && (size_t)n < sizeof text) {
        SDL_GameControllerType type = input_pad_type(&f->input);
        SDL_GameControllerButton go = f->input.swap_confirm_back ? SDL_CONTROLLER_BUTTON_B
                                                                 : SDL_CONTROLLER_BUTTON_A;
        SDL_GameControllerButton stop = f->input.swap_confirm_back ? SDL_CONTROLLER_BUTTON_A
                                                                   : SDL_CONTROLLER_BUTTON_B;
        snprintf(text + n, sizeof text - (size_t)n,
                 " On the game pad, %s goes on, and %s finishes.",
                 input_pad_button_name(type, go), input_pad_button_name(type, stop));
        snprintf(key, sizeof key, "pain_keys_%s_%s", input_pad_button_name(type, go),
                 input_pad_button_name(type, stop));
    }
    print_caption(f, audio_clock_ms(f->audio), text);
    audio_say(f->audio, key, text); /* after the check's own words, which wait for input */
}

/* How did it feel? by its keys and buttons, after the session's question:
 * one press each, and the words say what no answer means. */
static void say_rate_keys(Follow *f)
{
    char text[FOLLOW_TEXT_MAX], key[CUE_KEY_MAX];
    int n = snprintf(text, sizeof text,
                     "Press 1 for too easy, 2 or Enter for just right, 3 for too hard.");
    snprintf(key, sizeof key, "rate_keys");
    if (input_pad_count(&f->input) > 0 && n > 0 && (size_t)n < sizeof text) {
        SDL_GameControllerType type = input_pad_type(&f->input);
        SDL_GameControllerButton go = f->input.swap_confirm_back ? SDL_CONTROLLER_BUTTON_B
                                                                 : SDL_CONTROLLER_BUTTON_A;
        snprintf(text + n, sizeof text - (size_t)n,
                 " On the game pad: left for too easy, %s for just right, right for too hard.",
                 input_pad_button_name(type, go));
        snprintf(key, sizeof key, "rate_keys_%s", input_pad_button_name(type, go));
    }
    say(f, key, text);
}

/* The sound device went away or came back (audio_health).  Lost: the
 * session pauses at once, since nothing it says can be heard; back: it
 * says so, and waits for the person's confirm. */
static void audio_changed(Follow *f, AudioEvent e, int64_t now)
{
    if (e == AUDIO_EVENT_LOST) {
        if (session_running(f->session) && !f->session->paused)
            session_step(f->session, now, ACTION_PAUSE);
        printf("The sound device was lost, so the session is paused. corequest tries to "
               "reopen it every few seconds.\n");
        fflush(stdout);
    } else if (e == AUDIO_EVENT_BACK) {
        bool paused = f->session->paused;
        say(f, paused ? "sound_back_paused" : "sound_back",
            paused ? "Sound is back. Press Enter or confirm to carry on." : "Sound is back.");
    }
}

/* At the pain check: a number typed, or up/down (from nothing, the first
 * step lands on 5); the core says it back. */
/* A 0-10 score (-1: none yet) after a typed number and up/down steps; the
 * first step from none lands on 5. */
static int score_moved(int score, int number, int steps)
{
    if (number >= 0)
        score = number;
    if (steps != 0)
        score = score < 0 ? 5 + (steps > 0 ? steps - 1 : steps + 1) : score + steps;
    return score < 0 ? 0 : score > 10 ? 10 : score;
}

static void pain_number(Follow *f, int64_t now, int number, int steps)
{
    if (f->session->phase != PHASE_PAIN_CHECK)
        return;
    int score = score_moved(f->pain_score, number, steps);
    if (session_rate_pain(f->session, now, score, PAIN_PLACE_NONE))
        f->pain_score = score;
}

static void record_exercise(Follow *f, const Cue *cue)
{
    if (runner_record(f->runner, cue->exercise, &f->session->results[cue->exercise],
                      time(NULL), NULL) > 0 &&
        tracker_message(f->tracker)[0])
        fprintf(stderr, "corequest: %s\n", tracker_message(f->tracker));
}

static void say_unlocked(Follow *f, int i)
{
    char text[FOLLOW_TEXT_MAX], key[CUE_KEY_MAX];
    snprintf(text, sizeof text,
             "New level unlocked: %s, %s. It will be in your next session.",
             f->runner->unlocked_track[i]->title, f->runner->unlocked[i]->title);
    snprintf(key, sizeof key, "unlocked_%s", f->runner->unlocked[i]->id);
    audio_beep(f->audio, BEEP_LEVEL_UNLOCKED, SIDE_NONE);
    if (f->beeps_printed)
        print_caption(f, audio_clock_ms(f->audio), "(level_unlocked)");
    say(f, key, text);
}

static void on_cue(void *ctx, const Cue *cue)
{
    Follow *f = ctx;
    bool pain_words = cue->kind == CUE_SAY && strncmp(cue->key, "pain_", 5) == 0;
    switch (cue->kind) {
    case CUE_SAY:
        print_caption(f, cue->at_ms, cue->text);
        break;
    case CUE_BEEP:
        if (f->beeps_printed) {
            char text[64];
            snprintf(text, sizeof text, "(%s%s%s)", beep_name(cue->beep),
                     cue->side != SIDE_NONE ? ", " : "", side_name(cue->side));
            print_caption(f, cue->at_ms, text);
        }
        break;
    case CUE_EXERCISE_DONE:
        record_exercise(f, cue);
        break;
    case CUE_PAIN_REPORT:
        if (runner_pain_report(f->runner, cue->exercise, &f->session->results[cue->exercise],
                               time(NULL)) > 0 &&
            tracker_message(f->tracker)[0])
            fprintf(stderr, "corequest: %s\n", tracker_message(f->tracker));
        break;
    default:
        break;
    }
    motion_pad_cue(&f->motion, f->session, cue);
    audio_play_cue(f->audio, cue);
    /* The pain rules may advise a therapist because of this very stop:
     * said before the keys, so "stop for today" is the last thing heard. */
    Prompt advice;
    if (runner_pain_advice_after(f->runner, cue, &advice))
        say(f, advice.key, advice.text);
    if (pain_words)
        say_pain_keys(f);
    /* The keys once a session, and never under a replay, whose times were
     * written without these words. */
    if (cue->kind == CUE_SAY && strcmp(cue->key, "rate_ask") == 0 && !f->rate_keys_said &&
        !f->replaying) {
        f->rate_keys_said = true;
        say_rate_keys(f);
    }
}

/* ------------------------------------------------------------- input */

static void act(Follow *f, int64_t now, Action a)
{
    if (a != ACTION_NONE)
        session_step(f->session, now, a);
}

static void say_pad_controls(Follow *f, bool asked)
{
    char text[FOLLOW_TEXT_MAX], key[CUE_KEY_MAX];
    SDL_GameControllerType type = input_pad_type(&f->input);
    input_spoken_pad_controls(&f->input, text, sizeof text);
    snprintf(key, sizeof key, "pad_controls_%s_%s_%d", input_pad_family(type),
             input_pad_button_name(type, SDL_CONTROLLER_BUTTON_START),
             f->input.swap_confirm_back ? 1 : 0);
    input_spoken_pain_button(&f->input, f->pain_told, sizeof f->pain_told);
    say_words(f, key, text, asked);
}

/* The pad's pain button is named aloud once, by the name printed on that
 * kind of pad: with the controls when a pad is there from the start, else
 * the first time one is used (and again only for a pad that names it
 * differently). */
static void tell_pain_button(Follow *f)
{
    char pain[64];
    input_spoken_pain_button(&f->input, pain, sizeof pain);
    if (strcmp(pain, f->pain_told) == 0)
        return;
    snprintf(f->pain_told, sizeof f->pain_told, "%s", pain);
    char text[FOLLOW_TEXT_MAX], key[CUE_KEY_MAX];
    snprintf(text, sizeof text,
             "On this gamepad, the pain button is %s. Press it if something hurts, and "
             "the exercise stops at once.", pain);
    snprintf(key, sizeof key, "pad_pain_%s",
             input_pad_button_name(input_pad_type(&f->input), SDL_CONTROLLER_BUTTON_Y));
    say(f, key, text);
}

static void print_notice(Follow *f)
{
    if (f->input.notice_serial == f->notice_serial)
        return;
    f->notice_serial = f->input.notice_serial;
    printf("%s\n", f->input.notice);
    fflush(stdout);
}

/* One input, from a pad or the window system: the same actions as the
 * keys, applied at once. */
static void handle_input(Follow *f, int64_t now, const InputEvent *in)
{
    if (in->quit) {
        /* Ctrl+C: the first ends the session with its summary, a second
         * leaves at once. */
        if (f->session->phase == PHASE_IDLE || session_done(f->session) ||
            f->session->phase == PHASE_SUMMARY)
            f->quit_requested = true;
        else
            act(f, now, ACTION_END);
        return;
    }
    if (in->pad_removed) {
        if (!session_running(f->session))
            return;
        if (!f->session->paused)
            act(f, now, ACTION_PAUSE);
        char text[FOLLOW_TEXT_MAX], key[CUE_KEY_MAX];
        const char *start = input_pad_button_name(input_pad_type(&f->input),
                                                  SDL_CONTROLLER_BUTTON_START);
        snprintf(text, sizeof text,
                 "The gamepad was unplugged, so the session is paused. Plug it back in "
                 "and press %s, or press P, to go on.", start);
        snprintf(key, sizeof key, "pad_unplugged_%s", start);
        say(f, key, text);
        return;
    }
    if (in->help) {
        if (in->from_pad)
            say_pad_controls(f, true);
        else
            say_words(f, "controls", follow_controls, true);
        return;
    }
    Action a = in->action;
    if (f->session->phase == PHASE_PAIN_CHECK && (in->nav == NAV_UP || in->nav == NAV_DOWN)) {
        pain_number(f, now, -1, in->nav == NAV_UP ? 1 : -1);
        return;
    }
    /* How did it feel? one press each on the pad: left too easy, right
     * too hard (confirm is "just right" in the core). */
    if (a == ACTION_NONE && f->session->phase == PHASE_RATE && !f->session->paused)
        a = in->nav == NAV_LEFT ? ACTION_TOO_EASY
            : in->nav == NAV_RIGHT ? ACTION_TOO_HARD : ACTION_NONE;
    act(f, now, a);
    if (in->from_pad && a != ACTION_NONE)
        tell_pain_button(f);
}

/* The motion pad was found or went: printed, and said in words of its
 * own (the printed line names the pad; the words need a fixed key). */
static void motion_news(Follow *f)
{
    if (f->motion.notice_serial == f->motion_serial)
        return;
    f->motion_serial = f->motion.notice_serial;
    printf("%s\n", f->motion.notice);
    fflush(stdout);
    if (motion_pad_sensing(&f->motion))
        say(f, "motion_pad_found",
            "This gamepad senses motion. Strapped on, it counts bridges, supermans, "
            "clamshells and kickbacks by itself, and confirm still works.");
    else if (f->motion.wanted && f->motion.id < 0 && f->motion.name[0])
        say(f, "motion_pad_gone",
            "The motion pad is gone. Press confirm for each rep until it is back.");
}

/* Pad and window-system events, and what held buttons bring by now. */
static void poll_events(Follow *f, int64_t now)
{
    input_set_clock(&f->input, now);
    SDL_Event e;
    InputEvent in;
    while (SDL_PollEvent(&e)) {
        if (audio_handle_event(f->audio, &e))
            continue;
        if (motion_pad_event(&f->motion, &e, session_running(f->session) ? f->session : NULL,
                             now)) {
            motion_news(f);
            continue;
        }
        bool got = input_translate(&f->input, &e, &in);
        print_notice(f);
        if (e.type == SDL_CONTROLLERDEVICEADDED || e.type == SDL_CONTROLLERDEVICEREMOVED) {
            motion_pad_refresh(&f->motion, &f->input);
            if (!motion_pad_sensing(&f->motion))
                session_set_motion(f->session, false);
            motion_news(f);
        }
        if (got)
            handle_input(f, now, &in);
    }
    audio_changed(f, audio_health(f->audio), now);
    while (input_tick(&f->input, now, &in))
        handle_input(f, now, &in);
}

static Replay *load_replay(const char *path)
{
    char err[600];
    Replay *replay = replay_load_file(path, err, sizeof err);
    if (!replay)
        fprintf(stderr, "corequest: %s\n", err);
    return replay;
}

/* ----------------------------------------------------------------- run */

/* Waits while something is being said, leaving early on CONFIRM or END
 * (from a key or a pad) or when asked to quit. */
static void wait_for_words(Follow *f, Terminal *term)
{
    int64_t start = audio_clock_ms(f->audio);
    while (audio_speaking(f->audio) && !f->quit_requested) {
        int64_t now = audio_wait(f->audio, FOLLOW_WAIT_MS);
        if (now - start > FOLLOW_TALK_MAX_MS)
            return;
        input_set_clock(&f->input, now);
        SDL_Event e;
        InputEvent in;
        while (SDL_PollEvent(&e)) {
            if (audio_handle_event(f->audio, &e))
                continue;
            bool got = input_translate(&f->input, &e, &in);
            print_notice(f);
            if (got && in.quit)
                f->quit_requested = true;
            else if (got && in.action == ACTION_CONFIRM)
                return;
        }
        Action a;
        while ((a = terminal_poll(term, NULL)) != ACTION_NONE)
            if (a == ACTION_CONFIRM || a == ACTION_END)
                return;
        if (terminal_take_checked(term)) {
            f->checked = true;
            return;
        }
    }
}

/* The advice to see a therapist, before every session while it stands,
 * with the red flags; C clears it (the person has checked), and today's
 * plan is made again with every exercise. */
static void say_advice(Follow *f, Terminal *term)
{
    if (f->runner->advice_count == 0)
        return;
    Prompt flags;
    prompt_fixed(&flags, PROMPT_RED_FLAGS);
    say(f, f->runner->advice.key, f->runner->advice.text);
    say(f, flags.key, flags.text);
    say(f, "advice_keys",
        "If you have already checked with your therapist, press C. To start without "
        "the exercises left out, press Enter.");
    wait_for_words(f, term);
    if (!f->checked && !f->quit_requested) {
        /* Piped, or no sound to wait for: what was typed by now counts
         * (one action at most: the Enter that answers this question). */
        terminal_poll(term, NULL);
        f->checked = terminal_take_checked(term);
    }
    if (!f->checked)
        return;
    char err[256];
    Cue hush; /* the advice's words are moot once it is cleared */
    memset(&hush, 0, sizeof hush);
    hush.kind = CUE_HUSH;
    hush.at_ms = audio_clock_ms(f->audio);
    audio_play_cue(f->audio, &hush);
    if (runner_confirm_checked(f->runner, time(NULL), err, sizeof err) != 0) {
        fprintf(stderr, "corequest: %s\n", err);
        return;
    }
    say(f, "advice_checked", "Thank you. Every exercise is back in today's session.");
    wait_for_words(f, term);
}

/* ------------------------------------------------------- weekly check */

typedef enum {
    ANSWER_KEPT,         /* Enter on a number */
    ANSWER_LEFT_OUT,     /* S, Enter with no number, no answer in time */
    ANSWER_NOT_THIS_WEEK /* Q or Escape (or Ctrl+C): the whole check */
} Answer;

/* Words for a score as it is read back. */
typedef void (*ReadBack)(Prompt *p, const void *ctx, int score);

typedef struct {
    ToleranceItem item;
    const char *activity;
} ToleranceAsk;

static void tolerance_read_back(Prompt *p, const void *ctx, int score)
{
    const ToleranceAsk *a = ctx;
    prompt_tolerance_score(p, a->item, a->activity, score);
}

static void back_pain_read_back(Prompt *p, const void *ctx, int score)
{
    (void)ctx;
    prompt_back_pain_score(p, score);
}

/* One 0-10 answer: a digit (1 then 0 is ten), a line holding the number,
 * or Up and Down (from the pad's D-pad too) starting at five; each number
 * is read back, and Enter (or the pad's confirm) keeps it. */
static Answer wait_answer(Follow *f, Terminal *term, ReadBack read_back, const void *ctx,
                          int *score)
{
    *score = TOLERANCE_NOT_ANSWERED;
    int64_t quiet_since = -1;
    for (;;) {
        int64_t now = audio_wait(f->audio, FOLLOW_WAIT_MS);
        int steps = 0;
        Action a = ACTION_NONE;
        input_set_clock(&f->input, now);
        SDL_Event e;
        InputEvent in;
        while (SDL_PollEvent(&e) && a == ACTION_NONE) {
            if (audio_handle_event(f->audio, &e) || !input_translate(&f->input, &e, &in))
                continue;
            print_notice(f);
            if (in.quit)
                f->quit_requested = true;
            else if (in.nav == NAV_UP || in.nav == NAV_DOWN)
                steps += in.nav == NAV_UP ? 1 : -1;
            else if (in.action == ACTION_CONFIRM || in.action == ACTION_SKIP ||
                     in.action == ACTION_END || in.action == ACTION_BACK)
                a = in.action;
        }
        if (f->quit_requested)
            return ANSWER_NOT_THIS_WEEK;
        bool closed = false;
        int number = -1, typed_steps = 0;
        if (a == ACTION_NONE) {
            a = terminal_poll(term, &closed);
            terminal_take_number(term, &number, &typed_steps);
        }
        steps += typed_steps;
        if (number >= 0 || steps != 0) {
            int v = score_moved(*score, number, steps);
            *score = v;
            Prompt p;
            read_back(&p, ctx, v);
            say_words(f, p.key, p.text, true); /* each new number replaces the last */
            quiet_since = -1;
        }
        if (a == ACTION_CONFIRM)
            return *score >= 0 ? ANSWER_KEPT : ANSWER_LEFT_OUT;
        if (a == ACTION_SKIP || a == ACTION_BACK)
            return ANSWER_LEFT_OUT;
        if (a == ACTION_END)
            return ANSWER_NOT_THIS_WEEK;
        /* Piped input that has ended, with no pad to answer instead. */
        if (closed && input_pad_count(&f->input) == 0)
            return *score >= 0 ? ANSWER_KEPT : ANSWER_LEFT_OUT;
        if (audio_speaking(f->audio)) {
            quiet_since = -1;
        } else {
            if (quiet_since < 0)
                quiet_since = now;
            if (now - quiet_since > FOLLOW_ANSWER_MS)
                return *score >= 0 ? ANSWER_KEPT : ANSWER_LEFT_OUT;
        }
    }
}

/* The weekly check of everyday things, before the session when it is due
 * (tolerance.h), as the window's weekly-check screen asks it.  The
 * activity is the one chosen last time (the window changes it).  Nothing
 * answered counts as "not this week", so it is not asked again tomorrow. */
static void ask_tolerance(Follow *f, Terminal *term)
{
    time_t now = time(NULL);
    if (!tracker_tolerance_due(f->tracker, now))
        return;
    int count;
    const ToleranceCheck *history = tracker_tolerance(f->tracker, &count);
    ToleranceCheck check;
    memset(&check, 0, sizeof check);
    for (int i = 0; i < TOLERANCE_ITEM_COUNT; i++)
        check.score[i] = TOLERANCE_NOT_ANSWERED;
    snprintf(check.activity, sizeof check.activity, "%s",
             tolerance_last_activity(history, count));

    Prompt p;
    prompt_tolerance_intro(&p);
    say(f, p.key, p.text);
    say(f, "tolerance_keys",
        "Type the number and press Enter. Press S to leave a question out, or Q to "
        "skip the check this week.");
    int answered = 0;
    bool not_this_week = false;
    for (int i = 0; i < TOLERANCE_ITEM_COUNT && !not_this_week; i++) {
        ToleranceItem item = (ToleranceItem)i;
        prompt_tolerance_question(&p, item, check.activity);
        say(f, p.key, p.text);
        int score;
        ToleranceAsk ask = {item, check.activity};
        Answer a = wait_answer(f, term, tolerance_read_back, &ask, &score);
        if (a == ANSWER_NOT_THIS_WEEK)
            not_this_week = true;
        else if (a == ANSWER_KEPT) {
            check.score[i] = score;
            answered++;
        }
    }
    if (f->quit_requested)
        return; /* leaving at once: nothing was decided */
    check.skipped = not_this_week || answered == 0;
    if (tracker_record_tolerance(f->tracker, &check, time(NULL)) != 0)
        fprintf(stderr, "corequest: %s\n", tracker_message(f->tracker));
    if (check.skipped)
        say(f, "tolerance_skipped", "No weekly check this week. On to the exercises.");
    else
        say(f, "tolerance_saved", "Thank you, that's saved. On to the exercises.");
    wait_for_words(f, term);
}

/* How the back is, before or after the session, when Settings asks for
 * it: the score, or -1 when it was left out (S, Q, no answer in time). */
static int ask_back_pain(Follow *f, Terminal *term, bool after)
{
    Prompt p;
    prompt_back_pain_question(&p, after);
    say(f, p.key, p.text);
    if (!after)
        say(f, "back_pain_keys", "Type the number and press Enter, or press S to leave it out.");
    int score;
    Answer a = wait_answer(f, term, back_pain_read_back, NULL, &score);
    return a == ANSWER_KEPT ? score : -1;
}

static void run_session(Follow *f, Terminal *term, const Replay *replay)
{
    int next = 0;
    while (!session_done(f->session) && !f->quit_requested) {
        int64_t now = audio_wait(f->audio, FOLLOW_WAIT_MS);
        /* Replayed actions at their exact times, so a replay gives the same
         * session however late this loop wakes. */
        while (replay && next < replay->count &&
               f->origin_ms + replay->items[next].at_ms <= now) {
            session_step(f->session, f->origin_ms + replay->items[next].at_ms,
                         replay->items[next].action);
            next++;
        }
        poll_events(f, now);
        Action a;
        bool closed = false;
        int number, steps;
        for (;;) {
            a = terminal_poll(term, &closed);
            /* A number before the key that acts on it (a line "7", then Enter). */
            if (terminal_take_number(term, &number, &steps))
                pain_number(f, now, number, steps);
            if (a == ACTION_NONE)
                break;
            act(f, now, a); /* 1-3 are ratings, which the pain check ignores */
        }
        if (terminal_take_help(term))
            say_words(f, "controls", follow_controls, true);
        session_step(f->session, now, ACTION_NONE);
        if (input_hold_watch_step(&f->hold, &f->input, f->session, now))
            say(f, "hold_let_go_early",
                "You let go a little early. That's all right, the rep counts. "
                "Next time, try to keep holding until the beep.");
        /* A headless run whose script is spent would wait for ever. */
        if (replay && next >= replay->count && closed && input_pad_count(&f->input) == 0 &&
            (f->session->paused || f->session->deadline_ms < 0) &&
            !session_done(f->session)) {
            fprintf(stderr, "corequest: the replay ran out while the session waits for "
                            "input, and no keyboard or gamepad is left: ending it\n");
            act(f, now, ACTION_END);
        }
        audio_prepare(f->audio, f->session);
    }
}

/* The streak, and the advice to see a therapist, after the session's own
 * summary: the session knows the day's totals, the save knows the days. */
static void say_streak(Follow *f, bool counted)
{
    StreakInfo streak = f->runner->streak_after;
    char text[FOLLOW_TEXT_MAX];
    if (counted && streak.current > 1)
        snprintf(text, sizeof text, "That makes %d days in a row.%s", streak.current,
                 streak.best > streak.current ? "" : " Your best streak yet.");
    else if (counted)
        snprintf(text, sizeof text, "Today counts: day one of a new streak.");
    else if (streak.current > 0)
        snprintf(text, sizeof text,
                 "Your streak stands at %d day%s. A whole session today keeps it going.",
                 streak.current, streak.current == 1 ? "" : "s");
    else
        snprintf(text, sizeof text, "A whole session starts a new streak. See you next time.");
    if (streak.best > streak.current && streak.best > 1) {
        char best[96];
        snprintf(best, sizeof best, " Your best is %d days.", streak.best);
        strncat(text, best, sizeof text - strlen(text) - 1);
    }
    const ProgressState *p = tracker_progress(f->tracker);
    int advice_count = 0;
    for (int i = 0; i < f->plan->count; i++) {
        int t = f->plan->items[i].track_index;
        if (t >= 0 && t < PROGRAM_MAX_TRACKS && p->see_pt_advice[t]) {
            advice_count = advice_count * 31 + t + 1;
            char advice[FOLLOW_TEXT_MAX / 2];
            snprintf(advice, sizeof advice,
                     " %s hurt twice this week: please talk to your doctor or physical "
                     "therapist before you do it again.",
                     f->plan->items[i].track->title);
            strncat(text, advice, sizeof text - strlen(text) - 1);
        }
    }
    char key[CUE_KEY_MAX];
    snprintf(key, sizeof key, "streak_%d_%d_%d_%d", counted ? 1 : 0, streak.current, streak.best,
             advice_count);
    say(f, key, text);
}

int audio_only_run(const Options *o)
{
    int status = 1;
    Program *program = calloc(1, sizeof *program);
    LevelErrors *errs = calloc(1, sizeof *errs);
    Session *session = calloc(1, sizeof *session);
    Replay *replay = NULL;
    char *data_dir = NULL;
    Tracker *tracker = NULL;
    Audio *audio = NULL;
    Terminal *term = NULL;
    InstanceLock *instance = NULL;
    SleepInhibitor *awake = NULL;
    bool sdl_events = false, sdl_pads = false;
    Follow f;
    memset(&f, 0, sizeof f);
    if (!program || !errs || !session) {
        fprintf(stderr, "corequest: out of memory\n");
        goto out;
    }

    /* No video subsystem at all: this mode must work over SSH and with no
     * display.  Pads need the game controller subsystem, which is optional. */
    input_set_hints();
    if (SDL_InitSubSystem(SDL_INIT_EVENTS) != 0) {
        fprintf(stderr, "corequest: cannot start SDL: %s\n", SDL_GetError());
        goto out;
    }
    sdl_events = true;
    sdl_pads = SDL_InitSubSystem(SDL_INIT_GAMECONTROLLER) == 0;

    const char *levels_dir = paths_levels_dir(o, NULL);
    int tracks = levels_load_dir(levels_dir, program, errs);
    level_errors_print(stderr, "", errs);
    if (tracks <= 0) {
        fprintf(stderr, "corequest: no usable levels in '%s'\n", levels_dir);
        goto out;
    }
    if (o->replay_path && !(replay = load_replay(o->replay_path)))
        goto out;

    char message[512] = "";
    data_dir = paths_data_dir(o);
    /* One copy per save (platform/instance.h); without a lock (a read-only
     * folder) the save says what it can do. */
    if (data_dir && instance_lock(data_dir, &instance, message, sizeof message) == INSTANCE_BUSY) {
        fprintf(stderr, "corequest: %s\n", message);
        goto out;
    }
    message[0] = '\0';
    if (sdl_pads) {
        /* Before the pads are opened, so that a pad only the file knows is
         * a gamepad from the start. */
        char line[1400];
        input_load_mappings(data_dir, line, sizeof line);
        if (line[0])
            fprintf(stderr, "corequest: %s\n", line);
    }
    input_open(&f.input);
    for (int i = 0; i < INPUT_MAX_PADS; i++)
        if (f.input.pads[i]) {
            const char *name = SDL_GameControllerName(f.input.pads[i]);
            printf("Gamepad ready: %s\n", name ? name : "gamepad");
        }
    fflush(stdout);
    tracker = tracker_open(data_dir, program, message, sizeof message);
    if (!tracker) {
        fprintf(stderr, "corequest: out of memory\n");
        goto out;
    }
    if (message[0])
        fprintf(stderr, "corequest: %s\n", message);

    /* Today's plan from the runner; the save hears of it at runner_start. */
    Plan plan;
    Runner runner;
    if (runner_begin(&runner, tracker, &plan, o->level_id, time(NULL), message,
                     sizeof message) != 0) {
        fprintf(stderr, "corequest: %s\n", message);
        goto out;
    }
    message[0] = '\0';

    const Settings *settings = tracker_settings(tracker);
    audio = audio_open(paths_assets_dir(o, NULL), settings, message, sizeof message);
    if (!audio) {
        fprintf(stderr, "corequest: out of memory\n");
        goto out;
    }
    if (message[0]) {
        puts(message);
        fflush(stdout);
    }
    term = terminal_open(STDIN_FILENO);

    SessionConfig config = session_config_default();
    config.advice_score_at = program_rules(tracker_program(tracker)).advice_score_at;
    audio_session_config(audio, &config);
    /* A replay's times were written against the core's own estimates of
     * each prompt's length: the same timeline, whatever voice is installed. */
    if (replay)
        config.say_ms = NULL;
    if (o->mode)
        config.mode = strcmp(o->mode, "tempo") == 0 ? MODE_TEMPO : MODE_CONFIRM;
    else
        config.mode = settings->tempo_mode ? MODE_TEMPO : MODE_CONFIRM;

    f.audio = audio;
    f.tracker = tracker;
    f.plan = &plan;
    f.runner = &runner;
    f.session = session;
    f.beeps_printed = !audio_has_device(audio);
    f.replaying = replay != NULL;
    input_set_swap(&f.input, settings->swap_confirm_back != 0);
    motion_pad_init(&f.motion, settings->motion_pad != 0 && !replay, settings->pad_rumble != 0,
                    o->record_motion);
    motion_pad_refresh(&f.motion, &f.input);
    motion_news(&f); /* a sensing pad there from the start is named */
    f.origin_ms = audio_clock_ms(audio);
    if (!replay)
        say_advice(&f, term);
    /* Only before the day's own session, as in the window. */
    if (!replay && !o->level_id && !f.quit_requested)
        ask_tolerance(&f, term);
    /* Only before the day's own session, as in the window, and one a
     * person answers: a replay has no one to ask. */
    bool ask_pain = !replay && !o->level_id && settings->session_pain_ratings &&
                    !f.quit_requested;
    int back_pain_before = ask_pain ? ask_back_pain(&f, term, false) : -1;
    session_init(session, &plan, config, on_cue, &f);
    /* The first exercise's words are made while the controls are said. */
    audio_prepare(audio, session);
    /* Nobody touches the machine for a quarter of an hour: it must not
     * fall asleep under the session (nothing happens where it cannot ask). */
    awake = sleep_inhibit_begin("A guided exercise session is running");

    f.origin_ms = audio_clock_ms(audio);
    say(&f, "controls", follow_controls);
    if (input_pad_count(&f.input) > 0)
        say_pad_controls(&f, false);
    if (!replay)
        wait_for_words(&f, term);
    if (f.input.last_pad_known)
        tell_pain_button(&f); /* a pad was first pressed during the words */
    audio_wait_prepared(audio);
    poll_events(&f, f.origin_ms); /* pads already plugged in */
    if (f.quit_requested) {
        status = 0;
        goto out;
    }

    input_hold_watch_reset(&f.hold);
    runner_start(&runner, time(NULL));
    if (back_pain_before >= 0)
        tracker_rate_back_pain(tracker, BACK_PAIN_BEFORE, back_pain_before);
    f.origin_ms = audio_clock_ms(audio);
    /* The pad may have shown it senses motion during the words. */
    session_set_motion(session, motion_pad_sensing(&f.motion));
    motion_pad_begin(&f.motion, session);
    session_start(session, f.origin_ms);
    run_session(&f, term, replay);
    motion_pad_end(&f.motion);

    bool counted = runner_conclude(&runner, session, time(NULL));
    if (!f.quit_requested) {
        wait_for_words(&f, term); /* the session's own summary first */
        for (int i = 0; i < runner.unlocked_count; i++) {
            say_unlocked(&f, i);
            wait_for_words(&f, term);
        }
        say_streak(&f, counted);
        wait_for_words(&f, term);
        int after = ask_pain && !f.quit_requested ? ask_back_pain(&f, term, true) : -1;
        if (after >= 0) {
            tracker_rate_back_pain(tracker, BACK_PAIN_AFTER, after);
            say(&f, "back_pain_thanks", "Thank you. Until next time.");
            wait_for_words(&f, term);
        }
    }
    status = 0;

out:
    sleep_inhibit_end(awake);
    motion_pad_shutdown(&f.motion);
    input_close(&f.input);
    terminal_close(term);
    audio_close(audio);
    if (tracker)
        tracker_close(tracker);
    instance_unlock(instance);
    SDL_free(data_dir);
    if (sdl_pads)
        SDL_QuitSubSystem(SDL_INIT_GAMECONTROLLER);
    if (sdl_events)
        SDL_QuitSubSystem(SDL_INIT_EVENTS);
    free(replay);
    free(session);
    free(errs);
    free(program);
    return status;
}
