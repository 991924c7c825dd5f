/* options.h: the command line, parsed once in main.c and passed to the mode
 * that runs (window, audio-only, simulate, level tools, history tools). */
#ifndef COREQUEST_OPTIONS_H
#define COREQUEST_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

enum { OPTIONS_PATH_MAX = 4096 };

typedef struct {
    const char *levels_dir;    /* --levels DIR (default: the installed pack) */
    const char *check_dir;     /* --check-levels DIR */
    bool list_levels;          /* --list-levels */
    bool simulate;             /* --simulate */
    const char *replay_path;   /* --replay FILE */
    const char *level_id;      /* --level ID: one level instead of today's */
    const char *mode;          /* --mode confirm|tempo (overrides settings) */
    const char *data_dir;      /* --data-dir DIR; absolute after options_check_data_dir
                                * (then it points into data_dir_buf) */
    bool fullscreen;           /* --fullscreen */
    bool demo;                 /* --demo */
    const char *screenshot_dir;/* --screenshot DIR */
    int width, height;         /* --size WxH (0: default) */
    bool audio_only;           /* --audio-only */
    bool history;              /* --history */
    const char *export_csv;    /* --export-csv FILE */
    const char *report_png;    /* --report FILE.png */
    const char *assets_dir;    /* --assets DIR (default: the installed assets) */
    bool help;
    char data_dir_buf[OPTIONS_PATH_MAX]; /* storage for the absolute data_dir */
} Options;

/* Each mode returns the process exit status. */
int cli_check_levels(const Options *o);   /* src/cli/cli_levels.c */
int cli_list_levels(const Options *o);    /* src/cli/cli_levels.c */
int cli_simulate(const Options *o);       /* src/cli/cli_simulate.c */
int cli_history(const Options *o);        /* src/cli/cli_history.c */
int cli_export_csv(const Options *o);     /* src/cli/cli_history.c */
int cli_report(const Options *o);         /* src/cli/cli_report.c */
int app_run(const Options *o);            /* src/shell/app.c: window, demo, screenshots */
int audio_only_run(const Options *o);     /* src/shell/audio_only.c */

/* Checks --data-dir and makes it absolute (relative to the working folder,
 * "~" to $HOME), so the save stays where the user meant even if the
 * process changes folder, and messages show the whole path.  An empty
 * value, one that looks like an option, one naming a file or one too long
 * is refused: returns -1 with one line for the user in why.  Nothing to do
 * (returns 0) without --data-dir. */
int options_check_data_dir(Options *o, char *why, size_t why_size);

#endif
