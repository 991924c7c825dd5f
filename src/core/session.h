/* session.h: the guided-session state machine.
 * Stepped with a clock value (ms) and actions; answers with timestamped cues.
 * Pure C11, no SDL, no allocation, no hidden clock.  A Session is plain data:
 * copying it (and setting another sink) gives a look-ahead that the shells use
 * to synthesise prompts before they are needed and to estimate durations. */
#ifndef COREQUEST_SESSION_H
#define COREQUEST_SESSION_H

#include <stdbool.h>
#include <stdint.h>
#include "plan.h"
#include "prompts.h"

typedef enum {
    ACTION_NONE,
    ACTION_CONFIRM, /* rep done / skip the intro / go on after a pain stop */
    ACTION_BACK,    /* while paused or at the pain check: end the session */
    ACTION_PAUSE,   /* toggles pause */
    ACTION_PAIN,    /* stops the current exercise at once */
    ACTION_SKIP,    /* skip the current exercise */
    ACTION_END,     /* end the session now (summary follows) */
    /* How did it feel?  The answer after a finished exercise (CONFIRM
     * there means "just right"; the default when nobody answers). */
    ACTION_TOO_EASY,
    ACTION_JUST_RIGHT,
    ACTION_TOO_HARD,
    ACTION_COUNT
} Action;

typedef enum {
    PHASE_IDLE,         /* before session_start */
    PHASE_INTRO,        /* exercise name and setup are said */
    PHASE_GET_READY,    /* 3-2-1 countdown */
    PHASE_MOVE,         /* going to the peak position */
    PHASE_HOLD,         /* holding the peak */
    PHASE_RELAX,        /* back to the start position */
    PHASE_WAIT_CONFIRM, /* confirm mode: waiting for the rep to be confirmed */
    PHASE_SWITCH_SIDE,  /* each-side levels: change sides */
    PHASE_REST,         /* between sets and between exercises */
    PHASE_PAIN_CHECK,   /* after a pain stop: waits for CONFIRM or BACK */
    PHASE_RATE,         /* after a finished exercise: how did it feel? ends
                           on an answer, or "just right" after rate_wait_ms */
    PHASE_SUMMARY,      /* the session's totals are said */
    PHASE_DONE,
    PHASE_COUNT
} Phase;

typedef enum { SIDE_NONE, SIDE_LEFT, SIDE_RIGHT } Side;

typedef enum {
    BEEP_COUNTDOWN,     /* each of 3, 2, 1 */
    BEEP_GO,
    BEEP_HOLD_END,
    BEEP_REP_DONE,
    BEEP_SIDE_SWITCH,
    BEEP_SET_DONE,
    BEEP_EXERCISE_DONE,
    BEEP_LEVEL_UNLOCKED, /* emitted by shells (progress), never by session */
    BEEP_REMINDER,
    BEEP_COUNT
} BeepKind;

typedef enum {
    CUE_SAY,            /* text: spoken prompt and its caption */
    CUE_BEEP,           /* beep */
    CUE_PHASE,          /* phase began at at_ms; ends at deadline_ms (-1: waits) */
    CUE_REP,            /* rep of rep_total on side, set of set_total, done */
    CUE_SIDE,           /* side changed */
    CUE_PAUSED,
    CUE_RESUMED,
    CUE_PAIN_STOP,      /* exercise stopped for pain; result.pain is set */
    CUE_EXERCISE_DONE,  /* results[exercise] is final */
    CUE_SESSION_DONE,
    CUE_HUSH,           /* words begun before at_ms are moot: stop them now */
    CUE_SAY_DROPPED,    /* a prompt left out on purpose; why says why */
    CUE_PAIN_REPORT,    /* the pain check answered: the score of a stop
                           (recorded at CUE_EXERCISE_DONE already), or pain
                           in the rest after a done exercise (pain_after) */
    CUE_COUNT
} CueKind;

enum { CUE_TEXT_MAX = PROMPT_TEXT_MAX, CUE_KEY_MAX = PROMPT_KEY_MAX };

typedef struct {
    int64_t at_ms;       /* when it happens on the session clock (exact) */
    CueKind kind;
    Phase phase;         /* the phase current when the cue happens */
    int64_t deadline_ms; /* CUE_PHASE: end of the phase, -1 if it waits */
    BeepKind beep;       /* CUE_BEEP */
    int exercise;        /* plan item index */
    int rep, rep_total;  /* rep counts per side */
    int set, set_total;
    Side side;
    /* CUE_SAY: the caption, and a stable key naming the prompt (e.g. "hold",
     * "rep_4_of_10", "intro_bridge_2") for recorded replacements. */
    char text[CUE_TEXT_MAX];
    char key[CUE_KEY_MAX];
    int duration_ms;     /* CUE_SAY: how long the planner gave the words */
    const char *why;     /* CUE_SAY_DROPPED: a static reason */
} Cue;

typedef void (*CueSink)(void *ctx, const Cue *cue);

typedef enum { MODE_CONFIRM, MODE_TEMPO } SessionMode;

/* How long a prompt takes to say, in ms; a negative answer means "not
 * known yet" and the core's estimate (prompt_estimate_ms) stands in. */
typedef int (*SayLengthFn)(void *ctx, const char *key, const char *text);

typedef struct {
    SessionMode mode;
    /* The speech-aware timeline: words never overlap, a beep never sounds
     * under words, and a phase never ends while its words are said. */
    SayLengthFn say_ms;      /* NULL: the core's estimate */
    void *say_ctx;
    int beep_ms[BEEP_COUNT]; /* how long each beep sounds: words start after it */
    int speech_gap_ms;       /* quiet kept between two prompts, default 150 */
    /* A clock jump longer than this between two steps (a stall, a suspend)
     * pauses the session instead of skipping ahead; 0 turns it off, as
     * simulations and look-ahead copies that jump on purpose need. */
    int stall_pause_ms;
    int get_ready_ms;        /* countdown after the get-ready words, default 3000 */
    int switch_side_ms;      /* default 5000 */
    int reminder_ms;         /* confirm mode: first gentle reminder, 10000 */
    int reminder_repeat_ms;  /* later reminders, 20000 */
    int summary_ms;          /* default 8000 */
    bool pain_reminder;      /* say "stop if it hurts" at the first exercise */
    bool ask_rating;         /* ask how it felt after each finished exercise */
    int rate_wait_ms;        /* the answer waits this long after the question
                                (default 6000), then "just right" stands */
    int advice_score_at;     /* a pain score this high is read back with the
                                advice to stop for today and see a therapist
                                (the pack's advice_pain_at; 0: off) */
    /* A pad that senses motion is strapped on (the shell found one and the
     * setting allows it): exercises whose level has a motion profile are
     * sensed (session_motion); the others, and confirm, work as before. */
    bool motion;
} SessionConfig;

SessionConfig session_config_default(void);

/* How an exercise felt, as the person said after it. */
typedef enum {
    RATING_NONE,       /* not asked, not finished, or the question was skipped */
    RATING_TOO_EASY,
    RATING_JUST_RIGHT,
    RATING_TOO_HARD,
    RATING_COUNT
} Rating;

/* Where it hurt, if the person says (optional). */
typedef enum {
    PAIN_PLACE_NONE,
    PAIN_PLACE_LOW_BACK,
    PAIN_PLACE_BUTTOCK,
    PAIN_PLACE_LEG,
    PAIN_PLACE_COUNT
} PainPlace;

/* Back pain 0-10 asked around a whole session (a setting, off by
 * default), apart from the pain that stops an exercise. */
typedef enum { BACK_PAIN_BEFORE, BACK_PAIN_AFTER, BACK_PAIN_WHEN_COUNT } BackPainWhen;

const char *pain_place_id(PainPlace p);   /* "", "low_back", "buttock", "leg" */
const char *pain_place_name(PainPlace p); /* "", "low back", "buttock", "leg" */
PainPlace pain_place_from_id(const char *id);

const char *rating_id(Rating r); /* "", "too_easy", "just_right", "too_hard" */
Rating rating_from_id(const char *id); /* RATING_NONE when unknown */

typedef struct {
    int reps_done;     /* per side, counted as the lower of the two sides */
    int reps_target;   /* per side, reps * sets */
    int reps_left, reps_right; /* sided levels: reps done on each side */
    bool pain;
    bool skipped;
    bool started;
    bool finished;     /* the exercise is over, for whatever reason */
    Rating rating;     /* how it felt (only a fully done exercise is asked) */
    /* Pain: stopped for it (pain), or pressed in the rest after the
     * exercise was done (pain_after); how bad (0-10) and where, when said
     * at the pain check. */
    bool pain_after;
    bool pain_rated;
    int pain_score;
    PainPlace pain_place;
    bool rating_default; /* nobody answered: "just right" was taken */
    /* Sensed holds that slipped before their end (each one said kindly;
     * the rep is done again once, then let go and counted). */
    int holds_broken;
    int64_t started_ms, ended_ms;
} ExerciseResult;

enum { SESSION_LATER_MAX = 8 };

typedef struct {
    const Plan *plan;     /* not owned; must outlive the session */
    SessionConfig config;
    CueSink sink;
    void *sink_ctx;

    Phase phase;
    int64_t phase_start_ms;
    int64_t deadline_ms;  /* -1 while waiting for input */
    int64_t now_ms;       /* the last clock value seen */
    bool paused;
    int64_t paused_at_ms;

    int exercise, set, rep;   /* current position, 0-based */
    Side side;
    int moves_in_set;         /* alternating: moves done this set */
    bool confirm_latched;     /* confirm mode: confirmed before the wait */
    int reminders_given;
    int64_t next_reminder_ms;

    ExerciseResult results[PLAN_MAX_ITEMS];
    int64_t started_ms, ended_ms; /* ended_ms: when the summary began */

    /* Timed events inside a phase (countdown beeps, a coaching cue during a
     * hold): the next one's time (-1: none) and how many have fired. */
    int64_t next_tick_ms;
    int ticks_done;
    bool ended_early; /* END or BACK cut the session short */

    /* Words: when the planned ones end (-1: none yet), when the last beep
     * ends, and the prompts planned for later (after a beep or other words). */
    int64_t talk_until_ms;
    int64_t beep_until_ms;
    struct {
        int64_t at_ms;
        int duration_ms;
        Prompt prompt;
    } later[SESSION_LATER_MAX];
    int later_count;
    /* Coaching: the next cue in turn, how many were said in this exercise,
     * and the moves since the last one. */
    int cue_next, cues_said, moves_since_cue;
    bool cue_said_this_move;
    /* The next exercise's setup was said during the rest before it. */
    bool preview_said, setup_told;
    /* The intro's "how one rep goes": when its words start and end, so the
     * figure can show that rep while it is described (session_demo_at). */
    int64_t demo_from_ms, demo_until_ms;
    /* Sensed reps: the hold of this rep slipped and the rep is done again
     * after the relax; how many times it slipped; the pad felt the peak
     * before the move began (a quick person), so the move is done. */
    bool redo_rep;
    int rep_slips;
    bool early_peak;
    bool lie_still_said; /* since this get-ready began */
} Session;

/* Prepares a session over plan; nothing happens until session_start. */
void session_init(Session *s, const Plan *plan, SessionConfig config,
                  CueSink sink, void *sink_ctx);
void session_set_sink(Session *s, CueSink sink, void *sink_ctx);

/* Begins at now_ms (the first exercise's intro). */
void session_start(Session *s, int64_t now_ms);

/* Advances the timeline to now_ms, emitting every cue whose time has come
 * (each stamped with its exact scheduled time, so a late step never shifts
 * the timeline), then applies action at now_ms.  now_ms never goes back;
 * an earlier value is treated as the last one seen. */
void session_step(Session *s, int64_t now_ms, Action action);

bool session_done(const Session *s);

/* At the pain check: how bad it is (0-10) and, optionally, where.  Said
 * back; may be given again (the last one stands) until the check is
 * answered, when CUE_PAIN_REPORT carries it (a stopped exercise was
 * recorded at the stop; pain in a rest is a report of its own).
 * Returns false outside the pain check or for a score out of 0-10. */
bool session_rate_pain(Session *s, int64_t now_ms, int score, PainPlace place);

/* A shell is about to say something of its own that lasts ms (the controls,
 * a notice): the timeline waits for it, so nothing of the core's is cut or
 * said over it.  cut: the words being said stop now (CUE_HUSH; the person
 * asked, e.g. for the controls) and an intro or a rest's setup is said
 * again after; otherwise the shell's words follow them (its audio queues). */
void session_make_room(Session *s, int64_t now_ms, int64_t ms, bool cut);

/* Whether the current exercise is sensed: config.motion and its level has
 * a motion profile.  Then its move waits for the pad's peak (reminding
 * now and then; confirm stands in for the pad), its hold runs while it is
 * kept, and its rep counts at the peak, with no press. */
bool session_sensed(const Session *s);
/* The motion detector's event (motion.h) at now_ms, as session_step
 * advances first.  PEAK in a sensed move starts its hold (or relax);
 * HOLD_BROKEN before a sensed hold's end is said kindly and the rep is
 * done again once; MOVED_IN_CALIBRATION asks, once a get-ready, to lie
 * still.  Ignored when the exercise is not sensed, or paused. */
void session_motion(Session *s, int64_t now_ms, MotionEventKind kind);
/* The sensing pad came or went during the session: the moves from now on
 * follow it (a move already waiting for the pad still takes a press). */
void session_set_motion(Session *s, bool on);

/* Where the current phase stands, for drawing: 0..1 (0 while waiting). */
float session_phase_progress(const Session *s, int64_t now_ms);
/* The demonstration during an intro: one slow rep (on alternating levels
 * one each side, left first) shown while the movement is described, from
 * the start of those words for at least a slow rep's time, never past the
 * intro.  True while it runs: *t is the figure's position (0 start, 1
 * peak, already eased) and *side the side it shows.  False otherwise (the
 * figure then rests at the start position). */
bool session_demo_at(const Session *s, int64_t now_ms, float *t, Side *side);

/* Milliseconds left in the current phase, -1 while waiting for input. */
int64_t session_phase_remaining(const Session *s, int64_t now_ms);

/* Runs a copy of s to the end with every rep confirmed on time and returns
 * the total remaining milliseconds (the whole session if s is not started). */
int64_t session_estimate_ms(const Session *s);

/* When the next cue is due (a deadline, countdown beep or reminder); -1
 * when nothing is scheduled (paused, done, or waiting with no reminder).
 * Lets a shell sleep, and a simulation jump, exactly to the next event. */
int64_t session_next_event_ms(const Session *s);

/* The session's totals, as the summary says them. */
typedef struct {
    int exercises_done; /* finished, not skipped, not stopped for pain, reps > 0 */
    int reps;           /* sum of reps_done */
    int pain_stops;
    int skipped;
    int64_t elapsed_ms; /* from the start to the summary (or to now) */
    bool complete;      /* every exercise finished and nothing cut short */
} SessionTotals;

SessionTotals session_totals(const Session *s);

const char *phase_name(Phase p);    /* "GET READY", "HOLD", ... for display */
const char *phase_id(Phase p);      /* "get_ready", "hold"... for transcripts */
const char *action_name(Action a);  /* "CONFIRM", ... as in replay files */
Action action_from_name(const char *name); /* ACTION_NONE when unknown */
const char *beep_name(BeepKind b);
const char *cue_kind_name(CueKind k);
const char *side_name(Side s);      /* "", "left", "right" */

#endif
