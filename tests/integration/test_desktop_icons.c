/* test_desktop_icons.c: the launcher's icons in the hicolor theme
 * (assets/icons/hicolor/<N>x<N>/apps/<app id>.png) are drawn by the
 * project's own figure code (test_draw_icon), at every usual size; sizes
 * up to 32 px use the bold variant.  COREQUEST_REGEN_ASSETS=1 rewrites them; otherwise the shipped
 * files must match what the code draws. */
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

#include "platform/desktop.h"
#include "test_support_app.h"

static const int icon_sizes[] = {16, 22, 24, 32, 48, 64, 128, 256, 512};
enum { ICON_SIZE_COUNT = sizeof icon_sizes / sizeof icon_sizes[0], ICON_BOLD_MAX = 32 };

static bool regenerate(void)
{
    const char *v = getenv("COREQUEST_REGEN_ASSETS");
    return v && strcmp(v, "1") == 0;
}

static SDL_Surface *draw_hicolor_icon(int size)
{
    return test_draw_icon(size, size <= ICON_BOLD_MAX);
}

static void icon_path(int size, char *out, size_t n)
{
    snprintf(out, n, "%s/icons/hicolor/%dx%d/apps/%s.png", TEST_ASSETS_DIR, size, size,
             desktop_app_id());
}

static void make_dirs_for(const char *file)
{
    char dir[1024];
    snprintf(dir, sizeof dir, "%s", file);
    for (char *p = dir + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(dir, 0777);
            *p = '/';
        }
}

static void desktop_icons_are_drawn_by_the_figure_code_at_every_size(void **state)
{
    (void)state;
    for (int i = 0; i < ICON_SIZE_COUNT; i++) {
        int size = icon_sizes[i];
        char path[1024];
        icon_path(size, path, sizeof path);
        SDL_Surface *drawn = draw_hicolor_icon(size);
        if (regenerate()) {
            make_dirs_for(path);
            assert_int_equal(IMG_SavePNG(drawn, path), 0);
            print_message("wrote %s\n", path);
            SDL_FreeSurface(drawn);
            continue;
        }
        SDL_Surface *raw = IMG_Load(path);
        if (!raw)
            fail_msg("cannot load %s (COREQUEST_REGEN_ASSETS=1 makes it)", path);
        assert_int_equal(raw->w, size);
        assert_int_equal(raw->h, size);
        SDL_Surface *shipped = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0);
        SDL_FreeSurface(raw);
        double share = test_differing_pixel_share(drawn, shipped);
        if (share > 0.005)
            fail_msg("%dx%d no longer matches the code that draws it (%.2f%%)", size, size,
                     share * 100);
        SDL_FreeSurface(shipped);
        SDL_FreeSurface(drawn);
    }
}

/* The rounded frame leaves the corner pixel (nearly) see-through, and the
 * middle is opaque, at every size. */
static void desktop_icons_have_clear_corners_and_a_solid_middle(void **state)
{
    (void)state;
    for (int i = 0; i < ICON_SIZE_COUNT; i++) {
        SDL_Surface *icon = draw_hicolor_icon(icon_sizes[i]);
        const Uint8 *corner = (const Uint8 *)icon->pixels;
        const Uint8 *middle = (const Uint8 *)icon->pixels + icon->h / 2 * icon->pitch +
                              icon->w / 2 * 4;
        assert_true(corner[3] < 64);
        assert_int_equal(middle[3], 255);
        SDL_FreeSurface(icon);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(desktop_icons_are_drawn_by_the_figure_code_at_every_size),
        cmocka_unit_test(desktop_icons_have_clear_corners_and_a_solid_middle),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    IMG_Quit();
    SDL_Quit();
    return rc;
}
