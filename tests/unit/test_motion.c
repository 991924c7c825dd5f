/* test_motion.c: the motion detector on synthetic thigh traces (made here,
 * not from real hardware) and the trace line parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "motion.h"

static const MotionProfile THIGH = {MOTION_STRAP_THIGH, 35.0f, 10.0f, 12.0f};

typedef struct {
    int reps, peaks, broken, returns, calibrated, moved;
    int64_t peak_at, broken_at;
    int64_t hold_ms[32];
    int64_t peak_in_rep_ms[32]; /* each PEAK, from its rep's start */
} Counts;

/* A pad whose gravity tilts by angle_deg about its x axis, at 100 Hz. */
static MotionSample sample_at(int64_t t, float angle_deg, float rate_dps, bool gyro,
                              float noise, float drift, unsigned *seed)
{
    float a = angle_deg * 3.14159265f / 180.0f;
    MotionSample s = {.t_ms = t, .has_gyro = gyro};
    s.accel[0] = 0.0f;
    s.accel[1] = 9.81f * sinf(a);
    s.accel[2] = 9.81f * cosf(a);
    for (int i = 0; i < 3; i++)
        s.accel[i] += noise * ((float)rand_r(seed) / RAND_MAX - 0.5f) * 2.0f;
    if (gyro) {
        /* Gravity seen from the pad turns as dg/dt = g x w: from z toward
         * y, (0, cos, -sin) * rate, takes w about +x. */
        s.gyro[0] = rate_dps * 3.14159265f / 180.0f + drift;
        s.gyro[1] = drift;
        s.gyro[2] = 0.0f;
    }
    return s;
}

/* still 3.5 s, then reps: 1 s up, hold_ms held (dipping to dip_deg in the
 * middle of the hold when dip), 1 s down, 1 s rest. */
static Counts run_trace(int reps, int hold_ms, bool gyro, float noise, float drift,
                        bool dip)
{
    MotionDetector d;
    motion_init(&d, &THIGH);
    motion_calibrate(&d, 0);
    Counts c = {0};
    unsigned seed = 7;
    int64_t t = 0;
    int64_t rep_ms = 1000 + hold_ms + 1000 + 1000;
    int64_t end = 3500 + reps * rep_ms + 500;
    for (t = 0; t <= end; t += 10) {
        float ang = 0.0f, rate = 0.0f;
        if (t >= 3500 && t < 3500 + reps * rep_ms) {
            int64_t r = (t - 3500) % rep_ms;
            if (r < 1000) { ang = 45.0f * r / 1000.0f; rate = 45.0f; }
            else if (r < 1000 + hold_ms) {
                ang = 45.0f;
                if (dip && r > 1000 + hold_ms / 2 && r < 1000 + hold_ms / 2 + 400)
                    ang = 15.0f;
            } else if (r < 2000 + hold_ms) { ang = 45.0f - 45.0f * (r - 1000 - hold_ms) / 1000.0f; rate = -45.0f; }
        }
        MotionSample s = sample_at(t, ang, rate, gyro, noise, drift, &seed);
        MotionEvent ev[4];
        int n = motion_feed(&d, &s, ev, 4);
        for (int i = 0; i < n; i++) {
            switch (ev[i].kind) {
            case MOTION_EVENT_CALIBRATED: c.calibrated++; break;
            case MOTION_EVENT_MOVED_IN_CALIBRATION: c.moved++; break;
            case MOTION_EVENT_REP_START: c.reps++; break;
            case MOTION_EVENT_PEAK:
                c.peak_at = ev[i].t_ms;
                if (c.peaks < 32 && rep_ms > 0)
                    c.peak_in_rep_ms[c.peaks] = (ev[i].t_ms - 3500) % rep_ms;
                c.peaks++;
                break;
            case MOTION_EVENT_HOLD_BROKEN:
                if (c.broken < 32) c.hold_ms[c.broken] = ev[i].t_ms - c.peak_at;
                c.broken++;
                break;
            case MOTION_EVENT_RETURN: c.returns++; break;
            default: break;
            }
        }
    }
    return c;
}

static void test_still_pad_counts_nothing(void **state)
{
    (void)state;
    Counts c = run_trace(0, 0, true, 0.3f, 0.01f, false);
    assert_int_equal(c.calibrated, 1);
    assert_int_equal(c.reps + c.peaks + c.returns, 0);
}

static void check_reps_and_holds(bool gyro, float noise, float drift)
{
    Counts c = run_trace(5, 5000, gyro, noise, drift, false);
    assert_int_equal(c.calibrated, 1);
    assert_int_equal(c.reps, 5);
    assert_int_equal(c.peaks, 5);
    assert_int_equal(c.returns, 5);
    assert_int_equal(c.broken, 5); /* each hold ends by leaving the band */
    /* The angle passes 35 deg 778 ms into the rise and is at the top,
     * 45 deg, at 1000 ms: the hold starts there, once the limb has stopped
     * rising (250 ms, after 60 ms of smoothing without a gyro; heavy noise
     * may look like turning back a little sooner), not on the way up.  It
     * stays above 23 deg (35 - 12) until 489 ms into the fall, late by the
     * smoothing. */
    for (int i = 0; i < 5; i++) {
        int64_t peak = c.peak_in_rep_ms[i], left = peak + c.hold_ms[i];
        print_message("rep %d: hold from %lld to %lld ms into the rep\n", i, (long long)peak,
                      (long long)left);
        if (peak < 1000 - 100 || peak > 1000 + 60 + 250 + 150)
            fail_msg("rep %d: the hold started %lld ms into the rep, not at the top", i,
                     (long long)peak);
        if (left < 1000 + 5000 + 489 - 50 || left > 1000 + 5000 + 489 + 60 + 100)
            fail_msg("rep %d: the hold left the band %lld ms into the rep", i, (long long)left);
    }
}

static void test_reps_and_holds_accel_only(void **state)
{ (void)state; check_reps_and_holds(false, 0.2f, 0.0f); }
static void test_reps_and_holds_with_gyro(void **state)
{ (void)state; check_reps_and_holds(true, 0.2f, 0.0f); }
static void test_heavy_noise_tolerated(void **state)
{ (void)state; check_reps_and_holds(false, 2.0f, 0.0f); }
static void test_gyro_drift_tolerated(void **state)
{ (void)state; check_reps_and_holds(true, 0.3f, 0.03f); }

/* A limb that goes on rising past peak_deg (10 deg/s for 4 s) is given its
 * peak at most MOTION_TOP_WAIT_MS after it passed peak_deg: the rep counts
 * even for someone who never stops still at the top. */
static void test_a_lift_that_never_settles_peaks_after_the_wait(void **state)
{
    (void)state;
    MotionDetector d;
    motion_init(&d, &THIGH);
    motion_calibrate(&d, 0);
    unsigned seed = 3;
    int64_t passed = -1, peak = -1;
    for (int64_t t = 0; t <= 9000; t += 10) {
        float ang = t < 3500 ? 0.0f : 30.0f + 10.0f * (float)(t - 3500) / 1000.0f;
        float rate = t < 3500 ? 0.0f : 10.0f;
        if (t >= 3500 && ang > 70.0f)
            ang = 70.0f;
        MotionSample smp = sample_at(t, ang, rate, true, 0.1f, 0.0f, &seed);
        MotionEvent ev[4];
        int n = motion_feed(&d, &smp, ev, 4);
        if (passed < 0 && motion_angle_deg(&d) >= THIGH.peak_deg)
            passed = t;
        for (int i = 0; i < n; i++)
            if (ev[i].kind == MOTION_EVENT_PEAK && peak < 0)
                peak = ev[i].t_ms;
    }
    assert_true(passed > 0);
    print_message("passed peak_deg at %lld ms, peak at %lld ms\n", (long long)passed,
                  (long long)peak);
    assert_true(llabs(peak - (passed + MOTION_TOP_WAIT_MS)) <= 20);
}

static void test_broken_hold_found(void **state)
{
    (void)state;
    Counts c = run_trace(1, 5000, false, 0.2f, 0.0f, true); /* a step: accel only */
    assert_int_equal(c.reps, 1);
    assert_int_equal(c.peaks, 2);   /* the peak again after the dip */
    assert_int_equal(c.broken, 2);
    assert_true(c.hold_ms[0] < 3500); /* broken in the middle of the hold */
}

static void test_moving_while_calibrating_restarts_it(void **state)
{
    (void)state;
    MotionDetector d;
    motion_init(&d, &THIGH);
    motion_calibrate(&d, 0);
    unsigned seed = 1;
    int moved = 0, calibrated_at = -1;
    for (int64_t t = 0; t < 8000; t += 10) {
        float ang = (t > 1000 && t < 1500) ? 30.0f : 0.0f;
        MotionSample s = sample_at(t, ang, 0, false, 0.0f, 0.0f, &seed);
        MotionEvent ev[4];
        int n = motion_feed(&d, &s, ev, 4);
        for (int i = 0; i < n; i++) {
            if (ev[i].kind == MOTION_EVENT_MOVED_IN_CALIBRATION) moved++;
            if (ev[i].kind == MOTION_EVENT_CALIBRATED) calibrated_at = (int)ev[i].t_ms;
        }
    }
    assert_true(moved >= 1);
    assert_true(calibrated_at >= 4500);
}

static void test_trace_line_round_trips(void **state)
{
    (void)state;
    MotionSample s = {.t_ms = 1234, .accel = {0.5f, -9.75f, 1.25f}, .gyro = {0.1f, 0, -0.2f},
                      .has_gyro = true};
    char line[128], err[128];
    assert_true(motion_trace_format_sample(line, sizeof line, &s));
    MotionSample back;
    bool is_sample;
    assert_true(motion_trace_parse_line(line, &back, &is_sample, err, sizeof err));
    assert_true(is_sample);
    assert_int_equal(back.t_ms, 1234);
    assert_true(fabsf(back.accel[1] + 9.75f) < 1e-3f);
    assert_true(back.has_gyro);
    s.has_gyro = false;
    assert_true(motion_trace_format_sample(line, sizeof line, &s));
    assert_true(motion_trace_parse_line(line, &back, &is_sample, err, sizeof err));
    assert_false(back.has_gyro);
    assert_false(motion_trace_format_sample(line, 8, &s));
}

static void test_trace_comments_and_cues_are_not_samples(void **state)
{
    (void)state;
    MotionSample s;
    bool is_sample = true;
    char err[128];
    assert_true(motion_trace_parse_line("# corequest motion trace 1", &s, &is_sample, err, sizeof err));
    assert_false(is_sample);
    assert_true(motion_trace_parse_line("c 500 lie still", &s, &is_sample, err, sizeof err));
    assert_false(is_sample);
    assert_true(motion_trace_parse_line("", &s, &is_sample, err, sizeof err));
    assert_false(is_sample);
}

static void expect_bad(const char *line, const char *fragment)
{
    MotionSample s;
    bool is_sample;
    char err[160] = "";
    assert_false(motion_trace_parse_line(line, &s, &is_sample, err, sizeof err));
    if (!strstr(err, fragment))
        fail_msg("'%s': expected '%s' in '%s'", line, fragment, err);
}

static void test_trace_bad_lines_say_why(void **state)
{
    (void)state;
    expect_bad("x 1 2 3", "expected 's'");
    expect_bad("s", "space");
    expect_bad("s abc 1 2 3 nan nan nan", "time");
    expect_bad("s -5 1 2 3 nan nan nan", "time");
    expect_bad("s 10 1 2", "field az");
    expect_bad("s 10 nan 2 3 nan nan nan", "field ax");
    expect_bad("s 10 1 2 3 0.1 nan nan", "all three");
    expect_bad("s 10 1 2 3 0 0 0 7", "more than 6");
    expect_bad("s 10 1x 2 3 0 0 0", "field ax");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_still_pad_counts_nothing),
        cmocka_unit_test(test_reps_and_holds_accel_only),
        cmocka_unit_test(test_reps_and_holds_with_gyro),
        cmocka_unit_test(test_heavy_noise_tolerated),
        cmocka_unit_test(test_gyro_drift_tolerated),
        cmocka_unit_test(test_a_lift_that_never_settles_peaks_after_the_wait),
        cmocka_unit_test(test_broken_hold_found),
        cmocka_unit_test(test_moving_while_calibrating_restarts_it),
        cmocka_unit_test(test_trace_line_round_trips),
        cmocka_unit_test(test_trace_comments_and_cues_are_not_samples),
        cmocka_unit_test(test_trace_bad_lines_say_why),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
