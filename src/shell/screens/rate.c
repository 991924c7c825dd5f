/* rate.c: "How did that feel?" over the workout, after each finished
 * exercise.  One press each: too easy (left, 1), just right (confirm, 2),
 * too hard (right, 3).  Nobody answering is "just right" (the core's
 * deadline); a bar shows how long is left.  The answer feeds the unlock
 * rule, so the choices are shapes and words as well as colours. */
#include "screens.h"

#include <stdio.h>

#include "render.h"

enum { RATE_CHOICES = 3 };

static bool rate_update(void *ctx, void *state, int64_t now)
{
    (void)state;
    (void)now;
    App *app = ctx;
    const Session *s = app->session;
    if (!app->session_live || s->phase != PHASE_RATE || s->paused)
        screen_pop(&app->screens); /* the workout below takes it from here */
    return false;
}

/* A symbol for each choice, so colour is never the only sign: a down
 * arrow (could be more), a level bar (right as it is), an up arrow. */
static void draw_symbol(App *app, SDL_Rect r, int choice, SDL_Color c)
{
    float cx = r.x + r.w / 2.0f, cy = r.y + r.h / 2.0f, h = r.h * 0.4f;
    if (choice == 1) {
        render_rect(app->renderer, (SDL_Rect){r.x + r.w / 5, (int)(cy - h / 4), r.w * 3 / 5, (int)(h / 2)}, c);
        return;
    }
    float dir = choice == 0 ? 1.0f : -1.0f; /* 0: points up (go harder), 2: down */
    render_triangle(app->renderer, (SDL_FPoint){cx, cy - dir * h},
                    (SDL_FPoint){cx - h, cy + dir * h * 0.6f},
                    (SDL_FPoint){cx + h, cy + dir * h * 0.6f}, c);
}

static void rate_draw(void *ctx, void *state, int64_t now)
{
    (void)state;
    App *app = ctx;
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    const Session *s = app->session;
    ui_dim(app);
    static const char *const labels[RATE_CHOICES] = {"Too easy", "Just right", "Too hard"};
    const char *keys[RATE_CHOICES];
    char confirm[64];
    bool pad = app->input.last_device == INPUT_DEVICE_PAD;
    snprintf(confirm, sizeof confirm, pad ? "%s" : "%s or 2", input_confirm_label(&app->input));
    keys[0] = pad ? "Left" : "Left or 1";
    keys[1] = confirm;
    keys[2] = pad ? "Right" : "Right or 3";

    SDL_Rect safe = l->safe;
    int head = ui_line(app, TEXT_TITLE, TEXT_BOLD);
    int body = ui_line(app, TEXT_BODY, TEXT_REGULAR);
    int choice_h = body * 5;
    int w = l->portrait ? safe.w : safe.w * 4 / 5;
    int h = head + body * 2 + choice_h + body * 2 + 7 * l->gap;
    if (h > safe.h)
        h = safe.h;
    SDL_Rect box = {safe.x + (safe.w - w) / 2, safe.y + (safe.h - h) / 2, w, h};
    render_rounded(app->renderer, box, (float)l->gap, th->panel);
    render_rounded_outline(app->renderer, box, (float)l->gap, (float)l->line, th->text_dim);
    SDL_Rect in = rect_inset(box, l->gap * 2);
    text_draw(app->text, "How did that feel?", rect_cut_top(&in, head),
              text_style(TEXT_TITLE, TEXT_BOLD, th->text));
    char line[256];
    const PlanItem *item = app_current_item(app);
    snprintf(line, sizeof line, "%s is done. Your answer decides when the next level opens.",
             item ? item->track->title : "The exercise");
    TextStyle sub = text_style(TEXT_BODY, TEXT_REGULAR, th->text_dim);
    sub.max_lines = 2;
    text_draw(app->text, line, rect_cut_top(&in, body * 2), sub);
    rect_cut_top(&in, l->gap);

    SDL_Rect row = rect_cut_top(&in, choice_h);
    for (int i = 0; i < RATE_CHOICES; i++) {
        SDL_Rect c = rect_col(row, i, RATE_CHOICES, l->gap * 2);
        bool is_default = i == 1;
        ui_panel(app, c, is_default);
        SDL_Rect ci = rect_inset(c, l->gap);
        SDL_Rect sym = rect_cut_top(&ci, body * 2);
        draw_symbol(app, sym, i, is_default ? th->accent : th->text);
        text_draw(app->text, labels[i], rect_cut_top(&ci, body * 3 / 2),
                  text_style(TEXT_BODY, TEXT_BOLD, th->text));
        text_draw(app->text, keys[i], ci, text_style(TEXT_SMALL, TEXT_REGULAR, th->text_dim));
    }
    rect_cut_top(&in, l->gap);

    /* Time left until "just right" stands. */
    int64_t total = s->deadline_ms - s->phase_start_ms;
    int64_t left = s->deadline_ms - now;
    if (total > 0 && left > 0) {
        SDL_Rect bar = rect_cut_top(&in, l->line * 3);
        render_rounded(app->renderer, bar, l->line * 1.5f, th->panel_focus);
        bar.w = (int)(bar.w * left / total);
        render_rounded(app->renderer, bar, l->line * 1.5f, th->text_dim);
        rect_cut_top(&in, l->gap / 2);
        snprintf(line, sizeof line, "No answer counts as \"just right\" in %d s.    %s: pain, stop now",
                 (int)((left + 999) / 1000), input_label(&app->input, INPUT_CONTROL_PAIN));
        TextStyle hs = text_style(TEXT_SMALL, TEXT_REGULAR, th->text_dim);
        hs.max_lines = 2; /* narrow windows: the pain key goes on a line of its own */
        text_draw(app->text, line, in, hs);
    }
}

static void rate_handle(void *ctx, void *state, const InputEvent *ev)
{
    (void)state;
    App *app = ctx;
    Action a = ACTION_NONE;
    switch (ev->action) {
    case ACTION_TOO_EASY: case ACTION_JUST_RIGHT: case ACTION_TOO_HARD:
    case ACTION_PAUSE: case ACTION_SKIP: /* PAIN never gets here: app_input acts on it */
        a = ev->action;
        break;
    case ACTION_CONFIRM:
        a = ACTION_JUST_RIGHT;
        break;
    case ACTION_BACK:
        a = ACTION_PAUSE; /* as in the workout: back never ends by accident */
        break;
    default:
        if (ev->nav == NAV_LEFT)
            a = ACTION_TOO_EASY;
        else if (ev->nav == NAV_RIGHT)
            a = ACTION_TOO_HARD;
        else if (ev->nav == NAV_SELECT)
            a = ACTION_JUST_RIGHT;
        break;
    }
    if (a != ACTION_NONE)
        app_session_act(app, a);
}

const ScreenDef *screen_rate_def(void)
{
    static const ScreenDef def = {
        .name = "rate",
        .overlay = true,
        .update = rate_update,
        .draw = rate_draw,
        .handle = rate_handle,
    };
    return &def;
}
