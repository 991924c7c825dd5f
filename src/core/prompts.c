/* prompts.c: the words of a session, with a stable key for each text. */
#include "prompts.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *key;
    const char *text;
} fixed[PROMPT_FIXED_COUNT] = {
    [PROMPT_SAFETY] = {"safety_reminder",
                       "If anything hurts, stop right away and press the pain button."},
    [PROMPT_GET_READY] = {"get_ready", "Get ready."},
    [PROMPT_GET_READY_LEFT] = {"get_ready_left_first", "Get ready. Left side first."},
    [PROMPT_SIDE_LEFT] = {"side_left", "Left."},
    [PROMPT_SIDE_RIGHT] = {"side_right", "Right."},
    [PROMPT_RETURN] = {"return_braced", "And back, belly tight."},
    [PROMPT_SWITCH_SIDES] = {"switch_sides", "Switch sides. Now the right side."},
    [PROMPT_REMINDER] = {"reminder_confirm",
                         "Take your time. Press confirm when the rep is done."},
    [PROMPT_PAUSED] = {"paused", "Paused. Take the time you need."},
    [PROMPT_PAUSED_STALL] = {"paused_stall",
                             "The app was held up, so the session is paused. "
                             "Press pause or confirm to carry on."},
    [PROMPT_RESUMED] = {"resumed", "Let's carry on."},
    [PROMPT_SUMMARY_NOTHING] = {"summary_nothing",
                                "That's all for today. Every start counts, and you can "
                                "come back whenever you like."},
    [PROMPT_RATE_ASK] = {"rate_ask",
                         "How did that feel: too easy, just right, or too hard?"},
    [PROMPT_RATED_TOO_EASY] = {"rated_too_easy", "Too easy. Noted."},
    [PROMPT_RATED_JUST_RIGHT] = {"rated_just_right", "Just right. Noted."},
    [PROMPT_RATED_TOO_HARD] = {"rated_too_hard", "Too hard. Noted, thank you."},
    [PROMPT_RED_FLAGS] = {"red_flags",
                          "Stop and see a doctor if pain spreads down a leg, a leg goes numb, "
                          "tingly or weak, you feel numb around your bottom or groin, your "
                          "bladder or bowels change, or you have a fever or pain at night."},
    [PROMPT_MOTION_REMINDER] = {"reminder_motion",
                                "Take your time. Move when you are ready, or press "
                                "confirm if the game pad missed it."},
    [PROMPT_HOLD_BROKEN] = {"hold_broken",
                            "That hold slipped, which is fine. Back down, and we will "
                            "do that one again."},
    [PROMPT_SWITCH_SIDES_PAD] = {"switch_sides_pad",
                                 "Switch sides, and put the game pad on your other leg. "
                                 "Now the right side."},
    [PROMPT_MOTION_LIE_STILL] = {"motion_lie_still",
                                 "Lie still for a moment, so the game pad can find your start "
                                 "position."},
    [PROMPT_HOLD_LET_GO] = {"hold_let_go",
                            "That one slipped again, and that is all right. Rest, "
                            "and we will go on."},
};

static const char *const small_numbers[20] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
    "sixteen", "seventeen", "eighteen", "nineteen"};
static const char *const tens_words[10] = {
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
    "eighty", "ninety"};

void number_words(int n, char *buf, int size)
{
    if (size <= 0)
        return;
    size_t sz = (size_t)size;
    if (n < 0 || n >= 1000) {
        snprintf(buf, sz, "%d", n);
    } else if (n < 20) {
        snprintf(buf, sz, "%s", small_numbers[n]);
    } else if (n < 100) {
        if (n % 10)
            snprintf(buf, sz, "%s-%s", tens_words[n / 10], small_numbers[n % 10]);
        else
            snprintf(buf, sz, "%s", tens_words[n / 10]);
    } else {
        char rest[16]; /* the longest below a hundred: "seventy-seven" */
        number_words(n % 100, rest, (int)sizeof rest);
        if (n % 100)
            snprintf(buf, sz, "%s hundred and %s", small_numbers[n / 100], rest);
        else
            snprintf(buf, sz, "%s hundred", small_numbers[n / 100]);
    }
}

static void capitalize(char *text)
{
    if (text[0] >= 'a' && text[0] <= 'z')
        text[0] = (char)(text[0] - 'a' + 'A');
}

/* Ends the text with a full stop unless it already ends a sentence.  Level
 * texts are at most TEXT_MAX - 1 bytes, so the stop always fits. */
static void end_sentence(char *text, size_t size)
{
    size_t len = strlen(text);
    while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\t'))
        text[--len] = '\0';
    char last = len ? text[len - 1] : '.';
    if (last != '.' && last != '!' && last != '?' && len + 1 < size) {
        text[len] = '.';
        text[len + 1] = '\0';
    }
}

static void set(Prompt *p, const char *key, const char *text)
{
    snprintf(p->key, sizeof p->key, "%s", key);
    snprintf(p->text, sizeof p->text, "%s", text);
    end_sentence(p->text, sizeof p->text);
}

void prompt_fixed(Prompt *p, PromptFixed id)
{
    if ((unsigned)id >= PROMPT_FIXED_COUNT)
        id = PROMPT_GET_READY;
    set(p, fixed[id].key, fixed[id].text);
}

void prompt_title(Prompt *p, const PlanItem *item)
{
    snprintf(p->key, sizeof p->key, "title_%s", item->level->id);
    snprintf(p->text, sizeof p->text, "%s, level %d: %s", item->track->title,
             item->level_index + 1, item->level->title);
    end_sentence(p->text, sizeof p->text);
}

void prompt_setup(Prompt *p, const Level *l)
{
    char key[PROMPT_KEY_MAX];
    snprintf(key, sizeof key, "setup_%s", l->id);
    set(p, key, l->setup);
}

void prompt_movement(Prompt *p, const Level *l)
{
    char key[PROMPT_KEY_MAX];
    snprintf(key, sizeof key, "movement_%s", l->id);
    set(p, key, l->movement[0] ? l->movement : l->cue_count > 0 ? l->cues[0] : "");
}

void prompt_cue(Prompt *p, const Level *l, int index)
{
    char key[PROMPT_KEY_MAX];
    snprintf(key, sizeof key, "cue_%s_%d", l->id, index + 1);
    set(p, key, index >= 0 && index < l->cue_count ? l->cues[index] : "");
}

void prompt_return(Prompt *p, const Level *l)
{
    if (!l->return_cue[0]) {
        prompt_fixed(p, PROMPT_RETURN);
        return;
    }
    char key[PROMPT_KEY_MAX];
    snprintf(key, sizeof key, "return_%s", l->id);
    set(p, key, l->return_cue);
}

void prompt_hold(Prompt *p, int seconds)
{
    char n[32];
    number_words(seconds, n, (int)sizeof n);
    snprintf(p->key, sizeof p->key, "hold_%d", seconds);
    snprintf(p->text, sizeof p->text, "Hold for %s.", n);
}

void prompt_countdown(Prompt *p, int n)
{
    number_words(n, p->text, (int)sizeof p->text);
    capitalize(p->text);
    end_sentence(p->text, sizeof p->text);
    snprintf(p->key, sizeof p->key, "countdown_%d", n);
}

void prompt_rep(Prompt *p, int rep, int total)
{
    char a[32], b[32];
    number_words(rep, a, (int)sizeof a);
    number_words(total, b, (int)sizeof b);
    snprintf(p->key, sizeof p->key, "rep_%d_of_%d", rep, total);
    snprintf(p->text, sizeof p->text, "%s of %s.", a, b);
    capitalize(p->text);
}

void prompt_rest(Prompt *p, int seconds)
{
    char n[32];
    number_words(seconds, n, (int)sizeof n);
    snprintf(p->key, sizeof p->key, "rest_%d", seconds);
    snprintf(p->text, sizeof p->text, "Rest for %s second%s.", n, seconds == 1 ? "" : "s");
}

void prompt_seconds_left(Prompt *p, int seconds)
{
    char n[32];
    number_words(seconds, n, (int)sizeof n);
    capitalize(n);
    snprintf(p->key, sizeof p->key, "seconds_left_%d", seconds);
    snprintf(p->text, sizeof p->text, "%s second%s left.", n, seconds == 1 ? "" : "s");
}

void prompt_next(Prompt *p, const Track *next)
{
    snprintf(p->key, sizeof p->key, "next_%s", next->id);
    snprintf(p->text, sizeof p->text, "Next: %s", next->title);
    end_sentence(p->text, sizeof p->text);
}

void prompt_pain(Prompt *p, bool stopped, bool easier, bool last)
{
    const char *middle =
        stopped && easier ? "Next time the app will offer you an easier level of this exercise."
        : stopped ? "Next time, go gently, and if it keeps hurting, talk to your therapist."
                  : "Take a moment and breathe.";
    const char *choice =
        last ? "Press confirm to finish for today."
             : "When you are ready, press confirm to go on to the next exercise, "
               "or press back to finish for today.";
    snprintf(p->key, sizeof p->key, "pain_%s_%s",
             !stopped ? "rest" : easier ? "stop_easier" : "stop_gentle", last ? "last" : "next");
    snprintf(p->text, sizeof p->text,
             "Thank you for listening to your body. Stopping was the right thing to do. %s %s",
             middle, choice);
}

/* A span of days as said: "a week", "two weeks", "ten days". */
static void days_words(int days, char *out, int size)
{
    char n[32];
    if (days == 7) {
        snprintf(out, (size_t)size, "a week");
    } else if (days > 7 && days % 7 == 0) {
        number_words(days / 7, n, (int)sizeof n);
        snprintf(out, (size_t)size, "%s weeks", n);
    } else {
        number_words(days, n, (int)sizeof n);
        snprintf(out, (size_t)size, "%s day%s", n, days == 1 ? "" : "s");
    }
}

void prompt_advice(Prompt *p, const ClinicalRules *rules, const Track *const *tracks,
                   const int *reasons, int count)
{
    bool held_out = rules->advice_then == ADVICE_HOLD_OUT;
    /* Reasons as progress.h's AdviceReason: 1 score, 2 repeated, 3 many
     * days; said with the pack's own numbers. */
    char score[32], stops[32], days[32], window[64];
    char why[4][160];
    number_words(rules->advice_score_at, score, (int)sizeof score);
    number_words(rules->advice_stops, stops, (int)sizeof stops);
    number_words(rules->advice_days_any, days, (int)sizeof days);
    days_words(rules->advice_window_days, window, (int)sizeof window);
    snprintf(why[0], sizeof why[0], "it hurt");
    snprintf(why[1], sizeof why[1], "a pain stop was rated %s or more", score);
    if (rules->advice_stops == 2)
        snprintf(why[2], sizeof why[2], "it hurt twice within %s", window);
    else
        snprintf(why[2], sizeof why[2], "it hurt %s times within %s", stops, window);
    snprintf(why[3], sizeof why[3], "pain stopped you on %s different days within %s", days,
             window);
    /* The list leaves room for the sentence around it: never cut. */
    char list[PROMPT_TEXT_MAX - 200] = "";
    char key[PROMPT_KEY_MAX] = "";
    size_t used = 0;
    unsigned h = 2166136261u;
    for (int i = 0; i < count; i++) {
        int r = reasons[i] >= 1 && reasons[i] <= 3 ? reasons[i] : 2;
        int n = snprintf(list + used, sizeof list - used, "%s%s, because %s",
                         i == 0 ? "" : i + 1 == count ? "; and " : "; ", tracks[i]->title, why[r]);
        if (n > 0 && (size_t)n < sizeof list - used)
            used += (size_t)n;
        for (const char *c = tracks[i]->id; *c; c++)
            h = (h ^ (unsigned char)*c) * 16777619u;
        h = (h ^ (unsigned)r) * 16777619u;
    }
    /* Other numbers, other words: another key. */
    h = (h ^ (unsigned)rules->advice_score_at) * 16777619u;
    h = (h ^ (unsigned)rules->advice_stops) * 16777619u;
    h = (h ^ (unsigned)rules->advice_window_days) * 16777619u;
    h = (h ^ (unsigned)rules->advice_days_any) * 16777619u;
    snprintf(key, sizeof key, "advice_%d_%s_%08x", count, held_out ? "out" : "easier", h);
    snprintf(p->key, sizeof p->key, "%s", key);
    snprintf(p->text, sizeof p->text,
             "Please see a physical therapist or your doctor before you go on with %s. %s "
             "When you have checked with them, tell the app, and %s will be back.",
             list,
             held_out ? (count == 1 ? "It is left out of your session until then."
                                    : "They are left out of your session until then.")
                      : (count == 1 ? "Until then it is done one level easier."
                                    : "Until then they are done one level easier."),
             count == 1 ? "it" : "they");
}

void prompt_back_pain_question(Prompt *p, bool after)
{
    if (after) {
        snprintf(p->key, sizeof p->key, "back_pain_after");
        snprintf(p->text, sizeof p->text,
                 "And how is your back now, after the session, from 0 to 10?");
    } else {
        snprintf(p->key, sizeof p->key, "back_pain_before");
        snprintf(p->text, sizeof p->text,
                 "Before we start: how is your back right now? From 0, no pain at all, to "
                 "10, the worst pain you can imagine.");
    }
}

void prompt_back_pain_score(Prompt *p, int score)
{
    char n[32];
    number_words(score, n, (int)sizeof n);
    snprintf(p->key, sizeof p->key, "back_pain_%d", score);
    snprintf(p->text, sizeof p->text, "Back pain: %s.", n);
}

void prompt_pain_score(Prompt *p, int score, const char *place, bool advise)
{
    char n[32], key_place[32], noted[PROMPT_TEXT_MAX / 2];
    number_words(score, n, (int)sizeof n);
    snprintf(key_place, sizeof key_place, "%s", place);
    for (char *c = key_place; *c; c++)
        if (*c == ' ')
            *c = '_';
    snprintf(p->key, sizeof p->key, "score_pain_%d%s%s%s", score, place[0] ? "_" : "", key_place,
             advise ? "_advice" : "");
    if (place[0])
        snprintf(noted, sizeof noted, "Pain %s out of ten, in the %s. Noted.", n, place);
    else
        snprintf(noted, sizeof noted, "Pain %s out of ten. Noted.", n);
    if (advise)
        snprintf(p->text, sizeof p->text,
                 "%s That is a lot of pain. I suggest you stop for today, and see a physical "
                 "therapist or your doctor before you do this exercise again.",
                 noted);
    else
        snprintf(p->text, sizeof p->text, "%s", noted);
}

void prompt_pain_advice(Prompt *p, const char *exercise, int reason)
{
    const char *why = reason == 3 ? "Pain has stopped you on several days this week."
                                  : "This is not the first time it has hurt this week.";
    snprintf(p->key, sizeof p->key, "pain_advice_%d_", reason == 3 ? 3 : 2);
    snprintf(p->text, sizeof p->text,
             "%s Please see a physical therapist or your doctor before you do %s again. "
             "I suggest you stop for today.",
             why, exercise);
    /* The key names the words: the exercise is part of them. */
    size_t used = strlen(p->key);
    for (const char *c = exercise; *c && used + 1 < sizeof p->key; c++)
        p->key[used++] = (*c == ' ') ? '_' : (char)(*c | 0x20);
    p->key[used] = 0;
}

void prompt_summary_done(Prompt *p, int exercises, int reps, int minutes)
{
    char a[48], b[48], m[48], time_part[96];
    number_words(exercises, a, (int)sizeof a);
    number_words(reps, b, (int)sizeof b);
    if (minutes < 1) {
        snprintf(time_part, sizeof time_part, "in under a minute");
    } else {
        number_words(minutes, m, (int)sizeof m);
        snprintf(time_part, sizeof time_part, "in about %s minute%s", m,
                 minutes == 1 ? "" : "s");
    }
    snprintf(p->key, sizeof p->key, "summary_e%d_r%d_m%d", exercises, reps,
             minutes < 1 ? 0 : minutes);
    if (exercises == 0)
        snprintf(p->text, sizeof p->text, "Well done. You did %s rep%s %s.", b,
                 reps == 1 ? "" : "s", time_part);
    else
        snprintf(p->text, sizeof p->text, "Well done. You did %s exercise%s and %s rep%s %s.",
                 a, exercises == 1 ? "" : "s", b, reps == 1 ? "" : "s", time_part);
}

/* A short stable hash, for keys that would not fit as a list of ids. */
static unsigned fnv1a(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

void prompt_summary_pain(Prompt *p, const Track *const *tracks, int count)
{
    char text[PROMPT_TEXT_MAX] = "You stopped ";
    char ids[256] = "";
    for (int i = 0; i < count; i++) {
        if (i > 0)
            strncat(text, i == count - 1 ? " and " : ", ", sizeof text - strlen(text) - 1);
        strncat(text, tracks[i]->title, sizeof text - strlen(text) - 1);
        strncat(ids, "_", sizeof ids - strlen(ids) - 1);
        strncat(ids, tracks[i]->id, sizeof ids - strlen(ids) - 1);
    }
    strncat(text, count == 1 ? " when it hurt, and that was the right call."
                             : " when they hurt, and that was the right call.",
            sizeof text - strlen(text) - 1);
    set(p, "", text);
    /* The ids in the key, or a hash of them when they do not fit. */
    if (snprintf(p->key, sizeof p->key, "summary_pain%s", ids) >= (int)sizeof p->key)
        snprintf(p->key, sizeof p->key, "summary_pain_%d_%08x", count, fnv1a(ids));
}

int prompt_estimate_ms(const char *text)
{
    if (!text || !text[0])
        return 0;
    return 450 + 60 * (int)strlen(text);
}

void prompt_motion_strap(Prompt *p, MotionStrap strap)
{
    const char *key = "motion_strap_thigh";
    const char *text = "Put the game pad on your thigh, just above the knee, on the leg "
                       "that moves. Then lie still through the countdown.";
    if (strap == MOTION_STRAP_SHIN) {
        key = "motion_strap_shin";
        text = "Put the game pad on your shin, just above the ankle, on the leg "
               "that moves. Then lie still through the countdown.";
    } else if (strap == MOTION_STRAP_UPPER_ARM) {
        key = "motion_strap_upper_arm";
        text = "Put the game pad on one upper arm, just above the elbow. Then lie "
               "still through the countdown.";
    } else if (strap == MOTION_STRAP_NONE) {
        key = "";
        text = "";
    }
    snprintf(p->key, sizeof p->key, "%s", key);
    snprintf(p->text, sizeof p->text, "%s", text);
}
