/* journal.h: results waiting beside the save.  When the save cannot be
 * written (locked, busy, full), the tracker appends each result to this
 * file: one JSON line per exercise (or per session end), fsync'ed.  The
 * next corequest that can write the save merges the lines into it (every
 * row has a unique key, so a merge cut short by a kill and done again
 * counts nothing twice) and then removes the file.  Knows no SQLite. */
#ifndef COREQUEST_JOURNAL_H
#define COREQUEST_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "save.h"

#define JOURNAL_FILE_NAME SAVE_FILE_NAME ".pending"
enum {
    /* How long an append waits for a merge that holds the journal; past
     * that it appends anyway: a lost lock race beats a lost result. */
    JOURNAL_WAIT_MS = 10000
};

/* Appends the items, one line each, and fsyncs the file (and the folder
 * when the file is new).  Returns 0, or -1 with one line in why. */
int journal_append(const char *data_dir, const SavePending *items, int count, char *why,
                   size_t why_size);

/* True when data_dir holds a journal (maybe empty). */
bool journal_exists(const char *data_dir);

typedef struct Journal Journal;

/* Opens the journal and locks it (waiting up to wait_ms), reading every
 * whole line into *items (malloc'ed, caller frees; NULL when *count is 0).
 * A line that does not parse (cut short by a kill while it was written) is
 * skipped and counted in *unreadable.  Returns 0 with *out NULL when there
 * is no journal, 0 with *out set (hold it until journal_clear or
 * journal_release), or -1 with why. */
int journal_take(const char *data_dir, int wait_ms, Journal **out, SavePending **items,
                 int *count, int *unreadable, char *why, size_t why_size);
/* The lines are in the save now: removes the file and lets go of it.
 * 0, or -1 (the file stays, and is merged again next time: no harm). */
int journal_clear(Journal *j);
/* Lets go without removing anything. */
void journal_release(Journal *j);

#endif
