/* test_speech_timing.c: the speech measure on synthetic renders: it finds
 * late, cut, missing and overlapping words and beeps under them, and passes
 * a render that plays every prompt whole and on time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "speech_timing.h"

enum {
    MS = SPEECH_FRAMES_PER_MS,
    TRACK_MS = 12000,
    ORIGIN_MS = 300, /* the session starts this far into the render */
    PROMPTS = 3
};

static const double pi = 3.14159265358979323846;

/* A made prompt: 15 ms of quiet, "words" (syllables of a tone, each
 * prompt with its own pitch and syllable length, a short quiet between
 * syllables and a longer one between two words, as flite leaves them), then
 * 40 ms of quiet. */
typedef struct {
    int16_t *pcm;
    long long frames;
} Chunk;

static Chunk make_chunk(int index, int words_ms)
{
    Chunk c;
    c.frames = (long long)(15 + words_ms + 40) * MS;
    c.pcm = calloc((size_t)c.frames * 2, sizeof *c.pcm);
    assert_non_null(c.pcm);
    double pitch = 200 + 90 * index;
    long long syllable = (long long)(130 + 40 * index) * MS, gap = 50 * MS;
    long long pause_from = 15 * MS + (long long)words_ms * MS * 2 / 5;
    long long pause_to = pause_from + 120 * MS;
    for (long long i = 15 * MS; i < (long long)(15 + words_ms) * MS; i++) {
        if ((i >= pause_from && i < pause_to) || (i - 15 * MS) % (syllable + gap) >= syllable)
            continue;
        int16_t v = (int16_t)(6000 * sin(2 * pi * pitch * (double)i / 48000.0));
        c.pcm[2 * i] = c.pcm[2 * i + 1] = v;
    }
    return c;
}

typedef struct {
    int16_t *pcm;
    long long frames;
} Track;

static Track make_track(void)
{
    Track t = {calloc((size_t)TRACK_MS * MS * 2, sizeof(int16_t)), (long long)TRACK_MS * MS};
    assert_non_null(t.pcm);
    return t;
}

/* Plays frames [0, play) of c from session time at_ms, mixed in; the far
 * ear lower when panned, as the mixer does. */
static void play(Track *t, const Chunk *c, double at_ms, long long play, bool panned)
{
    long long start = (long long)((at_ms + ORIGIN_MS) * MS);
    for (long long i = 0; i < play && i < c->frames; i++) {
        long long f = start + i;
        if (f < 0 || f >= t->frames)
            continue;
        t->pcm[2 * f] = (int16_t)(t->pcm[2 * f] + c->pcm[2 * i]);
        int right = panned ? c->pcm[2 * i + 1] * 70 / 255 : c->pcm[2 * i + 1];
        t->pcm[2 * f + 1] = (int16_t)(t->pcm[2 * f + 1] + right);
    }
}

static void beep(Track *t, double at_ms, int ms)
{
    long long start = (long long)((at_ms + ORIGIN_MS) * MS);
    for (long long i = 0; i < (long long)ms * MS; i++) {
        long long f = start + i;
        int16_t v = (int16_t)(4000 * sin(2 * pi * 880 * (double)i / 48000.0));
        t->pcm[2 * f] = (int16_t)(t->pcm[2 * f] + v);
        t->pcm[2 * f + 1] = (int16_t)(t->pcm[2 * f + 1] + v);
    }
}

typedef struct {
    Chunk chunks[PROMPTS];
    SpeechPrompt prompts[PROMPTS];
    Track voice;
} Fixture;

/* Three prompts at 1000, 3000 and 6000 ms, 1.2, 2.0 and 1.0 s of words. */
static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    static const int at[PROMPTS] = {1000, 3000, 6000};
    static const int words[PROMPTS] = {1200, 2000, 1000};
    static const char *const keys[PROMPTS] = {"rep_1_of_2", "cue_bridge_1_1", "summary_e1_r2_m1"};
    for (int i = 0; i < PROMPTS; i++) {
        f->chunks[i] = make_chunk(i, words[i]);
        SpeechPrompt *p = &f->prompts[i];
        p->at_ms = at[i];
        p->duration_ms = (int)(f->chunks[i].frames / MS);
        strcpy(p->key, keys[i]);
        p->ref = f->chunks[i].pcm;
        p->ref_frames = f->chunks[i].frames;
    }
    f->voice = make_track();
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    for (int i = 0; i < PROMPTS; i++)
        free(f->chunks[i].pcm);
    free(f->voice.pcm);
    free(f);
    return 0;
}

static SpeechSummary measure(Fixture *f, const int64_t *hushes, int hush_count)
{
    SpeechTrack t = {f->voice.pcm, f->voice.frames, (long long)ORIGIN_MS * MS};
    speech_measure(&t, f->prompts, PROMPTS, hushes, hush_count);
    SpeechSummary s = speech_summarise(f->prompts, PROMPTS);
    s.stray = speech_count_stray(&t, f->prompts, PROMPTS);
    return s;
}

static void play_all_on_time(Fixture *f, double delay_ms)
{
    for (int i = 0; i < PROMPTS; i++)
        play(&f->voice, &f->chunks[i], (double)f->prompts[i].at_ms + delay_ms,
             f->chunks[i].frames, i == 1);
}

static void test_prompts_played_whole_on_time_pass(void **state)
{
    Fixture *f = *state;
    play_all_on_time(f, 7.5); /* a buffer's wait, as the mixer starts words */
    SpeechSummary s = measure(f, NULL, 0);
    assert_int_equal(s.prompts, 3);
    assert_int_equal(s.late + s.cut + s.missing + s.hushed + s.stray, 0);
    for (int i = 0; i < PROMPTS; i++) {
        assert_true(fabs(f->prompts[i].late_ms - 7.5) < 0.05);
        /* Heard to the chunk's last loud frame. */
        long long last = speech_last_loud(f->chunks[i].pcm, 0, f->chunks[i].frames, SPEECH_LEVEL);
        assert_int_equal(f->prompts[i].heard_to, f->prompts[i].start + last);
    }
    assert_true(fabs(s.worst_late_ms - 7.5) < 0.05);
}

static void test_a_prompt_late_beyond_the_limit_is_late(void **state)
{
    Fixture *f = *state;
    play(&f->voice, &f->chunks[0], 1000, f->chunks[0].frames, false);
    play(&f->voice, &f->chunks[1], 3000 + 140, f->chunks[1].frames, true);
    play(&f->voice, &f->chunks[2], 6000 + 60, f->chunks[2].frames, false);
    SpeechSummary s = measure(f, NULL, 0);
    assert_int_equal(s.late, 1);
    assert_true(f->prompts[1].late);
    assert_false(f->prompts[2].late);
    assert_true(fabs(s.worst_late_ms - 140) < 0.05);
    assert_int_equal(s.cut + s.missing, 0);
}

/* A schedule whose second prompt was planned under the first one's words:
 * an audio that queues says it late, one that cuts says the first part. */
static void test_overlapping_schedule_is_late_when_queued(void **state)
{
    Fixture *f = *state;
    f->prompts[1].at_ms = 1800; /* the first one's words go on to 2255 ms */
    play(&f->voice, &f->chunks[0], 1000, f->chunks[0].frames, false);
    play(&f->voice, &f->chunks[1], 1000 + (double)f->chunks[0].frames / MS, f->chunks[1].frames,
         true);
    play(&f->voice, &f->chunks[2], 6000, f->chunks[2].frames, false);
    SpeechSummary s = measure(f, NULL, 0);
    assert_int_equal(s.late, 1);
    assert_true(f->prompts[1].late);
    assert_true(f->prompts[1].late_ms > 400);
    assert_int_equal(s.cut + s.missing + s.stray, 0);
}

static void test_overlapping_schedule_is_cut_when_words_give_way(void **state)
{
    Fixture *f = *state;
    f->prompts[1].at_ms = 1800;
    long long heard = (long long)(800 * MS); /* cut 800 ms in, at 1800 ms */
    play(&f->voice, &f->chunks[0], 1000, heard, false);
    play(&f->voice, &f->chunks[1], 1800, f->chunks[1].frames, true);
    play(&f->voice, &f->chunks[2], 6000, f->chunks[2].frames, false);
    SpeechSummary s = measure(f, NULL, 0);
    assert_int_equal(s.cut, 1);
    assert_true(f->prompts[0].cut);
    assert_false(f->prompts[0].hushed);
    /* Heard to where the words stopped, or a little after while the words
     * that follow happen to be as loud. */
    double heard_ms = (double)(f->prompts[0].heard_to - f->prompts[0].start) / MS;
    assert_true(heard_ms >= 795 && heard_ms <= 900);
    assert_int_equal(s.late + s.missing, 0);
}

/* Words that wait behind late words may begin after the next prompt's
 * time: they are late, not missing, and the next one is not cut. */
static void test_words_queued_past_the_next_prompts_time_are_late_not_missing(void **state)
{
    Fixture *f = *state;
    double t0 = 2600; /* 1600 ms late: its words go on to 3855 ms */
    double t1 = t0 + (double)f->chunks[0].frames / MS;
    play(&f->voice, &f->chunks[0], t0, f->chunks[0].frames, false);
    play(&f->voice, &f->chunks[1], t1, f->chunks[1].frames, true);
    play(&f->voice, &f->chunks[2], 6000, f->chunks[2].frames, false); /* 6000 */
    SpeechSummary s = measure(f, NULL, 0);
    assert_int_equal(s.late, 2);
    assert_true(fabs(f->prompts[1].late_ms - (t1 - 3000)) < 0.05);
    assert_int_equal(s.cut + s.missing + s.stray, 0);
}

/* The words that cut in began a little after their time: the words they
 * cut still sound where the next prompt's onset is first looked for. */
static void test_words_that_cut_in_late_are_placed_by_their_own_onset(void **state)
{
    Fixture *f = *state;
    f->prompts[1].at_ms = 1800;
    play(&f->voice, &f->chunks[0], 1000, (long long)(820 * MS), false);
    play(&f->voice, &f->chunks[1], 1820, f->chunks[1].frames, true);
    play(&f->voice, &f->chunks[2], 6000, f->chunks[2].frames, false);
    SpeechSummary s = measure(f, NULL, 0);
    assert_true(f->prompts[0].cut);
    assert_false(f->prompts[1].cut);
    assert_true(fabs(f->prompts[1].late_ms - 20) < 0.05);
    assert_int_equal(s.cut, 1);
    assert_int_equal(s.late + s.missing + s.stray, 0);
}

/* Both words at once (two channels, no queue): neither matches its chunk. */
static void test_words_mixed_over_words_are_cut(void **state)
{
    Fixture *f = *state;
    f->prompts[1].at_ms = 1800;
    play(&f->voice, &f->chunks[0], 1000, f->chunks[0].frames, false);
    play(&f->voice, &f->chunks[1], 1800, f->chunks[1].frames, true);
    play(&f->voice, &f->chunks[2], 6000, f->chunks[2].frames, false);
    SpeechSummary s = measure(f, NULL, 0);
    assert_true(f->prompts[0].cut);
    assert_true(s.cut + s.late + s.missing >= 1);
}

static void test_a_cut_a_hush_asked_for_is_not_a_fault(void **state)
{
    Fixture *f = *state;
    play(&f->voice, &f->chunks[0], 1000, f->chunks[0].frames, false);
    play(&f->voice, &f->chunks[1], 3000, 900 * MS, true); /* stopped at 3900 ms */
    play(&f->voice, &f->chunks[2], 6000, f->chunks[2].frames, false);
    const int64_t hush = 3890;
    SpeechSummary s = measure(f, &hush, 1);
    assert_int_equal(s.cut, 0);
    assert_int_equal(s.hushed, 1);
    assert_true(f->prompts[1].cut && f->prompts[1].hushed);
    /* Without the hush the same render is a cut. */
    s = measure(f, NULL, 0);
    assert_int_equal(s.cut, 1);
}

static void test_a_prompt_never_said_is_missing(void **state)
{
    Fixture *f = *state;
    play(&f->voice, &f->chunks[0], 1000, f->chunks[0].frames, false);
    play(&f->voice, &f->chunks[2], 6000, f->chunks[2].frames, false);
    SpeechSummary s = measure(f, NULL, 0);
    assert_int_equal(s.missing, 1);
    assert_true(f->prompts[1].missing);
    assert_int_equal(s.late + s.cut, 0);
}

static void test_words_nobody_scheduled_are_stray(void **state)
{
    Fixture *f = *state;
    play_all_on_time(f, 0);
    play(&f->voice, &f->chunks[0], 8000, f->chunks[0].frames, false);
    SpeechSummary s = measure(f, NULL, 0);
    assert_int_equal(s.late + s.cut + s.missing, 0);
    assert_true(s.stray >= 1);
}

static void test_beeps_under_words_are_found_and_beeps_beside_them_are_not(void **state)
{
    Fixture *f = *state;
    play_all_on_time(f, 0);
    measure(f, NULL, 0);
    Track beeps = make_track();
    beep(&beeps, 500, 90);   /* before any words */
    beep(&beeps, 2300, 110); /* just after the first prompt's words (1015-2215 ms) */
    beep(&beeps, 3500, 90);  /* inside the second prompt's words */
    beep(&beeps, 5950, 220); /* runs into the third prompt's first word (6015 ms) */
    SpeechTrack bt = {beeps.pcm, beeps.frames, (long long)ORIGIN_MS * MS};
    SpeechSpan spans[8];
    int n = speech_find_beeps(&bt, spans, 8);
    assert_int_equal(n, 4);
    assert_true(llabs(spans[1].from - 2300 * MS) <= 2);
    SpeechOverlap under[8];
    int k = speech_beeps_under(spans, n, f->prompts, PROMPTS, under, 8);
    assert_int_equal(k, 2);
    assert_int_equal(under[0].prompt, 1);
    assert_int_equal(under[1].prompt, 2);
    free(beeps.pcm);
}

static void test_two_notes_close_together_are_one_beep(void **state)
{
    (void)state;
    Track beeps = make_track();
    beep(&beeps, 1000, 100);
    beep(&beeps, 1120, 100); /* a side switch: two notes 20 ms apart */
    beep(&beeps, 1400, 100);
    SpeechTrack bt = {beeps.pcm, beeps.frames, (long long)ORIGIN_MS * MS};
    SpeechSpan spans[8];
    assert_int_equal(speech_find_beeps(&bt, spans, 8), 2);
    free(beeps.pcm);
}

static void test_a_prompts_class_is_its_key_prefix(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"rep_3_of_10", "rep"},         {"cue_bridge_1_2", "cue"},
        {"get_ready", "get_ready"},     {"get_ready_left_first", "get_ready"},
        {"seconds_left_5", "seconds_left"}, {"switch_sides", "switch_sides"},
        {"safety_reminder", "safety"},  {"countdown_3", "countdown"},
        {"summary_e8_r78_m17", "summary"}, {"hold", "hold"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[SPEECH_CLASS_MAX];
        speech_class(cases[i][0], out, sizeof out);
        assert_string_equal(out, cases[i][1]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_prompts_played_whole_on_time_pass, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_prompt_late_beyond_the_limit_is_late, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_overlapping_schedule_is_late_when_queued, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_overlapping_schedule_is_cut_when_words_give_way,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_words_queued_past_the_next_prompts_time_are_late_not_missing,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_words_that_cut_in_late_are_placed_by_their_own_onset,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_words_mixed_over_words_are_cut, setup, teardown),
        cmocka_unit_test_setup_teardown(test_a_cut_a_hush_asked_for_is_not_a_fault, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_a_prompt_never_said_is_missing, setup, teardown),
        cmocka_unit_test_setup_teardown(test_words_nobody_scheduled_are_stray, setup, teardown),
        cmocka_unit_test_setup_teardown(test_beeps_under_words_are_found_and_beeps_beside_them_are_not,
                                        setup, teardown),
        cmocka_unit_test(test_two_notes_close_together_are_one_beep),
        cmocka_unit_test(test_a_prompts_class_is_its_key_prefix),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
