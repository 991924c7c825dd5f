/* options.h: the command line, parsed once (options_parse, in
 * src/cli/cli_options.c) and passed to the mode that runs (window,
 * audio-only, simulate, level tools, history tools). */
#ifndef COREQUEST_OPTIONS_H
#define COREQUEST_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

enum { OPTIONS_PATH_MAX = 4096 };

/* What this run does: one mode, chosen by at most one mode option. */
typedef enum {
    RUN_WINDOW,        /* no mode option */
    RUN_DEMO,          /* --demo */
    RUN_SCREENSHOT,    /* --screenshot DIR */
    RUN_AUDIO_ONLY,    /* --audio-only */
    RUN_SIMULATE,      /* --simulate */
    RUN_CHECK_LEVELS,  /* --check-levels DIR */
    RUN_LIST_LEVELS,   /* --list-levels */
    RUN_CHECK_MOTION,  /* --check-motion TRACE */
    RUN_HISTORY,       /* --history */
    RUN_EXPORT_CSV,    /* --export-csv FILE */
    RUN_REPORT,        /* --report FILE.png */
    RUN_PATHS,         /* --paths */
    RUN_HELP,          /* --help, -h: wins over any mode */
    RUN_VERSION,       /* --version: wins over any mode but --help */
    RUN_COUNT
} OptionsRun;

typedef struct {
    OptionsRun run;
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
    const char *report_file;   /* --report FILE.png or FILE.pdf */
    const char *assets_dir;    /* --assets DIR (default: the installed assets) */
    const char *record_motion; /* --record-motion FILE: a motion pad's samples */
    const char *check_motion;  /* --check-motion TRACE */
    bool help;
    char data_dir_buf[OPTIONS_PATH_MAX]; /* storage for the absolute data_dir */
} Options;

/* Parses argv with getopt_long: "--opt VALUE" and "--opt=VALUE" both work.
 * The strings in *o point into argv (data_dir, made absolute, into
 * o->data_dir_buf).  Returns 0, or 2 (a usage error) with one line for the
 * person in error (no "corequest: " prefix): an unknown option, a missing
 * or empty value (a separate value that starts with '-' counts as missing:
 * write --opt=-x for that), two modes at once, an option that does not go
 * with the mode, a bad --size or --mode, or a --data-dir that
 * options_check_data_dir refuses. */
int options_parse(int argc, char **argv, Options *o, char *error, size_t error_size);

/* What --report writes, from the file name's extension (any case). */
typedef enum { REPORT_KIND_UNKNOWN, REPORT_KIND_PNG, REPORT_KIND_PDF } ReportKind;
ReportKind options_report_kind(const char *path);

/* Each mode returns the process exit status. */
int cli_check_levels(const Options *o);   /* src/cli/cli_levels.c */
int cli_list_levels(const Options *o);    /* src/cli/cli_levels.c */
/* --level ID names a level of the pack: 0, or 2 with a line on stderr. */
int cli_check_level_id(const Options *o); /* src/cli/cli_levels.c */
int cli_simulate(const Options *o);       /* src/cli/cli_simulate.c */
int cli_check_motion(const Options *o);   /* src/cli/cli_motion.c */
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
 * (returns 0) without --data-dir.  options_parse calls it. */
int options_check_data_dir(Options *o, char *why, size_t why_size);

#endif
