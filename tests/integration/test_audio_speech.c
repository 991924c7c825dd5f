/* test_audio_speech.c: the shipped pack rendered through SDL's disk driver
 * twice on one timeline, voice only and beeps only, and measured from the
 * samples: no prompt late, cut or missing, and no beep under words.
 *
 *   audio_speech_timeline          two short levels (the ctest)
 *   audio_speech_timeline daily    today's whole session (corequest-bench)
 *
 * Each render runs in a child process of its own (a process has one disk
 * device), both at once, stepped as the audio-only shell steps: audio_wait,
 * session_step, audio_prepare, in tempo mode with no input.  The disk
 * driver's pace is SDL_DISKAUDIODELAY ms per 10 ms buffer (10: real time);
 * the timeline is on the audio clock, so a faster pace changes no cue, it
 * only leaves the loop less time per buffer.  The prompts are then made
 * again by a voice of this process, and each must appear in the voice
 * render sample for sample, from an onset at its time. */
#define _GNU_SOURCE /* MAP_ANONYMOUS */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_mixer.h>

#include "audio.h"
#include "plan.h"
#include "session.h"
#include "settings.h"
#include "speech_timing.h"
#include "test_support.h"
#include "voice.h"

enum {
    RENDER_CUES_MAX = 4096,
    CLASSES_MAX = 32,
    TAIL_MS = 1500,            /* the last words play out after the session ends */
    WAIT_MS = 20,              /* audio_wait's longest sleep, as --audio-only's */
    LEVEL_LIMIT_MS = 600000,   /* audio time: a run that hangs still ends */
    DAILY_LIMIT_MS = 3600000
};

/* What a render heard from the session: every cue that sounds or stops sound. */
typedef struct {
    int64_t at_ms; /* from the session's start */
    CueKind kind;
    BeepKind beep;
    int duration_ms;
    char key[CUE_KEY_MAX];
    char text[CUE_TEXT_MAX];
    const char *why;
} Heard;

/* A render's results, in memory shared with the parent. */
typedef struct {
    int status; /* 0: rendered */
    char error[256];
    int64_t origin_ms; /* the audio clock at session_start */
    int64_t end_ms;    /* session time when it was done */
    double wall_s;     /* from session_start to the end of the tail */
    int64_t played_ms; /* audio time over wall_s */
    unsigned hits, misses;
    int paused, lost, dropped;
    /* The loop's pace: the longest audio time between two steps, where it
     * began (session ms), and how many steps came more than two buffers
     * apart.  A prompt late by more than a buffer or so comes from here. */
    int64_t longest_gap_ms, longest_gap_at;
    int slow_steps;
    int count;
    bool overflow;
    Heard cues[RENDER_CUES_MAX];
} Render;

typedef struct {
    Audio *audio;
    Render *out;
} Recorder;

static bool daily_mode;

/* ------------------------------------------------------------ rendering */

static void record_cue(void *ctx, const Cue *cue)
{
    Recorder *r = ctx;
    Render *out = r->out;
    if (cue->kind == CUE_PAUSED) out->paused++;
    if (cue->kind == CUE_SAY_DROPPED) out->dropped++;
    if (cue->kind == CUE_SAY || cue->kind == CUE_BEEP || cue->kind == CUE_HUSH ||
        cue->kind == CUE_SAY_DROPPED || cue->kind == CUE_PAUSED) {
        if (out->count < RENDER_CUES_MAX) {
            Heard *h = &out->cues[out->count++];
            h->at_ms = cue->at_ms; /* made relative once the render is over */
            h->kind = cue->kind;
            h->beep = cue->beep;
            h->duration_ms = cue->duration_ms;
            memcpy(h->key, cue->key, sizeof h->key);
            memcpy(h->text, cue->text, sizeof h->text);
            h->why = cue->why;
        } else {
            out->overflow = true;
        }
    }
    audio_play_cue(r->audio, cue);
}

static double monotonic_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* How many times real time the disk driver plays: it sleeps
 * SDL_DISKAUDIODELAY ms after each 10 ms buffer. */
static double disk_speed(void)
{
    const char *d = getenv("SDL_DISKAUDIODELAY");
    int delay = d ? atoi(d) : 10;
    return delay > 0 && delay < 10 ? 10.0 / delay : 1.0;
}

/* The child's whole job: one render of plan into raw_path.  voice: voice
 * only (beeps at volume 0), else beeps only (voice at volume 0). */
static void render(const Plan *plan, bool voice, const char *raw_path, Render *out)
{
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", raw_path, 1);
    remove(raw_path);
    Settings settings = settings_default();
    if (voice)
        settings.effects_volume = 0;
    else
        settings.voice_volume = 0;
    char message[200];
    Recorder rec = {audio_open(TEST_ASSETS_DIR, &settings, message, sizeof message), out};
    if (!rec.audio || !audio_has_device(rec.audio) || message[0]) {
        snprintf(out->error, sizeof out->error, "no disk audio device: %s", message);
        out->status = 1;
        audio_close(rec.audio);
        return;
    }
    SessionConfig config = session_config_default();
    config.mode = MODE_TEMPO;
    audio_session_config(rec.audio, &config);
    /* A stall is a second of the loop's time, whatever the pace. */
    config.stall_pause_ms = (int)(config.stall_pause_ms * disk_speed());
    Session *s = calloc(1, sizeof *s);
    session_init(s, plan, config, record_cue, &rec);
    audio_prepare(rec.audio, s);
    audio_wait_prepared(rec.audio);

    double wall = monotonic_s();
    int64_t now = audio_clock_ms(rec.audio);
    out->origin_ms = now;
    session_start(s, now);
    int64_t limit = now + (daily_mode ? DAILY_LIMIT_MS : LEVEL_LIMIT_MS);
    while (!session_done(s) && now < limit) {
        int64_t before = now;
        now = audio_wait(rec.audio, WAIT_MS);
        if (now - before > out->longest_gap_ms) {
            out->longest_gap_ms = now - before;
            out->longest_gap_at = before - out->origin_ms;
        }
        out->slow_steps += now - before > 20;
        session_step(s, now, ACTION_NONE);
        if (audio_health(rec.audio) == AUDIO_EVENT_LOST)
            out->lost++;
        audio_prepare(rec.audio, s);
    }
    out->end_ms = now - out->origin_ms;
    int64_t tail = now + TAIL_MS;
    while (now < tail && audio_speaking(rec.audio))
        now = audio_wait(rec.audio, WAIT_MS);
    now = audio_clock_ms(rec.audio);
    for (tail = now + 200; now < tail;)
        now = audio_wait(rec.audio, WAIT_MS);
    out->wall_s = monotonic_s() - wall;
    out->played_ms = now - out->origin_ms;
    audio_voice_counts(rec.audio, &out->hits, &out->misses);
    if (!session_done(s)) {
        snprintf(out->error, sizeof out->error,
                 "the session did not end in %d s of audio (%s phase%s, %d pauses)",
                 (daily_mode ? DAILY_LIMIT_MS : LEVEL_LIMIT_MS) / 1000, phase_id(s->phase),
                 s->paused ? ", paused" : "", out->paused);
        out->status = 1;
    }
    audio_close(rec.audio);
    SDL_Quit();
    free(s);
    for (int i = 0; i < out->count; i++)
        out->cues[i].at_ms -= out->origin_ms;
}

/* Both renders at once, each in a child of its own. */
static void render_both(const Plan *plan, const char *voice_raw, const char *beeps_raw,
                        Render *voice, Render *beeps)
{
    Render *r[2] = {voice, beeps};
    const char *paths[2] = {voice_raw, beeps_raw};
    pid_t pid[2];
    fflush(stdout);
    fflush(stderr);
    for (int i = 0; i < 2; i++) {
        pid[i] = fork();
        assert_true(pid[i] >= 0);
        if (pid[i] == 0) {
            render(plan, i == 0, paths[i], r[i]);
            exit(r[i]->status);
        }
    }
    for (int i = 0; i < 2; i++) {
        int status = 0;
        assert_int_equal(waitpid(pid[i], &status, 0), pid[i]);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
            fail_msg("the %s render failed (%s %d): %s", i == 0 ? "voice" : "beep",
                     WIFEXITED(status) ? "exit" : "signal",
                     WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status), r[i]->error);
        assert_false(r[i]->overflow);
    }
}

/* The volumes must not change the timeline, or laying one render over the
 * other would compare two different sessions: the same cues in the same
 * order.  Each process makes its prompts anew; since the voice seeds
 * flite's dither from the text they come out the same, so the times agree
 * too, but a step's timing may still move a cue by a buffer.  Returns the
 * largest difference. */
static int64_t assert_same_timeline(const Render *a, const Render *b)
{
    int n = a->count < b->count ? a->count : b->count;
    int64_t worst = 0;
    for (int i = 0; i < n; i++) {
        const Heard *x = &a->cues[i], *y = &b->cues[i];
        if (x->kind != y->kind || x->beep != y->beep || strcmp(x->key, y->key) != 0)
            fail_msg("the two renders' timelines differ at cue %d: %s %s at %lld ms "
                     "(voice render) against %s %s at %lld ms (beep render)",
                     i, cue_kind_name(x->kind), x->kind == CUE_BEEP ? beep_name(x->beep) : x->key,
                     (long long)x->at_ms, cue_kind_name(y->kind),
                     y->kind == CUE_BEEP ? beep_name(y->beep) : y->key, (long long)y->at_ms);
        if (llabs(x->at_ms - y->at_ms) > worst)
            worst = llabs(x->at_ms - y->at_ms);
    }
    assert_int_equal(a->count, b->count);
    return worst;
}

/* ------------------------------------------------------------ reference */

/* Each distinct prompt as the voice makes it, copied: the voice's cache
 * may drop a chunk while the analysis still reads it. */
typedef struct {
    char key[CUE_KEY_MAX];
    const char *text;
    int16_t *pcm;
    long long frames;
} Made;

typedef struct {
    Made *items;
    int count;
} MadeSet;

static const Made *made_find(const MadeSet *m, const char *key, const char *text)
{
    for (int i = 0; i < m->count; i++)
        if (strcmp(m->items[i].key, key) == 0 && strcmp(m->items[i].text, text) == 0)
            return &m->items[i];
    return NULL;
}

/* Makes every prompt of r with a voice of this process, on the dummy
 * driver in the format the renders used. */
static void make_prompts(const Render *r, MadeSet *m)
{
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    assert_int_equal(SDL_InitSubSystem(SDL_INIT_AUDIO), 0);
    assert_int_equal(Mix_OpenAudioDevice(48000, AUDIO_S16SYS, 2, 480, NULL, 0), 0);
    char message[256];
    Settings defaults = settings_default(); /* the voice the renders used */
    Voice *v = voice_open(TEST_ASSETS_DIR "/voice", defaults.voice, defaults.voice_rate, message,
                          sizeof message);
    if (!v)
        fail_msg("%s", message);
    m->items = calloc((size_t)r->count + 1, sizeof *m->items);
    assert_non_null(m->items);
    m->count = 0;
    for (int i = 0; i < r->count; i++) {
        const Heard *h = &r->cues[i];
        if (h->kind != CUE_SAY || !h->text[0] || made_find(m, h->key, h->text))
            continue;
        Mix_Chunk *chunk = voice_get(v, h->key, h->text);
        assert_non_null(chunk);
        Made *made = &m->items[m->count++];
        snprintf(made->key, sizeof made->key, "%s", h->key);
        made->text = h->text;
        made->frames = (long long)chunk->alen / 4;
        made->pcm = malloc(chunk->alen);
        assert_non_null(made->pcm);
        memcpy(made->pcm, chunk->abuf, chunk->alen);
    }
    voice_close(v);
    Mix_CloseAudio();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

static void made_free(MadeSet *m)
{
    for (int i = 0; i < m->count; i++)
        free(m->items[i].pcm);
    free(m->items);
}

static int16_t *read_raw(const char *path, long long *frames)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    int16_t *pcm = malloc((size_t)size + 4);
    assert_non_null(pcm);
    assert_int_equal(fread(pcm, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    *frames = size / 4;
    return pcm;
}

/* ------------------------------------------------------------ reporting */

typedef struct {
    char name[SPEECH_CLASS_MAX];
    int prompts, late, cut, missing;
    double worst_ms, total_ms;
} ClassFigures;

static void print_classes(const SpeechPrompt *p, int count)
{
    ClassFigures classes[CLASSES_MAX];
    int n = 0;
    for (int i = 0; i < count; i++) {
        char name[SPEECH_CLASS_MAX];
        speech_class(p[i].key, name, sizeof name);
        int c = 0;
        while (c < n && strcmp(classes[c].name, name) != 0)
            c++;
        if (c == n) {
            if (n == CLASSES_MAX)
                continue;
            memset(&classes[n], 0, sizeof classes[n]);
            snprintf(classes[n].name, sizeof classes[n].name, "%s", name);
            classes[n].worst_ms = -1e9;
            n++;
        }
        ClassFigures *k = &classes[c];
        k->prompts++;
        if (p[i].missing && !p[i].hushed) {
            k->missing++;
            continue;
        }
        if (p[i].missing)
            continue;
        k->late += p[i].late;
        k->cut += p[i].cut && !p[i].hushed;
        k->total_ms += p[i].late_ms;
        if (p[i].late_ms > k->worst_ms)
            k->worst_ms = p[i].late_ms;
    }
    printf("speech class %-14s %7s %5s %5s %7s %9s %9s\n", "", "prompts", "late", "cut",
           "missing", "worst ms", "mean ms");
    for (int c = 0; c < n; c++) {
        const ClassFigures *k = &classes[c];
        int heard = k->prompts - k->missing;
        printf("speech class %-14s %7d %5d %5d %7d %9.1f %9.1f\n", k->name, k->prompts, k->late,
               k->cut, k->missing, heard ? k->worst_ms : 0.0,
               heard ? k->total_ms / heard : 0.0);
    }
}

static void print_prompts(const SpeechPrompt *p, int count)
{
    for (int i = 0; i < count; i++) {
        const SpeechPrompt *x = &p[i];
        /* The short run lists every prompt; the daily session its faults. */
        if (daily_mode && !x->missing && !x->late && !x->cut)
            continue;
        if (x->missing) {
            printf("speech %-8s %-32s at %8lld ms: no onset in its window%s\n",
                   x->hushed ? "hushed" : "MISSING", x->key, (long long)x->at_ms,
                   x->hushed ? " (a hush dropped it)" : "");
            continue;
        }
        const char *what = x->cut && !x->hushed ? "CUT" : x->late ? "LATE" : x->cut ? "hushed"
                                                                                 : "ok";
        printf("speech %-8s %-32s at %8lld ms: began %+8.2f ms; words heard to %.0f of "
               "%d ms\n",
               what, x->key, (long long)x->at_ms, x->late_ms,
               (double)(x->heard_to - x->start) / SPEECH_FRAMES_PER_MS, x->duration_ms);
    }
}

static int compare_late(const void *a, const void *b)
{
    const SpeechPrompt *x = *(const SpeechPrompt *const *)a, *y = *(const SpeechPrompt *const *)b;
    return (x->late_ms < y->late_ms) - (x->late_ms > y->late_ms);
}

/* The latest prompts heard, to say where any lateness comes from. */
static void print_latest(const SpeechPrompt *p, int count, int show)
{
    const SpeechPrompt **order = calloc((size_t)count + 1, sizeof *order);
    assert_non_null(order);
    int n = 0;
    for (int i = 0; i < count; i++)
        if (!p[i].missing)
            order[n++] = &p[i];
    qsort(order, (size_t)n, sizeof *order, compare_late);
    for (int i = 0; i < n && i < show; i++)
        printf("speech latest %d: %s at %lld ms began %+.2f ms\n", i + 1, order[i]->key,
               (long long)order[i]->at_ms, order[i]->late_ms);
    free(order);
}

/* ------------------------------------------------------------- the test */

static const char *key_of(const Heard *h)
{
    return h->kind == CUE_BEEP ? beep_name(h->beep) : h->key;
}

/* The schedule's cue nearest a beep heard under words, for the report. */
static const Heard *beep_cue_near(const Render *r, long long frame)
{
    const Heard *best = NULL;
    long long best_d = 0;
    for (int i = 0; i < r->count; i++) {
        if (r->cues[i].kind != CUE_BEEP)
            continue;
        long long d = llabs(r->cues[i].at_ms * SPEECH_FRAMES_PER_MS - frame);
        if (!best || d < best_d) {
            best = &r->cues[i];
            best_d = d;
        }
    }
    return best;
}

/* Renders plan both ways and measures it; tag names the raw files. */
static void measure_plan(const Plan *plan, const char *tag, const char *what)
{
    Render *renders = mmap(NULL, 2 * sizeof(Render), PROT_READ | PROT_WRITE,
                           MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    assert_true(renders != MAP_FAILED);
    memset(renders, 0, 2 * sizeof(Render));
    Render *voice = &renders[0], *beeps = &renders[1];
    char voice_raw[1024], beeps_raw[1024];
    snprintf(voice_raw, sizeof voice_raw, "%s/speech_%s_voice.raw", TEST_OUT_DIR, tag);
    snprintf(beeps_raw, sizeof beeps_raw, "%s/speech_%s_beeps.raw", TEST_OUT_DIR, tag);

    double speed = disk_speed();
    double wall = monotonic_s();
    render_both(plan, voice_raw, beeps_raw, voice, beeps);
    double render_s = monotonic_s() - wall;
    int64_t drift = assert_same_timeline(voice, beeps);

    MadeSet made;
    make_prompts(voice, &made);

    /* The schedule: prompts in time order, and the hushes. */
    SpeechPrompt *prompts = calloc((size_t)voice->count + 1, sizeof *prompts);
    int64_t *hushes = calloc((size_t)voice->count + 1, sizeof *hushes);
    assert_non_null(prompts);
    assert_non_null(hushes);
    int64_t *beep_at = calloc((size_t)voice->count + 1, sizeof *beep_at);
    int64_t *beep_at_voice = calloc((size_t)voice->count + 1, sizeof *beep_at_voice);
    assert_non_null(beep_at);
    assert_non_null(beep_at_voice);
    int n = 0, hush_count = 0, beeps_scheduled = 0;
    int worst_made_ms = 0;
    for (int i = 0; i < voice->count; i++) {
        const Heard *h = &voice->cues[i];
        if (h->kind == CUE_HUSH)
            hushes[hush_count++] = h->at_ms;
        if (h->kind == CUE_BEEP) {
            beep_at[beeps_scheduled] = beeps->cues[i].at_ms;
            beep_at_voice[beeps_scheduled++] = h->at_ms;
        }
        if (h->kind != CUE_SAY || !h->text[0])
            continue;
        const Made *m = made_find(&made, h->key, h->text);
        SpeechPrompt *p = &prompts[n++];
        p->at_ms = h->at_ms;
        p->duration_ms = h->duration_ms;
        snprintf(p->key, sizeof p->key, "%s", h->key);
        p->ref = m ? m->pcm : NULL;
        p->ref_frames = m ? m->frames : 0;
        /* The planner's length is the played prompt's.  The voice seeds
         * flite's dither from the text, so made here again it is the same
         * prompt to the sample; 5 ms leaves room for rounding only. */
        int made_ms = m ? (int)(m->frames / SPEECH_FRAMES_PER_MS) : 0;
        if (abs(made_ms - h->duration_ms) > worst_made_ms)
            worst_made_ms = abs(made_ms - h->duration_ms);
        if (m && abs(made_ms - h->duration_ms) > 5)
            fail_msg("%s: planned %d ms, made again %d ms: not the same prompt", h->key,
                     h->duration_ms, made_ms);
    }

    long long voice_frames = 0, beep_frames = 0;
    int16_t *voice_pcm = read_raw(voice_raw, &voice_frames);
    int16_t *beep_pcm = read_raw(beeps_raw, &beep_frames);
    SpeechTrack vt = {voice_pcm, voice_frames, voice->origin_ms * SPEECH_FRAMES_PER_MS};
    SpeechTrack bt = {beep_pcm, beep_frames, beeps->origin_ms * SPEECH_FRAMES_PER_MS};
    speech_measure(&vt, prompts, n, hushes, hush_count);
    enum { SPANS_MAX = 4096 };
    SpeechSpan *spans = calloc(SPANS_MAX, sizeof *spans);
    SpeechOverlap *under = calloc(SPANS_MAX, sizeof *under);
    assert_non_null(spans);
    assert_non_null(under);
    int beep_count = speech_find_beeps(&bt, spans, SPANS_MAX);
    assert_true(beep_count <= SPANS_MAX);
    speech_align_beeps(spans, beep_count, beep_at, beep_at_voice, beeps_scheduled);
    int under_count = speech_beeps_under(spans, beep_count, prompts, n, under, SPANS_MAX);
    int stray = speech_count_stray(&vt, prompts, n);
    SpeechSummary sum = speech_summarise(prompts, n);
    sum.beeps = beep_count;
    sum.beeps_under_speech = under_count;
    sum.stray = stray;

    print_prompts(prompts, n);
    for (int i = 0; i < under_count && i < SPANS_MAX; i++) {
        const SpeechPrompt *p = &prompts[under[i].prompt];
        const Heard *b = beep_cue_near(beeps, under[i].beep.from);
        printf("speech BEEP UNDER WORDS: %s at %lld ms sounded %.1f-%.1f ms, under %s "
               "(at %lld ms, words %.1f-%.1f ms)\n",
               b ? key_of(b) : "?", b ? (long long)b->at_ms : -1LL,
               (double)under[i].beep.from / SPEECH_FRAMES_PER_MS,
               (double)under[i].beep.to / SPEECH_FRAMES_PER_MS, p->key, (long long)p->at_ms,
               (double)p->start / SPEECH_FRAMES_PER_MS,
               (double)p->heard_to / SPEECH_FRAMES_PER_MS);
    }
    print_classes(prompts, n);
    print_latest(prompts, n, 5);
    printf("speech loop: the longest gap between two steps %lld ms of audio (voice render, at "
           "%lld ms; beep render %lld ms at %lld ms), %d and %d steps more than two buffers "
           "apart\n",
           (long long)voice->longest_gap_ms, (long long)voice->longest_gap_at,
           (long long)beeps->longest_gap_ms, (long long)beeps->longest_gap_at, voice->slow_steps,
           beeps->slow_steps);
    printf("speech render: %s; %.1f min of audio per render, played at %.2fx real time "
           "(SDL_DISKAUDIODELAY=%s, nominal %.1fx), both renders at once in %.0f s; voice %u made ahead, %u "
           "on demand; %d dropped on purpose, %d hushes, %d pauses, %d device losses; the "
           "renders' timelines %lld ms apart at most, prompts made again within %d ms\n",
           what, (double)voice->end_ms / 60000.0, (double)voice->played_ms / 1000.0 / voice->wall_s,
           getenv("SDL_DISKAUDIODELAY") ? getenv("SDL_DISKAUDIODELAY") : "unset", speed, render_s,
           voice->hits, voice->misses, voice->dropped, hush_count, voice->paused + beeps->paused,
           voice->lost + beeps->lost, (long long)drift, worst_made_ms);
    /* One line the benchmark quotes. */
    printf("speech: %d prompts, %d late >%d ms (worst %+.1f ms, mean %+.1f ms), %d cut, "
           "%d missing, %d hushed, %d of %d beeps under speech (%d scheduled), "
           "%d stray\n",
           sum.prompts, sum.late, SPEECH_LATE_MS, sum.worst_late_ms, sum.mean_late_ms, sum.cut,
           sum.missing, sum.hushed, sum.beeps_under_speech, sum.beeps,
           beeps_scheduled, sum.stray);
    fflush(stdout);

    /* The measure measured something: prompts were heard and beeps found. */
    assert_true(n >= 10);
    assert_true(sum.beeps >= 5);
    assert_int_equal(voice->paused + beeps->paused, 0);
    assert_int_equal(voice->lost + beeps->lost, 0);
    assert_int_equal(sum.missing, 0);
    assert_int_equal(sum.late, 0);
    assert_int_equal(sum.cut, 0);
    assert_int_equal(sum.beeps_under_speech, 0);
    assert_int_equal(sum.stray, 0);

    /* The raw files are large (a daily session: 190 MB each): kept only when
     * something failed, for a listen. */
    remove(voice_raw);
    remove(beeps_raw);
    free(spans);
    free(under);
    free(voice_pcm);
    free(beep_pcm);
    free(prompts);
    free(hushes);
    free(beep_at);
    free(beep_at_voice);
    made_free(&made);
    munmap(renders, 2 * sizeof(Render));
}

static Level *level_in(Program *p, const char *id)
{
    for (int t = 0; t < p->track_count; t++)
        for (int l = 0; l < p->tracks[t].level_count; l++)
            if (strcmp(p->tracks[t].levels[l].id, id) == 0)
                return &p->tracks[t].levels[l];
    fail_msg("no level %s in the pack", id);
    return NULL;
}

/* Two shipped levels, shortened to keep the run short but keeping each
 * kind of moment: the first exercise's intro and pain-button reminder, a
 * five-second hold counted down aloud into its beep, a coaching cue after
 * the rep count, a rest that names the next exercise and its setup, an
 * alternating level's sides and braced return, and the summary. */
static void test_two_levels_have_no_late_cut_or_missing_prompt_nor_beep_under_words(void **state)
{
    (void)state;
    int tracks = 0;
    Program *program = test_load_program(TEST_LEVELS_DIR, &tracks, NULL);
    assert_true(tracks >= 2);
    Level *tilt = level_in(program, "pelvic_tilt_1");
    Level *taps = level_in(program, "toe_taps_1");
    tilt->reps = 2;
    tilt->settle_ms = 2000;
    tilt->rest_s = 3; /* grows to fit the next exercise's words */
    taps->reps = 1;
    taps->settle_ms = 2000;
    Plan plan, second;
    assert_int_equal(plan_build_single(program, "pelvic_tilt_1", &plan), 1);
    assert_int_equal(plan_build_single(program, "toe_taps_1", &second), 1);
    plan.items[plan.count++] = second.items[0];
    measure_plan(&plan, "levels", "pelvic_tilt_1 (2 reps) and toe_taps_1 (1 rep)");
    free(program);
}

/* Today's whole session, every track at its first level: the benchmark's
 * speech figure. */
static void test_daily_session_has_no_late_cut_or_missing_prompt_nor_beep_under_words(void **state)
{
    (void)state;
    int tracks = 0;
    Program *program = test_load_program(TEST_LEVELS_DIR, &tracks, NULL);
    Plan plan;
    assert_true(plan_build_daily(program, NULL, &plan) >= 1);
    char what[64];
    snprintf(what, sizeof what, "daily session, %d exercises", plan.count);
    measure_plan(&plan, "daily", what);
    free(program);
}

int main(int argc, char **argv)
{
    daily_mode = argc > 1 && strcmp(argv[1], "daily") == 0;
    const struct CMUnitTest level[] = {
        cmocka_unit_test(test_two_levels_have_no_late_cut_or_missing_prompt_nor_beep_under_words),
    };
    const struct CMUnitTest daily[] = {
        cmocka_unit_test(test_daily_session_has_no_late_cut_or_missing_prompt_nor_beep_under_words),
    };
    int failed = daily_mode ? cmocka_run_group_tests(daily, NULL, NULL)
                            : cmocka_run_group_tests(level, NULL, NULL);
    SDL_Quit();
    return failed;
}
