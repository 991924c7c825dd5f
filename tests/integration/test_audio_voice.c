/* test_audio_voice.c: spoken prompts: flite synthesis converted to the mixer
 * format, the cache, recordings that replace synthesis, prompts made ahead,
 * every voice of the table at its speeds, switching voices, "gamepad".
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

#include "settings.h"
#include "voice.h"

cst_voice *register_cmu_us_slt(const char *voxdir);
void unregister_cmu_us_slt(cst_voice *voice);
cst_voice *register_cmu_us_rms(const char *voxdir);
void unregister_cmu_us_rms(cst_voice *voice);

enum { FREQ = 48000, FRAME_BYTES = 4 };

static const char counting[] = "One, two, three, four, five.";
static const char hold[] = "Hold for five.";

/* The default voice at its own speed. */
static Voice *open_voice(const char *dir)
{
    char message[256];
    Voice *v = voice_open(dir, settings_default().voice, 100, message, sizeof message);
    if (!v)
        fail_msg("voice_open: %s", message);
    return v;
}

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
    /* flite's voices are shared: ask flite first, before the Voice holds slt. */
    int rate = 0;
    long samples = flite_samples(counting, &rate);
    char message[256];
    Voice *v = voice_open(NULL, voice_find("slt"), 100, message, sizeof message);
    assert_non_null(v);
    Mix_Chunk *c = voice_get(v, "test_counting", counting);
    assert_non_null(c);

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
    Voice *v = open_voice(NULL);
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
    Voice *v = open_voice(NULL);
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

    Voice *v = open_voice(dir);
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


/* ------------------------------------------------ the voices, the speed */

static int length_with(int voice, int rate, const char *text)
{
    char message[256];
    Voice *v = voice_open(NULL, voice, rate, message, sizeof message);
    if (!v)
        fail_msg("voice %s at %d%%: %s", voice_name(voice), rate, message);
    int ms = voice_length_ms(v, "test_hold", text, 1);
    Mix_Chunk *c = voice_get(v, "test_hold", text);
    assert_non_null(c);
    assert_true(chunk_peak(c) > 2000); /* speech, not silence */
    voice_close(v);
    return ms;
}

static void test_every_voice_opens_and_says_a_prompt(void **state)
{
    (void)state;
    assert_true(voice_count() >= 5);
    for (int i = 0; i < voice_count(); i++) {
        int ms = length_with(i, 100, hold);
        printf("%-6s \"%s\": %d ms\n", voice_name(i), hold, ms);
        /* Three words: more than half a second, less than four. */
        assert_in_range(ms, 500, 4000);
        assert_int_equal(voice_find(voice_name(i)), i);
        assert_non_null(voice_label(i));
    }
    assert_int_equal(voice_find("nobody"), -1);
    assert_null(voice_name(voice_count()));
}

static void test_a_slower_rate_makes_every_voice_longer(void **state)
{
    (void)state;
    for (int i = 0; i < voice_count(); i++) {
        int normal = length_with(i, 100, counting);
        int slow = length_with(i, 70, counting);
        int fast = length_with(i, 130, counting);
        printf("%-6s 70%%: %d ms, 100%%: %d ms, 130%%: %d ms\n", voice_name(i), slow, normal,
               fast);
        /* duration_stretch scales the phones, not the pauses around them:
         * clearly longer and shorter, if not in full proportion. */
        assert_true(slow > normal * 115 / 100);
        assert_true(fast < normal * 90 / 100);
    }
}

static void test_voice_set_drops_what_the_old_voice_made(void **state)
{
    (void)state;
    char message[256];
    int rms = voice_find("rms"), kal = voice_find("kal16");
    Voice *v = voice_open(NULL, rms, 100, message, sizeof message);
    assert_non_null(v);
    int before = voice_length_ms(v, "hold_5", hold, 1);
    assert_true(before > 0);
    assert_int_equal(voice_length_ms(v, "hold_5", hold, 0), before);

    /* Another speed: the prompt is gone until it is made again, longer. */
    assert_int_equal(voice_set(v, rms, 70), 0);
    assert_int_equal(voice_stats(v).cached_bytes, 0);
    assert_int_equal(voice_length_ms(v, "hold_5", hold, 0), -1);
    int slower = voice_length_ms(v, "hold_5", hold, 1);
    assert_true(slower > before * 115 / 100);

    /* Another voice: made ahead and on demand with the new one. */
    assert_int_equal(voice_set(v, kal, 100), 0);
    assert_int_equal(voice_length_ms(v, "hold_5", hold, 0), -1);
    voice_prepare(v, "relax", "Relax.");
    voice_wait_idle(v);
    assert_true(voice_length_ms(v, "relax", "Relax.", 0) > 0);
    int kal_ms = voice_length_ms(v, "hold_5", hold, 1);
    assert_true(kal_ms > 0 && kal_ms != slower);

    /* The same voice and speed again changes nothing. */
    VoiceStats s = voice_stats(v);
    assert_int_equal(voice_set(v, kal, 100), 0);
    assert_int_equal(voice_stats(v).cached_bytes, s.cached_bytes);
    voice_close(v);
}

static void test_voice_set_refuses_an_unknown_voice_and_keeps_the_old(void **state)
{
    (void)state;
    Voice *v = open_voice(NULL);
    int ms = voice_length_ms(v, "hold_5", hold, 1);
    assert_int_equal(voice_set(v, voice_count(), 100), -1);
    assert_int_equal(voice_set(v, -1, 100), -1);
    assert_int_equal(voice_length_ms(v, "hold_5", hold, 0), ms);
    voice_close(v);
    char message[256];
    assert_null(voice_open(NULL, voice_count(), 100, message, sizeof message));
    assert_non_null(strstr(message, "no voice"));
}

/* flite has one of each voice per process: two Voices on the same one, at
 * two speeds, each keep their own speed, and closing one leaves the other
 * speaking. */
static void test_two_voices_share_a_flite_voice(void **state)
{
    (void)state;
    char message[256];
    int rms = voice_find("rms");
    Voice *normal = voice_open(NULL, rms, 100, message, sizeof message);
    Voice *slow = voice_open(NULL, rms, 70, message, sizeof message);
    assert_non_null(normal);
    assert_non_null(slow);
    voice_prepare(normal, "count", counting);
    voice_prepare(slow, "count", counting);
    voice_wait_idle(normal);
    voice_wait_idle(slow);
    int normal_ms = voice_length_ms(normal, "count", counting, 0);
    int slow_ms = voice_length_ms(slow, "count", counting, 0);
    assert_true(slow_ms > normal_ms * 115 / 100);
    voice_close(normal);
    /* The same speed from a second Voice: the same length, give or take the
     * few ms where the trimmed padding ends. */
    int alone = length_with(rms, 70, hold);
    int shared = voice_length_ms(slow, "hold_5", hold, 1);
    voice_close(slow);
    assert_true(abs(shared - alone) <= 20);
}

/* The phones flite chooses for a text, e.g. "pau g ey m p ae d pau". */
static void flite_phones(cst_voice *vox, const char *text, char *out, size_t size)
{
    out[0] = '\0';
    cst_utterance *u = flite_synth_text(text, vox);
    for (cst_item *s = relation_head(utt_relation(u, "Segment")); s; s = item_next(s))
        snprintf(out + strlen(out), size - strlen(out), "%s ", item_feat_string(s, "name"));
    delete_utterance(u);
}

static void test_gamepad_is_said_as_game_pad(void **state)
{
    (void)state;
    char message[256], phones[256], two_words[256];
    Voice *v = voice_open(NULL, voice_find("rms"), 100, message, sizeof message);
    assert_non_null(v);
    voice_wait_idle(v);
    /* The Voice holds rms, so this is the very same flite voice (not to be
     * unregistered here). */
    cst_voice *vox = register_cmu_us_rms(NULL);
    flite_phones(vox, "On this gamepad.", phones, sizeof phones);
    flite_phones(vox, "On this game pad.", two_words, sizeof two_words);
    printf("gamepad: %s\n", phones);
    assert_string_equal(phones, two_words);
    flite_phones(vox, "Two gamepads.", phones, sizeof phones);
    assert_non_null(strstr(phones, "g ey m p ae d z"));
    voice_close(v);

    /* Once no Voice is open, flite's lexicon is as it was. */
    vox = register_cmu_us_rms(NULL);
    flite_phones(vox, "On this gamepad.", phones, sizeof phones);
    assert_string_not_equal(phones, two_words);
    unregister_cmu_us_rms(vox);
}

/* The settings index the table and stay inside what the voice accepts. */
static void test_voice_settings_fit_the_voice_table(void **state)
{
    (void)state;
    Settings d = settings_default();
    for (int i = 0; i < settings_count(); i++) {
        if (!strcmp(settings_name(i), "voice")) {
            assert_int_equal(settings_min(i), 0);
            assert_int_equal(settings_max(i), voice_count() - 1);
        } else if (!strcmp(settings_name(i), "voice_rate")) {
            assert_true(settings_min(i) >= VOICE_RATE_MIN);
            assert_true(settings_max(i) <= VOICE_RATE_MAX);
            assert_in_range(100, settings_min(i), settings_max(i));
        }
    }
    assert_non_null(voice_name(d.voice));
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
        cmocka_unit_test_setup_teardown(test_every_voice_opens_and_says_a_prompt, open_mixer,
                                        close_mixer),
        cmocka_unit_test_setup_teardown(test_a_slower_rate_makes_every_voice_longer,
                                        open_mixer, close_mixer),
        cmocka_unit_test_setup_teardown(test_voice_set_drops_what_the_old_voice_made,
                                        open_mixer, close_mixer),
        cmocka_unit_test_setup_teardown(test_voice_set_refuses_an_unknown_voice_and_keeps_the_old,
                                        open_mixer, close_mixer),
        cmocka_unit_test_setup_teardown(test_two_voices_share_a_flite_voice, open_mixer,
                                        close_mixer),
        cmocka_unit_test_setup_teardown(test_gamepad_is_said_as_game_pad, open_mixer,
                                        close_mixer),
        cmocka_unit_test(test_voice_settings_fit_the_voice_table),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return failed;
}
