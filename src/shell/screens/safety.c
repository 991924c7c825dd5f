/* safety.c: the first-run notice, in the project's own words: this is not
 * a diagnosis, see a professional first, stop whenever it hurts, and the
 * red flags that need a doctor rather than exercise (prompts.c's words,
 * also in the help overlay and the advice; no setting hides them). */
#include "screens.h"

#include "render.h"

typedef struct {
    int unused;
} SafetyState;

static const char *const safety_lines[] = {
    "corequest guides a daily routine for the core and the back. It does not "
    "examine you and it cannot tell what is causing your pain.",
    "Before you start, have a doctor or physical therapist see you face to "
    "face and confirm that these exercises suit you.",
    "Pain means stop. Never push through it: press X on the keyboard, or the "
    "top button on a gamepad, and the exercise ends at once.",
    "Move slowly, keep breathing, and rest whenever you need to.",
};

static void safety_draw(void *ctx, void *state, int64_t now)
{
    (void)state;
    (void)now;
    App *app = ctx;
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    UiFrame f = ui_frame(app);
    ui_heading(app, f.header, "Before you start");

    SDL_Rect body = f.body;
    int button_h = ui_menu_height(app, 1, false);
    SDL_Rect button = rect_cut_bottom(&body, button_h);
    rect_cut_bottom(&body, l->gap);
    Prompt flags;
    prompt_fixed(&flags, PROMPT_RED_FLAGS);
    int flags_h = ui_line(app, TEXT_BODY, TEXT_BOLD) * 3 + l->gap;
    SDL_Rect flags_row = rect_cut_bottom(&body, flags_h);
    rect_cut_bottom(&body, l->gap / 2);
    {
        SDL_Rect mark = rect_cut_left(&flags_row, ui_line(app, TEXT_BODY, TEXT_BOLD));
        rect_cut_left(&flags_row, l->gap);
        int lh = ui_line(app, TEXT_BODY, TEXT_REGULAR);
        /* A square, not a dot: this line is a different kind of warning. */
        render_rect(app->renderer, (SDL_Rect){mark.x + mark.w / 4, mark.y + lh / 4, mark.w / 2, lh / 2},
                    th->danger);
        TextStyle fs = text_style(TEXT_BODY, TEXT_BOLD, th->text);
        fs.align = TEXT_ALIGN_LEFT;
        fs.valign = TEXT_VALIGN_TOP;
        fs.max_lines = 3;
        text_draw(app->text, flags.text, flags_row, fs);
    }
    int n = (int)(sizeof safety_lines / sizeof safety_lines[0]);
    for (int i = 0; i < n; i++) {
        SDL_Rect row = rect_row(body, i, n, l->gap);
        SDL_Rect mark = rect_cut_left(&row, ui_line(app, TEXT_BODY, TEXT_BOLD));
        rect_cut_left(&row, l->gap);
        /* The pain line carries the one warning colour, and a symbol too. */
        SDL_Color c = i == 2 ? th->danger : th->accent;
        int lh = ui_line(app, TEXT_BODY, TEXT_REGULAR);
        render_circle(app->renderer, mark.x + mark.w / 2.0f, mark.y + lh / 2.0f, lh * 0.22f, c);
        TextStyle st = text_style(TEXT_BODY, i == 2 ? TEXT_BOLD : TEXT_REGULAR, th->text);
        st.align = TEXT_ALIGN_LEFT;
        st.valign = TEXT_VALIGN_TOP;
        st.max_lines = 3;
        text_draw(app->text, safety_lines[i], row, st);
    }
    SDL_Rect btn = button;
    btn.w = btn.w / 2;
    const char *label = "I understand";
    ui_menu(app, btn, &label, NULL, 1, 0);
    char hint[96];
    SDL_snprintf(hint, sizeof hint, "%s: I understand", input_confirm_label(&app->input));
    ui_hint(app, f.footer, hint);
}

static void safety_handle(void *ctx, void *state, const InputEvent *ev)
{
    (void)state;
    App *app = ctx;
    if (ev->nav != NAV_SELECT)
        return;
    tracker_settings(app->tracker)->safety_notice_seen = 1;
    app_settings_changed(app);
    screen_replace(&app->screens, screens_def(SCREEN_TITLE), 0);
}

const ScreenDef *screen_safety_def(void)
{
    static const ScreenDef def = {
        .name = "safety",
        .state_size = sizeof(SafetyState),
        .draw = safety_draw,
        .handle = safety_handle,
    };
    return &def;
}
