/* paths.c: finds the level pack, the assets and the data folder: options
 * first, then the installed prefix beside the binary, then (for a binary in
 * its build tree) the source tree.  CMake compiles in the relative path
 * from bin/ to share/corequest and the two tree paths. */
#define _XOPEN_SOURCE 700 /* realpath, on top of the POSIX the build asks for */
#include "platform/paths.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL.h>

#if !defined(COREQUEST_BIN_TO_DATA) || !defined(COREQUEST_SOURCE_DIR) || \
    !defined(COREQUEST_BUILD_DIR)
#error "CMake defines COREQUEST_BIN_TO_DATA, COREQUEST_SOURCE_DIR and COREQUEST_BUILD_DIR"
#endif

enum { PATHS_MAX = 4096 };

typedef struct {
    char path[PATHS_MAX];
    PathsOrigin origin;
} Found;

/* Looked up once: the binary does not move while it runs. */
static struct {
    bool resolved;
    Found levels, assets;
} found;

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* path without "..", "." or links, into out; false if it does not exist. */
static bool canonical(const char *path, char *out)
{
    char buf[PATH_MAX];
    if (!realpath(path, buf) || strlen(buf) >= PATHS_MAX)
        return false;
    memcpy(out, buf, strlen(buf) + 1);
    return true;
}

/* Is the folder dir (which exists) inside root (or root itself)? */
static bool inside(const char *dir, const char *root)
{
    char d[PATHS_MAX], r[PATHS_MAX];
    if (!canonical(dir, d) || !canonical(root, r))
        return false;
    size_t n = strlen(r);
    return strncmp(d, r, n) == 0 && (d[n] == '\0' || d[n] == '/' || strcmp(r, "/") == 0);
}

static void find(Found *out, const char *base, bool in_build_tree, const char *name)
{
    char installed[PATHS_MAX];
    snprintf(installed, sizeof installed, "%s%s%s/%s", base ? base : "",
             base && base[0] && base[strlen(base) - 1] != '/' ? "/" : "",
             COREQUEST_BIN_TO_DATA, name);
    char source[PATHS_MAX];
    snprintf(source, sizeof source, "%s/%s", COREQUEST_SOURCE_DIR, name);
    if (base && is_dir(installed) && canonical(installed, out->path)) {
        out->origin = PATHS_FROM_INSTALL;
    } else if (in_build_tree && is_dir(source) && canonical(source, out->path)) {
        out->origin = PATHS_FROM_BUILD_TREE;
    } else {
        /* Name the installed place, tidied as far as it exists. */
        char prefix[PATHS_MAX];
        int n = -1;
        if (base && canonical(base, prefix))
            n = snprintf(out->path, sizeof out->path, "%s/%s/%s", prefix, COREQUEST_BIN_TO_DATA,
                         name);
        if (n < 0 || (size_t)n >= sizeof out->path)
            snprintf(out->path, sizeof out->path, "%s", installed);
        out->origin = PATHS_NOT_FOUND;
    }
}

static void resolve(void)
{
    if (found.resolved)
        return;
    char *base = SDL_GetBasePath(); /* "<prefix>/bin/", from /proc/self/exe */
    bool in_build_tree = base && inside(base, COREQUEST_BUILD_DIR);
    find(&found.levels, base, in_build_tree, "levels");
    find(&found.assets, base, in_build_tree, "assets");
    SDL_free(base);
    found.resolved = true;
}

static const char *pick(const char *option, const Found *f, PathsOrigin *origin)
{
    PathsOrigin o = option ? PATHS_FROM_OPTION : f->origin;
    if (origin)
        *origin = o;
    return option ? option : f->path;
}

const char *paths_levels_dir(const Options *o, PathsOrigin *origin)
{
    resolve();
    return pick(o ? o->levels_dir : NULL, &found.levels, origin);
}

const char *paths_assets_dir(const Options *o, PathsOrigin *origin)
{
    resolve();
    return pick(o ? o->assets_dir : NULL, &found.assets, origin);
}

char *paths_data_dir(const Options *o)
{
    if (o && o->data_dir)
        return SDL_strdup(o->data_dir);
    char *dir = SDL_GetPrefPath("corequest", "corequest");
    if (!dir)
        fprintf(stderr, "corequest: no data folder (%s); use --data-dir DIR\n", SDL_GetError());
    return dir;
}

const char *paths_origin_name(PathsOrigin origin)
{
    switch (origin) {
    case PATHS_FROM_OPTION: return "from the command line";
    case PATHS_FROM_INSTALL: return "installed";
    case PATHS_FROM_BUILD_TREE: return "source tree";
    case PATHS_FROM_USER_DATA: return "your data folder";
    case PATHS_NOT_FOUND: return "missing";
    }
    return "?";
}

int paths_print(FILE *out, const Options *o)
{
    PathsOrigin lo, ao;
    const char *levels = paths_levels_dir(o, &lo);
    const char *assets = paths_assets_dir(o, &ao);
    fprintf(out, "levels: %s (%s)\n", levels, paths_origin_name(lo));
    fprintf(out, "assets: %s (%s)\n", assets, paths_origin_name(ao));
    char *data = paths_data_dir(o);
    if (data) {
        size_t n = strlen(data);
        fprintf(out, "data:   %.*s (%s)\n", (int)(n > 1 && data[n - 1] == '/' ? n - 1 : n), data,
                paths_origin_name(o && o->data_dir ? PATHS_FROM_OPTION : PATHS_FROM_USER_DATA));
        SDL_free(data);
    }
    return lo == PATHS_NOT_FOUND || ao == PATHS_NOT_FOUND || !data ? 1 : 0;
}
