/* app.h: the window mode's shared state and the calls screens make: start
 * and steer a session, record it, change settings.  app.c (opening, input,
 * frames), app_session.c (session glue), app_tour.c (the screenshot tour)
 * and app_run.c (the loop, app_run in options.h) implement it.  The layer
 * is one-way: screens call the app; only app_tour.c and app_run.c, which
 * sit above the screens, name them.  Tests build an App directly,
 * headless, on a virtual clock. */
#ifndef COREQUEST_APP_H
#define COREQUEST_APP_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>
#include <SDL.h>

#include "audio.h"
#include "backdrop.h"
#include "figure.h"
#include "input.h"
#include "layout.h"
#include "motion_pad.h"
#include "options.h"
#include "plan.h"
#include "program.h"
#include "runner.h"
#include "screen.h"
#include "session.h"
#include "text.h"
#include "tracker.h"

enum {
    APP_UPDATE_MS = 10,      /* the core is stepped at 100 Hz */
    APP_FRAME_MS = 16,       /* frame pacing on an accelerated renderer */
    APP_SOFT_FRAME_MS = 33,  /* the software renderer draws at 30 fps: the
                                figure's slow moves need no more, and it
                                halves the CPU a frame costs */
    APP_NOTICE_MS = 6000,    /* how long a notice stays on screen */
    APP_DEMO_CONFIRM_MS = 700, /* --demo: confirm a waiting rep after this */
    APP_DEMO_LINGER_MS = 6000, /* --demo: the summary stays this long */
    APP_PRESS_GUARD_MS = 1000, /* after a session's last rep: presses that
                                  were meant for it are ignored this long by
                                  the summary, and then by the title, so a
                                  double press never starts another one */
    APP_POLL_PAD_MS = 10,    /* where SDL cannot block (app_run.c): the */
    APP_POLL_IDLE_MS = 100,  /* loop's sleep slices, with and without a pad */
    APP_NOTICE_MAX = 256
};

/* What the workout, pause, pain and summary screens show: the session as
 * its cues described it. */
typedef struct {
    char caption[CUE_TEXT_MAX]; /* the last thing said */
    int64_t caption_ms;
    Phase phase;
    int exercise;
    int rep, rep_total, set, set_total; /* rep and set 1-based once counted */
    Side side;
    bool paused;
    const Level *unlocked[PLAN_MAX_ITEMS];
    int unlocked_count;
    int64_t unlocked_ms;       /* when the last unlock came (celebration) */
    int pain_exercise;         /* the exercise stopped for pain, -1 none */
    bool concluded;            /* the session's end was recorded */
    bool counted;              /* it counted as today's session */
    SessionTotals totals;
    StreakInfo streak_before, streak_after;
} SessionView;

typedef struct App {
    const Options *options;
    const char *assets_dir;

    SDL_Window *window;
    SDL_Renderer *renderer;
    SDL_Surface *surface; /* headless: the renderer draws into this */
    bool headless;
    bool vsync;
    Layout layout;
    TextCache *text;
    Backdrop *backdrop; /* the top screen's static layer (backdrop.h) */
    FigureSprites *sprites;
    Input input;
    bool pads_ready;
    InputHoldWatch hold_watch; /* hold-to-confirm during hold phases */
    MotionPad motion;          /* a pad's motion sensor counts reps */
    unsigned motion_notice_serial;

    Program *program;
    Tracker *tracker;
    Audio *audio;

    Plan plan;
    Runner runner;      /* plans, records and decides the day (runner.h) */
    Session *session;
    bool session_live;  /* started and not yet left */
    bool session_daily; /* today's session (counts for the streak) */
    int back_pain_before; /* asked before the next session, -1 none */
    int64_t session_left_ms; /* when the last session was let go, -1 never */
    SessionView view;

    ScreenStack screens;
    /* The controls overlay that F1 / H / a long Back opens over any
     * screen.  The screens layer sets it (screens_start), so that app.c
     * never names a screen; NULL: help does nothing. */
    const ScreenDef *help_overlay;

    bool virtual_clock; /* tests and screenshots: time only moves when told */
    int64_t virtual_ms;
    int64_t update_ms;  /* last fixed-rate core step */
    int64_t now_ms;     /* the clock at the start of this frame */
    time_t wall_override; /* nonzero: the wall clock for the save (tests) */

    unsigned progress_serial; /* bumps when the save's numbers may change */

    char notice[APP_NOTICE_MAX]; /* one-line news shown at the bottom */
    int64_t notice_until_ms;
    unsigned input_notice_serial;

    bool demo;
    int64_t demo_done_ms; /* when the demo's session ended, -1 before */
    bool paused_in_background; /* the window lost focus or was minimised
                                  mid-workout: said when it is back */
    bool quit;
} App;

typedef struct {
    const Options *options;
    bool headless;     /* draw into a surface: no window, no display needed */
    bool virtual_clock;
    bool with_audio;   /* open the audio device (captions only if absent) */
    bool memory_save;  /* keep the save in memory, whatever --data-dir says */
    bool with_pads;    /* open game controllers even when headless (tests);
                          a window always does */
    int width, height;
} AppConfig;

/* Everything the window mode needs, opened in order; NULL with a message
 * on failure (no display, no fonts, no levels).  app_destroy closes it all
 * in reverse. */
App *app_create(const AppConfig *cfg, char *message, size_t message_size);
void app_destroy(App *app);

/* One pass of the loop at the app's clock: input, fixed-rate core steps,
 * screen update, drawing.  Returns true if the screen animates. */
bool app_frame(App *app);
/* The same without events or drawing: core steps, what held buttons bring
 * (menu repeats, a long press), and the screen update (fast-forwarding a
 * virtual clock). */
bool app_step(App *app);
/* Feeds one event as if it came from SDL (tests inject keys this way). */
void app_event(App *app, const SDL_Event *ev);
/* Acts on one translated input at once: help, a lost pad, or the top
 * screen's handler.  app_event and held-button repeats come through here. */
void app_input(App *app, const InputEvent *in);
/* Draws the current screens once, without stepping anything. */
void app_draw(App *app);
/* Re-lays out for a new output size. */
void app_resize(App *app, int w, int h);

int64_t app_clock_ms(App *app);
/* Virtual clock only: moves time on. */
void app_advance(App *app, int64_t ms);
time_t app_wall_time(const App *app);

/* Sessions.  level_id NULL: today's session.  Returns 0, or -1 if the plan
 * is empty or the level unknown (a notice says so). */
int app_session_start(App *app, const char *level_id);
/* Steps the running session now with an action (ACTION_NONE just steps). */
void app_session_act(App *app, Action action);
/* Ends a live session early (recorded as such) and forgets it. */
void app_session_abandon(App *app);
const PlanItem *app_current_item(const App *app);

/* For the app's own files (app.c, app_session.c), not for screens. */
/* Steps a live session at the fixed rate up to now (and --demo's confirms). */
void app_session_tick(App *app, int64_t now);
/* A workout that is running (not paused, not at the pain check or the
 * summary): the one a lost pad, the background or help must pause. */
bool app_session_running(const App *app);
/* Words of the window's own during a workout: the session makes room. */
void app_say_in_session(App *app, const char *key, const char *text);
/* The confirm button was let go before the hold's end: said kindly. */
void app_session_let_go_early(App *app);

void app_notice(App *app, const char *text);
/* Saves the settings and applies them (audio volumes, button swap). */
void app_settings_changed(App *app);
/* The SessionConfig the settings (and --mode) ask for. */
SessionConfig app_session_config(const App *app);

/* Screenshots and the screen tests: visits every screen (and each level's
 * figure mid-movement) on the virtual clock, drawing each and calling
 * visit(app, name, ctx).  Returns the number of failures (visits' own
 * non-zero returns included).  Leaves the title on top. */
typedef int (*AppVisit)(App *app, const char *name, void *ctx);
int app_tour(App *app, AppVisit visit, void *ctx);
/* Fills a save kept in memory with a few weeks of finished sessions, through
 * the real recording calls, so the calendar and the map have something to
 * show.  For screenshots and tests only. */
void app_sample_history(App *app);

#endif
