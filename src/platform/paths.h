/* paths.h: the one module that knows where corequest's files are: the level
 * pack, the assets and the save.  Nothing else builds a path to them.
 * Needs SDL2 (SDL_GetBasePath, SDL_GetPrefPath; no SDL_Init). */
#ifndef COREQUEST_PATHS_H
#define COREQUEST_PATHS_H

#include <stdio.h>

#include "options.h"

/* Where a folder was found. */
typedef enum {
    PATHS_FROM_OPTION,     /* --levels, --assets or --data-dir */
    PATHS_FROM_INSTALL,    /* <prefix>/share/corequest, found from the binary's
                              own folder (<prefix>/bin), so a moved prefix works */
    PATHS_FROM_BUILD_TREE, /* the source tree, for a binary in its build tree */
    PATHS_FROM_USER_DATA,  /* the save: SDL's preferences folder */
    PATHS_NOT_FOUND        /* nothing there: the installed place is named */
} PathsOrigin;

/* The level pack folder, and the assets folder (fonts/, sounds/, ...):
 * the option if given, else the installed folder beside the binary
 * (<bindir>/../share/corequest/levels), else the source tree's when the
 * binary runs from the build tree it was built in.  Never NULL: when
 * nothing is found the installed path comes back, so messages say where
 * the files should be.  The result stays valid for the life of the process
 * (or of o, for an option's value).  o may be NULL.  *origin may be NULL. */
const char *paths_levels_dir(const Options *o, PathsOrigin *origin);
const char *paths_assets_dir(const Options *o, PathsOrigin *origin);

/* The data folder that holds the save: --data-dir if given, else
 * SDL_GetPrefPath("corequest", "corequest") (~/.local/share/corequest/
 * corequest/ on Linux; SDL creates it).  The caller frees the result with
 * SDL_free.  NULL, with a line on stderr, when there is no folder to use. */
char *paths_data_dir(const Options *o);

/* "installed", "build tree", ...: for --paths and messages. */
const char *paths_origin_name(PathsOrigin origin);

/* --paths: where each folder is and why, one per line.  Returns 0, or 1 if
 * the levels or the assets were not found. */
int paths_print(FILE *out, const Options *o);

#endif
