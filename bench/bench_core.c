/* bench_core.c: the pure core's figures (no SDL): level pack load, per-file
 * parse in memory, a whole daily session on the virtual clock, and the
 * motion detector over the shipped traces. */
#include <dirent.h>
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

static int trace_add_sample(BenchTrace *t, const MotionSample *smp)
{
    if (t->count == t->cap) {
        int cap = t->cap ? t->cap * 2 : 4096;
        MotionSample *grown = realloc(t->samples, (size_t)cap * sizeof *grown);
        if (!grown)
            return -1;
        t->samples = grown;
        t->cap = cap;
    }
    t->samples[t->count++] = *smp;
    return 0;
}

static int trace_read(const Program *program, const char *path, BenchTrace *t)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "corequest-bench: cannot read %s\n", path);
        return -1;
    }
    memset(t, 0, sizeof *t);
    char line[512], id[64];
    MotionStrap strap;
    int lineno = 0, rc = 0;
    bool have_level = false;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        lineno++;
        long long at;
        if (!have_level && motion_trace_parse_level(line, id, sizeof id, &strap)) {
            const Level *l = program_find_level(program, id, NULL, NULL);
            if (!l || l->motion.strap == MOTION_STRAP_NONE) {
                fprintf(stderr, "corequest-bench: %s: level %s has no motion profile\n",
                        path, id);
                rc = -1;
            }
            if (l)
                t->profile = l->motion;
            have_level = true;
            continue;
        }
        if (sscanf(line, "c %lld get_ready", &at) == 1 && strstr(line, " get_ready") &&
            t->calib_count < (int)(sizeof t->calib_at / sizeof t->calib_at[0])) {
            t->calib_at[t->calib_count++] = at;
            continue;
        }
        MotionSample smp;
        bool is_sample;
        char err[128];
        if (!motion_trace_parse_line(line, &smp, &is_sample, err, sizeof err)) {
            fprintf(stderr, "corequest-bench: %s:%d: %s\n", path, lineno, err);
            rc = -1;
        } else if (is_sample && trace_add_sample(t, &smp) != 0) {
            rc = -1;
        }
    }
    fclose(f);
    if (rc == 0 && (!have_level || t->count == 0 || t->calib_count == 0)) {
        fprintf(stderr, "corequest-bench: %s: no level, samples or get-ready cue\n", path);
        rc = -1;
    }
    return rc;
}

static int name_order(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int figure_motion(const BenchConfig *c, const Program *program, int runs)
{
    enum { TRACES_MAX = 64 };
    static BenchTrace traces[TRACES_MAX];
    char *names[TRACES_MAX];
    int count = 0, rc = 0;
    DIR *dir = opendir(c->traces_dir);
    if (!dir) {
        fprintf(stderr, "corequest-bench: cannot open %s\n", c->traces_dir);
        return -1;
    }
    for (struct dirent *e; (e = readdir(dir)) != NULL && count < TRACES_MAX;) {
        size_t n = strlen(e->d_name);
        if (n > 6 && strcmp(e->d_name + n - 6, ".trace") == 0)
            names[count++] = strdup(e->d_name);
    }
    closedir(dir);
    qsort(names, (size_t)count, sizeof names[0], name_order);
    long samples = 0;
    int64_t span_ms = 0;
    int loaded = 0;
    for (int i = 0; i < count && rc == 0; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", c->traces_dir, names[i]);
        rc = trace_read(program, path, &traces[i]);
        if (rc == 0) {
            samples += traces[i].count;
            span_ms += traces[i].samples[traces[i].count - 1].t_ms - traces[i].samples[0].t_ms;
        }
        loaded = i + 1;
    }
    if (rc == 0 && count == 0) {
        fprintf(stderr, "corequest-bench: no .trace files in %s\n", c->traces_dir);
        rc = -1;
    }
    double *times = calloc((size_t)runs, sizeof *times);
    long events = 0;
    for (int r = 0; rc == 0 && r < runs; r++) {
        if (!times) {
            rc = -1;
            break;
        }
        double t0 = bench_now();
        events = bench_motion_once(traces, count);
        times[r] = bench_now() - t0;
    }
    if (rc == 0) {
        BenchStats st = bench_stats(times, runs);
        double ns = st.median * 1e9 / (double)samples;
        double rate_hz = (double)samples * 1000.0 / (double)span_ms;
        /* A DualSense sends about 250 readings a second, a Switch Pro pad
         * up to 1000 (in SDL's batches): the cost a second at 1000 Hz. */
        printf("%s: %d traces, %ld samples (%.1f minutes at %.0f Hz), %ld events: "
               "median %.0f ns per sample (%.4f%% of one core at 1000 Hz; %d runs)\n",
               BENCH_LABEL_MOTION, count, samples, (double)span_ms / 60000.0, rate_hz, events,
               ns, ns * 1000.0 / 1e9 * 100.0, runs);
    }
    free(times);
    for (int i = 0; i < loaded; i++)
        free(traces[i].samples);
    for (int i = 0; i < count; i++)
        free(names[i]);
    return rc;
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
    if (rc == 0)
        rc = figure_motion(c, &program, bench_runs(c, 21, 2));
    free(samples);
    return rc == 0 ? 0 : 1;
}
