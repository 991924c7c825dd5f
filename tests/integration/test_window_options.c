/* test_window_options.c: the two directory lookups main.c normally
 * provides, for the window tests that link the app library without main. */
#include "options.h"

const char *options_levels_dir(const Options *o)
{
    return o->levels_dir ? o->levels_dir : TEST_LEVELS_DIR;
}

const char *options_assets_dir(const Options *o)
{
    return o->assets_dir ? o->assets_dir : TEST_ASSETS_DIR;
}
