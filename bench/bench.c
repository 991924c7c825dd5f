/* bench.c: corequest-bench's entry point: runs each part in its own child
 * process (so each peak RSS is its own) and prints one line per figure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>

#include "bench.h"

#ifndef COREQUEST_BENCH_SANITIZED
#define COREQUEST_BENCH_SANITIZED 0
#endif

/* The sizes the issue names: 720p, 1080p and 4K. */
static const char *const frame_sizes[] = {"1280x720", "1920x1080", "3840x2160"};

static void usage(FILE *out)
{
    fputs("corequest-bench: prints corequest's performance figures (see docs/BENCHMARKS.md)\n"
          "\n"
          "Usage: corequest-bench [options]\n"
          "  --quick             few repeats and short spans (the smoke test)\n"
          "  --runs N            repeats per figure\n"
          "  --frames N          frames per screen (the workout draws twice as many)\n"
          "  --idle-seconds S    how long the idle title screen is watched (default 10)\n"
          "  --levels DIR        the level pack (default: the source tree's)\n"
          "  --assets DIR        fonts, sounds (default: the source tree's)\n"
          "  --binary PATH       the corequest binary to start\n"
          "  --core PATH         the corequest-bench-core binary to run\n"
          "  --hook PATH         the LD_PRELOAD present hook\n"
          "  --beep-test PATH    the audio_cue_timing test executable\n"
          "  --speech-wer        only the word error rate of the voices (same as\n"
          "                      --only speech-wer; needs pocketsphinx, skipped without)\n"
          "  --voice NAME,...    with --speech-wer: the voices (slt, rms, awb, kal16, kal,\n"
          "                      all; default all, and the default voice at its speed)\n"
          "  --rate P,...        with --speech-wer: speeds, percent of normal (default 100)\n"
          "  --wav-dir DIR       with --speech-wer: keep the WAVs and heard.tsv in DIR\n"
          "  --speech-test PATH  the audio_speech_timeline test executable\n"
          "The core's figures come from corequest-bench-core, run as a child.\n"
          "One part only, in this process (for callgrind or a closer look):\n"
          "  --only voice|speech-wer|start|frames|prepare|speech\n"
          "  --size WxH          with --only frames (default 1920x1080)\n"
          "  --data-dir DIR      with --only prepare|start: the save to use\n"
          "  --save-frames DIR   write the last title and workout frame of each size\n",
          out);
}

static int parse_size(const char *text, int *w, int *h)
{
    char extra;
    if (sscanf(text, "%dx%d%c", w, h, &extra) != 2 || *w < 320 || *h < 200 || *w > 8192 ||
        *h > 8192)
        return -1;
    return 0;
}

static int parse_args(int argc, char **argv, BenchConfig *c, const char **only)
{
    memset(c, 0, sizeof *c);
    c->levels_dir = COREQUEST_LEVELS_DIR;
    c->assets_dir = COREQUEST_ASSETS_DIR;
    c->binary = COREQUEST_BENCH_BINARY;
    c->core_binary = COREQUEST_BENCH_CORE;
    c->hook = COREQUEST_BENCH_HOOK;
    c->beep_test = COREQUEST_BENCH_BEEP_TEST;
    c->speech_test = COREQUEST_BENCH_SPEECH_TEST;
    *only = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes = strcmp(a, "--quick") != 0 && strcmp(a, "--help") != 0 &&
                     strcmp(a, "--speech-wer") != 0;
        if (takes && !v) {
            fprintf(stderr, "corequest-bench: %s needs a value\n", a);
            return 2;
        }
        if (!strcmp(a, "--quick")) c->quick = true;
        else if (!strcmp(a, "--help")) { usage(stdout); exit(0); }
        else if (!strcmp(a, "--runs")) c->runs = atoi(v);
        else if (!strcmp(a, "--frames")) c->frames = atoi(v);
        else if (!strcmp(a, "--idle-seconds")) c->idle_seconds = atof(v);
        else if (!strcmp(a, "--levels")) c->levels_dir = v;
        else if (!strcmp(a, "--assets")) c->assets_dir = v;
        else if (!strcmp(a, "--binary")) c->binary = v;
        else if (!strcmp(a, "--core")) c->core_binary = v;
        else if (!strcmp(a, "--hook")) c->hook = v;
        else if (!strcmp(a, "--beep-test")) c->beep_test = v;
        else if (!strcmp(a, "--speech-test")) c->speech_test = v;
        else if (!strcmp(a, "--only")) *only = v;
        else if (!strcmp(a, "--speech-wer")) *only = "speech-wer";
        else if (!strcmp(a, "--voice")) c->voices = v;
        else if (!strcmp(a, "--rate")) c->rates = v;
        else if (!strcmp(a, "--wav-dir")) c->wav_dir = v;
        else if (!strcmp(a, "--data-dir")) c->data_dir = v;
        else if (!strcmp(a, "--save-frames")) c->frames_dir = v;
        else if (!strcmp(a, "--size")) {
            if (parse_size(v, &c->width, &c->height) != 0) {
                fprintf(stderr, "corequest-bench: --size needs WIDTHxHEIGHT\n");
                return 2;
            }
        } else {
            fprintf(stderr, "corequest-bench: unknown option '%s' (see --help)\n", a);
            return 2;
        }
        if (takes)
            i++;
    }
    if (c->idle_seconds == 0)
        c->idle_seconds = c->quick ? 1 : 10;
    if (c->runs < 0 || c->frames < 0 || c->idle_seconds <= 0) {
        fprintf(stderr, "corequest-bench: --runs, --frames and --idle-seconds must be positive\n");
        return 2;
    }
    return 0;
}

static int run_only(const BenchConfig *c, const char *only)
{
    if (!strcmp(only, "voice")) return bench_part_voice(c);
    if (!strcmp(only, "speech-wer")) return bench_part_speech(c);
    if (!strcmp(only, "start")) return bench_part_start(c);
    if (!strcmp(only, "frames")) return bench_part_frames(c);
    if (!strcmp(only, "prepare")) return bench_part_prepare(c);
    if (!strcmp(only, "speech")) return bench_figure_speech(c) != 0;
    fprintf(stderr, "corequest-bench: no part '%s' (see --help)\n", only);
    return 2;
}

/* ------------------------------------------------------- the parent */

static char self_path[4096];

/* Runs one part in a child of its own: this very program with --only,
 * on the named video driver (NULL: dummy). */
static int run_part(const BenchConfig *c, const char *part, const char *size,
                    const char *driver, BenchChild *child)
{
    char driver_env[64];
    snprintf(driver_env, sizeof driver_env, "SDL_VIDEODRIVER=%s", driver ? driver : "dummy");
    /* Only matters off dummy: the figures are the software renderer's. */
    const char *env[] = {driver_env, "COREQUEST_RENDERER=software", NULL};
    char runs[16], frames[16];
    snprintf(runs, sizeof runs, "%d", c->runs);
    snprintf(frames, sizeof frames, "%d", c->frames);
    const char *argv[24];
    int n = 0;
    argv[n++] = self_path;
    argv[n++] = "--only";
    argv[n++] = part;
    argv[n++] = "--levels";
    argv[n++] = c->levels_dir;
    argv[n++] = "--assets";
    argv[n++] = c->assets_dir;
    argv[n++] = "--binary";
    argv[n++] = c->binary;
    if (c->quick) argv[n++] = "--quick";
    if (c->runs > 0) { argv[n++] = "--runs"; argv[n++] = runs; }
    if (c->frames > 0) { argv[n++] = "--frames"; argv[n++] = frames; }
    if (c->data_dir) { argv[n++] = "--data-dir"; argv[n++] = c->data_dir; }
    if (size) { argv[n++] = "--size"; argv[n++] = size; }
    if (c->frames_dir) { argv[n++] = "--save-frames"; argv[n++] = c->frames_dir; }
    argv[n] = NULL;
    int rc = bench_spawn((char *const *)argv, env, false, child);
    if (rc != 0)
        fprintf(stderr, "corequest-bench: part '%s' failed (exit %d)\n", part, child->exit_code);
    return rc;
}

static int run_core(const BenchConfig *c, BenchChild *child)
{
    char runs[16];
    snprintf(runs, sizeof runs, "%d", c->runs);
    const char *argv[8];
    int n = 0;
    argv[n++] = c->core_binary;
    argv[n++] = "--levels";
    argv[n++] = c->levels_dir;
    if (c->quick) argv[n++] = "--quick";
    if (c->runs > 0) { argv[n++] = "--runs"; argv[n++] = runs; }
    argv[n] = NULL;
    int rc = bench_spawn((char *const *)argv, NULL, false, child);
    if (rc != 0)
        fprintf(stderr, "corequest-bench: %s failed (exit %d)\n", c->core_binary,
                child->exit_code);
    return rc;
}

static void print_machine(void)
{
    char date[64];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(date, sizeof date, "%Y-%m-%d %H:%M", &tm);
    struct utsname u;
    if (uname(&u) != 0)
        memset(&u, 0, sizeof u);
    char cpu[128] = "unknown CPU";
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (f) {
        char line[256];
        while (fgets(line, sizeof line, f)) {
            char *colon = strchr(line, ':');
            if (colon && !strncmp(line, "model name", 10)) {
                snprintf(cpu, sizeof cpu, "%s", colon + 2);
                cpu[strcspn(cpu, "\n")] = '\0';
                break;
            }
        }
        fclose(f);
    }
    SDL_version v;
    SDL_GetVersion(&v);
    printf("corequest-bench %s: %s %s, %ld x %s, SDL %d.%d.%d, %s build%s\n", date, u.sysname,
           u.release, sysconf(_SC_NPROCESSORS_ONLN), cpu, v.major, v.minor, v.patch,
           COREQUEST_BENCH_BUILD_TYPE,
           COREQUEST_BENCH_SANITIZED ? " WITH SANITIZERS (figures not representative)" : "");
    printf("medians of wall-clock repeats; video: SDL dummy driver (and X11 when DISPLAY is "
           "set), software renderer\n");
}

/* Exec and exit with no window (--help): what loading the binary and its
 * shared libraries costs before the app does anything. */
static double process_baseline(const BenchConfig *c, int runs, double *samples)
{
    for (int i = 0; i < runs; i++) {
        char *argv[] = {(char *)c->binary, "--help", NULL};
        BenchChild child;
        int rc = bench_spawn(argv, NULL, true, &child);
        free(child.output);
        if (rc != 0)
            return -1;
        samples[i] = child.seconds;
    }
    return bench_stats(samples, runs).median;
}

static int figure_start(const BenchConfig *c)
{
    int runs = bench_runs(c, 11, 2);
    double *samples = calloc((size_t)runs, sizeof *samples);
    double *rss = calloc((size_t)runs, sizeof *rss);
    int rc = samples && rss ? 0 : -1;
    double ignored, ignored_rss;
    /* One unmeasured start: the page cache and the save's first open. */
    if (rc == 0)
        rc = bench_first_present(c, "dummy", &ignored, &ignored_rss);
    double baseline = rc == 0 ? process_baseline(c, runs, samples) : -1;
    if (baseline < 0)
        rc = -1;
    for (int i = 0; i < runs && rc == 0; i++)
        rc = bench_first_present(c, "dummy", &samples[i], &rss[i]);
    if (rc == 0) {
        BenchStats st = bench_stats(samples, runs);
        BenchStats mem = bench_stats(rss, runs);
        printf("%s: median %.1f ms (min %.1f, max %.1f; %d runs; title screen at 1280x720, "
               "audio and voice open; exec and exit of --help alone %.1f ms; peak RSS %.1f MiB)\n",
               BENCH_LABEL_START_EXEC, st.median * 1e3, st.min * 1e3, st.max * 1e3, runs,
               baseline * 1e3, mem.median);
    } else {
        printf("%s: not measured (see the error above)\n", BENCH_LABEL_START_EXEC);
    }
    free(samples);
    free(rss);
    return rc;
}

static int figure_idle(const BenchConfig *c, const char *driver)
{
    BenchIdle idle;
    if (bench_idle(c, driver, &idle) != 0) {
        printf("%s, %s video: not measured (see the error above)\n", BENCH_LABEL_IDLE, driver);
        return -1;
    }
    printf("%s, %s video, title screen, %.1f s: %.2f%% of a core, %.0f wakeups/s (", BENCH_LABEL_IDLE,
           driver, idle.span_s, 100.0 * idle.cpu_s / idle.span_s,
           (double)idle.wakeups / idle.span_s);
    for (int i = 0; i < idle.thread_count; i++)
        printf("%s%s %.2f%% %.0f/s", i ? ", " : "", idle.threads[i].name,
               100.0 * idle.threads[i].cpu_s / idle.span_s,
               (double)idle.threads[i].wakeups / idle.span_s);
    printf(")\n");
    return 0;
}

/* The audio area's real-time test already measures beep onsets in what
 * the disk driver wrote; its summary line is the figure. */
static int figure_beeps(const BenchConfig *c, const char *scratch)
{
    if (c->quick) {
        printf("%s: skipped with --quick (the test plays a 20 s session in real time)\n",
               BENCH_LABEL_BEEPS);
        return 0;
    }
    if (access(c->beep_test, X_OK) != 0) {
        printf("%s: not measured: %s is not built (build the target audio_cue_timing)\n",
               BENCH_LABEL_BEEPS, c->beep_test);
        return 0;
    }
    char raw[4200], raw_env[4300];
    snprintf(raw, sizeof raw, "%s/audio_timing.raw", scratch);
    snprintf(raw_env, sizeof raw_env, "SDL_DISKAUDIOFILE=%s", raw);
    const char *env[] = {"SDL_AUDIODRIVER=disk", raw_env, "SDL_VIDEODRIVER=dummy", NULL};
    char *argv[] = {(char *)c->beep_test, NULL};
    BenchChild child;
    int rc = bench_spawn(argv, env, true, &child);
    const char *line = child.output ? strstr(child.output, " beeps scheduled, ") : NULL;
    int scheduled = 0, measured = 0;
    double worst = 0, mean = 0;
    while (line && line > child.output && line[-1] != '\n')
        line--;
    if (rc != 0 || !line ||
        sscanf(line, "%d beeps scheduled, %d measured: worst %lf ms, mean %lf ms", &scheduled,
               &measured, &worst, &mean) != 4) {
        printf("%s: not measured: %s failed (exit %d)\n", BENCH_LABEL_BEEPS, c->beep_test,
               child.exit_code);
        if (child.output)
            fputs(child.output, stderr);
        free(child.output);
        return -1;
    }
    printf("%s: worst %.2f ms, mean %.3f ms, over %d of %d beeps (audio_cue_timing: disk "
           "driver, 48 kHz, 480-frame buffers; %.0f s)\n",
           BENCH_LABEL_BEEPS, worst, mean, measured, scheduled, child.seconds);
    free(child.output);
    remove(raw);
    return 0;
}

static void print_rss(const char *what, const BenchChild *child)
{
    if (child->exit_code == 0)
        printf("%s: %.1f MiB\n", what, child->max_rss_mb);
    else
        printf("%s: not measured (the run failed)\n", what);
}

int main(int argc, char **argv)
{
    BenchConfig c;
    const char *only = NULL;
    int status = parse_args(argc, argv, &c, &only);
    if (status != 0)
        return status;
    /* No sound card here, and the figures must not depend on one. */
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    if (only)
        return run_only(&c, only);

    ssize_t n = readlink("/proc/self/exe", self_path, sizeof self_path - 1);
    if (n <= 0) {
        fprintf(stderr, "corequest-bench: cannot find itself (/proc/self/exe)\n");
        return 1;
    }
    self_path[n] = '\0';
    char scratch[4096];
    if (bench_scratch_make(scratch, sizeof scratch) != 0) {
        fprintf(stderr, "corequest-bench: cannot make a scratch folder\n");
        return 1;
    }
    char save_dir[4200];
    snprintf(save_dir, sizeof save_dir, "%s/save", scratch);

    print_machine();
    int failures = 0;
    BenchChild child;

    /* 1, 2: the core, and its memory. */
    failures += run_core(&c, &child) != 0;
    print_rss(BENCH_LABEL_RSS_CORE, &child);

    /* 3: start-up of the real binary and in-process, on a returning
     * player's save (history, safety notice seen: the title screen). */
    c.data_dir = save_dir;
    if (run_part(&c, "prepare", NULL, NULL, &child) != 0) {
        failures++;
        printf("%s: not measured (no save to start on)\n", BENCH_LABEL_START_EXEC);
        printf("%s: not measured (no save to start on)\n", BENCH_LABEL_START_APP);
    } else {
        failures += figure_start(&c) != 0;
        failures += run_part(&c, "start", NULL, NULL, &child) != 0;
    }

    /* 3, 7: frame times per size, and each size's memory; on X11 as well
     * when a display is there (e.g. under xvfb-run), where a present really
     * copies the picture out. */
    c.data_dir = NULL;
    const char *drivers[] = {"dummy", getenv("DISPLAY") ? "x11" : NULL};
    for (size_t d = 0; d < 2 && drivers[d]; d++) {
        for (size_t i = 0; i < sizeof frame_sizes / sizeof frame_sizes[0]; i++) {
            failures += run_part(&c, "frames", frame_sizes[i], drivers[d], &child) != 0;
            char what[128];
            snprintf(what, sizeof what, "%s, %s, %s video", BENCH_LABEL_RSS_RENDER,
                     frame_sizes[i], drivers[d]);
            print_rss(what, &child);
        }
    }

    /* 4: idle CPU on the title screen, on dummy video, and on X11 too when a
     * display is there (e.g. under xvfb-run). */
    c.data_dir = save_dir;
    failures += figure_idle(&c, "dummy") != 0;
    if (getenv("DISPLAY"))
        failures += figure_idle(&c, "x11") != 0;

    /* 5: the voice. */
    c.data_dir = NULL;
    failures += run_part(&c, "voice", NULL, NULL, &child) != 0;

    /* 6: beep timing. */
    failures += figure_beeps(&c, scratch) != 0;

    /* 8: how well the voices are understood (minutes of recognition). */
    if (c.quick)
        printf("%s: skipped with --quick (pocketsphinx hears every prompt of every voice)\n",
               BENCH_LABEL_SPEECH_WER);
    else
        failures += run_part(&c, "speech-wer", NULL, NULL, &child) != 0;

    /* 9: speech timing: a whole daily session rendered and measured. */
    failures += bench_figure_speech(&c) != 0;

    bench_scratch_remove(scratch);
    if (failures)
        fprintf(stderr, "corequest-bench: %d part(s) failed\n", failures);
    return failures ? 1 : 0;
}
