/* test_audio_prepare.c: audio_prepare makes every prompt of a session before
 * it is said, whatever the person does; with the voice off nothing is made. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "audio.h"
#include "levels_load.h"
#include "plan.h"
#include "session.h"
#include "settings.h"
#include "test_support.h"

typedef struct {
    Audio *audio;
    int says;
    int pain_stops, pauses;
} SayCounter;

static void count_says(void *ctx, const Cue *cue)
{
    SayCounter *c = ctx;
    if (cue->kind == CUE_SAY && cue->text[0])
        c->says++;
    if (cue->kind == CUE_PAIN_STOP)
        c->pain_stops++;
    if (cue->kind == CUE_PAUSED)
        c->pauses++;
    audio_play_cue(c->audio, cue);
}

static int settings_max_of(const char *name)
{
    for (int i = 0; i < settings_count(); i++)
        if (strcmp(settings_name(i), name) == 0)
            return settings_max(i);
    fail_msg("no setting %s", name);
    return 0;
}

static void test_every_prompt_is_ready_before_it_is_said(void **state)
{
    (void)state;
    int tracks;
    Program *program = test_load_program(TEST_DATA_DIR "/audio/levels", &tracks, NULL);
    assert_int_equal(tracks, 2);
    Plan plan;
    assert_int_equal(plan_build_daily(program, NULL, &plan), 2);

    char message[256];
    Settings settings = settings_default();
    SayCounter counter = {0};
    counter.audio = audio_open(TEST_ASSETS_DIR, &settings, message, sizeof message);
    assert_non_null(counter.audio);
    assert_true(audio_has_device(counter.audio));

    /* Confirm mode, with a reminder, a pause and a pain stop: what the
     * person does is not foreseeable, and its words must be ready anyway. */
    Session s;
    session_init(&s, &plan, session_config_default(), count_says, &counter);
    audio_prepare(counter.audio, &s);
    audio_wait_prepared(counter.audio);
    session_start(&s, 0);
    int steps = 0;
    while (!session_done(&s) && steps < 10000) {
        audio_prepare(counter.audio, &s);
        audio_wait_prepared(counter.audio); /* the time a phase lasts */
        steps++;
        if (s.phase == PHASE_MOVE && s.exercise == 0 && s.rep == 1 && counter.pauses == 0) {
            session_step(&s, s.now_ms + 700, ACTION_PAUSE);
        } else if (s.paused) {
            session_step(&s, s.now_ms + 2000, ACTION_PAUSE);
        } else if (s.phase == PHASE_MOVE && s.exercise == 1 && counter.pain_stops == 0) {
            session_step(&s, s.now_ms + 300, ACTION_PAIN);
        } else if (s.phase == PHASE_PAIN_CHECK) {
            session_step(&s, s.now_ms + 1000, ACTION_CONFIRM);
        } else if (s.phase == PHASE_WAIT_CONFIRM && s.reminders_given == 0) {
            session_step(&s, session_next_event_ms(&s), ACTION_NONE); /* a reminder */
        } else if (s.phase == PHASE_WAIT_CONFIRM) {
            session_step(&s, s.now_ms + 400, ACTION_CONFIRM);
        } else {
            session_step(&s, session_next_event_ms(&s), ACTION_NONE);
        }
    }
    assert_true(session_done(&s));
    assert_int_equal(counter.pauses, 1);
    assert_int_equal(counter.pain_stops, 1);

    unsigned hits = 0, misses = 0;
    audio_voice_counts(counter.audio, &hits, &misses);
    printf("%d prompts said: %u ready in time, %u made late\n", counter.says, hits, misses);
    assert_true(counter.says > 10);
    assert_int_equal(misses, 0);
    assert_int_equal(hits, (unsigned)counter.says);
    audio_close(counter.audio);
    free(program);
}

static void test_voice_off_says_nothing_and_makes_nothing(void **state)
{
    (void)state;
    char message[256];
    Settings settings = settings_default();
    settings.voice_on = 0;
    Audio *a = audio_open(TEST_ASSETS_DIR, &settings, message, sizeof message);
    assert_non_null(a);
    audio_say(a, "hello", "Hello there.");
    assert_false(audio_speaking(a));
    unsigned hits = 1, misses = 1;
    audio_voice_counts(a, &hits, &misses);
    assert_int_equal(hits, 0);
    assert_int_equal(misses, 0);

    settings.voice_on = 1;
    audio_apply_settings(a, &settings);
    audio_say(a, "hello", "Hello there.");
    assert_true(audio_speaking(a));
    audio_voice_counts(a, &hits, &misses);
    assert_int_equal(misses, 1);
    audio_close(a);
}

static void test_pain_check_silences_the_words_before_it(void **state)
{
    (void)state;
    char message[256];
    Settings settings = settings_default();
    Audio *a = audio_open(TEST_ASSETS_DIR, &settings, message, sizeof message);
    assert_non_null(a);
    assert_true(audio_has_device(a));
    audio_say(a, "long_rest", "Rest for thirty seconds. Next come the bridges, so lie on your back.");
    assert_true(audio_speaking(a));

    /* Pain during a rest: no exercise stops, but the session hushes the
     * rest's words so they do not talk over the pain check. */
    Cue cue;
    memset(&cue, 0, sizeof cue);
    cue.kind = CUE_HUSH;
    cue.phase = PHASE_REST;
    cue.deadline_ms = -1;
    cue.at_ms = audio_clock_ms(a);
    audio_play_cue(a, &cue);
    assert_false(audio_speaking(a));
    audio_close(a);
}

/* Another voice chosen while words are said and more wait: the old words
 * stop (their sound is freed), nothing waits with them, and the next words
 * come in the new voice.  Under ASan a prompt kept past its voice fails. */
static void test_a_new_voice_stops_the_old_words_and_speaks_on(void **state)
{
    (void)state;
    char message[256];
    Settings settings = settings_default();
    Audio *a = audio_open(TEST_ASSETS_DIR, &settings, message, sizeof message);
    assert_non_null(a);
    assert_true(audio_has_device(a));
    audio_say(a, "long_rest", "Rest for thirty seconds. Next come the bridges, so lie on your back.");
    audio_say(a, "waiting", "Get ready.");
    assert_true(audio_speaking(a));

    settings.voice = (settings.voice + 1) % (settings_max_of("voice") + 1);
    settings.voice_rate = 80;
    audio_apply_settings(a, &settings);
    assert_false(audio_speaking(a));
    audio_wait(a, 100);
    assert_false(audio_speaking(a));

    unsigned hits = 0, misses = 0, misses_before = 0;
    audio_voice_counts(a, &hits, &misses_before);
    audio_say(a, "waiting", "Get ready.");
    assert_true(audio_speaking(a));
    audio_voice_counts(a, &hits, &misses);
    assert_int_equal(misses, misses_before + 1); /* made again, by the new voice */
    audio_close(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_prompt_is_ready_before_it_is_said),
        cmocka_unit_test(test_voice_off_says_nothing_and_makes_nothing),
        cmocka_unit_test(test_pain_check_silences_the_words_before_it),
        cmocka_unit_test(test_a_new_voice_stops_the_old_words_and_speaks_on),
    };
    int failed = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return failed;
}
