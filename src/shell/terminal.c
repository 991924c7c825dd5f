/* terminal.c: terminal keys (raw mode) or piped lines to actions, without
 * blocking; the terminal's own settings come back on close or at exit. */
#include "terminal.h"

#include <ctype.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

enum {
    TERMINAL_LINE_MAX = 256,
    TERMINAL_READ_MAX = 64,
    /* A lone Escape is a key; Escape with more bytes right behind it is an
     * arrow or function key, which must not end the session. */
    TERMINAL_ESCAPE_WAIT_MS = 60
};

typedef enum { ESCAPE_NONE, ESCAPE_SEEN, ESCAPE_CSI, ESCAPE_SS3 } EscapeState;

struct Terminal {
    int fd;
    bool tty;
    bool raw;
    bool closed;
    struct termios saved;
    unsigned char buf[TERMINAL_READ_MAX];
    size_t buf_len, buf_pos;
    EscapeState escape;
    long long escape_ms;
    bool help; /* H or ? typed, not yet taken */
    bool checked; /* C typed: checked with a therapist, not yet taken */
    int number; /* 0-10 typed, not yet taken; -1 none */
    int last_digit; /* the digit typed last, and when: "1" then "0" is 10 */
    long long number_ms;
    int steps;  /* up minus down arrows, not yet taken */
    char line[TERMINAL_LINE_MAX];
    size_t line_len;
};

/* The one terminal in raw mode, for the exit-time restore. */
static struct {
    bool active;
    int fd;
    struct termios saved;
    bool hook_registered;
} terminal_restore_state;

static void terminal_restore_at_exit(void)
{
    if (terminal_restore_state.active) {
        tcsetattr(terminal_restore_state.fd, TCSANOW, &terminal_restore_state.saved);
        terminal_restore_state.active = false;
    }
}

static long long monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

Terminal *terminal_open(int fd)
{
    Terminal *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->number = -1;
    t->last_digit = -1;
    t->fd = fd;
    t->tty = isatty(fd) == 1;
    if (t->tty && tcgetattr(fd, &t->saved) == 0) {
        struct termios raw = t->saved;
        /* Keys arrive one by one and unechoed; ISIG stays so Ctrl+C works,
         * OPOST stays so "\n" still returns the carriage. */
        raw.c_lflag &= (tcflag_t) ~(ICANON | ECHO);
        raw.c_cc[VMIN] = 0;
        raw.c_cc[VTIME] = 0;
        if (tcsetattr(fd, TCSANOW, &raw) == 0) {
            t->raw = true;
            terminal_restore_state.fd = fd;
            terminal_restore_state.saved = t->saved;
            terminal_restore_state.active = true;
            if (!terminal_restore_state.hook_registered)
                terminal_restore_state.hook_registered = atexit(terminal_restore_at_exit) == 0;
        }
    }
    return t;
}

void terminal_close(Terminal *t)
{
    if (!t)
        return;
    if (t->raw) {
        tcsetattr(t->fd, TCSANOW, &t->saved);
        terminal_restore_state.active = false;
    }
    free(t);
}

bool terminal_is_tty(const Terminal *t)
{
    return t && t->raw;
}

Action terminal_key_action(int key)
{
    switch (key) {
    case '\r': case '\n': case ' ': return ACTION_CONFIRM;
    case 'p': case 'P': return ACTION_PAUSE;
    case 'x': case 'X': return ACTION_PAIN;
    case 's': case 'S': return ACTION_SKIP;
    case '1': return ACTION_TOO_EASY; /* how did it feel? */
    case '2': return ACTION_JUST_RIGHT;
    case '3': return ACTION_TOO_HARD;
    case 'q': case 'Q': case 27: return ACTION_END;
    case 127: case 8: return ACTION_BACK;
    default: return ACTION_NONE;
    }
}

Action terminal_line_action(const char *line)
{
    size_t start = 0, end = strlen(line);
    while (end > 0 && (line[end - 1] == '\r' || line[end - 1] == '\n'))
        end--;
    if (end == 0)
        return ACTION_CONFIRM; /* Enter on its own */
    while (start < end && isspace((unsigned char)line[start]))
        start++;
    size_t trimmed_end = end;
    while (trimmed_end > start && isspace((unsigned char)line[trimmed_end - 1]))
        trimmed_end--;
    if (trimmed_end - start > 1 && trimmed_end - start < TERMINAL_LINE_MAX) {
        char name[TERMINAL_LINE_MAX];
        size_t n = 0;
        for (size_t i = start; i < trimmed_end; i++)
            name[n++] = (char)toupper((unsigned char)line[i]);
        name[n] = '\0';
        Action named = action_from_name(name);
        if (named != ACTION_NONE)
            return named;
    }
    if (trimmed_end == start)
        return ACTION_CONFIRM; /* spaces only: the space bar */
    return terminal_key_action((unsigned char)line[start]);
}

static bool line_is_help(const char *line)
{
    while (isspace((unsigned char)*line))
        line++;
    size_t n = strlen(line);
    while (n > 0 && isspace((unsigned char)line[n - 1]))
        n--;
    return (n == 1 && (line[0] == 'h' || line[0] == 'H' || line[0] == '?')) ||
           (n == 4 && strncasecmp(line, "help", 4) == 0);
}

/* Pulls what is waiting into the buffer; false when nothing is. */
static bool fill(Terminal *t)
{
    if (t->closed)
        return false;
    struct pollfd p = {.fd = t->fd, .events = POLLIN};
    if (poll(&p, 1, 0) <= 0)
        return false;
    if (!(p.revents & (POLLIN | POLLHUP | POLLERR)))
        return false;
    ssize_t n = read(t->fd, t->buf, sizeof t->buf);
    if (n <= 0) {
        t->closed = true;
        return false;
    }
    t->buf_len = (size_t)n;
    t->buf_pos = 0;
    return true;
}

static Action raw_byte(Terminal *t, unsigned char c)
{
    switch (t->escape) {
    case ESCAPE_SEEN:
        if (c == '[') { t->escape = ESCAPE_CSI; return ACTION_NONE; }
        if (c == 'O') { t->escape = ESCAPE_SS3; return ACTION_NONE; }
        /* Escape, then an ordinary key: both count.  The key is put back. */
        t->escape = ESCAPE_NONE;
        t->buf_pos--;
        return ACTION_END;
    case ESCAPE_CSI:
    case ESCAPE_SS3:
        if (c == 'A') t->steps++; /* up */
        if (c == 'B') t->steps--; /* down */
        if (t->escape == ESCAPE_SS3 || (c >= 0x40 && c <= 0x7e))
            t->escape = ESCAPE_NONE;
        return ACTION_NONE;
    case ESCAPE_NONE:
        break;
    }
    if (c == 27) {
        t->escape = ESCAPE_SEEN;
        t->escape_ms = monotonic_ms();
        return ACTION_NONE;
    }
    if (c == 'h' || c == 'H' || c == '?')
        t->help = true;
    if (c == 'c' || c == 'C')
        t->checked = true;
    if (c >= '0' && c <= '9') {
        long long now = monotonic_ms();
        bool ten = c == '0' && t->last_digit == 1 && now - t->number_ms <= 1500;
        t->number = ten ? 10 : c - '0';
        t->last_digit = ten ? -1 : c - '0';
        t->number_ms = now;
    }
    return terminal_key_action(c);
}

static Action poll_raw(Terminal *t)
{
    for (;;) {
        while (t->buf_pos < t->buf_len) {
            Action a = raw_byte(t, t->buf[t->buf_pos++]);
            if (a != ACTION_NONE)
                return a;
        }
        if (!fill(t))
            break;
    }
    if (t->escape == ESCAPE_SEEN &&
        (t->closed || monotonic_ms() - t->escape_ms >= TERMINAL_ESCAPE_WAIT_MS)) {
        t->escape = ESCAPE_NONE;
        return ACTION_END;
    }
    return ACTION_NONE;
}

static Action poll_lines(Terminal *t)
{
    for (;;) {
        while (t->buf_pos < t->buf_len) {
            char c = (char)t->buf[t->buf_pos++];
            if (c == '\n') {
                t->line[t->line_len] = '\0';
                t->line_len = 0;
                if (line_is_help(t->line)) {
                    t->help = true;
                    continue;
                }
                if (strcasecmp(t->line, "c") == 0 || strcasecmp(t->line, "checked") == 0) {
                    t->checked = true;
                    continue;
                }
                /* The arrow keys, spelled out, for scripts. */
                if (strcasecmp(t->line, "up") == 0 || strcasecmp(t->line, "down") == 0) {
                    t->steps += strcasecmp(t->line, "up") == 0 ? 1 : -1;
                    continue;
                }
                char *end = NULL;
                long n = strtol(t->line, &end, 10);
                if (end != t->line && n >= 0 && n <= 10) {
                    while (*end && isspace((unsigned char)*end))
                        end++;
                    if (!*end)
                        t->number = (int)n; /* a line holding 0-10 */
                }
                return terminal_line_action(t->line);
            }
            if (t->line_len + 1 < sizeof t->line) /* the rest of a long line is dropped */
                t->line[t->line_len++] = c;
        }
        if (!fill(t))
            break;
    }
    if (t->closed && t->line_len > 0) { /* a last line without its newline */
        t->line[t->line_len] = '\0';
        t->line_len = 0;
        if (line_is_help(t->line)) {
            t->help = true;
            return ACTION_NONE;
        }
        return terminal_line_action(t->line);
    }
    return ACTION_NONE;
}

bool terminal_take_number(Terminal *t, int *number, int *steps)
{
    *number = -1;
    *steps = 0;
    if (!t || (t->number < 0 && t->steps == 0))
        return false;
    *number = t->number;
    *steps = t->steps;
    t->number = -1;
    t->steps = 0;
    return true;
}

bool terminal_take_checked(Terminal *t)
{
    if (!t || !t->checked)
        return false;
    t->checked = false;
    return true;
}

bool terminal_take_help(Terminal *t)
{
    if (!t || !t->help)
        return false;
    t->help = false;
    return true;
}

Action terminal_poll(Terminal *t, bool *closed)
{
    Action a = ACTION_NONE;
    if (t)
        a = t->raw ? poll_raw(t) : poll_lines(t);
    if (closed)
        *closed = !t || (t->closed && t->buf_pos >= t->buf_len && t->line_len == 0);
    return a;
}
