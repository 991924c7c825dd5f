/* test_tolerance.c: the weekly check of everyday things: when it is due,
 * what it asks and says back, and the trend shown on screen and in the
 * report. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "tolerance.h"

static ToleranceCheck check(DayNumber day, int stand, int sit, int activity, const char *name)
{
    ToleranceCheck c = {.local_day = day, .score = {stand, sit, activity}};
    snprintf(c.activity, sizeof c.activity, "%s", name);
    return c;
}

static void test_due_once_a_week_skips_included(void **state)
{
    (void)state;
    DayNumber d = day_from_civil(2026, 11, 2);
    DayNumber first = d - 1;
    /* Never practised, or only today: the first session is for learning. */
    assert_false(tolerance_due(NULL, 0, d, -1));
    assert_false(tolerance_due(NULL, 0, d, d));
    assert_true(tolerance_due(NULL, 0, d, first)); /* then the baseline */
    ToleranceCheck h[3] = {check(d, 4, 5, 3, "walking")};
    for (int i = 0; i < TOLERANCE_EVERY_DAYS; i++)
        assert_false(tolerance_due(h, 1, d + i, first));
    assert_true(tolerance_due(h, 1, d + TOLERANCE_EVERY_DAYS, first));
    h[1] = (ToleranceCheck){.local_day = d + 8, .skipped = true};
    assert_false(tolerance_due(h, 2, d + 8, first));
    assert_false(tolerance_due(h, 2, d + 14, first));
    assert_true(tolerance_due(h, 2, d + 15, first));
    /* A check dated ahead of today (the clock went back) still counts. */
    h[2] = check(d + 30, 5, 5, 5, "walking");
    assert_false(tolerance_due(h, 3, d + 20, first));
}

static void test_trend_follows_answered_checks(void **state)
{
    (void)state;
    DayNumber d = day_from_civil(2026, 11, 3);
    ToleranceCheck h[5] = {
        check(d, 3, 6, 2, "gardening"),
        {.local_day = d + 7, .skipped = true, .score = {9, 9, 9}},
        check(d + 14, TOLERANCE_NOT_ANSWERED, 6, 4, "gardening"),
        check(d + 21, 5, 6, 7, "walking"),
        check(d + 28, 6, 5, 8, "walking"),
    };
    ToleranceTrend t = tolerance_trend(h, 5, TOLERANCE_STAND);
    assert_int_equal(t.rated, 3); /* the skip and the unanswered one left out */
    assert_int_equal(t.first, 3);
    assert_int_equal(t.last, 6);
    assert_int_equal(t.change, 3);
    assert_int_equal(t.first_day, d);
    assert_int_equal(t.last_day, d + 28);
    t = tolerance_trend(h, 5, TOLERANCE_SIT);
    assert_int_equal(t.rated, 4);
    assert_int_equal(t.change, -1);
    /* Another activity is another scale: only walking's two count. */
    t = tolerance_trend(h, 5, TOLERANCE_ACTIVITY);
    assert_int_equal(t.rated, 2);
    assert_int_equal(t.first, 7);
    assert_int_equal(t.last, 8);
    assert_string_equal(tolerance_last_activity(h, 5), "walking");
    assert_string_equal(tolerance_last_activity(h, 1), "gardening");
    assert_string_equal(tolerance_last_activity(NULL, 0), tolerance_activity(0));

    char line[128];
    tolerance_trend_line(h, 5, TOLERANCE_STAND, line, sizeof line);
    assert_string_equal(line, "Standing 3 -> 6 of 10 (up 3 since 3 Nov)");
    tolerance_trend_line(h, 5, TOLERANCE_SIT, line, sizeof line);
    assert_string_equal(line, "Sitting 6 -> 5 of 10 (down 1 since 3 Nov)");
    tolerance_trend_line(h, 5, TOLERANCE_ACTIVITY, line, sizeof line);
    assert_string_equal(line, "Walking 7 -> 8 of 10 (up 1 since 24 Nov)");
    tolerance_trend_line(h, 1, TOLERANCE_SIT, line, sizeof line);
    assert_string_equal(line, "Sitting 6 of 10 (first check)");
    tolerance_trend_line(h + 1, 1, TOLERANCE_SIT, line, sizeof line);
    assert_string_equal(line, "");
    ToleranceCheck same[2] = {check(d, 5, 5, 5, "driving"), check(d + 7, 5, 5, 5, "driving")};
    tolerance_trend_line(same, 2, TOLERANCE_STAND, line, sizeof line);
    assert_string_equal(line, "Standing 5 of 10, the same as on 3 Nov");
}

static void test_prompts_have_stable_distinct_keys(void **state)
{
    (void)state;
    Prompt a, b;
    prompt_tolerance_intro(&a);
    assert_non_null(strstr(a.text, "0 means"));
    assert_non_null(strstr(a.text, "10 means"));
    prompt_tolerance_question(&a, TOLERANCE_STAND, "walking");
    prompt_tolerance_question(&b, TOLERANCE_SIT, "walking");
    assert_string_equal(a.key, "tolerance_q_stand");
    assert_string_not_equal(a.key, b.key);
    prompt_tolerance_question(&a, TOLERANCE_ACTIVITY, "playing with children");
    assert_string_equal(a.key, "tolerance_q_playing_with_children");
    assert_non_null(strstr(a.text, "playing with children"));
    prompt_tolerance_question(&b, TOLERANCE_ACTIVITY, "a night's sleep");
    assert_string_equal(b.key, "tolerance_q_a_night_s_sleep");
    prompt_tolerance_score(&a, TOLERANCE_SIT, "walking", 7);
    assert_string_equal(a.text, "Sitting: seven.");
    assert_string_equal(a.key, "tolerance_sitting_7");
    prompt_tolerance_score(&a, TOLERANCE_ACTIVITY, "lifting and carrying", 10);
    assert_string_equal(a.text, "Lifting and carrying: ten.");
    assert_string_equal(a.key, "tolerance_lifting_and_carrying_10");
    /* Every listed activity gives a key of its own that fits. */
    for (int i = 0; i < tolerance_activity_count(); i++) {
        prompt_tolerance_question(&a, TOLERANCE_ACTIVITY, tolerance_activity(i));
        assert_true(strlen(a.key) < PROMPT_KEY_MAX - 1);
        for (int j = 0; j < i; j++) {
            prompt_tolerance_question(&b, TOLERANCE_ACTIVITY, tolerance_activity(j));
            assert_string_not_equal(a.key, b.key);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_due_once_a_week_skips_included),
        cmocka_unit_test(test_trend_follows_answered_checks),
        cmocka_unit_test(test_prompts_have_stable_distinct_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
