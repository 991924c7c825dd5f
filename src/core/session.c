/* session.c: the guided-session state machine: intro, countdown, reps, holds,
 * sides, sets, rests, pause, pain stops and the summary, on an exact timeline. */
#include "session.h"

#include <stdio.h>
#include <string.h>

enum {
    COUNTDOWN_BEEPS = 3,
    /* A sensed each-side level moves the pad to the other leg as well. */
    PAD_SWITCH_EXTRA_MS = 10000,
    /* A sensed rep whose hold slips is done again this many times. */
    HOLD_RETRIES = 1,
    /* Confirm in the summary ends the session only after this long, so a
     * double press on the last rep does not skip the totals. */
    SUMMARY_PRESS_GUARD_MS = 2000,
    ESTIMATE_MAX_STEPS = 1000000
};

/* ---------------------------------------------------------------- names */

static const char *const phase_names[PHASE_COUNT] = {
    "", "SET UP", "GET READY", "MOVE", "HOLD", "RELAX", "REP DONE?",
    "SWITCH SIDES", "REST", "TAKE CARE", "HOW WAS IT?", "SUMMARY", "DONE"};
static const char *const phase_ids[PHASE_COUNT] = {
    "idle", "intro", "get_ready", "move", "hold", "relax", "wait_confirm",
    "switch_side", "rest", "pain_check", "rate", "summary", "done"};
static const char *const action_names[ACTION_COUNT] = {
    "NONE", "CONFIRM", "BACK", "PAUSE", "PAIN", "SKIP", "END",
    "TOO_EASY", "JUST_RIGHT", "TOO_HARD"};
static const char *const rating_ids[RATING_COUNT] = {
    "", "too_easy", "just_right", "too_hard"};
static const char *const beep_names[BEEP_COUNT] = {
    "countdown", "go", "hold_end", "rep_done", "side_switch", "set_done",
    "exercise_done", "level_unlocked", "reminder"};
static const char *const cue_kind_names[CUE_COUNT] = {
    "say", "beep", "phase", "rep", "side", "paused", "resumed", "pain_stop",
    "exercise_done", "session_done", "hush", "dropped", "pain_report"};
static const char *const pain_place_ids[PAIN_PLACE_COUNT] = {
    "", "low_back", "buttock", "leg"};
static const char *const pain_place_names[PAIN_PLACE_COUNT] = {
    "", "low back", "buttock", "leg"};

const char *phase_name(Phase p)
{
    return (unsigned)p < PHASE_COUNT ? phase_names[p] : "";
}

const char *phase_id(Phase p)
{
    return (unsigned)p < PHASE_COUNT ? phase_ids[p] : "unknown";
}

const char *pain_place_id(PainPlace p)
{
    return (unsigned)p < PAIN_PLACE_COUNT ? pain_place_ids[p] : "";
}

const char *pain_place_name(PainPlace p)
{
    return (unsigned)p < PAIN_PLACE_COUNT ? pain_place_names[p] : "";
}

PainPlace pain_place_from_id(const char *id)
{
    for (int p = PAIN_PLACE_NONE + 1; id && p < PAIN_PLACE_COUNT; p++)
        if (strcmp(id, pain_place_ids[p]) == 0)
            return (PainPlace)p;
    return PAIN_PLACE_NONE;
}

const char *rating_id(Rating r)
{
    return (unsigned)r < RATING_COUNT ? rating_ids[r] : "";
}

Rating rating_from_id(const char *id)
{
    for (int r = RATING_NONE + 1; id && r < RATING_COUNT; r++)
        if (strcmp(id, rating_ids[r]) == 0)
            return (Rating)r;
    return RATING_NONE;
}

const char *action_name(Action a)
{
    return (unsigned)a < ACTION_COUNT ? action_names[a] : "NONE";
}

static int upper_equal(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char ca = *a >= 'a' && *a <= 'z' ? (char)(*a - 'a' + 'A') : *a;
        if (ca != *b)
            return 0;
    }
    return *a == *b;
}

Action action_from_name(const char *name)
{
    if (!name)
        return ACTION_NONE;
    for (int a = ACTION_NONE + 1; a < ACTION_COUNT; a++)
        if (upper_equal(name, action_names[a]))
            return (Action)a;
    return ACTION_NONE;
}

const char *beep_name(BeepKind b)
{
    return (unsigned)b < BEEP_COUNT ? beep_names[b] : "";
}

const char *cue_kind_name(CueKind k)
{
    return (unsigned)k < CUE_COUNT ? cue_kind_names[k] : "";
}

const char *side_name(Side s)
{
    switch (s) {
    case SIDE_LEFT: return "left";
    case SIDE_RIGHT: return "right";
    case SIDE_NONE: break;
    }
    return "";
}

/* ------------------------------------------------------------- helpers */

SessionConfig session_config_default(void)
{
    /* The shipped beeps' lengths; shells that load other sounds say theirs. */
    static const int beep_ms[BEEP_COUNT] = {
        [BEEP_COUNTDOWN] = 90, [BEEP_GO] = 320, [BEEP_HOLD_END] = 220,
        [BEEP_REP_DONE] = 110, [BEEP_SIDE_SWITCH] = 270, [BEEP_SET_DONE] = 380,
        [BEEP_EXERCISE_DONE] = 750, [BEEP_LEVEL_UNLOCKED] = 1060, [BEEP_REMINDER] = 400};
    SessionConfig c;
    memset(&c, 0, sizeof c);
    c.mode = MODE_CONFIRM;
    c.say_ms = NULL;
    c.say_ctx = NULL;
    memcpy(c.beep_ms, beep_ms, sizeof c.beep_ms);
    c.speech_gap_ms = 150;
    c.stall_pause_ms = 0;
    c.get_ready_ms = 3000;
    c.switch_side_ms = 5000;
    c.reminder_ms = 10000;
    c.reminder_repeat_ms = 20000;
    c.summary_ms = 8000;
    c.pain_reminder = true;
    c.ask_rating = true;
    c.rate_wait_ms = 6000;
    c.advice_score_at = clinical_rules_default().advice_score_at;
    return c;
}

static int clamp_nonneg(int v) { return v < 0 ? 0 : v; }
static int64_t max64(int64_t a, int64_t b) { return a > b ? a : b; }

static bool has_exercise(const Session *s)
{
    return s->plan && s->exercise >= 0 && s->exercise < s->plan->count;
}

static const PlanItem *current_item(const Session *s)
{
    return &s->plan->items[s->exercise];
}

static const Level *current_level(const Session *s)
{
    return s->plan->items[s->exercise].level;
}

static bool level_sensed(const Session *s, const Level *l)
{
    return s->config.motion && l->motion.strap != MOTION_STRAP_NONE;
}

static int level_reps(const Level *l) { return l->reps < 1 ? 1 : l->reps; }
static int level_sets(const Level *l) { return l->sets < 1 ? 1 : l->sets; }
static int64_t level_hold_ms(const Level *l) { return (int64_t)clamp_nonneg(l->hold_s) * 1000; }
static int64_t level_rest_ms(const Level *l) { return (int64_t)clamp_nonneg(l->rest_s) * 1000; }

/* Whether the current exercise is under way and not yet final. */
static bool exercise_active(const Session *s)
{
    if (!has_exercise(s) || s->results[s->exercise].finished)
        return false;
    switch (s->phase) {
    case PHASE_INTRO: case PHASE_GET_READY: case PHASE_MOVE: case PHASE_HOLD:
    case PHASE_RELAX: case PHASE_WAIT_CONFIRM: case PHASE_SWITCH_SIDE:
    case PHASE_REST:
        return true;
    default:
        return false;
    }
}

static Cue cue_make(const Session *s, CueKind kind, int64_t at)
{
    Cue c;
    memset(&c, 0, sizeof c);
    c.at_ms = at;
    c.kind = kind;
    c.phase = s->phase;
    c.deadline_ms = s->deadline_ms;
    c.exercise = s->exercise;
    c.side = s->side;
    if (has_exercise(s) && s->phase != PHASE_SUMMARY && s->phase != PHASE_DONE) {
        const Level *l = current_level(s);
        c.rep = s->rep + 1;
        c.rep_total = level_reps(l);
        c.set = s->set + 1;
        c.set_total = level_sets(l);
    }
    return c;
}

static void emit(Session *s, const Cue *c)
{
    if (s->sink)
        s->sink(s->sink_ctx, c);
}

static void emit_kind(Session *s, CueKind kind, int64_t at)
{
    Cue c = cue_make(s, kind, at);
    emit(s, &c);
}

static void emit_beep(Session *s, BeepKind beep, int64_t at)
{
    Cue c = cue_make(s, CUE_BEEP, at);
    c.beep = beep;
    emit(s, &c);
    int ms = (unsigned)beep < BEEP_COUNT ? clamp_nonneg(s->config.beep_ms[beep]) : 0;
    s->beep_until_ms = max64(s->beep_until_ms, at + ms);
}

static void set_side(Session *s, Side side, int64_t at)
{
    if (s->side == side)
        return;
    s->side = side;
    if (side != SIDE_NONE)
        emit_kind(s, CUE_SIDE, at);
}

/* ------------------------------------------------------------- words
 *
 * Every prompt goes through plan_say: it starts when the words before it
 * and any beep have ended (plus a gap), so words never overlap and no beep
 * sounds under them.  A prompt that cannot start at once waits in `later`
 * and is said at its time.  Phases are entered after their words are
 * planned and end no earlier than those words (enter_phase), so a count or
 * a beep never cuts a sentence.  What is not needed and does not fit is
 * dropped with a CUE_SAY_DROPPED that says why. */

static int say_length(const Session *s, const Prompt *p)
{
    int ms = s->config.say_ms ? s->config.say_ms(s->config.say_ctx, p->key, p->text) : -1;
    return ms >= 0 ? ms : prompt_estimate_ms(p->text);
}

static int gap_ms(const Session *s) { return clamp_nonneg(s->config.speech_gap_ms); }

/* When new words may start: after the planned words and the last beep. */
static int64_t words_free_at(const Session *s)
{
    int64_t t = s->beep_until_ms;
    if (s->talk_until_ms >= 0)
        t = max64(t, s->talk_until_ms + gap_ms(s));
    return t;
}

static void emit_say(Session *s, int64_t at, const Prompt *p, int duration_ms)
{
    Cue c = cue_make(s, CUE_SAY, at);
    memcpy(c.key, p->key, sizeof c.key);
    memcpy(c.text, p->text, sizeof c.text);
    c.duration_ms = duration_ms;
    emit(s, &c);
}

static void drop_say(Session *s, int64_t at, const Prompt *p, const char *why)
{
    Cue c = cue_make(s, CUE_SAY_DROPPED, at);
    memcpy(c.key, p->key, sizeof c.key);
    memcpy(c.text, p->text, sizeof c.text);
    c.why = why;
    emit(s, &c);
}

/* Plans p to start at `at` or as soon after as the words before it allow;
 * returns when it will end. */
static int64_t plan_say_at(Session *s, int64_t at, const Prompt *p)
{
    if (!p->text[0])
        return s->talk_until_ms;
    int ms = say_length(s, p);
    int64_t start = max64(at, words_free_at(s));
    if (s->later_count >= SESSION_LATER_MAX) {
        drop_say(s, at, p, "too many prompts waiting");
        return s->talk_until_ms;
    }
    /* Kept in time order: planned starts only grow. */
    s->later[s->later_count].at_ms = start;
    s->later[s->later_count].duration_ms = ms;
    s->later[s->later_count].prompt = *p;
    s->later_count++;
    s->talk_until_ms = start + ms;
    return s->talk_until_ms;
}

/* Whether p, started as soon as possible after `at`, ends a gap before
 * `before`. */
static bool say_fits(const Session *s, int64_t at, const Prompt *p, int64_t before)
{
    int64_t start = max64(at, words_free_at(s));
    return start + say_length(s, p) + gap_ms(s) <= before;
}

/* Words are cut on purpose (pain, pause, skip, a choice): the shells stop
 * what is being said.  keep_planned: a pause keeps the words planned for
 * later, to be said after it. */
static void hush_words(Session *s, int64_t at, bool keep_planned)
{
    bool talking = s->talk_until_ms > at && (s->later_count == 0 || s->later[0].at_ms < at);
    if (talking || (!keep_planned && s->later_count > 0))
        emit_kind(s, CUE_HUSH, at);
    if (!keep_planned)
        s->later_count = 0;
    /* The shells stop the words at once: new ones may start right away. */
    if (s->later_count == 0)
        s->talk_until_ms = -1;
}

static void hush(Session *s, int64_t at) { hush_words(s, at, false); }

/* Moves everything still to come by `shift` (a pause, room for a shell). */
static void shift_timeline(Session *s, int64_t shift)
{
    s->phase_start_ms += shift;
    if (s->deadline_ms >= 0) s->deadline_ms += shift;
    if (s->next_tick_ms >= 0) s->next_tick_ms += shift;
    if (s->next_reminder_ms >= 0) s->next_reminder_ms += shift;
    for (int i = 0; i < s->later_count; i++)
        s->later[i].at_ms += shift;
    if (s->talk_until_ms >= 0) s->talk_until_ms += shift;
    if (s->beep_until_ms >= 0) s->beep_until_ms += shift;
}

/* duration < 0: the phase waits for input.  A timed phase lasts at least
 * until its words end. */
static void enter_phase(Session *s, Phase p, int64_t at, int64_t duration)
{
    s->phase = p;
    s->phase_start_ms = at;
    s->deadline_ms = -1;
    if (duration >= 0) {
        s->deadline_ms = at + duration;
        if (s->talk_until_ms >= 0)
            s->deadline_ms = max64(s->deadline_ms, s->talk_until_ms + gap_ms(s));
    }
    s->next_tick_ms = -1;
    s->ticks_done = 0;
    s->next_reminder_ms = -1;
    s->reminders_given = 0;
    emit_kind(s, CUE_PHASE, at);
}

/* -------------------------------------------------------------- coaching */

/* Whether the move now ending is the last of its set (or of its side). */
static bool last_move_of_segment(const Session *s)
{
    const Level *l = current_level(s);
    if (l->sides == SIDES_ALTERNATING)
        return s->moves_in_set + 1 >= 2 * level_reps(l);
    return s->rep + 1 >= level_reps(l);
}

/* The coaching cue due in this move, or -1.  Each cue is said once, one a
 * move from rep 1 on; after that one every third move, when it fits.  The
 * last move of a set has none: a rest or a switch follows. */
static int coaching_due(const Session *s)
{
    const Level *l = current_level(s);
    if (l->cue_count <= 0 || s->cue_said_this_move || last_move_of_segment(s))
        return -1;
    if (s->cues_said < l->cue_count || s->moves_since_cue >= 3)
        return s->cue_next % l->cue_count;
    return -1;
}

static void coaching_said(Session *s)
{
    const Level *l = current_level(s);
    s->cue_next = (s->cue_next + 1) % (l->cue_count > 0 ? l->cue_count : 1);
    s->cues_said++;
    s->moves_since_cue = 0;
    s->cue_said_this_move = true;
}

/* Plans the due cue if it ends before `before`; a cue never said yet in this
 * exercise is planned anyway when may_wait is set (the phase then waits
 * for it).  Returns whether one was planned. */
static bool plan_coaching(Session *s, int64_t at, int64_t before, bool may_wait)
{
    int index = coaching_due(s);
    if (index < 0)
        return false;
    Prompt p;
    prompt_cue(&p, current_level(s), index);
    bool first_time = s->cues_said < current_level(s)->cue_count;
    if (say_fits(s, at, &p, before) || (may_wait && first_time)) {
        plan_say_at(s, at, &p);
        coaching_said(s);
        return true;
    }
    if (may_wait)
        drop_say(s, at, &p, "no room in this rep; it was said before");
    return false;
}

/* --------------------------------------------------------------- phases */

static void start_summary(Session *s, int64_t at);
static void start_exercise(Session *s, int index, int64_t at);

static void start_next_or_summary(Session *s, int64_t at)
{
    if (s->exercise + 1 < s->plan->count)
        start_exercise(s, s->exercise + 1, at);
    else
        start_summary(s, at);
}

/* The intro's words: name, setup (unless the rest before said it), how the
 * movement goes, the pain-button reminder; then time to settle. */
static void plan_intro(Session *s, int64_t at)
{
    const PlanItem *item = current_item(s);
    const Level *l = item->level;
    Prompt p;
    prompt_title(&p, item);
    plan_say_at(s, at, &p);
    if (!s->setup_told) {
        prompt_setup(&p, l);
        plan_say_at(s, at, &p);
    }
    if (level_sensed(s, l)) {
        prompt_motion_strap(&p, l->motion.strap);
        plan_say_at(s, at, &p);
    }
    prompt_movement(&p, l);
    s->demo_until_ms = plan_say_at(s, at, &p);
    s->demo_from_ms = p.text[0] ? s->demo_until_ms - say_length(s, &p) : s->demo_until_ms;
    if (s->exercise == 0 && s->config.pain_reminder) {
        prompt_fixed(&p, PROMPT_SAFETY);
        plan_say_at(s, at, &p);
    }
    int64_t settle = s->setup_told ? 1000 : clamp_nonneg(l->settle_ms);
    enter_phase(s, PHASE_INTRO, at, s->talk_until_ms - at + settle);
}

static void start_exercise(Session *s, int index, int64_t at)
{
    s->exercise = index;
    s->set = 0;
    s->rep = 0;
    s->moves_in_set = 0;
    s->confirm_latched = false;
    s->cue_next = 0;
    s->cues_said = 0;
    s->moves_since_cue = 0;
    s->cue_said_this_move = false;
    s->side = SIDE_NONE;
    s->redo_rep = false;
    s->rep_slips = 0;
    s->early_peak = false;
    const Level *l = current_level(s);
    ExerciseResult *r = &s->results[index];
    memset(r, 0, sizeof *r);
    r->started = true;
    r->started_ms = at;
    r->reps_target = level_reps(l) * level_sets(l);
    if (l->sides != SIDES_NONE)
        set_side(s, SIDE_LEFT, at);
    plan_intro(s, at);
    s->setup_told = false;
    s->preview_said = false;
}

static void schedule_countdown(Session *s)
{
    int k = s->ticks_done;
    s->next_tick_ms = -1;
    for (; k < COUNTDOWN_BEEPS; k++) {
        int64_t t = s->deadline_ms - (int64_t)(COUNTDOWN_BEEPS - k) * 1000;
        if (t >= s->phase_start_ms) {
            s->next_tick_ms = t;
            break;
        }
    }
    s->ticks_done = k;
}

/* set_start: a new set begins (sided levels start again on the left).  The
 * countdown follows the words, so no beep sounds under them. */
static void start_get_ready(Session *s, int64_t at, bool set_start)
{
    const Level *l = current_level(s);
    bool sided = l->sides != SIDES_NONE;
    s->early_peak = false; /* the pad finds the start position again now */
    s->lie_still_said = false;
    if (set_start && sided)
        set_side(s, SIDE_LEFT, at);
    Prompt p;
    prompt_fixed(&p, set_start && sided ? PROMPT_GET_READY_LEFT : PROMPT_GET_READY);
    int64_t words_end = plan_say_at(s, at, &p) + gap_ms(s);
    enter_phase(s, PHASE_GET_READY, at,
                max64(0, words_end - at) + clamp_nonneg(s->config.get_ready_ms));
    schedule_countdown(s);
}

static void reach_peak(Session *s, int64_t at);

static void start_move(Session *s, int64_t at)
{
    const Level *l = current_level(s);
    s->cue_said_this_move = false;
    /* With eyes closed, the pan alone does not say which limb moves. */
    if (l->sides == SIDES_ALTERNATING) {
        Prompt p;
        prompt_fixed(&p, s->side == SIDE_RIGHT ? PROMPT_SIDE_RIGHT : PROMPT_SIDE_LEFT);
        plan_say_at(s, at, &p);
    }
    if (!level_sensed(s, l)) {
        enter_phase(s, PHASE_MOVE, at, clamp_nonneg(l->move_ms));
        return;
    }
    /* Sensed: the move takes as long as the person needs; the pad's peak
     * (or a press) ends it. */
    enter_phase(s, PHASE_MOVE, at, -1);
    if (s->config.reminder_ms > 0)
        s->next_reminder_ms = at + s->config.reminder_ms;
    if (s->early_peak) {
        s->early_peak = false;
        reach_peak(s, at);
    }
}

/* The spoken countdown of a hold: from three in holds of five seconds or
 * more, from two in a four-second hold, none in shorter ones. */
static int hold_countdown_from(const Level *l)
{
    return l->hold_s >= 5 ? 3 : l->hold_s == 4 ? 2 : 0;
}

static void schedule_hold_count(Session *s)
{
    int from = hold_countdown_from(current_level(s));
    int k = from - s->ticks_done;
    s->next_tick_ms = k >= 1 ? s->deadline_ms - (int64_t)k * 1000 : -1;
}

static void start_hold(Session *s, int64_t at)
{
    const Level *l = current_level(s);
    Prompt p;
    prompt_hold(&p, l->hold_s);
    plan_say_at(s, at, &p);
    int64_t end = at + level_hold_ms(l);
    int from = hold_countdown_from(l);
    /* A coaching point fits between "hold for" and the countdown, if at all. */
    plan_coaching(s, at, end - (int64_t)from * 1000, false);
    enter_phase(s, PHASE_HOLD, at, level_hold_ms(l));
    schedule_hold_count(s);
}

static void start_relax(Session *s, int64_t at)
{
    const Level *l = current_level(s);
    Prompt p;
    /* Alternating levels count pairs, after the right-side move; the left
     * move's return keeps the core braced instead of letting go. */
    if (l->sides == SIDES_ALTERNATING && s->side != SIDE_RIGHT)
        prompt_return(&p, l);
    else
        prompt_rep(&p, s->rep + 1, level_reps(l));
    plan_say_at(s, at, &p);
    plan_coaching(s, at, at + clamp_nonneg(l->relax_ms), true);
    s->moves_since_cue++;
    enter_phase(s, PHASE_RELAX, at, clamp_nonneg(l->relax_ms));
}

static void start_wait(Session *s, int64_t at)
{
    enter_phase(s, PHASE_WAIT_CONFIRM, at, -1);
    if (s->config.reminder_ms > 0)
        s->next_reminder_ms = at + s->config.reminder_ms;
}

static void start_switch_side(Session *s, int64_t at)
{
    bool pad = session_sensed(s);
    s->rep = 0;
    set_side(s, SIDE_RIGHT, at);
    emit_beep(s, BEEP_SIDE_SWITCH, at);
    Prompt p;
    prompt_fixed(&p, pad ? PROMPT_SWITCH_SIDES_PAD : PROMPT_SWITCH_SIDES);
    plan_say_at(s, at, &p);
    enter_phase(s, PHASE_SWITCH_SIDE, at,
                clamp_nonneg(s->config.switch_side_ms) + (pad ? PAD_SWITCH_EXTRA_MS : 0));
}

/* "N seconds left" at that many seconds before the end, when it fits. */
static void plan_seconds_left(Session *s, int64_t end, int seconds)
{
    Prompt p;
    prompt_seconds_left(&p, seconds);
    int64_t at = end - (int64_t)seconds * 1000;
    if (words_free_at(s) <= at && at + say_length(s, &p) + gap_ms(s) <= end)
        plan_say_at(s, at, &p);
}

static void start_set_rest(Session *s, int64_t at)
{
    const Level *l = current_level(s);
    emit_beep(s, BEEP_SET_DONE, at);
    if (level_rest_ms(l) == 0) {
        start_get_ready(s, at, true);
        return;
    }
    Prompt p;
    prompt_rest(&p, l->rest_s);
    plan_say_at(s, at, &p);
    int64_t end = max64(at + level_rest_ms(l), s->talk_until_ms + gap_ms(s));
    if (end - at >= 20000)
        plan_seconds_left(s, end, 10);
    plan_seconds_left(s, end, 5);
    enter_phase(s, PHASE_REST, at, end - at);
}

/* The rest before the next exercise says what comes and how to get into
 * position, ending the settle time before the rest does; the rest grows if
 * the words need it. */
static int64_t plan_preview(Session *s, int64_t rest_end)
{
    const PlanItem *next = &s->plan->items[s->exercise + 1];
    Prompt name, setup;
    prompt_next(&name, next->track);
    prompt_setup(&setup, next->level);
    int gap = gap_ms(s);
    int64_t settle = clamp_nonneg(next->level->settle_ms);
    int64_t preview = say_length(s, &name) + gap + say_length(s, &setup);
    int64_t end = max64(rest_end, words_free_at(s) + preview + gap + settle);
    plan_say_at(s, end - settle - gap - preview, &name);
    plan_say_at(s, s->talk_until_ms, &setup);
    s->preview_said = true;
    plan_seconds_left(s, end, 5);
    return end;
}

static void start_exercise_rest(Session *s, int64_t at)
{
    const Level *l = current_level(s);
    Prompt rest;
    prompt_rest(&rest, l->rest_s);
    plan_say_at(s, at, &rest);
    int64_t end = plan_preview(s, at + level_rest_ms(l));
    enter_phase(s, PHASE_REST, at, end - at);
}

/* After an exercise: its rest, or the next exercise, or the summary. */
static void go_on_after_exercise(Session *s, int64_t at)
{
    const Level *l = current_level(s);
    if (s->exercise + 1 < s->plan->count && level_rest_ms(l) > 0)
        start_exercise_rest(s, at);
    else
        start_next_or_summary(s, at);
}

/* The exercise's result is final: the shells record it. */
static void after_exercise(Session *s, int64_t at)
{
    emit_kind(s, CUE_EXERCISE_DONE, at);
    go_on_after_exercise(s, at);
}

/* The exercise ran to its last rep: asked how it felt (the result is
 * final with the answer), or straight on when the shell does not ask. */
static void finish_exercise(Session *s, int64_t at)
{
    ExerciseResult *r = &s->results[s->exercise];
    r->finished = true;
    r->ended_ms = at;
    if (!s->config.ask_rating) {
        emit_kind(s, CUE_EXERCISE_DONE, at);
        emit_beep(s, BEEP_EXERCISE_DONE, at);
        go_on_after_exercise(s, at);
        return;
    }
    emit_beep(s, BEEP_EXERCISE_DONE, at);
    Prompt p;
    prompt_fixed(&p, PROMPT_RATE_ASK);
    int64_t words_end = plan_say_at(s, at, &p);
    /* The answer waits rate_wait_ms after the question has been said. */
    enter_phase(s, PHASE_RATE, at,
                max64(words_end - at, 0) + clamp_nonneg(s->config.rate_wait_ms));
}

/* The answer (or the default): said back when the person gave it. */
static void rate_exercise(Session *s, int64_t at, Rating rating, bool by_default)
{
    ExerciseResult *r = &s->results[s->exercise];
    r->rating = rating;
    r->rating_default = by_default;
    if (!by_default) {
        hush(s, at);
        /* Said back, but not before the summary: its words come at once
         * (a press in the summary may end it before later words). */
        bool summary_next = s->exercise + 1 >= s->plan->count;
        if (rating != RATING_NONE && !summary_next) {
            static const PromptFixed said_back[RATING_COUNT] = {
                [RATING_TOO_EASY] = PROMPT_RATED_TOO_EASY,
                [RATING_JUST_RIGHT] = PROMPT_RATED_JUST_RIGHT,
                [RATING_TOO_HARD] = PROMPT_RATED_TOO_HARD};
            Prompt p;
            prompt_fixed(&p, said_back[rating]);
            plan_say_at(s, at, &p);
        }
    }
    after_exercise(s, at);
}

static void count_rep(Session *s, int64_t at)
{
    const Level *l = current_level(s);
    ExerciseResult *r = &s->results[s->exercise];
    int reps = level_reps(l);
    if (l->sides == SIDES_NONE) {
        r->reps_done++;
    } else {
        if (s->side == SIDE_RIGHT)
            r->reps_right++;
        else
            r->reps_left++;
        r->reps_done = r->reps_left < r->reps_right ? r->reps_left : r->reps_right;
    }
    emit_kind(s, CUE_REP, at);
    s->rep_slips = 0;

    bool set_goes_on;
    if (l->sides == SIDES_ALTERNATING)
        set_goes_on = s->moves_in_set + 1 < 2 * reps;
    else
        set_goes_on = s->rep + 1 < reps;
    if (set_goes_on) {
        /* Bigger moments (side switch, set or exercise done) have their own
         * beep; two beeps at once would blur. */
        emit_beep(s, BEEP_REP_DONE, at);
        if (l->sides == SIDES_ALTERNATING) {
            s->moves_in_set++;
            s->rep = s->moves_in_set / 2;
            set_side(s, s->side == SIDE_LEFT ? SIDE_RIGHT : SIDE_LEFT, at);
        } else {
            s->rep++;
        }
        start_move(s, at);
        return;
    }
    if (l->sides == SIDES_EACH_SIDE && s->side == SIDE_LEFT) {
        start_switch_side(s, at);
        return;
    }
    if (s->set + 1 < level_sets(l)) {
        s->set++;
        s->rep = 0;
        s->moves_in_set = 0;
        start_set_rest(s, at);
        return;
    }
    finish_exercise(s, at);
}

static void end_rep_timing(Session *s, int64_t at)
{
    if (s->redo_rep) {
        /* The hold slipped: the same rep once more, nothing counted. */
        s->redo_rep = false;
        s->confirm_latched = false;
        start_move(s, at);
    } else if (s->config.mode == MODE_TEMPO) {
        count_rep(s, at);
    } else if (s->confirm_latched) {
        s->confirm_latched = false;
        count_rep(s, at);
    } else {
        start_wait(s, at);
    }
}

static void start_summary(Session *s, int64_t at)
{
    s->ended_ms = at;
    s->side = SIDE_NONE;
    s->confirm_latched = false;
    SessionTotals t = session_totals(s);
    Prompt p;
    if (t.exercises_done == 0 && t.reps == 0) {
        prompt_fixed(&p, PROMPT_SUMMARY_NOTHING);
    } else {
        int64_t minutes = (t.elapsed_ms + 30000) / 60000;
        prompt_summary_done(&p, t.exercises_done, t.reps, (int)minutes);
    }
    plan_say_at(s, at, &p);
    if (t.pain_stops > 0) {
        /* Names the stopped exercises, so the user knows what will change. */
        const Track *stopped[PLAN_MAX_ITEMS];
        int n = 0;
        for (int i = 0; i < s->plan->count; i++)
            if (s->results[i].pain)
                stopped[n++] = s->plan->items[i].track;
        prompt_summary_pain(&p, stopped, n);
        plan_say_at(s, at, &p);
    }
    enter_phase(s, PHASE_SUMMARY, at, clamp_nonneg(s->config.summary_ms));
}

static void finish_session(Session *s, int64_t at)
{
    hush(s, at);
    s->phase = PHASE_DONE;
    s->phase_start_ms = at;
    s->deadline_ms = -1;
    s->next_tick_ms = -1;
    s->next_reminder_ms = -1;
    emit_kind(s, CUE_PHASE, at);
    emit_kind(s, CUE_SESSION_DONE, at);
}

/* -------------------------------------------------------------- timeline */

static void on_deadline(Session *s, int64_t at)
{
    const Level *l;
    switch (s->phase) {
    case PHASE_INTRO:
        start_get_ready(s, at, true);
        break;
    case PHASE_GET_READY:
        emit_beep(s, BEEP_GO, at);
        start_move(s, at);
        break;
    case PHASE_MOVE:
        l = current_level(s);
        if (l->hold_s > 0)
            start_hold(s, at);
        else
            start_relax(s, at);
        break;
    case PHASE_HOLD:
        emit_beep(s, BEEP_HOLD_END, at);
        start_relax(s, at);
        break;
    case PHASE_RELAX:
        end_rep_timing(s, at);
        break;
    case PHASE_SWITCH_SIDE:
        start_get_ready(s, at, false);
        break;
    case PHASE_REST:
        if (s->results[s->exercise].finished) {
            bool told = s->preview_said;
            s->preview_said = false;
            s->setup_told = told;
            start_next_or_summary(s, at);
        } else {
            start_get_ready(s, at, true);
        }
        break;
    case PHASE_RATE:
        rate_exercise(s, at, RATING_JUST_RIGHT, true);
        break;
    case PHASE_SUMMARY:
        finish_session(s, at);
        break;
    default:
        /* Waiting phases have no deadline; nothing else should get here. */
        s->deadline_ms = -1;
        break;
    }
}

static void on_tick(Session *s, int64_t at)
{
    if (s->phase == PHASE_GET_READY) {
        emit_beep(s, BEEP_COUNTDOWN, at);
        s->ticks_done++;
        schedule_countdown(s);
    } else if (s->phase == PHASE_HOLD) {
        int n = hold_countdown_from(current_level(s)) - s->ticks_done;
        s->ticks_done++;
        schedule_hold_count(s);
        Prompt p;
        prompt_countdown(&p, n);
        /* A number said late would run into the next one or the beep. */
        int64_t next = s->next_tick_ms >= 0 ? s->next_tick_ms : s->deadline_ms;
        if (words_free_at(s) <= at && say_fits(s, at, &p, next))
            plan_say_at(s, at, &p);
        else
            drop_say(s, at, &p, "words still going at its second");
    } else {
        s->next_tick_ms = -1;
    }
}

/* Waiting for a press, or for the pad's peak in a sensed move. */
static bool waiting_with_reminders(const Session *s)
{
    return s->phase == PHASE_WAIT_CONFIRM || (s->phase == PHASE_MOVE && s->deadline_ms < 0);
}

static void on_reminder(Session *s, int64_t at)
{
    emit_beep(s, BEEP_REMINDER, at);
    Prompt p;
    prompt_fixed(&p, s->phase == PHASE_MOVE ? PROMPT_MOTION_REMINDER : PROMPT_REMINDER);
    plan_say_at(s, at, &p);
    s->reminders_given++;
    if (s->config.reminder_repeat_ms > 0)
        s->next_reminder_ms = at + s->config.reminder_repeat_ms;
    else
        s->next_reminder_ms = -1;
}

int64_t session_next_event_ms(const Session *s)
{
    if (s->paused || s->phase == PHASE_IDLE || s->phase == PHASE_DONE)
        return -1;
    int64_t t = s->deadline_ms;
    if (s->later_count > 0 && (t < 0 || s->later[0].at_ms < t))
        t = s->later[0].at_ms;
    if (s->next_tick_ms >= 0 && (t < 0 || s->next_tick_ms < t))
        t = s->next_tick_ms;
    if (waiting_with_reminders(s) && s->next_reminder_ms >= 0 &&
        (t < 0 || s->next_reminder_ms < t))
        t = s->next_reminder_ms;
    return t;
}

/* Says the first prompt waiting in `later`. */
static void say_next_later(Session *s)
{
    int64_t at = s->later[0].at_ms;
    int ms = s->later[0].duration_ms;
    Prompt p = s->later[0].prompt;
    s->later_count--;
    memmove(&s->later[0], &s->later[1], (size_t)s->later_count * sizeof s->later[0]);
    emit_say(s, at, &p, ms);
}

/* Fires every event due by now in time order; each transition starts at
 * the previous deadline, so lateness never shifts the timeline. */
static void advance_to(Session *s, int64_t now)
{
    for (;;) {
        int64_t t = session_next_event_ms(s);
        if (t < 0 || t > now)
            return;
        /* Ties: words first, then events inside a phase, then its end. */
        if (s->later_count > 0 && s->later[0].at_ms == t)
            say_next_later(s);
        else if (s->next_tick_ms == t)
            on_tick(s, t);
        else if (waiting_with_reminders(s) && s->next_reminder_ms == t)
            on_reminder(s, t);
        else
            on_deadline(s, t);
    }
}

/* --------------------------------------------------------------- actions */

static void leave_pause(Session *s, int64_t at)
{
    if (!s->paused)
        return;
    s->paused = false;
    emit_kind(s, CUE_RESUMED, at);
}

/* After a pause or a shell's words, the words that tell how to get into
 * position are said again whole, since the break may have cut them. */
static void replan_after_break(Session *s, int64_t at)
{
    if (s->phase == PHASE_INTRO) {
        s->later_count = 0;
        plan_intro(s, at);
    } else if (s->phase == PHASE_REST && has_exercise(s) && s->results[s->exercise].finished &&
               s->exercise + 1 < s->plan->count) {
        s->later_count = 0;
        s->deadline_ms = plan_preview(s, s->deadline_ms);
    }
}

static void pause_at(Session *s, int64_t paused_at, int64_t at, PromptFixed words)
{
    hush_words(s, at, true);
    s->paused = true;
    s->paused_at_ms = paused_at;
    emit_kind(s, CUE_PAUSED, at);
    Prompt p;
    prompt_fixed(&p, words);
    /* Said at once: the timeline is frozen, so nothing else is due. */
    int ms = say_length(s, &p);
    emit_say(s, at, &p, ms);
    s->talk_until_ms = at + ms;
}

static void resume(Session *s, int64_t at)
{
    hush(s, at);
    s->paused = false;
    emit_kind(s, CUE_RESUMED, at);
    Prompt p;
    prompt_fixed(&p, PROMPT_RESUMED);
    int ms = say_length(s, &p);
    emit_say(s, at, &p, ms);
    /* The timeline goes on once "let's carry on" is said. */
    int64_t go_on = at + ms + gap_ms(s);
    shift_timeline(s, go_on - s->paused_at_ms);
    s->talk_until_ms = at + ms;
    replan_after_break(s, go_on);
}

static void toggle_pause(Session *s, int64_t at)
{
    if (!s->paused)
        pause_at(s, at, at, PROMPT_PAUSED);
    else
        resume(s, at);
}

static void pain_stop(Session *s, int64_t at)
{
    leave_pause(s, at);
    hush(s, at);
    s->confirm_latched = false;
    s->setup_told = false;
    s->preview_said = false;
    /* Pain right after the last rep, while asked how it felt, belongs to
     * that exercise too: it is recorded as stopped for pain. */
    bool rating = s->phase == PHASE_RATE;
    bool stopped = exercise_active(s) || rating;
    bool easier = false;
    if (stopped) {
        ExerciseResult *r = &s->results[s->exercise];
        r->pain = true;
        r->finished = true;
        if (!rating)
            r->ended_ms = at;
        easier = current_item(s)->level_index > 0;
        /* Recorded at once (a crash at the check loses nothing); how bad
         * it was follows with CUE_PAIN_REPORT when the check is answered. */
        emit_kind(s, CUE_PAIN_STOP, at);
        emit_kind(s, CUE_EXERCISE_DONE, at);
    } else if (s->phase == PHASE_REST && has_exercise(s) && s->results[s->exercise].finished &&
               !s->results[s->exercise].pain) {
        /* Pain in the rest after a done exercise: recorded against it. */
        s->results[s->exercise].pain_after = true;
    }
    bool last = s->exercise + 1 >= s->plan->count;
    Prompt p;
    prompt_pain(&p, stopped, easier, last);
    plan_say_at(s, at, &p);
    enter_phase(s, PHASE_PAIN_CHECK, at, -1);
}

/* The pain check is left: how bad it was (for a stop, recorded already)
 * or the rest's pain report is final now. */
static void pain_check_answered(Session *s, int64_t at)
{
    if (!has_exercise(s))
        return;
    const ExerciseResult *r = &s->results[s->exercise];
    if ((r->pain && r->pain_rated) || r->pain_after)
        emit_kind(s, CUE_PAIN_REPORT, at);
}

bool session_rate_pain(Session *s, int64_t now_ms, int score, PainPlace place)
{
    if (s->phase != PHASE_PAIN_CHECK || !has_exercise(s) || score < 0 || score > 10 ||
        (unsigned)place >= PAIN_PLACE_COUNT)
        return false;
    ExerciseResult *r = &s->results[s->exercise];
    if (!r->pain && !r->pain_after)
        return false; /* pain before any exercise began: nothing to attach it to */
    advance_to(s, now_ms);
    int64_t at = s->now_ms;
    r->pain_rated = true;
    r->pain_score = score;
    r->pain_place = place;
    hush(s, at);
    Prompt p;
    /* The advice is said on the very stop that brings it, while the person
     * still chooses between going on and stopping. */
    bool advise = s->config.advice_score_at > 0 && score >= s->config.advice_score_at;
    prompt_pain_score(&p, score, pain_place_name(place), advise);
    plan_say_at(s, at, &p);
    return true;
}

static void skip_exercise(Session *s, int64_t at)
{
    leave_pause(s, at);
    if (s->phase == PHASE_RATE) {
        /* The exercise is done: skipping now skips only the question. */
        rate_exercise(s, at, RATING_NONE, false);
        return;
    }
    hush(s, at);
    s->confirm_latched = false;
    s->setup_told = false;
    s->preview_said = false;
    if (exercise_active(s)) {
        ExerciseResult *r = &s->results[s->exercise];
        r->skipped = true;
        r->finished = true;
        r->ended_ms = at;
        emit_kind(s, CUE_EXERCISE_DONE, at);
    }
    start_next_or_summary(s, at);
}

static void end_session(Session *s, int64_t at)
{
    leave_pause(s, at);
    hush(s, at);
    if (s->phase == PHASE_PAIN_CHECK) {
        pain_check_answered(s, at);
        if (s->exercise + 1 < s->plan->count)
            s->ended_early = true;
        start_summary(s, at);
        return;
    }
    if (s->phase == PHASE_SUMMARY) {
        finish_session(s, at);
        return;
    }
    if (s->phase == PHASE_RATE) {
        /* Done in full, the question unanswered: the result stands. */
        emit_kind(s, CUE_EXERCISE_DONE, at);
        if (s->exercise + 1 < s->plan->count)
            s->ended_early = true;
    } else if (exercise_active(s)) {
        ExerciseResult *r = &s->results[s->exercise];
        if (s->phase == PHASE_INTRO && r->reps_left + r->reps_right + r->reps_done == 0) {
            /* Only the setup was heard: nothing to record. */
            memset(r, 0, sizeof *r);
        } else {
            r->finished = true;
            r->ended_ms = at;
            emit_kind(s, CUE_EXERCISE_DONE, at);
        }
        s->ended_early = true;
    } else if (s->exercise + 1 < s->plan->count) {
        s->ended_early = true;
    }
    start_summary(s, at);
}

static void apply_action(Session *s, Action a, int64_t at)
{
    if (s->phase == PHASE_IDLE || s->phase == PHASE_DONE)
        return;
    if (s->paused) {
        switch (a) {
        case ACTION_PAUSE: case ACTION_CONFIRM: resume(s, at); break;
        case ACTION_BACK: case ACTION_END: end_session(s, at); break;
        case ACTION_SKIP:
            if (s->phase == PHASE_SUMMARY) end_session(s, at);
            else skip_exercise(s, at);
            break;
        case ACTION_PAIN:
            if (s->phase != PHASE_SUMMARY) pain_stop(s, at);
            break;
        default: break;
        }
        return;
    }
    switch (s->phase) {
    case PHASE_RATE:
        switch (a) {
        case ACTION_TOO_EASY: rate_exercise(s, at, RATING_TOO_EASY, false); return;
        case ACTION_CONFIRM:
        case ACTION_JUST_RIGHT: rate_exercise(s, at, RATING_JUST_RIGHT, false); return;
        case ACTION_TOO_HARD: rate_exercise(s, at, RATING_TOO_HARD, false); return;
        case ACTION_SKIP: rate_exercise(s, at, RATING_NONE, false); return;
        default: break; /* pause, pain and end as anywhere */
        }
        break;
    case PHASE_PAIN_CHECK:
        if (a == ACTION_CONFIRM || a == ACTION_SKIP) {
            hush(s, at);
            pain_check_answered(s, at);
            start_next_or_summary(s, at);
        } else if (a == ACTION_BACK || a == ACTION_END) {
            hush(s, at);
            pain_check_answered(s, at);
            if (s->exercise + 1 < s->plan->count)
                s->ended_early = true;
            start_summary(s, at);
        }
        return;
    case PHASE_SUMMARY:
        /* A press meant for the last rep must not cut the totals short. */
        if (a == ACTION_PAUSE)
            toggle_pause(s, at);
        else if (((a == ACTION_CONFIRM || a == ACTION_SKIP) &&
                  at - s->phase_start_ms >= SUMMARY_PRESS_GUARD_MS) ||
                 a == ACTION_BACK || a == ACTION_END)
            finish_session(s, at);
        return;
    default:
        break;
    }
    switch (a) {
    case ACTION_CONFIRM:
        if (s->phase == PHASE_INTRO) {
            /* The person knows the setup: go.  The pain button is still
             * named first, if its turn had not come. */
            bool safety_due = false;
            for (int i = 0; i < s->later_count; i++)
                safety_due |= strcmp(s->later[i].prompt.key, "safety_reminder") == 0;
            hush(s, at);
            if (safety_due) {
                Prompt p;
                prompt_fixed(&p, PROMPT_SAFETY);
                plan_say_at(s, at, &p);
            }
            start_get_ready(s, at, true);
        } else if (s->phase == PHASE_WAIT_CONFIRM) {
            hush(s, at); /* a reminder is moot once the rep is confirmed */
            count_rep(s, at);
        } else if (s->phase == PHASE_MOVE && s->deadline_ms < 0) {
            reach_peak(s, at); /* the pad missed it: the press stands in */
        } else if (s->config.mode == MODE_CONFIRM &&
                   (s->phase == PHASE_MOVE || s->phase == PHASE_HOLD ||
                    s->phase == PHASE_RELAX)) {
            s->confirm_latched = true;
        }
        break;
    case ACTION_PAUSE: toggle_pause(s, at); break;
    case ACTION_PAIN: pain_stop(s, at); break;
    case ACTION_SKIP: skip_exercise(s, at); break;
    case ACTION_END: end_session(s, at); break;
    default: break; /* BACK outside a pause or pain check: the shell's business */
    }
}

/* ------------------------------------------------------------------- api */

void session_init(Session *s, const Plan *plan, SessionConfig config,
                  CueSink sink, void *sink_ctx)
{
    memset(s, 0, sizeof *s);
    s->plan = plan;
    s->config = config;
    s->sink = sink;
    s->sink_ctx = sink_ctx;
    s->phase = PHASE_IDLE;
    s->deadline_ms = -1;
    s->next_tick_ms = -1;
    s->next_reminder_ms = -1;
    s->talk_until_ms = -1;
    s->beep_until_ms = -1;
}

void session_set_sink(Session *s, CueSink sink, void *sink_ctx)
{
    s->sink = sink;
    s->sink_ctx = sink_ctx;
}

void session_start(Session *s, int64_t now_ms)
{
    s->now_ms = now_ms;
    s->started_ms = now_ms;
    s->ended_ms = 0;
    s->ended_early = false;
    s->paused = false;
    s->talk_until_ms = -1;
    s->beep_until_ms = -1;
    s->later_count = 0;
    s->setup_told = false;
    s->preview_said = false;
    memset(s->results, 0, sizeof s->results);
    s->exercise = -1;
    if (s->plan && s->plan->count > 0)
        start_exercise(s, 0, now_ms);
    else
        start_summary(s, now_ms);
    advance_to(s, now_ms);
}

void session_step(Session *s, int64_t now_ms, Action action)
{
    if (s->phase == PHASE_IDLE)
        return;
    if (now_ms < s->now_ms)
        now_ms = s->now_ms;
    /* A stall or a suspend: what was due in the gap did not happen for the
     * person, so the session pauses where it stood instead of racing on. */
    if (s->config.stall_pause_ms > 0 && !s->paused &&
        now_ms - s->now_ms > s->config.stall_pause_ms && session_next_event_ms(s) >= 0 &&
        s->phase != PHASE_SUMMARY) {
        pause_at(s, s->now_ms, now_ms, PROMPT_PAUSED_STALL);
        s->now_ms = now_ms;
        if (action == ACTION_PAIN || action == ACTION_END || action == ACTION_BACK)
            apply_action(s, action, now_ms);
        advance_to(s, now_ms);
        return;
    }
    advance_to(s, now_ms);
    s->now_ms = now_ms;
    if (action != ACTION_NONE && action < ACTION_COUNT) {
        apply_action(s, action, now_ms);
        /* What the action started may be due at once (a countdown beep). */
        advance_to(s, now_ms);
    }
}

void session_make_room(Session *s, int64_t now_ms, int64_t ms, bool cut)
{
    if (s->phase == PHASE_IDLE || session_done(s) || ms <= 0)
        return;
    if (now_ms < s->now_ms)
        now_ms = s->now_ms;
    advance_to(s, now_ms);
    s->now_ms = now_ms;
    /* Cut: the person asked (help), so the words being said give way.
     * Otherwise the shell's words follow them. */
    int64_t start = now_ms;
    if (cut)
        hush_words(s, now_ms, true);
    else if (s->talk_until_ms > now_ms)
        start = s->talk_until_ms + gap_ms(s);
    int64_t end = start + ms;
    if (s->paused) {
        s->talk_until_ms = end;
        return;
    }
    /* Everything still to come, planned words too, follows the shell's. */
    shift_timeline(s, end + gap_ms(s) - now_ms);
    s->talk_until_ms = end;
    if (cut)
        replan_after_break(s, end + gap_ms(s));
}

/* --------------------------------------------------------------- motion */

bool session_sensed(const Session *s)
{
    return has_exercise(s) && level_sensed(s, current_level(s));
}

/* The top of a sensed move (or a press in its place): the rep counts when
 * its relax ends, as a press during the rep would; the hold starts now. */
static void reach_peak(Session *s, int64_t at)
{
    if (s->reminders_given > 0)
        hush(s, at); /* a reminder is moot once the move is made */
    s->confirm_latched = true;
    if (current_level(s)->hold_s > 0)
        start_hold(s, at);
    else
        start_relax(s, at);
}

/* A sensed hold slipped before its end: said kindly, and the rep is done
 * again after the relax; a second slip lets it go (counted) rather than
 * asking for more. */
static void break_hold(Session *s, int64_t at)
{
    const Level *l = current_level(s);
    hush(s, at);
    s->results[s->exercise].holds_broken++;
    s->rep_slips++;
    bool again = s->rep_slips <= HOLD_RETRIES;
    s->redo_rep = again;
    s->confirm_latched = !again;
    Prompt p;
    prompt_fixed(&p, again ? PROMPT_HOLD_BROKEN : PROMPT_HOLD_LET_GO);
    plan_say_at(s, at, &p);
    enter_phase(s, PHASE_RELAX, at, clamp_nonneg(l->relax_ms));
}

void session_set_motion(Session *s, bool on)
{
    s->config.motion = on;
}

/* Heard with eyes closed too: the rep cannot count until the pad has its
 * start position.  Once a get-ready, and never over a beep: in the
 * countdown only when it ends before the next beep (else the next movement
 * asks), in a sensed move before the reminder, which waits for it. */
static void say_lie_still(Session *s, int64_t at)
{
    bool sensed_move = s->phase == PHASE_MOVE && s->deadline_ms < 0;
    if (s->lie_still_said || (s->phase != PHASE_GET_READY && !sensed_move))
        return;
    Prompt p;
    prompt_fixed(&p, PROMPT_MOTION_LIE_STILL);
    if (s->phase == PHASE_GET_READY) {
        int64_t next_beep = s->next_tick_ms >= 0 ? s->next_tick_ms : s->deadline_ms;
        if (!say_fits(s, at, &p, next_beep))
            return;
    }
    int64_t end = plan_say_at(s, at, &p);
    if (sensed_move && s->next_reminder_ms >= 0)
        s->next_reminder_ms = max64(s->next_reminder_ms, end + gap_ms(s));
    s->lie_still_said = true;
}

void session_motion(Session *s, int64_t now_ms, MotionEventKind kind)
{
    if (s->phase == PHASE_IDLE || session_done(s))
        return;
    if (now_ms < s->now_ms)
        now_ms = s->now_ms;
    advance_to(s, now_ms);
    s->now_ms = now_ms;
    if (s->paused || !session_sensed(s))
        return;
    switch (kind) {
    case MOTION_EVENT_PEAK:
        if (s->phase == PHASE_MOVE && s->deadline_ms < 0)
            reach_peak(s, now_ms);
        else if (s->phase == PHASE_GET_READY || s->phase == PHASE_RELAX)
            s->early_peak = true; /* up before "go": the next move is made */
        break;
    case MOTION_EVENT_HOLD_BROKEN:
        if (s->phase == PHASE_HOLD)
            break_hold(s, now_ms);
        else
            s->early_peak = false;
        break;
    case MOTION_EVENT_RETURN:
        s->early_peak = false;
        break;
    case MOTION_EVENT_MOVED_IN_CALIBRATION:
        say_lie_still(s, now_ms);
        break;
    default:
        break;
    }
    advance_to(s, now_ms);
}

bool session_done(const Session *s)
{
    return s->phase == PHASE_DONE;
}

/* A demonstrated move: its parts in the level's own proportions (a long
 * hold is shown short), slowed so it can be followed while listening. */
enum { DEMO_HOLD_MAX_MS = 1500 };
#define DEMO_SLOWER 1.5

static double smooth01(double t)
{
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    return t * t * (3 - 2 * t);
}

bool session_demo_at(const Session *s, int64_t now_ms, float *t, Side *side)
{
    *t = 0.0f;
    *side = s->side;
    if (s->phase != PHASE_INTRO || s->deadline_ms < 0)
        return false;
    const Level *l = current_level(s);
    int64_t now = s->paused ? s->paused_at_ms : now_ms;
    int moves = l->sides == SIDES_ALTERNATING ? 2 : 1;
    double rise = l->move_ms, fall = l->relax_ms;
    double hold = l->hold_s * 1000.0 < DEMO_HOLD_MAX_MS ? l->hold_s * 1000.0 : DEMO_HOLD_MAX_MS;
    double one = rise + hold + fall;
    if (one <= 0)
        return false;
    double length = (double)(s->demo_until_ms - s->demo_from_ms);
    if (length < one * DEMO_SLOWER * moves)
        length = one * DEMO_SLOWER * moves;
    double room = (double)(s->deadline_ms - s->demo_from_ms);
    if (length > room)
        length = room;
    double into = (double)(now - s->demo_from_ms);
    if (length <= 0 || into < 0 || into >= length)
        return false;
    double u = into / length * moves;
    int move = (int)u;
    if (move >= moves)
        move = moves - 1;
    double f = (u - move) * one; /* ms into this move, in the level's units */
    if (l->sides == SIDES_ALTERNATING)
        *side = move == 0 ? SIDE_LEFT : SIDE_RIGHT;
    if (f < rise)
        *t = (float)smooth01(f / rise);
    else if (f < rise + hold)
        *t = 1.0f;
    else
        *t = (float)(1.0 - smooth01((f - rise - hold) / (fall > 0 ? fall : 1)));
    return true;
}

float session_phase_progress(const Session *s, int64_t now_ms)
{
    if (s->deadline_ms < 0 || s->phase == PHASE_IDLE || s->phase == PHASE_DONE)
        return 0.0f;
    int64_t now = s->paused ? s->paused_at_ms : now_ms;
    int64_t length = s->deadline_ms - s->phase_start_ms;
    if (length <= 0)
        return 1.0f;
    int64_t into = now - s->phase_start_ms;
    if (into <= 0)
        return 0.0f;
    if (into >= length)
        return 1.0f;
    return (float)((double)into / (double)length);
}

int64_t session_phase_remaining(const Session *s, int64_t now_ms)
{
    if (s->deadline_ms < 0 || s->phase == PHASE_IDLE || s->phase == PHASE_DONE)
        return -1;
    int64_t now = s->paused ? s->paused_at_ms : now_ms;
    int64_t left = s->deadline_ms - now;
    return left < 0 ? 0 : left;
}

int64_t session_estimate_ms(const Session *s)
{
    Session c = *s;
    c.sink = NULL;
    c.sink_ctx = NULL;
    c.config.stall_pause_ms = 0; /* this copy jumps from event to event */
    if (c.phase == PHASE_IDLE)
        session_start(&c, 0);
    int64_t begin = c.now_ms;
    if (c.paused)
        session_step(&c, c.now_ms, ACTION_PAUSE);
    for (int i = 0; i < ESTIMATE_MAX_STEPS && !session_done(&c); i++) {
        if (c.phase == PHASE_WAIT_CONFIRM || c.phase == PHASE_PAIN_CHECK) {
            session_step(&c, c.now_ms, ACTION_CONFIRM);
            continue;
        }
        int64_t t = session_next_event_ms(&c);
        if (c.phase == PHASE_MOVE && c.deadline_ms < 0) {
            /* A sensed move: the peak comes at the level's tempo. */
            int64_t peak = max64(c.now_ms, c.phase_start_ms + clamp_nonneg(current_level(&c)->move_ms));
            if (t < 0 || t >= peak) {
                session_motion(&c, peak, MOTION_EVENT_PEAK);
                continue;
            }
        }
        if (t < 0)
            break;
        session_step(&c, t, ACTION_NONE);
    }
    return c.now_ms - begin;
}

SessionTotals session_totals(const Session *s)
{
    SessionTotals t;
    memset(&t, 0, sizeof t);
    int count = s->plan ? s->plan->count : 0;
    bool all_finished = count > 0;
    for (int i = 0; i < count; i++) {
        const ExerciseResult *r = &s->results[i];
        t.reps += r->reps_done;
        if (r->pain) t.pain_stops++;
        if (r->skipped) t.skipped++;
        if (r->finished && !r->skipped && !r->pain && r->reps_done > 0)
            t.exercises_done++;
        if (!r->finished)
            all_finished = false;
    }
    bool over = s->phase == PHASE_SUMMARY || s->phase == PHASE_DONE;
    int64_t end = over ? s->ended_ms : s->now_ms;
    t.elapsed_ms = s->phase == PHASE_IDLE ? 0 : end - s->started_ms;
    t.complete = all_finished && !s->ended_early;
    return t;
}
