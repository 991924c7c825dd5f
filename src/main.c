/* main.c: parses the command line and hands over to one mode.
 * Every mode owns its own init/shutdown pairs; see ARCHITECTURE.md. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

static void print_help(FILE *out)
{
    fputs(
        "corequest: a guided core and back strengthening routine, as a game.\n"
        "\n"
        "Usage: corequest [options]\n"
        "\n"
        "Modes (default: the window)\n"
        "  --fullscreen           start in fullscreen (F11 or Alt+Enter toggles)\n"
        "  --audio-only           no window: follow by voice and beeps\n"
        "  --demo                 the window plays today's session by itself\n"
        "  --screenshot DIR       write a PNG of every screen to DIR and quit\n"
        "  --size WxH             window or screenshot size (default 1280x720)\n"
        "  --simulate             run the session on a virtual clock, print the cues\n"
        "  --replay FILE          with --simulate or --audio-only: timed actions\n"
        "                         (lines like \"12.5 CONFIRM\", seconds from the start)\n"
        "  --level ID             one level instead of today's session\n"
        "  --mode confirm|tempo   confirm each rep, or let reps run on a tempo\n"
        "\n"
        "Levels\n"
        "  --levels DIR           load another level pack\n"
        "  --check-levels DIR     validate a level pack; exit 1 on any error\n"
        "  --list-levels          print every track and level\n"
        "\n"
        "Progress\n"
        "  --data-dir DIR         where the save lives (default: your data folder)\n"
        "  --history              print the streak and the last sessions\n"
        "  --export-csv FILE      one row per exercise done, for your therapist\n"
        "  --report FILE.png      a picture of adherence, levels and pain days\n"
        "\n"
        "Controls (keyboard / gamepad; pad buttons go by position, not by label)\n"
        "  Enter or Space / bottom button (A, Cross; B on Nintendo)   confirm a rep, choose\n"
        "  Escape or Backspace / right button (B, Circle; A on Nintendo)   back\n"
        "                         (in an exercise, back pauses)\n"
        "  P / Start (Menu, Options, Plus)   pause and resume\n"
        "  X / top button (Y, Triangle; X on Nintendo)   PAIN: stop this exercise now\n"
        "  S / tap Back (View, Share, Create, Minus)   skip the exercise\n"
        "  F1 or H / hold Back for a second   show the controls (audio-only: H says them)\n"
        "  arrows / d-pad or left stick   move the focus; hold to repeat\n"
        "  F11 or Alt+Enter       full screen\n"
        "  Q or Escape            audio-only: end the session\n"
        "  Confirm pressed during a move counts the rep; you may keep it down through\n"
        "  the hold until the beep (letting go early is fine, and is mentioned).\n"
        "  Settings can swap the pad's confirm and back buttons.  Pads can be plugged\n"
        "  in at any time; unplugging the one in use pauses the workout.  Extra\n"
        "  mappings: gamecontrollerdb.txt in the data folder, or SDL_GAMECONTROLLERCONFIG.\n"
        "\n"
        "Stop whenever something hurts. Check with your doctor or a physical\n"
        "therapist before starting a new exercise routine.\n",
        out);
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

/* Returns 0, or prints what was wrong and returns 2 (usage error). */
static int parse_args(int argc, char **argv, Options *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
#define TAKE_VALUE(field)                                                   \
    do {                                                                    \
        if (!next) {                                                        \
            fprintf(stderr, "corequest: %s needs a value (see --help)\n", a); \
            return 2;                                                       \
        }                                                                   \
        o->field = next;                                                    \
        i++;                                                                \
    } while (0)
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) o->help = true;
        else if (!strcmp(a, "--levels")) TAKE_VALUE(levels_dir);
        else if (!strcmp(a, "--check-levels")) TAKE_VALUE(check_dir);
        else if (!strcmp(a, "--list-levels")) o->list_levels = true;
        else if (!strcmp(a, "--simulate")) o->simulate = true;
        else if (!strcmp(a, "--replay")) TAKE_VALUE(replay_path);
        else if (!strcmp(a, "--level")) TAKE_VALUE(level_id);
        else if (!strcmp(a, "--mode")) TAKE_VALUE(mode);
        else if (!strcmp(a, "--data-dir")) TAKE_VALUE(data_dir);
        else if (!strcmp(a, "--fullscreen")) o->fullscreen = true;
        else if (!strcmp(a, "--demo")) o->demo = true;
        else if (!strcmp(a, "--screenshot")) TAKE_VALUE(screenshot_dir);
        else if (!strcmp(a, "--audio-only")) o->audio_only = true;
        else if (!strcmp(a, "--history")) o->history = true;
        else if (!strcmp(a, "--export-csv")) TAKE_VALUE(export_csv);
        else if (!strcmp(a, "--report")) TAKE_VALUE(report_png);
        else if (!strcmp(a, "--assets")) TAKE_VALUE(assets_dir);
        else if (!strcmp(a, "--size")) {
            if (!next || parse_size(next, &o->width, &o->height) != 0) {
                fprintf(stderr, "corequest: --size needs WIDTHxHEIGHT, e.g. 1920x1080\n");
                return 2;
            }
            i++;
        } else {
            fprintf(stderr, "corequest: unknown option '%s' (see --help)\n", a);
            return 2;
        }
#undef TAKE_VALUE
    }
    if (o->mode && strcmp(o->mode, "confirm") != 0 && strcmp(o->mode, "tempo") != 0) {
        fprintf(stderr, "corequest: --mode is 'confirm' or 'tempo', not '%s'\n", o->mode);
        return 2;
    }
    if (o->replay_path && !o->simulate && !o->audio_only) {
        fprintf(stderr, "corequest: --replay goes with --simulate or --audio-only\n");
        return 2;
    }
    char why[OPTIONS_PATH_MAX + 128];
    if (options_check_data_dir(o, why, sizeof why) != 0) {
        fprintf(stderr, "corequest: %s\n", why);
        return 2;
    }
    return 0;
}

int main(int argc, char **argv)
{
    Options o;
    int status = parse_args(argc, argv, &o);
    if (status != 0)
        return status;
    if (o.help) {
        print_help(stdout);
        return 0;
    }
    if (o.check_dir) return cli_check_levels(&o);
    if (o.list_levels) return cli_list_levels(&o);
    if (o.simulate) return cli_simulate(&o);
    if (o.history) return cli_history(&o);
    if (o.export_csv) return cli_export_csv(&o);
    if (o.report_png) return cli_report(&o);
    if (o.audio_only) return audio_only_run(&o);
    return app_run(&o);
}
