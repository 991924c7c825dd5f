/* session.c: the guided-session state machine: intro, countdown, reps, holds,
 * sides, sets, rests, pause, pain stops and the summary, on an exact timeline. */
#include "session.h"

#include <stdio.h>
#include <string.h>

enum {
    INTRO_MIN_MS = 6000,
    INTRO_MAX_MS = 25000,
    COUNTDOWN_BEEPS = 3,
    /* A spoken count needs about this long before the next move starts;
     * with a shorter relax only every fifth rep and the last are said. */
    SPOKEN_COUNT_MIN_RELAX_MS = 1500,
    /* "Hold for five" is said first; a coaching cue may follow this much
     * later in a hold that is at least HOLD_CUE_MIN_MS long. */
    HOLD_PROMPT_MS = 1500,
    HOLD_CUE_MIN_MS = 3000,
    ESTIMATE_MAX_STEPS = 1000000
};

/* ---------------------------------------------------------------- names */

static const char *const phase_names[PHASE_COUNT] = {
    "", "SET UP", "GET READY", "MOVE", "HOLD", "RELAX", "REP DONE?",
    "SWITCH SIDES", "REST", "TAKE CARE", "SUMMARY", "DONE"};
static const char *const phase_ids[PHASE_COUNT] = {
    "idle", "intro", "get_ready", "move", "hold", "relax", "wait_confirm",
    "switch_side", "rest", "pain_check", "summary", "done"};
static const char *const action_names[ACTION_COUNT] = {
    "NONE", "CONFIRM", "BACK", "PAUSE", "PAIN", "SKIP", "END"};
static const char *const beep_names[BEEP_COUNT] = {
    "countdown", "go", "hold_end", "rep_done", "side_switch", "set_done",
    "exercise_done", "level_unlocked", "reminder"};
static const char *const cue_kind_names[CUE_COUNT] = {
    "say", "beep", "phase", "rep", "side", "paused", "resumed", "pain_stop",
    "exercise_done", "session_done"};

const char *phase_name(Phase p)
{
    return (unsigned)p < PHASE_COUNT ? phase_names[p] : "";
}

const char *phase_id(Phase p)
{
    return (unsigned)p < PHASE_COUNT ? phase_ids[p] : "unknown";
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

/* ----------------------------------------------------------------- text */

static const char *const small_numbers[20] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
    "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const tens_words[10] = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
    "eighty", "ninety"};

/* Numbers as words: captions then read the way the voice says them. */
static void number_words(int n, char *buf, size_t size)
{
    if (n < 0 || n >= 1000) {
        snprintf(buf, size, "%d", n);
    } else if (n < 20) {
        snprintf(buf, size, "%s", small_numbers[n]);
    } else if (n < 100) {
        if (n % 10)
            snprintf(buf, size, "%s-%s", tens_words[n / 10], small_numbers[n % 10]);
        else
            snprintf(buf, size, "%s", tens_words[n / 10]);
    } else {
        char rest[32];
        number_words(n % 100, rest, sizeof rest);
        if (n % 100)
            snprintf(buf, size, "%s hundred and %s", small_numbers[n / 100], rest);
        else
            snprintf(buf, size, "%s hundred", small_numbers[n / 100]);
    }
}

static void capitalize(char *text)
{
    if (text[0] >= 'a' && text[0] <= 'z')
        text[0] = (char)(text[0] - 'a' + 'A');
}

/* Appends src to dst; when it does not fit, only whole words go in, so a
 * long setup text is shortened without a word cut in half. */
static void text_append(char *dst, size_t size, const char *src)
{
    size_t len = strlen(dst);
    size_t n = strlen(src);
    if (len + n < size) {
        memcpy(dst + len, src, n + 1);
        return;
    }
    size_t room = size - 1 - len;
    while (room > 0 && src[room] != ' ')
        room--;
    memcpy(dst + len, src, room);
    dst[len + room] = '\0';
}

/* Ends the text with a full stop unless it already ends a sentence. */
static void end_sentence(char *text, size_t size)
{
    size_t len = strlen(text);
    while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\n' || text[len - 1] == '\t'))
        text[--len] = '\0';
    char last = len ? text[len - 1] : '.';
    if (last != '.' && last != '!' && last != '?')
        text_append(text, size, ".");
}

/* Appends a sentence, adding the full stop the data may have left out. */
static void text_sentence(char *dst, size_t size, const char *sentence)
{
    if (!sentence[0])
        return;
    if (dst[0])
        text_append(dst, size, " ");
    text_append(dst, size, sentence);
    end_sentence(dst, size);
}

static int count_words(const char *text)
{
    int words = 0;
    bool in_word = false;
    for (; *text; text++) {
        bool space = *text == ' ' || *text == '\n' || *text == '\t';
        if (!space && !in_word)
            words++;
        in_word = !space;
    }
    return words;
}

/* About 2.6 words a second, with room to get into position. */
static int64_t intro_duration_ms(const char *text)
{
    int64_t ms = ((int64_t)count_words(text) * 10000 + 25) / 26;
    if (ms < INTRO_MIN_MS) ms = INTRO_MIN_MS;
    if (ms > INTRO_MAX_MS) ms = INTRO_MAX_MS;
    return ms;
}

/* ------------------------------------------------------------- helpers */

SessionConfig session_config_default(void)
{
    SessionConfig c;
    c.mode = MODE_CONFIRM;
    c.get_ready_ms = 3000;
    c.switch_side_ms = 5000;
    c.reminder_ms = 10000;
    c.reminder_repeat_ms = 20000;
    c.summary_ms = 8000;
    c.pain_reminder = true;
    return c;
}

static int clamp_nonneg(int v) { return v < 0 ? 0 : v; }

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
}

static void emit_say(Session *s, int64_t at, const char *key, const char *text)
{
    Cue c = cue_make(s, CUE_SAY, at);
    snprintf(c.key, sizeof c.key, "%s", key);
    snprintf(c.text, sizeof c.text, "%s", text);
    emit(s, &c);
}

static void set_side(Session *s, Side side, int64_t at)
{
    if (s->side == side)
        return;
    s->side = side;
    if (side != SIDE_NONE)
        emit_kind(s, CUE_SIDE, at);
}

/* duration < 0: the phase waits for input. */
static void enter_phase(Session *s, Phase p, int64_t at, int64_t duration)
{
    s->phase = p;
    s->phase_start_ms = at;
    s->deadline_ms = duration < 0 ? -1 : at + duration;
    s->next_tick_ms = -1;
    s->ticks_done = 0;
    s->next_reminder_ms = -1;
    s->reminders_given = 0;
    emit_kind(s, CUE_PHASE, at);
}

/* Moves counted so far in this exercise, over all sets and sides. */
static int moves_done(const Session *s)
{
    const ExerciseResult *r = &s->results[s->exercise];
    if (current_level(s)->sides == SIDES_NONE)
        return r->reps_done;
    return r->reps_left + r->reps_right;
}

/* Coaching points go in turn at moves 2, 5, 8...: often enough to help,
 * rarely enough to leave room for counting and breathing. */
static int coaching_due(const Session *s)
{
    const Level *l = current_level(s);
    int n = moves_done(s) + 1;
    if (l->cue_count <= 0 || n < 2 || (n - 2) % 3 != 0)
        return -1;
    return ((n - 2) / 3) % l->cue_count;
}

static void say_coaching(Session *s, int index, int64_t at)
{
    const Level *l = current_level(s);
    char key[CUE_KEY_MAX];
    char text[CUE_TEXT_MAX] = "";
    snprintf(key, sizeof key, "cue_%s_%d", l->id, index + 1);
    text_sentence(text, sizeof text, l->cues[index]);
    emit_say(s, at, key, text);
}

static bool hold_has_cue_room(const Level *l)
{
    return level_hold_ms(l) >= HOLD_CUE_MIN_MS;
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

static void start_exercise(Session *s, int index, int64_t at)
{
    s->exercise = index;
    s->set = 0;
    s->rep = 0;
    s->moves_in_set = 0;
    s->confirm_latched = false;
    s->side = SIDE_NONE;
    const PlanItem *item = current_item(s);
    const Level *l = item->level;
    ExerciseResult *r = &s->results[index];
    memset(r, 0, sizeof *r);
    r->started = true;
    r->started_ms = at;
    r->reps_target = level_reps(l) * level_sets(l);

    char text[CUE_TEXT_MAX];
    char key[CUE_KEY_MAX];
    snprintf(text, sizeof text, "%s, level %d: ", item->track->title,
             item->level_index + 1);
    text_append(text, sizeof text, l->title);
    end_sentence(text, sizeof text);
    text_sentence(text, sizeof text, l->setup);
    bool safety = index == 0 && s->config.pain_reminder;
    if (safety)
        text_sentence(text, sizeof text,
                      "If anything hurts, stop right away and press the pain button.");
    snprintf(key, sizeof key, "intro_%s%s", l->id, safety ? "_safety" : "");

    enter_phase(s, PHASE_INTRO, at, intro_duration_ms(text));
    if (l->sides != SIDES_NONE)
        set_side(s, SIDE_LEFT, at);
    emit_say(s, at, key, text);
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

/* set_start: a new set begins (sided levels start again on the left). */
static void start_get_ready(Session *s, int64_t at, bool set_start)
{
    const Level *l = current_level(s);
    bool sided = l->sides != SIDES_NONE;
    if (set_start && sided)
        set_side(s, SIDE_LEFT, at);
    enter_phase(s, PHASE_GET_READY, at, clamp_nonneg(s->config.get_ready_ms));
    if (set_start && sided)
        emit_say(s, at, "get_ready_left_first", "Get ready. Left side first.");
    else
        emit_say(s, at, "get_ready", "Get ready.");
    schedule_countdown(s);
}

static void start_move(Session *s, int64_t at)
{
    const Level *l = current_level(s);
    enter_phase(s, PHASE_MOVE, at, clamp_nonneg(l->move_ms));
    /* With eyes closed, the pan alone does not say which limb moves. */
    if (l->sides == SIDES_ALTERNATING)
        emit_say(s, at, s->side == SIDE_RIGHT ? "side_right" : "side_left",
                 s->side == SIDE_RIGHT ? "Right." : "Left.");
    int cue = coaching_due(s);
    if (cue >= 0 && !hold_has_cue_room(l))
        say_coaching(s, cue, at);
}

static void start_hold(Session *s, int64_t at)
{
    const Level *l = current_level(s);
    char key[CUE_KEY_MAX], text[CUE_TEXT_MAX], n[32];
    enter_phase(s, PHASE_HOLD, at, level_hold_ms(l));
    number_words(l->hold_s, n, sizeof n);
    snprintf(key, sizeof key, "hold_%d", l->hold_s);
    snprintf(text, sizeof text, "Hold for %s.", n);
    emit_say(s, at, key, text);
    if (coaching_due(s) >= 0 && hold_has_cue_room(l))
        s->next_tick_ms = at + HOLD_PROMPT_MS;
}

/* Whether the count of the rep now ending is said. Alternating levels count
 * pairs: the count comes after the right-side move. */
static bool count_is_said(const Session *s)
{
    const Level *l = current_level(s);
    int reps = level_reps(l);
    if (l->sides == SIDES_ALTERNATING && s->side != SIDE_RIGHT)
        return false;
    int n = s->rep + 1;
    if (l->relax_ms >= SPOKEN_COUNT_MIN_RELAX_MS)
        return true;
    return n % 5 == 0 || n == reps;
}

static void start_relax(Session *s, int64_t at)
{
    const Level *l = current_level(s);
    enter_phase(s, PHASE_RELAX, at, clamp_nonneg(l->relax_ms));
    if (count_is_said(s)) {
        char key[CUE_KEY_MAX], text[CUE_TEXT_MAX], a[32], b[32];
        int reps = level_reps(l);
        number_words(s->rep + 1, a, sizeof a);
        number_words(reps, b, sizeof b);
        snprintf(key, sizeof key, "rep_%d_of_%d", s->rep + 1, reps);
        snprintf(text, sizeof text, "%s of %s.", a, b);
        capitalize(text);
        emit_say(s, at, key, text);
    } else if (l->hold_s > 0 || l->relax_ms >= SPOKEN_COUNT_MIN_RELAX_MS) {
        emit_say(s, at, "relax", "Relax.");
    }
}

static void start_wait(Session *s, int64_t at)
{
    enter_phase(s, PHASE_WAIT_CONFIRM, at, -1);
    if (s->config.reminder_ms > 0)
        s->next_reminder_ms = at + s->config.reminder_ms;
}

static void start_switch_side(Session *s, int64_t at)
{
    s->rep = 0;
    set_side(s, SIDE_RIGHT, at);
    enter_phase(s, PHASE_SWITCH_SIDE, at, clamp_nonneg(s->config.switch_side_ms));
    emit_beep(s, BEEP_SIDE_SWITCH, at);
    emit_say(s, at, "switch_sides", "Switch sides. Now the right side.");
}

static void say_rest(Session *s, int64_t at, const Track *next)
{
    const Level *l = current_level(s);
    char key[CUE_KEY_MAX], text[CUE_TEXT_MAX], n[32];
    number_words(l->rest_s, n, sizeof n);
    if (next) {
        snprintf(key, sizeof key, "rest_%d_next_%s", l->rest_s, next->id);
        snprintf(text, sizeof text, "Rest for %s second%s. Next: ", n, l->rest_s == 1 ? "" : "s");
        text_append(text, sizeof text, next->title);
        end_sentence(text, sizeof text);
    } else {
        snprintf(key, sizeof key, "rest_%d", l->rest_s);
        snprintf(text, sizeof text, "Rest for %s second%s.", n, l->rest_s == 1 ? "" : "s");
    }
    emit_say(s, at, key, text);
}

static void start_set_rest(Session *s, int64_t at)
{
    const Level *l = current_level(s);
    if (level_rest_ms(l) == 0) {
        emit_beep(s, BEEP_SET_DONE, at);
        start_get_ready(s, at, true);
        return;
    }
    enter_phase(s, PHASE_REST, at, level_rest_ms(l));
    emit_beep(s, BEEP_SET_DONE, at);
    say_rest(s, at, NULL);
}

/* The exercise ran to its last rep. */
static void finish_exercise(Session *s, int64_t at)
{
    ExerciseResult *r = &s->results[s->exercise];
    r->finished = true;
    r->ended_ms = at;
    emit_kind(s, CUE_EXERCISE_DONE, at);
    emit_beep(s, BEEP_EXERCISE_DONE, at);
    const Level *l = current_level(s);
    if (s->exercise + 1 < s->plan->count && level_rest_ms(l) > 0) {
        enter_phase(s, PHASE_REST, at, level_rest_ms(l));
        say_rest(s, at, s->plan->items[s->exercise + 1].track);
    } else {
        start_next_or_summary(s, at);
    }
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
    if (s->config.mode == MODE_TEMPO) {
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
    enter_phase(s, PHASE_SUMMARY, at, clamp_nonneg(s->config.summary_ms));

    SessionTotals t = session_totals(s);
    char text[CUE_TEXT_MAX] = "";
    char a[48], b[48], part[CUE_TEXT_MAX];
    if (t.exercises_done == 0 && t.reps == 0) {
        text_sentence(text, sizeof text,
                      "That's all for today. Every start counts, and you can come back whenever you like.");
    } else {
        number_words(t.exercises_done, a, sizeof a);
        number_words(t.reps, b, sizeof b);
        if (t.exercises_done == 0)
            snprintf(part, sizeof part, "Well done. You did %s rep%s", b, t.reps == 1 ? "" : "s");
        else
            snprintf(part, sizeof part, "Well done. You did %s exercise%s and %s rep%s",
                     a, t.exercises_done == 1 ? "" : "s", b, t.reps == 1 ? "" : "s");
        int64_t minutes = (t.elapsed_ms + 30000) / 60000;
        char m[48];
        if (minutes < 1) {
            text_append(part, sizeof part, " in under a minute.");
        } else {
            number_words((int)minutes, m, sizeof m);
            char tail[96];
            snprintf(tail, sizeof tail, " in about %s minute%s.", m, minutes == 1 ? "" : "s");
            text_append(part, sizeof part, tail);
        }
        text_sentence(text, sizeof text, part);
    }
    if (t.pain_stops > 0) {
        /* Names the stopped exercises, so the user knows what will change. */
        snprintf(part, sizeof part, "You stopped ");
        int named = 0;
        for (int i = 0; i < s->plan->count; i++) {
            if (!s->results[i].pain)
                continue;
            if (named > 0)
                text_append(part, sizeof part,
                            named == t.pain_stops - 1 ? " and " : ", ");
            text_append(part, sizeof part, s->plan->items[i].track->title);
            named++;
        }
        text_append(part, sizeof part,
                    t.pain_stops == 1 ? " when it hurt" : " when they hurt");
        text_append(part, sizeof part, ", and that was the right call.");
        text_sentence(text, sizeof text, part);
    }
    emit_say(s, at, "summary", text);
}

static void finish_session(Session *s, int64_t at)
{
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
        if (s->results[s->exercise].finished)
            start_next_or_summary(s, at);
        else
            start_get_ready(s, at, true);
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
        s->ticks_done++;
        s->next_tick_ms = -1;
        int cue = coaching_due(s);
        if (cue >= 0)
            say_coaching(s, cue, at);
    } else {
        s->next_tick_ms = -1;
    }
}

static void on_reminder(Session *s, int64_t at)
{
    emit_say(s, at, "reminder_confirm",
             "Take your time. Press confirm when the rep is done.");
    emit_beep(s, BEEP_REMINDER, at);
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
    if (s->next_tick_ms >= 0 && (t < 0 || s->next_tick_ms < t))
        t = s->next_tick_ms;
    if (s->phase == PHASE_WAIT_CONFIRM && s->next_reminder_ms >= 0 &&
        (t < 0 || s->next_reminder_ms < t))
        t = s->next_reminder_ms;
    return t;
}

/* Fires every event due by now in time order; each transition starts at
 * the previous deadline, so lateness never shifts the timeline. */
static void advance_to(Session *s, int64_t now)
{
    for (;;) {
        int64_t t = session_next_event_ms(s);
        if (t < 0 || t > now)
            return;
        /* Ties: events inside a phase come before the phase's end. */
        if (s->next_tick_ms == t)
            on_tick(s, t);
        else if (s->phase == PHASE_WAIT_CONFIRM && s->next_reminder_ms == t)
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

static void toggle_pause(Session *s, int64_t at)
{
    if (!s->paused) {
        s->paused = true;
        s->paused_at_ms = at;
        emit_kind(s, CUE_PAUSED, at);
        emit_say(s, at, "paused", "Paused. Take the time you need.");
        return;
    }
    int64_t shift = at - s->paused_at_ms;
    s->paused = false;
    s->phase_start_ms += shift;
    if (s->deadline_ms >= 0) s->deadline_ms += shift;
    if (s->next_tick_ms >= 0) s->next_tick_ms += shift;
    if (s->next_reminder_ms >= 0) s->next_reminder_ms += shift;
    emit_kind(s, CUE_RESUMED, at);
    emit_say(s, at, "resumed", "Let's carry on.");
}

static void pain_stop(Session *s, int64_t at)
{
    leave_pause(s, at);
    s->confirm_latched = false;
    bool stopped = exercise_active(s);
    bool easier = false;
    if (stopped) {
        ExerciseResult *r = &s->results[s->exercise];
        r->pain = true;
        r->finished = true;
        r->ended_ms = at;
        easier = current_item(s)->level_index > 0;
        emit_kind(s, CUE_PAIN_STOP, at);
        emit_kind(s, CUE_EXERCISE_DONE, at);
    }
    bool last = s->exercise + 1 >= s->plan->count;
    enter_phase(s, PHASE_PAIN_CHECK, at, -1);

    char text[CUE_TEXT_MAX] = "";
    char key[CUE_KEY_MAX];
    text_sentence(text, sizeof text,
                  "Thank you for listening to your body. Stopping was the right thing to do");
    if (stopped && easier)
        text_sentence(text, sizeof text,
                      "Next time the app will offer you an easier level of this exercise");
    else if (stopped)
        text_sentence(text, sizeof text,
                      "Next time, go gently, and if it keeps hurting, talk to your therapist");
    else
        text_sentence(text, sizeof text, "Take a moment and breathe");
    if (last)
        text_sentence(text, sizeof text, "Press confirm to finish for today");
    else
        text_sentence(text, sizeof text,
                      "When you are ready, press confirm for the next exercise, or back to finish for today");
    snprintf(key, sizeof key, "pain_%s_%s",
             !stopped ? "rest" : easier ? "stop_easier" : "stop_gentle",
             last ? "last" : "next");
    emit_say(s, at, key, text);
}

static void skip_exercise(Session *s, int64_t at)
{
    leave_pause(s, at);
    s->confirm_latched = false;
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
    if (s->phase == PHASE_SUMMARY) {
        finish_session(s, at);
        return;
    }
    if (exercise_active(s)) {
        ExerciseResult *r = &s->results[s->exercise];
        if (s->phase == PHASE_INTRO && moves_done(s) == 0) {
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
        case ACTION_PAUSE: toggle_pause(s, at); break;
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
    case PHASE_PAIN_CHECK:
        if (a == ACTION_CONFIRM || a == ACTION_SKIP) {
            start_next_or_summary(s, at);
        } else if (a == ACTION_BACK || a == ACTION_END) {
            if (s->exercise + 1 < s->plan->count)
                s->ended_early = true;
            start_summary(s, at);
        }
        return;
    case PHASE_SUMMARY:
        if (a == ACTION_PAUSE)
            toggle_pause(s, at);
        else if (a == ACTION_CONFIRM || a == ACTION_SKIP || a == ACTION_BACK ||
                 a == ACTION_END)
            finish_session(s, at);
        return;
    default:
        break;
    }
    switch (a) {
    case ACTION_CONFIRM:
        if (s->phase == PHASE_INTRO)
            start_get_ready(s, at, true);
        else if (s->phase == PHASE_WAIT_CONFIRM)
            count_rep(s, at);
        else if (s->config.mode == MODE_CONFIRM &&
                 (s->phase == PHASE_MOVE || s->phase == PHASE_HOLD ||
                  s->phase == PHASE_RELAX))
            s->confirm_latched = true;
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
    advance_to(s, now_ms);
    s->now_ms = now_ms;
    if (action != ACTION_NONE && action < ACTION_COUNT) {
        apply_action(s, action, now_ms);
        /* What the action started may be due at once (a countdown beep). */
        advance_to(s, now_ms);
    }
}

bool session_done(const Session *s)
{
    return s->phase == PHASE_DONE;
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
