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
    /* The four points, then the red flags.  Each row's height comes from
     * its words at full size (wrapped, never cut); where they do not all
     * fit, every row gives up the same share, so the texts shrink alike
     * rather than one of them losing its end. */
    enum { ITEMS = 5, LINES = 8 };
    const char *items[ITEMS] = {safety_lines[0], safety_lines[1], safety_lines[2],
                                safety_lines[3], flags.text};
    int mark_w = ui_line(app, TEXT_BODY, TEXT_BOLD);
    int text_w = body.w - mark_w - l->gap;
    int heights[ITEMS], total = 0, gap = l->gap;
    TextStyle styles[ITEMS];
    /* The first size and spacing at which every row fits whole: body type,
     * then small type, each with full then half gaps. */
    const TextSize sizes[] = {TEXT_BODY, TEXT_BODY, TEXT_SMALL, TEXT_SMALL};
    for (int k = 0; k < 4; k++) {
        total = 0;
        gap = k % 2 ? l->gap / 2 : l->gap;
        for (int i = 0; i < ITEMS; i++) {
            /* The pain line and the red flags are bold. */
            bool bold = i == 2 || i == ITEMS - 1;
            styles[i] = text_style(sizes[k], bold ? TEXT_BOLD : TEXT_REGULAR, th->text);
            styles[i].align = TEXT_ALIGN_LEFT;
            styles[i].valign = TEXT_VALIGN_TOP;
            styles[i].max_lines = LINES;
            heights[i] = ui_text_height(app, items[i], text_w, styles[i]);
            total += heights[i];
        }
        if (total + (ITEMS - 1) * gap <= body.h)
            break;
    }
    int room = body.h - (ITEMS - 1) * gap;
    int lh = ui_line(app, TEXT_BODY, TEXT_REGULAR);
    for (int i = 0; i < ITEMS; i++) {
        int h = total <= room ? heights[i] + (room - total) / ITEMS / 2
                              : (int)((long long)heights[i] * room / (total > 0 ? total : 1));
        SDL_Rect row = rect_cut_top(&body, h);
        rect_cut_top(&body, gap);
        SDL_Rect mark = rect_cut_left(&row, mark_w);
        rect_cut_left(&row, l->gap);
        if (i == ITEMS - 1) {
            /* A square, not a dot: this line is a different kind of warning. */
            render_rect(app->renderer, (SDL_Rect){mark.x + mark.w / 4, mark.y + lh / 4, mark.w / 2, lh / 2},
                        th->danger);
        } else {
            /* The pain line carries the one warning colour. */
            SDL_Color c = i == 2 ? th->danger : th->accent;
            render_circle(app->renderer, mark.x + mark.w / 2.0f, mark.y + lh / 2.0f, lh * 0.22f, c);
        }
        text_draw(app->text, items[i], row, styles[i]);
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
