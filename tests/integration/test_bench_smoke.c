/* test_bench_smoke.c: corequest-bench --quick runs to the end, exits 0 and
 * prints a line for every figure.  Timings are measured, never asserted. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "bench_labels.h"

static const char *bench_path;
/* Freed in teardown, so a failed check (which leaves the test at once)
 * leaks nothing. */
static char *output;

/* The whole output, or NULL; *status gets the exit status (-1 if none). */
static char *run_quick(int *status)
{
    char command[4096];
    snprintf(command, sizeof command, "'%s' --quick 2>&1", bench_path);
    FILE *p = popen(command, "r");
    if (!p)
        return NULL;
    size_t len = 0, cap = 1 << 16;
    char *out = malloc(cap);
    size_t n;
    while (out && (n = fread(out + len, 1, cap - len - 1, p)) > 0) {
        len += n;
        if (cap - len < 4096) {
            char *bigger = realloc(out, cap * 2);
            if (!bigger) {
                free(out);
                out = NULL;
            } else {
                out = bigger;
                cap *= 2;
            }
        }
    }
    int raw = pclose(p);
    *status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    if (out)
        out[len] = '\0';
    return out;
}

/* A line that starts with prefix and goes on with ": " or ", ". */
static int count_lines(const char *text, const char *prefix)
{
    int count = 0;
    size_t n = strlen(prefix);
    for (const char *line = text; line && *line;) {
        if (strncmp(line, prefix, n) == 0 && (line[n] == ':' || line[n] == ','))
            count++;
        line = strchr(line, '\n');
        if (line)
            line++;
    }
    return count;
}

static void test_quick_run_prints_every_figure(void **state)
{
    (void)state;
    int status = -1;
    output = run_quick(&status);
    const char *out = output;
    assert_non_null(out);
    printf("%s", out);
    assert_int_equal(status, 0);

    static const char *const labels[] = {BENCH_LABEL_LIST};
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        if (count_lines(out, labels[i]) < 1)
            fail_msg("no \"%s\" line", labels[i]);
    }
    /* Both screens at each of the three sizes, with the memory of each. */
    static const char *const sizes[] = {"1280x720", "1920x1080", "3840x2160"};
    for (size_t i = 0; i < 3; i++) {
        char prefix[128];
        snprintf(prefix, sizeof prefix, "%s, %s", BENCH_LABEL_FRAME_TITLE, sizes[i]);
        assert_true(count_lines(out, prefix) >= 1);
        snprintf(prefix, sizeof prefix, "%s, %s", BENCH_LABEL_FRAME_WORKOUT, sizes[i]);
        assert_true(count_lines(out, prefix) >= 1);
        snprintf(prefix, sizeof prefix, "%s, %s", BENCH_LABEL_RSS_RENDER, sizes[i]);
        assert_true(count_lines(out, prefix) >= 1);
        /* SDL's own floor and the minimal scene beside them, and the ratios. */
        snprintf(prefix, sizeof prefix, "%s, %s", BENCH_LABEL_FRAME_BARE, sizes[i]);
        assert_true(count_lines(out, prefix) >= 1);
        snprintf(prefix, sizeof prefix, "%s, %s", BENCH_LABEL_FRAME_MINIMAL, sizes[i]);
        assert_true(count_lines(out, prefix) >= 1);
        snprintf(prefix, sizeof prefix, "%s, %s", BENCH_LABEL_FRAME_RATIO, sizes[i]);
        assert_true(count_lines(out, prefix) >= 1);
    }
    /* Every figure was taken (the beep test is skipped with --quick, and
     * says so). */
    assert_null(strstr(out, "not measured"));
}

static int free_output(void **state)
{
    (void)state;
    free(output);
    output = NULL;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH-TO-corequest-bench\n", argv[0]);
        return 2;
    }
    bench_path = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_quick_run_prints_every_figure, free_output),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
