/* screens.c: the screen table (ScreenId to each screen file's ScreenDef)
 * and the first screen.  The layer above the app (app_run.c, app_tour.c,
 * tests) starts here; the app itself never names a screen. */
#include "screens.h"

const ScreenDef *screens_def(ScreenId id)
{
    static const ScreenDef *(*const table[SCREEN_COUNT])(void) = {
        [SCREEN_SAFETY] = screen_safety_def,
        [SCREEN_TITLE] = screen_title_def,
        [SCREEN_LEVEL_MAP] = screen_level_map_def,
        [SCREEN_WORKOUT] = screen_workout_def,
        [SCREEN_PAUSE] = screen_pause_def,
        [SCREEN_PAIN] = screen_pain_def,
        [SCREEN_SUMMARY] = screen_summary_def,
        [SCREEN_CALENDAR] = screen_calendar_def,
        [SCREEN_SETTINGS] = screen_settings_def,
        [SCREEN_HELP] = screen_help_def,
        [SCREEN_RATE] = screen_rate_def,
        [SCREEN_ADVICE] = screen_advice_def,
        [SCREEN_TOLERANCE] = screen_tolerance_def,
        [SCREEN_BACK_PAIN] = screen_back_pain_def,
    };
    return (unsigned)id < SCREEN_COUNT ? table[id]() : NULL;
}

void screens_start(App *app)
{
    app->help_overlay = screens_def(SCREEN_HELP);
    if (app->demo) {
        screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
        if (app_session_start(app, app->options ? app->options->level_id : NULL) == 0)
            screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);
        return;
    }
    if (!tracker_settings(app->tracker)->safety_notice_seen)
        screen_reset(&app->screens, screens_def(SCREEN_SAFETY), 0);
    else
        screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
}

void screens_today(App *app, bool advice_seen)
{
    const char *level = app->options ? app->options->level_id : NULL;
    if (!level && !advice_seen && tracker_advice(app->tracker)) {
        screen_push(&app->screens, screens_def(SCREEN_ADVICE), 0);
        return;
    }
    if (!level && tracker_tolerance_due(app->tracker, app_wall_time(app))) {
        screen_push(&app->screens, screens_def(SCREEN_TOLERANCE), 0);
        return;
    }
    /* Settings may ask how the back is; that screen starts the session. */
    if (!level && tracker_settings(app->tracker)->session_pain_ratings) {
        screen_push(&app->screens, screens_def(SCREEN_BACK_PAIN), BACK_PAIN_BEFORE);
        return;
    }
    if (app_session_start(app, level) == 0)
        screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);
}
