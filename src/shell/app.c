/* app.c: the window: opens the display, fonts, levels, save and audio in
 * one place (and closes them in reverse), and is the one input path (every
 * key, button and window event comes through app_event / app_input, PAIN
 * first), the notices, the settings, and one frame's step and draw.  It
 * names no screen: the screens call it, never the other way round. */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "platform/paths.h"
#include "levels_load.h"
#include "render.h"

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

/* The motion pad's news (found, gone, a trace that cannot be written). */
static void motion_news(App *app)
{
    if (app->motion.notice_serial == app->motion_notice_serial)
        return;
    app->motion_notice_serial = app->motion.notice_serial;
    app_notice(app, app->motion.notice);
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
    motion_pad_set(&app->motion, s->motion_pad != 0, s->pad_rumble != 0);
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

/* A notice takes a band of the safe area for itself, and the screens are
 * laid out in what is left, so it never covers anything (the exercise's
 * name least of all).  During a workout the band is at the top, since the
 * bottom holds the pain button's label; otherwise at the bottom.  Returns
 * false when no notice shows. */
static bool notice_band(App *app, SDL_Rect *band, SDL_Rect *inner, TextStyle *style)
{
    if (!app->notice[0] || app->now_ms >= app->notice_until_ms)
        return false;
    Layout *l = &app->layout;
    *style = text_style(TEXT_BODY, TEXT_BOLD, render_theme()->text);
    style->max_lines = 3;
    style->align = TEXT_ALIGN_LEFT;
    SDL_Rect room = rect_inset(l->safe, l->gap);
    room.h = l->safe.h / 4;
    SDL_Rect used = text_measure(app->text, app->notice, room, *style);
    int h = used.h + 2 * l->gap;
    *band = app->session_live ? rect_cut_top(&l->safe, h) : rect_cut_bottom(&l->safe, h);
    if (app->session_live)
        rect_cut_top(&l->safe, l->gap);
    else
        rect_cut_bottom(&l->safe, l->gap);
    *inner = (SDL_Rect){band->x + l->gap, band->y + l->gap, room.w, used.h};
    return true;
}

static void draw_notice(App *app, SDL_Rect band, SDL_Rect inner, TextStyle style)
{
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    render_rounded(app->renderer, band, (float)l->gap, th->panel_focus);
    render_rounded_outline(app->renderer, band, (float)l->gap, (float)l->line, th->accent);
    text_draw(app->text, app->notice, inner, style);
}

void app_draw(App *app)
{
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(app->renderer, &w, &h) == 0 &&
        (w != app->layout.w || h != app->layout.h))
        app_resize(app, w, h);
    text_begin_frame(app->text);
    render_clear(app->renderer, render_theme()->bg);
    SDL_Rect safe = app->layout.safe, band, inner;
    TextStyle style;
    bool notice = notice_band(app, &band, &inner, &style);
    screen_draw(&app->screens, app->now_ms);
    app->layout.safe = safe;
    if (notice)
        draw_notice(app, band, inner, style);
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


/* The active pad went away: a running workout pauses at once, and says so
 * on screen (the pause overlay) and by voice, since the person may be on
 * the floor looking away. */
static void pad_lost(App *app)
{
    if (!app_session_running(app))
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
    app_say_in_session(app, key, v->caption);
}

/* The sound device went away or came back.  Lost: a running workout
 * pauses (its words and beeps would go unheard) and the screen says why;
 * back: it says so, and the person's confirm carries on. */
static void audio_changed(App *app, AudioEvent e)
{
    if (e == AUDIO_EVENT_LOST) {
        if (app_session_running(app))
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
        app_say_in_session(app, app->session_live && app->session->paused ? "sound_back_paused"
                                                                         : "sound_back",
                       text);
    }
}

/* F1, H, or a long press on Back/Select: the controls overlay comes and
 * goes; a running workout pauses while it is read. */
static void toggle_help(App *app)
{
    const ScreenDef *help = app->help_overlay;
    if (!help)
        return; /* no screens layer (a bare App in a test) */
    if (screen_top(&app->screens) == help) {
        screen_pop(&app->screens);
        return;
    }
    if (app_session_running(app))
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
        if (app->demo || !app_session_running(app))
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
            app_say_in_session(app, "paused_in_background", text);
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
    bool block = app_session_running(app);
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
    /* PAIN, here and only here: whatever overlay is on top (the controls,
     * the pause menu, one added later), it is taken away and the core stops
     * the exercise at once.  No screen sees the press, so none can swallow
     * it.  A press is a person stepping in: the demo stops too. */
    if (in->action == ACTION_PAIN) {
        app->demo = false;
        if (app->session_live) {
            screen_pop_overlays(&app->screens);
            app_session_act(app, ACTION_PAIN);
        }
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
    if (motion_pad_event(&app->motion, ev, app->session_live ? app->session : NULL,
                         app_clock_ms(app))) {
        if (app->session_live && app->audio)
            audio_prepare(app->audio, app->session);
        motion_news(app);
        return;
    }
    InputEvent in;
    input_set_clock(&app->input, app_clock_ms(app));
    bool got = input_translate(&app->input, ev, &in);
    if (app->input.notice_serial != app->input_notice_serial) {
        app->input_notice_serial = app->input.notice_serial;
        app_notice(app, app->input.notice);
    }
    if (ev->type == SDL_CONTROLLERDEVICEADDED || ev->type == SDL_CONTROLLERDEVICEREMOVED) {
        motion_pad_refresh(&app->motion, &app->input);
        if (app->session_live && !motion_pad_sensing(&app->motion))
            session_set_motion(app->session, false);
        motion_news(app);
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
    app_session_tick(app, now);
    /* A held d-pad or stick repeats, and a long press brings the help, on
     * the clock; each lands in this frame, like an event would. */
    InputEvent held;
    for (int i = 0; i < 8 && input_tick(&app->input, now, &held); i++)
        app_input(app, &held);
    if (app->session_live &&
        input_hold_watch_step(&app->hold_watch, &app->input, app->session, now))
        app_session_let_go_early(app);
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
    app->session_left_ms = -1;
    app->back_pain_before = -1;
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
    Uint32 format = app->surface ? app->surface->format->format
                                 : SDL_GetWindowPixelFormat(app->window);
    app->backdrop = backdrop_open(app->renderer, app->text, format);
    if (!app->backdrop) {
        snprintf(message, size, "out of memory");
        goto fail;
    }
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
    motion_pad_init(&app->motion, settings->motion_pad != 0, settings->pad_rumble != 0,
                    cfg->options ? cfg->options->record_motion : NULL);
    motion_pad_refresh(&app->motion, &app->input);
    motion_news(app); /* a sensing pad there from the start is named */

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
    motion_pad_shutdown(&app->motion);
    if (app->tracker)
        tracker_close(app->tracker);
    free(app->session);
    free(app->program);
    input_close(&app->input);
    figure_sprites_close(app->sprites);
    backdrop_close(app->backdrop);
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

