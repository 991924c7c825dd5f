/* app.c: the window mode: opens the display, fonts, levels, save and audio
 * in one place, runs the loop (fixed-rate core steps, eased drawing, no busy
 * waiting) and carries sessions from start to record.  Also --demo and
 * --screenshot, which are the same loop on other clocks. */
#include "app.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "platform/desktop.h"
#include "platform/instance.h"
#include "platform/paths.h"
#include "levels_load.h"
#include "render.h"
#include "screens/screens.h"

enum { APP_CATCH_UP_MAX_MS = 1000 };

/* ------------------------------------------------------------ clock */

int64_t app_clock_ms(App *app)
{
    if (app->virtual_clock)
        return app->virtual_ms;
    if (app->audio)
        return audio_clock_ms(app->audio);
    return (int64_t)SDL_GetTicks64();
}

void app_advance(App *app, int64_t ms)
{
    if (app->virtual_clock && ms > 0)
        app->virtual_ms += ms;
}

time_t app_wall_time(const App *app)
{
    return app->wall_override ? app->wall_override : time(NULL);
}

void app_notice(App *app, const char *text)
{
    snprintf(app->notice, sizeof app->notice, "%s", text);
    app->notice_until_ms = app_clock_ms(app) + APP_NOTICE_MS;
}

/* ---------------------------------------------------------- session */

SessionConfig app_session_config(const App *app)
{
    SessionConfig c = session_config_default();
    const Settings *s = tracker_settings(app->tracker);
    c.mode = s->tempo_mode ? MODE_TEMPO : MODE_CONFIRM;
    if (app->options && app->options->mode)
        c.mode = strcmp(app->options->mode, "tempo") == 0 ? MODE_TEMPO : MODE_CONFIRM;
    if (app->audio)
        audio_session_config(app->audio, &c);
    /* A test's virtual clock jumps on purpose; only a real one stalls. */
    if (app->virtual_clock)
        c.stall_pause_ms = 0;
    return c;
}

/* Words of the window's own during a workout: the session waits for them,
 * so neither cuts the other. */
static void say_in_session(App *app, const char *key, const char *text)
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
    if (app->audio)
        audio_play_cue(app->audio, cue);
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
    app->session_live = false;
}

/* The confirm button was let go before the hold's end: said kindly, once
 * an exercise, and the rep still counts (it was confirmed on the press). */
static void let_go_early(App *app)
{
    SessionView *v = &app->view;
    snprintf(v->caption, sizeof v->caption,
             "You let go a little early. That's all right, the rep counts. "
             "Next time, try to keep holding until the beep.");
    v->caption_ms = app->now_ms;
    say_in_session(app, "hold_let_go_early", v->caption);
}

/* The fixed-rate core update: the session sees every 10 ms boundary, and
 * --demo confirms reps that wait. */
static void step_core(App *app, int64_t now)
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

/* --------------------------------------------------------- settings */

void app_settings_changed(App *app)
{
    Settings *s = tracker_settings(app->tracker);
    if (tracker_save_settings(app->tracker) != 0 && tracker_message(app->tracker)[0])
        app_notice(app, tracker_message(app->tracker));
    if (app->audio)
        audio_apply_settings(app->audio, s);
    input_set_swap(&app->input, s->swap_confirm_back != 0);
    app->progress_serial++;
}

/* ----------------------------------------------------------- drawing */

void app_resize(App *app, int w, int h)
{
    if (w < 1 || h < 1)
        return;
    layout_compute(&app->layout, w, h);
    text_set_layout(app->text, &app->layout);
}

static void draw_notice(App *app, int64_t now)
{
    if (!app->notice[0] || now >= app->notice_until_ms)
        return;
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    int lh = text_line_height(app->text, TEXT_BODY, TEXT_BOLD);
    SDL_Rect safe = l->safe;
    /* During a workout the bottom holds the pain button's label, which
     * nothing may cover: news goes over the exercise's name instead. */
    SDL_Rect box = app->session_live ? rect_cut_top(&safe, lh + 2 * l->gap)
                                     : rect_cut_bottom(&safe, lh + 2 * l->gap);
    render_rounded(app->renderer, box, (float)l->gap, th->panel_focus);
    render_rounded_outline(app->renderer, box, (float)l->gap, (float)l->line, th->accent);
    SDL_Rect inner = rect_inset(box, l->gap);
    text_draw(app->text, app->notice, inner, text_style(TEXT_BODY, TEXT_BOLD, th->text));
}

void app_draw(App *app)
{
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(app->renderer, &w, &h) == 0 &&
        (w != app->layout.w || h != app->layout.h))
        app_resize(app, w, h);
    text_begin_frame(app->text);
    render_clear(app->renderer, render_theme()->bg);
    screen_draw(&app->screens, app->now_ms);
    draw_notice(app, app->now_ms);
    SDL_RenderPresent(app->renderer);
}

/* ------------------------------------------------------------ events */

static void toggle_fullscreen(App *app)
{
    if (!app->window)
        return;
    Uint32 flags = SDL_GetWindowFlags(app->window);
    bool full = (flags & SDL_WINDOW_FULLSCREEN_DESKTOP) != 0;
    SDL_SetWindowFullscreen(app->window, full ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
}

/* A workout that is running (not paused, not waiting at the pain check or
 * the summary): the one a lost pad must pause. */
static bool session_running(const App *app)
{
    const Session *s = app->session;
    return app->session_live && !s->paused && s->phase != PHASE_IDLE &&
           s->phase != PHASE_PAIN_CHECK && s->phase != PHASE_SUMMARY && s->phase != PHASE_DONE;
}

/* The active pad went away: a running workout pauses at once, and says so
 * on screen (the pause overlay) and by voice, since the person may be on
 * the floor looking away. */
static void pad_lost(App *app)
{
    if (!session_running(app))
        return;
    app_session_act(app, ACTION_PAUSE);
    const char *start = input_pad_button_name(input_pad_type(&app->input),
                                              SDL_CONTROLLER_BUTTON_START);
    char key[64];
    SessionView *v = &app->view;
    snprintf(v->caption, sizeof v->caption,
             "The controller was unplugged, so the session is paused. Plug it back in "
             "and press %s to go on, or use the keyboard.", start);
    v->caption_ms = app->now_ms;
    snprintf(key, sizeof key, "pad_unplugged_%s", start);
    say_in_session(app, key, v->caption);
}

/* The sound device went away or came back.  Lost: a running workout
 * pauses (its words and beeps would go unheard) and the screen says why;
 * back: it says so, and the person's confirm carries on. */
static void audio_changed(App *app, AudioEvent e)
{
    if (e == AUDIO_EVENT_LOST) {
        if (session_running(app))
            app_session_act(app, ACTION_PAUSE);
        fprintf(stderr, "corequest: the sound device was lost; trying to reopen it\n");
        app_notice(app, "The sound device was lost, so the workout is paused. "
                        "corequest tries to reopen it every few seconds.");
    } else if (e == AUDIO_EVENT_BACK) {
        fprintf(stderr, "corequest: the sound device is back\n");
        const char *text = app->session_live && app->session->paused
                               ? "Sound is back. Press confirm to carry on."
                               : "Sound is back.";
        app_notice(app, text);
        say_in_session(app, app->session_live && app->session->paused ? "sound_back_paused"
                                                                         : "sound_back",
                       text);
    }
}

/* F1, H, or a long press on Back/Select: the controls overlay comes and
 * goes; a running workout pauses while it is read. */
static void toggle_help(App *app)
{
    const ScreenDef *help = screens_def(SCREEN_HELP);
    if (screen_top(&app->screens) == help) {
        screen_pop(&app->screens);
        return;
    }
    if (session_running(app))
        app_session_act(app, ACTION_PAUSE);
    screen_push(&app->screens, help, 0);
}

/* The window went to the background (focus lost, minimised, hidden): a
 * running workout pauses, since nobody may be watching its count; when the
 * window is back, the screen and the voice say why it is paused.  The demo
 * is nobody's workout and plays on. */
static void window_visibility_changed(App *app, Uint8 event)
{
    switch (event) {
    case SDL_WINDOWEVENT_FOCUS_LOST:
    case SDL_WINDOWEVENT_MINIMIZED:
    case SDL_WINDOWEVENT_HIDDEN:
        if (app->demo || !session_running(app))
            return;
        app_session_act(app, ACTION_PAUSE);
        app->paused_in_background = true;
        return;
    case SDL_WINDOWEVENT_FOCUS_GAINED:
    case SDL_WINDOWEVENT_RESTORED:
    case SDL_WINDOWEVENT_SHOWN:
        if (!app->paused_in_background)
            return;
        app->paused_in_background = false;
        if (!app->session_live || !app->session->paused)
            return;
        {
            static const char text[] = "The workout paused while corequest was in the "
                                       "background. Choose Resume when you are ready.";
            app_notice(app, text);
            say_in_session(app, "paused_in_background", text);
        }
        return;
    default:
        return;
    }
}

/* The screensaver waits while a workout runs (someone on the floor touches
 * nothing for minutes) and is allowed otherwise: on the title, paused, at
 * the summary.  SDL's own default, blocked from start to end, is turned off
 * in open_video. */
static void screensaver_follow_workout(const App *app)
{
    if (!app->window)
        return;
    bool block = session_running(app);
    if (block == !SDL_IsScreenSaverEnabled())
        return;
    if (block)
        SDL_DisableScreenSaver();
    else
        SDL_EnableScreenSaver();
}

void app_input(App *app, const InputEvent *in)
{
    if (in->quit) {
        app->quit = true;
        return;
    }
    if (in->toggle_fullscreen) {
        toggle_fullscreen(app);
        return;
    }
    if (in->pad_removed) {
        pad_lost(app);
        return;
    }
    if (in->help) {
        toggle_help(app);
        return;
    }
    /* --demo still listens: a person's press hands control to them, so the
     * demo never confirms for someone who has stepped in (after a pain stop
     * above all). */
    if (in->action != ACTION_NONE || in->nav != NAV_NONE)
        app->demo = false;
    screen_handle(&app->screens, in);
}

void app_event(App *app, const SDL_Event *ev)
{
    if (ev->type == SDL_WINDOWEVENT && ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
        int w = 0, h = 0;
        if (SDL_GetRendererOutputSize(app->renderer, &w, &h) == 0)
            app_resize(app, w, h);
        return;
    }
    if (ev->type == SDL_WINDOWEVENT)
        window_visibility_changed(app, ev->window.event);
    if (app->audio && audio_handle_event(app->audio, ev))
        return;
    InputEvent in;
    input_set_clock(&app->input, app_clock_ms(app));
    bool got = input_translate(&app->input, ev, &in);
    if (app->input.notice_serial != app->input_notice_serial) {
        app->input_notice_serial = app->input.notice_serial;
        app_notice(app, app->input.notice);
    }
    if (got)
        app_input(app, &in);
}

bool app_step(App *app)
{
    if (app->audio)
        audio_changed(app, audio_health(app->audio));
    int64_t now = app_clock_ms(app);
    app->now_ms = now;
    step_core(app, now);
    /* A held d-pad or stick repeats, and a long press brings the help, on
     * the clock; each lands in this frame, like an event would. */
    InputEvent held;
    for (int i = 0; i < 8 && input_tick(&app->input, now, &held); i++)
        app_input(app, &held);
    if (app->session_live &&
        input_hold_watch_step(&app->hold_watch, &app->input, app->session, now))
        let_go_early(app);
    screensaver_follow_workout(app);
    bool animating = screen_update(&app->screens, now);
    if (input_busy(&app->input))
        animating = true; /* keep waking up while something is held */
    if (app->notice[0] && now < app->notice_until_ms)
        animating = true;
    if (screen_top(&app->screens) == NULL)
        app->quit = true;
    return animating || app->session_live;
}

bool app_frame(App *app)
{
    app->now_ms = app_clock_ms(app);
    SDL_Event ev;
    while (SDL_PollEvent(&ev))
        app_event(app, &ev);
    bool animating = app_step(app);
    if (!app->quit)
        app_draw(app);
    return animating;
}

/* ----------------------------------------------------------- opening */

static bool env_is(const char *name, const char *value)
{
    const char *v = SDL_getenv(name);
    return v && SDL_strcasecmp(v, value) == 0;
}

static bool driver_is_headless(void)
{
    const char *d = SDL_GetCurrentVideoDriver();
    return d && (strcmp(d, "dummy") == 0 || strcmp(d, "offscreen") == 0);
}

static int open_video(App *app, const AppConfig *cfg, char *message, size_t size)
{
    int w = cfg->width > 0 ? cfg->width : 1280;
    int h = cfg->height > 0 ? cfg->height : 720;
    /* Only matters for the software path: without it every present goes
     * through an OpenGL framebuffer (see PLATFORM-NOTES.md). */
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    /* The screensaver is blocked only while a workout runs
     * (screensaver_follow_workout), not from the moment video starts. */
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "1");
    if (cfg->headless) {
        app->headless = true;
        app->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
        if (!app->surface) {
            snprintf(message, size, "cannot make a %dx%d picture: %s", w, h, SDL_GetError());
            return -1;
        }
        app->renderer = SDL_CreateSoftwareRenderer(app->surface);
        if (!app->renderer) {
            snprintf(message, size, "cannot draw: %s", SDL_GetError());
            return -1;
        }
        return 0;
    }
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0) {
        snprintf(message, size,
                 "no display found (%s). Try: corequest --audio-only", SDL_GetError());
        return -1;
    }
    /* With no display and no driver named, SDL falls back to an invisible
     * one; a window nobody can see is no use to a person. */
    if (driver_is_headless() && !SDL_getenv("SDL_VIDEODRIVER")) {
        snprintf(message, size, "no display found. Try: corequest --audio-only");
        return -1;
    }
    Uint32 flags = SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (cfg->options && cfg->options->fullscreen)
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    app->window = SDL_CreateWindow("corequest", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                   w, h, flags);
    if (!app->window) {
        snprintf(message, size, "no display found (%s). Try: corequest --audio-only",
                 SDL_GetError());
        return -1;
    }
    SDL_SetWindowMinimumSize(app->window, 640, 360);
    char path[1200];
    snprintf(path, sizeof path, "%s/icon.png", app->assets_dir);
    SDL_Surface *icon = IMG_Load(path);
    if (icon) {
        SDL_SetWindowIcon(app->window, icon);
        SDL_FreeSurface(icon);
    }
    bool software = driver_is_headless() || env_is("COREQUEST_RENDERER", "software");
    if (!software) {
        app->renderer = SDL_CreateRenderer(app->window, -1,
                                           SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
        app->vsync = app->renderer != NULL;
    }
    if (!app->renderer)
        app->renderer = SDL_CreateRenderer(app->window, -1, SDL_RENDERER_SOFTWARE);
    if (!app->renderer) {
        snprintf(message, size, "cannot draw in the window: %s", SDL_GetError());
        return -1;
    }
    return 0;
}

App *app_create(const AppConfig *cfg, char *message, size_t size)
{
    message[0] = '\0';
    char *data_dir = NULL;
    App *app = calloc(1, sizeof *app);
    if (!app) {
        snprintf(message, size, "out of memory");
        return NULL;
    }
    app->options = cfg->options;
    app->assets_dir = paths_assets_dir(cfg->options, NULL);
    app->virtual_clock = cfg->virtual_clock;
    app->demo = cfg->options && cfg->options->demo;
    app->demo_done_ms = -1;
    screen_stack_init(&app->screens, app);

    input_set_hints();
    if (SDL_InitSubSystem(SDL_INIT_EVENTS) != 0) {
        snprintf(message, size, "cannot start SDL: %s", SDL_GetError());
        goto fail;
    }
    if (open_video(app, cfg, message, size) != 0)
        goto fail;
    app->pads_ready = (!cfg->headless || cfg->with_pads) &&
                      SDL_InitSubSystem(SDL_INIT_GAMECONTROLLER) == 0;
    if (TTF_Init() != 0) {
        snprintf(message, size, "cannot start SDL_ttf: %s", TTF_GetError());
        goto fail;
    }
    IMG_Init(IMG_INIT_PNG);

    int w = 0, h = 0;
    SDL_GetRendererOutputSize(app->renderer, &w, &h);
    layout_compute(&app->layout, w, h);
    app->text = text_open(app->renderer, app->assets_dir, message, size);
    if (!app->text)
        goto fail;
    text_set_layout(app->text, &app->layout);
    app->sprites = figure_sprites_open(app->renderer, app->assets_dir);

    if (!cfg->memory_save && cfg->options)
        data_dir = paths_data_dir(cfg->options);
    if (app->pads_ready) {
        /* Before the pads are opened, so that a pad only the file knows is
         * a gamepad from the start. */
        const char *pad_dir = data_dir ? data_dir : cfg->options ? cfg->options->data_dir : NULL;
        char line[1400];
        int added = input_load_mappings(pad_dir, line, sizeof line);
        if (line[0])
            fprintf(stderr, "corequest: %s\n", line);
        if (added < 0)
            app_notice(app, "gamecontrollerdb.txt could not all be read: the terminal says where.");
    }
    input_open(&app->input);

    app->program = malloc(sizeof *app->program);
    LevelErrors *errs = malloc(sizeof *errs);
    app->session = calloc(1, sizeof *app->session);
    if (!app->program || !errs || !app->session) {
        free(errs);
        snprintf(message, size, "out of memory");
        goto fail;
    }
    const char *levels_dir = paths_levels_dir(cfg->options, NULL);
    int tracks = levels_load_dir(levels_dir, app->program, errs);
    level_errors_print(stderr, "corequest: ", errs);
    free(errs);
    if (tracks <= 0) {
        snprintf(message, size, "no usable levels in '%s' (see --check-levels)", levels_dir);
        goto fail;
    }

    char note[512] = "";
    app->tracker = tracker_open(data_dir, app->program, note, sizeof note);
    SDL_free(data_dir);
    data_dir = NULL;
    if (!app->tracker) {
        snprintf(message, size, "out of memory");
        goto fail;
    }
    if (note[0])
        app_notice(app, note);
    Settings *settings = tracker_settings(app->tracker);
    input_set_swap(&app->input, settings->swap_confirm_back != 0);

    if (cfg->with_audio) {
        char audio_note[512] = "";
        app->audio = audio_open(app->assets_dir, settings, audio_note, sizeof audio_note);
        if (!app->audio) {
            snprintf(message, size, "out of memory");
            goto fail;
        }
        if (audio_note[0]) {
            fprintf(stderr, "corequest: %s\n", audio_note);
            app_notice(app, audio_note);
        }
    }
    app->now_ms = app_clock_ms(app);
    app->update_ms = app->now_ms;
    return app;

fail:
    SDL_free(data_dir);
    app_destroy(app);
    return NULL;
}

void app_destroy(App *app)
{
    if (!app)
        return;
    screen_stack_clear(&app->screens);
    if (app->session_live && app->tracker)
        app_session_abandon(app);
    if (app->audio)
        audio_close(app->audio);
    if (app->tracker)
        tracker_close(app->tracker);
    free(app->session);
    free(app->program);
    input_close(&app->input);
    figure_sprites_close(app->sprites);
    text_close(app->text);
    if (TTF_WasInit())
        TTF_Quit();
    IMG_Quit();
    if (app->renderer)
        SDL_DestroyRenderer(app->renderer);
    if (app->surface)
        SDL_FreeSurface(app->surface);
    if (app->window)
        SDL_DestroyWindow(app->window);
    if (app->pads_ready)
        SDL_QuitSubSystem(SDL_INIT_GAMECONTROLLER);
    if (SDL_WasInit(SDL_INIT_VIDEO))
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
    if (SDL_WasInit(SDL_INIT_EVENTS))
        SDL_QuitSubSystem(SDL_INIT_EVENTS);
    free(app);
}

/* ------------------------------------------------------- screenshots */

enum { SHOT_STEP_MS = APP_UPDATE_MS, SHOT_LIMIT_MS = 60 * 60 * 1000 };

static bool top_is(const App *app, ScreenId id)
{
    return screen_top(&app->screens) == screens_def(id);
}

/* Moves the virtual clock on in core steps until the session reaches the
 * phase (or ms pass when phase is PHASE_COUNT). */
static bool run_until_phase(App *app, Phase phase, int64_t limit_ms)
{
    for (int64_t t = 0; t < limit_ms; t += SHOT_STEP_MS) {
        if (phase != PHASE_COUNT && app->session_live && app->session->phase == phase)
            return true;
        app_advance(app, SHOT_STEP_MS);
        app_step(app);
    }
    return phase == PHASE_COUNT;
}

/* A month of finished sessions through the real recording path, so the
 * calendar, the streak and the level map have something to show.  Only
 * ever used with a save kept in memory. */
void app_sample_history(App *app)
{
    time_t now = app_wall_time(app);
    /* Three old days, then five of the last six: a streak, some levels
     * unlocked, some still locked. */
    for (int d = 27; d >= 1; d--) {
        if (d != 27 && d != 24 && d != 21 && (d > 6 || d == 3))
            continue;
        time_t day = now - (time_t)d * 86400;
        /* Through the runner, as a real session would be: a whole session
         * on each of these days, decided by the one streak rule. */
        Plan plan;
        Runner runner;
        char err[128];
        if (runner_begin(&runner, app->tracker, &plan, NULL, day, err, sizeof err) != 0)
            return;
        runner_start(&runner, day);
        Session *done = calloc(1, sizeof *done);
        if (!done)
            return;
        session_init(done, &plan, session_config_default(), NULL, NULL);
        for (int i = 0; i < plan.count; i++) {
            const Level *l = plan.items[i].level;
            ExerciseResult *r = &done->results[i];
            r->reps_target = (l->reps < 1 ? 1 : l->reps) * (l->sets < 1 ? 1 : l->sets);
            r->reps_done = r->reps_target;
            if (l->sides != SIDES_NONE)
                r->reps_left = r->reps_right = r->reps_target;
            r->started = r->finished = true;
            runner_record(&runner, i, r, day + 60 * i, NULL);
        }
        done->phase = PHASE_DONE;
        runner_conclude(&runner, done, day + 60 * plan.count);
        free(done);
    }
    app->progress_serial++;
}

/* The first level of the first track: a short session for a screenshot. */
static const char *p0_first_level(const App *app)
{
    return app->program->track_count > 0 && app->program->tracks[0].level_count > 0
               ? app->program->tracks[0].levels[0].id
               : "";
}

/* Draws the frame and hands it to the visitor. */
static int visit_frame(App *app, const char *name, AppVisit visit, void *ctx)
{
    app_frame(app);
    return visit(app, name, ctx);
}

/* The workout screen with a level's figure most of the way to its peak. */
static int tour_figure(App *app, const Level *level, AppVisit visit, void *ctx)
{
    if (app_session_start(app, level->id) != 0)
        return 1;
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);
    app_session_act(app, ACTION_CONFIRM); /* past the spoken setup */
    if (!run_until_phase(app, PHASE_MOVE, 30000))
        return 1;
    run_until_phase(app, PHASE_COUNT, level->move_ms * 4 / 5);
    char name[ID_MAX + 16];
    snprintf(name, sizeof name, "figure-%s", level->id);
    int rc = visit_frame(app, name, visit, ctx);
    app_session_abandon(app);
    return rc;
}

int app_tour(App *app, AppVisit visit, void *ctx)
{
    int failures = 0;
    screens_start(app); /* a fresh save: the safety notice first */
    failures += visit_frame(app, "01-safety", visit, ctx);
    tracker_settings(app->tracker)->safety_notice_seen = 1;
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    failures += visit_frame(app, "02-title", visit, ctx);
    screen_push(&app->screens, screens_def(SCREEN_LEVEL_MAP), LEVEL_MAP_BROWSE);
    app_advance(app, 800);
    failures += visit_frame(app, "03-level-map", visit, ctx);
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    screen_push(&app->screens, screens_def(SCREEN_CALENDAR), 0);
    failures += visit_frame(app, "04-calendar", visit, ctx);
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    screen_push(&app->screens, screens_def(SCREEN_SETTINGS), 0);
    failures += visit_frame(app, "05-settings", visit, ctx);

    /* Today's session: the first exercise moving, then paused and left. */
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    if (app_session_start(app, NULL) == 0) {
        screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);
        app_session_act(app, ACTION_CONFIRM);
        run_until_phase(app, PHASE_MOVE, 30000);
        run_until_phase(app, PHASE_COUNT, app_current_item(app)->level->move_ms * 3 / 5);
        failures += visit_frame(app, "06-workout", visit, ctx);
        app_session_act(app, ACTION_PAUSE);
        app_step(app);
        failures += visit_frame(app, "07-pause", visit, ctx);
        app_session_act(app, ACTION_PAUSE);
        app_step(app);
        app_session_abandon(app);
    } else {
        failures++;
    }

    /* A whole session, confirmed on time, to its summary. */
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    if (app_session_start(app, NULL) == 0) {
        screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);
        bool demo = app->demo;
        app->demo = true;
        for (int64_t t = 0; t < SHOT_LIMIT_MS && !top_is(app, SCREEN_SUMMARY); t += SHOT_STEP_MS) {
            app_advance(app, SHOT_STEP_MS);
            app_step(app);
        }
        app->demo = demo;
        app_advance(app, 3000); /* the stars have flown */
        failures += top_is(app, SCREEN_SUMMARY) ? 0 : 1;
        failures += visit_frame(app, "09-summary", visit, ctx);
        app_session_abandon(app);
    } else {
        failures++;
    }

    /* Another go, its second exercise stopped for pain. */
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    if (app_session_start(app, NULL) == 0) {
        screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);
        app_session_act(app, ACTION_SKIP);
        app_session_act(app, ACTION_CONFIRM);
        run_until_phase(app, PHASE_MOVE, 30000);
        app_session_act(app, ACTION_PAIN);
        app_step(app);
        failures += top_is(app, SCREEN_PAIN) ? 0 : 1;
        failures += visit_frame(app, "08-pain-check", visit, ctx);
        app_session_abandon(app);
    } else {
        failures++;
    }

    /* A second pain stop on the same exercise the same day: the advice to
     * see a therapist, as today's session shows it; then the person
     * confirms, so the figures below are the usual session's. */
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    if (app_session_start(app, NULL) == 0) {
        screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);
        app_session_act(app, ACTION_SKIP);
        app_session_act(app, ACTION_CONFIRM);
        run_until_phase(app, PHASE_MOVE, 30000);
        app_session_act(app, ACTION_PAIN);
        app_step(app);
        app_session_abandon(app);
        screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
        bool advice = tracker_advice(app->tracker);
        screen_push(&app->screens, screens_def(SCREEN_ADVICE), 0);
        failures += advice && top_is(app, SCREEN_ADVICE) ? 0 : 1;
        failures += visit_frame(app, "12-see-a-therapist", visit, ctx);
        tracker_confirm_checked(app->tracker, app_wall_time(app));
        app->progress_serial++;
    } else {
        failures++;
    }

    /* How did it feel? after the first exercise of one level, done with
     * every rep confirmed at once. */
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    if (app_session_start(app, p0_first_level(app)) == 0) {
        screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);
        bool demo = app->demo;
        app->demo = true;
        bool asked = run_until_phase(app, PHASE_RATE, SHOT_LIMIT_MS);
        app->demo = demo;
        app_advance(app, 1500);
        app_step(app);
        failures += asked && top_is(app, SCREEN_RATE) ? 0 : 1;
        failures += visit_frame(app, "11-how-did-it-feel", visit, ctx);
        app_session_abandon(app);
    } else {
        failures++;
    }

    /* The controls overlay, over the title. */
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    screen_push(&app->screens, screens_def(SCREEN_HELP), 0);
    failures += visit_frame(app, "10-controls", visit, ctx);

    /* Every track's first level, and each level that has its own poses or
     * equipment (the variants: dead bug, one-leg bridges, the band...). */
    const Program *p = app->program;
    for (int t = 0; t < p->track_count; t++) {
        const Track *track = &p->tracks[t];
        for (int l = 0; l < track->level_count; l++) {
            const Level *level = &track->levels[l];
            bool own = l > 0 && memcmp(&level->poses, &track->levels[0].poses, sizeof(PoseSet)) != 0;
            bool kit = l > 0 && strcmp(level->equipment, track->levels[0].equipment) != 0;
            if (l == 0 || own || kit)
                failures += tour_figure(app, level, visit, ctx);
        }
    }
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
    return failures;
}

static int save_visit(App *app, const char *name, void *ctx)
{
    const char *dir = ctx;
    char path[2048];
    snprintf(path, sizeof path, "%s/%s.png", dir, name);
    if (render_save_png(app->renderer, path) != 0) {
        fprintf(stderr, "corequest: cannot write %s: %s\n", path, SDL_GetError());
        return 1;
    }
    printf("%s\n", path);
    return 0;
}

/* One copy per save (platform/instance.h), taken before any window opens.
 * False if another corequest holds it: that is said, and nothing is opened. */
static bool take_save_lock(const Options *o, bool memory_save, InstanceLock **lock)
{
    *lock = NULL;
    if (memory_save)
        return true;
    char *dir = paths_data_dir(o);
    if (!dir)
        return true; /* app_create says there is no data folder */
    char message[1024];
    InstanceStatus status = instance_lock(dir, lock, message, sizeof message);
    SDL_free(dir);
    if (status == INSTANCE_BUSY) {
        desktop_tell(message);
        return false;
    }
    return true;
}

static int app_screenshots(const Options *o)
{
    const char *dir = o->screenshot_dir;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "corequest: cannot make the folder %s: %s\n", dir, strerror(errno));
        return 1;
    }
    AppConfig cfg = {
        .options = o,
        .headless = true,
        .virtual_clock = true,
        .with_audio = false,
        .memory_save = o->data_dir == NULL,
        .width = o->width > 0 ? o->width : 1280,
        .height = o->height > 0 ? o->height : 720,
    };
    InstanceLock *lock;
    if (!take_save_lock(o, cfg.memory_save, &lock))
        return 1;
    char message[512];
    App *app = app_create(&cfg, message, sizeof message);
    if (!app) {
        fprintf(stderr, "corequest: %s\n", message);
        instance_unlock(lock);
        SDL_Quit();
        return 1;
    }
    app->wall_override = time(NULL);
    if (cfg.memory_save)
        app_sample_history(app);
    int failures = app_tour(app, save_visit, (void *)dir);
    app_destroy(app);
    instance_unlock(lock);
    SDL_Quit();
    return failures ? 1 : 0;
}

/* ------------------------------------------------------------- the loop */

int app_run(const Options *o)
{
    if (o->screenshot_dir)
        return app_screenshots(o);
    AppConfig cfg = {
        .options = o,
        .with_audio = true,
        /* The demo plays with a throwaway save: it is not the person's day. */
        .memory_save = o->demo && !o->data_dir,
        .width = o->width,
        .height = o->height,
    };
    InstanceLock *lock;
    if (!take_save_lock(o, cfg.memory_save, &lock))
        return 1;
    char message[512];
    App *app = app_create(&cfg, message, sizeof message);
    if (!app) {
        fprintf(stderr, "corequest: %s\n", message);
        instance_unlock(lock);
        SDL_Quit();
        return 1;
    }
    screens_start(app);
    while (!app->quit) {
        Uint64 start = SDL_GetTicks64();
        bool animating = app_frame(app);
        if (app->quit)
            break;
        if (animating) {
            /* Vsync usually paces this already; the cap keeps a hidden or
             * minimised window (where present returns at once) from spinning. */
            Uint64 period = app->vsync ? APP_FRAME_MS : APP_SOFT_FRAME_MS;
            Uint64 spent = SDL_GetTicks64() - start;
            if (spent < period)
                SDL_WaitEventTimeout(NULL, (int)(period - spent));
        } else {
            SDL_WaitEvent(NULL);
        }
    }
    app_destroy(app);
    instance_unlock(lock);
    SDL_Quit();
    return 0;
}
