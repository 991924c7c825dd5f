/* options.h: the command line, parsed once in main.c and passed to the mode
 * that runs (window, audio-only, simulate, level tools, history tools). */
#ifndef COREQUEST_OPTIONS_H
#define COREQUEST_OPTIONS_H

#include <stdbool.h>

typedef struct {
    const char *levels_dir;    /* --levels DIR (default: the installed pack) */
    const char *check_dir;     /* --check-levels DIR */
    bool list_levels;          /* --list-levels */
    bool simulate;             /* --simulate */
    const char *replay_path;   /* --replay FILE */
    const char *level_id;      /* --level ID: one level instead of today's */
    const char *mode;          /* --mode confirm|tempo (overrides settings) */
    const char *data_dir;      /* --data-dir DIR */
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

/* Directories compiled in (CMake), overridable by options. */
const char *options_levels_dir(const Options *o);
const char *options_assets_dir(const Options *o);

#endif
