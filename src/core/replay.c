/* replay.c: parses replay scripts ("12.5 CONFIRM" lines) into timed actions.
 * Strict on purpose: a typo in a test script must fail loudly, not be skipped. */
#include "replay.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

enum {
    MAX_SECOND_DIGITS = 9, /* about 31 years: far past any session */
    MAX_DECIMALS = 3,
    WORD_SHOWN_MAX = 24
};

static const char expected_actions[] = "CONFIRM, BACK, PAUSE, PAIN, SKIP or END";

static void fail(char *err, size_t errsize, int line, const char *fmt, ...)
{
    if (!err || errsize == 0)
        return;
    int n = snprintf(err, errsize, "line %d: ", line);
    if (n < 0 || (size_t)n >= errsize)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + n, errsize - (size_t)n, fmt, ap);
    va_end(ap);
}

static bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r'; }
static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool ends_word(char c)
{
    return c == '\0' || c == '\n' || c == '#' || is_blank(c);
}

/* Copies the word at p (for messages), shortened if long. */
static void word_at(const char *p, char *out, size_t size)
{
    size_t n = 0;
    while (!ends_word(p[n]) && n + 1 < size && n < WORD_SHOWN_MAX)
        n++;
    memcpy(out, p, n);
    out[n] = '\0';
}

/* Reads "123" or "123.4" / "123.45" / "123.456" into milliseconds.
 * Returns the end of the number, or NULL (err filled). */
static const char *parse_time(const char *p, int line, int64_t *out_ms,
                              char *err, size_t errsize)
{
    char word[WORD_SHOWN_MAX + 1];
    int64_t seconds = 0;
    int digits = 0;
    const char *start = p;
    while (is_digit(*p)) {
        if (++digits > MAX_SECOND_DIGITS) {
            word_at(start, word, sizeof word);
            fail(err, errsize, line, "the time '%s' is too large; expected seconds like 12.5", word);
            return NULL;
        }
        seconds = seconds * 10 + (*p - '0');
        p++;
    }
    if (digits == 0) {
        word_at(start, word, sizeof word);
        fail(err, errsize, line,
             "expected a time in seconds at the start of the line (like 12.5), found '%s'", word);
        return NULL;
    }
    int64_t ms = 0;
    if (*p == '.') {
        p++;
        int decimals = 0;
        int64_t scale = 100;
        while (is_digit(*p)) {
            if (++decimals > MAX_DECIMALS) {
                word_at(start, word, sizeof word);
                fail(err, errsize, line,
                     "the time '%s' has more than three decimals; times are in whole milliseconds", word);
                return NULL;
            }
            ms += (*p - '0') * scale;
            scale /= 10;
            p++;
        }
        if (decimals == 0) {
            word_at(start, word, sizeof word);
            fail(err, errsize, line, "expected digits after the point in '%s' (like 12.5)", word);
            return NULL;
        }
    }
    if (!ends_word(*p)) {
        word_at(start, word, sizeof word);
        fail(err, errsize, line, "expected a time in seconds (like 12.5), found '%s'", word);
        return NULL;
    }
    *out_ms = seconds * 1000 + ms;
    return p;
}

static void format_seconds(int64_t ms, char *buf, size_t size)
{
    snprintf(buf, size, "%lld.%03lld", (long long)(ms / 1000), (long long)(ms % 1000));
}

/* One non-empty, non-comment line: "<time> <ACTION> [# comment]". */
static int parse_line(const char *p, int line, Replay *out, char *err, size_t errsize)
{
    char word[WORD_SHOWN_MAX + 1];
    int64_t at_ms;
    p = parse_time(p, line, &at_ms, err, errsize);
    if (!p)
        return -1;
    while (is_blank(*p))
        p++;
    if (ends_word(*p)) {
        fail(err, errsize, line, "expected an action after the time: %s", expected_actions);
        return -1;
    }
    char name[16];
    size_t n = 0;
    const char *name_start = p;
    while (!ends_word(*p)) {
        if (n + 1 < sizeof name)
            name[n] = *p;
        n++;
        p++;
    }
    Action action = ACTION_NONE;
    if (n < sizeof name) {
        name[n] = '\0';
        action = action_from_name(name);
    }
    if (action == ACTION_NONE) {
        word_at(name_start, word, sizeof word);
        fail(err, errsize, line, "unknown action '%s'; expected %s", word, expected_actions);
        return -1;
    }
    while (is_blank(*p))
        p++;
    if (*p != '\0' && *p != '\n' && *p != '#') {
        word_at(p, word, sizeof word);
        fail(err, errsize, line, "unexpected '%s' after the action; one action a line, "
             "comments start with '#'", word);
        return -1;
    }
    if (out->count > 0 && at_ms < out->items[out->count - 1].at_ms) {
        char now[32], before[32];
        format_seconds(at_ms, now, sizeof now);
        format_seconds(out->items[out->count - 1].at_ms, before, sizeof before);
        fail(err, errsize, line, "time %s s is earlier than %s s on line %d; "
             "times must not decrease", now, before, out->items[out->count - 1].line);
        return -1;
    }
    if (out->count >= REPLAY_MAX_ACTIONS) {
        fail(err, errsize, line, "more than %d actions; split the replay into shorter ones",
             REPLAY_MAX_ACTIONS);
        return -1;
    }
    out->items[out->count++] = (ReplayEntry){at_ms, action, line};
    return 0;
}

int replay_parse(const char *text, Replay *out, char *err, size_t errsize)
{
    out->count = 0;
    if (err && errsize)
        err[0] = '\0';
    if (!text)
        return 0;
    int line = 1;
    const char *p = text;
    while (*p) {
        const char *q = p;
        while (is_blank(*q))
            q++;
        if (*q != '\0' && *q != '\n' && *q != '#') {
            if (parse_line(q, line, out, err, errsize) != 0)
                return -1;
        }
        while (*p && *p != '\n')
            p++;
        if (*p == '\n')
            p++;
        line++;
    }
    return 0;
}

Replay *replay_load_file(const char *path, char *err, size_t errsize)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errsize) snprintf(err, errsize, "cannot open the replay '%s'", path);
        return NULL;
    }
    char *text = malloc(REPLAY_FILE_MAX + 1);
    size_t n = text ? fread(text, 1, REPLAY_FILE_MAX + 1, f) : 0;
    bool failed = !text || ferror(f);
    fclose(f);
    Replay *replay = NULL;
    if (failed) {
        if (errsize) snprintf(err, errsize, "cannot read the replay '%s'", path);
    } else if (n > REPLAY_FILE_MAX) {
        if (errsize)
            snprintf(err, errsize, "the replay '%s' is larger than %d bytes", path, REPLAY_FILE_MAX);
    } else {
        text[n] = '\0';
        replay = malloc(sizeof *replay);
        char why[256];
        if (!replay) {
            if (errsize) snprintf(err, errsize, "out of memory reading '%s'", path);
        } else if (replay_parse(text, replay, why, sizeof why) != 0) {
            if (errsize) snprintf(err, errsize, "%s: %s", path, why);
            free(replay);
            replay = NULL;
        }
    }
    free(text);
    return replay;
}
