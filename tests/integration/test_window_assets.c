/* test_window_assets.c: the pictures the window ships are made by the
 * project's own drawing code and can be made again: the window icon and
 * the banded clamshell's sprite sheet (the level's figure with the band).
 * COREQUEST_REGEN_ASSETS=1 rewrites them; otherwise the shipped files must
 * match what the code draws. */
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
#include "test_support_app.h"

enum { ICON_SIZE = 256, SHEET_FRAMES = 9, SHEET_FRAME_H = 360 };

static bool regenerate(void)
{
    const char *v = getenv("COREQUEST_REGEN_ASSETS");
    return v && strcmp(v, "1") == 0;
}

/* An exercise band around both thighs, just above the knees. */
static void band_decor(SDL_Renderer *r, const FigureBody *b, const FigureView *v, void *ctx)
{
    (void)ctx;
    SDL_Color band = render_theme()->danger;
    SDL_FPoint p[2];
    for (int i = 0; i < 2; i++) {
        SDL_FPoint hip = b->hip[i], knee = b->knee[i];
        p[i] = figure_to_screen(v, (SDL_FPoint){hip.x + (knee.x - hip.x) * 0.82f,
                                                hip.y + (knee.y - hip.y) * 0.82f});
    }
    float t = 0.016f * v->scale;
    render_line(r, p[0], p[1], t, band);
    render_circle(r, p[0].x, p[0].y, t * 1.6f, band);
    render_circle(r, p[1].x, p[1].y, t * 1.6f, band);
}

/* Writes (regenerating) or compares (checking) one asset. */
static void write_or_compare(SDL_Surface *drawn, const char *relative)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", TEST_ASSETS_DIR, relative);
    if (regenerate()) {
        char dir[1024];
        snprintf(dir, sizeof dir, "%s/sprites", TEST_ASSETS_DIR);
        mkdir(dir, 0777);
        assert_int_equal(IMG_SavePNG(drawn, path), 0);
        print_message("wrote %s\n", path);
        return;
    }
    SDL_Surface *raw = IMG_Load(path);
    if (!raw)
        fail_msg("cannot load %s (COREQUEST_REGEN_ASSETS=1 makes it)", path);
    SDL_Surface *shipped = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(raw);
    double share = test_differing_pixel_share(drawn, shipped);
    if (share > 0.005)
        fail_msg("%s no longer matches the code that draws it (%.2f%%)", relative, share * 100);
    SDL_FreeSurface(shipped);
}

static void assets_icon_is_drawn_by_the_figure_code(void **state)
{
    (void)state;
    SDL_Surface *icon = test_draw_icon(ICON_SIZE, false);
    write_or_compare(icon, "icon.png");
    SDL_FreeSurface(icon);
}

/* The band's sheet is the shipped level's own figure (levels/), drawn by
 * the figure code with the band added. */
static void assets_clamshell_band_sheet_is_drawn_by_the_figure_code(void **state)
{
    (void)state;
    int tracks;
    Program *prog = test_load_program(TEST_LEVELS_DIR, &tracks, NULL);
    assert_true(tracks >= 8);
    const Level *level = program_find_level(prog, "clamshell_2", NULL, NULL);
    assert_non_null(level);
    SDL_Surface *plain = figure_render_sheet(level, MUSCLE_HIPS | MUSCLE_GLUTES,
                                             SHEET_FRAMES, SHEET_FRAME_H, NULL, NULL);
    assert_non_null(plain);
    assert_int_equal(plain->w, SHEET_FRAMES * 2 * SHEET_FRAME_H);
    SDL_Surface *band = figure_render_sheet(level, MUSCLE_HIPS | MUSCLE_GLUTES,
                                            SHEET_FRAMES, SHEET_FRAME_H, band_decor, NULL);
    write_or_compare(band, "sprites/clamshell_2.png");
    /* The band is really there: the two sheets differ. */
    assert_true(test_differing_pixel_share(plain, band) > 0.001);
    SDL_FreeSurface(plain);
    SDL_FreeSurface(band);
    free(prog);
}

/* The banded clamshell picks up its sheet; the plain one is drawn live
 * (side-lying is a pose of its own now), as is every other level. */
static void assets_shipped_sheet_stands_in_for_the_banded_clamshell_only(void **state)
{
    (void)state;
    int tracks;
    Program *prog = test_load_program(TEST_LEVELS_DIR, &tracks, NULL);
    assert_true(tracks >= 8);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    FigureSprites *sprites = figure_sprites_open(r, TEST_ASSETS_DIR);
    const Track *clam = program_find_track(prog, "clamshell");
    assert_non_null(clam);
    assert_false(figure_sprites_has(sprites, clam, &clam->levels[0]));
    assert_true(figure_sprites_has(sprites, clam, &clam->levels[1]));
    const Track *bridge = program_find_track(prog, "bridge");
    assert_non_null(bridge);
    assert_false(figure_sprites_has(sprites, bridge, &bridge->levels[0]));
    figure_sprites_close(sprites);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
    free(prog);
}

/* Any sheet dropped into assets/sprites replaces the drawn figure. */
static void assets_a_sprite_sheet_replaces_the_drawn_figure(void **state)
{
    (void)state;
    char dir[1024], path[1100];
    snprintf(dir, sizeof dir, "%s/sprite_assets", TEST_OUT_DIR);
    mkdir(dir, 0777);
    snprintf(path, sizeof path, "%s/sprites", dir);
    mkdir(path, 0777);
    snprintf(path, sizeof path, "%s/sprites/test_track.png", dir);
    /* Two frames, 2:1 each: red then blue. */
    SDL_Surface *sheet = SDL_CreateRGBSurfaceWithFormat(0, 80, 20, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_FillRect(sheet, &(SDL_Rect){0, 0, 40, 20}, SDL_MapRGBA(sheet->format, 255, 0, 0, 255));
    SDL_FillRect(sheet, &(SDL_Rect){40, 0, 40, 20}, SDL_MapRGBA(sheet->format, 0, 0, 255, 255));
    assert_int_equal(IMG_SavePNG(sheet, path), 0);
    SDL_FreeSurface(sheet);

    Track track;
    memset(&track, 0, sizeof track);
    snprintf(track.id, sizeof track.id, "test_track");
    Level level;
    memset(&level, 0, sizeof level);
    snprintf(level.id, sizeof level.id, "test_track_1");
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 200, 100, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    FigureSprites *sprites = figure_sprites_open(r, dir);
    SDL_Rect box = {0, 0, 200, 100};
    figure_draw_level(r, sprites, &track, &level, 1.0f, SIDE_LEFT, box);
    SDL_RenderPresent(r);
    const Uint8 *px = (const Uint8 *)s->pixels + 50 * s->pitch + 100 * 4;
    assert_int_equal(px[0], 0);
    assert_int_equal(px[2], 255); /* the peak frame: blue */
    figure_sprites_close(sprites);
    SDL_DestroyRenderer(r);
    SDL_FreeSurface(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(assets_icon_is_drawn_by_the_figure_code),
        cmocka_unit_test(assets_clamshell_band_sheet_is_drawn_by_the_figure_code),
        cmocka_unit_test(assets_shipped_sheet_stands_in_for_the_banded_clamshell_only),
        cmocka_unit_test(assets_a_sprite_sheet_replaces_the_drawn_figure),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    IMG_Quit();
    SDL_Quit();
    return rc;
}
