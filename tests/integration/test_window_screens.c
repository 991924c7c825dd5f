/* test_window_screens.c: every screen (and each exercise's figure) draws at
 * 1280x720, 1920x1080 and 3840x2160 on the software renderer, and every
 * line of text it draws lies inside the 5% safe area and is at least a
 * thirtieth of the screen height.  Rectangles come from the text module. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "app.h"
#include "render.h"

typedef struct {
    int visits;
    int screens_with_text;
    char names[64][48];
} TourLog;

static int check_visit(App *app, const char *name, void *ctx)
{
    TourLog *log = ctx;
    const Layout *l = &app->layout;
    const TextRecord *rec;
    int n = text_records(app->text, &rec);
    int min_h = layout_min_text_height(l->h);
    for (int i = 0; i < n; i++) {
        if (!rect_contains(l->safe, rec[i].rect) || rec[i].rect.h < min_h || rec[i].px < min_h) {
            print_error("%s at %dx%d: text %d at %d,%d %dx%d (px %d) breaks the layout\n", name,
                        l->w, l->h, i, rec[i].rect.x, rec[i].rect.y, rec[i].rect.w,
                        rec[i].rect.h, rec[i].px);
            return 1;
        }
    }
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

static void tour_at(int w, int h)
{
    Options o;
    memset(&o, 0, sizeof o);
    o.levels_dir = TEST_LEVELS_DIR;
    o.assets_dir = TEST_ASSETS_DIR;
    AppConfig cfg = {.options = &o, .headless = true, .virtual_clock = true,
                     .memory_save = true, .width = w, .height = h};
    char msg[512];
    App *app = app_create(&cfg, msg, sizeof msg);
    if (!app)
        fail_msg("app_create: %s", msg);
    app->wall_override = 1767225600; /* 2026-01-01, so no test meets a DST switch */
    app_sample_history(app);
    TourLog log;
    memset(&log, 0, sizeof log);
    assert_int_equal(app_tour(app, check_visit, &log), 0);
    assert_int_equal(app->layout.w, w);
    assert_int_equal(app->layout.h, h);
    static const char *const screens[] = {"01-safety", "02-title", "03-level-map", "04-calendar",
                                          "05-settings", "06-workout", "07-pause",
                                          "08-pain-check", "09-summary", "11-how-did-it-feel",
                                          "12-see-a-therapist"};
    for (size_t i = 0; i < sizeof screens / sizeof screens[0]; i++)
        assert_true(visited(&log, screens[i]));
    /* One figure visit for each of the eight tracks at least. */
    assert_true(log.visits >= 11 + 8);
    assert_int_equal(log.screens_with_text, log.visits);
    app_destroy(app);
    SDL_Quit();
}

static void screens_draw_inside_the_safe_area_at_1280x720(void **state)
{
    (void)state;
    tour_at(1280, 720);
}

static void screens_draw_inside_the_safe_area_at_1920x1080(void **state)
{
    (void)state;
    tour_at(1920, 1080);
}

static void screens_draw_inside_the_safe_area_at_3840x2160(void **state)
{
    (void)state;
    tour_at(3840, 2160);
}

/* Not required, but a window can be any shape: a 4:3 and a tall one. */
static void screens_draw_inside_the_safe_area_at_other_shapes(void **state)
{
    (void)state;
    tour_at(1024, 768);
    tour_at(720, 1280);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(screens_draw_inside_the_safe_area_at_1280x720),
        cmocka_unit_test(screens_draw_inside_the_safe_area_at_1920x1080),
        cmocka_unit_test(screens_draw_inside_the_safe_area_at_3840x2160),
        cmocka_unit_test(screens_draw_inside_the_safe_area_at_other_shapes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
