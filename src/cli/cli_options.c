/* cli_options.c: the command line, parsed with getopt_long into Options:
 * one mode at most, each option only with the modes it goes with, --data-dir
 * made absolute, and every mistake one line (exit status 2).  No SDL. */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

enum {
    OPT_HELP = 'h',
    OPT_VERSION = 256,
    OPT_PATHS,
    OPT_LEVELS,
    OPT_CHECK_LEVELS,
    OPT_LIST_LEVELS,
    OPT_SIMULATE,
    OPT_REPLAY,
    OPT_LEVEL,
    OPT_MODE,
    OPT_DATA_DIR,
    OPT_FULLSCREEN,
    OPT_DEMO,
    OPT_SCREENSHOT,
    OPT_SIZE,
    OPT_AUDIO_ONLY,
    OPT_HISTORY,
    OPT_EXPORT_CSV,
    OPT_REPORT,
    OPT_ASSETS,
    OPT_RECORD_MOTION,
    OPT_CHECK_MOTION
};

static const struct option long_options[] = {
    {"help", no_argument, NULL, OPT_HELP},
    {"version", no_argument, NULL, OPT_VERSION},
    {"paths", no_argument, NULL, OPT_PATHS},
    {"levels", required_argument, NULL, OPT_LEVELS},
    {"check-levels", required_argument, NULL, OPT_CHECK_LEVELS},
    {"list-levels", no_argument, NULL, OPT_LIST_LEVELS},
    {"simulate", no_argument, NULL, OPT_SIMULATE},
    {"replay", required_argument, NULL, OPT_REPLAY},
    {"level", required_argument, NULL, OPT_LEVEL},
    {"mode", required_argument, NULL, OPT_MODE},
    {"data-dir", required_argument, NULL, OPT_DATA_DIR},
    {"fullscreen", no_argument, NULL, OPT_FULLSCREEN},
    {"demo", no_argument, NULL, OPT_DEMO},
    {"screenshot", required_argument, NULL, OPT_SCREENSHOT},
    {"size", required_argument, NULL, OPT_SIZE},
    {"audio-only", no_argument, NULL, OPT_AUDIO_ONLY},
    {"history", no_argument, NULL, OPT_HISTORY},
    {"export-csv", required_argument, NULL, OPT_EXPORT_CSV},
    {"report", required_argument, NULL, OPT_REPORT},
    {"assets", required_argument, NULL, OPT_ASSETS},
    {"record-motion", required_argument, NULL, OPT_RECORD_MOTION},
    {"check-motion", required_argument, NULL, OPT_CHECK_MOTION},
    {NULL, 0, NULL, 0}};

#define RUN_BIT(r) (1u << (r))

/* Options that shape one mode and mean nothing to the others.  --levels,
 * --assets and --data-dir say where things are and go with every mode. */
static const struct {
    int opt;
    unsigned runs;
} modifiers[] = {
    {OPT_FULLSCREEN, RUN_BIT(RUN_WINDOW) | RUN_BIT(RUN_DEMO)},
    {OPT_SIZE, RUN_BIT(RUN_WINDOW) | RUN_BIT(RUN_DEMO) | RUN_BIT(RUN_SCREENSHOT)},
    {OPT_LEVEL, RUN_BIT(RUN_WINDOW) | RUN_BIT(RUN_DEMO) | RUN_BIT(RUN_AUDIO_ONLY) |
                    RUN_BIT(RUN_SIMULATE)},
    {OPT_MODE, RUN_BIT(RUN_WINDOW) | RUN_BIT(RUN_DEMO) | RUN_BIT(RUN_AUDIO_ONLY) |
                   RUN_BIT(RUN_SIMULATE)},
    {OPT_REPLAY, RUN_BIT(RUN_SIMULATE) | RUN_BIT(RUN_AUDIO_ONLY)},
    {OPT_RECORD_MOTION, RUN_BIT(RUN_WINDOW) | RUN_BIT(RUN_AUDIO_ONLY)},
};
enum { MODIFIER_COUNT = sizeof modifiers / sizeof modifiers[0] };

/* The option that chooses each mode, as the person would type it. */
static const char *const run_names[RUN_COUNT] = {
    [RUN_WINDOW] = "the window", [RUN_DEMO] = "--demo", [RUN_SCREENSHOT] = "--screenshot",
    [RUN_AUDIO_ONLY] = "--audio-only", [RUN_SIMULATE] = "--simulate",
    [RUN_CHECK_LEVELS] = "--check-levels", [RUN_LIST_LEVELS] = "--list-levels",
    [RUN_CHECK_MOTION] = "--check-motion",
    [RUN_HISTORY] = "--history", [RUN_EXPORT_CSV] = "--export-csv", [RUN_REPORT] = "--report",
    [RUN_PATHS] = "--paths", [RUN_HELP] = "--help", [RUN_VERSION] = "--version"};

/* What each value is, for the messages: "--level needs a level id". */
static const struct {
    int opt;
    const char *what;
} values[] = {
    {OPT_LEVELS, "a folder"},     {OPT_CHECK_LEVELS, "a folder"}, {OPT_REPLAY, "a file"},
    {OPT_LEVEL, "a level id"},    {OPT_MODE, "confirm or tempo"}, {OPT_DATA_DIR, "a folder"},
    {OPT_SCREENSHOT, "a folder"}, {OPT_SIZE, "WIDTHxHEIGHT"},     {OPT_EXPORT_CSV, "a file"},
    {OPT_REPORT, "a file"},       {OPT_ASSETS, "a folder"},
    {OPT_RECORD_MOTION, "a file"}, {OPT_CHECK_MOTION, "a motion trace"},
};

static const char *value_name(int opt)
{
    for (size_t i = 0; i < sizeof values / sizeof values[0]; i++)
        if (values[i].opt == opt)
            return values[i].what;
    return "a value";
}

static const char *option_name(int opt)
{
    for (const struct option *lo = long_options; lo->name; lo++)
        if (lo->val == opt)
            return lo->name;
    return "?";
}

static int usage_error(char *error, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(error, size, fmt, ap);
    va_end(ap);
    return 2;
}

ReportKind options_report_kind(const char *path)
{
    size_t n = strlen(path);
    if (n > 4 && strcasecmp(path + n - 4, ".png") == 0)
        return REPORT_KIND_PNG;
    if (n > 4 && strcasecmp(path + n - 4, ".pdf") == 0)
        return REPORT_KIND_PDF;
    return REPORT_KIND_UNKNOWN;
}

static int parse_size(const char *text, int *w, int *h)
{
    int a, b;
    char extra;
    if (sscanf(text, "%dx%d%c", &a, &b, &extra) != 2 || a < 320 || b < 200 || a > 8192 || b > 8192)
        return -1;
    *w = a;
    *h = b;
    return 0;
}

/* "--x and --y" / "--x, --y or --z": the modes a modifier goes with. */
static void list_runs(unsigned runs, char *out, size_t size)
{
    int count = 0, total = 0;
    for (int r = 0; r < RUN_COUNT; r++)
        total += (runs & RUN_BIT(r)) != 0;
    out[0] = '\0';
    for (int r = 0; r < RUN_COUNT; r++) {
        if (!(runs & RUN_BIT(r)))
            continue;
        size_t n = strlen(out);
        const char *sep = count == 0 ? "" : count == total - 1 ? " or " : ", ";
        snprintf(out + n, size - n, "%s%s", sep, run_names[r]);
        count++;
    }
}

/* A mode option: only one mode per run (saying the same one twice is
 * fine).  Two modes are reported after the loop, so that --help and
 * --version still win; the first clash is the one said. */
static void choose_run(Options *o, OptionsRun run, bool *chosen, char *clash, size_t size)
{
    if (*chosen && o->run != run && !clash[0])
        snprintf(clash, size, "%s and %s are different modes: choose one (see --help)",
                 run_names[o->run], run_names[run]);
    if (!*chosen)
        o->run = run;
    *chosen = true;
}

int options_parse(int argc, char **argv, Options *o, char *error, size_t size)
{
    memset(o, 0, sizeof *o);
    error[0] = '\0';
    bool chosen = false, version = false;
    char clash[160] = "";
    bool seen[MODIFIER_COUNT] = {false};
    /* getopt keeps its place in globals: start afresh (0 also re-reads
     * the optstring in glibc), and say nothing itself. */
    optind = 0;
    opterr = 0;
    int c, index = -1;
    while ((c = getopt_long(argc, argv, ":h", long_options, &index)) != -1) {
        const char *used = argv[optind - 1];
        if (c == '?') {
            const char *eq = strchr(used, '=');
            if (strncmp(used, "--", 2) == 0 && eq) {
                for (const struct option *lo = long_options; lo->name; lo++)
                    if (lo->has_arg == no_argument && strlen(lo->name) == (size_t)(eq - used - 2) &&
                        strncmp(lo->name, used + 2, strlen(lo->name)) == 0)
                        return usage_error(error, size, "--%s takes no value (see --help)",
                                           lo->name);
            }
            if (optopt && optopt < 256 && strncmp(used, "--", 2) != 0)
                return usage_error(error, size, "unknown option '-%c' (see --help)", optopt);
            /* getopt_long takes any unique start of a name; say which names
             * a shared start could mean. */
            size_t typed = eq ? (size_t)(eq - used - 2) : strlen(used + 2);
            char could[256] = "";
            int matches = 0;
            for (const struct option *lo = long_options; lo->name && typed > 0; lo++)
                if (strncmp(used, "--", 2) == 0 && strncmp(lo->name, used + 2, typed) == 0) {
                    size_t n = strlen(could);
                    snprintf(could + n, sizeof could - n, "%s--%s", matches ? ", " : "", lo->name);
                    matches++;
                }
            if (matches > 1)
                return usage_error(error, size, "'%s' could be %s: write more of it", used, could);
            return usage_error(error, size, "unknown option '%s' (see --help)", used);
        }
        if (c == ':')
            return usage_error(error, size, "--%s needs %s (see --help)", option_name(optopt),
                               value_name(optopt));
        if (optarg) {
            /* "--data-dir --simulate": the folder was forgotten and the next
             * option would be swallowed as its value. */
            bool separate = optarg == argv[optind - 1];
            if (!optarg[0])
                return usage_error(error, size, "--%s needs %s, but it was given an empty value",
                                   option_name(c), value_name(c));
            if (separate && optarg[0] == '-' && optarg[1])
                return usage_error(error, size, "--%s needs %s, but '%s' comes next (see --help)",
                                   option_name(c), value_name(c), optarg);
        }
        for (int m = 0; m < MODIFIER_COUNT; m++)
            if (modifiers[m].opt == c)
                seen[m] = true;
        switch (c) {
        case OPT_HELP: o->help = true; break;
        case OPT_VERSION: version = true; break;
        case OPT_PATHS: choose_run(o, RUN_PATHS, &chosen, clash, sizeof clash); break;
        case OPT_LEVELS: o->levels_dir = optarg; break;
        case OPT_CHECK_LEVELS:
            o->check_dir = optarg;
            choose_run(o, RUN_CHECK_LEVELS, &chosen, clash, sizeof clash);
            break;
        case OPT_LIST_LEVELS:
            o->list_levels = true;
            choose_run(o, RUN_LIST_LEVELS, &chosen, clash, sizeof clash);
            break;
        case OPT_SIMULATE:
            o->simulate = true;
            choose_run(o, RUN_SIMULATE, &chosen, clash, sizeof clash);
            break;
        case OPT_REPLAY: o->replay_path = optarg; break;
        case OPT_LEVEL: o->level_id = optarg; break;
        case OPT_MODE:
            if (strcmp(optarg, "confirm") != 0 && strcmp(optarg, "tempo") != 0)
                return usage_error(error, size, "--mode is 'confirm' or 'tempo', not '%s'", optarg);
            o->mode = optarg;
            break;
        case OPT_DATA_DIR: o->data_dir = optarg; break;
        case OPT_FULLSCREEN: o->fullscreen = true; break;
        case OPT_DEMO:
            o->demo = true;
            choose_run(o, RUN_DEMO, &chosen, clash, sizeof clash);
            break;
        case OPT_SCREENSHOT:
            o->screenshot_dir = optarg;
            choose_run(o, RUN_SCREENSHOT, &chosen, clash, sizeof clash);
            break;
        case OPT_SIZE:
            if (parse_size(optarg, &o->width, &o->height) != 0)
                return usage_error(error, size,
                                   "--size needs WIDTHxHEIGHT from 320x200 to 8192x8192, e.g. "
                                   "1920x1080, not '%s'", optarg);
            break;
        case OPT_AUDIO_ONLY:
            o->audio_only = true;
            choose_run(o, RUN_AUDIO_ONLY, &chosen, clash, sizeof clash);
            break;
        case OPT_HISTORY:
            o->history = true;
            choose_run(o, RUN_HISTORY, &chosen, clash, sizeof clash);
            break;
        case OPT_EXPORT_CSV:
            o->export_csv = optarg;
            choose_run(o, RUN_EXPORT_CSV, &chosen, clash, sizeof clash);
            break;
        case OPT_REPORT:
            o->report_file = optarg;
            if (options_report_kind(optarg) == REPORT_KIND_UNKNOWN)
                return usage_error(error, size,
                                   "--report writes a .png picture or a .pdf page, not '%s' "
                                   "(see --help)", optarg);
            choose_run(o, RUN_REPORT, &chosen, clash, sizeof clash);
            break;
        case OPT_ASSETS: o->assets_dir = optarg; break;
        case OPT_RECORD_MOTION: o->record_motion = optarg; break;
        case OPT_CHECK_MOTION:
            o->check_motion = optarg;
            choose_run(o, RUN_CHECK_MOTION, &chosen, clash, sizeof clash);
            break;
        default:
            return usage_error(error, size, "unknown option '%s' (see --help)", used);
        }
    }
    if (optind < argc)
        return usage_error(error, size, "unexpected argument '%s' (options start with --; see --help)",
                           argv[optind]);
    if (o->help || version) {
        o->run = o->help ? RUN_HELP : RUN_VERSION;
        return 0;
    }
    if (clash[0])
        return usage_error(error, size, "%s", clash);
    for (int m = 0; m < MODIFIER_COUNT; m++) {
        if (!seen[m] || (modifiers[m].runs & RUN_BIT(o->run)))
            continue;
        char with[160];
        list_runs(modifiers[m].runs, with, sizeof with);
        return usage_error(error, size, "--%s goes with %s, not with %s",
                           option_name(modifiers[m].opt), with, run_names[o->run]);
    }
    return options_check_data_dir(o, error, size) == 0 ? 0 : 2;
}

int options_check_data_dir(Options *o, char *why, size_t why_size)
{
    const char *given = o->data_dir;
    if (!given)
        return 0;
    if (!given[0]) {
        snprintf(why, why_size, "--data-dir needs a folder, but it was given an empty value");
        return -1;
    }
    if (given[0] == '-') {
        /* "--data-dir --simulate" forgot the folder and swallowed an option. */
        snprintf(why, why_size,
                 "--data-dir needs a folder, not '%s' (for a folder of that name write ./%s)",
                 given, given);
        return -1;
    }
    char *out = o->data_dir_buf;
    size_t size = sizeof o->data_dir_buf;
    int n;
    if (given[0] == '/') {
        n = snprintf(out, size, "%s", given);
    } else if (given[0] == '~' && (given[1] == '\0' || given[1] == '/')) {
        /* Quoted or not at a word start, the shell left the ~ alone. */
        const char *home = getenv("HOME");
        if (!home || home[0] != '/') {
            snprintf(why, why_size, "--data-dir '%s': HOME is not set to a folder", given);
            return -1;
        }
        n = snprintf(out, size, "%s%s", home, given + 1);
    } else {
        char cwd[OPTIONS_PATH_MAX];
        if (!getcwd(cwd, sizeof cwd)) {
            snprintf(why, why_size, "--data-dir '%s': cannot tell the current folder (%s)",
                     given, strerror(errno));
            return -1;
        }
        const char *rest = given;
        while (rest[0] == '.' && rest[1] == '/')
            for (rest += 2; *rest == '/'; rest++) {
            }
        if (strcmp(rest, ".") == 0)
            rest = "";
        n = snprintf(out, size, "%s%s%s", cwd, strcmp(cwd, "/") != 0 && rest[0] ? "/" : "",
                     rest);
    }
    if (n < 0 || (size_t)n >= size) {
        snprintf(why, why_size, "--data-dir: the folder name is too long");
        return -1;
    }
    for (size_t len = strlen(out); len > 1 && out[len - 1] == '/'; len--)
        out[len - 1] = '\0';
    struct stat st;
    if (stat(out, &st) == 0 && !S_ISDIR(st.st_mode)) {
        snprintf(why, why_size, "--data-dir '%s' is a file, not a folder", out);
        return -1;
    }
    o->data_dir = out;
    return 0;
}

