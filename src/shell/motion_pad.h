/* motion_pad.h: a game pad's motion sensor as a rep counter, for the window
 * and the audio-only mode alike.  Finds a pad that senses motion (SDL's
 * accelerometer and gyro: DualShock 4, DualSense, Switch Pro, Joy-Con),
 * turns its sensor events into samples on the session clock, feeds them to
 * the core's detector (core/motion.h) and the detector's events to the
 * session (session_motion); calibrates at each get-ready of a sensed
 * exercise, rumbles at hold end and side switch, and records traces
 * (--record-motion).  The pads themselves belong to input.c. */
#ifndef COREQUEST_MOTION_PAD_H
#define COREQUEST_MOTION_PAD_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <SDL.h>

#include "input.h"
#include "motion.h"
#include "session.h"

enum { MOTION_PAD_NAME_MAX = 96, MOTION_PAD_NOTICE_MAX = 200 };

typedef struct {
    bool wanted;  /* the motion_pad setting */
    bool rumble;  /* the pad_rumble setting */
    /* The sensing pad (owned by Input), -1 none.  A pad counts as sensing
     * when SDL says it has an accelerometer, or once it sent a reading. */
    SDL_JoystickID id;
    bool has_gyro;
    bool streaming; /* sensors switched on (only during a session) */
    char name[MOTION_PAD_NAME_MAX];
    /* The gyro's last reading, joined to the next accelerometer one. */
    float gyro[3];
    int64_t gyro_ms;
    bool gyro_seen;
    /* Sensor time (us) to session time (ms): anchored at a reading and
     * again whenever the two drift apart. */
    bool anchored;
    uint64_t anchor_us;
    int64_t anchor_ms;
    int64_t last_ms;
    MotionDetector det;
    bool det_on;     /* calibrating or calibrated for the current exercise */
    int64_t samples; /* fed this session */
    int events;      /* detector events this session */
    FILE *record;
    const char *record_path;
    int record_exercise; /* the exercise the last "# level" line named */
    char notice[MOTION_PAD_NOTICE_MAX]; /* news for the person; "" none */
    unsigned notice_serial;
} MotionPad;

/* record_path: --record-motion's file (NULL: none), opened at the first
 * session. */
void motion_pad_init(MotionPad *m, bool wanted, bool rumble, const char *record_path);
void motion_pad_shutdown(MotionPad *m);
void motion_pad_set(MotionPad *m, bool wanted, bool rumble);

/* Looks again for a sensing pad among in's pads (after a pad came or
 * went).  A notice says when one is found or the one in use goes. */
void motion_pad_refresh(MotionPad *m, const Input *in);
/* A sensing pad is there and the setting wants it. */
bool motion_pad_sensing(const MotionPad *m);
/* Sets config->motion for a session about to start. */
void motion_pad_session_config(const MotionPad *m, SessionConfig *config);

/* A session begins (sensors on, the recorder opened) or ends (off). */
void motion_pad_begin(MotionPad *m, const Session *s);
void motion_pad_end(MotionPad *m);

/* An SDL event: a sensor reading of the sensing pad is taken (and fed to
 * s, when a session is live: s may be NULL) and true returned; anything
 * else returns false.  now_ms is the session clock now. */
bool motion_pad_event(MotionPad *m, const SDL_Event *ev, Session *s, int64_t now_ms);
/* A sample on the session clock (from motion_pad_event, or a test). */
void motion_pad_feed(MotionPad *m, Session *s, const MotionSample *sample);
/* Every session cue: calibrates at a sensed get-ready, rumbles at hold
 * end and side switch, records cues. */
void motion_pad_cue(MotionPad *m, const Session *s, const Cue *cue);

/* The limb's angle and the profile's peak, for the workout screen; false
 * when the current exercise is not sensed or not calibrated yet. */
bool motion_pad_angle(const MotionPad *m, const Session *s, float *angle_deg, float *peak_deg);

#endif
