/* test_support_app.c: the shell-level helpers the tests share (see
 * test_support_app.h); linked only into tests that link corequest_app. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

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
