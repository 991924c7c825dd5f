/* screens.h: every screen of the window, in one table, and the widgets they
 * share (frame, headings, menus, hints).  Screens talk to the rest through
 * app.h; none of them knows another's internals. */
#ifndef COREQUEST_SCREENS_H
#define COREQUEST_SCREENS_H

#include <stdbool.h>
#include <stdint.h>
#include <SDL.h>

#include "app.h"
#include "screen.h"

typedef enum {
    SCREEN_SAFETY,
    SCREEN_TITLE,
    SCREEN_LEVEL_MAP,
    SCREEN_WORKOUT,
    SCREEN_PAUSE,
    SCREEN_PAIN,
    SCREEN_SUMMARY,
    SCREEN_CALENDAR,
    SCREEN_SETTINGS,
    SCREEN_HELP,
    SCREEN_RATE,
    SCREEN_ADVICE,
    SCREEN_TOLERANCE,
    SCREEN_BACK_PAIN, /* arg: BACK_PAIN_BEFORE or BACK_PAIN_AFTER */
    SCREEN_COUNT
} ScreenId;

/* The table (screens.c): one ScreenDef per id. */
const ScreenDef *screens_def(ScreenId id);
/* The first screen: the safety notice on first run, else the title; with
 * --demo, today's session at once.  Also hands the app its help overlay. */
void screens_start(App *app);

/* Level map arguments. */
enum { LEVEL_MAP_BROWSE = 0, LEVEL_MAP_PRACTISE = 1 };

/* Each screen file's definition (the table's rows). */
const ScreenDef *screen_safety_def(void);
const ScreenDef *screen_title_def(void);
const ScreenDef *screen_level_map_def(void);
const ScreenDef *screen_workout_def(void);
const ScreenDef *screen_pause_def(void);
const ScreenDef *screen_pain_def(void);
const ScreenDef *screen_summary_def(void);
const ScreenDef *screen_calendar_def(void);
const ScreenDef *screen_settings_def(void);
const ScreenDef *screen_help_def(void);
const ScreenDef *screen_rate_def(void);
const ScreenDef *screen_advice_def(void);
const ScreenDef *screen_tolerance_def(void);
const ScreenDef *screen_back_pain_def(void);

/* "Today's session" from the title: the advice to see a therapist first
 * while it stands (unless advice_seen), then the weekly check when it is
 * due, then the workout.  One level practised (--level) goes straight in. */
void screens_today(App *app, bool advice_seen);

/* ---- widgets (ui.c) ---- */

/* The usual split of the safe area: a heading, the body, a hint line. */
typedef struct {
    SDL_Rect header, body, footer;
} UiFrame;

UiFrame ui_frame(App *app);
int ui_line(App *app, TextSize size, TextWeight weight);
/* How tall text is when wrapped to width in style (up to its max_lines),
 * with all the height it could want: a row's height from its words. */
int ui_text_height(App *app, const char *text, int width, TextStyle style);
void ui_heading(App *app, SDL_Rect r, const char *text);
void ui_hint(App *app, SDL_Rect r, const char *text);
void ui_panel(App *app, SDL_Rect r, bool focused);
/* Darkens what is below an overlay. */
void ui_dim(App *app);
/* A vertical menu of big buttons; details may be NULL or hold NULLs.  The
 * focused item has a thick outline, a pointer and bold text, so focus
 * never rests on colour alone. */
void ui_menu(App *app, SDL_Rect area, const char *const *labels,
             const char *const *details, int count, int focus);
/* The height a menu of count items wants (one or two lines each). */
int ui_menu_height(App *app, int count, bool with_details);
/* A 0-10 scale across r, score (-1 none) lit; focused outlines the score,
 * or 5 where the first left/right press lands. */
void ui_scale(App *app, SDL_Rect r, int score, bool focused);
/* A 0-10 score moved by a digit (1 then 0 within 1.5 s is ten) or
 * left/right (the first press lands on 5); true when ev moved it. */
typedef struct {
    int score;        /* -1: none yet */
    int64_t digit_ms; /* when a lone "1" was typed, -1 none */
} UiScore;
bool ui_score_handle(UiScore *s, const InputEvent *ev, int64_t now_ms);
int ui_menu_nav(int focus, int count, Nav nav);
/* A key (backdrop.h) for what depends on the layout: the output size and
 * the safe area (which a notice's band shrinks). */
uint64_t ui_layout_key(const App *app);
/* Rectangle of item i in a menu laid out in area. */
SDL_Rect ui_menu_item(App *app, SDL_Rect area, int i, int count, bool with_details);

#endif
