/* tolerance.c: the weekly check of everyday things, before today's session
 * once a week.  How well can you stand, sit, and do the activity you chose,
 * 0-10 each (left/right or digits), or "Not this week".  The answers go to
 * the tracker; the trend is on the streak calendar and in the report. */
#include "screens.h"

#include <stdio.h>
#include <string.h>

#include "render.h"
#include "tolerance.h"

/* Rows, top to bottom; the menu's two items follow the last. */
enum {
    TOL_ROW_STAND,
    TOL_ROW_SIT,
    TOL_ROW_CHOICE, /* which activity */
    TOL_ROW_ACTIVITY,
    TOL_ROW_MENU,
    TOL_MENU_ITEMS = 2,
    TOL_ROW_LAST = TOL_ROW_MENU + TOL_MENU_ITEMS - 1
};

typedef struct {
    int focus;
    UiScore score[TOLERANCE_ITEM_COUNT];
    int last[TOLERANCE_ITEM_COUNT]; /* the previous check's, -1 none */
    char activity[TOLERANCE_NAME_MAX];
} ToleranceState;

static void tolerance_enter(void *ctx, void *state, int arg)
{
    (void)arg;
    App *app = ctx;
    ToleranceState *st = state;
    memset(st, 0, sizeof *st);
    int count;
    const ToleranceCheck *h = tracker_tolerance(app->tracker, &count);
    snprintf(st->activity, sizeof st->activity, "%s", tolerance_last_activity(h, count));
    for (int i = 0; i < TOLERANCE_ITEM_COUNT; i++) {
        st->score[i] = (UiScore){TOLERANCE_NOT_ANSWERED, -1};
        ToleranceTrend t = tolerance_trend(h, count, (ToleranceItem)i);
        st->last[i] = t.rated > 0 ? t.last : -1;
    }
    st->focus = TOL_ROW_STAND;
    if (app->audio) {
        Prompt p;
        prompt_tolerance_intro(&p);
        audio_say(app->audio, p.key, p.text);
    }
}

static int row_item(int row)
{
    return row == TOL_ROW_STAND ? TOLERANCE_STAND
           : row == TOL_ROW_SIT ? TOLERANCE_SIT
           : row == TOL_ROW_ACTIVITY ? TOLERANCE_ACTIVITY : -1;
}

static void tolerance_draw(void *ctx, void *state, int64_t now)
{
    (void)now;
    App *app = ctx;
    ToleranceState *st = state;
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    UiFrame f = ui_frame(app);
    ui_heading(app, f.header, "Your weekly check");

    SDL_Rect body = f.body;
    static const char *const labels[TOL_MENU_ITEMS] = {"Save and start today's session",
                                                       "Not this week"};
    SDL_Rect menu = rect_cut_bottom(&body, ui_menu_height(app, TOL_MENU_ITEMS, false));
    menu.w = l->portrait ? menu.w : menu.w * 3 / 5;
    rect_cut_bottom(&body, l->gap);

    TextStyle intro = text_style(TEXT_BODY, TEXT_REGULAR, th->text);
    intro.align = TEXT_ALIGN_LEFT;
    intro.valign = TEXT_VALIGN_TOP;
    intro.max_lines = 4;
    /* A row holds the item's name and, under it, last week's score. */
    int name_h = ui_line(app, TEXT_BODY, TEXT_BOLD);
    int row_h = name_h + ui_line(app, TEXT_SMALL, TEXT_REGULAR);
    int rows_h = TOL_ROW_MENU * row_h + (TOL_ROW_MENU - 1) * (l->gap / 2);
    /* A short window keeps the scale's anchors and drops the rest. */
    const char *about = "How well can you do these everyday things now? 0: not at all. "
                        "10: as well as before your back pain. Your answers show how they "
                        "change over the weeks.";
    int about_h = ui_text_height(app, about, body.w, intro);
    if (body.h - about_h - l->gap < rows_h) {
        about = "0: not at all. 10: as well as before your back pain.";
        about_h = ui_text_height(app, about, body.w, intro);
    }
    text_draw(app->text, about, rect_cut_top(&body, about_h), intro);
    rect_cut_top(&body, l->gap);

    int rows = TOL_ROW_MENU;
    int spacing = (body.h - rows * row_h) / rows;
    if (spacing < l->gap / 2) spacing = l->gap / 2;
    if (spacing > l->gap * 2) spacing = l->gap * 2;
    TextStyle lab = text_style(TEXT_BODY, TEXT_BOLD, th->text);
    lab.align = TEXT_ALIGN_LEFT;
    TextStyle dim = text_style(TEXT_SMALL, TEXT_REGULAR, th->text_dim);
    dim.align = TEXT_ALIGN_LEFT;
    for (int r = 0; r < rows; r++) {
        SDL_Rect row = rect_cut_top(&body, row_h);
        rect_cut_top(&body, spacing);
        bool focused = st->focus == r;
        SDL_Rect label = rect_cut_left(&row, row.w / (l->portrait ? 3 : 4));
        if (focused)
            render_rect(app->renderer, (SDL_Rect){label.x - l->gap / 2, label.y, l->line * 2, label.h},
                        th->accent);
        if (r == TOL_ROW_CHOICE) {
            text_draw(app->text, "Your activity", label, lab);
            ui_panel(app, row, focused);
            char name[TOLERANCE_NAME_MAX + 16];
            tolerance_item_label(TOLERANCE_ACTIVITY, st->activity, name, sizeof name);
            char shown[TOLERANCE_NAME_MAX + 32];
            snprintf(shown, sizeof shown, "<  %s  >", name);
            text_draw(app->text, shown, row,
                      text_style(TEXT_BODY, focused ? TEXT_BOLD : TEXT_REGULAR, th->text));
            continue;
        }
        int item = row_item(r);
        char name[TOLERANCE_NAME_MAX + 16];
        tolerance_item_label((ToleranceItem)item, st->activity, name, sizeof name);
        SDL_Rect top = label, bottom = label;
        if (st->last[item] >= 0) {
            top = rect_cut_top(&bottom, name_h);
            char was[32];
            snprintf(was, sizeof was, "last time %d", st->last[item]);
            text_draw(app->text, was, bottom, dim);
        }
        TextStyle ls = lab;
        ls.max_lines = 1;
        text_draw(app->text, name, top, ls);
        ui_scale(app, row, st->score[item].score, focused);
    }
    /* The focused row's whole question, in the room left below. */
    Prompt q;
    int fitem = row_item(st->focus);
    if (fitem >= 0)
        prompt_tolerance_question(&q, (ToleranceItem)fitem, st->activity);
    else if (st->focus == TOL_ROW_CHOICE)
        snprintf(q.text, sizeof q.text, "Pick the activity that matters most to you, and keep "
                 "it from week to week so that its trend means something.");
    else
        q.text[0] = '\0';
    if (q.text[0] && body.h > ui_line(app, TEXT_BODY, TEXT_REGULAR)) {
        TextStyle qs = text_style(TEXT_BODY, TEXT_REGULAR, th->text_dim);
        qs.align = TEXT_ALIGN_LEFT;
        qs.valign = TEXT_VALIGN_TOP;
        qs.max_lines = 3;
        text_draw(app->text, q.text, body, qs);
    }
    int item_focus = st->focus - TOL_ROW_MENU;
    ui_menu(app, menu, labels, NULL, TOL_MENU_ITEMS,
            item_focus >= 0 && item_focus < TOL_MENU_ITEMS ? item_focus : -1);
    char hint[160];
    snprintf(hint, sizeof hint, "Left, right or 0-9: score    Up, down: move    %s: choose",
             input_confirm_label(&app->input));
    ui_hint(app, f.footer, hint);
}

static void finish(App *app, ToleranceState *st, bool skipped)
{
    ToleranceCheck c = {.skipped = skipped};
    for (int i = 0; i < TOLERANCE_ITEM_COUNT; i++)
        c.score[i] = st->score[i].score;
    bool any = false;
    for (int i = 0; i < TOLERANCE_ITEM_COUNT; i++)
        any |= c.score[i] >= 0;
    c.skipped |= !any; /* saved with nothing said: a week not rated */
    snprintf(c.activity, sizeof c.activity, "%s", st->activity);
    if (tracker_record_tolerance(app->tracker, &c, app_wall_time(app)) != 0 &&
        tracker_message(app->tracker)[0])
        app_notice(app, tracker_message(app->tracker));
    app->progress_serial++;
    screen_pop(&app->screens);
    screens_today(app, true);
}

static void next_activity(ToleranceState *st, int step)
{
    int n = tolerance_activity_count(), at = -1;
    for (int i = 0; i < n; i++)
        if (strcmp(tolerance_activity(i), st->activity) == 0)
            at = i;
    /* An activity of the person's own that is no longer listed comes back
     * only by not moving; one press goes into the list. */
    at = at < 0 ? (step > 0 ? 0 : n - 1) : (at + step + n) % n;
    snprintf(st->activity, sizeof st->activity, "%s", tolerance_activity(at));
    st->score[TOLERANCE_ACTIVITY] = (UiScore){TOLERANCE_NOT_ANSWERED, -1};
}

static void tolerance_handle(void *ctx, void *state, const InputEvent *ev)
{
    App *app = ctx;
    ToleranceState *st = state;
    int item = row_item(st->focus);
    /* Digits (1 then 0 is ten) and left/right on a scale row. */
    if (item >= 0 && ui_score_handle(&st->score[item], ev, app->now_ms))
        return;
    if (ev->nav == NAV_UP || ev->nav == NAV_DOWN) {
        st->focus += ev->nav == NAV_UP ? -1 : 1;
        if (st->focus < 0) st->focus = TOL_ROW_LAST;
        if (st->focus > TOL_ROW_LAST) st->focus = 0;
        return;
    }
    if ((ev->nav == NAV_LEFT || ev->nav == NAV_RIGHT) && st->focus == TOL_ROW_CHOICE) {
        next_activity(st, ev->nav == NAV_LEFT ? -1 : 1);
        return;
    }
    if (ev->nav == NAV_BACK) {
        screen_pop(&app->screens); /* nothing recorded: asked again next time */
        return;
    }
    if (ev->nav != NAV_SELECT)
        return;
    if (st->focus < TOL_ROW_MENU) {
        st->focus++; /* confirm on a row goes on to the next */
        return;
    }
    finish(app, st, st->focus == TOL_ROW_MENU + 1);
}

const ScreenDef *screen_tolerance_def(void)
{
    static const ScreenDef def = {
        .name = "tolerance",
        .state_size = sizeof(ToleranceState),
        .enter = tolerance_enter,
        .draw = tolerance_draw,
        .handle = tolerance_handle,
    };
    return &def;
}
