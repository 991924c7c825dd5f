/* test_window_poses.c: every shipped level's figure at the start, halfway
 * through the move and at the peak (a row per side for one-sided levels),
 * drawn headless on the software renderer: the pictures in
 * docs/screenshots/levels/ that a physical therapist looks at.
 * COREQUEST_REGEN_SHOTS=1 writes them there; otherwise they go to the
 * test's output folder.  The test fails when a movement cannot be seen:
 * the start and peak pictures of every row must differ. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#include <SDL.h>
#include <SDL_image.h>

#include "figure.h"
#include "levels_load.h"
#include "render.h"
#include "test_support.h"

enum { PANEL_W = 480, PANEL_H = 270, PANEL_GAP = 8, COLUMNS = 3 };
static const float column_t[COLUMNS] = {0.0f, 0.5f, 1.0f};

static bool regenerate(void)
{
    const char *v = getenv("COREQUEST_REGEN_SHOTS");
    return v && strcmp(v, "1") == 0;
}

/* The share of pixels that differ between two panels of one surface. */
static double panel_difference(SDL_Surface *s, SDL_Rect a, SDL_Rect b)
{
    long differ = 0;
    for (int y = 0; y < a.h; y++) {
        const Uint32 *pa = (const Uint32 *)((const Uint8 *)s->pixels + (a.y + y) * s->pitch) + a.x;
        const Uint32 *pb = (const Uint32 *)((const Uint8 *)s->pixels + (b.y + y) * s->pitch) + b.x;
        for (int x = 0; x < a.w; x++)
            differ += pa[x] != pb[x];
    }
    return (double)differ / (double)(a.w * a.h);
}

static void poses_every_level_is_drawn_at_start_mid_move_and_peak(void **state)
{
    (void)state;
    int tracks;
    Program *prog = test_load_program(TEST_LEVELS_DIR, &tracks, NULL);
    assert_true(tracks >= 8);
    char dir[1024];
    if (regenerate())
        snprintf(dir, sizeof dir, "%s/../docs/screenshots/levels", TEST_ASSETS_DIR);
    else
        snprintf(dir, sizeof dir, "%s/poses", TEST_OUT_DIR);
    mkdir(dir, 0777);
    const Theme *th = render_theme();
    int levels = 0;
    for (int t = 0; t < prog->track_count; t++) {
        const Track *track = &prog->tracks[t];
        for (int l = 0; l < track->level_count; l++) {
            const Level *level = &track->levels[l];
            int rows = level->sides == SIDES_NONE ? 1 : 2;
            int w = COLUMNS * PANEL_W + (COLUMNS + 1) * PANEL_GAP;
            int h = rows * PANEL_H + (rows + 1) * PANEL_GAP;
            SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
            assert_non_null(s);
            SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
            assert_non_null(r);
            SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
            /* The shipped sprite sheets too (the banded clamshell), as the
             * window shows them. */
            FigureSprites *sprites = figure_sprites_open(r, TEST_ASSETS_DIR);
            render_clear(r, th->bg);
            for (int row = 0; row < rows; row++) {
                Side side = level->sides == SIDES_NONE ? SIDE_NONE : row == 0 ? SIDE_LEFT : SIDE_RIGHT;
                SDL_Rect box[COLUMNS];
                for (int c = 0; c < COLUMNS; c++) {
                    box[c] = (SDL_Rect){PANEL_GAP + c * (PANEL_W + PANEL_GAP),
                                        PANEL_GAP + row * (PANEL_H + PANEL_GAP), PANEL_W, PANEL_H};
                    render_rounded(r, box[c], 10, th->panel);
                    figure_draw_level(r, sprites, track, level, column_t[c], side, box[c]);
                }
                SDL_RenderPresent(r);
                double moved = panel_difference(s, box[0], box[COLUMNS - 1]);
                if (moved < 0.01)
                    fail_msg("%s: the start and the peak look the same (%.2f%% of pixels differ)",
                             level->id, moved * 100);
            }
            SDL_RenderPresent(r);
            char path[1200];
            snprintf(path, sizeof path, "%s/%s.png", dir, level->id);
            assert_int_equal(IMG_SavePNG(s, path), 0);
            figure_sprites_close(sprites);
            SDL_DestroyRenderer(r);
            SDL_FreeSurface(s);
            levels++;
        }
    }
    assert_true(levels >= 8);
    print_message("%d levels drawn into %s\n", levels, dir);
    free(prog);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(poses_every_level_is_drawn_at_start_mid_move_and_peak),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
