/* bench_core_main.c: corequest-bench-core, the core figures in a program
 * linked with the core alone (its RSS and callgrind counts are the core's). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

int main(int argc, char **argv)
{
    BenchConfig c;
    memset(&c, 0, sizeof c);
    c.levels_dir = COREQUEST_LEVELS_DIR;
    c.traces_dir = COREQUEST_TRACES_DIR;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "--quick")) {
            c.quick = true;
        } else if (!strcmp(a, "--runs") && v) {
            c.runs = atoi(v);
            i++;
        } else if (!strcmp(a, "--levels") && v) {
            c.levels_dir = v;
            i++;
        } else if (!strcmp(a, "--traces") && v) {
            c.traces_dir = v;
            i++;
        } else {
            fprintf(stderr, "usage: corequest-bench-core [--quick] [--runs N] [--levels DIR] "
                            "[--traces DIR]\n");
            return 2;
        }
    }
    if (c.runs < 0) {
        fprintf(stderr, "corequest-bench-core: --runs must be positive\n");
        return 2;
    }
    return bench_part_core(&c);
}
