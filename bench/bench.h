/* bench.h: what the benchmark's parts share: the run settings, timing and
 * statistics, child processes, and the parts themselves (one per --only). */
#ifndef COREQUEST_BENCH_H
#define COREQUEST_BENCH_H

#include <stdbool.h>
#include <stddef.h>

#include "bench_labels.h"
#include "motion.h"
#include "program.h"
#include "session.h"

/* Run settings, from the command line; each part reads what it needs. */
typedef struct {
    bool quick;              /* --quick: few repeats, short spans (smoke test) */
    int runs;                /* --runs N: repeats per figure, 0 = the part's default */
    int frames;              /* --frames N: frames per screen, 0 = default */
    double idle_seconds;     /* --idle-seconds S */
    int width, height;       /* --size WxH, for --only frames */
    const char *levels_dir;  /* --levels DIR */
    const char *traces_dir;  /* --traces DIR: motion traces (corequest-bench-core) */
    const char *assets_dir;  /* --assets DIR */
    const char *data_dir;    /* --data-dir DIR: a save prepared by --only prepare */
    const char *frames_dir;  /* --save-frames DIR: PNGs of the last frames drawn */
    const char *binary;      /* --binary PATH: the real corequest */
    const char *core_binary; /* --core PATH: corequest-bench-core */
    const char *hook;        /* --hook PATH: present_hook.so for LD_PRELOAD */
    const char *beep_test;   /* --beep-test PATH: the audio_cue_timing test */
    const char *voices;      /* --voice NAME,..: speech-wer's voices (default: all) */
    const char *rates;       /* --rate P,..: speech-wer's speeds, percent (default 100) */
    const char *wav_dir;     /* --wav-dir DIR: keep speech-wer's WAVs and what was heard */
    const char *speech_test; /* --speech-test PATH: the audio_speech_timeline test */
} BenchConfig;

/* Repeats: the given default, or what --runs / --quick ask for. */
int bench_runs(const BenchConfig *c, int normal, int quick);

/* ------------------------------------------------------- statistics */

typedef struct {
    double median, mean, min, max, p95;
    int n;
} BenchStats;

/* Monotonic seconds. */
double bench_now(void);
/* Sorts samples in place; n >= 1. */
BenchStats bench_stats(double *samples, int n);
/* Peak resident set of this process so far, in MiB. */
double bench_peak_rss_mb(void);

/* --------------------------------------------------- the parts (--only) */

/* Each prints its figure lines and returns 0, or 1 after saying what failed. */
int bench_part_core(const BenchConfig *c);    /* load, parse, daily session,
                                                 motion detector
                                                 (corequest-bench-core) */
int bench_part_prepare(const BenchConfig *c); /* fills c->data_dir with a save */
int bench_part_start(const BenchConfig *c);   /* app_create .. first frame */
int bench_part_frames(const BenchConfig *c);  /* title and workout frame times */
int bench_part_voice(const BenchConfig *c);   /* flite and the voice cache */
int bench_part_speech(const BenchConfig *c);  /* word error rate per voice
                                                 (pocketsphinx; skipped without) */

/* The speech figure: audio_speech_timeline on the whole daily session (the
 * disk driver sped up) and on its two levels at real speed.  Prints its
 * lines; returns 0, or -1 when a run failed or found faults. */
int bench_figure_speech(const BenchConfig *c);

/* ---------------------------------------- the measured work (callgrind) */

/* Kept in bench_work.c, apart from the timing loops, so that the compiler
 * cannot inline them and `callgrind --toggle-collect=NAME` counts exactly
 * one of each.  Returns what the work produced, so it cannot be elided. */
int bench_load_once(const char *dir, Program *out);
/* Parses count in-memory files into out (cleared first); returns tracks. */
int bench_parse_once(const char *const *names, const char *const *texts,
                     const size_t *lens, int count, Program *out);
typedef struct {
    long steps, cues;
    int64_t virtual_ms;
    char short_text[CUE_TEXT_MAX]; /* the first "hold_..." prompt said */
    char long_text[CUE_TEXT_MAX];  /* the longest prompt said */
} BenchDaily;
/* A whole daily session stepped every 10 ms of virtual time, as the window
 * does, each rep confirmed the moment it waits.  s is scratch space.  The
 * timed runs only count cues (collect_text false): the figure is the core's
 * cost, not the bench's. */
long bench_daily_once(const Plan *plan, Session *s, bool collect_text, BenchDaily *out);
/* One shipped motion trace in memory: its level's profile, its samples, and
 * where the session calibrated (each get-ready cue). */
typedef struct {
    MotionProfile profile;
    MotionSample *samples;
    int count, cap;
    int64_t calib_at[64];
    int calib_count;
} BenchTrace;
/* Feeds every trace through a fresh detector, calibrating where the session
 * did; returns the events it gave. */
long bench_motion_once(const BenchTrace *traces, int count);

/* -------------------------------------------------- child processes */

typedef struct {
    int exit_code;      /* -1: killed by a signal, or could not run */
    double seconds;     /* fork to exit */
    double max_rss_mb;  /* the child's peak resident set */
    char *output;       /* its stdout when captured (caller frees), else NULL */
} BenchChild;

/* Runs argv (argv[0] a path) with extra "NAME=value" settings (env may be
 * NULL; NULL-terminated).  capture: its stdout and stderr are collected
 * into out->output, else it shares ours.  Returns 0 if it ran and exited 0. */
int bench_spawn(char *const argv[], const char *const env[], bool capture, BenchChild *out);

/* The real binary, started on the save in data_dir with SDL_VIDEODRIVER =
 * driver: seconds from fork to the end of its first SDL_RenderPresent
 * (reported by the LD_PRELOAD hook, which then ends the process). */
int bench_first_present(const BenchConfig *c, const char *driver, double *seconds,
                        double *max_rss_mb);

enum { BENCH_THREADS_MAX = 16 };

typedef struct {
    char name[32];
    double cpu_s;
    long wakeups;  /* times scheduled onto a CPU */
} BenchThread;

typedef struct {
    double span_s;   /* how long it was watched */
    double cpu_s;    /* CPU time of the whole process over the span */
    long wakeups;
    BenchThread threads[BENCH_THREADS_MAX];
    int thread_count;
    double max_rss_mb;
} BenchIdle;

/* The real binary left on its title screen: CPU used over c->idle_seconds,
 * from one second after its first present. */
int bench_idle(const BenchConfig *c, const char *driver, BenchIdle *out);

/* The scratch folder for saves and the beep test's audio file. */
int bench_scratch_make(char *path, size_t size);
void bench_scratch_remove(const char *path);

#endif
