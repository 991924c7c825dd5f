/* test_window_layout.c: the 10-foot layout's arithmetic (safe area, type
 * scale, rectangle cutting) and the text module's fitting and caching. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "layout.h"
#include "text.h"

static const int sizes[][2] = {
    {1280, 720}, {1920, 1080}, {3840, 2160}, {1024, 768}, {2560, 1080}, {720, 1280}, {640, 360},
};
enum { SIZE_COUNT = sizeof sizes / sizeof sizes[0] };

static void layout_safe_area_is_five_percent_in_from_every_edge(void **state)
{
    (void)state;
    for (int i = 0; i < SIZE_COUNT; i++) {
        Layout l;
        layout_compute(&l, sizes[i][0], sizes[i][1]);
        int mx = (sizes[i][0] * 5 + 99) / 100, my = (sizes[i][1] * 5 + 99) / 100;
        assert_int_equal(l.safe.x, mx);
        assert_int_equal(l.safe.y, my);
        assert_int_equal(l.safe.x + l.safe.w, sizes[i][0] - mx);
        assert_int_equal(l.safe.y + l.safe.h, sizes[i][1] - my);
    }
}

static void layout_every_text_size_is_at_least_a_thirtieth_of_the_shorter_side(void **state)
{
    (void)state;
    for (int i = 0; i < SIZE_COUNT; i++) {
        Layout l;
        layout_compute(&l, sizes[i][0], sizes[i][1]);
        int side = sizes[i][0] < sizes[i][1] ? sizes[i][0] : sizes[i][1];
        int floor_px = (side + 29) / 30;
        assert_true(l.min_text_px >= floor_px);
        for (int s = 0; s < TEXT_SIZE_COUNT; s++)
            assert_true(l.text_px[s] >= floor_px);
        /* The timer is far larger than body text. */
        assert_true(l.text_px[TEXT_TIMER] >= 2 * l.text_px[TEXT_BODY]);
    }
}

static void layout_cuts_tile_the_rectangle_exactly(void **state)
{
    (void)state;
    SDL_Rect r = {10, 20, 300, 200};
    SDL_Rect rest = r;
    SDL_Rect top = rect_cut_top(&rest, 30);
    SDL_Rect bottom = rect_cut_bottom(&rest, 40);
    SDL_Rect left = rect_cut_left(&rest, 50);
    SDL_Rect right = rect_cut_right(&rest, 60);
    assert_int_equal(top.h + bottom.h + rest.h, r.h);
    assert_int_equal(left.w + right.w + rest.w, r.w);
    assert_true(rect_contains(r, top) && rect_contains(r, bottom));
    assert_true(rect_contains(r, left) && rect_contains(r, right) && rect_contains(r, rest));
    /* Asking for more than there is takes what there is. */
    SDL_Rect small = {0, 0, 10, 10};
    SDL_Rect all = rect_cut_top(&small, 99);
    assert_int_equal(all.h, 10);
    assert_int_equal(small.h, 0);
    /* Rows and columns cover the whole span, gaps included. */
    int covered = 0;
    for (int i = 0; i < 7; i++) {
        SDL_Rect row = rect_row(r, i, 7, 3);
        assert_true(rect_contains(r, row));
        covered += row.h;
    }
    assert_int_equal(covered + 6 * 3, r.h);
    SDL_Rect last = rect_col(r, 4, 5, 2);
    assert_int_equal(last.x + last.w, r.x + r.w);
}

/* ---- text, with the shipped font ---- */

typedef struct {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    TextCache *text;
    Layout layout;
} TextFixture;

static int text_setup(void **state)
{
    static TextFixture f;
    memset(&f, 0, sizeof f);
    if (TTF_Init() != 0)
        return -1;
    f.surface = SDL_CreateRGBSurfaceWithFormat(0, 1280, 720, 32, SDL_PIXELFORMAT_RGBA32);
    f.renderer = SDL_CreateSoftwareRenderer(f.surface);
    char msg[256];
    f.text = text_open(f.renderer, TEST_ASSETS_DIR, msg, sizeof msg);
    if (!f.text) {
        fprintf(stderr, "%s\n", msg);
        return -1;
    }
    layout_compute(&f.layout, 1280, 720);
    text_set_layout(f.text, &f.layout);
    *state = &f;
    return 0;
}

static int text_teardown(void **state)
{
    TextFixture *f = *state;
    text_close(f->text);
    SDL_DestroyRenderer(f->renderer);
    SDL_FreeSurface(f->surface);
    TTF_Quit();
    return 0;
}

static void text_line_height_is_at_least_a_thirtieth_of_the_shorter_side(void **state)
{
    TextFixture *f = *state;
    for (int i = 0; i < SIZE_COUNT; i++) {
        Layout l;
        layout_compute(&l, sizes[i][0], sizes[i][1]);
        text_set_layout(f->text, &l);
        for (int s = 0; s < TEXT_SIZE_COUNT; s++)
            for (int w = 0; w < TEXT_WEIGHT_COUNT; w++)
                assert_true(text_line_height(f->text, (TextSize)s, (TextWeight)w) >= layout_min_text_height(l.w, l.h));
    }
    text_set_layout(f->text, &f->layout);
}

static void text_is_rendered_once_then_served_from_the_cache(void **state)
{
    TextFixture *f = *state;
    TextStats before = text_stats(f->text);
    SDL_Rect box = {100, 100, 600, 80};
    TextStyle st = text_style(TEXT_BODY, TEXT_REGULAR, (SDL_Color){255, 255, 255, 255});
    for (int frame = 0; frame < 5; frame++) {
        text_begin_frame(f->text);
        text_draw(f->text, "Hold for five.", box, st);
    }
    TextStats after = text_stats(f->text);
    assert_int_equal(after.renders - before.renders, 1);
    assert_int_equal(after.hits - before.hits, 4);
    /* Another colour is the same texture, tinted. */
    st.color = (SDL_Color){255, 0, 0, 255};
    text_draw(f->text, "Hold for five.", box, st);
    assert_int_equal(text_stats(f->text).renders, after.renders);
}

static void text_wraps_a_long_sentence_inside_its_box(void **state)
{
    TextFixture *f = *state;
    text_begin_frame(f->text);
    SDL_Rect box = {64, 400, 500, 200};
    TextStyle st = text_style(TEXT_BODY, TEXT_REGULAR, (SDL_Color){255, 255, 255, 255});
    st.max_lines = 5;
    st.align = TEXT_ALIGN_LEFT;
    SDL_Rect used = text_draw(f->text,
                              "Lie on your back with your knees bent, feet flat on the floor "
                              "and arms resting by your sides.", box, st);
    assert_true(rect_contains(box, used));
    const TextRecord *rec;
    int n = text_records(f->text, &rec);
    assert_true(n >= 2); /* it did wrap */
    for (int i = 0; i < n; i++) {
        assert_true(rect_contains(box, rec[i].rect));
        assert_true(rec[i].px >= f->layout.min_text_px);
    }
}

static void text_shrinks_then_ellipsises_but_never_leaves_its_box(void **state)
{
    TextFixture *f = *state;
    text_begin_frame(f->text);
    SDL_Rect box = {64, 64, 240, 40};
    TextStyle st = text_style(TEXT_HEADING, TEXT_BOLD, (SDL_Color){255, 255, 255, 255});
    text_draw(f->text, "Toe taps with a straight knee, lowering farther each time", box, st);
    const TextRecord *rec;
    int n = text_records(f->text, &rec);
    assert_int_equal(n, 1);
    assert_true(rect_contains(box, rec[0].rect));
    assert_int_equal(rec[0].px, f->layout.min_text_px); /* shrunk as far as allowed */
    assert_true(rec[0].rect.h >= layout_min_text_height(1280, 720));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(layout_safe_area_is_five_percent_in_from_every_edge),
        cmocka_unit_test(layout_every_text_size_is_at_least_a_thirtieth_of_the_shorter_side),
        cmocka_unit_test(layout_cuts_tile_the_rectangle_exactly),
        cmocka_unit_test(text_line_height_is_at_least_a_thirtieth_of_the_shorter_side),
        cmocka_unit_test(text_is_rendered_once_then_served_from_the_cache),
        cmocka_unit_test(text_wraps_a_long_sentence_inside_its_box),
        cmocka_unit_test(text_shrinks_then_ellipsises_but_never_leaves_its_box),
    };
    int rc = cmocka_run_group_tests(tests, text_setup, text_teardown);
    SDL_Quit();
    return rc;
}
