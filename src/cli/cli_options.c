/* cli_options.c: checks on the command line's values (where the level pack,
 * the assets and the save are is platform/paths.c). */
#include "options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int options_check_data_dir(Options *o, char *why, size_t why_size)
{
    const char *given = o->data_dir;
    if (!given)
        return 0;
    if (!given[0]) {
        snprintf(why, why_size, "--data-dir needs a folder, but it was given an empty value");
        return -1;
    }
    if (given[0] == '-') {
        /* "--data-dir --simulate" forgot the folder and swallowed an option. */
        snprintf(why, why_size,
                 "--data-dir needs a folder, not '%s' (for a folder of that name write ./%s)",
                 given, given);
        return -1;
    }
    char *out = o->data_dir_buf;
    size_t size = sizeof o->data_dir_buf;
    int n;
    if (given[0] == '/') {
        n = snprintf(out, size, "%s", given);
    } else if (given[0] == '~' && (given[1] == '\0' || given[1] == '/')) {
        /* Quoted or not at a word start, the shell left the ~ alone. */
        const char *home = getenv("HOME");
        if (!home || home[0] != '/') {
            snprintf(why, why_size, "--data-dir '%s': HOME is not set to a folder", given);
            return -1;
        }
        n = snprintf(out, size, "%s%s", home, given + 1);
    } else {
        char cwd[OPTIONS_PATH_MAX];
        if (!getcwd(cwd, sizeof cwd)) {
            snprintf(why, why_size, "--data-dir '%s': cannot tell the current folder (%s)",
                     given, strerror(errno));
            return -1;
        }
        const char *rest = given;
        while (rest[0] == '.' && rest[1] == '/')
            for (rest += 2; *rest == '/'; rest++) {
            }
        if (strcmp(rest, ".") == 0)
            rest = "";
        n = snprintf(out, size, "%s%s%s", cwd, strcmp(cwd, "/") != 0 && rest[0] ? "/" : "",
                     rest);
    }
    if (n < 0 || (size_t)n >= size) {
        snprintf(why, why_size, "--data-dir: the folder name is too long");
        return -1;
    }
    for (size_t len = strlen(out); len > 1 && out[len - 1] == '/'; len--)
        out[len - 1] = '\0';
    struct stat st;
    if (stat(out, &st) == 0 && !S_ISDIR(st.st_mode)) {
        snprintf(why, why_size, "--data-dir '%s' is a file, not a folder", out);
        return -1;
    }
    o->data_dir = out;
    return 0;
}
