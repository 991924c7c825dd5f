/* test_audio_only.c: --audio-only run in-process: a replayed session with no
 * video subsystem ever started, and a piped one with no sound device at all. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>

#include "audio.h"
#include "levels_load.h"
#include "options.h"
#include "plan.h"
#include "session.h"
#include "test_support.h"
#include "test_support_app.h"
#include "tolerance.h"
#include "tracker.h"

#define LEVELS_DIR TEST_DATA_DIR "/audio/levels"

/* A person with a gamepad, played by a virtual pad from inside the event
 * poll (the mode's own thread): confirm now and then, pull the cable out,
 * plug another pad in and press Start. */
typedef struct {
    bool on;
    Uint64 start_ms;
    SDL_Joystick *joy;
    int stage;
    Uint64 next_press_ms;
    int button_down; /* -1: none */
    int pads_attached;
} PadScript;

static PadScript pad_script;

static void pad_attach(void)
{
    int index = test_pad_attach_virtual(SDL_JOYSTICK_TYPE_GAMECONTROLLER, 0, 0, "test pad");
    pad_script.joy = SDL_JoystickOpen(index);
    assert_non_null(pad_script.joy);
    pad_script.pads_attached++;
}

static void pad_detach(void)
{
    SDL_JoystickClose(pad_script.joy);
    pad_script.joy = NULL;
    for (int i = 0; i < SDL_NumJoysticks(); i++)
        if (SDL_JoystickIsVirtual(i))
            SDL_JoystickDetachVirtual(i);
}

static void pad_press(int button, Uint64 now)
{
    SDL_JoystickSetVirtualButton(pad_script.joy, button, SDL_PRESSED);
    pad_script.button_down = button;
    pad_script.next_press_ms = now + 400;
}

static void pad_script_step(void)
{
    Uint64 now = SDL_GetTicks64();
    if (!pad_script.start_ms) {
        pad_script.start_ms = now;
        pad_script.next_press_ms = now + 500;
        pad_script.button_down = -1;
        pad_attach(); /* plugged in while the mode runs */
        return;
    }
    Uint64 t = now - pad_script.start_ms;
    if (pad_script.joy && pad_script.button_down >= 0) {
        SDL_JoystickSetVirtualButton(pad_script.joy, pad_script.button_down, SDL_RELEASED);
        pad_script.button_down = -1;
        return;
    }
    if (pad_script.stage == 0 && t >= 5000) {
        pad_detach(); /* mid-exercise: the session must pause and say why */
        pad_script.stage = 1;
    } else if (pad_script.stage == 1 && t >= 7000) {
        pad_attach();
        pad_script.stage = 2;
    } else if (pad_script.stage == 2 && t >= 8000) {
        pad_press(SDL_CONTROLLER_BUTTON_START, now);
        pad_script.next_press_ms = now + 500;
        pad_script.stage = 3;
    } else if ((pad_script.stage == 0 || pad_script.stage == 3) && now >= pad_script.next_press_ms) {
        pad_press(SDL_CONTROLLER_BUTTON_A, now);
    }
}

/* The sound device goes away mid-exercise (as when the sound server is
 * killed): SDL says so with SDL_AUDIODEVICEREMOVED, pushed here as SDL
 * would.  The disk driver then opens again, so the device comes back; a
 * pad's confirm carries on. */
typedef struct {
    bool on;
    Uint64 start_ms;
    int stage;
    SDL_Joystick *joy;
} DeviceScript;

static DeviceScript device_script;

/* Whether the mode has printed `text` yet: stdout is a file here (opened
 * write-only), so it is opened again to be read from its start. */
static bool printed(const char *text)
{
    static char seen[1 << 15];
    fflush(stdout);
    int fd = open("/proc/self/fd/1", O_RDONLY);
    if (fd < 0)
        return false;
    ssize_t n = pread(fd, seen, sizeof seen - 1, 0);
    close(fd);
    if (n <= 0)
        return false;
    seen[n] = '\0';
    return strstr(seen, text) != NULL;
}

static void device_script_step(void)
{
    Uint64 now = SDL_GetTicks64();
    if (!device_script.start_ms) {
        /* Timed from the first countdown, whatever the machine's load. */
        if (printed("] Get ready."))
            device_script.start_ms = now;
        return;
    }
    Uint64 t = now - device_script.start_ms;
    if (device_script.stage == 0 && t >= 500) {
        SDL_Event e;
        SDL_zero(e);
        e.type = SDL_AUDIODEVICEREMOVED;
        e.adevice.which = 2;
        e.adevice.iscapture = 0;
        SDL_PushEvent(&e);
        device_script.stage = 1;
    } else if (device_script.stage == 1 && t >= 6000) {
        int index = test_pad_attach_virtual(SDL_JOYSTICK_TYPE_GAMECONTROLLER, 0, 0, "test pad");
        device_script.joy = SDL_JoystickOpen(index);
        device_script.stage = 2;
    } else if (device_script.stage == 2 && t >= 7000) {
        SDL_JoystickSetVirtualButton(device_script.joy, SDL_CONTROLLER_BUTTON_A, SDL_PRESSED);
        device_script.stage = 3;
    } else if (device_script.stage == 3 && t >= 7300) {
        SDL_JoystickSetVirtualButton(device_script.joy, SDL_CONTROLLER_BUTTON_A, SDL_RELEASED);
        device_script.stage = 4;
    } else if (device_script.stage >= 4 && t >= 7300 + 4000 * (Uint64)(device_script.stage - 3)) {
        /* On a loaded machine the device may come back late: confirm again
         * now and then (harmless in tempo mode) rather than wait for ever. */
        SDL_JoystickSetVirtualButton(device_script.joy, SDL_CONTROLLER_BUTTON_A,
                                     device_script.stage % 2 ? SDL_RELEASED : SDL_PRESSED);
        device_script.stage++;
    }
}

/* audio_only.c polls SDL's events on every turn of its loop: this stand-in
 * looks, each time, whether anything has started the video subsystem (and
 * plays the pad script when one is on). */
static int poll_calls, polls_with_video;

int SDL_PollEvent(SDL_Event *event)
{
    static int (*real_poll)(SDL_Event *);
    if (!real_poll)
        *(void **)&real_poll = dlsym(RTLD_NEXT, "SDL_PollEvent");
    poll_calls++;
    if (SDL_WasInit(SDL_INIT_VIDEO))
        polls_with_video++;
    if (pad_script.on)
        pad_script_step();
    if (device_script.on)
        device_script_step();
    return real_poll(event);
}

static Program *load_program(void)
{
    int tracks;
    Program *p = test_load_program(LEVELS_DIR, &tracks, NULL);
    assert_int_equal(tracks, 2);
    return p;
}

/* A replay made the way a person would act: skip each intro, confirm each
 * rep a little after it ends, and end the summary early. */
typedef struct {
    FILE *out;
} ReplayWriter;

static void write_action(FILE *f, int64_t at_ms, Action a)
{
    fprintf(f, "%lld.%03lld %s\n", (long long)(at_ms / 1000), (long long)(at_ms % 1000),
            action_name(a));
}

static void ignore_cue(void *ctx, const Cue *cue)
{
    (void)ctx;
    (void)cue;
}

static void write_replay(const Plan *plan, SessionConfig config, const char *path)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "# made by test_audio_only.c from a simulated session\n");
    Session s;
    session_init(&s, plan, config, ignore_cue, NULL);
    session_start(&s, 0);
    for (int i = 0; i < 10000 && !session_done(&s); i++) {
        int64_t at;
        Action a = ACTION_NONE;
        if (s.phase == PHASE_INTRO) {
            at = s.phase_start_ms + 200;
            a = ACTION_CONFIRM;
        } else if (s.phase == PHASE_WAIT_CONFIRM) {
            at = s.phase_start_ms + 300;
            a = ACTION_CONFIRM;
        } else if (s.phase == PHASE_SUMMARY) {
            at = s.phase_start_ms + 3000; /* once the totals are being said */
            a = ACTION_END;
        } else {
            at = session_next_event_ms(&s);
        }
        assert_true(at >= s.now_ms);
        if (a != ACTION_NONE)
            write_action(f, at, a);
        session_step(&s, at, a);
    }
    assert_true(session_done(&s));
    fclose(f);
}

static void test_replayed_session_runs_with_no_video_and_is_recorded(void **state)
{
    (void)state;
    /* As over SSH: no display and no driver named. */
    unsetenv("DISPLAY");
    unsetenv("WAYLAND_DISPLAY");
    unsetenv("SDL_VIDEODRIVER");

    char data_dir[512], replay_path[600];
    test_make_unique_dir("audio_only_replay", data_dir, sizeof data_dir);
    snprintf(replay_path, sizeof replay_path, "%s/session.replay", data_dir);
    Program *program = load_program();
    Plan plan;
    assert_int_equal(plan_build_daily(program, NULL, &plan), 2);
    SessionConfig config = session_config_default();
    config.mode = MODE_CONFIRM;
    write_replay(&plan, config, replay_path);

    Options o = test_audio_only_options(LEVELS_DIR, data_dir, NULL, "confirm");
    o.replay_path = replay_path;
    int devnull = open("/dev/null", O_RDONLY);
    assert_true(devnull >= 0);
    poll_calls = polls_with_video = 0;
    int status = -1;
    char *out = test_run_audio_only(&o, "audio_only", devnull, &status);
    close(devnull);

    assert_int_equal(status, 0);
    assert_true(poll_calls > 100);
    assert_int_equal(polls_with_video, 0);
    assert_int_equal(SDL_WasInit(SDL_INIT_VIDEO), 0);

    /* The captions, with their times, as they were said. */
    assert_non_null(strstr(out, "[00:00] Controls. To confirm, press Enter or Space"));
    assert_non_null(strstr(out, "] Tiny hold, level 1: Tiny hold, twice."));
    assert_non_null(strstr(out, "stop right away and press the pain button."));
    assert_non_null(strstr(out, "] Hold for one."));
    assert_non_null(strstr(out, "] Switch sides."));
    assert_non_null(strstr(out, "] Well done."));
    assert_non_null(strstr(out, "New level unlocked: Tiny hold, Tiny hold, three times."));
    assert_non_null(strstr(out, "] Today counts: day one of a new streak."));
    assert_null(strstr(out, "No sound device"));

    /* Every exercise went through the tracker into the save. */
    char message[512];
    Tracker *t = tracker_open(data_dir, program, message, sizeof message);
    assert_non_null(t);
    assert_int_equal(tracker_progress(t)->unlocked[0], 2);
    assert_int_equal(tracker_streak(t, time(NULL)).current, 1);
    tracker_close(t);
    free(out);
    free(program);
}

static void test_without_a_sound_device_it_goes_on_with_captions(void **state)
{
    (void)state;
    setenv("SDL_AUDIODRIVER", "nonexistent", 1);
    char data_dir[512];
    test_make_unique_dir("audio_only_captions", data_dir, sizeof data_dir);

    /* Terminal input through a pipe: one line, Enter, skips the intro; the
     * tempo mode does the rest. */
    int terminal = test_pipe_holding("\n");

    Options o = test_audio_only_options(LEVELS_DIR, data_dir, "tiny_sides_1", "tempo");
    int status = -1;
    char *out = test_run_audio_only(&o, "audio_only", terminal, &status);
    close(terminal);

    assert_int_equal(status, 0);
    assert_non_null(strstr(out, "No sound device: going on with captions only."));
    /* With nothing to hear, the beeps are shown too, with their side. */
    assert_non_null(strstr(out, "] (countdown, left)"));
    assert_non_null(strstr(out, "] (side_switch, right)"));
    assert_non_null(strstr(out, "] Switch sides."));
    assert_non_null(strstr(out, "] Well done."));
    assert_int_equal(SDL_WasInit(SDL_INIT_VIDEO), 0);

    Program *program = load_program();
    char message[512];
    Tracker *t = tracker_open(data_dir, program, message, sizeof message);
    assert_non_null(t);
    assert_int_equal(tracker_progress(t)->clean_days[1], 1);
    /* One practised level is not today's session: no streak day. */
    assert_int_equal(tracker_streak(t, time(NULL)).current, 0);
    assert_null(strstr(out, "Today counts"));
    tracker_close(t);
    free(program);
    free(out);
    unsetenv("SDL_AUDIODRIVER");
}

/* A save whose only session was two days ago: the weekly check is due. */
static void practised_two_days_ago(const char *data_dir, const Program *program)
{
    char message[512];
    Tracker *t = tracker_open(data_dir, program, message, sizeof message);
    assert_non_null(t);
    time_t then = time(NULL) - 2 * 86400;
    assert_true(tracker_session_begin(t, then) >= 0);
    assert_int_equal(tracker_session_end(t, false, then + 600), 0);
    assert_true(tracker_tolerance_due(t, time(NULL)));
    tracker_close(t);
}

static char *run_daily_with_input(const char *data_dir, const char *typed)
{
    int terminal = test_pipe_holding(typed);
    Options o = test_audio_only_options(LEVELS_DIR, data_dir, NULL, "tempo");
    int status = -1;
    char *out = test_run_audio_only(&o, "audio_only", terminal, &status);
    close(terminal);
    assert_int_equal(status, 0);
    return out;
}

static void test_weekly_check_is_asked_by_voice_and_saved(void **state)
{
    (void)state;
    setenv("SDL_AUDIODRIVER", "nonexistent", 1);
    Program *program = load_program();
    char data_dir[512];
    test_make_unique_dir("audio_only_weekly", data_dir, sizeof data_dir);
    practised_two_days_ago(data_dir, program);

    /* Standing six; sitting 3 and then Up (four); the activity left out
     * with S; then Q ends the session itself. */
    char *out = run_daily_with_input(data_dir, "6\n\n3\nup\n\ns\nq\n");
    assert_non_null(strstr(out, "] Your weekly check. Three quick questions"));
    assert_non_null(strstr(out, "] How well can you stand for as long as you need to"));
    assert_non_null(strstr(out, "] Standing: six."));
    assert_non_null(strstr(out, "] Sitting: three."));
    assert_non_null(strstr(out, "] Sitting: four."));
    assert_non_null(strstr(out, "] And how well can you manage walking?"));
    assert_non_null(strstr(out, "] Thank you, that's saved."));
    assert_null(strstr(out, "how is your back")); /* off by default */
    /* The check comes before the session's controls. */
    assert_true(strstr(out, "Thank you, that's saved.") < strstr(out, "] Controls."));
    free(out);

    char message[512];
    Tracker *t = tracker_open(data_dir, program, message, sizeof message);
    assert_non_null(t);
    int n;
    const ToleranceCheck *c = tracker_tolerance(t, &n);
    assert_int_equal(n, 1);
    assert_false(c[0].skipped);
    assert_int_equal(c[0].score[TOLERANCE_STAND], 6);
    assert_int_equal(c[0].score[TOLERANCE_SIT], 4);
    assert_int_equal(c[0].score[TOLERANCE_ACTIVITY], TOLERANCE_NOT_ANSWERED);
    assert_string_equal(c[0].activity, "walking");
    assert_false(tracker_tolerance_due(t, time(NULL)));
    tracker_close(t);

    /* Done for the week: the next session today does not ask again. */
    out = run_daily_with_input(data_dir, "q\n");
    assert_null(strstr(out, "Your weekly check"));
    free(out);
    free(program);
    unsetenv("SDL_AUDIODRIVER");
}

static void test_weekly_check_not_this_week_counts_as_skipped(void **state)
{
    (void)state;
    setenv("SDL_AUDIODRIVER", "nonexistent", 1);
    Program *program = load_program();
    char data_dir[512];
    test_make_unique_dir("audio_only_weekly_skip", data_dir, sizeof data_dir);
    practised_two_days_ago(data_dir, program);

    /* Q at the first question: not this week; a second Q ends the session. */
    char *out = run_daily_with_input(data_dir, "q\nq\n");
    assert_non_null(strstr(out, "] No weekly check this week."));
    assert_null(strstr(out, "Sitting"));
    free(out);

    char message[512];
    Tracker *t = tracker_open(data_dir, program, message, sizeof message);
    assert_non_null(t);
    int n;
    const ToleranceCheck *c = tracker_tolerance(t, &n);
    assert_int_equal(n, 1);
    assert_true(c[0].skipped);
    assert_false(tracker_tolerance_due(t, time(NULL)));
    tracker_close(t);
    free(program);
    unsetenv("SDL_AUDIODRIVER");
}

/* A person at the keyboard, played by a thread: each answer is typed
 * once its question has been printed (the captions file is read as the
 * mode writes it), so the order holds however fast the mode runs. */
typedef struct {
    const char *tag;
    int fd; /* the pipe's write end: closed at the end */
    const char *const *wait_for; /* caption text, then the line(s) to type */
    const char *const *type;
    int steps;
    int done;
} Typist;

static int typist_run(void *data)
{
    Typist *ty = data;
    char path[600];
    snprintf(path, sizeof path, "%s/%s_stdout_%ld.txt", TEST_OUT_DIR, ty->tag, (long)getpid());
    /* Bounded: a minute for everything, so a lost question fails the
     * test instead of hanging it. */
    for (int tries = 0; tries < 3000 && ty->done < ty->steps; tries++) {
        size_t len = 0;
        char *text = test_read_file(path, &len);
        if (text && strstr(text, ty->wait_for[ty->done])) {
            const char *line = ty->type[ty->done];
            ssize_t w = write(ty->fd, line, strlen(line));
            (void)w;
            ty->done++;
        } else {
            SDL_Delay(20);
        }
        free(text);
    }
    close(ty->fd);
    return 0;
}

static void test_back_pain_is_asked_before_and_after_when_set(void **state)
{
    (void)state;
    setenv("SDL_AUDIODRIVER", "nonexistent", 1);
    Program *program = load_program();
    char data_dir[512], message[512];
    test_make_unique_dir("audio_only_back_pain", data_dir, sizeof data_dir);
    Tracker *t = tracker_open(data_dir, program, message, sizeof message);
    tracker_settings(t)->session_pain_ratings = 1;
    assert_int_equal(tracker_save_settings(t), 0);
    tracker_close(t);

    int fds[2];
    assert_int_equal(pipe(fds), 0);
    static const char *const wait_for[] = {"] Before we start: how is your back right now?",
                                           "] Controls.", "] And how is your back now"};
    static const char *const type[] = {"5\n\n", "q\n", "3\n\n"};
    Typist ty = {"audio_only_pain", fds[1], wait_for, type, 3, 0};
    SDL_Thread *th = SDL_CreateThread(typist_run, "typist", &ty);
    assert_non_null(th);
    Options o = test_audio_only_options(LEVELS_DIR, data_dir, NULL, "tempo");
    int status = -1;
    char *out = test_run_audio_only(&o, "audio_only_pain", fds[0], &status);
    SDL_WaitThread(th, NULL);
    close(fds[0]);
    assert_int_equal(status, 0);
    assert_int_equal(ty.done, 3);
    assert_non_null(strstr(out, "] Back pain: five."));
    assert_non_null(strstr(out, "] Back pain: three."));
    assert_non_null(strstr(out, "] Thank you. Until next time."));
    assert_true(strstr(out, "Back pain: five.") < strstr(out, "] Controls."));
    free(out);

    t = tracker_open(data_dir, program, message, sizeof message);
    int n;
    const SaveSession *rows = tracker_sessions(t, &n);
    assert_int_equal(n, 1);
    assert_true(rows[0].back_pain_rated[BACK_PAIN_BEFORE]);
    assert_int_equal(rows[0].back_pain[BACK_PAIN_BEFORE], 5);
    assert_true(rows[0].back_pain_rated[BACK_PAIN_AFTER]);
    assert_int_equal(rows[0].back_pain[BACK_PAIN_AFTER], 3);
    tracker_close(t);
    free(program);
    unsetenv("SDL_AUDIODRIVER");
}

static void test_gamepad_confirms_and_unplugging_it_pauses(void **state)
{
    (void)state;
    char data_dir[512];
    test_make_unique_dir("audio_only_pad", data_dir, sizeof data_dir);
    Options o = test_audio_only_options(LEVELS_DIR, data_dir, "tiny_hold_1", "confirm");
    int devnull = open("/dev/null", O_RDONLY);
    assert_true(devnull >= 0);
    memset(&pad_script, 0, sizeof pad_script);
    pad_script.on = true;
    int status = -1;
    char *out = test_run_audio_only(&o, "audio_only", devnull, &status);
    pad_script.on = false;
    if (pad_script.joy)
        pad_detach();
    close(devnull);

    assert_int_equal(status, 0);
    assert_int_equal(pad_script.pads_attached, 2);
    assert_non_null(strstr(out, "Gamepad ready: "));
    const char *unplugged = strstr(out, "] The gamepad was unplugged, so the session is paused.");
    assert_non_null(unplugged);
    const char *paused = strstr(out, "] Paused.");
    assert_non_null(paused);
    assert_true(paused < unplugged);
    assert_non_null(strstr(unplugged, "] Let's carry on."));
    assert_non_null(strstr(unplugged, "] Two of two."));
    assert_non_null(strstr(unplugged, "] Well done."));
    free(out);
}

static void test_null_audio_answers_every_call(void **state)
{
    (void)state;
    setenv("SDL_AUDIODRIVER", "nonexistent", 1);
    char message[256];
    Settings settings = settings_default();
    Audio *a = audio_open(TEST_ASSETS_DIR, &settings, message, sizeof message);
    assert_non_null(a);
    assert_false(audio_has_device(a));
    assert_string_equal(message, "No sound device: going on with captions only.");

    /* The clock still runs, on the monotonic clock. */
    int64_t before = audio_clock_ms(a);
    SDL_Delay(30);
    assert_true(audio_wait(a, 20) >= before + 30);

    Program *program = load_program();
    Plan plan;
    plan_build_daily(program, NULL, &plan);
    Session s;
    session_init(&s, &plan, session_config_default(), ignore_cue, NULL);
    session_start(&s, audio_clock_ms(a));
    audio_prepare(a, &s);
    audio_wait_prepared(a);
    Cue cue;
    memset(&cue, 0, sizeof cue);
    cue.kind = CUE_SAY;
    snprintf(cue.text, sizeof cue.text, "Hold for five.");
    audio_play_cue(a, &cue);
    cue.kind = CUE_BEEP;
    cue.beep = BEEP_GO;
    cue.side = SIDE_LEFT;
    audio_play_cue(a, &cue);
    audio_beep(a, BEEP_LEVEL_UNLOCKED, SIDE_NONE);
    audio_say(a, "hello", "Hello.");
    assert_false(audio_speaking(a));
    audio_apply_settings(a, &settings);
    unsigned hits = 1, misses = 1;
    audio_voice_counts(a, &hits, &misses);
    assert_int_equal(hits + misses, 0);
    audio_close(a);
    free(program);
    unsetenv("SDL_AUDIODRIVER");
}

static void test_a_lost_sound_device_pauses_and_comes_back(void **state)
{
    (void)state;
    char data_dir[512];
    test_make_unique_dir("audio_only_lost", data_dir, sizeof data_dir);
    Options o = test_audio_only_options(LEVELS_DIR, data_dir, "tiny_hold_1", "tempo");
    int devnull = open("/dev/null", O_RDONLY);
    assert_true(devnull >= 0);
    memset(&device_script, 0, sizeof device_script);
    device_script.on = true;
    int status = -1;
    char *out = test_run_audio_only(&o, "audio_only", devnull, &status);
    device_script.on = false;
    if (device_script.joy) {
        SDL_JoystickClose(device_script.joy);
        for (int i = 0; i < SDL_NumJoysticks(); i++)
            if (SDL_JoystickIsVirtual(i))
                SDL_JoystickDetachVirtual(i);
    }
    close(devnull);

    assert_int_equal(status, 0);
    assert_true(device_script.stage >= 4);
    /* Said (printed: it cannot be heard) and paused at once. */
    const char *lost = strstr(out, "The sound device was lost, so the session is paused.");
    assert_non_null(lost);
    const char *paused = strstr(out, "] Paused.");
    assert_non_null(paused);
    /* Reopened a few seconds later, said, and the person's confirm goes on. */
    const char *back = strstr(lost, "] Sound is back. Press Enter or confirm to carry on.");
    assert_non_null(back);
    const char *resumed = strstr(back, "] Let's carry on.");
    assert_non_null(resumed);
    /* Nothing was counted while nobody could hear: both reps come after. */
    const char *one = strstr(out, "] One of two.");
    assert_non_null(one);
    assert_true(one > resumed || strstr(resumed, "] Two of two.") != NULL);
    assert_non_null(strstr(resumed, "] Two of two."));
    free(out);
}

int main(int argc, char **argv)
{
    /* Groups, so ctest can run the real-time sessions side by side. */
    const struct CMUnitTest replay[] = {
        cmocka_unit_test(test_replayed_session_runs_with_no_video_and_is_recorded),
    };
    const struct CMUnitTest no_device[] = {
        cmocka_unit_test(test_null_audio_answers_every_call),
        cmocka_unit_test(test_without_a_sound_device_it_goes_on_with_captions),
        cmocka_unit_test(test_weekly_check_is_asked_by_voice_and_saved),
        cmocka_unit_test(test_weekly_check_not_this_week_counts_as_skipped),
        cmocka_unit_test(test_back_pain_is_asked_before_and_after_when_set),
    };
    const struct CMUnitTest gamepad[] = {
        cmocka_unit_test(test_gamepad_confirms_and_unplugging_it_pauses),
    };
    const struct CMUnitTest lost[] = {
        cmocka_unit_test(test_a_lost_sound_device_pauses_and_comes_back),
    };
    int failed;
    if (argc > 1 && strcmp(argv[1], "device-lost") == 0)
        failed = cmocka_run_group_tests(lost, NULL, NULL);
    else if (argc > 1 && strcmp(argv[1], "no-device") == 0)
        failed = cmocka_run_group_tests(no_device, NULL, NULL);
    else if (argc > 1 && strcmp(argv[1], "gamepad") == 0)
        failed = cmocka_run_group_tests(gamepad, NULL, NULL);
    else
        failed = cmocka_run_group_tests(replay, NULL, NULL);
    SDL_Quit();
    return failed;
}
