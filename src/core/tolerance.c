/* tolerance.c: the weekly check of everyday things: when, what, the trend. */
#include "tolerance.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Things people with low back pain most often find hard; the person picks
 * the one that matters to them and keeps it, so its trend means something. */
static const char *const activities[] = {
    "walking",         "lifting and carrying", "housework",    "gardening",
    "driving",         "bending down",         "playing sport", "playing with children",
    "getting dressed", "a night's sleep"};

enum { ACTIVITY_COUNT = (int)(sizeof activities / sizeof activities[0]) };

bool tolerance_due(const ToleranceCheck *history, int count, DayNumber today,
                   DayNumber first_session_day)
{
    if (first_session_day < 0 || first_session_day >= today)
        return false;
    for (int i = 0; i < count; i++) {
        DayNumber d = history[i].local_day;
        /* A check dated after today (a clock put back, a zone crossed)
         * still counts: asking again would only double the week. */
        if (d > today - TOLERANCE_EVERY_DAYS)
            return false;
    }
    return true;
}

int tolerance_activity_count(void)
{
    return ACTIVITY_COUNT;
}

const char *tolerance_activity(int i)
{
    return i >= 0 && i < ACTIVITY_COUNT ? activities[i] : "";
}

const char *tolerance_last_activity(const ToleranceCheck *history, int count)
{
    for (int i = count - 1; i >= 0; i--)
        if (!history[i].skipped && history[i].activity[0])
            return history[i].activity;
    return activities[0];
}

const char *tolerance_item_name(ToleranceItem item)
{
    switch (item) {
    case TOLERANCE_STAND: return "stand";
    case TOLERANCE_SIT: return "sit";
    case TOLERANCE_ACTIVITY: return "activity";
    default: return "";
    }
}

void tolerance_item_label(ToleranceItem item, const char *activity, char *out, size_t size)
{
    if (size == 0)
        return;
    if (item == TOLERANCE_STAND)
        snprintf(out, size, "Standing");
    else if (item == TOLERANCE_SIT)
        snprintf(out, size, "Sitting");
    else {
        snprintf(out, size, "%s", activity && activity[0] ? activity : "Your activity");
        out[0] = (char)toupper((unsigned char)out[0]);
    }
}

/* A key part from free text: lower case, letters and digits, '_' between. */
static void slug(const char *text, char *out, size_t size)
{
    size_t n = 0;
    bool gap = false;
    for (const char *c = text; *c && n + 2 < size; c++) {
        unsigned char ch = (unsigned char)*c;
        if (isalnum(ch)) {
            if (gap && n > 0)
                out[n++] = '_';
            out[n++] = (char)tolower(ch);
            gap = false;
        } else {
            gap = true;
        }
    }
    out[n] = '\0';
}

void prompt_tolerance_intro(Prompt *p)
{
    snprintf(p->key, sizeof p->key, "tolerance_intro");
    snprintf(p->text, sizeof p->text,
             "Your weekly check. Three quick questions about everyday things, so you can "
             "see them change over the weeks. Answer each from 0 to 10: 0 means you "
             "cannot do it at all, 10 means as well as before your back pain.");
}

void prompt_tolerance_question(Prompt *p, ToleranceItem item, const char *activity)
{
    char s[PROMPT_KEY_MAX];
    switch (item) {
    case TOLERANCE_STAND:
        snprintf(p->key, sizeof p->key, "tolerance_q_stand");
        snprintf(p->text, sizeof p->text,
                 "How well can you stand for as long as you need to, say in a queue or at "
                 "the sink?");
        break;
    case TOLERANCE_SIT:
        snprintf(p->key, sizeof p->key, "tolerance_q_sit");
        snprintf(p->text, sizeof p->text,
                 "How well can you sit for as long as you need to, say at a table or in a car?");
        break;
    default:
        slug(activity ? activity : "", s, sizeof s - 24);
        snprintf(p->key, sizeof p->key, "tolerance_q_%.40s", s);
        snprintf(p->text, sizeof p->text, "And how well can you manage %s?",
                 activity && activity[0] ? activity : "the activity you chose");
        break;
    }
}

void prompt_tolerance_score(Prompt *p, ToleranceItem item, const char *activity, int score)
{
    char label[TOLERANCE_NAME_MAX + 16], n[32];
    tolerance_item_label(item, activity, label, sizeof label);
    number_words(score, n, (int)sizeof n);
    char s[PROMPT_KEY_MAX];
    slug(label, s, sizeof s - 24);
    snprintf(p->key, sizeof p->key, "tolerance_%.40s_%d", s, score);
    snprintf(p->text, sizeof p->text, "%s: %s.", label, n);
}

ToleranceTrend tolerance_trend(const ToleranceCheck *history, int count, ToleranceItem item)
{
    ToleranceTrend t = {0, 0, 0, 0, 0, 0};
    if ((int)item < 0 || item >= TOLERANCE_ITEM_COUNT)
        return t;
    const char *activity = NULL;
    if (item == TOLERANCE_ACTIVITY)
        for (int i = count - 1; i >= 0 && !activity; i--)
            if (!history[i].skipped && history[i].score[item] >= 0)
                activity = history[i].activity;
    for (int i = 0; i < count; i++) {
        const ToleranceCheck *c = &history[i];
        int v = c->score[item];
        if (c->skipped || v < 0 || v > TOLERANCE_SCORE_MAX)
            continue;
        if (activity && strcmp(c->activity, activity) != 0)
            continue;
        if (t.rated == 0) {
            t.first = v;
            t.first_day = c->local_day;
        }
        t.last = v;
        t.last_day = c->local_day;
        t.rated++;
    }
    t.change = t.last - t.first;
    return t;
}

void tolerance_trend_line(const ToleranceCheck *history, int count, ToleranceItem item,
                          char *out, size_t size)
{
    if (size == 0)
        return;
    out[0] = '\0';
    ToleranceTrend t = tolerance_trend(history, count, item);
    if (t.rated == 0)
        return;
    char label[TOLERANCE_NAME_MAX + 16];
    tolerance_item_label(item, tolerance_last_activity(history, count), label, sizeof label);
    if (t.rated == 1) {
        snprintf(out, size, "%s %d of 10 (first check)", label, t.last);
        return;
    }
    static const char *const months[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y, m, d;
    civil_from_day(t.first_day, &y, &m, &d);
    if (t.change == 0)
        snprintf(out, size, "%s %d of 10, the same as on %d %s", label, t.last, d, months[m - 1]);
    else
        snprintf(out, size, "%s %d -> %d of 10 (%s %d since %d %s)", label, t.first, t.last,
                 t.change > 0 ? "up" : "down", t.change > 0 ? t.change : -t.change, d,
                 months[m - 1]);
}
