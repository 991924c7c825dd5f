/* back_pain.c: "How is your back?", 0-10, before today's session and after
 * it, when Settings asks for it (off by default).  The pain that stops an
 * exercise has its own screen (pain.c); this is the day's before-and-after
 * a physical therapist reads in the report.  arg: BACK_PAIN_BEFORE or
 * BACK_PAIN_AFTER. */
#include "screens.h"

#include <stdio.h>
#include <string.h>

#include "render.h"

enum {
    BP_ROW_SCALE,
    BP_ROW_SAVE,
    BP_ROW_SKIP,
    BP_ROW_COUNT,
    BP_MENU_ITEMS = 2
};

typedef struct {
    BackPainWhen when;
    int focus;
    UiScore score;
    Prompt question;
} BackPainState;

static void back_pain_enter(void *ctx, void *state, int arg)
{
    App *app = ctx;
    BackPainState *st = state;
    memset(st, 0, sizeof *st);
    st->when = arg == BACK_PAIN_AFTER ? BACK_PAIN_AFTER : BACK_PAIN_BEFORE;
    st->score.score = -1;
    st->score.digit_ms = -1;
    prompt_back_pain_question(&st->question, st->when == BACK_PAIN_AFTER);
    /* Said too: the person may already be on the floor. */
    if (app->audio)
        audio_say(app->audio, st->question.key, st->question.text);
}

static void back_pain_draw(void *ctx, void *state, int64_t now)
{
    (void)now;
    App *app = ctx;
    BackPainState *st = state;
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    UiFrame f = ui_frame(app);
    ui_heading(app, f.header, st->when == BACK_PAIN_AFTER ? "After the session"
                                                          : "Before the session");
    SDL_Rect body = f.body;
    static const char *const before_labels[BP_MENU_ITEMS] = {"Save and start",
                                                             "Start without a score"};
    static const char *const after_labels[BP_MENU_ITEMS] = {"Save", "Leave it out"};
    SDL_Rect menu = rect_cut_bottom(&body, ui_menu_height(app, BP_MENU_ITEMS, false));
    menu.w = l->portrait ? menu.w : menu.w * 3 / 5;
    rect_cut_bottom(&body, l->gap);

    TextStyle qs = text_style(TEXT_BODY, TEXT_REGULAR, th->text);
    qs.align = TEXT_ALIGN_LEFT;
    qs.valign = TEXT_VALIGN_TOP;
    qs.max_lines = 4;
    int q_h = ui_text_height(app, st->question.text, body.w, qs);
    text_draw(app->text, st->question.text, rect_cut_top(&body, q_h), qs);
    rect_cut_top(&body, l->gap * 2);

    int cell = ui_line(app, TEXT_BODY, TEXT_BOLD) * 2; /* big: read from the floor */
    SDL_Rect scale = rect_cut_top(&body, cell);
    ui_scale(app, scale, st->score.score, st->focus == BP_ROW_SCALE);
    int small = ui_line(app, TEXT_SMALL, TEXT_REGULAR);
    if (body.h >= small) {
        SDL_Rect ends = rect_cut_top(&body, small);
        TextStyle a = text_style(TEXT_SMALL, TEXT_REGULAR, th->text_dim);
        a.align = TEXT_ALIGN_LEFT;
        text_draw(app->text, "0: no pain", rect_cut_left(&ends, ends.w * 2 / 5), a);
        a.align = TEXT_ALIGN_RIGHT;
        text_draw(app->text, "10: the worst imaginable", ends, a);
    }
    int item_focus = st->focus - BP_ROW_SAVE;
    ui_menu(app, menu, st->when == BACK_PAIN_AFTER ? after_labels : before_labels, NULL,
            BP_MENU_ITEMS, item_focus >= 0 ? item_focus : -1);
    char hint[160];
    snprintf(hint, sizeof hint, "Left, right or 0-9: score    Up, down: move    %s: choose",
             input_confirm_label(&app->input));
    ui_hint(app, f.footer, hint);
}

static void finish(App *app, BackPainState *st, bool save)
{
    int score = save ? st->score.score : -1;
    BackPainWhen when = st->when;
    screen_pop(&app->screens);
    if (when == BACK_PAIN_AFTER) {
        if (score >= 0 && tracker_rate_back_pain(app->tracker, BACK_PAIN_AFTER, score) > 0 &&
            tracker_message(app->tracker)[0])
            app_notice(app, tracker_message(app->tracker));
        app->progress_serial++;
        return;
    }
    /* The session opens in the save as it starts: the score goes with it. */
    app->back_pain_before = score;
    const char *level = app->options ? app->options->level_id : NULL;
    if (app_session_start(app, level) == 0)
        screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);
}

static void back_pain_handle(void *ctx, void *state, const InputEvent *ev)
{
    App *app = ctx;
    BackPainState *st = state;
    if (st->focus == BP_ROW_SCALE && ui_score_handle(&st->score, ev, app->now_ms))
        return;
    if (ev->nav == NAV_UP || ev->nav == NAV_DOWN) {
        st->focus = (st->focus + (ev->nav == NAV_UP ? BP_ROW_COUNT - 1 : 1)) % BP_ROW_COUNT;
        return;
    }
    if (ev->nav == NAV_BACK) {
        if (st->when == BACK_PAIN_AFTER)
            finish(app, st, false);
        else
            screen_pop(&app->screens); /* back to the title: no session yet */
        return;
    }
    if (ev->nav != NAV_SELECT)
        return;
    if (st->focus == BP_ROW_SCALE)
        st->focus = BP_ROW_SAVE; /* a score, then confirm: on to Save */
    else
        finish(app, st, st->focus == BP_ROW_SAVE);
}

const ScreenDef *screen_back_pain_def(void)
{
    static const ScreenDef def = {
        .name = "back-pain",
        .state_size = sizeof(BackPainState),
        .enter = back_pain_enter,
        .draw = back_pain_draw,
        .handle = back_pain_handle,
    };
    return &def;
}
