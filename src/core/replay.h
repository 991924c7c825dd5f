/* replay.h: timed action scripts for headless runs, one "12.5 CONFIRM" a line.
 * Pure C11: a parser over text, and a loader that reads a file into a new
 * Replay (the caller frees it). */
#ifndef COREQUEST_REPLAY_H
#define COREQUEST_REPLAY_H

#include <stddef.h>
#include <stdint.h>

#include "session.h"

enum { REPLAY_MAX_ACTIONS = 4096 };

typedef struct {
    int64_t at_ms;  /* session clock, from session_start at 0 */
    Action action;
    int line;       /* 1-based line in the text, for messages */
} ReplayEntry;

typedef struct {
    ReplayEntry items[REPLAY_MAX_ACTIONS];
    int count;
} Replay;

/* Format: each line is "<seconds> <ACTION>", seconds a decimal with at most
 * three decimals (milliseconds) that never decreases, ACTION a name from
 * action_name() (any case).  Blank lines and '#' comments (whole line or
 * after the action) are allowed.
 * Returns 0, or -1 at the first error with "line N: what was wrong; what was
 * expected" in err (errsize may be 0).  out->count holds the actions read
 * before the error. */
int replay_parse(const char *text, Replay *out, char *err, size_t errsize);

enum { REPLAY_FILE_MAX = 1 << 20 };

/* Reads and parses the file at path (at most REPLAY_FILE_MAX bytes).
 * Returns a Replay the caller frees with free(), or NULL with a message that
 * names the file (and the line, for a parse error) in err. */
Replay *replay_load_file(const char *path, char *err, size_t errsize);

#endif
