/* test_progress.c: the progress rules as specifications: calendar days,
 * unlocks, pain, streaks, and days across DST, time zones and clock jumps. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "progress.h"
#include "test_support.h"
#include "tracker.h"

static ExerciseRecord rec(const char *level, DayNumber day, bool full, bool pain)
{
    ExerciseRecord r;
    memset(&r, 0, sizeof r);
    snprintf(r.level_id, sizeof r.level_id, "%s", level);
    r.day = day;
    r.full = full;
    r.pain = pain;
    r.pain_score = -1;
    return r;
}

static const DayNumber D0 = 20000; /* 2024-10-04, any day would do */

static ProgressState compute(const Program *p, const ExerciseRecord *r, int n)
{
    ProgressState s;
    progress_compute(p, r, n, NULL, D0 + 100, &s);
    return s;
}

/* ---- calendar days ------------------------------------------------------- */

static void test_civil_days_round_trip(void **state)
{
    (void)state;
    assert_int_equal(day_from_civil(1970, 1, 1), 0);
    assert_int_equal(day_from_civil(2000, 3, 1), 11017);
    assert_int_equal(day_from_civil(1969, 12, 31), -1);
    for (DayNumber d = -800; d < 30000; d += 7) {
        int y, m, md;
        civil_from_day(d, &y, &m, &md);
        assert_int_equal(day_from_civil(y, m, md), d);
    }
    assert_int_equal(day_weekday(day_from_civil(2024, 1, 1)), 0);  /* a Monday */
    assert_int_equal(day_weekday(day_from_civil(2025, 11, 23)), 6); /* a Sunday */
    assert_int_equal(day_weekday(day_from_civil(1969, 12, 29)), 0);
}

static void test_half_past_one_belongs_to_yesterday(void **state)
{
    (void)state;
    DayNumber nov20 = day_from_civil(2025, 11, 20);
    assert_int_equal(day_from_local(2025, 11, 21, 1, 4), nov20);
    assert_int_equal(day_from_local(2025, 11, 21, 3, 4), nov20);
    assert_int_equal(day_from_local(2025, 11, 21, 4, 4), nov20 + 1);
    assert_int_equal(day_from_local(2025, 11, 21, 1, 0), nov20 + 1);
}

static void test_month_and_year_ends(void **state)
{
    (void)state;
    assert_int_equal(day_from_local(2024, 3, 1, 2, 4), day_from_civil(2024, 2, 29));
    assert_int_equal(day_from_local(2023, 3, 1, 2, 4), day_from_civil(2023, 2, 28));
    assert_int_equal(day_from_local(2025, 1, 1, 3, 4), day_from_civil(2024, 12, 31));
    assert_int_equal(day_from_local(2024, 5, 1, 0, 4), day_from_civil(2024, 4, 30));
    assert_int_equal(day_from_civil(2025, 1, 1) - day_from_civil(2024, 12, 31), 1);
    assert_int_equal(day_from_civil(2024, 3, 1) - day_from_civil(2024, 2, 28), 2);
}

/* ---- unlocks -------------------------------------------------------------- */

static void test_unlock_after_clean_days(void **state)
{
    (void)state;
    Program *p = test_make_tilt_bridge_program();
    ExerciseRecord r[] = {rec("tilt_1", D0, true, false), rec("tilt_1", D0 + 1, true, false)};
    ProgressState s = compute(p, r, 2);
    assert_int_equal(s.unlocked[0], 1);
    assert_int_equal(s.clean_days[0], 2);
    assert_int_equal(s.current[0], 0);

    ExerciseRecord r3[] = {rec("tilt_1", D0, true, false), rec("tilt_1", D0 + 1, true, false),
                           rec("tilt_1", D0 + 5, true, false)};
    s = compute(p, r3, 3);
    assert_int_equal(s.unlocked[0], 2);
    assert_int_equal(s.current[0], 1); /* today's session moves up */
    assert_int_equal(s.clean_days[0], 0);
    assert_int_equal(s.unlocked[1], 1); /* the other track is untouched */
    free(p);
}

static void test_same_day_twice_counts_once(void **state)
{
    (void)state;
    Program *p = test_make_tilt_bridge_program();
    ExerciseRecord r[] = {rec("tilt_1", D0, true, false), rec("tilt_1", D0, true, false),
                          rec("tilt_1", D0, true, false), rec("tilt_1", D0 + 1, true, false)};
    ProgressState s = compute(p, r, 4);
    assert_int_equal(s.unlocked[0], 1);
    assert_int_equal(s.clean_days[0], 2);
    free(p);
}

static void test_partial_reps_do_not_count(void **state)
{
    (void)state;
    Program *p = test_make_tilt_bridge_program();
    ExerciseRecord r[] = {rec("tilt_1", D0, true, false), rec("tilt_1", D0 + 1, false, false),
                          rec("tilt_1", D0 + 2, false, false), rec("tilt_1", D0 + 3, true, false)};
    ProgressState s = compute(p, r, 4);
    assert_int_equal(s.clean_days[0], 2);
    assert_int_equal(s.unlocked[0], 1);
    free(p);
}

static void test_pain_day_does_not_count_and_relocks_nothing(void **state)
{
    (void)state;
    Program *p = test_make_tilt_bridge_program();
    ExerciseRecord r[] = {rec("tilt_1", D0, true, false), rec("tilt_1", D0 + 1, true, false),
                          rec("tilt_1", D0 + 2, true, false), /* tilt_2 unlocked */
                          rec("tilt_2", D0 + 3, true, false), rec("tilt_2", D0 + 4, true, false),
                          rec("tilt_2", D0 + 5, false, true)};
    ProgressState s = compute(p, r, 6);
    assert_int_equal(s.unlocked[0], 2);   /* still unlocked */
    assert_int_equal(s.clean_days[0], 2); /* the pain day added nothing */
    assert_true(s.suggest_easier[0]);
    assert_int_equal(s.current[0], 0);    /* one below the level that hurt */
    assert_false(s.see_pt_advice[0]);
    free(p);
}

static void test_pain_at_first_level_stays_at_first(void **state)
{
    (void)state;
    Program *p = test_make_tilt_bridge_program();
    ExerciseRecord r[] = {rec("bridge_1", D0, false, true)};
    ProgressState s = compute(p, r, 1);
    assert_true(s.suggest_easier[1]);
    assert_int_equal(s.current[1], 0);
    assert_int_equal(s.unlocked[1], 1);
    free(p);
}

static void test_pain_then_clean_session_returns_to_normal(void **state)
{
    (void)state;
    Program *p = test_make_tilt_bridge_program();
    ExerciseRecord r[] = {rec("bridge_1", D0, true, false), rec("bridge_1", D0 + 1, true, false),
                          rec("bridge_2", D0 + 2, false, true),
                          rec("bridge_1", D0 + 3, true, false)};
    ProgressState s = compute(p, r, 3);
    assert_int_equal(s.current[1], 0);
    s = compute(p, r, 4);
    assert_false(s.suggest_easier[1]);
    assert_int_equal(s.current[1], 1);
    free(p);
}

static void test_pain_within_same_day_order_decides(void **state)
{
    (void)state;
    Program *p = test_make_tilt_bridge_program();
    /* Records of one day, in the order they happened. */
    ExerciseRecord r[] = {rec("tilt_1", D0, true, false), rec("tilt_1", D0, false, true)};
    ProgressState s = compute(p, r, 2);
    assert_true(s.suggest_easier[0]);
    ExerciseRecord r2[] = {rec("tilt_1", D0, false, true), rec("tilt_1", D0, true, false)};
    s = compute(p, r2, 2);
    assert_false(s.suggest_easier[0]);
    free(p);
}

static void test_pt_advice_after_two_pain_reports_in_seven_days(void **state)
{
    (void)state;
    Program *p = test_make_tilt_bridge_program();
    ExerciseRecord one[] = {rec("tilt_1", D0, false, true)};
    assert_false(compute(p, one, 1).see_pt_advice[0]);
    ExerciseRecord two[] = {rec("tilt_1", D0, false, true), rec("tilt_1", D0 + 6, false, true)};
    ProgressState s = compute(p, two, 2);
    assert_true(s.see_pt_advice[0]);
    assert_false(s.see_pt_advice[1]);
    ExerciseRecord seven[] = {rec("tilt_1", D0, false, true), rec("tilt_1", D0 + 7, false, true)};
    assert_true(compute(p, seven, 2).see_pt_advice[0]);
    ExerciseRecord same_day[] = {rec("tilt_1", D0, false, true), rec("tilt_1", D0, false, true)};
    assert_true(compute(p, same_day, 2).see_pt_advice[0]);
    free(p);
}

static void test_no_pt_advice_for_reports_eight_days_apart(void **state)
{
    (void)state;
    Program *p = test_make_tilt_bridge_program();
    ExerciseRecord r[] = {rec("tilt_1", D0, false, true), rec("tilt_1", D0 + 8, false, true)};
    assert_false(compute(p, r, 2).see_pt_advice[0]);
    ExerciseRecord far[] = {rec("tilt_1", D0, false, true), rec("tilt_1", D0 + 30, false, true)};
    assert_false(compute(p, far, 2).see_pt_advice[0]);
    free(p);
}

static void test_no_pt_advice_for_pain_on_two_tracks(void **state)
{
    (void)state;
    Program *p = test_make_tilt_bridge_program();
    ExerciseRecord r[] = {rec("tilt_1", D0, false, true), rec("bridge_1", D0 + 1, false, true)};
    ProgressState s = compute(p, r, 2);
    assert_false(s.see_pt_advice[0]);
    assert_false(s.see_pt_advice[1]);
    free(p);
}

static void test_pt_advice_stands_until_a_clean_result(void **state)
{
    /* The name is kept for history: the advice now stands through clean
     * results too, until the person confirms they have checked. */
    (void)state;
    Program *p = test_make_tilt_bridge_program();
    ExerciseRecord r[] = {rec("tilt_1", D0, false, true), rec("tilt_1", D0 + 2, false, true),
                          rec("tilt_1", D0 + 3, false, false), /* skipped: not clean */
                          rec("tilt_1", D0 + 9, true, false)};
    for (int i = 0; i < 4; i++)
        r[i].at_utc = 1000 + i;
    assert_true(compute(p, r, 3).see_pt_advice[0]);
    assert_true(compute(p, r, 4).see_pt_advice[0]);
    ProgressState s;
    progress_compute_full(p, r, 4, NULL, 0, NULL, D0 + 100, 1001, &s); /* confirmed after both */
    assert_false(s.see_pt_advice[0]);
    progress_compute_full(p, r, 4, NULL, 0, NULL, D0 + 100, 1000, &s); /* after the first only */
    assert_false(s.see_pt_advice[0]);
    progress_compute_full(p, r, 4, NULL, 0, NULL, D0 + 100, 999, &s);
    assert_true(s.see_pt_advice[0]);
    assert_int_equal(s.advice_reason[0], ADVICE_STOPS_TWICE);
    free(p);
}

static void test_chosen_level_is_clamped_to_unlocked(void **state)
{
    (void)state;
    Program *p = test_make_tilt_bridge_program();
    ExerciseRecord r[] = {rec("tilt_1", D0, true, false), rec("tilt_1", D0 + 1, true, false),
                          rec("tilt_1", D0 + 2, true, false)};
    int chosen[PROGRAM_MAX_TRACKS];
    for (int i = 0; i < PROGRAM_MAX_TRACKS; i++)
        chosen[i] = -1;
    ProgressState s;
    chosen[0] = 0; /* stepping back costs nothing */
    progress_compute(p, r, 3, chosen, D0 + 3, &s);
    assert_int_equal(s.current[0], 0);
    assert_int_equal(s.unlocked[0], 2);
    chosen[0] = 2; /* not unlocked yet */
    progress_compute(p, r, 3, chosen, D0 + 3, &s);
    assert_int_equal(s.current[0], 1);
    free(p);
}

static void test_recorded_unlocks_stay_unlocked(void **state)
{
    (void)state;
    Program *p = test_make_tilt_bridge_program();
    const char *ids[] = {"tilt_2", "tilt_3", "no_such_level"};
    ProgressState s;
    progress_compute_with_unlocks(p, NULL, 0, ids, 3, NULL, D0, &s);
    assert_int_equal(s.unlocked[0], 3);
    assert_int_equal(s.current[0], 2);
    assert_int_equal(s.unlocked[1], 1);
    free(p);
}

static void test_unknown_levels_are_ignored(void **state)
{
    (void)state;
    Program *p = test_make_tilt_bridge_program();
    ExerciseRecord r[] = {rec("gone", D0, true, false), rec("gone", D0 + 1, false, true)};
    ProgressState s = compute(p, r, 2);
    assert_int_equal(s.unlocked[0], 1);
    assert_false(s.suggest_easier[0]);
    free(p);
}

/* ---- streaks ------------------------------------------------------------- */

static StreakInfo streak(const DayNumber *days, int n, DayNumber today, int rest)
{
    StreakInfo s;
    streak_compute(days, n, today, rest, &s);
    return s;
}

static void test_streak_empty(void **state)
{
    (void)state;
    StreakInfo s = streak(NULL, 0, D0, 1);
    assert_int_equal(s.current, 0);
    assert_int_equal(s.best, 0);
    assert_int_equal(s.last_day, -1);
    assert_false(s.alive_today);
}

static void test_streak_consecutive_days(void **state)
{
    (void)state;
    DayNumber d[] = {D0 + 4, D0, D0 + 2, D0 + 1, D0 + 3, D0 + 3};
    StreakInfo s = streak(d, 6, D0 + 4, 0);
    assert_int_equal(s.current, 5);
    assert_int_equal(s.best, 5);
    assert_true(s.alive_today);
    assert_int_equal(s.last_day, D0 + 4);
    s = streak(d, 6, D0 + 5, 0); /* today not done yet: still alive */
    assert_int_equal(s.current, 5);
    assert_false(s.alive_today);
    s = streak(d, 6, D0 + 6, 0); /* yesterday missed, no rest days */
    assert_int_equal(s.current, 0);
    assert_int_equal(s.best, 5);
}

static void test_one_rest_day_a_week_keeps_the_streak(void **state)
{
    (void)state;
    DayNumber d[32];
    int n = 0;
    for (int week = 0; week < 3; week++)
        for (int i = 0; i < 6; i++) /* the 7th day of each week is a rest */
            d[n++] = D0 + week * 7 + i;
    StreakInfo s = streak(d, n, d[n - 1], 1);
    assert_int_equal(s.current, 18); /* rest days are not streak days */
    assert_int_equal(s.best, 18);
    s = streak(d, n, d[n - 1] + 2, 1); /* one day missed now: alive */
    assert_int_equal(s.current, 18);
    assert_false(s.alive_today);
}

static void test_two_missed_days_in_a_week_break_the_streak(void **state)
{
    (void)state;
    /* missed D0+5 and D0+7: both inside the week D0+2..D0+8 */
    DayNumber d[] = {D0, D0 + 1, D0 + 2, D0 + 3, D0 + 4, D0 + 6, D0 + 8, D0 + 9, D0 + 10};
    StreakInfo s = streak(d, 9, D0 + 10, 1);
    assert_int_equal(s.current, 3);
    assert_int_equal(s.best, 6);
    /* two days in a row missed */
    DayNumber e[] = {D0, D0 + 1, D0 + 2};
    assert_int_equal(streak(e, 3, D0 + 4, 1).current, 3);
    assert_int_equal(streak(e, 3, D0 + 5, 1).current, 0);
    /* with two rest days allowed both gaps are fine */
    assert_int_equal(streak(d, 9, D0 + 10, 2).current, 9);
}

static void test_rest_days_after_a_week_are_allowed_again(void **state)
{
    (void)state;
    DayNumber d[] = {D0, D0 + 2, D0 + 3, D0 + 4, D0 + 5, D0 + 6, D0 + 7, D0 + 9};
    /* missed D0+1 and D0+8: seven days apart, never two in one window */
    assert_int_equal(streak(d, 8, D0 + 9, 1).current, 8);
}

static void test_best_streak_remembers_the_longest(void **state)
{
    (void)state;
    DayNumber d[] = {D0, D0 + 1, D0 + 2, D0 + 3, D0 + 4, D0 + 5, D0 + 6,
                     D0 + 20, D0 + 21};
    StreakInfo s = streak(d, 9, D0 + 21, 1);
    assert_int_equal(s.current, 2);
    assert_int_equal(s.best, 7);
    s = streak(d, 9, D0 + 40, 1);
    assert_int_equal(s.current, 0);
    assert_int_equal(s.best, 7);
}

static void test_streak_with_today_before_the_last_day(void **state)
{
    (void)state;
    DayNumber d[] = {D0, D0 + 1, D0 + 2};
    StreakInfo s = streak(d, 3, D0 - 3, 0); /* the clock went back */
    assert_int_equal(s.current, 3);
    assert_true(s.alive_today);
}

/* ---- days from wall-clock time, through the tracker ---------------------------- */

typedef struct {
    Program *program;
    Tracker *tracker;
} Fixture;

static int fixture_setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    f->program = test_make_tilt_bridge_program();
    char message[256];
    f->tracker = tracker_open(NULL, f->program, message, sizeof message);
    assert_non_null(f->tracker);
    assert_string_equal(message, "");
    *state = f;
    return 0;
}

static int fixture_teardown(void **state)
{
    Fixture *f = *state;
    tracker_close(f->tracker);
    free(f->program);
    free(f);
    test_use_tz("UTC");
    return 0;
}

static PlanItem item_for(const Program *p, int track, int level)
{
    PlanItem it = {&p->tracks[track], &p->tracks[track].levels[level], track, level};
    return it;
}

/* One finished daily session with one exercise (full, or a pain stop). */
static DayNumber session(Fixture *f, time_t start, bool pain)
{
    PlanItem it = item_for(f->program, 0, 0);
    ExerciseResult r;
    memset(&r, 0, sizeof r);
    r.reps_target = 10;
    r.reps_done = pain ? 4 : 10;
    r.pain = pain;
    r.started = r.finished = true;
    r.ended_ms = 60000;
    assert_int_equal(tracker_session_begin(f->tracker, start), 0);
    assert_int_equal(tracker_exercise_done(f->tracker, &it, &r, start + 60, NULL), 0);
    assert_int_equal(tracker_session_end(f->tracker, true, start + 600), 0);
    int n;
    const SaveSession *s = tracker_sessions(f->tracker, &n);
    return s[n - 1].local_day;
}

static void test_day_start_hour_through_the_tracker(void **state)
{
    Fixture *f = *state;
    test_use_tz("Europe/Berlin");
    /* 2025-11-21 01:30 CET is 00:30 UTC: it belongs to the 20th. */
    assert_int_equal(tracker_day_of(f->tracker, test_utc(2025, 11, 21, 0, 30)),
                     day_from_civil(2025, 11, 20));
    assert_int_equal(tracker_day_of(f->tracker, test_utc(2025, 11, 21, 3, 0)),
                     day_from_civil(2025, 11, 21));
    tracker_settings(f->tracker)->day_start_hour = 0;
    assert_int_equal(tracker_day_of(f->tracker, test_utc(2025, 11, 21, 0, 30)),
                     day_from_civil(2025, 11, 21));
}

static void test_streak_across_midnight(void **state)
{
    Fixture *f = *state;
    test_use_tz("Europe/Berlin");
    /* 22:00 and 00:30 after it are one evening: one day. */
    DayNumber a = session(f, test_utc(2025, 11, 17, 21, 0), false);
    DayNumber b = session(f, test_utc(2025, 11, 17, 23, 30), false);
    assert_int_equal(a, b);
    StreakInfo s = tracker_streak(f->tracker, test_utc(2025, 11, 18, 10, 0));
    assert_int_equal(s.current, 1);
    /* The next evening is the next day. */
    session(f, test_utc(2025, 11, 18, 20, 0), false);
    s = tracker_streak(f->tracker, test_utc(2025, 11, 18, 22, 59)); /* 23:59 local */
    assert_int_equal(s.current, 2);
    assert_true(s.alive_today);
    s = tracker_streak(f->tracker, test_utc(2025, 11, 18, 23, 30)); /* 00:30: still the 18th */
    assert_true(s.alive_today);
    s = tracker_streak(f->tracker, test_utc(2025, 11, 19, 3, 30)); /* 04:30: the 19th */
    assert_false(s.alive_today);
    assert_int_equal(s.current, 2);
}

static void test_midnight_with_day_start_zero(void **state)
{
    Fixture *f = *state;
    test_use_tz("Europe/Berlin");
    tracker_settings(f->tracker)->day_start_hour = 0;
    DayNumber a = session(f, test_utc(2025, 11, 17, 22, 59), false); /* 23:59 */
    DayNumber b = session(f, test_utc(2025, 11, 17, 23, 1), false);  /* 00:01 */
    assert_int_equal(b, a + 1);
    assert_int_equal(tracker_streak(f->tracker, test_utc(2025, 11, 18, 12, 0)).current, 2);
}

static void test_month_and_year_end_through_the_tracker(void **state)
{
    Fixture *f = *state;
    test_use_tz("Europe/Berlin");
    DayNumber a = session(f, test_utc(2024, 12, 31, 20, 0), false); /* 21:00 on the 31st */
    DayNumber b = session(f, test_utc(2025, 1, 1, 1, 0), false);    /* 02:00: still the 31st */
    DayNumber c = session(f, test_utc(2025, 1, 1, 17, 0), false);
    assert_int_equal(a, day_from_civil(2024, 12, 31));
    assert_int_equal(b, a);
    assert_int_equal(c, day_from_civil(2025, 1, 1));
    DayNumber d = session(f, test_utc(2025, 1, 31, 18, 0), false);
    DayNumber e = session(f, test_utc(2025, 2, 1, 18, 0), false);
    assert_int_equal(e - d, 1);
    StreakInfo s = tracker_streak(f->tracker, test_utc(2025, 2, 1, 20, 0));
    assert_int_equal(s.current, 2);
    assert_int_equal(s.best, 2);
}

static void test_dst_spring_forward_berlin(void **state)
{
    Fixture *f = *state;
    test_use_tz("Europe/Berlin");
    /* Clocks go from 02:00 CET to 03:00 CEST on 2024-03-31 (01:00 UTC). */
    DayNumber a = session(f, test_utc(2024, 3, 30, 20, 0), false); /* 21:00 CET */
    DayNumber b = session(f, test_utc(2024, 3, 31, 1, 30), false); /* 03:30 CEST */
    DayNumber c = session(f, test_utc(2024, 3, 31, 2, 30), false); /* 04:30 CEST */
    DayNumber d = session(f, test_utc(2024, 4, 1, 2, 10), false);  /* 04:10 CEST */
    assert_int_equal(a, day_from_civil(2024, 3, 30));
    assert_int_equal(b, a);
    assert_int_equal(c, day_from_civil(2024, 3, 31));
    assert_int_equal(d, day_from_civil(2024, 4, 1));
    int n;
    const SaveSession *s = tracker_sessions(f->tracker, &n);
    assert_int_equal(s[0].utc_offset_s, 3600);
    assert_int_equal(s[2].utc_offset_s, 7200);
    tracker_settings(f->tracker)->rest_days_per_week = 0;
    StreakInfo st = tracker_streak(f->tracker, test_utc(2024, 4, 1, 12, 0));
    assert_int_equal(st.current, 3);
    assert_true(st.alive_today);
}

static void test_dst_fall_back_berlin(void **state)
{
    Fixture *f = *state;
    test_use_tz("Europe/Berlin");
    /* Clocks go from 03:00 CEST back to 02:00 CET on 2024-10-27 (01:00 UTC). */
    DayNumber a = session(f, test_utc(2024, 10, 26, 20, 0), false); /* 22:00 CEST */
    DayNumber b = session(f, test_utc(2024, 10, 27, 0, 30), false); /* 02:30 CEST */
    DayNumber c = session(f, test_utc(2024, 10, 27, 1, 30), false); /* 02:30 CET, again */
    DayNumber d = session(f, test_utc(2024, 10, 27, 3, 0), false);  /* 04:00 CET */
    DayNumber e = session(f, test_utc(2024, 10, 28, 3, 0), false);  /* 04:00 CET */
    assert_int_equal(a, day_from_civil(2024, 10, 26));
    assert_int_equal(b, a);
    assert_int_equal(c, a);
    assert_int_equal(d, a + 1);
    assert_int_equal(e, a + 2);
    tracker_settings(f->tracker)->rest_days_per_week = 0;
    StreakInfo st = tracker_streak(f->tracker, test_utc(2024, 10, 28, 12, 0));
    assert_int_equal(st.current, 3);
    assert_int_equal(st.best, 3);
    unsigned char cal[5];
    tracker_calendar(f->tracker, test_utc(2024, 10, 28, 12, 0), 5, cal);
    assert_memory_equal(cal, ((unsigned char[]){0, 0, 1, 1, 1}), 5);
}

static void test_dst_new_york(void **state)
{
    Fixture *f = *state;
    test_use_tz("America/New_York");
    /* 2024-03-10 02:00 EST -> 03:00 EDT (07:00 UTC). */
    DayNumber a = session(f, test_utc(2024, 3, 9, 12, 0), false);  /* 07:00 EST */
    DayNumber b = session(f, test_utc(2024, 3, 10, 7, 30), false); /* 03:30 EDT: the 9th */
    DayNumber c = session(f, test_utc(2024, 3, 10, 8, 30), false); /* 04:30 EDT */
    assert_int_equal(a, day_from_civil(2024, 3, 9));
    assert_int_equal(b, a);
    assert_int_equal(c, a + 1);
    /* 2024-11-03 02:00 EDT -> 01:00 EST (06:00 UTC). */
    DayNumber d = session(f, test_utc(2024, 11, 2, 23, 0), false); /* 19:00 EDT */
    DayNumber e = session(f, test_utc(2024, 11, 3, 5, 30), false); /* 01:30 EDT */
    DayNumber g = session(f, test_utc(2024, 11, 3, 6, 30), false); /* 01:30 EST */
    DayNumber h = session(f, test_utc(2024, 11, 3, 10, 0), false); /* 05:00 EST */
    assert_int_equal(d, day_from_civil(2024, 11, 2));
    assert_int_equal(e, d);
    assert_int_equal(g, d);
    assert_int_equal(h, d + 1);
}

static void test_time_zone_change_between_sessions(void **state)
{
    Fixture *f = *state;
    tracker_settings(f->tracker)->rest_days_per_week = 0;
    test_use_tz("Europe/Berlin");
    DayNumber a = session(f, test_utc(2024, 5, 10, 19, 0), false); /* 21:00 CEST, May 10 */
    test_use_tz("America/New_York");
    /* Six hours later it is 21:00 on May 10 again in New York: same day. */
    DayNumber b = session(f, test_utc(2024, 5, 11, 1, 0), false);
    assert_int_equal(a, day_from_civil(2024, 5, 10));
    assert_int_equal(b, a);
    StreakInfo s = tracker_streak(f->tracker, test_utc(2024, 5, 11, 2, 0));
    assert_int_equal(s.current, 1);
    DayNumber c = session(f, test_utc(2024, 5, 11, 23, 0), false); /* 19:00 EDT, May 11 */
    assert_int_equal(c, a + 1);
    /* Flying east to Tokyo: the local date moves on to May 12. */
    test_use_tz("Asia/Tokyo");
    DayNumber d = session(f, test_utc(2024, 5, 12, 3, 0), false); /* 12:00 JST, May 12 */
    assert_int_equal(d, a + 2);
    /* Back west to New York, where it is 01:00 on May 12: before the day
     * start, so May 11 by the calendar, which was already recorded. */
    test_use_tz("America/New_York");
    DayNumber e = session(f, test_utc(2024, 5, 12, 5, 0), false);
    assert_int_equal(e, a + 2); /* no earlier day is opened again */
    DayNumber g = session(f, test_utc(2024, 5, 12, 20, 0), false); /* 16:00 EDT, May 12 */
    assert_int_equal(g, a + 2);
    s = tracker_streak(f->tracker, test_utc(2024, 5, 12, 21, 0));
    assert_int_equal(s.current, 3);
    assert_int_equal(s.best, 3);
    assert_true(s.alive_today);
}

/* ---- the rules across time zones: one table ----------------------------- */

/* Local wall-clock time in the zone set now (mktime decides DST). */
static time_t local_at(int y, int mo, int d, int h, int mi)
{
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d; /* mktime carries a day past the month's end */
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

static void exercise_at(Fixture *f, int track, time_t start, bool pain)
{
    PlanItem it = item_for(f->program, track, tracker_progress(f->tracker)->current[track]);
    ExerciseResult r;
    memset(&r, 0, sizeof r);
    r.reps_target = 10;
    r.reps_done = pain ? 4 : 10;
    r.pain = pain;
    r.rating = pain ? RATING_NONE : RATING_TOO_EASY;
    r.started = r.finished = true;
    r.ended_ms = 60000;
    r.reps_left = r.reps_right = r.reps_done;
    assert_int_equal(tracker_session_begin(f->tracker, start), 0);
    assert_int_equal(tracker_exercise_done(f->tracker, &it, &r, start + 60, NULL), 0);
    assert_int_equal(tracker_session_end(f->tracker, true, start + 600), 0);
}

typedef struct {
    const char *zone;
    int y, m, d; /* day 0, a week before a switch of the clocks where there is one */
    const char *why;
} ZoneCase;

/* Ten evenings in a row at 21:30 local time, one more session at 00:30
 * after the third evening (before the 4:00 day start: still that day), a
 * weekly check on day 1, pain stops on days 4 and 5: in every zone the
 * same local days, streak, unlock, weekly-check days and advice. */
static void test_rules_hold_in_every_time_zone(void **state)
{
    static const ZoneCase cases[] = {
        {"Pacific/Honolulu", 2025, 3, 3, "UTC-10, no daylight saving"},
        {"Pacific/Kiritimati", 2025, 3, 3, "UTC+14: local date a day ahead of UTC"},
        {"Europe/Berlin", 2025, 3, 24, "spring forward on day 6 (30 March)"},
        {"America/St_Johns", 2025, 3, 3, "UTC-3:30, spring forward on day 6 (9 March)"},
        {"Europe/Berlin", 2025, 10, 20, "fall back on day 6 (26 October)"},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const ZoneCase *z = &cases[c];
        print_message("%s: %s\n", z->zone, z->why);
        fixture_teardown(state);
        fixture_setup(state);
        Fixture *f = *state;
        test_use_tz(z->zone);
        tracker_settings(f->tracker)->rest_days_per_week = 0;
        DayNumber d0 = day_from_civil(z->y, z->m, z->d);
        for (int i = 0; i < 10; i++) {
            time_t evening = local_at(z->y, z->m, z->d + i, 21, 30);
            /* The weekly check: due from the day after the first session,
             * then not for a week, today included. */
            bool due = tracker_tolerance_due(f->tracker, evening);
            assert_int_equal(due, i == 1 || i == 8);
            if (due) {
                ToleranceCheck check = {.score = {5, 5, 5}};
                snprintf(check.activity, sizeof check.activity, "walking");
                assert_int_equal(tracker_record_tolerance(f->tracker, &check, evening - 60), 0);
            }
            exercise_at(f, 0, evening, false);
            exercise_at(f, 1, evening + 900, i == 4 || i == 5);
            int n;
            const SaveSession *s = tracker_sessions(f->tracker, &n);
            assert_int_equal(s[n - 1].local_day, d0 + i);
            if (i == 2) {
                /* Half past midnight belongs to the evening before. */
                time_t late = local_at(z->y, z->m, z->d + i + 1, 0, 30);
                assert_int_equal(tracker_day_of(f->tracker, late), d0 + i);
                exercise_at(f, 0, late, false);
                assert_false(tracker_tolerance_due(f->tracker, late));
            }
            const ProgressState *ps = tracker_progress(f->tracker);
            /* Three clean local days open tilt_2 (the extra session is not
             * a fourth day, and was tilt_2's first), three more tilt_3. */
            assert_int_equal(ps->unlocked[0], i < 2 ? 1 : i < 4 ? 2 : 3);
            assert_int_equal(ps->see_pt_advice[1], i >= 5);
            StreakInfo st = tracker_streak(f->tracker, evening + 3600);
            assert_int_equal(st.current, i + 1);
        }
        int checks;
        const ToleranceCheck *h = tracker_tolerance(f->tracker, &checks);
        assert_int_equal(checks, 2);
        assert_int_equal(h[0].local_day, d0 + 1);
        assert_int_equal(h[1].local_day, d0 + 8);
    }
}

static void test_backwards_clock_jump(void **state)
{
    Fixture *f = *state;
    test_use_tz("Europe/Berlin");
    tracker_settings(f->tracker)->rest_days_per_week = 0;
    for (int i = 0; i < 3; i++)
        session(f, test_utc(2025, 6, 10 + i, 6, 0), false);
    /* The clock jumps back two days. */
    time_t wrong = test_utc(2025, 6, 10, 7, 0);
    StreakInfo s = tracker_streak(f->tracker, wrong);
    assert_int_equal(s.current, 3);
    assert_true(s.alive_today);
    DayNumber d = session(f, wrong, false);
    assert_int_equal(d, day_from_civil(2025, 6, 12)); /* not a new day */
    s = tracker_streak(f->tracker, wrong);
    assert_int_equal(s.current, 3); /* not double counted, not broken */
    assert_int_equal(s.best, 3);
    unsigned char cal[3];
    tracker_calendar(f->tracker, wrong, 3, cal);
    assert_memory_equal(cal, ((unsigned char[]){1, 1, 1}), 3);
    /* Once the clock is right again the streak goes on. */
    session(f, test_utc(2025, 6, 13, 6, 0), false);
    s = tracker_streak(f->tracker, test_utc(2025, 6, 13, 8, 0));
    assert_int_equal(s.current, 4);
}

static void test_pain_stop_does_not_break_the_streak(void **state)
{
    Fixture *f = *state;
    test_use_tz("Europe/Berlin");
    tracker_settings(f->tracker)->rest_days_per_week = 0;
    session(f, test_utc(2025, 6, 10, 6, 0), false);
    session(f, test_utc(2025, 6, 11, 6, 0), true);
    session(f, test_utc(2025, 6, 12, 6, 0), false);
    assert_int_equal(tracker_streak(f->tracker, test_utc(2025, 6, 12, 8, 0)).current, 3);
}

static void test_unfinished_session_does_not_count(void **state)
{
    Fixture *f = *state;
    test_use_tz("UTC");
    tracker_settings(f->tracker)->rest_days_per_week = 0;
    session(f, test_utc(2025, 6, 10, 6, 0), false);
    assert_int_equal(tracker_session_begin(f->tracker, test_utc(2025, 6, 11, 6, 0)), 0);
    assert_int_equal(tracker_session_end(f->tracker, false, test_utc(2025, 6, 11, 6, 5)), 0);
    StreakInfo s = tracker_streak(f->tracker, test_utc(2025, 6, 11, 8, 0));
    assert_false(s.alive_today);
    assert_int_equal(s.current, 1);
    assert_int_equal(tracker_streak(f->tracker, test_utc(2025, 6, 12, 8, 0)).current, 0);
}

static void test_tracker_reports_the_unlock_and_plans_it(void **state)
{
    Fixture *f = *state;
    test_use_tz("UTC");
    PlanItem it = item_for(f->program, 1, 0); /* bridge_1: 2 clean days */
    ExerciseResult r;
    memset(&r, 0, sizeof r);
    r.reps_target = r.reps_done = 10;
    const Level *unlocked = NULL;
    tracker_session_begin(f->tracker, test_utc(2025, 6, 10, 6, 0));
    assert_int_equal(tracker_exercise_done(f->tracker, &it, &r, test_utc(2025, 6, 10, 6, 5),
                                           &unlocked), 0);
    assert_null(unlocked);
    tracker_session_end(f->tracker, true, test_utc(2025, 6, 10, 6, 10));
    tracker_session_begin(f->tracker, test_utc(2025, 6, 11, 6, 0));
    tracker_exercise_done(f->tracker, &it, &r, test_utc(2025, 6, 11, 6, 5), &unlocked);
    assert_non_null(unlocked);
    assert_string_equal(unlocked->id, "bridge_2");
    tracker_session_end(f->tracker, true, test_utc(2025, 6, 11, 6, 10));
    Plan plan;
    assert_int_equal(tracker_plan_daily(f->tracker, &plan), 2);
    assert_string_equal(plan.items[1].level->id, "bridge_2");
    tracker_choose_level(f->tracker, 1, 0); /* step back, no penalty */
    tracker_plan_daily(f->tracker, &plan);
    assert_string_equal(plan.items[1].level->id, "bridge_1");
    assert_int_equal(tracker_progress(f->tracker)->unlocked[1], 2);
    int n;
    tracker_unlocks(f->tracker, &n);
    assert_int_equal(n, 1);
}

/* ---- how it felt: the unlock and step-back rules as a table ------------- */

typedef struct {
    int day;            /* D0 + day */
    const char *level;
    bool full, pain;
    Rating rating;
} RatedRec;

typedef struct {
    const char *name;
    bool too_easy_rule;  /* tilt_1's unlock asks for "too easy" */
    int step_back;       /* tilt_2's step_back_after_too_hard */
    RatedRec recs[8];
    int n;
    int want_unlocked;   /* tilt levels unlocked */
    int want_current;    /* tilt level index today */
} RatingCase;

#define E RATING_TOO_EASY
#define J RATING_JUST_RIGHT
#define H RATING_TOO_HARD
#define N RATING_NONE
static const RatingCase rating_cases[] = {
    {"3 clean days, just right: waits", true, 2,
     {{0, "tilt_1", 1, 0, J}, {1, "tilt_1", 1, 0, J}, {2, "tilt_1", 1, 0, J}}, 3, 1, 0},
    {"3 clean days, the last too easy: opens", true, 2,
     {{0, "tilt_1", 1, 0, J}, {1, "tilt_1", 1, 0, J}, {2, "tilt_1", 1, 0, E}}, 3, 2, 1},
    {"too easy first, just right last: waits", true, 2,
     {{0, "tilt_1", 1, 0, E}, {1, "tilt_1", 1, 0, J}, {2, "tilt_1", 1, 0, J}}, 3, 1, 0},
    {"too easy after the days: opens on that day", true, 2,
     {{0, "tilt_1", 1, 0, J}, {1, "tilt_1", 1, 0, J}, {2, "tilt_1", 1, 0, J},
      {9, "tilt_1", 1, 0, E}}, 4, 2, 1},
    {"too easy on 2 days only: waits", true, 2,
     {{0, "tilt_1", 1, 0, E}, {1, "tilt_1", 1, 0, E}}, 2, 1, 0},
    {"3 too easy on one day: one day", true, 2,
     {{0, "tilt_1", 1, 0, E}, {0, "tilt_1", 1, 0, E}, {0, "tilt_1", 1, 0, E}}, 3, 1, 0},
    {"a pain stop is no clean day, its rating not read", true, 2,
     {{0, "tilt_1", 1, 0, E}, {1, "tilt_1", 0, 1, E}, {2, "tilt_1", 1, 0, E}}, 3, 1, 0},
    {"a part is no clean day", true, 2,
     {{0, "tilt_1", 1, 0, E}, {1, "tilt_1", 0, 0, E}, {2, "tilt_1", 1, 0, E}}, 3, 1, 0},
    {"no answer keeps the last answer", true, 2,
     {{0, "tilt_1", 1, 0, J}, {1, "tilt_1", 1, 0, E}, {2, "tilt_1", 1, 0, N}}, 3, 2, 1},
    {"rule without too_easy: the days alone", false, 2,
     {{0, "tilt_1", 1, 0, J}, {1, "tilt_1", 1, 0, H}, {2, "tilt_1", 1, 0, N}}, 3, 2, 1},
    {"too hard twice: the level below", true, 2,
     {{0, "tilt_1", 1, 0, J}, {1, "tilt_1", 1, 0, J}, {2, "tilt_1", 1, 0, E},
      {3, "tilt_2", 1, 0, H}, {4, "tilt_2", 1, 0, H}}, 5, 2, 0},
    {"too hard once: stays", true, 2,
     {{0, "tilt_1", 1, 0, J}, {1, "tilt_1", 1, 0, J}, {2, "tilt_1", 1, 0, E},
      {3, "tilt_2", 1, 0, H}}, 4, 2, 1},
    {"too hard, just right, too hard: not in a row", true, 2,
     {{0, "tilt_1", 1, 0, J}, {1, "tilt_1", 1, 0, J}, {2, "tilt_1", 1, 0, E},
      {3, "tilt_2", 1, 0, H}, {4, "tilt_2", 1, 0, J}, {5, "tilt_2", 1, 0, H}}, 6, 2, 1},
    {"too hard twice, then just right below: back up", true, 2,
     {{0, "tilt_1", 1, 0, J}, {1, "tilt_1", 1, 0, J}, {2, "tilt_1", 1, 0, E},
      {3, "tilt_2", 1, 0, H}, {4, "tilt_2", 1, 0, H}, {5, "tilt_1", 1, 0, J}}, 6, 2, 1},
    {"step_back 0: never", true, 0,
     {{0, "tilt_1", 1, 0, J}, {1, "tilt_1", 1, 0, J}, {2, "tilt_1", 1, 0, E},
      {3, "tilt_2", 1, 0, H}, {4, "tilt_2", 1, 0, H}, {5, "tilt_2", 1, 0, H}}, 6, 2, 1},
    {"too hard at the first level stays at the first", true, 2,
     {{0, "tilt_1", 1, 0, H}, {1, "tilt_1", 1, 0, H}}, 2, 1, 0},
    {"the days count in any order", true, 2,
     {{2, "tilt_1", 1, 0, E}, {0, "tilt_1", 1, 0, J}, {1, "tilt_1", 1, 0, J}}, 3, 2, 1},
};
#undef E
#undef J
#undef H
#undef N

static void test_rating_rules_table(void **state)
{
    (void)state;
    Program *p = test_make_tilt_bridge_program();
    for (size_t c = 0; c < sizeof rating_cases / sizeof rating_cases[0]; c++) {
        const RatingCase *k = &rating_cases[c];
        p->tracks[0].levels[0].unlock_too_easy = k->too_easy_rule;
        p->tracks[0].levels[1].unlock_too_easy = k->too_easy_rule;
        for (int l = 0; l < 3; l++)
            p->tracks[0].levels[l].step_back_after_too_hard = k->step_back;
        ExerciseRecord r[8];
        for (int i = 0; i < k->n; i++) {
            r[i] = rec(k->recs[i].level, D0 + k->recs[i].day, k->recs[i].full, k->recs[i].pain);
            r[i].rating = k->recs[i].rating;
        }
        ProgressState s = compute(p, r, k->n);
        if (s.unlocked[0] != k->want_unlocked || s.current[0] != k->want_current)
            fail_msg("case \"%s\": unlocked %d (want %d), current %d (want %d)", k->name,
                     s.unlocked[0], k->want_unlocked, s.current[0], k->want_current);
    }
    free(p);
}

static void test_advice_rules_table(void **state)
{
    (void)state;
    Program *p = test_make_tilt_bridge_program();
    struct {
        const char *name;
        struct { const char *level; int day; int score; } pain[4];
        int n;
        bool tilt, bridge;
        AdviceReason why_tilt;
    } cases[] = {
        {"one stop rated 6: no advice", {{"tilt_1", 0, 6}}, 1, false, false, ADVICE_NONE},
        {"one stop rated 7: advice", {{"tilt_1", 0, 7}}, 1, true, false, ADVICE_PAIN_SCORE},
        {"unscored stop: no score rule", {{"tilt_1", 0, -1}}, 1, false, false, ADVICE_NONE},
        {"two on one exercise in 7 days", {{"tilt_1", 0, 2}, {"tilt_1", 7, 2}}, 2, true, false,
         ADVICE_STOPS_TWICE},
        {"two on one exercise 8 days apart", {{"tilt_1", 0, 2}, {"tilt_1", 8, 2}}, 2, false, false,
         ADVICE_NONE},
        {"3 days, two exercises, within 7", {{"tilt_1", 0, 2}, {"bridge_1", 3, 2}, {"bridge_2", 6, 2}},
         3, true, true, ADVICE_MANY_DAYS},
        {"3 days spread over 9", {{"tilt_1", 0, 2}, {"bridge_1", 3, 2}, {"tilt_2", 8, 2}}, 3,
         false, false, ADVICE_NONE},
        {"advice stays after the window", {{"tilt_1", 0, 8}, {"tilt_1", 30, 1}}, 2, true, false,
         ADVICE_PAIN_SCORE},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        ExerciseRecord r[4];
        for (int i = 0; i < cases[c].n; i++) {
            r[i] = rec(cases[c].pain[i].level, D0 + cases[c].pain[i].day, false, true);
            r[i].pain_score = cases[c].pain[i].score;
            r[i].at_utc = 100 + i;
        }
        ProgressState s = compute(p, r, cases[c].n);
        if (s.see_pt_advice[0] != cases[c].tilt || s.see_pt_advice[1] != cases[c].bridge ||
            s.advice_reason[0] != cases[c].why_tilt || s.advice_any != (cases[c].tilt || cases[c].bridge))
            fail_msg("case \"%s\": tilt %d bridge %d why %d", cases[c].name, s.see_pt_advice[0],
                     s.see_pt_advice[1], s.advice_reason[0]);
    }
    /* The pack's rules are data: a stricter score, and the days rule off. */
    p->rules = clinical_rules_default();
    p->rules.advice_score_at = 5;
    p->rules.advice_days_any = 0;
    ExerciseRecord five[] = {rec("tilt_1", D0, false, true)};
    five[0].pain_score = 5;
    assert_true(compute(p, five, 1).see_pt_advice[0]);
    ExerciseRecord days[] = {rec("tilt_1", D0, false, true), rec("bridge_1", D0 + 1, false, true),
                             rec("bridge_2", D0 + 2, false, true)};
    ProgressState s = compute(p, days, 3);
    assert_false(s.see_pt_advice[0]);
    /* pain_easier_above 3: a stop rated 2 keeps the level, 4 offers the one below. */
    p->rules.easier_above = 3;
    ExerciseRecord mild[] = {rec("tilt_2", D0, false, true)};
    const char *ids[] = {"tilt_2"};
    mild[0].pain_score = 2;
    progress_compute_with_unlocks(p, mild, 1, ids, 1, NULL, D0, &s);
    assert_int_equal(s.current[0], 1);
    mild[0].pain_score = 4;
    progress_compute_with_unlocks(p, mild, 1, ids, 1, NULL, D0, &s);
    assert_int_equal(s.current[0], 0);
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_civil_days_round_trip),
        cmocka_unit_test(test_half_past_one_belongs_to_yesterday),
        cmocka_unit_test(test_month_and_year_ends),
        cmocka_unit_test(test_unlock_after_clean_days),
        cmocka_unit_test(test_same_day_twice_counts_once),
        cmocka_unit_test(test_partial_reps_do_not_count),
        cmocka_unit_test(test_pain_day_does_not_count_and_relocks_nothing),
        cmocka_unit_test(test_pain_at_first_level_stays_at_first),
        cmocka_unit_test(test_pain_then_clean_session_returns_to_normal),
        cmocka_unit_test(test_pain_within_same_day_order_decides),
        cmocka_unit_test(test_pt_advice_after_two_pain_reports_in_seven_days),
        cmocka_unit_test(test_no_pt_advice_for_reports_eight_days_apart),
        cmocka_unit_test(test_no_pt_advice_for_pain_on_two_tracks),
        cmocka_unit_test(test_pt_advice_stands_until_a_clean_result),
        cmocka_unit_test(test_chosen_level_is_clamped_to_unlocked),
        cmocka_unit_test(test_recorded_unlocks_stay_unlocked),
        cmocka_unit_test(test_unknown_levels_are_ignored),
        cmocka_unit_test(test_streak_empty),
        cmocka_unit_test(test_streak_consecutive_days),
        cmocka_unit_test(test_one_rest_day_a_week_keeps_the_streak),
        cmocka_unit_test(test_two_missed_days_in_a_week_break_the_streak),
        cmocka_unit_test(test_rest_days_after_a_week_are_allowed_again),
        cmocka_unit_test(test_best_streak_remembers_the_longest),
        cmocka_unit_test(test_streak_with_today_before_the_last_day),
        cmocka_unit_test_setup_teardown(test_day_start_hour_through_the_tracker, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_streak_across_midnight, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_midnight_with_day_start_zero, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_month_and_year_end_through_the_tracker, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_dst_spring_forward_berlin, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_dst_fall_back_berlin, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_dst_new_york, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_time_zone_change_between_sessions, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_backwards_clock_jump, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_pain_stop_does_not_break_the_streak, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_unfinished_session_does_not_count, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(test_tracker_reports_the_unlock_and_plans_it, fixture_setup, fixture_teardown),
        cmocka_unit_test(test_rating_rules_table),
        cmocka_unit_test(test_advice_rules_table),
        cmocka_unit_test_setup_teardown(test_rules_hold_in_every_time_zone, fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
