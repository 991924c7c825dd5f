/* title.c: the title screen.  Today's session has the focus, so a session
 * starts with one press; the streak is shown big. */
#include "screens.h"

#include <stdio.h>

#include "backdrop.h"
#include "render.h"

typedef enum {
    TITLE_TODAY,
    TITLE_PRACTISE,
    TITLE_MAP,
    TITLE_CALENDAR,
    TITLE_SETTINGS,
    TITLE_QUIT,
    TITLE_ITEM_COUNT
} TitleItem;

typedef struct {
    int focus;
    StreakInfo streak;
    int minutes;  /* today's session, estimated */
    int exercises;
    char today_detail[96];
    unsigned serial; /* app->progress_serial when last read */
} TitleState;

static void title_refresh(App *app, TitleState *st)
{
    st->serial = app->progress_serial;
    st->streak = tracker_streak(app->tracker, app_wall_time(app));
    Plan plan;
    st->exercises = tracker_plan_daily(app->tracker, &plan);
    Session s;
    /* Whole minutes need only the core's length estimates: the voice's exact
     * ones would make every prompt of the day before the first frame. */
    SessionConfig config = app_session_config(app);
    config.say_ms = NULL;
    session_init(&s, &plan, config, NULL, NULL);
    int64_t ms = session_estimate_ms(&s);
    st->minutes = (int)((ms + 30000) / 60000);
    snprintf(st->today_detail, sizeof st->today_detail, "%d exercises, about %d minutes",
             st->exercises, st->minutes);
}

static void title_enter(void *ctx, void *state, int arg)
{
    (void)arg;
    title_refresh(ctx, state);
}

static bool title_update(void *ctx, void *state, int64_t now)
{
    (void)now;
    App *app = ctx;
    TitleState *st = state;
    /* Back on top with a session still live: it was left, so it ends. */
    if (app->session_live)
        app_session_abandon(app);
    /* Coming back from a session or the settings: numbers may have moved. */
    if (st->serial != app->progress_serial)
        title_refresh(app, st);
    return false;
}

static void draw_streak(App *app, SDL_Rect r, const StreakInfo *s)
{
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    ui_panel(app, r, false);
    SDL_Rect in = rect_inset(r, l->gap * 2);
    int title_h = ui_line(app, TEXT_TITLE, TEXT_BOLD);
    SDL_Rect top = rect_cut_top(&in, title_h);
    SDL_Rect star = rect_cut_left(&top, title_h);
    render_star(app->renderer, star.x + star.w / 2.0f, star.y + star.h / 2.0f, star.w * 0.42f,
                s->current > 0 ? th->accent : th->text_dim);
    rect_cut_left(&top, l->gap);
    char num[32];
    snprintf(num, sizeof num, "%d", s->current);
    TextStyle big = text_style(TEXT_TITLE, TEXT_BOLD, th->text);
    big.align = TEXT_ALIGN_LEFT;
    text_draw(app->text, num, top, big);
    char line[96];
    snprintf(line, sizeof line, "day%s in a row", s->current == 1 ? "" : "s");
    TextStyle body = text_style(TEXT_BODY, TEXT_BOLD, th->text);
    body.align = TEXT_ALIGN_LEFT;
    text_draw(app->text, line, rect_cut_top(&in, ui_line(app, TEXT_BODY, TEXT_BOLD)), body);
    if (s->alive_today && s->current > 0)
        snprintf(line, sizeof line, "Today is done. Best: %d", s->best);
    else if (s->current > 0)
        snprintf(line, sizeof line, "Today keeps it going. Best: %d", s->best);
    else
        snprintf(line, sizeof line, "Today's session starts a streak.");
    TextStyle dim = text_style(TEXT_SMALL, TEXT_REGULAR, th->text_dim);
    dim.align = TEXT_ALIGN_LEFT;
    dim.valign = TEXT_VALIGN_TOP;
    dim.max_lines = 2;
    text_draw(app->text, line, in, dim);
}

static void title_draw_all(App *app, TitleState *st, const char *hint);

/* Nothing on the title moves: the whole screen is one cached layer
 * (backdrop.h), drawn again only when what it shows changes. */
static void title_draw(void *ctx, void *state, int64_t now)
{
    (void)now;
    App *app = ctx;
    TitleState *st = state;
    char hint[256];
    const Input *in = &app->input;
    snprintf(hint, sizeof hint, "%s: move    %s: choose    %s: controls    Pain in an exercise: %s",
             input_label(in, INPUT_CONTROL_MOVE), input_confirm_label(in),
             input_label(in, INPUT_CONTROL_HELP), input_label(in, INPUT_CONTROL_PAIN));
    uint64_t key = backdrop_hash_str(ui_layout_key(app), hint);
    key = backdrop_hash_str(key, st->today_detail);
    int numbers[] = {st->focus, st->streak.current, st->streak.best, st->streak.alive_today};
    key = backdrop_hash(key, numbers, sizeof numbers);
    if (backdrop_begin(app->backdrop, key, render_theme()->bg))
        title_draw_all(app, st, hint);
    backdrop_end(app->backdrop);
}

static void title_draw_all(App *app, TitleState *st, const char *hint)
{
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    SDL_Rect r = l->safe;
    SDL_Rect footer = rect_cut_bottom(&r, ui_line(app, TEXT_SMALL, TEXT_REGULAR) * (l->portrait ? 2 : 1) + l->gap);
    rect_cut_bottom(&r, l->gap);

    SDL_Rect left, right;
    if (l->portrait) {
        left = rect_cut_top(&r, r.h * 2 / 5);
        rect_cut_top(&r, l->gap);
        right = r;
    } else {
        left = rect_cut_left(&r, r.w * 9 / 20);
        rect_cut_left(&r, l->gap * 3);
        right = r;
    }

    SDL_Rect name = rect_cut_top(&left, ui_line(app, TEXT_TITLE, TEXT_BOLD));
    TextStyle ts = text_style(TEXT_TITLE, TEXT_BOLD, th->accent);
    ts.align = TEXT_ALIGN_LEFT;
    text_draw(app->text, "corequest", name, ts);
    SDL_Rect tag = rect_cut_top(&left, ui_line(app, TEXT_BODY, TEXT_REGULAR) * 2);
    TextStyle tg = text_style(TEXT_BODY, TEXT_REGULAR, th->text);
    tg.align = TEXT_ALIGN_LEFT;
    tg.valign = TEXT_VALIGN_TOP;
    tg.max_lines = 2;
    text_draw(app->text, "A daily core and back routine, one level at a time.", tag, tg);
    rect_cut_top(&left, l->gap * 2);
    int streak_h = ui_line(app, TEXT_TITLE, TEXT_BOLD) + ui_line(app, TEXT_BODY, TEXT_BOLD) +
                   2 * ui_line(app, TEXT_SMALL, TEXT_REGULAR) + 4 * l->gap;
    if (streak_h > left.h)
        streak_h = left.h;
    draw_streak(app, rect_cut_top(&left, streak_h), &st->streak);

    static const char *const labels[TITLE_ITEM_COUNT] = {
        "Today's session", "Practise one level", "Level map",
        "Streak calendar", "Settings", "Quit"};
    const char *details[TITLE_ITEM_COUNT] = {st->today_detail};
    int menu_h = ui_menu_height(app, TITLE_ITEM_COUNT, true);
    SDL_Rect menu = right;
    if (menu_h < menu.h) {
        menu.y += (menu.h - menu_h) / 2;
        menu.h = menu_h;
    }
    ui_menu(app, menu, labels, details, TITLE_ITEM_COUNT, st->focus);

    ui_hint(app, footer, hint);
}

static void title_handle(void *ctx, void *state, const InputEvent *ev)
{
    App *app = ctx;
    TitleState *st = state;
    if (ev->nav == NAV_UP || ev->nav == NAV_DOWN) {
        st->focus = ui_menu_nav(st->focus, TITLE_ITEM_COUNT, ev->nav);
        return;
    }
    if (ev->nav == NAV_BACK) {
        st->focus = TITLE_QUIT;
        return;
    }
    if (ev->nav != NAV_SELECT)
        return;
    /* Just back from a session: the second of a double press lands here
     * and must not start another. */
    if (app->session_left_ms >= 0 && app_clock_ms(app) - app->session_left_ms < APP_PRESS_GUARD_MS)
        return;
    switch ((TitleItem)st->focus) {
    case TITLE_TODAY:
        /* The advice first, every time, until the person clears it. */
        screens_today(app, false);
        break;
    case TITLE_PRACTISE:
        screen_push(&app->screens, screens_def(SCREEN_LEVEL_MAP), LEVEL_MAP_PRACTISE);
        break;
    case TITLE_MAP:
        screen_push(&app->screens, screens_def(SCREEN_LEVEL_MAP), LEVEL_MAP_BROWSE);
        break;
    case TITLE_CALENDAR:
        screen_push(&app->screens, screens_def(SCREEN_CALENDAR), 0);
        break;
    case TITLE_SETTINGS:
        screen_push(&app->screens, screens_def(SCREEN_SETTINGS), 0);
        break;
    case TITLE_QUIT:
    case TITLE_ITEM_COUNT:
        app->quit = true;
        break;
    }
}

const ScreenDef *screen_title_def(void)
{
    static const ScreenDef def = {
        .name = "title",
        .state_size = sizeof(TitleState),
        .enter = title_enter,
        .update = title_update,
        .draw = title_draw,
        .handle = title_handle,
    };
    return &def;
}
