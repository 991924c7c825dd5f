/* bench_speech_timing.c: the speech timing figure.  The audio area's audio_speech_timeline
 * test renders sessions through SDL's disk driver, voice only and beeps
 * only, and measures every prompt in the samples; its summary lines are the
 * figure: a whole daily session (sped up), and its own two levels at real
 * speed, which shows the speed-up changes nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

/* A real-time pass of the daily session is about 17 min of audio, twice.
 * The disk driver sleeps SDL_DISKAUDIODELAY ms after each 10 ms buffer: 3
 * plays it at about 2.7 times real time (the loop then has 3.7 ms a buffer
 * instead of 10).  10 is real time. */
#define BENCH_SPEECH_DAILY_DELAY "3"
#define BENCH_SPEECH_REAL_DELAY "10"

typedef struct {
    int prompts, late, cut, missing, hushed, under, beeps, scheduled, stray;
    double worst_ms, mean_ms;
    double minutes, pace, render_s;
    char what[160];
} SpeechFigures;

/* The line of the test's output that starts with prefix, or NULL. */
static const char *find_line(const char *out, const char *prefix)
{
    size_t n = strlen(prefix);
    const char *line = out;
    while (line && *line) {
        if (strncmp(line, prefix, n) == 0)
            return line;
        line = strchr(line, '\n');
        if (line)
            line++;
    }
    return NULL;
}

static int parse_figures(const char *out, SpeechFigures *f)
{
    memset(f, 0, sizeof *f);
    const char *sum = find_line(out, "speech: ");
    const char *render = find_line(out, "speech render: ");
    if (!sum || !render)
        return -1;
    if (sscanf(sum,
               "speech: %d prompts, %d late >100 ms (worst %lf ms, mean %lf ms), %d cut, "
               "%d missing, %d hushed, %d of %d beeps under speech (%d scheduled), %d stray",
               &f->prompts, &f->late, &f->worst_ms, &f->mean_ms, &f->cut, &f->missing,
               &f->hushed, &f->under, &f->beeps, &f->scheduled, &f->stray) != 11)
        return -1;
    const char *semi = strchr(render, ';');
    size_t what = semi ? (size_t)(semi - render) - strlen("speech render: ") : 0;
    if (!semi || what >= sizeof f->what)
        return -1;
    memcpy(f->what, render + strlen("speech render: "), what);
    f->what[what] = '\0';
    if (sscanf(semi, "; %lf min of audio per render, played at %lfx real time", &f->minutes,
               &f->pace) != 2)
        return -1;
    const char *in = strstr(semi, "both renders at once in ");
    if (!in || sscanf(in, "both renders at once in %lf s", &f->render_s) != 1)
        return -1;
    return 0;
}

/* Runs the test (args: NULL or "daily") with the disk driver's delay. */
static int run_test(const BenchConfig *c, const char *mode, const char *delay,
                    SpeechFigures *f, char **output)
{
    char delay_env[64];
    snprintf(delay_env, sizeof delay_env, "SDL_DISKAUDIODELAY=%s", delay);
    const char *env[] = {"SDL_AUDIODRIVER=disk", delay_env, "SDL_VIDEODRIVER=dummy", NULL};
    char *argv[] = {(char *)c->speech_test, (char *)mode, NULL};
    BenchChild child;
    int rc = bench_spawn(argv, env, true, &child);
    *output = child.output;
    /* A failed test still measured: its figures say what failed. */
    if (!child.output || parse_figures(child.output, f) != 0) {
        fprintf(stderr, "corequest-bench: %s %s failed (exit %d)\n", c->speech_test,
                mode ? mode : "", child.exit_code);
        if (child.output)
            fputs(child.output, stderr);
        return -1;
    }
    return rc == 0 ? 0 : 1;
}

static void print_figures(const char *what, const SpeechFigures *f, const char *delay)
{
    bool real = strcmp(delay, BENCH_SPEECH_REAL_DELAY) == 0;
    printf("%s, %s: %d prompts, %d late >100 ms (worst %+.1f ms, mean %+.1f ms), %d cut, "
           "%d missing, %d of %d beeps under speech (%s; %.1f min of audio per render, %s "
           "%.2fx real time, SDL_DISKAUDIODELAY=%s; voice and beep renders at once, %.0f s)\n",
           BENCH_LABEL_SPEECH, what, f->prompts, f->late, f->worst_ms, f->mean_ms, f->cut,
           f->missing, f->under, f->beeps, f->what, f->minutes,
           real ? "at real speed:" : "disk driver SPED UP to", f->pace, delay, f->render_s);
}

/* The per-class lines of the test: "speech class NAME prompts late cut
 * missing worst mean". */
static void print_classes(const char *output)
{
    for (const char *line = find_line(output, "speech class "); line;
         line = find_line(strchr(line, '\n'), "speech class ")) {
        char name[64];
        int prompts, late, cut, missing;
        double worst, mean;
        if (sscanf(line, "speech class %63s %d %d %d %d %lf %lf", name, &prompts, &late, &cut,
                   &missing, &worst, &mean) == 7)
            printf("%s, daily session, class %s: %d prompt%s, %d late, %d cut, %d missing, "
                   "worst %+.1f ms, mean %+.1f ms\n",
                   BENCH_LABEL_SPEECH, name, prompts, prompts == 1 ? "" : "s", late, cut, missing,
                   worst, mean);
    }
}

int bench_figure_speech(const BenchConfig *c)
{
    if (c->quick) {
        printf("%s: skipped with --quick (it plays a whole daily session, twice, through the "
               "disk driver: about 8 min)\n",
               BENCH_LABEL_SPEECH);
        return 0;
    }
    if (access(c->speech_test, X_OK) != 0) {
        printf("%s: not measured: %s is not built (build the target audio_speech_timeline)\n",
               BENCH_LABEL_SPEECH, c->speech_test);
        return 0;
    }
    int failures = 0;
    SpeechFigures f;
    char *output = NULL;
    int rc = run_test(c, "daily", BENCH_SPEECH_DAILY_DELAY, &f, &output);
    if (rc < 0) {
        printf("%s, whole daily session: not measured (see the error above)\n",
               BENCH_LABEL_SPEECH);
        failures++;
    } else {
        print_figures("whole daily session", &f, BENCH_SPEECH_DAILY_DELAY);
        print_classes(output);
        failures += rc != 0;
    }
    free(output);

    /* The same measure at real speed, on the test's own two levels. */
    rc = run_test(c, NULL, BENCH_SPEECH_REAL_DELAY, &f, &output);
    if (rc < 0) {
        printf("%s, two levels at real speed: not measured (see the error above)\n",
               BENCH_LABEL_SPEECH);
        failures++;
    } else {
        print_figures("two levels at real speed", &f, BENCH_SPEECH_REAL_DELAY);
        failures += rc != 0;
    }
    free(output);
    return failures ? -1 : 0;
}
