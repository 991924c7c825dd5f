/* levels_load.h: level files (JSON, parsed with jansson) -> Program.
 * Validates everything; each error names the file and the place. */
#ifndef COREQUEST_LEVELS_LOAD_H
#define COREQUEST_LEVELS_LOAD_H

#include <stddef.h>
#include <stdio.h>
#include "program.h"

enum { LEVEL_ERRORS_MAX = 64 };

typedef struct {
    char file[PATH_MAX_LEN];
    int line;          /* 1-based; 0 when only the key path is known */
    int column;
    char place[128];   /* key path, e.g. "levels[1].reps"; may be empty */
    char message[256]; /* what was wrong and what was expected */
} LevelError;

typedef struct {
    LevelError items[LEVEL_ERRORS_MAX];
    int count; /* stored in items */
    int total; /* all errors seen, may exceed LEVEL_ERRORS_MAX */
} LevelErrors;

/* Loads every *.json file in dir (sorted by name, then by each file's
 * "order").  A file with any error is left out whole and its errors are
 * appended to errs; the other files still load.  Cross-file checks
 * (duplicate ids, unknown "next" references) drop only the offending track.
 * Returns the number of tracks loaded, or -1 if dir cannot be read (also
 * reported in errs).  out and errs are cleared first; errs may be NULL. */
int levels_load_dir(const char *dir, Program *out, LevelErrors *errs);

/* Parses one track file held in memory and appends the track to out.
 * name is used in error messages.  Returns 0 on success, -1 on error, and
 * 1 for the pack's pain-rules file ({"format": 1, "rules": {...}}), which
 * sets out->rules and adds no track.
 * Does no cross-file checks (levels_check_references does). */
int levels_load_buffer(const char *name, const char *text, size_t len,
                       Program *out, LevelErrors *errs);

/* Checks duplicate ids and "next" references across tracks; removes the
 * offending tracks and reports them.  Returns the number of tracks removed. */
int levels_check_references(Program *p, LevelErrors *errs);

/* "file:line:col: place: message" into buf. */
void level_error_format(const LevelError *e, char *buf, size_t size);

/* Prints every stored error, one a line, each after prefix (may be ""),
 * and how many more were seen than stored. */
void level_errors_print(FILE *out, const char *prefix, const LevelErrors *errs);

#endif
