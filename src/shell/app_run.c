/* app_run.c: the window mode's entry: one copy per save, app_create, the
 * first screen, and the loop (fixed-rate steps, drawing only when
 * something moves, sleeping in SDL_WaitEvent otherwise); --screenshot is
 * the same app on a virtual clock, written out by the tour. */
#include "app.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "platform/desktop.h"
#include "platform/instance.h"
#include "platform/paths.h"
#include "render.h"
#include "screens/screens.h"

/* Sleeps until an event comes or timeout_ms pass (-1: no limit).  SDL's
 * own wait blocks only where the video driver can wake it and nothing
 * needs polling; otherwise (the dummy and offscreen drivers, any open game
 * controller) it polls every millisecond, about 1000 wakeups a second.
 * There the loop sleeps in slices instead: 10 ms with a pad open, so a
 * press is never late by more than that, and 100 ms without one, when
 * only a signal's quit or a sound device's news can arrive. */
static void wait_for_event(App *app, int timeout_ms)
{
    const char *driver = SDL_GetCurrentVideoDriver();
    bool headless = app->headless || !driver || strcmp(driver, "dummy") == 0 ||
                    strcmp(driver, "offscreen") == 0;
    bool pads = input_pad_count(&app->input) > 0;
    if (!headless && !pads) {
        if (timeout_ms < 0)
            SDL_WaitEvent(NULL);
        else
            SDL_WaitEventTimeout(NULL, timeout_ms);
        return;
    }
    int slice = pads ? APP_POLL_PAD_MS : APP_POLL_IDLE_MS;
    Uint64 until = timeout_ms < 0 ? UINT64_MAX : SDL_GetTicks64() + (Uint64)timeout_ms;
    for (;;) {
        SDL_PumpEvents();
        if (SDL_PeepEvents(NULL, 1, SDL_PEEKEVENT, SDL_FIRSTEVENT, SDL_LASTEVENT) > 0)
            return;
        Uint64 now = SDL_GetTicks64();
        if (now >= until)
            return;
        Uint64 left = until - now;
        SDL_Delay((Uint32)(left < (Uint64)slice ? left : (Uint64)slice));
    }
}

/* --screenshot: each visited frame as DIR/NAME.png, its path printed. */
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

/* The save's lock, then the app: NULL (said on stderr, the lock let go)
 * when either cannot be had. */
static App *open_app(const Options *o, const AppConfig *cfg, InstanceLock **lock)
{
    if (!take_save_lock(o, cfg->memory_save, lock))
        return NULL;
    char message[512];
    App *app = app_create(cfg, message, sizeof message);
    if (!app) {
        fprintf(stderr, "corequest: %s\n", message);
        instance_unlock(*lock);
        *lock = NULL;
        SDL_Quit();
    }
    return app;
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
    App *app = open_app(o, &cfg, &lock);
    if (!app)
        return 1;
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
    App *app = open_app(o, &cfg, &lock);
    if (!app)
        return 1;
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
                wait_for_event(app, (int)(period - spent));
        } else {
            wait_for_event(app, -1);
        }
    }
    app_destroy(app);
    instance_unlock(lock);
    SDL_Quit();
    return 0;
}

