/* test_gamepad_motion.c: a motion pad strapped on, through SDL's real event
 * path.  SDL's virtual joystick has no sensors, so its readings are pushed
 * as SDL_CONTROLLERSENSORUPDATE events (SDL_PushEvent), made by the
 * simulated person of tests/support/motion_person from the figure's own
 * poses.  The window counts a sensed level's reps with no press and
 * rumbles at each hold end (the virtual pad's rumble callback); the rumble
 * setting silences it; an unplugged pad hands the reps back to confirm;
 * --audio-only counts them too, its person following the printed beeps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include <SDL.h>
#include <SDL_image.h>

#include "app.h"
#include "motion_person.h"
#include "screens/screens.h"
#include "test_support.h"
#include "test_support_app.h"

#define LEVELS_DIR TEST_DATA_DIR "/motion/levels"
#define LEVEL_ID "tiny_bridge_1"

enum { FRAME_MS = 10 };

/* ------------------------------------------------------------ the rig */

static App *make_app_recording(Options *o, const char *record_path)
{
    memset(o, 0, sizeof *o);
    o->record_motion = record_path;
    o->levels_dir = LEVELS_DIR;
    o->assets_dir = TEST_ASSETS_DIR;
    AppConfig cfg = {.options = o, .headless = true, .virtual_clock = true, .memory_save = true,
                     .with_pads = true, .with_audio = false, .width = 1280, .height = 720};
    char msg[512];
    App *app = app_create(&cfg, msg, sizeof msg);
    if (!app)
        fail_msg("app_create: %s", msg);
    assert_true(app->pads_ready);
    app->wall_override = 1767268800; /* 2026-01-01 12:00 UTC */
    tracker_settings(app->tracker)->safety_notice_seen = 1;
    screens_start(app);
    return app;
}

static App *make_app(Options *o)
{
    return make_app_recording(o, NULL);
}

static void frame(App *app)
{
    app_advance(app, FRAME_MS);
    app_frame(app);
}

/* A DualShock 4 (by its ids) that counts the rumbles it is asked for. */
static SDL_Joystick *attach_pad(int *rumbles)
{
    int index = test_pad_attach_virtual_rumble(SDL_JOYSTICK_TYPE_GAMECONTROLLER, 0x054c,
                                               0x09cc, "strapped pad", rumbles);
    SDL_Joystick *js = SDL_JoystickOpen(index);
    assert_non_null(js);
    return js;
}

static void detach_pad(SDL_Joystick *js)
{
    SDL_JoystickID id = SDL_JoystickInstanceID(js);
    SDL_JoystickClose(js);
    for (int i = 0; i < SDL_NumJoysticks(); i++)
        if (SDL_JoystickGetDeviceInstanceID(i) == id) {
            SDL_JoystickDetachVirtual(i);
            return;
        }
    fail_msg("the virtual pad was not found");
}

/* One reading as the pad's driver would send it: gyro, then accelerometer,
 * stamped in microseconds. */
static void push_reading(SDL_JoystickID which, const MotionSample *smp)
{
    SDL_Event e;
    memset(&e, 0, sizeof e);
    e.type = SDL_CONTROLLERSENSORUPDATE;
    e.csensor.which = which;
    e.csensor.timestamp_us = (Uint64)smp->t_ms * 1000u + 1u;
    if (smp->has_gyro) {
        e.csensor.sensor = SDL_SENSOR_GYRO;
        memcpy(e.csensor.data, smp->gyro, sizeof smp->gyro);
        assert_int_equal(SDL_PushEvent(&e), 1);
    }
    e.csensor.sensor = SDL_SENSOR_ACCEL;
    memcpy(e.csensor.data, smp->accel, sizeof smp->accel);
    assert_int_equal(SDL_PushEvent(&e), 1);
}

/* The person hears the session (here: sees its phases change) and moves. */
typedef struct {
    MotionPerson person;
    Phase phase;
    int64_t phase_start;
    Side side;
} Follower;

static void follow(Follower *f, const Session *s)
{
    if (s->side != f->side) {
        Cue c;
        memset(&c, 0, sizeof c);
        c.kind = CUE_SIDE;
        c.side = s->side;
        c.exercise = s->exercise;
        motion_person_cue(&f->person, &c);
        f->side = s->side;
    }
    if (s->phase == f->phase && s->phase_start_ms == f->phase_start)
        return;
    f->phase = s->phase;
    f->phase_start = s->phase_start_ms;
    Cue c;
    memset(&c, 0, sizeof c);
    c.kind = CUE_PHASE;
    c.phase = s->phase;
    c.exercise = s->exercise;
    c.side = s->side;
    c.at_ms = s->phase_start_ms;
    motion_person_cue(&f->person, &c);
}

static void start_sensed_session(App *app, const char *level_id)
{
    assert_int_equal(app_session_start(app, level_id), 0);
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);
}

static void save_png(App *app, const char *name)
{
    char dir[700], path[800];
    snprintf(dir, sizeof dir, "%s/gamepad_motion", TEST_OUT_DIR);
    mkdir(dir, 0755); /* may be there already */
    snprintf(path, sizeof path, "%s/%s.png", dir, name);
    SDL_Surface *shot = app->surface;
    assert_non_null(shot);
    if (IMG_SavePNG(shot, path) != 0)
        fail_msg("cannot write %s: %s", path, IMG_GetError());
    print_message("screenshot: %s\n", path);
}

/* Runs the session with the person until it is over (or limit_ms). */
static void run_with_person(App *app, SDL_Joystick *js, Follower *f, int64_t limit_ms,
                            bool shots)
{
    bool shot_move = false, shot_hold = false;
    SDL_JoystickID which = SDL_JoystickInstanceID(js);
    for (int64_t t = 0; t < limit_ms && app->session_live && !session_done(app->session);
         t += FRAME_MS) {
        follow(f, app->session);
        MotionSample smp = motion_person_sample(&f->person, app->now_ms + FRAME_MS);
        push_reading(which, &smp);
        frame(app);
        if (!shots)
            continue;
        float angle, peak;
        bool known = motion_pad_angle(&app->motion, app->session, &angle, &peak);
        if (!shot_move && app->session->phase == PHASE_MOVE && known && angle > 6.0f) {
            save_png(app, "workout-sensed-move");
            shot_move = true;
        }
        if (!shot_hold && app->session->phase == PHASE_HOLD &&
            app->now_ms - app->session->phase_start_ms > 800) {
            save_png(app, "workout-sensed-hold");
            shot_hold = true;
        }
    }
}

/* ------------------------------------------------------------ the tests */

static void gamepad_motion_window_counts_reps_with_no_press_and_rumbles(void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o);
    int rumbles = 0;
    SDL_Joystick *js = attach_pad(&rumbles);
    frame(app);
    assert_int_equal(input_pad_count(&app->input), 1);
    /* The virtual pad claims no sensor: its first reading shows it has one. */
    assert_false(motion_pad_sensing(&app->motion));
    MotionSample still = {.t_ms = app->now_ms, .accel = {0.0f, 9.81f, 0.0f}};
    push_reading(SDL_JoystickInstanceID(js), &still);
    frame(app);
    assert_true(motion_pad_sensing(&app->motion));
    print_message("notice: %s\n", app->notice);
    assert_non_null(strstr(app->notice, "senses motion"));

    start_sensed_session(app, LEVEL_ID);
    assert_true(app->session->config.motion);
    assert_true(session_sensed(app->session));
    Follower f;
    memset(&f, 0, sizeof f);
    MotionPersonOptions po = {.noise = 0.25f, .gyro_bias = 0.02f, .gyro = true, .seed = 9};
    motion_person_init(&f.person, &app->plan, po);
    run_with_person(app, js, &f, 120000, true);

    const ExerciseResult *r = &app->session->results[0];
    print_message("reps %d of %d, holds broken %d, rumbles %d, samples %lld, events %d\n",
                  r->reps_done, r->reps_target, r->holds_broken, rumbles,
                  (long long)app->motion.samples, app->motion.events);
    assert_true(r->finished);
    assert_int_equal(r->reps_done, 3);
    assert_int_equal(r->holds_broken, 0);
    assert_false(r->pain);
    /* A rumble at each of the three hold ends (nothing else is sided). */
    assert_int_equal(rumbles, 3);
    detach_pad(js);
    app_destroy(app);
    SDL_Quit();
}

static void gamepad_motion_rumble_setting_silences_and_unplugging_hands_back_to_confirm(
    void **state)
{
    (void)state;
    Options o;
    App *app = make_app(&o);
    tracker_settings(app->tracker)->pad_rumble = 0;
    app_settings_changed(app);
    int rumbles = 0;
    SDL_Joystick *js = attach_pad(&rumbles);
    frame(app);
    MotionSample still = {.t_ms = app->now_ms, .accel = {0.0f, 9.81f, 0.0f}};
    push_reading(SDL_JoystickInstanceID(js), &still);
    frame(app);
    assert_true(motion_pad_sensing(&app->motion));
    start_sensed_session(app, LEVEL_ID);

    Follower f;
    memset(&f, 0, sizeof f);
    MotionPersonOptions po = {.noise = 0.2f, .gyro = true, .seed = 4};
    motion_person_init(&f.person, &app->plan, po);
    /* Until the first rep has counted. */
    SDL_JoystickID which = SDL_JoystickInstanceID(js);
    for (int64_t t = 0; t < 60000 && app->session->results[0].reps_done < 1; t += FRAME_MS) {
        follow(&f, app->session);
        MotionSample smp = motion_person_sample(&f.person, app->now_ms + FRAME_MS);
        push_reading(which, &smp);
        frame(app);
    }
    assert_int_equal(app->session->results[0].reps_done, 1);
    assert_int_equal(rumbles, 0); /* the hold ended, silently as asked */

    /* The pad goes: a notice says so, the workout pauses (the active pad
     * is lost only once pressed; this one never was), and the next moves
     * are confirmed by hand. */
    detach_pad(js);
    frame(app);
    frame(app);
    print_message("notice: %s\n", app->notice);
    assert_false(motion_pad_sensing(&app->motion));
    assert_false(app->session->config.motion);
    assert_non_null(strstr(app->notice, "confirmed with a press"));
    int presses = 0;
    for (int64_t t = 0; t < 120000 && !session_done(app->session) &&
                        app->session->phase != PHASE_SUMMARY; t += FRAME_MS) {
        Phase p = app->session->phase;
        bool waiting = p == PHASE_WAIT_CONFIRM || (p == PHASE_MOVE && app->session->deadline_ms < 0);
        if (waiting && app->now_ms - app->session->phase_start_ms > 300) {
            SDL_Event e;
            memset(&e, 0, sizeof e);
            e.type = SDL_KEYDOWN;
            e.key.state = SDL_PRESSED;
            e.key.keysym.sym = SDLK_RETURN;
            SDL_PushEvent(&e);
            frame(app);
            e.type = SDL_KEYUP;
            e.key.state = SDL_RELEASED;
            SDL_PushEvent(&e);
            presses++;
        }
        frame(app);
    }
    print_message("after the unplug: %d presses, reps %d\n", presses,
                  app->session->results[0].reps_done);
    assert_int_equal(app->session->results[0].reps_done, 3);
    assert_true(presses >= 2);
    app_destroy(app);
    SDL_Quit();
}

static void gamepad_motion_side_switch_rumbles_and_the_recorder_keeps_every_reading(
    void **state)
{
    (void)state;
    char dir[700], path[800];
    test_make_fresh_dir("gamepad_motion_trace", dir, sizeof dir);
    snprintf(path, sizeof path, "%s/clam.trace", dir);
    Options o;
    App *app = make_app_recording(&o, path);
    int rumbles = 0;
    SDL_Joystick *js = attach_pad(&rumbles);
    frame(app);
    MotionSample still = {.t_ms = app->now_ms, .accel = {0.0f, 9.81f, 0.0f}};
    push_reading(SDL_JoystickInstanceID(js), &still);
    frame(app);
    start_sensed_session(app, "tiny_clam_1");
    Follower f;
    memset(&f, 0, sizeof f);
    MotionPersonOptions po = {.noise = 0.2f, .gyro_bias = 0.01f, .gyro = true, .seed = 12};
    motion_person_init(&f.person, &app->plan, po);
    run_with_person(app, js, &f, 120000, false);
    const ExerciseResult *r = &app->session->results[0];
    print_message("left %d, right %d, rumbles %d\n", r->reps_left, r->reps_right, rumbles);
    assert_int_equal(r->reps_left, 1);
    assert_int_equal(r->reps_right, 1);
    assert_int_equal(rumbles, 1); /* the side switch; a clamshell has no hold */
    int64_t fed = app->motion.samples;
    detach_pad(js);
    app_destroy(app); /* closes the trace */
    SDL_Quit();

    /* Every line of the trace reads back; it names the level, keeps each
     * reading the session was fed, and the words said around them. */
    FILE *fp = fopen(path, "r");
    assert_non_null(fp);
    char line[512];
    int lineno = 0, samples = 0, cues = 0;
    bool level_line = false, switch_cue = false;
    while (fgets(line, sizeof line, fp)) {
        lineno++;
        MotionSample smp;
        bool is_sample;
        char err[128];
        if (!motion_trace_parse_line(line, &smp, &is_sample, err, sizeof err))
            fail_msg("%s:%d: %s", path, lineno, err);
        samples += is_sample;
        if (strncmp(line, "# level tiny_clam_1 strap thigh", 31) == 0)
            level_line = true;
        if (line[0] == 'c') {
            cues++;
            switch_cue |= strstr(line, " switch_sides_pad") != NULL;
        }
    }
    fclose(fp);
    print_message("trace: %d lines, %d samples (%lld fed), %d cues\n", lineno, samples,
                  (long long)fed, cues);
    assert_true(level_line);
    assert_true(switch_cue);
    assert_true(samples >= fed);
    assert_true(fed > 500);
    assert_true(cues >= 8);
}

/* ------------------------------------------------------- --audio-only */

/* The person of the audio-only run: reads the captions as they are
 * printed (no sound device: beeps are printed too), moves on "(go)" and
 * "(rep_done)", lowers at "(hold_end)", and sends the pad's readings every
 * 10 ms of real time. */
typedef struct {
    SDL_JoystickID which;
    const Plan *plan;
    char path[700];
    volatile int stop;
    int moves, lowers;
} AudioPerson;

static int audio_person_thread(void *data)
{
    AudioPerson *ap = data;
    MotionPerson person;
    MotionPersonOptions po = {.noise = 0.2f, .gyro_bias = 0.01f, .gyro = true, .seed = 17};
    motion_person_init(&person, ap->plan, po);
    long read_to = 0;
    char pending[4096];
    size_t have = 0;
    Uint64 began = SDL_GetTicks64();
    while (!ap->stop && SDL_GetTicks64() - began < 120000) {
        FILE *fp = fopen(ap->path, "r");
        if (fp) {
            fseek(fp, read_to, SEEK_SET);
            size_t n = fread(pending + have, 1, sizeof pending - 1 - have, fp);
            read_to += (long)n;
            have += n;
            fclose(fp);
        }
        pending[have] = '\0';
        char *nl;
        while ((nl = strchr(pending, '\n'))) {
            *nl = '\0';
            Cue c;
            memset(&c, 0, sizeof c);
            c.kind = CUE_PHASE;
            c.at_ms = (int64_t)SDL_GetTicks64();
            if (strstr(pending, "(go)") || strstr(pending, "(rep_done)")) {
                c.phase = PHASE_MOVE;
                motion_person_cue(&person, &c);
                ap->moves++;
            } else if (strstr(pending, "(hold_end)")) {
                c.phase = PHASE_RELAX;
                motion_person_cue(&person, &c);
                ap->lowers++;
            }
            size_t used = (size_t)(nl - pending) + 1;
            memmove(pending, nl + 1, have - used + 1);
            have -= used;
        }
        MotionSample smp = motion_person_sample(&person, (int64_t)SDL_GetTicks64());
        push_reading(ap->which, &smp);
        SDL_Delay(10);
    }
    if (!ap->stop) {
        /* Nothing counted the reps: end the run rather than hang. */
        SDL_Event q;
        memset(&q, 0, sizeof q);
        q.type = SDL_QUIT;
        SDL_PushEvent(&q);
    }
    return 0;
}

static void gamepad_motion_audio_only_counts_reps_from_pushed_readings(void **state)
{
    (void)state;
    setenv("SDL_AUDIODRIVER", "nonexistent", 1); /* captions and printed beeps */
    char data_dir[600];
    test_make_unique_dir("gamepad_motion_audio", data_dir, sizeof data_dir);
    input_set_hints();
    assert_int_equal(SDL_Init(SDL_INIT_GAMECONTROLLER | SDL_INIT_EVENTS), 0);
    int rumbles = 0;
    SDL_Joystick *js = attach_pad(&rumbles);
    SDL_Event e;
    while (SDL_PollEvent(&e)) {
    }

    int tracks;
    Program *prog = test_load_program(LEVELS_DIR, &tracks, NULL);
    assert_int_equal(tracks, 2);
    Plan plan;
    assert_int_equal(plan_build_single(prog, LEVEL_ID, &plan), 1);

    AudioPerson ap;
    memset(&ap, 0, sizeof ap);
    ap.which = SDL_JoystickInstanceID(js);
    ap.plan = &plan;
    snprintf(ap.path, sizeof ap.path, "%s/%s_stdout_%ld.txt", TEST_OUT_DIR, "gamepad_motion_audio",
             (long)getpid());
    SDL_Thread *th = SDL_CreateThread(audio_person_thread, "audio person", &ap);
    assert_non_null(th);

    /* Nothing is typed or pressed: every rep must come from the pad
     * (confirm mode would wait for ever otherwise). */
    int terminal = test_pipe_holding("");
    Options o = test_audio_only_options(LEVELS_DIR, data_dir, LEVEL_ID, "confirm");
    int status = -1;
    char *out = test_run_audio_only(&o, "gamepad_motion_audio", terminal, &status);
    close(terminal);
    ap.stop = 1;
    SDL_WaitThread(th, NULL);
    print_message("person: %d moves, %d lowers; rumbles %d\n", ap.moves, ap.lowers, rumbles);
    assert_int_equal(status, 0);
    assert_non_null(strstr(out, "senses motion"));
    assert_non_null(strstr(out, "Put the game pad on your thigh"));
    assert_non_null(strstr(out, "One of three."));
    assert_non_null(strstr(out, "Two of three."));
    assert_non_null(strstr(out, "Three of three."));
    assert_null(strstr(out, "Press confirm when the rep is done"));
    assert_int_equal(rumbles, 3);
    free(out);
    free(prog);
    detach_pad(js);
    SDL_Quit();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(gamepad_motion_window_counts_reps_with_no_press_and_rumbles),
        cmocka_unit_test(
            gamepad_motion_rumble_setting_silences_and_unplugging_hands_back_to_confirm),
        cmocka_unit_test(
            gamepad_motion_side_switch_rumbles_and_the_recorder_keeps_every_reading),
        cmocka_unit_test(gamepad_motion_audio_only_counts_reps_from_pushed_readings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
