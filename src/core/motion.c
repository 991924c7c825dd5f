/* motion.c: the limb's angle from a strapped pad's gravity vector, and reps
 * and holds from that angle.  Pure C11; see docs/MOTION.md for the design. */
#include "motion.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The accelerometer alone is smoothed with a short time constant: enough to
 * quiet sensor noise, short enough that a hold's start and end are late by
 * the same few tens of ms (so the hold's length stays right).  With a gyro
 * the gyro carries the fast changes and the accelerometer only corrects its
 * drift, so it may be trusted slowly. */
static const float ACCEL_ONLY_TAU_S = 0.06f;
static const float WITH_GYRO_TAU_S = 0.3f;
/* Still enough to calibrate: the smoothed direction stays within this of
 * the window's mean so far (wide enough that a noisy pad lying still passes,
 * narrow enough that lifting the leg does not), and the pad turns slower
 * than this. */
static const float CALIB_STILL_DEG = 10.0f;
static const float CALIB_STILL_GYRO = 0.5f; /* rad/s, about 29 deg/s */
/* A gap longer than this (a lost pad, a pause) restarts the filter from the
 * accelerometer rather than integrating the gyro over it. */
static const int64_t MAX_GAP_MS = 250;

static const float RAD_TO_DEG = 57.29577951f;

static float vec_len(const float v[3])
{
    return sqrtf(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
}

static bool vec_unit(const float in[3], float out[3])
{
    float len = vec_len(in);
    if (!(len > 1e-3f) || !isfinite(len))
        return false;
    for (int i = 0; i < 3; i++)
        out[i] = in[i] / len;
    return true;
}

static float angle_between_deg(const float a[3], const float b[3])
{
    float dot = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    if (dot > 1.0f)
        dot = 1.0f;
    if (dot < -1.0f)
        dot = -1.0f;
    return acosf(dot) * RAD_TO_DEG;
}

void motion_init(MotionDetector *d, const MotionProfile *p)
{
    memset(d, 0, sizeof *d);
    if (p)
        d->profile = *p;
    d->state = MOTION_STATE_UNCALIBRATED;
    d->peak_at_ms = -1;
    d->last_t_ms = INT64_MIN;
}

void motion_calibrate(MotionDetector *d, int64_t now_ms)
{
    d->state = MOTION_STATE_CALIBRATING;
    d->calib_from_ms = now_ms;
    memset(d->calib_accel_sum, 0, sizeof d->calib_accel_sum);
    memset(d->calib_gyro_sum, 0, sizeof d->calib_gyro_sum);
    d->calib_samples = 0;
    d->calib_gyro_samples = 0;
    d->angle_deg = 0.0f;
    d->peak_at_ms = -1;
}

bool motion_calibrated(const MotionDetector *d)
{
    return d->state != MOTION_STATE_UNCALIBRATED && d->state != MOTION_STATE_CALIBRATING;
}

float motion_angle_deg(const MotionDetector *d)
{
    return motion_calibrated(d) ? d->angle_deg : 0.0f;
}

int64_t motion_hold_ms(const MotionDetector *d, int64_t now_ms)
{
    if (d->state != MOTION_STATE_AT_PEAK || d->peak_at_ms < 0)
        return -1;
    return now_ms - d->peak_at_ms;
}

/* Moves the gravity estimate one sample on.  Gravity seen from the pad turns
 * opposite to the pad: dg/dt = g x w.  The gyro's bias (measured while
 * calibrating) is taken off first, which is most of its drift. */
static void filter_update(MotionDetector *d, const MotionSample *s, const float accel_dir[3],
                          bool use_gyro)
{
    float dt = (float)(s->t_ms - d->last_t_ms) / 1000.0f;
    bool gap = !d->have_gravity || s->t_ms - d->last_t_ms > MAX_GAP_MS;
    if (gap) {
        memcpy(d->gravity, accel_dir, sizeof d->gravity);
        d->have_gravity = true;
        return;
    }
    float tau = ACCEL_ONLY_TAU_S;
    float g[3];
    memcpy(g, d->gravity, sizeof g);
    if (use_gyro) {
        float w[3];
        for (int i = 0; i < 3; i++)
            w[i] = s->gyro[i] - d->gyro_bias[i];
        float turned[3] = {
            g[0] + (g[1] * w[2] - g[2] * w[1]) * dt,
            g[1] + (g[2] * w[0] - g[0] * w[2]) * dt,
            g[2] + (g[0] * w[1] - g[1] * w[0]) * dt,
        };
        memcpy(g, turned, sizeof g);
        tau = WITH_GYRO_TAU_S;
    }
    float alpha = 1.0f - expf(-dt / tau);
    float blended[3];
    for (int i = 0; i < 3; i++)
        blended[i] = g[i] + (accel_dir[i] - g[i]) * alpha;
    if (!vec_unit(blended, d->gravity))
        memcpy(d->gravity, accel_dir, sizeof d->gravity);
}

static int push_event(MotionEvent *out, int max_events, int n, MotionEventKind kind,
                      int64_t t_ms, float angle)
{
    if (n < max_events) {
        out[n].kind = kind;
        out[n].t_ms = t_ms;
        out[n].angle_deg = angle;
    }
    return n + 1;
}

static int feed_calibration(MotionDetector *d, const MotionSample *s, MotionEvent *out,
                            int max_events, int n)
{
    bool turning = s->has_gyro && vec_len(s->gyro) > CALIB_STILL_GYRO;
    bool tilted = false;
    if (d->calib_samples > 0) {
        float sum[3] = {(float)d->calib_accel_sum[0], (float)d->calib_accel_sum[1],
                        (float)d->calib_accel_sum[2]};
        float mean_dir[3];
        tilted = vec_unit(sum, mean_dir) &&
                 angle_between_deg(d->gravity, mean_dir) > CALIB_STILL_DEG;
    }
    if (turning || tilted) {
        n = push_event(out, max_events, n, MOTION_EVENT_MOVED_IN_CALIBRATION, s->t_ms, 0.0f);
        motion_calibrate(d, s->t_ms);
        return n;
    }
    for (int i = 0; i < 3; i++)
        d->calib_accel_sum[i] += s->accel[i];
    d->calib_samples++;
    if (s->has_gyro) {
        for (int i = 0; i < 3; i++)
            d->calib_gyro_sum[i] += s->gyro[i];
        d->calib_gyro_samples++;
    }
    if (s->t_ms - d->calib_from_ms < MOTION_CALIBRATION_MS)
        return n;
    float mean[3];
    for (int i = 0; i < 3; i++) {
        mean[i] = (float)(d->calib_accel_sum[i] / d->calib_samples);
        d->gyro_bias[i] = d->calib_gyro_samples
                              ? (float)(d->calib_gyro_sum[i] / d->calib_gyro_samples)
                              : 0.0f;
    }
    if (!vec_unit(mean, d->baseline)) {
        motion_calibrate(d, s->t_ms);
        return push_event(out, max_events, n, MOTION_EVENT_MOVED_IN_CALIBRATION, s->t_ms, 0.0f);
    }
    memcpy(d->gravity, d->baseline, sizeof d->gravity);
    d->angle_deg = 0.0f;
    d->state = MOTION_STATE_AT_START;
    return push_event(out, max_events, n, MOTION_EVENT_CALIBRATED, s->t_ms, 0.0f);
}

/* The rep starts a quarter of the way from the return band to the peak, so
 * that noise around the start position never starts one. */
static float start_threshold_deg(const MotionProfile *p)
{
    return p->return_deg + 0.25f * (p->peak_deg - p->return_deg);
}

/* The top of a rep: a hold is timed at the top, not from the moment the
 * limb passes peak_deg on its way up (a slow lift would eat into it).  The
 * limb is at the top when it has risen less than TOP_STEP_DEG for
 * TOP_SETTLE_MS (under 6 deg/s: a lift slows that much only near its top,
 * and a noisy pad held still still settles), or has turned back by
 * TOP_TURN_DEG; at the latest MOTION_TOP_WAIT_MS after passing peak_deg.
 * The hold so starts a quarter second after the limb gets to the top. */
static const float TOP_STEP_DEG = 1.5f;
static const int64_t TOP_SETTLE_MS = 250;
static const float TOP_TURN_DEG = 5.0f;

static int reach_top(MotionDetector *d, int64_t t, float a, MotionEvent *out, int max_events,
                     int n)
{
    if (a > d->top_deg + TOP_STEP_DEG) {
        d->top_deg = a;
        d->top_at_ms = t;
    }
    bool settled = t - d->top_at_ms >= TOP_SETTLE_MS;
    bool turned = a < d->top_deg - TOP_TURN_DEG;
    if (!settled && !turned && t - d->reach_from_ms < MOTION_TOP_WAIT_MS)
        return n;
    n = push_event(out, max_events, n, MOTION_EVENT_PEAK, t, a);
    d->state = MOTION_STATE_AT_PEAK;
    d->peak_at_ms = t;
    d->peak_max_deg = a > d->top_deg ? a : d->top_deg;
    return n;
}

static int feed_reps(MotionDetector *d, const MotionSample *s, MotionEvent *out,
                     int max_events, int n)
{
    const MotionProfile *p = &d->profile;
    float a = d->angle_deg;
    int64_t t = s->t_ms;
    switch (d->state) {
    case MOTION_STATE_AT_START:
        if (a > start_threshold_deg(p)) {
            n = push_event(out, max_events, n, MOTION_EVENT_REP_START, t, a);
            d->state = MOTION_STATE_RISING;
        }
        /* A fast move may start and reach the peak in one sample. */
        if (d->state != MOTION_STATE_RISING || a < p->peak_deg)
            break;
        /* fall through */
    case MOTION_STATE_RISING:
    case MOTION_STATE_FALLING:
        if (a >= p->peak_deg) {
            d->state = MOTION_STATE_REACHING;
            d->reach_from_ms = t;
            d->top_deg = a;
            d->top_at_ms = t;
        } else if (a < p->return_deg) {
            n = push_event(out, max_events, n, MOTION_EVENT_RETURN, t, a);
            d->state = MOTION_STATE_AT_START;
        }
        break;
    case MOTION_STATE_REACHING:
        n = reach_top(d, t, a, out, max_events, n);
        break;
    case MOTION_STATE_AT_PEAK:
        if (a > d->peak_max_deg)
            d->peak_max_deg = a;
        if (a < p->peak_deg - p->hold_tolerance_deg) {
            n = push_event(out, max_events, n, MOTION_EVENT_HOLD_BROKEN, t, a);
            d->state = MOTION_STATE_FALLING;
            d->peak_at_ms = -1;
            if (a < p->return_deg) {
                n = push_event(out, max_events, n, MOTION_EVENT_RETURN, t, a);
                d->state = MOTION_STATE_AT_START;
            }
        }
        break;
    default:
        break;
    }
    return n;
}

int motion_feed(MotionDetector *d, const MotionSample *s, MotionEvent *out, int max_events)
{
    if (d->last_t_ms != INT64_MIN && s->t_ms < d->last_t_ms)
        return 0;
    float accel_dir[3];
    if (!vec_unit(s->accel, accel_dir))
        return 0; /* free fall or a broken reading: nothing to learn */
    bool gyro_ok = s->has_gyro && isfinite(s->gyro[0]) && isfinite(s->gyro[1]) &&
                   isfinite(s->gyro[2]);
    MotionSample clean = *s;
    clean.has_gyro = gyro_ok;
    /* While calibrating the bias is not known yet: the accelerometer alone. */
    filter_update(d, &clean, accel_dir, gyro_ok && motion_calibrated(d));
    d->last_t_ms = s->t_ms;

    int n = 0;
    if (d->state == MOTION_STATE_CALIBRATING)
        n = feed_calibration(d, &clean, out, max_events, n);
    else if (motion_calibrated(d)) {
        d->angle_deg = angle_between_deg(d->gravity, d->baseline);
        n = feed_reps(d, &clean, out, max_events, n);
    }
    return n < max_events ? n : max_events;
}

const char *motion_strap_name(MotionStrap s)
{
    switch (s) {
    case MOTION_STRAP_THIGH: return "thigh";
    case MOTION_STRAP_SHIN: return "shin";
    case MOTION_STRAP_UPPER_ARM: return "upper_arm";
    default: return "";
    }
}

MotionStrap motion_strap_from_name(const char *name)
{
    for (int s = MOTION_STRAP_THIGH; s < MOTION_STRAP_COUNT; s++)
        if (name && strcmp(name, motion_strap_name((MotionStrap)s)) == 0)
            return (MotionStrap)s;
    return MOTION_STRAP_NONE;
}

const char *motion_event_name(MotionEventKind k)
{
    static const char *const names[MOTION_EVENT_COUNT] = {
        "none", "calibrated", "moved_in_calibration", "rep_start",
        "peak", "hold_broken", "return",
    };
    return k >= 0 && k < MOTION_EVENT_COUNT ? names[k] : "?";
}

bool motion_trace_format_sample(char *out, size_t n, const MotionSample *s)
{
    int len;
    if (s->has_gyro)
        len = snprintf(out, n, "s %lld %.4f %.4f %.4f %.5f %.5f %.5f", (long long)s->t_ms,
                       s->accel[0], s->accel[1], s->accel[2], s->gyro[0], s->gyro[1],
                       s->gyro[2]);
    else
        len = snprintf(out, n, "s %lld %.4f %.4f %.4f nan nan nan", (long long)s->t_ms,
                       s->accel[0], s->accel[1], s->accel[2]);
    return len >= 0 && (size_t)len < n;
}

bool motion_trace_format_level(char *out, size_t n, const char *level_id, MotionStrap strap)
{
    int len = snprintf(out, n, "# level %s strap %s", level_id, motion_strap_name(strap));
    return len >= 0 && (size_t)len < n;
}

bool motion_trace_parse_level(const char *line, char *id, size_t id_n, MotionStrap *strap)
{
    char got_id[64], got_strap[32];
    if (sscanf(line, "# level %63s strap %31s", got_id, got_strap) != 2)
        return false;
    snprintf(id, id_n, "%s", got_id);
    *strap = motion_strap_from_name(got_strap);
    return true;
}

static void set_err(char *err, size_t err_n, const char *msg, const char *word)
{
    if (err && err_n)
        snprintf(err, err_n, "%s%s%s%s", msg, word ? " (got '" : "", word ? word : "",
                 word ? "')" : "");
}

/* One number field: "nan" only where allow_nan; anything else must be a
 * whole finite number. */
static bool parse_float_field(const char **p, float *out, bool allow_nan, bool *was_nan)
{
    while (**p == ' ' || **p == '\t')
        (*p)++;
    if (allow_nan && strncmp(*p, "nan", 3) == 0 && ((*p)[3] == '\0' || (*p)[3] == ' ' ||
                                                     (*p)[3] == '\t' || (*p)[3] == '\n' ||
                                                     (*p)[3] == '\r')) {
        *p += 3;
        *out = NAN;
        *was_nan = true;
        return true;
    }
    char *end;
    errno = 0;
    double v = strtod(*p, &end);
    if (end == *p || errno == ERANGE || !isfinite(v))
        return false;
    if (*end != '\0' && *end != ' ' && *end != '\t' && *end != '\n' && *end != '\r')
        return false;
    *p = end;
    *out = (float)v;
    *was_nan = false;
    return true;
}

bool motion_trace_parse_line(const char *line, MotionSample *s, bool *is_sample, char *err,
                             size_t err_n)
{
    *is_sample = false;
    const char *p = line;
    while (*p == ' ' || *p == '\t')
        p++;
    if (*p == '\0' || *p == '\n' || *p == '\r' || *p == '#')
        return true;
    if (p[0] != 's' && p[0] != 'c') {
        set_err(err, err_n, "expected 's' (a sample), 'c' (a cue) or '#'", NULL);
        return false;
    }
    char kind = p[0];
    p++;
    if (*p != ' ' && *p != '\t') {
        set_err(err, err_n, "expected a space after the record's letter", NULL);
        return false;
    }
    char *end;
    errno = 0;
    long long t = strtoll(p, &end, 10);
    if (end == p || errno == ERANGE || t < 0 ||
        (*end != '\0' && *end != ' ' && *end != '\t' && *end != '\n' && *end != '\r')) {
        set_err(err, err_n, "expected a time in whole milliseconds, 0 or more", NULL);
        return false;
    }
    p = end;
    if (kind == 'c')
        return true;
    MotionSample out = {.t_ms = t};
    static const char *const field_names[6] = {"ax", "ay", "az", "gx", "gy", "gz"};
    int nan_count = 0;
    for (int i = 0; i < 6; i++) {
        bool was_nan = false;
        float *dst = i < 3 ? &out.accel[i] : &out.gyro[i - 3];
        if (!parse_float_field(&p, dst, i >= 3, &was_nan)) {
            char msg[80];
            snprintf(msg, sizeof msg, "field %s: expected a number%s", field_names[i],
                     i >= 3 ? " or nan" : "");
            set_err(err, err_n, msg, NULL);
            return false;
        }
        nan_count += was_nan;
    }
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    if (*p != '\0') {
        set_err(err, err_n, "more than 6 numbers after the time", NULL);
        return false;
    }
    if (nan_count != 0 && nan_count != 3) {
        set_err(err, err_n, "gyro: all three fields numbers, or all three nan", NULL);
        return false;
    }
    out.has_gyro = nan_count == 0;
    if (!out.has_gyro)
        memset(out.gyro, 0, sizeof out.gyro);
    *s = out;
    *is_sample = true;
    return true;
}
