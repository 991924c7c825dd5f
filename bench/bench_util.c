/* bench_util.c: timing, order statistics, peak memory and the scratch
 * folder, for every part of the benchmark. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

int bench_runs(const BenchConfig *c, int normal, int quick)
{
    if (c->runs > 0)
        return c->runs;
    return c->quick ? quick : normal;
}

double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

BenchStats bench_stats(double *samples, int n)
{
    BenchStats st = {0};
    if (n < 1)
        return st;
    qsort(samples, (size_t)n, sizeof *samples, compare_double);
    double sum = 0;
    for (int i = 0; i < n; i++)
        sum += samples[i];
    st.n = n;
    st.min = samples[0];
    st.max = samples[n - 1];
    st.mean = sum / n;
    /* Even counts take the mean of the middle two, so 2 runs are not
     * reported as the slower one. */
    st.median = (n % 2) ? samples[n / 2] : (samples[n / 2 - 1] + samples[n / 2]) / 2;
    int k = (int)(0.95 * (n - 1) + 0.5);
    st.p95 = samples[k];
    return st;
}

double bench_peak_rss_mb(void)
{
    struct rusage ru;
    if (getrusage(RUSAGE_SELF, &ru) != 0)
        return 0;
    return (double)ru.ru_maxrss / 1024.0; /* Linux reports KiB */
}

int bench_scratch_make(char *path, size_t size)
{
    const char *tmp = getenv("TMPDIR");
    if (!tmp || !tmp[0])
        tmp = "/tmp";
    int n = snprintf(path, size, "%s/corequest-bench-XXXXXX", tmp);
    if (n < 0 || (size_t)n >= size)
        return -1;
    return mkdtemp(path) ? 0 : -1;
}

/* Removes what the bench itself put in its own mkdtemp folder: the save's
 * files, the beep test's audio; never follows a link out of it. */
static void remove_tree(const char *path, int depth)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode) && depth < 4) {
        DIR *d = opendir(path);
        if (d) {
            struct dirent *e;
            while ((e = readdir(d)) != NULL) {
                if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                    continue;
                char child[4096];
                int n = snprintf(child, sizeof child, "%s/%s", path, e->d_name);
                if (n > 0 && (size_t)n < sizeof child)
                    remove_tree(child, depth + 1);
            }
            closedir(d);
        }
        rmdir(path);
    } else {
        unlink(path);
    }
}

void bench_scratch_remove(const char *path)
{
    if (path && path[0] && strstr(path, "corequest-bench-"))
        remove_tree(path, 0);
}
