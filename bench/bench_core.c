/* bench_core.c: the pure core's figures (no SDL): level pack load, per-file
 * parse in memory, and a whole daily session on the virtual clock. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "levels_load.h"
#include "plan.h"

typedef struct {
    char *texts[PROGRAM_MAX_TRACKS];
    size_t lens[PROGRAM_MAX_TRACKS];
    const char *names[PROGRAM_MAX_TRACKS];
    int count;
} LevelFiles;

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    if (fseek(f, 0, SEEK_END) == 0) {
        long size = ftell(f);
        if (size >= 0 && fseek(f, 0, SEEK_SET) == 0) {
            buf = malloc((size_t)size + 1);
            if (buf && fread(buf, 1, (size_t)size, f) == (size_t)size) {
                buf[size] = '\0';
                *len = (size_t)size;
            } else {
                free(buf);
                buf = NULL;
            }
        }
    }
    fclose(f);
    return buf;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The files the loader accepted, as it found them (each track keeps its
 * source path), so the parse figure covers exactly the loaded pack. */
static int files_read(const Program *p, LevelFiles *lf)
{
    memset(lf, 0, sizeof *lf);
    for (int t = 0; t < p->track_count; t++) {
        lf->texts[t] = read_file(p->tracks[t].source_path, &lf->lens[t]);
        lf->names[t] = p->tracks[t].source_path;
        if (!lf->texts[t]) {
            fprintf(stderr, "corequest-bench: cannot read %s\n", p->tracks[t].source_path);
            return -1;
        }
        lf->count++;
    }
    return 0;
}

static void files_free(LevelFiles *lf)
{
    for (int i = 0; i < lf->count; i++)
        free(lf->texts[i]);
    lf->count = 0;
}

static int figure_load(const BenchConfig *c, Program *program, double *samples, int runs)
{
    int tracks = 0;
    for (int i = 0; i < runs; i++) {
        double t0 = bench_now();
        tracks = bench_load_once(c->levels_dir, program);
        samples[i] = bench_now() - t0;
    }
    if (tracks <= 0) {
        fprintf(stderr, "corequest-bench: no levels loaded from %s\n", c->levels_dir);
        return -1;
    }
    int levels = 0;
    for (int t = 0; t < program->track_count; t++)
        levels += program->tracks[t].level_count;
    BenchStats st = bench_stats(samples, runs);
    printf("%s: %d tracks, %d levels, from disk: median %.3f ms (min %.3f, max %.3f; %d runs)\n",
           BENCH_LABEL_LOAD, tracks, levels, st.median * 1e3, st.min * 1e3, st.max * 1e3, runs);
    return 0;
}

static int figure_parse(const Program *loaded, double *samples, int runs)
{
    static Program scratch;
    LevelFiles lf;
    if (files_read(loaded, &lf) != 0) {
        files_free(&lf);
        return -1;
    }
    double per_file[PROGRAM_MAX_TRACKS];
    int smallest = 0, largest = 0;
    size_t bytes = 0;
    for (int f = 0; f < lf.count; f++) {
        for (int i = 0; i < runs; i++) {
            double t0 = bench_now();
            int got = bench_parse_once(&lf.names[f], (const char *const *)&lf.texts[f],
                                       &lf.lens[f], 1, &scratch);
            samples[i] = bench_now() - t0;
            if (got != 1) {
                fprintf(stderr, "corequest-bench: %s no longer parses\n", lf.names[f]);
                files_free(&lf);
                return -1;
            }
        }
        per_file[f] = bench_stats(samples, runs).median;
        bytes += lf.lens[f];
        if (lf.lens[f] < lf.lens[smallest]) smallest = f;
        if (lf.lens[f] > lf.lens[largest]) largest = f;
    }
    double small_ms = per_file[smallest] * 1e3, large_ms = per_file[largest] * 1e3;
    const char *small_name = base_name(lf.names[smallest]);
    const char *large_name = base_name(lf.names[largest]);
    size_t small_bytes = lf.lens[smallest], large_bytes = lf.lens[largest];
    int count = lf.count;
    BenchStats across = bench_stats(per_file, count);
    printf("%s: %d files in memory (%.1f KiB): median %.3f ms per file; "
           "%s (%.1f KiB) %.3f ms, %s (%.1f KiB) %.3f ms\n",
           BENCH_LABEL_PARSE, count, (double)bytes / 1024.0, across.median * 1e3, small_name,
           (double)small_bytes / 1024.0, small_ms, large_name, (double)large_bytes / 1024.0,
           large_ms);
    files_free(&lf);
    return 0;
}

static int figure_session(const Program *program, double *samples, int runs)
{
    static Session session;
    Plan plan;
    if (plan_build_daily(program, NULL, &plan) <= 0) {
        fprintf(stderr, "corequest-bench: today's plan is empty\n");
        return -1;
    }
    BenchDaily daily;
    for (int i = 0; i < runs; i++) {
        double t0 = bench_now();
        bench_daily_once(&plan, &session, false, &daily);
        samples[i] = bench_now() - t0;
    }
    if (!session_done(&session)) {
        fprintf(stderr, "corequest-bench: the daily session never ended\n");
        return -1;
    }
    BenchStats st = bench_stats(samples, runs);
    double real_s = (double)daily.virtual_ms / 1000.0;
    printf("%s: %d exercises, %.1f virtual minutes, %ld steps, %ld cues: median %.3f ms "
           "(%.0f ns per step, %.0fx real time; %d runs)\n",
           BENCH_LABEL_SESSION, plan.count, real_s / 60.0, daily.steps, daily.cues,
           st.median * 1e3, st.median * 1e9 / (double)daily.steps, real_s / st.median, runs);
    return 0;
}

int bench_part_core(const BenchConfig *c)
{
    static Program program;
    int runs = bench_runs(c, 51, 3);
    double *samples = calloc((size_t)runs, sizeof *samples);
    if (!samples)
        return 1;
    int rc = figure_load(c, &program, samples, runs);
    if (rc == 0)
        rc = figure_parse(&program, samples, runs);
    if (rc == 0)
        rc = figure_session(&program, samples, runs);
    free(samples);
    return rc == 0 ? 0 : 1;
}
