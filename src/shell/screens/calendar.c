/* calendar.c: the streak calendar: the last 12 weeks as a heatmap, weeks as
 * columns and weekdays as rows.  Done days carry a check mark, not only a
 * colour; today has an outline. */
#include "screens.h"

#include <stdio.h>
#include <time.h>

#include "render.h"
#include "tolerance.h"

enum { CAL_WEEKS = 12, CAL_DAYS = CAL_WEEKS * 7 };

typedef struct {
    unsigned char done[CAL_DAYS]; /* done[i]: today - (CAL_DAYS - 1) + i */
    int today_weekday;            /* 0 = Monday */
    int done_count;
    StreakInfo streak;
} CalendarState;

static DayNumber local_today(const App *app)
{
    time_t now = app_wall_time(app);
    struct tm tm;
    localtime_r(&now, &tm);
    return day_from_local(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                          tracker_settings(app->tracker)->day_start_hour);
}

static void calendar_enter(void *ctx, void *state, int arg)
{
    (void)arg;
    App *app = ctx;
    CalendarState *st = state;
    tracker_calendar(app->tracker, app_wall_time(app), CAL_DAYS, st->done);
    st->today_weekday = day_weekday(local_today(app));
    st->streak = tracker_streak(app->tracker, app_wall_time(app));
    st->done_count = 0;
    for (int i = 0; i < CAL_DAYS; i++)
        st->done_count += st->done[i];
}

static void calendar_draw(void *ctx, void *state, int64_t now)
{
    (void)now;
    App *app = ctx;
    CalendarState *st = state;
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    UiFrame f = ui_frame(app);
    ui_heading(app, f.header, "Streak calendar: the last 12 weeks");

    SDL_Rect body = f.body;
    SDL_Rect info = l->portrait ? rect_cut_bottom(&body, body.h / 3) : rect_cut_right(&body, body.w * 3 / 10);
    if (l->portrait)
        rect_cut_bottom(&body, l->gap);
    else
        rect_cut_right(&body, l->gap * 2);

    int small = ui_line(app, TEXT_SMALL, TEXT_REGULAR);
    SDL_Rect labels = rect_cut_left(&body, text_width(app->text, "Wed", TEXT_SMALL, TEXT_REGULAR) + l->gap);
    SDL_Rect bottom = rect_cut_bottom(&body, small);
    rect_cut_left(&bottom, 0);
    int cell = body.h / 7;
    if (cell * CAL_WEEKS > body.w)
        cell = body.w / CAL_WEEKS;
    int pad = cell / 10 > 1 ? cell / 10 : 1;
    SDL_Rect grid = {body.x, body.y + (body.h - cell * 7) / 2, cell * CAL_WEEKS, cell * 7};

    static const char *const days[7] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    for (int d = 0; d < 7; d += 2) {
        SDL_Rect lr = {labels.x, grid.y + d * cell, labels.w - l->gap, cell};
        TextStyle ls = text_style(TEXT_SMALL, TEXT_REGULAR, th->text_dim);
        ls.align = TEXT_ALIGN_RIGHT;
        text_draw(app->text, days[d], lr, ls);
    }
    /* The last column is this week; today sits at its weekday, and the days
     * after it are left blank. */
    int today_index = CAL_DAYS - 1;
    for (int w = 0; w < CAL_WEEKS; w++) {
        for (int d = 0; d < 7; d++) {
            int offset = (CAL_WEEKS - 1 - w) * 7 + (st->today_weekday - d);
            SDL_Rect c = {grid.x + w * cell + pad, grid.y + d * cell + pad, cell - 2 * pad, cell - 2 * pad};
            if (offset < 0)
                continue; /* later this week */
            int index = today_index - offset;
            if (index < 0)
                continue;
            if (st->done[index]) {
                render_rounded(app->renderer, c, cell * 0.15f, th->good);
                render_check(app->renderer, rect_inset(c, c.w / 6), th->text_on_accent);
            } else {
                render_rounded(app->renderer, c, cell * 0.15f, th->panel);
            }
            if (offset == 0)
                render_rounded_outline(app->renderer, rect_inset(c, -pad), cell * 0.18f, (float)(l->line * 2), th->accent);
        }
    }
    SDL_Rect lb = {grid.x, grid.y + grid.h, grid.w, small};
    if (lb.y + lb.h > f.body.y + f.body.h)
        lb.y = f.body.y + f.body.h - small;
    TextStyle bs = text_style(TEXT_SMALL, TEXT_REGULAR, th->text_dim);
    bs.align = TEXT_ALIGN_LEFT;
    text_draw(app->text, "12 weeks ago", lb, bs);
    bs.align = TEXT_ALIGN_RIGHT;
    text_draw(app->text, "this week", lb, bs);

    char line[128];
    int body_h = ui_line(app, TEXT_BODY, TEXT_REGULAR);
    int title_h = ui_line(app, TEXT_TITLE, TEXT_BOLD);
    TextStyle big = text_style(TEXT_TITLE, TEXT_BOLD, st->streak.current > 0 ? th->accent : th->text);
    big.align = TEXT_ALIGN_LEFT;
    TextStyle bd = text_style(TEXT_BODY, TEXT_REGULAR, th->text);
    bd.align = TEXT_ALIGN_LEFT;
    snprintf(line, sizeof line, "%d", st->streak.current);
    text_draw(app->text, line, rect_cut_top(&info, title_h), big);
    snprintf(line, sizeof line, "day%s in a row", st->streak.current == 1 ? "" : "s");
    text_draw(app->text, line, rect_cut_top(&info, body_h), bd);
    rect_cut_top(&info, l->gap * 2);
    snprintf(line, sizeof line, "Best streak: %d", st->streak.best);
    text_draw(app->text, line, rect_cut_top(&info, body_h), bd);
    snprintf(line, sizeof line, "Days done: %d of %d", st->done_count, CAL_DAYS);
    text_draw(app->text, line, rect_cut_top(&info, body_h), bd);
    int rest = tracker_settings(app->tracker)->rest_days_per_week;
    snprintf(line, sizeof line, "Rest days a week that keep the streak: %d", rest);
    TextStyle wr = bd;
    wr.valign = TEXT_VALIGN_TOP;
    wr.max_lines = 3;
    rect_cut_top(&info, l->gap);
    int rest_h = ui_text_height(app, line, info.w, wr);
    text_draw(app->text, line, rect_cut_top(&info, rest_h), wr);

    /* The weekly check's trend, first answer to latest: what the routine
     * is for.  The full sentences are in the report. */
    int checks;
    const ToleranceCheck *h = tracker_tolerance(app->tracker, &checks);
    const char *activity = tolerance_last_activity(h, checks);
    char trend[TOLERANCE_ITEM_COUNT][96];
    int shown = 0;
    for (int i = 0; i < TOLERANCE_ITEM_COUNT; i++) {
        ToleranceTrend t = tolerance_trend(h, checks, (ToleranceItem)i);
        if (t.rated == 0)
            continue;
        char label[TOLERANCE_NAME_MAX + 16];
        tolerance_item_label((ToleranceItem)i, activity, label, sizeof label);
        if (t.rated == 1)
            snprintf(trend[shown++], sizeof trend[0], "%s: %d", label, t.last);
        else
            snprintf(trend[shown++], sizeof trend[0], "%s: %d -> %d", label, t.first, t.last);
    }
    TextStyle hs = text_style(TEXT_BODY, TEXT_BOLD, th->text);
    hs.align = TEXT_ALIGN_LEFT;
    hs.valign = TEXT_VALIGN_TOP;
    hs.max_lines = 2; /* a narrow column wraps the heading rather than cut it */
    const char *heading = "Everyday things, 0-10";
    int heading_h = ui_text_height(app, heading, info.w, hs);
    /* Shown whole or not at all: half a trend would mislead. */
    if (shown > 0 && info.h >= l->gap + heading_h + shown * small) {
        rect_cut_top(&info, l->gap);
        text_draw(app->text, heading, rect_cut_top(&info, heading_h), hs);
        TextStyle ts = text_style(TEXT_SMALL, TEXT_REGULAR, th->text);
        ts.align = TEXT_ALIGN_LEFT;
        for (int i = 0; i < shown; i++)
            text_draw(app->text, trend[i], rect_cut_top(&info, small), ts);
    }

    char hint[96];
    snprintf(hint, sizeof hint, "%s: back", input_back_label(&app->input));
    ui_hint(app, f.footer, hint);
}

static void calendar_handle(void *ctx, void *state, const InputEvent *ev)
{
    (void)state;
    App *app = ctx;
    if (ev->nav == NAV_BACK || ev->nav == NAV_SELECT)
        screen_pop(&app->screens);
}

const ScreenDef *screen_calendar_def(void)
{
    static const ScreenDef def = {
        .name = "calendar",
        .state_size = sizeof(CalendarState),
        .enter = calendar_enter,
        .draw = calendar_draw,
        .handle = calendar_handle,
    };
    return &def;
}
