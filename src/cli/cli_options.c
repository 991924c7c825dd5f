/* cli_options.c: where the level pack and the assets are, unless the
 * command line says otherwise (CMake compiles the source-tree paths in). */
#include "options.h"

const char *options_levels_dir(const Options *o)
{
    return o && o->levels_dir ? o->levels_dir : COREQUEST_LEVELS_DIR;
}

const char *options_assets_dir(const Options *o)
{
    return o && o->assets_dir ? o->assets_dir : COREQUEST_ASSETS_DIR;
}
