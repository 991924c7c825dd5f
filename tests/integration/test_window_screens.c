/* test_window_screens.c: the layout test.  Every screen (and each
 * exercise's figure) draws at portrait 720x1280, 800x600, 1280x720,
 * 1920x1080 and 3840x2160 on the software renderer, and every line of text
 * it draws is measured (the text module records each line's rectangle):
 * nothing is cut (no ellipsis, no split word), no line leaves the box it
 * was fitted into or the 5% safe area, none is below a thirtieth of the
 * shorter side, and no two texts of one layer overlap (an overlay's text
 * lies over the dimmed screen's on purpose).  A notice shown during the
 * workout must overlap nothing either. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "app.h"
#include "render.h"
#include "screens/screens.h"

typedef struct {
    int visits;
    int screens_with_text;
    char names[64][48];
} TourLog;

static bool overlaps(SDL_Rect a, SDL_Rect b)
{
    SDL_Rect i;
    return SDL_IntersectRect(&a, &b, &i) && i.w > 0 && i.h > 0;
}

/* Every text line of the frame just drawn, measured; 1 (and a message
 * naming the text) on the first fault. */
static int check_text(const App *app, const char *name)
{
    const Layout *l = &app->layout;
    const TextRecord *rec;
    int n = text_records(app->text, &rec);
    int min_h = layout_min_text_height(l->w, l->h);
    int faults = 0;
    for (int i = 0; i < n; i++) {
        const TextRecord *r = &rec[i];
        const char *why = NULL;
        if (r->cut)
            why = "is cut";
        else if (!rect_contains(r->box, r->rect))
            why = "overflows its box";
        else if (!rect_contains(l->safe, r->rect))
            why = "leaves the safe area";
        else if (r->rect.h < min_h || r->px < min_h)
            why = "is below the floor";
        for (int j = 0; !why && j < i; j++)
            if (rec[j].block != r->block && rec[j].layer == r->layer &&
                overlaps(rec[j].rect, r->rect))
                why = "overlaps another text";
        if (why) {
            print_error("%s at %dx%d: \"%.60s\" %s (line at %d,%d %dx%d in box %d,%d %dx%d, px %d)\n",
                        name, l->w, l->h, r->text ? r->text : "?", why, r->rect.x, r->rect.y,
                        r->rect.w, r->rect.h, r->box.x, r->box.y, r->box.w, r->box.h, r->px);
            faults++;
        }
    }
    return faults > 0;
}

static int check_visit(App *app, const char *name, void *ctx)
{
    TourLog *log = ctx;
    const Layout *l = &app->layout;
    const TextRecord *rec;
    int n = text_records(app->text, &rec);
    if (check_text(app, name) != 0)
        return 1;
    /* Drawn, not blank: a real screen has many colours. */
    SDL_Surface *s = render_capture(app->renderer);
    if (!s)
        return 1;
    Uint32 seen[64];
    int distinct = 0;
    const Uint32 *px = s->pixels;
    for (int y = 0; y < s->h && distinct < 64; y += 7) {
        for (int x = 0; x < s->w && distinct < 64; x += 5) {
            Uint32 v = px[y * (s->pitch / 4) + x];
            bool known = false;
            for (int k = 0; k < distinct; k++)
                known = known || seen[k] == v;
            if (!known)
                seen[distinct++] = v;
        }
    }
    SDL_FreeSurface(s);
    if (distinct < 8) {
        print_error("%s at %dx%d looks blank (%d colours)\n", name, l->w, l->h, distinct);
        return 1;
    }
    if (log->visits < 64)
        snprintf(log->names[log->visits], sizeof log->names[0], "%s", name);
    log->visits++;
    log->screens_with_text += n > 0;
    return 0;
}

static bool visited(const TourLog *log, const char *name)
{
    for (int i = 0; i < log->visits && i < 64; i++)
        if (strcmp(log->names[i], name) == 0)
            return true;
    return false;
}

static App *make_app(int w, int h, Options *o)
{
    memset(o, 0, sizeof *o);
    o->levels_dir = TEST_LEVELS_DIR;
    o->assets_dir = TEST_ASSETS_DIR;
    AppConfig cfg = {.options = o, .headless = true, .virtual_clock = true,
                     .memory_save = true, .width = w, .height = h};
    char msg[512];
    App *app = app_create(&cfg, msg, sizeof msg);
    if (!app)
        fail_msg("app_create: %s", msg);
    app->wall_override = 1767225600; /* 2026-01-01, so no test meets a DST switch */
    return app;
}

static void tour_at(int w, int h)
{
    Options o;
    App *app = make_app(w, h, &o);
    app_sample_history(app);
    TourLog log;
    memset(&log, 0, sizeof log);
    assert_int_equal(app_tour(app, check_visit, &log), 0);
    assert_int_equal(app->layout.w, w);
    assert_int_equal(app->layout.h, h);
    static const char *const screens[] = {"01-safety", "02-title", "03-level-map", "04-calendar",
                                          "05-settings", "06-workout", "07-pause",
                                          "08-pain-check", "09-summary", "10-controls",
                                          "11-how-did-it-feel", "12-see-a-therapist",
                                          "13-pain-advice", "14-weekly-check", "15-back-pain"};
    for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++)
        assert_true(visited(&log, screens[i]));
    /* One figure visit for each of the eight tracks at least. */
    assert_true(log.visits >= 15 + 8);
    assert_int_equal(log.screens_with_text, log.visits);
    app_destroy(app);
    SDL_Quit();
}

/* The notice a missing sound device brings, over the workout's first
 * seconds: it takes its own band, and the title moves out of its way;
 * and the longest captions fit, with and without it. */
static void notice_at(int w, int h)
{
    Options o;
    App *app = make_app(w, h, &o);
    tracker_settings(app->tracker)->safety_notice_seen = 1;
    screens_start(app);
    assert_int_equal(app_session_start(app, NULL), 0);
    screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);
    app_notice(app, "No sound device found (dsp: no such audio device), so corequest goes on "
                    "with captions only.");
    app_draw(app);
    assert_int_equal(check_text(app, "workout with a notice"), 0);
    const TextRecord *rec;
    int n = text_records(app->text, &rec);
    bool notice = false, title = false;
    for (int i = 0; i < n; i++) {
        notice = notice || (rec[i].text && strstr(rec[i].text, "No sound device"));
        title = title || (rec[i].text && strcmp(rec[i].text, app_current_item(app)->track->title) == 0);
    }
    assert_true(notice && title);
    /* Every level's setup and movement text as the caption (the longest
     * words the session says), with the notice and without. */
    const Program *p = app->program;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1)
            app->notice[0] = '\0';
        for (int t = 0; t < p->track_count; t++) {
            for (int l = 0; l < p->tracks[t].level_count; l++) {
                const Level *level = &p->tracks[t].levels[l];
                const char *texts[] = {level->setup, level->movement};
                for (int k = 0; k < 2; k++) {
                    snprintf(app->view.caption, sizeof app->view.caption, "%s", texts[k]);
                    app_draw(app);
                    char name[96];
                    snprintf(name, sizeof name, "workout, %s's %s as the caption%s", level->id,
                             k ? "movement" : "setup", pass ? "" : ", with a notice");
                    assert_int_equal(check_text(app, name), 0);
                }
            }
        }
    }
    app_destroy(app);
    SDL_Quit();
}

static void screens_fit_in_portrait_720x1280(void **state)
{
    (void)state;
    tour_at(720, 1280);
    notice_at(720, 1280);
}

static void screens_fit_at_800x600(void **state)
{
    (void)state;
    tour_at(800, 600);
    notice_at(800, 600);
}

static void screens_fit_at_1280x720(void **state)
{
    (void)state;
    tour_at(1280, 720);
    notice_at(1280, 720);
}

static void screens_fit_at_1920x1080(void **state)
{
    (void)state;
    tour_at(1920, 1080);
    notice_at(1920, 1080);
}

static void screens_fit_at_3840x2160(void **state)
{
    (void)state;
    tour_at(3840, 2160);
    notice_at(3840, 2160);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(screens_fit_in_portrait_720x1280),
        cmocka_unit_test(screens_fit_at_800x600),
        cmocka_unit_test(screens_fit_at_1280x720),
        cmocka_unit_test(screens_fit_at_1920x1080),
        cmocka_unit_test(screens_fit_at_3840x2160),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
