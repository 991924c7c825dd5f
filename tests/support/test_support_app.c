/* test_support_app.c: the shell-level helpers the tests share (see
 * test_support_app.h); linked only into tests that link corequest_app. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "figure.h"
#include "render.h"
#include "test_support.h"
#include "test_support_app.h"

int test_pad_attach_virtual(SDL_JoystickType type, Uint16 vendor, Uint16 product,
                            const char *name)
{
    SDL_VirtualJoystickDesc desc;
    memset(&desc, 0, sizeof desc);
    desc.version = SDL_VIRTUAL_JOYSTICK_DESC_VERSION;
    desc.type = (Uint16)type;
    desc.naxes = SDL_CONTROLLER_AXIS_MAX;
    desc.nbuttons = SDL_CONTROLLER_BUTTON_MAX;
    desc.vendor_id = vendor;
    desc.product_id = product;
    desc.name = name;
    int index = SDL_JoystickAttachVirtualEx(&desc);
    assert_true(index >= 0);
    return index;
}

static int SDLCALL count_rumble(void *userdata, Uint16 low, Uint16 high)
{
    int *rumbles = userdata;
    if (low || high)
        (*rumbles)++;
    return 0;
}

int test_pad_attach_virtual_rumble(SDL_JoystickType type, Uint16 vendor, Uint16 product,
                                   const char *name, int *rumbles)
{
    SDL_VirtualJoystickDesc desc;
    memset(&desc, 0, sizeof desc);
    desc.version = SDL_VIRTUAL_JOYSTICK_DESC_VERSION;
    desc.type = (Uint16)type;
    desc.naxes = SDL_CONTROLLER_AXIS_MAX;
    desc.nbuttons = SDL_CONTROLLER_BUTTON_MAX;
    desc.vendor_id = vendor;
    desc.product_id = product;
    desc.name = name;
    desc.userdata = rumbles;
    desc.Rumble = count_rumble;
    int index = SDL_JoystickAttachVirtualEx(&desc);
    assert_true(index >= 0);
    return index;
}

double test_differing_pixel_share(const SDL_Surface *a, const SDL_Surface *b)
{
    if (a->w != b->w || a->h != b->h)
        return 1.0;
    long bad = 0;
    for (int y = 0; y < a->h; y++) {
        const Uint8 *pa = (const Uint8 *)a->pixels + y * a->pitch;
        const Uint8 *pb = (const Uint8 *)b->pixels + y * b->pitch;
        for (int x = 0; x < a->w * 4; x += 4) {
            int worst = 0;
            for (int c = 0; c < 4; c++) {
                int d = abs(pa[x + c] - pb[x + c]);
                worst = d > worst ? d : worst;
            }
            bad += worst > 24;
        }
    }
    return (double)bad / ((double)a->w * a->h);
}

/* Is the point inside the rounded rectangle? */
static bool in_rounded(float x, float y, SDL_FRect f, float radius)
{
    if (x < f.x || y < f.y || x > f.x + f.w || y > f.y + f.h)
        return false;
    float cx = fminf(fmaxf(x, f.x + radius), f.x + f.w - radius);
    float cy = fminf(fmaxf(y, f.y + radius), f.y + f.h - radius);
    return (x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius;
}

static void put(SDL_Surface *s, int x, int y, SDL_Color c)
{
    Uint8 *p = (Uint8 *)s->pixels + y * s->pitch + x * 4;
    p[0] = c.r;
    p[1] = c.g;
    p[2] = c.b;
    p[3] = c.a;
}

/* Averages factor x factor blocks, colour weighted by alpha, so the
 * see-through corners do not darken the frame's edge. */
static SDL_Surface *shrink(const SDL_Surface *big, int factor)
{
    int size = big->w / factor;
    SDL_Surface *out = SDL_CreateRGBSurfaceWithFormat(0, size, size, 32, SDL_PIXELFORMAT_RGBA32);
    assert_non_null(out);
    for (int y = 0; y < size; y++)
        for (int x = 0; x < size; x++) {
            double sum[3] = {0, 0, 0}, alpha = 0;
            for (int dy = 0; dy < factor; dy++) {
                const Uint8 *row = (const Uint8 *)big->pixels + (y * factor + dy) * big->pitch;
                for (int dx = 0; dx < factor; dx++) {
                    const Uint8 *p = row + (x * factor + dx) * 4;
                    for (int c = 0; c < 3; c++)
                        sum[c] += p[c] * (double)p[3];
                    alpha += p[3];
                }
            }
            Uint8 *q = (Uint8 *)out->pixels + y * out->pitch + x * 4;
            for (int c = 0; c < 3; c++)
                q[c] = alpha > 0 ? (Uint8)(sum[c] / alpha + 0.5) : 0;
            q[3] = (Uint8)(alpha / (factor * factor) + 0.5);
        }
    return out;
}

SDL_Surface *test_draw_icon(int size, bool bold)
{
    /* Drawn four times larger and averaged down: smooth edges everywhere. */
    enum { SUPER = 4 };
    int big = size * SUPER;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, big, big, 32, SDL_PIXELFORMAT_RGBA32);
    assert_non_null(s);
    const Theme *th = render_theme();
    float k = (float)big / 256.0f; /* the design is measured at 256 */
    /* The frame, pixel by pixel (the renderer's rounded shapes leave
     * one-pixel seams between their pieces).  Bold: it runs to the edge,
     * so no blurred outer rim at 16 px, and it is thicker. */
    float margin = bold ? 0 : 8 * k, frame = (bold ? 28 : 10) * k, radius = 44 * k;
    SDL_FRect outer = {margin, margin, big - 2 * margin, big - 2 * margin};
    SDL_FRect inner = {outer.x + frame, outer.y + frame, outer.w - 2 * frame, outer.h - 2 * frame};
    SDL_Color clear = {0, 0, 0, 0};
    for (int y = 0; y < big; y++)
        for (int x = 0; x < big; x++) {
            float px = x + 0.5f, py = y + 0.5f;
            put(s, x, y, in_rounded(px, py, inner, radius - frame) ? th->bg
                         : in_rounded(px, py, outer, radius)       ? th->accent
                                                                    : clear);
        }
    /* A bridge at its top: the whole routine in one shape. */
    SDL_Renderer *r = SDL_CreateSoftwareRenderer(s);
    assert_non_null(r);
    Pose bridge = {.trunk = 205, .neck = 25, .shoulder_near = -25, .shoulder_far = -25,
                   .knee_near = 115, .knee_far = 115};
    SDL_Rect box = bold ? (SDL_Rect){(int)(32 * k), (int)(32 * k), big - (int)(64 * k),
                                     big - (int)(64 * k)}
                        : (SDL_Rect){(int)(22 * k), (int)(40 * k), big - (int)(44 * k),
                                     big - (int)(70 * k)};
    FigureView v = figure_view_fit_poses(&bridge, 1, box);
    FigureBody b;
    figure_pose_grounded(&bridge, &b);
    figure_draw_mat(r, &v);
    figure_draw_body(r, &b, &v, MUSCLE_CORE | MUSCLE_GLUTES);
    SDL_RenderPresent(r);
    SDL_DestroyRenderer(r);
    SDL_Surface *icon = shrink(s, SUPER);
    SDL_FreeSurface(s);
    return icon;
}

Options test_audio_only_options(const char *levels_dir, const char *data_dir,
                                const char *level_id, const char *mode)
{
    Options o;
    memset(&o, 0, sizeof o);
    o.audio_only = true;
    o.levels_dir = levels_dir;
    o.assets_dir = TEST_ASSETS_DIR;
    o.data_dir = data_dir;
    o.level_id = level_id;
    o.mode = mode;
    return o;
}

/* test_capture_stdout's shape for audio_only_run. */
static int audio_only_run_options(const void *options)
{
    return audio_only_run(options);
}

char *test_run_audio_only(const Options *o, const char *tag, int stdin_fd, int *status)
{
    char *text = test_capture_stdout(tag, stdin_fd, audio_only_run_options, o, status);
    printf("---- corequest --audio-only said:\n%s----\n", text);
    return text;
}
