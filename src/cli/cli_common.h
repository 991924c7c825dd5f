/* cli_common.h: what the command-line modes share: opening the history for
 * the report tools, and the therapist's picture.  (Where the save lives is
 * platform/paths.h.) */
#ifndef COREQUEST_CLI_COMMON_H
#define COREQUEST_CLI_COMMON_H

#include <stddef.h>
#include <time.h>

#include "options.h"
#include "core/program.h"
#include "save/tracker.h"

/* Loads the level pack (--levels, or the installed one).  A broken file is
 * left out and counted on stderr; NULL, said on stderr, when the folder
 * cannot be read.  free() it. */
Program *cli_pack_load(const Options *o);

/* Loads the level pack and opens the save read for the history tools.  If
 * the folder holds no save yet, the tracker is an empty in-memory one and
 * nothing is created.  Prints problems to stderr.  Returns 0, or 1 with
 * nothing to free.  On success free with cli_history_close. */
int cli_history_open(const Options *o, Program **program, Tracker **tracker);
void cli_history_close(Program *program, Tracker *tracker);

/* The picture's size, colours (0xRRGGBB) and calendar grid, so that tests
 * can find what was drawn: a day's cell is REPORT_CELL square at
 * (REPORT_CAL_X + week * REPORT_CELL_PITCH, REPORT_CAL_Y + weekday *
 * REPORT_CELL_PITCH); its day number sits top left, a pain mark top right,
 * and the bottom right corner shows the plain colour. */
enum {
    REPORT_WIDTH = 1400,
    REPORT_HEIGHT = 1260,
    REPORT_WEEKS = 12,
    REPORT_CELL = 38,
    REPORT_CELL_PITCH = 44,
    REPORT_CAL_X = 124, /* top left of Monday in the first week */
    REPORT_CAL_Y = 360,
    REPORT_COLOR_DONE = 0x1b7f79,    /* a finished daily session */
    REPORT_COLOR_PARTIAL = 0xa6dcd6, /* a session ended early */
    REPORT_COLOR_NONE = 0xe4e4e4,    /* no session */
    REPORT_COLOR_PAIN = 0xc8283c     /* a pain stop that day */
};

/* Draws the report for the days up to `now` (local day with the day-start
 * hour) and writes it as a PNG.  Needs no display: software rendering on a
 * surface.  assets_dir holds fonts/.  Returns 0, or -1 with a message. */
int report_write_png(const Program *program, const Tracker *tracker, time_t now,
                     const char *assets_dir, const char *path, char *message,
                     size_t message_size);

/* The one-page A4 report for the physical therapist, the last 30 days
 * (REPORT_PDF_DAYS) up to `now`: the days with a session, pain scores over
 * time with their place, how each exercise felt, level changes and every
 * pain stop.  Drawn with cairo in the font from assets_dir/fonts (through
 * FreeType, embedded in the file).  Returns 0, or -1 with a message. */
enum { REPORT_PDF_DAYS = 30 };
int report_write_pdf(const Program *program, const Tracker *tracker, time_t now,
                     const char *assets_dir, const char *path, char *message,
                     size_t message_size);

#endif
