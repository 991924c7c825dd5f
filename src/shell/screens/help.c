/* help.c: the controls overlay (F1 or H, or hold Back/Select on a pad): what
 * each control does, named for the device used last, PAIN marked in red. */
#include "screens.h"

#include <stdio.h>

#include "render.h"

typedef struct {
    int unused;
} HelpState;

static void help_draw(void *ctx, void *state, int64_t now)
{
    (void)state;
    (void)now;
    App *app = ctx;
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    const Input *in = &app->input;
    ui_dim(app);

    SDL_Rect box = l->safe;
    if (!l->portrait) {
        int w = box.w * 3 / 4;
        box.x += (box.w - w) / 2;
        box.w = w;
    }
    render_rounded(app->renderer, box, (float)l->gap, th->panel);
    render_rounded_outline(app->renderer, box, (float)l->gap, (float)l->line, th->text_dim);
    SDL_Rect r = rect_inset(box, l->gap + l->gap / 2);

    InputDevice device = input_shown_device(in);
    char heading[96];
    if (device == INPUT_DEVICE_PAD) {
        const char *family = input_pad_family(input_pad_type(in));
        snprintf(heading, sizeof heading, "Controls: %s%s", family,
                 SDL_strcmp(family, "gamepad") == 0 ? "" : " pad");
    } else {
        snprintf(heading, sizeof heading, "Controls: keyboard");
    }
    ui_heading(app, rect_cut_top(&r, ui_line(app, TEXT_HEADING, TEXT_BOLD)), heading);
    rect_cut_top(&r, l->gap / 2);
    SDL_Rect hint = rect_cut_bottom(&r, ui_line(app, TEXT_SMALL, TEXT_REGULAR));
    rect_cut_bottom(&r, l->gap / 2);
    /* The red flags, always here: a doctor, not exercise, for these. */
    Prompt flags;
    prompt_fixed(&flags, PROMPT_RED_FLAGS);
    TextStyle fs = text_style(TEXT_SMALL, TEXT_BOLD, th->text);
    fs.align = TEXT_ALIGN_LEFT;
    fs.valign = TEXT_VALIGN_TOP;
    fs.max_lines = 8; /* never cut: as many lines as a narrow window needs */
    SDL_Rect flags_row = rect_cut_bottom(&r, ui_text_height(app, flags.text, r.w, fs));
    rect_cut_bottom(&r, l->gap / 2);
    text_draw(app->text, flags.text, flags_row, fs);
    /* Which pads count reps by themselves, and whether one is here: only
     * when the controls keep their room (docs/MOTION.md says the rest). */
    char pad[200];
    if (motion_pad_sensing(&app->motion))
        snprintf(pad, sizeof pad, "Motion pad: %s counts bridges, supermans, clamshells and "
                 "kickbacks when strapped on.", app->motion.name);
    else
        snprintf(pad, sizeof pad, "Motion pad: %s. PlayStation and Switch pads count reps "
                 "when strapped on (on Linux, install steam-devices).",
                 app->motion.wanted ? "none found" : "off in Settings");
    TextStyle ms = text_style(TEXT_SMALL, TEXT_REGULAR, th->text_dim);
    ms.align = TEXT_ALIGN_LEFT;
    ms.valign = TEXT_VALIGN_TOP;
    ms.max_lines = 4;
    int pad_h = ui_text_height(app, pad, r.w, ms);
    int rows_h = INPUT_CONTROL_COUNT * (ui_line(app, TEXT_BODY, TEXT_REGULAR) + l->gap / 4);
    if (r.h - pad_h - l->gap / 2 >= rows_h) {
        SDL_Rect pad_row = rect_cut_bottom(&r, pad_h);
        rect_cut_bottom(&r, l->gap / 2);
        text_draw(app->text, pad, pad_row, ms);
    }

    int n = INPUT_CONTROL_COUNT;
    for (int i = 0; i < n; i++) {
        SDL_Rect row = rect_row(r, i, n, l->gap / 4);
        bool pain = i == INPUT_CONTROL_PAIN;
        if (pain)
            render_rounded(app->renderer, row, (float)l->gap / 2, th->danger);
        SDL_Rect inner = rect_inset(row, l->gap / 4);
        rect_cut_left(&inner, l->gap / 2);
        SDL_Rect keys = rect_cut_right(&inner, inner.w * 2 / 5);
        rect_cut_right(&inner, l->gap / 2);
        char name[INPUT_LABEL_MAX];
        input_help_label(in, device, (InputControl)i, name, sizeof name);
        SDL_Color fg = pain ? th->text_on_accent : th->text;
        TextStyle what = text_style(TEXT_BODY, pain ? TEXT_BOLD : TEXT_REGULAR, fg);
        what.align = TEXT_ALIGN_LEFT;
        what.max_lines = 2; /* a narrow window wraps rather than cuts */
        text_draw(app->text, input_control_text((InputControl)i), inner, what);
        TextStyle ks = text_style(TEXT_BODY, TEXT_BOLD, pain ? fg : th->accent);
        ks.align = TEXT_ALIGN_RIGHT;
        ks.max_lines = 2;
        text_draw(app->text, name, keys, ks);
    }

    char line[160];
    snprintf(line, sizeof line, "%s or %s: close", input_label(in, INPUT_CONTROL_BACK),
             input_label(in, INPUT_CONTROL_HELP));
    TextStyle hs = text_style(TEXT_SMALL, TEXT_REGULAR, th->text_dim);
    hs.align = TEXT_ALIGN_LEFT;
    text_draw(app->text, line, hint, hs);
}

static void help_handle(void *ctx, void *state, const InputEvent *ev)
{
    (void)state;
    App *app = ctx;
    /* PAIN never reaches an overlay: app_input takes it first. */
    if (ev->action == ACTION_PAUSE) {
        screen_pop(&app->screens);
        if (app->session_live && app->session->paused)
            app_session_act(app, ACTION_PAUSE);
        return;
    }
    if (ev->nav == NAV_BACK || ev->nav == NAV_SELECT)
        screen_pop(&app->screens);
}

const ScreenDef *screen_help_def(void)
{
    static const ScreenDef def = {
        .name = "help",
        .state_size = sizeof(HelpState),
        .overlay = true,
        .draw = help_draw,
        .handle = help_handle,
    };
    return &def;
}
