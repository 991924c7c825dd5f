/* bench_window.c: the window's figures, in-process: app_create to the first
 * frame, and title and workout frame times at one size per process. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "bench.h"
#include "render.h"
#include "screens/screens.h"

static void app_options(const BenchConfig *c, Options *o)
{
    memset(o, 0, sizeof *o);
    o->levels_dir = c->levels_dir;
    o->assets_dir = c->assets_dir;
    o->data_dir = c->data_dir;
}

int bench_part_prepare(const BenchConfig *c)
{
    if (!c->data_dir) {
        fprintf(stderr, "corequest-bench: --only prepare needs --data-dir\n");
        return 1;
    }
    Options o;
    app_options(c, &o);
    AppConfig cfg = {.options = &o, .headless = true, .virtual_clock = true,
                     .width = 1280, .height = 720};
    char message[512];
    App *app = app_create(&cfg, message, sizeof message);
    if (!app) {
        fprintf(stderr, "corequest-bench: %s\n", message);
        SDL_Quit();
        return 1;
    }
    /* A returning player: a few weeks of sessions and the safety notice
     * already seen, so the binary opens on the title screen. */
    app_sample_history(app);
    tracker_settings(app->tracker)->safety_notice_seen = 1;
    int rc = tracker_save_settings(app->tracker);
    if (rc != 0)
        fprintf(stderr, "corequest-bench: the save was not written: %s\n",
                tracker_message(app->tracker));
    app_destroy(app);
    SDL_Quit();
    return rc == 0 ? 0 : 1;
}

int bench_part_start(const BenchConfig *c)
{
    int runs = bench_runs(c, 11, 2);
    double *create = calloc((size_t)runs, sizeof *create);
    double *first = calloc((size_t)runs, sizeof *first);
    double *total = calloc((size_t)runs, sizeof *total);
    int rc = create && first && total ? 0 : 1;
    int w = 0, h = 0;
    bool audio = false;
    for (int i = 0; i < runs && rc == 0; i++) {
        Options o;
        app_options(c, &o);
        /* As app_run opens it: a real window, audio and voice. */
        AppConfig cfg = {.options = &o, .with_audio = true, .memory_save = c->data_dir == NULL};
        char message[512];
        double t0 = bench_now();
        App *app = app_create(&cfg, message, sizeof message);
        double t1 = bench_now();
        if (!app) {
            fprintf(stderr, "corequest-bench: %s\n", message);
            rc = 1;
        } else {
            screens_start(app);
            app_frame(app);
            double t2 = bench_now();
            create[i] = t1 - t0;
            first[i] = t2 - t1;
            total[i] = t2 - t0;
            w = app->layout.w;
            h = app->layout.h;
            audio = app->audio && audio_has_device(app->audio);
            app_destroy(app);
        }
        SDL_Quit();
    }
    if (rc == 0) {
        BenchStats sc = bench_stats(create, runs), sf = bench_stats(first, runs),
                   st = bench_stats(total, runs);
        printf("%s: %dx%d, %s: median %.1f ms (app_create %.1f ms + first frame %.1f ms; "
               "%d runs)\n",
               BENCH_LABEL_START_APP, w, h, audio ? "audio and voice open" : "no audio device",
               st.median * 1e3, sc.median * 1e3, sf.median * 1e3, runs);
    }
    free(create);
    free(first);
    free(total);
    return rc;
}

typedef struct {
    double *all;
    double *moving; /* frames while the figure moves (PHASE_MOVE, PHASE_RELAX) */
    int all_count, moving_count;
    long text_renders;
} FrameLog;

/* Draws frames on the virtual clock at the software renderer's pace, so
 * that animations advance exactly as they would at 30 fps. */
static void run_frames(App *app, int warmup, int frames, FrameLog *log)
{
    for (int i = 0; i < warmup; i++) {
        app_advance(app, APP_SOFT_FRAME_MS);
        app_frame(app);
    }
    long renders = text_stats(app->text).renders;
    for (int i = 0; i < frames; i++) {
        app_advance(app, APP_SOFT_FRAME_MS);
        double t0 = bench_now();
        app_frame(app);
        double dt = bench_now() - t0;
        log->all[log->all_count++] = dt;
        Phase p = app->session_live ? app->session->phase : PHASE_IDLE;
        if (log->moving && (p == PHASE_MOVE || p == PHASE_RELAX))
            log->moving[log->moving_count++] = dt;
    }
    log->text_renders = text_stats(app->text).renders - renders;
}

/* --save-frames DIR: the last frame measured, to see what was drawn. */
static void save_frame(const BenchConfig *c, App *app, const char *screen)
{
    if (!c->frames_dir)
        return;
    char path[4096];
    snprintf(path, sizeof path, "%s/%s-%dx%d.png", c->frames_dir, screen, app->layout.w,
             app->layout.h);
    if (render_save_png(app->renderer, path) != 0)
        fprintf(stderr, "corequest-bench: cannot write %s: %s\n", path, SDL_GetError());
}

static void print_frames(const char *label, const App *app, FrameLog *log)
{
    BenchStats st = bench_stats(log->all, log->all_count);
    const char *driver = SDL_GetCurrentVideoDriver();
    printf("%s, %dx%d, %s video: median %.2f ms, p95 %.2f, max %.2f (%.0f fps possible; "
           "%.0f%% of a core at the app's %d fps",
           label, app->layout.w, app->layout.h, driver ? driver : "no", st.median * 1e3,
           st.p95 * 1e3, st.max * 1e3,
           1.0 / st.median, 100.0 * st.median * 1000.0 / APP_SOFT_FRAME_MS,
           1000 / APP_SOFT_FRAME_MS);
    if (log->moving && log->moving_count > 0) {
        BenchStats mv = bench_stats(log->moving, log->moving_count);
        printf("; figure moving: median %.2f ms over %d frames", mv.median * 1e3,
               log->moving_count);
    }
    printf("; %d frames, %ld text lines rendered)\n", log->all_count, log->text_renders);
}

/* SDL's own floor, on the app's renderer: a bare clear and present. */
static void run_bare(App *app, int frames, FrameLog *log)
{
    SDL_Color bg = render_theme()->bg;
    for (int i = 0; i < frames + 10; i++) {
        double t0 = bench_now();
        render_clear(app->renderer, bg);
        SDL_RenderPresent(app->renderer);
        if (i >= 10)
            log->all[log->all_count++] = bench_now() - t0;
    }
}

/* The minimal scene the issue measured against: a clear, 20 opaque
 * rectangles of an eighth of the width by an eighth of the height (about
 * 31% of the screen in all), and two cached texts (a heading and a body
 * line), then a present. */
static void run_minimal(App *app, int frames, FrameLog *log)
{
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    for (int i = 0; i < frames + 10; i++) {
        double t0 = bench_now();
        text_begin_frame(app->text);
        render_clear(app->renderer, th->bg);
        for (int k = 0; k < 20; k++) {
            SDL_Rect r = {(k % 5) * l->w / 5 + (i % 8), (k / 5) * l->h / 4, l->w / 8, l->h / 8};
            render_rect(app->renderer, r, k % 2 ? th->panel : th->panel_focus);
        }
        SDL_Rect a = {l->safe.x, l->safe.y, l->safe.w, l->h / 8};
        SDL_Rect b = {l->safe.x, l->safe.y + l->h / 2, l->safe.w, l->h / 8};
        text_draw(app->text, "Bridge on both feet", a, text_style(TEXT_HEADING, TEXT_BOLD, th->text));
        text_draw(app->text, "Squeeze your glutes and lift your hips slowly.", b,
                  text_style(TEXT_BODY, TEXT_REGULAR, th->text));
        SDL_RenderPresent(app->renderer);
        if (i >= 10)
            log->all[log->all_count++] = bench_now() - t0;
    }
}

int bench_part_frames(const BenchConfig *c)
{
    int w = c->width > 0 ? c->width : 1920;
    int h = c->height > 0 ? c->height : 1080;
    int frames = c->frames > 0 ? c->frames : (c->quick ? 10 : 300);
    Options o;
    app_options(c, &o);
    o.data_dir = NULL;
    /* The window path of app_run (a real SDL window and its software
     * renderer), on a virtual clock and without audio, so only drawing is
     * timed. */
    AppConfig cfg = {.options = &o, .virtual_clock = true, .memory_save = true,
                     .width = w, .height = h};
    char message[512];
    App *app = app_create(&cfg, message, sizeof message);
    if (!app) {
        fprintf(stderr, "corequest-bench: %s\n", message);
        SDL_Quit();
        return 1;
    }
    app->wall_override = time(NULL);
    app_sample_history(app);
    tracker_settings(app->tracker)->safety_notice_seen = 1;
    screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);

    /* The workout runs twice as many frames: its phases take seconds. */
    double *all = calloc((size_t)frames * 2, sizeof *all);
    double *moving = calloc((size_t)frames * 2, sizeof *moving);
    int rc = all && moving ? 0 : 1;
    double *base = calloc((size_t)frames * 2, sizeof *base);
    double *mini = calloc((size_t)frames * 2, sizeof *mini);
    double *work = calloc((size_t)frames * 2, sizeof *work);
    rc = rc == 0 && base && mini && work ? 0 : 1;
    double title_ms = 0, workout_ms = 0, bare_ms = 0, minimal_ms = 0;
    if (rc == 0) {
        /* The floor and the minimal scene first, on the same renderer, in
         * the same process: the ratios are what this run says. */
        FrameLog bare = {.all = base};
        run_bare(app, frames, &bare);
        print_frames(BENCH_LABEL_FRAME_BARE, app, &bare);
        bare_ms = bench_stats(base, bare.all_count).median * 1e3;
        FrameLog minimal = {.all = mini};
        run_minimal(app, frames, &minimal);
        print_frames(BENCH_LABEL_FRAME_MINIMAL, app, &minimal);
        minimal_ms = bench_stats(mini, minimal.all_count).median * 1e3;
        save_frame(c, app, "minimal");

        long drawn0, reused0;
        backdrop_counts(app->backdrop, &drawn0, &reused0);
        FrameLog title = {.all = all};
        run_frames(app, 10, frames, &title);
        print_frames(BENCH_LABEL_FRAME_TITLE, app, &title);
        title_ms = bench_stats(all, title.all_count).median * 1e3;
        save_frame(c, app, "title");
        long drawn1, reused1;
        backdrop_counts(app->backdrop, &drawn1, &reused1);
        printf("  (title: static layer drawn %ld times, reused %ld times)\n", drawn1 - drawn0,
               reused1 - reused0);

        /* Today's session, past its spoken setup; --demo's confirming keeps
         * it going, so the frames cover get-ready, moves, holds and rests. */
        FrameLog workout = {.all = work, .moving = moving};
        if (app_session_start(app, NULL) != 0) {
            fprintf(stderr, "corequest-bench: today's session would not start\n");
            rc = 1;
        } else {
            screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);
            app->demo = true;
            app_session_act(app, ACTION_CONFIRM);
            run_frames(app, 10, frames * 2, &workout);
            print_frames(BENCH_LABEL_FRAME_WORKOUT, app, &workout);
            workout_ms = bench_stats(work, workout.all_count).median * 1e3;
            save_frame(c, app, "workout");
            long drawn2, reused2;
            backdrop_counts(app->backdrop, &drawn2, &reused2);
            printf("  (workout: static layer drawn %ld times, reused %ld times)\n",
                   drawn2 - drawn1, reused2 - reused1);
            double moving_ms = workout.moving_count > 0
                                   ? bench_stats(moving, workout.moving_count).median * 1e3
                                   : 0.0;
            printf("%s, %dx%d: minimal scene %.2fx the bare clear+present; title %.2fx, "
                   "workout %.2fx (%.2fx while the figure moves) the minimal scene "
                   "(target: workout at most 2x)\n",
                   BENCH_LABEL_FRAME_RATIO, app->layout.w, app->layout.h,
                   minimal_ms / bare_ms, title_ms / minimal_ms, workout_ms / minimal_ms,
                   moving_ms / minimal_ms);
            if (screen_top(&app->screens) != screens_def(SCREEN_WORKOUT)) {
                fprintf(stderr, "corequest-bench: the workout screen left the top\n");
                rc = 1;
            }
            app_session_abandon(app);
        }
    }
    free(all);
    free(moving);
    free(base);
    free(mini);
    free(work);
    app_destroy(app);
    SDL_Quit();
    return rc;
}
