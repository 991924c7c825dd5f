/* pause.c: the pause overlay over the workout: resume, skip this exercise,
 * or end the session.  The session's clock stands still underneath. */
#include "screens.h"

#include <stdio.h>

#include "render.h"

enum { PAUSE_RESUME, PAUSE_SKIP, PAUSE_END, PAUSE_ITEM_COUNT };

typedef struct {
    int focus;
} PauseState;

static bool pause_update(void *ctx, void *state, int64_t now)
{
    (void)state;
    (void)now;
    App *app = ctx;
    const Session *s = app->session;
    if (!app->session_live || !s->paused || s->phase == PHASE_PAIN_CHECK ||
        s->phase == PHASE_SUMMARY || s->phase == PHASE_DONE)
        screen_pop(&app->screens); /* the workout below takes it from here */
    return false;
}

static void pause_draw(void *ctx, void *state, int64_t now)
{
    (void)now;
    App *app = ctx;
    PauseState *st = state;
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    ui_dim(app);
    static const char *const labels[PAUSE_ITEM_COUNT] = {
        "Resume", "Skip this exercise", "End the session"};
    const Input *in = &app->input;
    int head = ui_line(app, TEXT_TITLE, TEXT_BOLD);
    /* A pad that went away is said in two lines where the pause's own
     * words were: it is why the session stopped. */
    bool lost = in->active_lost;
    int sub = ui_line(app, TEXT_BODY, TEXT_REGULAR) * (lost ? (l->portrait ? 3 : 2) : 1);
    int menu_h = ui_menu_height(app, PAUSE_ITEM_COUNT, false);
    SDL_Rect safe = l->safe;
    int w = l->portrait ? safe.w : safe.w / 2;
    int hint_h = ui_line(app, TEXT_SMALL, TEXT_REGULAR) * 2;
    int h = head + sub + menu_h + hint_h + 6 * l->gap;
    if (h > safe.h)
        h = safe.h;
    SDL_Rect box = {safe.x + (safe.w - w) / 2, safe.y + (safe.h - h) / 2, w, h};
    render_rounded(app->renderer, box, (float)l->gap, th->panel);
    render_rounded_outline(app->renderer, box, (float)l->gap, (float)l->line, th->text_dim);
    SDL_Rect box_in = rect_inset(box, l->gap * 2);
    text_draw(app->text, "Paused", rect_cut_top(&box_in, head), text_style(TEXT_TITLE, TEXT_BOLD, th->text));
    char line[256];
    if (lost) {
        const char *start = input_pad_button_name(input_pad_type(in), SDL_CONTROLLER_BUTTON_START);
        if (input_pad_count(in) == 0)
            snprintf(line, sizeof line, "Controller unplugged: plug it back in, then press %s to go on.",
                     start);
        else
            snprintf(line, sizeof line, "A controller is back: press %s on it to go on.", start);
        TextStyle ls = text_style(TEXT_BODY, TEXT_BOLD, th->accent);
        ls.max_lines = l->portrait ? 3 : 2;
        text_draw(app->text, line, rect_cut_top(&box_in, sub), ls);
    } else {
        text_draw(app->text, "Take the time you need.", rect_cut_top(&box_in, sub),
                  text_style(TEXT_BODY, TEXT_REGULAR, th->text_dim));
    }
    rect_cut_top(&box_in, l->gap);
    SDL_Rect hint = rect_cut_bottom(&box_in, hint_h);
    ui_menu(app, box_in, labels, NULL, PAUSE_ITEM_COUNT, st->focus);
    TextStyle hs = text_style(TEXT_SMALL, TEXT_REGULAR, th->text_dim);
    hs.max_lines = 2;
    snprintf(line, sizeof line, "%s: pain, stop now    %s or %s: resume",
             input_label(in, INPUT_CONTROL_PAIN), input_label(in, INPUT_CONTROL_PAUSE),
             input_label(in, INPUT_CONTROL_BACK));
    text_draw(app->text, line, hint, hs);
}

static void pause_handle(void *ctx, void *state, const InputEvent *ev)
{
    App *app = ctx;
    PauseState *st = state;
    if (ev->nav == NAV_UP || ev->nav == NAV_DOWN) {
        st->focus = ui_menu_nav(st->focus, PAUSE_ITEM_COUNT, ev->nav);
        return;
    }
    if (ev->action == ACTION_PAUSE || ev->nav == NAV_BACK) {
        app_session_act(app, ACTION_PAUSE);
        return;
    }
    if (ev->nav != NAV_SELECT)
        return;
    switch (st->focus) {
    case PAUSE_RESUME: app_session_act(app, ACTION_PAUSE); break;
    case PAUSE_SKIP: app_session_act(app, ACTION_SKIP); break;
    case PAUSE_END: app_session_act(app, ACTION_END); break;
    default: break;
    }
}

const ScreenDef *screen_pause_def(void)
{
    static const ScreenDef def = {
        .name = "pause",
        .state_size = sizeof(PauseState),
        .overlay = true,
        .update = pause_update,
        .draw = pause_draw,
        .handle = pause_handle,
    };
    return &def;
}
