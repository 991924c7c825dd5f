/* bench_voice.c: what spoken prompts cost: flite alone, a voice cache miss
 * and a hit, for a short and a long prompt from a real daily session. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_mixer.h>
#include <flite/flite.h>

#include "bench.h"
#include "levels_load.h"
#include "plan.h"
#include "settings.h"
#include "voice.h"

/* flite's voice libraries ship no header for these. */
#define BENCH_FLITE_VOICE(name)                            \
    cst_voice *register_cmu_us_##name(const char *voxdir); \
    void unregister_cmu_us_##name(cst_voice *voice);
BENCH_FLITE_VOICE(slt)
BENCH_FLITE_VOICE(rms)
BENCH_FLITE_VOICE(awb)
BENCH_FLITE_VOICE(kal16)
BENCH_FLITE_VOICE(kal)
#undef BENCH_FLITE_VOICE

/* flite alone is timed with the voice the app speaks by default, found by
 * its name in voice.c's table. */
static const struct {
    const char *name;
    cst_voice *(*load)(const char *voxdir);
    void (*unload)(cst_voice *voice);
} flite_voices[] = {
    {"slt", register_cmu_us_slt, unregister_cmu_us_slt},
    {"rms", register_cmu_us_rms, unregister_cmu_us_rms},
    {"awb", register_cmu_us_awb, unregister_cmu_us_awb},
    {"kal16", register_cmu_us_kal16, unregister_cmu_us_kal16},
    {"kal", register_cmu_us_kal, unregister_cmu_us_kal},
};

/* The mixer as audio_open opens it (audio.c): 48 kHz stereo, 480 frames. */
enum { BENCH_MIX_FREQ = 48000, BENCH_MIX_CHANNELS = 2, BENCH_MIX_FRAMES = 480 };

typedef struct {
    double flite_ms;   /* flite_text_to_wave alone */
    double miss_ms;    /* voice_get, not cached */
    double speech_s;   /* how long it takes to say */
    int runs;
} PromptFigure;

/* Before any Voice is open: flite's voices are process-wide, and this one
 * is unregistered again here. */
static int measure_flite(const char *text, int runs, double *samples, PromptFigure *out)
{
    const char *name = voice_name(settings_default().voice);
    size_t f = 0;
    while (f < sizeof flite_voices / sizeof flite_voices[0] && strcmp(flite_voices[f].name, name))
        f++;
    if (f == sizeof flite_voices / sizeof flite_voices[0])
        return -1;
    flite_init();
    cst_voice *vox = flite_voices[f].load(NULL);
    if (!vox)
        return -1;
    /* At the default speed, as voice.c sets it. */
    float own = get_param_float(vox->features, "duration_stretch", 1.0f);
    feat_set_float(vox->features, "duration_stretch",
                   own * 100.0f / (float)settings_default().voice_rate);
    for (int i = 0; i < runs; i++) {
        double t0 = bench_now();
        cst_wave *w = flite_text_to_wave(text, vox);
        samples[i] = bench_now() - t0;
        if (!w) {
            flite_voices[f].unload(vox);
            return -1;
        }
        out->speech_s = (double)w->num_samples / (double)w->sample_rate;
        delete_wave(w);
    }
    flite_voices[f].unload(vox);
    out->flite_ms = bench_stats(samples, runs).median * 1e3;
    return 0;
}

/* Each run asks for a key never seen before, so each is a real miss. */
static int measure_miss(Voice *v, const char *tag, const char *text, int runs, double *samples,
                        PromptFigure *out)
{
    for (int i = 0; i < runs; i++) {
        char key[64];
        snprintf(key, sizeof key, "bench_%s_%d", tag, i);
        double t0 = bench_now();
        Mix_Chunk *chunk = voice_get(v, key, text);
        samples[i] = bench_now() - t0;
        if (!chunk)
            return -1;
    }
    out->miss_ms = bench_stats(samples, runs).median * 1e3;
    out->runs = runs;
    return 0;
}

static void print_prompt(const char *label, const char *text, const PromptFigure *f)
{
    Settings d = settings_default();
    printf("%s: %zu characters, %.1f s of speech (%s at %d%%): flite %.1f ms, voice cache "
           "miss %.1f ms (%.0fx faster than spoken; %d runs)\n",
           label, strlen(text), f->speech_s, voice_name(d.voice), d.voice_rate, f->flite_ms,
           f->miss_ms, f->speech_s * 1e3 / f->miss_ms, f->runs);
}

/* The prompts a daily session really says: its "hold" prompt and its
 * longest (an exercise's setup). */
static int session_prompts(const BenchConfig *c, BenchDaily *daily)
{
    static Program program;
    static Session session;
    Plan plan;
    if (bench_load_once(c->levels_dir, &program) <= 0 ||
        plan_build_daily(&program, NULL, &plan) <= 0)
        return -1;
    bench_daily_once(&plan, &session, true, daily);
    return daily->short_text[0] && daily->long_text[0] ? 0 : -1;
}

int bench_part_voice(const BenchConfig *c)
{
    static BenchDaily daily;
    if (session_prompts(c, &daily) != 0) {
        fprintf(stderr, "corequest-bench: no prompts found in today's session\n");
        return 1;
    }
    int runs = bench_runs(c, 11, 2);
    int hit_runs = c->quick ? 11 : 1001;
    double *samples = calloc((size_t)(runs > hit_runs ? runs : hit_runs), sizeof *samples);
    if (!samples)
        return 1;
    PromptFigure short_fig = {0}, long_fig = {0};
    int rc = 0;
    if (measure_flite(daily.short_text, runs, samples, &short_fig) != 0 ||
        measure_flite(daily.long_text, runs, samples, &long_fig) != 0) {
        fprintf(stderr, "corequest-bench: flite could not speak\n");
        free(samples);
        return 1;
    }

    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0 ||
        Mix_OpenAudioDevice(BENCH_MIX_FREQ, AUDIO_S16SYS, BENCH_MIX_CHANNELS, BENCH_MIX_FRAMES,
                            NULL, 0) != 0) {
        fprintf(stderr, "corequest-bench: no mixer (%s); set SDL_AUDIODRIVER=dummy\n",
                SDL_GetError());
        free(samples);
        SDL_Quit();
        return 1;
    }
    char message[256];
    Settings d = settings_default();
    Voice *v = voice_open(NULL, d.voice, d.voice_rate, message, sizeof message);
    if (!v) {
        fprintf(stderr, "corequest-bench: %s\n", message);
        rc = 1;
    }
    if (rc == 0 && (measure_miss(v, "short", daily.short_text, runs, samples, &short_fig) != 0 ||
                    measure_miss(v, "long", daily.long_text, runs, samples, &long_fig) != 0)) {
        fprintf(stderr, "corequest-bench: the voice could not make a prompt\n");
        rc = 1;
    }
    if (rc == 0) {
        print_prompt(BENCH_LABEL_VOICE_SHORT, daily.short_text, &short_fig);
        print_prompt(BENCH_LABEL_VOICE_LONG, daily.long_text, &long_fig);
        VoiceStats before = voice_stats(v);
        for (int i = 0; i < hit_runs; i++) {
            double t0 = bench_now();
            Mix_Chunk *chunk = voice_get(v, "bench_long_0", daily.long_text);
            samples[i] = bench_now() - t0;
            if (!chunk)
                rc = 1;
        }
        VoiceStats after = voice_stats(v);
        BenchStats st = bench_stats(samples, hit_runs);
        unsigned hits = after.hits - before.hits;
        printf("%s: median %.2f us, max %.2f us (%u of %d lookups were hits, "
               "%u prompts cached, %.1f MiB)\n",
               BENCH_LABEL_VOICE_HIT, st.median * 1e6, st.max * 1e6, hits, hit_runs,
               after.synthesised, (double)after.cached_bytes / (1024.0 * 1024.0));
        if (hits != (unsigned)hit_runs)
            rc = 1;
    }
    voice_close(v);
    Mix_CloseAudio();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    SDL_Quit();
    free(samples);
    return rc;
}
