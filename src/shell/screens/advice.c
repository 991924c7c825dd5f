/* advice.c: the advice to see a physical therapist, before today's session
 * for as long as it stands.  It says which exercises and why, that they are
 * held out (or done easier) today, and the red flags; it is said aloud each
 * time.  Only the person clears it ("I have checked with a therapist"). */
#include "screens.h"

#include <stdio.h>

#include "render.h"

enum { ADVICE_START, ADVICE_CHECKED, ADVICE_BACK, ADVICE_ITEM_COUNT };

typedef struct {
    int focus;
    Prompt words;
    Prompt flags;
    int count;
} AdviceState;

static void advice_enter(void *ctx, void *state, int arg)
{
    (void)arg;
    App *app = ctx;
    AdviceState *st = state;
    st->focus = ADVICE_START;
    const Track *tracks[PROGRAM_MAX_TRACKS];
    AdviceReason why[PROGRAM_MAX_TRACKS];
    int reasons[PROGRAM_MAX_TRACKS];
    st->count = tracker_held_out(app->tracker, tracks, why, PROGRAM_MAX_TRACKS);
    for (int i = 0; i < st->count; i++)
        reasons[i] = (int)why[i];
    ClinicalRules rules = program_rules(app->program);
    prompt_advice(&st->words, &rules, tracks, reasons, st->count);
    prompt_fixed(&st->flags, PROMPT_RED_FLAGS);
    /* Said each time, before the session: the person may not be looking. */
    if (app->audio && st->count > 0) {
        audio_say(app->audio, st->words.key, st->words.text);
        audio_say(app->audio, st->flags.key, st->flags.text);
    }
}

static bool advice_update(void *ctx, void *state, int64_t now)
{
    (void)state;
    (void)now;
    App *app = ctx;
    if (!tracker_advice(app->tracker))
        screen_pop(&app->screens);
    return false;
}

static void advice_draw(void *ctx, void *state, int64_t now)
{
    (void)now;
    App *app = ctx;
    AdviceState *st = state;
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    UiFrame f = ui_frame(app);
    SDL_Rect head = f.header;
    SDL_Rect icon = rect_cut_left(&head, head.h);
    /* A cross in a circle: "health", not colour alone. */
    render_circle(app->renderer, icon.x + icon.w / 2.0f, icon.y + icon.h / 2.0f, icon.h * 0.45f, th->accent);
    render_rect(app->renderer, (SDL_Rect){icon.x + icon.w * 2 / 5, icon.y + icon.h / 5, icon.w / 5, icon.h * 3 / 5}, th->bg);
    render_rect(app->renderer, (SDL_Rect){icon.x + icon.w / 5, icon.y + icon.h * 2 / 5, icon.w * 3 / 5, icon.h / 5}, th->bg);
    rect_cut_left(&head, l->gap);
    ui_heading(app, head, "Please see a physical therapist");

    SDL_Rect body = f.body;
    static const char *const labels[ADVICE_ITEM_COUNT] = {
        "Start today's session", "I have checked with a therapist", "Back"};
    int menu_h = ui_menu_height(app, ADVICE_ITEM_COUNT, false);
    SDL_Rect menu = rect_cut_bottom(&body, menu_h);
    menu.w = l->portrait ? menu.w : menu.w * 3 / 5;
    rect_cut_bottom(&body, l->gap);
    SDL_Rect top = rect_cut_top(&body, body.h / 2);
    TextStyle ts = text_style(TEXT_BODY, TEXT_REGULAR, th->text);
    ts.align = TEXT_ALIGN_LEFT;
    ts.valign = TEXT_VALIGN_TOP;
    ts.max_lines = 5;
    text_draw(app->text, st->words.text, top, ts);
    TextStyle fs = text_style(TEXT_BODY, TEXT_BOLD, th->danger);
    fs.align = TEXT_ALIGN_LEFT;
    fs.valign = TEXT_VALIGN_TOP;
    fs.max_lines = 5;
    text_draw(app->text, st->flags.text, body, fs);
    ui_menu(app, menu, labels, NULL, ADVICE_ITEM_COUNT, st->focus);
    char hint[128];
    snprintf(hint, sizeof hint, "%s: move    %s: choose",
             input_label(&app->input, INPUT_CONTROL_MOVE), input_confirm_label(&app->input));
    ui_hint(app, f.footer, hint);
}

static void start_today(App *app)
{
    screen_pop(&app->screens);
    screens_today(app, true);
}

static void advice_handle(void *ctx, void *state, const InputEvent *ev)
{
    App *app = ctx;
    AdviceState *st = state;
    if (ev->nav == NAV_UP || ev->nav == NAV_DOWN) {
        st->focus = ui_menu_nav(st->focus, ADVICE_ITEM_COUNT, ev->nav);
        return;
    }
    if (ev->nav == NAV_BACK) {
        screen_pop(&app->screens);
        return;
    }
    if (ev->nav != NAV_SELECT)
        return;
    switch (st->focus) {
    case ADVICE_START:
        start_today(app);
        break;
    case ADVICE_CHECKED:
        if (tracker_confirm_checked(app->tracker, app_wall_time(app)) != 0 &&
            tracker_message(app->tracker)[0])
            app_notice(app, tracker_message(app->tracker));
        else
            app_notice(app, "Thank you. Every exercise is back in today's session.");
        app->progress_serial++;
        screen_pop(&app->screens);
        break;
    default:
        screen_pop(&app->screens);
        break;
    }
}

const ScreenDef *screen_advice_def(void)
{
    static const ScreenDef def = {
        .name = "advice",
        .state_size = sizeof(AdviceState),
        .enter = advice_enter,
        .update = advice_update,
        .draw = advice_draw,
        .handle = advice_handle,
    };
    return &def;
}
