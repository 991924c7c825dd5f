/* bench.c: measures what the issues care about and prints it.
 * Timings are wall-clock medians on this machine; use callgrind for exact
 * instruction counts (see docs/BENCHMARKS.md). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "levels_load.h"
#include "plan.h"
#include "session.h"

static double now_s(void)
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

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, compare_double);
    return v[n / 2];
}

typedef struct {
    long cues;
    long waits;
} CueCount;

static void count_cue(void *ctx, const Cue *cue)
{
    CueCount *c = ctx;
    c->cues++;
    if (cue->kind == CUE_PHASE && cue->deadline_ms < 0)
        c->waits++;
}

/* A whole daily session, stepped every 10 ms of virtual time as the window
 * does, confirming each rep the moment it waits. Returns the steps taken. */
static long run_daily(const Plan *plan, CueCount *count, int64_t *virtual_ms)
{
    static Session s;
    session_init(&s, plan, session_config_default(), count_cue, count);
    session_start(&s, 0);
    int64_t t = 0;
    long steps = 0;
    while (!session_done(&s) && t < 6 * 3600 * 1000) {
        t += 10;
        Action a = (s.phase == PHASE_WAIT_CONFIRM) ? ACTION_CONFIRM : ACTION_NONE;
        session_step(&s, t, a);
        steps++;
    }
    *virtual_ms = t;
    return steps;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : COREQUEST_LEVELS_DIR;
    static Program program;
    static LevelErrors errors;
    enum { RUNS = 51 };
    double samples[RUNS];

    for (int i = 0; i < RUNS; i++) {
        double t0 = now_s();
        memset(&errors, 0, sizeof errors);
        levels_load_dir(dir, &program, &errors);
        samples[i] = now_s() - t0;
    }
    int levels = 0;
    for (int t = 0; t < program.track_count; t++)
        levels += program.tracks[t].level_count;
    printf("level pack load (%d tracks, %d levels): median %.3f ms\n",
           program.track_count, levels, median(samples, RUNS) * 1e3);

    Plan plan;
    plan_build_daily(&program, NULL, &plan);
    CueCount count = {0, 0};
    int64_t virtual_ms = 0;
    long steps = 0;
    for (int i = 0; i < RUNS; i++) {
        count = (CueCount){0, 0};
        double t0 = now_s();
        steps = run_daily(&plan, &count, &virtual_ms);
        samples[i] = now_s() - t0;
    }
    double daily = median(samples, RUNS);
    printf("simulated daily session: %.1f virtual minutes, %ld steps, %ld cues: "
           "median %.3f ms (%.0f ns per step)\n",
           (double)virtual_ms / 60000.0, steps, count.cues, daily * 1e3,
           daily * 1e9 / (double)steps);

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak RSS: %.1f MB\n", (double)ru.ru_maxrss / 1024.0);
    return 0;
}
