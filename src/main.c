/* main.c: parses the command line and hands over to one mode.
 * Every mode owns its own init/shutdown pairs; see ARCHITECTURE.md. */
#include <stdio.h>

#include "options.h"
#include "platform/desktop.h"
#include "platform/paths.h"

static void print_help(FILE *out)
{
    fputs(
        "corequest: a guided core and back strengthening routine, as a game.\n"
        "\n"
        "Usage: corequest [options]\n"
        "Values go after a space or an '=': --level bridge_1, --level=bridge_1.\n"
        "\n"
        "Modes (default: the window; at most one)\n"
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
        "  --record-motion FILE   window or --audio-only: save a motion pad's sensor\n"
        "                         samples and the session's cues to FILE (a trace)\n"
        "\n"
        "Levels\n"
        "  --levels DIR           load another level pack\n"
        "  --check-levels DIR     validate a level pack; exit 1 on any error\n"
        "  --list-levels          print every track and level\n"
        "  --check-motion TRACE   replay a motion trace (--record-motion) through a\n"
        "                         session and say what the pad alone counted\n"
        "\n"
        "Progress\n"
        "  --data-dir DIR         where the save lives (default: your data folder)\n"
        "  --history              print the streak and the last sessions\n"
        "  --export-csv FILE      one row per exercise done, for your therapist\n"
        "                         (and FILE-weekly-check.csv: the weekly checks)\n"
        "  --report FILE.png      a picture of adherence, levels and pain days\n"
        "  --report FILE.pdf      a printable A4 page for your physical therapist\n"
        "\n"
        "Other\n"
        "  --assets DIR           load fonts, sounds and sprites from DIR\n"
        "  --paths                print where the levels, assets and save are\n"
        "  --version              print the version\n"
        "  --help, -h             print this help\n"
        "A mistake on the command line prints one line and exits with status 2.\n"
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
        "  1 / 2 / 3, or left / confirm / right   after an exercise: too easy, just right,\n"
        "                         too hard (no answer in a few seconds: just right)\n"
        "  0-9 (1 then 0 is 10), left/right   at a pain stop: how bad, 0 to 10\n"
        "                         (audio-only: digits or up/down, said back)\n"
        "  C                      audio-only, at the advice: I have checked with a therapist\n"
        "  Confirm pressed during a move counts the rep; you may keep it down through\n"
        "  the hold until the beep (letting go early is fine, and is mentioned).\n"
        "  Settings can swap the pad's confirm and back buttons.  Pads can be plugged\n"
        "  in at any time; unplugging the one in use pauses the workout.  Extra\n"
        "  mappings: gamecontrollerdb.txt in the data folder, or SDL_GAMECONTROLLERCONFIG.\n"
        "\n"
        "Motion pad: a DualShock 4, DualSense, Switch Pro or Joy-Con pad strapped to the\n"
        "  thigh (or upper arm for supermans) counts bridges, supermans, clamshells and\n"
        "  kickbacks by itself; confirm still works.  Linux needs access to the pad's\n"
        "  hidraw device (Debian's steam-devices package).  See docs/MOTION.md.\n"
        "\n"
        "Stop whenever something hurts. Check with your doctor or a physical\n"
        "therapist before starting a new exercise routine. Stop and see a doctor if\n"
        "pain spreads down a leg, a leg goes numb, tingly or weak, you feel numb\n"
        "around your bottom or groin, your bladder or bowels change, or you have a\n"
        "fever or pain at night.\n",
        out);
}

int main(int argc, char **argv)
{
    Options o;
    char error[600];
    if (options_parse(argc, argv, &o, error, sizeof error) != 0) {
        fprintf(stderr, "corequest: %s\n", error);
        return 2;
    }
    desktop_identify();
    if (o.level_id) {
        int status = cli_check_level_id(&o);
        if (status != 0)
            return status;
    }
    switch (o.run) {
    case RUN_HELP: print_help(stdout); return 0;
    case RUN_VERSION: printf("corequest %s\n", COREQUEST_VERSION); return 0;
    case RUN_PATHS: return paths_print(stdout, &o);
    case RUN_CHECK_LEVELS: return cli_check_levels(&o);
    case RUN_LIST_LEVELS: return cli_list_levels(&o);
    case RUN_CHECK_MOTION: return cli_check_motion(&o);
    case RUN_SIMULATE: return cli_simulate(&o);
    case RUN_HISTORY: return cli_history(&o);
    case RUN_EXPORT_CSV: return cli_export_csv(&o);
    case RUN_REPORT: return cli_report(&o);
    case RUN_AUDIO_ONLY: return audio_only_run(&o);
    case RUN_WINDOW: case RUN_DEMO: case RUN_SCREENSHOT: return app_run(&o);
    case RUN_COUNT: break;
    }
    return 2;
}
