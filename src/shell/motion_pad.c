/* motion_pad.c: a pad's accelerometer and gyro, through the core's detector,
 * into the session. */
#include "motion_pad.h"

#include <errno.h>
#include <string.h>

/* Sensor and session clocks further apart than this are anchored again
 * (a stall, a pad that restarted its clock). */
enum { ANCHOR_SLACK_MS = 250, GYRO_STALE_MS = 50 };

/* Rumble: a firm short buzz at hold end, a longer one at the side switch,
 * so each can be told apart with eyes closed. */
enum { RUMBLE_HOLD_END_MS = 180, RUMBLE_SIDE_MS = 450 };

static void set_notice(MotionPad *m, const char *text)
{
    snprintf(m->notice, sizeof m->notice, "%s", text);
    m->notice_serial++;
}

void motion_pad_init(MotionPad *m, bool wanted, bool rumble, const char *record_path)
{
    memset(m, 0, sizeof *m);
    m->wanted = wanted;
    m->rumble = rumble;
    m->id = -1;
    m->record_path = record_path;
    m->record_exercise = -1;
}

void motion_pad_set(MotionPad *m, bool wanted, bool rumble)
{
    m->wanted = wanted;
    m->rumble = rumble;
}

static SDL_GameController *pad_of(const MotionPad *m)
{
    return m->id >= 0 ? SDL_GameControllerFromInstanceID(m->id) : NULL;
}

static void sensors_on(MotionPad *m, bool on)
{
    SDL_GameController *pad = pad_of(m);
    if (!pad)
        return;
    if (SDL_GameControllerHasSensor(pad, SDL_SENSOR_ACCEL))
        SDL_GameControllerSetSensorEnabled(pad, SDL_SENSOR_ACCEL, on ? SDL_TRUE : SDL_FALSE);
    if (SDL_GameControllerHasSensor(pad, SDL_SENSOR_GYRO))
        SDL_GameControllerSetSensorEnabled(pad, SDL_SENSOR_GYRO, on ? SDL_TRUE : SDL_FALSE);
}

void motion_pad_end(MotionPad *m)
{
    if (m->streaming)
        sensors_on(m, false);
    m->streaming = false;
    m->det_on = false;
    if (m->record)
        fflush(m->record);
}

void motion_pad_shutdown(MotionPad *m)
{
    motion_pad_end(m);
    if (m->record && fclose(m->record) != 0)
        fprintf(stderr, "corequest: could not finish the motion trace %s: %s\n",
                m->record_path, strerror(errno));
    m->record = NULL;
}

static void adopt(MotionPad *m, SDL_GameController *pad, SDL_JoystickID id)
{
    m->id = id;
    m->has_gyro = SDL_GameControllerHasSensor(pad, SDL_SENSOR_GYRO) == SDL_TRUE;
    const char *name = SDL_GameControllerName(pad);
    snprintf(m->name, sizeof m->name, "%s", name && name[0] ? name : "The gamepad");
    m->anchored = false;
    m->gyro_seen = false;
    char line[MOTION_PAD_NOTICE_MAX];
    snprintf(line, sizeof line,
             "%s senses motion: strapped on, it counts bridges, supermans, clamshells "
             "and kickbacks.", m->name);
    set_notice(m, line);
    if (m->streaming)
        sensors_on(m, true);
}

void motion_pad_refresh(MotionPad *m, const Input *in)
{
    bool present = false;
    for (int i = 0; i < INPUT_MAX_PADS; i++) {
        SDL_GameController *pad = in->pads[i];
        if (pad && SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(pad)) == m->id)
            present = true;
    }
    if (m->id >= 0 && !present) {
        char line[MOTION_PAD_NOTICE_MAX];
        snprintf(line, sizeof line,
                 "%s is gone: reps are confirmed with a press until a motion pad is back.",
                 m->name);
        set_notice(m, line);
        m->id = -1;
        m->det_on = false;
    }
    if (m->id >= 0)
        return;
    for (int i = 0; i < INPUT_MAX_PADS; i++) {
        SDL_GameController *pad = in->pads[i];
        if (pad && SDL_GameControllerHasSensor(pad, SDL_SENSOR_ACCEL)) {
            adopt(m, pad, SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(pad)));
            return;
        }
    }
}

bool motion_pad_sensing(const MotionPad *m)
{
    return m->wanted && m->id >= 0;
}

void motion_pad_session_config(const MotionPad *m, SessionConfig *config)
{
    config->motion = motion_pad_sensing(m);
}

void motion_pad_begin(MotionPad *m, const Session *s)
{
    (void)s;
    m->samples = 0;
    m->events = 0;
    m->det_on = false;
    m->anchored = false;
    m->record_exercise = -1;
    if (m->record_path && !m->record) {
        m->record = fopen(m->record_path, "w");
        if (!m->record) {
            char line[MOTION_PAD_NOTICE_MAX];
            snprintf(line, sizeof line, "Cannot write the motion trace %s: %s.",
                     m->record_path, strerror(errno));
            fprintf(stderr, "corequest: %s\n", line);
            set_notice(m, line);
            m->record_path = NULL;
        } else {
            fprintf(m->record, "# corequest motion trace 1\n# pad %s\n",
                    m->id >= 0 ? m->name : "(none yet)");
        }
    }
    if (motion_pad_sensing(m)) {
        sensors_on(m, true);
        m->streaming = true;
    }
}

/* Session time of a reading stamped ts_us by the pad (0: not stamped). */
static int64_t reading_ms(MotionPad *m, uint64_t ts_us, int64_t now_ms)
{
    if (ts_us == 0)
        return now_ms;
    int64_t t = m->anchor_ms + (int64_t)(ts_us - m->anchor_us) / 1000;
    if (!m->anchored || ts_us < m->anchor_us || t > now_ms + ANCHOR_SLACK_MS ||
        t < now_ms - ANCHOR_SLACK_MS) {
        m->anchored = true;
        m->anchor_us = ts_us;
        m->anchor_ms = now_ms;
        t = now_ms;
    }
    return t > now_ms ? now_ms : t;
}

bool motion_pad_event(MotionPad *m, const SDL_Event *ev, Session *s, int64_t now_ms)
{
    if (ev->type != SDL_CONTROLLERSENSORUPDATE)
        return false;
    const SDL_ControllerSensorEvent *e = &ev->csensor;
    if (m->id < 0) {
        /* A pad that sends readings senses motion, whatever it claimed. */
        SDL_GameController *pad = SDL_GameControllerFromInstanceID(e->which);
        if (!pad)
            return true;
        adopt(m, pad, e->which);
    }
    if (e->which != m->id)
        return true; /* a second sensing pad: one is enough */
    int64_t t = reading_ms(m, e->timestamp_us, now_ms);
    if (e->sensor == SDL_SENSOR_GYRO) {
        memcpy(m->gyro, e->data, sizeof m->gyro);
        m->gyro_ms = t;
        m->gyro_seen = true;
        m->has_gyro = true;
        return true;
    }
    if (e->sensor != SDL_SENSOR_ACCEL)
        return true;
    MotionSample smp;
    memset(&smp, 0, sizeof smp);
    smp.t_ms = t < m->last_ms ? m->last_ms : t;
    memcpy(smp.accel, e->data, sizeof smp.accel);
    smp.has_gyro = m->gyro_seen && smp.t_ms - m->gyro_ms <= GYRO_STALE_MS;
    if (smp.has_gyro)
        memcpy(smp.gyro, m->gyro, sizeof smp.gyro);
    motion_pad_feed(m, s, &smp);
    return true;
}

void motion_pad_feed(MotionPad *m, Session *s, const MotionSample *sample)
{
    m->last_ms = sample->t_ms;
    if (m->record) {
        char line[160];
        if (motion_trace_format_sample(line, sizeof line, sample))
            fprintf(m->record, "%s\n", line);
    }
    if (!s || !m->det_on || !m->wanted)
        return;
    m->samples++;
    MotionEvent ev[8];
    int n = motion_feed(&m->det, sample, ev, 8);
    for (int i = 0; i < n; i++) {
        m->events++;
        session_motion(s, ev[i].t_ms, ev[i].kind);
    }
}

static void rumble(const MotionPad *m, Uint16 low, Uint16 high, Uint32 ms)
{
    SDL_GameController *pad = pad_of(m);
    if (m->rumble && m->wanted && pad)
        SDL_GameControllerRumble(pad, low, high, ms); /* no rumble: -1, harmless */
}

void motion_pad_cue(MotionPad *m, const Session *s, const Cue *cue)
{
    bool sensed = session_sensed(s);
    const Level *l = s->plan && cue->exercise >= 0 && cue->exercise < s->plan->count
                         ? s->plan->items[cue->exercise].level
                         : NULL;
    if (m->record && l && cue->exercise != m->record_exercise && sensed) {
        m->record_exercise = cue->exercise;
        char header[128];
        if (motion_trace_format_level(header, sizeof header, l->id, l->motion.strap))
            fprintf(m->record, "%s\n", header);
    }
    if (m->record && cue->kind == CUE_SAY)
        fprintf(m->record, "c %lld %s\n", (long long)cue->at_ms, cue->key);
    switch (cue->kind) {
    case CUE_PHASE:
        if (cue->phase == PHASE_GET_READY && sensed && l && motion_pad_sensing(m)) {
            /* The countdown is the still moment: the start position. */
            motion_init(&m->det, &l->motion);
            motion_calibrate(&m->det, cue->at_ms);
            m->det_on = true;
        } else if (!sensed) {
            m->det_on = false;
        }
        break;
    case CUE_BEEP:
        if (!sensed)
            break;
        if (cue->beep == BEEP_HOLD_END)
            rumble(m, 0x5000, 0xC000, RUMBLE_HOLD_END_MS);
        else if (cue->beep == BEEP_SIDE_SWITCH)
            rumble(m, 0xC000, 0x6000, RUMBLE_SIDE_MS);
        break;
    default:
        break;
    }
}

bool motion_pad_angle(const MotionPad *m, const Session *s, float *angle_deg, float *peak_deg)
{
    if (!m->det_on || !session_sensed(s) || !motion_calibrated(&m->det))
        return false;
    *angle_deg = motion_angle_deg(&m->det);
    *peak_deg = m->det.profile.peak_deg;
    return true;
}
