/* pain.c: the pain check after a pain stop.  It thanks the person, says
 * what changes next time (one level easier), passes on the save's advice to
 * see a physical therapist after repeated pain, and lets them stop or go on. */
#include "screens.h"

#include <stdio.h>

#include "render.h"

typedef struct {
    int focus;
} PainState;

static bool pain_is_last(const App *app)
{
    return app->session->exercise + 1 >= app->plan.count;
}

static bool pain_update(void *ctx, void *state, int64_t now)
{
    (void)state;
    (void)now;
    App *app = ctx;
    if (!app->session_live || app->session->phase != PHASE_PAIN_CHECK)
        screen_pop(&app->screens);
    return false;
}

static void pain_draw(void *ctx, void *state, int64_t now)
{
    (void)now;
    App *app = ctx;
    PainState *st = state;
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    UiFrame f = ui_frame(app);
    const Session *s = app->session;
    /* Only an exercise the core stopped for pain is spoken of as stopped;
     * pain in the rest after a finished one stopped nothing. */
    const PlanItem *item = app->view.pain_exercise == s->exercise ? app_current_item(app) : NULL;

    SDL_Rect head = f.header;
    SDL_Rect icon = rect_cut_left(&head, head.h);
    render_circle(app->renderer, icon.x + icon.w / 2.0f, icon.y + icon.h / 2.0f, icon.h * 0.45f, th->danger);
    render_rect(app->renderer, (SDL_Rect){icon.x + icon.w / 2 - icon.w / 12, icon.y + icon.h / 5, icon.w / 6, icon.h * 2 / 5}, th->text_on_accent);
    render_rect(app->renderer, (SDL_Rect){icon.x + icon.w / 2 - icon.w / 12, icon.y + icon.h * 2 / 3, icon.w / 6, icon.h / 7}, th->text_on_accent);
    rect_cut_left(&head, l->gap);
    ui_heading(app, head, "Stopped. That was the right call.");

    SDL_Rect body = f.body;
    const char *labels[2];
    int count;
    if (pain_is_last(app)) {
        labels[0] = "Finish for today";
        count = 1;
    } else {
        labels[0] = "Go on to the next exercise";
        labels[1] = "Stop for today";
        count = 2;
    }
    int menu_h = ui_menu_height(app, count, false);
    SDL_Rect menu = rect_cut_bottom(&body, menu_h);
    menu.w = l->portrait ? menu.w : menu.w * 3 / 5;
    rect_cut_bottom(&body, l->gap * 2);

    char lines[3][512];
    int n = 0;
    if (item) {
        snprintf(lines[n++], sizeof lines[0], "%s was stopped for pain. Thank you for listening to your body.",
                 item->track->title);
        if (item->level_index > 0)
            snprintf(lines[n++], sizeof lines[0],
                     "Next time it starts one level easier: level %d, %s.",
                     item->level_index, item->track->levels[item->level_index - 1].title);
        else
            snprintf(lines[n++], sizeof lines[0],
                     "This is already the first level: next time, go gently and make the movement smaller.");
        const ProgressState *p = tracker_progress(app->tracker);
        if (p->see_pt_advice[item->track_index])
            snprintf(lines[n++], sizeof lines[0],
                     "This is not the first time this week. Please see a physical therapist or your doctor before doing %s again.",
                     item->track->title);
        else
            snprintf(lines[n++], sizeof lines[0],
                     "If the pain stays or keeps coming back, check with your doctor or a physical therapist.");
    } else {
        snprintf(lines[n++], sizeof lines[0], "Take a moment and breathe.");
    }
    for (int i = 0; i < n; i++) {
        SDL_Rect row = rect_row(body, i, n, l->gap);
        TextStyle ts = text_style(TEXT_BODY, i == n - 1 && item &&
                                  tracker_progress(app->tracker)->see_pt_advice[item->track_index]
                                      ? TEXT_BOLD : TEXT_REGULAR, th->text);
        ts.align = TEXT_ALIGN_LEFT;
        ts.valign = TEXT_VALIGN_TOP;
        ts.max_lines = 3;
        text_draw(app->text, lines[i], row, ts);
    }
    ui_menu(app, menu, labels, NULL, count, st->focus < count ? st->focus : 0);
    char hint[128];
    snprintf(hint, sizeof hint, "%s: move    %s: choose", input_label(&app->input, INPUT_CONTROL_MOVE),
             input_confirm_label(&app->input));
    ui_hint(app, f.footer, hint);
}

static void pain_handle(void *ctx, void *state, const InputEvent *ev)
{
    App *app = ctx;
    PainState *st = state;
    int count = pain_is_last(app) ? 1 : 2;
    if (ev->nav == NAV_UP || ev->nav == NAV_DOWN) {
        st->focus = ui_menu_nav(st->focus, count, ev->nav);
        return;
    }
    if (ev->nav == NAV_BACK) {
        app_session_act(app, ACTION_BACK);
        return;
    }
    if (ev->nav != NAV_SELECT)
        return;
    /* The core reads CONFIRM as "go on" (or finish, after the last one)
     * and BACK as "stop for today". */
    app_session_act(app, st->focus == 0 ? ACTION_CONFIRM : ACTION_BACK);
}

const ScreenDef *screen_pain_def(void)
{
    static const ScreenDef def = {
        .name = "pain",
        .state_size = sizeof(PainState),
        .update = pain_update,
        .draw = pain_draw,
        .handle = pain_handle,
    };
    return &def;
}
