/* test_desktop_paths.c: where files are found (platform/paths.h).  This
 * test runs from the build tree, so the pack and the assets are the source
 * tree's; options always win; the data folder is --data-dir or SDL's
 * preferences folder under $XDG_DATA_HOME.  (The installed layout is
 * install_prefix's: the real binary run from an installed prefix.) */
#define _XOPEN_SOURCE 700 /* realpath */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <SDL.h>

#include "platform/paths.h"
#include "test_support.h"

static void paths_a_binary_in_the_build_tree_reads_the_source_tree(void **state)
{
    (void)state;
    PathsOrigin origin = PATHS_NOT_FOUND;
    char real[4096];
    assert_non_null(realpath(TEST_LEVELS_DIR, real));
    assert_string_equal(paths_levels_dir(NULL, &origin), real);
    assert_int_equal(origin, PATHS_FROM_BUILD_TREE);
    assert_non_null(realpath(TEST_ASSETS_DIR, real));
    assert_string_equal(paths_assets_dir(NULL, &origin), real);
    assert_int_equal(origin, PATHS_FROM_BUILD_TREE);
    assert_string_equal(paths_origin_name(PATHS_FROM_INSTALL), "installed");
}

static void paths_options_win(void **state)
{
    (void)state;
    Options o;
    memset(&o, 0, sizeof o);
    o.levels_dir = "/some/pack";
    o.assets_dir = "/some/assets";
    o.data_dir = "/some/save";
    PathsOrigin origin = PATHS_NOT_FOUND;
    assert_string_equal(paths_levels_dir(&o, &origin), "/some/pack");
    assert_int_equal(origin, PATHS_FROM_OPTION);
    assert_string_equal(paths_assets_dir(&o, &origin), "/some/assets");
    assert_int_equal(origin, PATHS_FROM_OPTION);
    char *data = paths_data_dir(&o);
    assert_string_equal(data, "/some/save");
    SDL_free(data);
}

static void paths_the_save_defaults_to_the_data_home(void **state)
{
    (void)state;
    char home[512], want[700];
    test_make_unique_dir("paths_xdg", home, sizeof home);
    setenv("XDG_DATA_HOME", home, 1);
    char *data = paths_data_dir(NULL);
    snprintf(want, sizeof want, "%s/corequest/corequest/", home);
    assert_string_equal(data, want);
    SDL_free(data);
}

static void paths_print_names_every_folder(void **state)
{
    (void)state;
    Options o;
    memset(&o, 0, sizeof o);
    o.data_dir = "/some/save";
    char path[600];
    snprintf(path, sizeof path, "%s/paths_print.txt", TEST_OUT_DIR);
    FILE *f = fopen(path, "w+");
    assert_non_null(f);
    assert_int_equal(paths_print(f, &o), 0);
    fclose(f);
    size_t len;
    char *text = test_read_file(path, &len);
    assert_non_null(strstr(text, "levels: "));
    assert_non_null(strstr(text, "/levels (source tree)\n"));
    assert_non_null(strstr(text, "/assets (source tree)\n"));
    assert_non_null(strstr(text, "data:   /some/save (from the command line)\n"));
    free(text);
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paths_a_binary_in_the_build_tree_reads_the_source_tree),
        cmocka_unit_test(paths_options_win),
        cmocka_unit_test(paths_the_save_defaults_to_the_data_home),
        cmocka_unit_test(paths_print_names_every_folder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
