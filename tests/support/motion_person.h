/* motion_person.h: a simulated person who follows a session's cues with a
 * motion pad strapped to a limb, for the tests (no SDL).  The limb moves as
 * the figure does (pose.h: the level's start and peak poses, the strapped
 * segment's direction), so the pad's gravity reading is the one the drawn
 * exercise would give; noise, a gyro bias, a pad turned any way on its
 * strap and a hold that slips can be asked for.  Synthetic: nothing here
 * was checked against a real pad. */
#ifndef COREQUEST_MOTION_PERSON_H
#define COREQUEST_MOTION_PERSON_H

#include <stdbool.h>
#include <stdint.h>

#include "motion.h"
#include "plan.h"
#include "session.h"

typedef struct {
    float noise;      /* accelerometer noise, m/s^2 either way (uniform) */
    float gyro_bias;  /* rad/s added to every gyro axis (drift) */
    bool gyro;        /* the pad has a gyroscope */
    int slip_hold;    /* this hold (1 = the first of the session) slips: the
                         limb sags for 600 ms a second in; 0 none */
    int slip_holds;   /* how many holds slip from slip_hold on (default 1) */
    bool still;       /* the limb never moves (the pad lies on the floor) */
    int react_ms;     /* from a cue to the limb moving, default 250 */
    unsigned seed;
} MotionPersonOptions;

typedef struct {
    const Plan *plan;
    MotionPersonOptions opt;
    unsigned rng;
    int exercise;
    Side side;
    /* Where the limb is going: 0 start .. 1 peak, from from_t at from_ms to
     * to_t over span_ms (eased). */
    float from_t, to_t;
    int64_t from_ms, span_ms;
    float t_now;
    int holds;                 /* holds begun so far */
    int64_t slip_at_ms;        /* the sag of a slipping hold, -1 none */
    float mount[3][3];         /* the pad's axes on the strap */
    float last_rot[3][3];      /* the segment's turn at the last sample */
    int64_t last_ms;
    bool have_last;
} MotionPerson;

void motion_person_init(MotionPerson *p, const Plan *plan, MotionPersonOptions opt);
/* The session said or did something: the person follows it. */
void motion_person_cue(MotionPerson *p, const Cue *cue);
/* What the pad reads at t_ms (times must not go back). */
MotionSample motion_person_sample(MotionPerson *p, int64_t t_ms);
/* The limb's position now, 0 start .. 1 peak (for test messages). */
float motion_person_position(const MotionPerson *p);

#endif
