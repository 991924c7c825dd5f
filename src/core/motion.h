/* motion.h: reps and holds from a game pad's motion sensor strapped to a limb.
 * Pure C11, no SDL, no allocation, no clock of its own: fed timestamped
 * accelerometer (and gyro) samples, it answers with events.  Also the text
 * format of motion traces (pure stdio), used by tests and the recorder. */
#ifndef COREQUEST_MOTION_H
#define COREQUEST_MOTION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One sensor reading.  accel in m/s^2, gyro in rad/s, in the pad's own axes
 * exactly as SDL_GameControllerGetSensorData / SDL_CONTROLLERSENSORUPDATE
 * give them.  has_gyro false: gyro is ignored (accelerometer-only pads). */
typedef struct {
    int64_t t_ms;
    float accel[3];
    float gyro[3];
    bool has_gyro;
} MotionSample;

typedef enum {
    MOTION_STRAP_NONE,       /* the level has no motion profile */
    MOTION_STRAP_THIGH,
    MOTION_STRAP_SHIN,
    MOTION_STRAP_UPPER_ARM,
    MOTION_STRAP_COUNT
} MotionStrap;

/* Per level, from the level file's "motion" object.  Angles are the limb's
 * tilt from the calibrated start position, in degrees, whatever way the pad
 * is turned on the strap (the angle between two gravity directions). */
typedef struct MotionProfile {
    MotionStrap strap;
    float peak_deg;           /* the rep reaches its top at this angle */
    float return_deg;         /* back within this angle: the rep is over */
    float hold_tolerance_deg; /* a hold is kept while above peak - this */
} MotionProfile;

typedef enum {
    MOTION_EVENT_NONE,
    MOTION_EVENT_CALIBRATED,           /* baseline set: 3 s lying still */
    MOTION_EVENT_MOVED_IN_CALIBRATION, /* moved: the 3 s start again */
    MOTION_EVENT_REP_START,            /* left the start position */
    /* Past peak_deg and at the top: it stopped rising (or turned back),
     * at most MOTION_TOP_WAIT_MS after it passed peak_deg. */
    MOTION_EVENT_PEAK,
    /* Dropped below peak - hold_tolerance after a PEAK.  The detector does
     * not know the hold's length: the session calls it a broken hold when
     * its hold had not ended yet, and the start of the way back otherwise. */
    MOTION_EVENT_HOLD_BROKEN,
    MOTION_EVENT_RETURN,               /* back within return_deg */
    MOTION_EVENT_COUNT
} MotionEventKind;

typedef struct {
    MotionEventKind kind;
    int64_t t_ms;      /* the sample's time that caused it */
    float angle_deg;   /* the angle then */
} MotionEvent;

typedef enum {
    MOTION_STATE_UNCALIBRATED,
    MOTION_STATE_CALIBRATING,
    MOTION_STATE_AT_START,
    MOTION_STATE_RISING,   /* rep started, peak_deg not reached */
    MOTION_STATE_REACHING, /* past peak_deg, still rising to the top */
    MOTION_STATE_AT_PEAK,  /* within the hold band */
    MOTION_STATE_FALLING   /* left the peak band, not back yet */
} MotionState;

enum { MOTION_CALIBRATION_MS = 3000, MOTION_TOP_WAIT_MS = 1500 };

/* Plain data, fixed size: copy it freely. */
typedef struct {
    MotionProfile profile;
    MotionState state;
    /* Calibration window: started at, sums of the samples in it. */
    int64_t calib_from_ms;
    double calib_accel_sum[3], calib_gyro_sum[3];
    int calib_samples, calib_gyro_samples;
    /* Baseline gravity direction (unit) and the gyro's bias at rest. */
    float baseline[3];
    float gyro_bias[3];
    /* The filtered gravity direction (unit) and when it was last fed. */
    float gravity[3];
    bool have_gravity;
    int64_t last_t_ms;
    float angle_deg;
    int64_t reach_from_ms; /* when peak_deg was passed (REACHING) */
    float top_deg;         /* the highest angle since, and when it came */
    int64_t top_at_ms;
    int64_t peak_at_ms;   /* when the current PEAK came, -1 none */
    float peak_max_deg;
} MotionDetector;

/* Sets the detector up for one exercise's profile (copied); uncalibrated. */
void motion_init(MotionDetector *d, const MotionProfile *p);
/* Starts (or restarts) the 3 s calibration at now_ms: the samples fed from
 * now, while the limb lies still, set the baseline.  Movement (more than a
 * 10 degrees from the window's mean, or a turning gyro) restarts the window. */
void motion_calibrate(MotionDetector *d, int64_t now_ms);
/* Feeds one sample; writes up to max_events events to out and returns how
 * many.  Samples must come in time order; an older one is ignored. */
int motion_feed(MotionDetector *d, const MotionSample *s, MotionEvent *out,
                int max_events);
/* The limb's angle from the baseline in degrees (0 before calibration). */
float motion_angle_deg(const MotionDetector *d);
bool motion_calibrated(const MotionDetector *d);
/* How long the current peak has been kept at now_ms; -1 when not at a peak. */
int64_t motion_hold_ms(const MotionDetector *d, int64_t now_ms);

const char *motion_strap_name(MotionStrap s);  /* "", "thigh", "shin", "upper_arm" */
MotionStrap motion_strap_from_name(const char *name); /* NONE when unknown */
const char *motion_event_name(MotionEventKind k);

/* Trace files, one record a line:
 *   # corequest motion trace 1        header (any '#' line is a comment)
 *   # level <id> strap <name>
 *   s <t_ms> <ax> <ay> <az> <gx> <gy> <gz>   a sample; gyro "nan" when none
 *   c <t_ms> <cue words>                     a session cue, for reading
 * format: false when out is too small.  parse: true for a good line (a
 * sample sets *is_sample and *s; comments, cues and blank lines are good and
 * not samples); false with a message in err for a bad one. */
bool motion_trace_format_sample(char *out, size_t n, const MotionSample *s);
/* The "# level <id> strap <name>" line that starts each exercise's part of
 * a trace (no newline).  parse: true for such a line, with the id (cut to
 * id_n) and the strap (NONE for a name it does not know). */
bool motion_trace_format_level(char *out, size_t n, const char *level_id, MotionStrap strap);
bool motion_trace_parse_level(const char *line, char *id, size_t id_n, MotionStrap *strap);
bool motion_trace_parse_line(const char *line, MotionSample *s, bool *is_sample,
                             char *err, size_t err_n);

#endif
