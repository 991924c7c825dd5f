/* test_audio_voice.c: spoken prompts: flite synthesis converted to the mixer
 * format, the cache, recordings that replace synthesis, prompts made ahead.
 * (flite's own headers declare an audio_open of their own: no audio.h here.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL.h>
#include <SDL_mixer.h>
#include <flite/flite.h>

#include "voice.h"

cst_voice *register_cmu_us_slt(const char *voxdir);
void unregister_cmu_us_slt(cst_voice *voice);

enum { FREQ = 48000, FRAME_BYTES = 4 };

static const char counting[] = "One, two, three, four, five.";

static int open_mixer(void **state)
{
    (void)state;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
        return -1;
    return Mix_OpenAudioDevice(FREQ, AUDIO_S16SYS, 2, 480, NULL, 0);
}

static int close_mixer(void **state)
{
    (void)state;
    Mix_CloseAudio();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    return 0;
}

/* What flite itself makes of a text, in frames at its own rate. */
static long flite_samples(const char *text, int *rate)
{
    flite_init();
    cst_voice *v = register_cmu_us_slt(NULL);
    cst_wave *w = flite_text_to_wave(text, v);
    long n = w->num_samples;
    *rate = w->sample_rate;
    delete_wave(w);
    unregister_cmu_us_slt(v);
    return n;
}

static int chunk_peak(const Mix_Chunk *c)
{
    const Sint16 *pcm = (const Sint16 *)(const void *)c->abuf;
    int peak = 0;
    for (Uint32 i = 0; i < c->alen / 2; i++)
        if (abs(pcm[i]) > peak)
            peak = abs(pcm[i]);
    return peak;
}

static void test_prompt_is_synthesised_converted_and_playable(void **state)
{
    (void)state;
    char message[256];
    Voice *v = voice_open(NULL, message, sizeof message);
    assert_non_null(v);
    Mix_Chunk *c = voice_get(v, "test_counting", counting);
    assert_non_null(c);

    int rate = 0;
    long samples = flite_samples(counting, &rate);
    long expected_frames = samples * FREQ / rate;
    long frames = (long)(c->alen / FRAME_BYTES);
    printf("flite: %ld samples at %d Hz (%.3f s); chunk: %ld frames at 48 kHz (%.3f s)\n",
           samples, rate, (double)samples / rate, frames, (double)frames / FREQ);
    assert_int_equal(c->alen % FRAME_BYTES, 0);
    /* The same speech in the mixer's rate, less flite's silent padding at
     * the ends (trimmed, so the prompt's length is its words): shorter by
     * at most half a second, and never longer. */
    assert_true(frames <= expected_frames + FREQ / 1000);
    assert_true(frames >= expected_frames - FREQ / 2);
    assert_true(frames < expected_frames - FREQ / 20); /* the padding did go */
    assert_true(frames > FREQ / 2 && frames < 6 * FREQ);
    assert_true(chunk_peak(c) > 2000); /* speech, not silence */

    Mix_AllocateChannels(1);
    assert_int_equal(Mix_PlayChannel(0, c, 0), 0);
    assert_true(Mix_Playing(0));
    Mix_HaltChannel(0);

    VoiceStats s = voice_stats(v);
    assert_int_equal(s.synthesised, 1);
    assert_int_equal(s.recorded, 0);
    assert_int_equal(s.cached_bytes, c->alen);
    voice_close(v);
}

static void test_cache_is_hit_the_second_time(void **state)
{
    (void)state;
    char message[256];
    Voice *v = voice_open(NULL, message, sizeof message);
    assert_non_null(v);
    Mix_Chunk *first = voice_get(v, "relax", "Relax.");
    VoiceStats s = voice_stats(v);
    assert_int_equal(s.hits, 0);
    assert_int_equal(s.misses, 1);
    Mix_Chunk *second = voice_get(v, "relax", "Relax.");
    s = voice_stats(v);
    assert_ptr_equal(first, second);
    assert_int_equal(s.hits, 1);
    assert_int_equal(s.misses, 1);
    assert_int_equal(s.synthesised, 1);
    /* Same key, other words: another prompt. */
    assert_ptr_not_equal(voice_get(v, "relax", "Relax now."), first);
    assert_int_equal(voice_stats(v).synthesised, 2);
    voice_close(v);
}

static void test_prompt_made_ahead_is_ready_when_needed(void **state)
{
    (void)state;
    char message[256];
    Voice *v = voice_open(NULL, message, sizeof message);
    assert_non_null(v);
    voice_prepare(v, "hold_5", "Hold for five.");
    voice_prepare(v, "hold_5", "Hold for five."); /* queued once */
    voice_wait_idle(v);
    VoiceStats s = voice_stats(v);
    assert_int_equal(s.synthesised, 1);
    assert_non_null(voice_get(v, "hold_5", "Hold for five."));
    s = voice_stats(v);
    assert_int_equal(s.hits, 1);
    assert_int_equal(s.misses, 0);
    voice_close(v);
}

static void put_le(FILE *f, uint32_t v, int bytes)
{
    for (int i = 0; i < bytes; i++)
        fputc((int)(v >> (8 * i)) & 0xff, f);
}

/* Half a second of a 440 Hz tone, mono 16-bit at 24 kHz. */
static void write_tone_wav(const char *path)
{
    enum { RATE = 24000, SAMPLES = RATE / 2 };
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite("RIFF", 1, 4, f);
    put_le(f, 36 + SAMPLES * 2, 4);
    fwrite("WAVEfmt ", 1, 8, f);
    put_le(f, 16, 4);
    put_le(f, 1, 2);         /* PCM */
    put_le(f, 1, 2);         /* mono */
    put_le(f, RATE, 4);
    put_le(f, RATE * 2, 4);
    put_le(f, 2, 2);
    put_le(f, 16, 2);
    fwrite("data", 1, 4, f);
    put_le(f, SAMPLES * 2, 4);
    for (int i = 0; i < SAMPLES; i++) {
        /* A triangle wave keeps this free of libm. */
        int phase = (i * 440 * 4 / RATE) % 4;
        int within = (i * 440 * 4) % RATE;
        int v = phase == 0 ? within : phase == 1 ? RATE - within
              : phase == 2 ? -within : within - RATE;
        put_le(f, (uint32_t)(uint16_t)(int16_t)(v * 8000 / RATE), 2);
    }
    fclose(f);
}

static void test_recording_replaces_synthesis(void **state)
{
    (void)state;
    char dir[512], path[600];
    snprintf(dir, sizeof dir, "%s/audio_voice_recordings", TEST_OUT_DIR);
    mkdir(TEST_OUT_DIR, 0755);
    mkdir(dir, 0755);
    snprintf(path, sizeof path, "%s/recorded_prompt.wav", dir);
    write_tone_wav(path);

    char message[256];
    Voice *v = voice_open(dir, message, sizeof message);
    assert_non_null(v);
    Mix_Chunk *c = voice_get(v, "recorded_prompt", "Words the synthesiser would say.");
    assert_non_null(c);
    VoiceStats s = voice_stats(v);
    assert_int_equal(s.recorded, 1);
    assert_int_equal(s.synthesised, 0);
    /* Half a second, converted to 48 kHz stereo. */
    long frames = (long)(c->alen / FRAME_BYTES);
    assert_true(labs(frames - FREQ / 2) <= FREQ / 1000);

    /* A key that is not a plain name never reaches outside the folder. */
    assert_non_null(voice_get(v, "../audio_voice_recordings/recorded_prompt", "Hello."));
    s = voice_stats(v);
    assert_int_equal(s.recorded, 1);
    assert_int_equal(s.synthesised, 1);
    voice_close(v);
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_prompt_is_synthesised_converted_and_playable,
                                        open_mixer, close_mixer),
        cmocka_unit_test_setup_teardown(test_cache_is_hit_the_second_time, open_mixer,
                                        close_mixer),
        cmocka_unit_test_setup_teardown(test_prompt_made_ahead_is_ready_when_needed,
                                        open_mixer, close_mixer),
        cmocka_unit_test_setup_teardown(test_recording_replaces_synthesis, open_mixer,
                                        close_mixer),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return failed;
}
