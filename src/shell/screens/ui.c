/* ui.c: the widgets screens share (frame, headings, panels, menus, hints).
 * Sizes come from the layout's type scale, so every screen keeps the same
 * rhythm.  Widgets only draw: they call no app_* function. */
#include "screens.h"

#include "backdrop.h"
#include "render.h"

int ui_line(App *app, TextSize size, TextWeight weight)
{
    return text_line_height(app->text, size, weight);
}

int ui_text_height(App *app, const char *text, int width, TextStyle style)
{
    SDL_Rect tall = {0, 0, width, app->layout.h};
    style.valign = TEXT_VALIGN_TOP;
    return text_measure(app->text, text, tall, style).h;
}

UiFrame ui_frame(App *app)
{
    const Layout *l = &app->layout;
    SDL_Rect r = l->safe;
    UiFrame f;
    f.header = rect_cut_top(&r, ui_line(app, TEXT_HEADING, TEXT_BOLD) + l->gap);
    rect_cut_top(&r, l->gap);
    /* A narrow screen gets two lines of hints. */
    int hint_lines = l->portrait ? 2 : 1;
    f.footer = rect_cut_bottom(&r, ui_line(app, TEXT_SMALL, TEXT_REGULAR) * hint_lines + l->gap);
    rect_cut_bottom(&r, l->gap);
    f.body = r;
    return f;
}

void ui_heading(App *app, SDL_Rect r, const char *text)
{
    TextStyle st = text_style(TEXT_HEADING, TEXT_BOLD, render_theme()->text);
    st.align = TEXT_ALIGN_LEFT;
    text_draw(app->text, text, r, st);
}

void ui_hint(App *app, SDL_Rect r, const char *text)
{
    TextStyle st = text_style(TEXT_SMALL, TEXT_REGULAR, render_theme()->text_dim);
    st.align = TEXT_ALIGN_LEFT;
    st.valign = TEXT_VALIGN_BOTTOM;
    st.max_lines = 2;
    text_draw(app->text, text, r, st);
}

void ui_panel(App *app, SDL_Rect r, bool focused)
{
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    render_rounded(app->renderer, r, (float)l->gap, focused ? th->panel_focus : th->panel);
    if (focused)
        render_rounded_outline(app->renderer, r, (float)l->gap, (float)(l->line * 2), th->accent);
}

void ui_dim(App *app)
{
    const Layout *l = &app->layout;
    /* The overlay's text lies over the dimmed screen's, on purpose. */
    text_begin_layer(app->text);
    render_rect(app->renderer, (SDL_Rect){0, 0, l->w, l->h}, render_alpha(render_theme()->bg, 230));
}

/* The lines an item holds, without padding. */
static int menu_content(App *app, bool with_details)
{
    int h = ui_line(app, TEXT_BODY, TEXT_BOLD);
    if (with_details)
        h += ui_line(app, TEXT_SMALL, TEXT_REGULAR);
    return h;
}

int ui_menu_height(App *app, int count, bool with_details)
{
    const Layout *l = &app->layout;
    int item = menu_content(app, with_details) + 2 * l->gap;
    return count * item + (count - 1) * l->gap;
}

/* The padding inside and between items: the full gap when there is room,
 * else as much as fits (down to 1 px), so the lines keep their size. */
static int menu_pad(App *app, SDL_Rect area, int count, bool with_details)
{
    int pad = app->layout.gap;
    int spare = area.h - count * menu_content(app, with_details);
    if (count > 0 && spare < (3 * count - 1) * pad)
        pad = spare / (3 * count - 1);
    return pad;
}

SDL_Rect ui_menu_item(App *app, SDL_Rect area, int i, int count, bool with_details)
{
    int pad = menu_pad(app, area, count, with_details);
    if (pad < 1) {
        /* Too little room even unpadded: share it out evenly (the text
         * then shrinks to fit). */
        return rect_row(area, i, count, 1);
    }
    int item = menu_content(app, with_details) + 2 * pad;
    return (SDL_Rect){area.x, area.y + i * (item + pad), area.w, item};
}

void ui_menu(App *app, SDL_Rect area, const char *const *labels,
             const char *const *details, int count, int focus)
{
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    bool with_details = false;
    for (int i = 0; details && i < count; i++)
        with_details = with_details || (details[i] && details[i][0]);
    for (int i = 0; i < count; i++) {
        SDL_Rect r = ui_menu_item(app, area, i, count, with_details);
        bool focused = i == focus;
        ui_panel(app, r, focused);
        int pad = menu_pad(app, area, count, with_details);
        SDL_Rect inner = rect_inset(r, pad < 1 ? 1 : pad);
        rect_cut_left(&inner, l->gap - (pad < 1 ? 1 : pad));
        SDL_Rect mark = rect_cut_left(&inner, ui_line(app, TEXT_BODY, TEXT_BOLD));
        if (focused)
            render_pointer(app->renderer, (SDL_Rect){mark.x, inner.y, mark.w, ui_line(app, TEXT_BODY, TEXT_BOLD)}, 1, th->accent);
        rect_cut_left(&inner, l->gap);
        bool has_detail = details && details[i] && details[i][0];
        /* Label and detail share what there is in their lines' ratio. */
        int label_h = inner.h * ui_line(app, TEXT_BODY, TEXT_BOLD) / menu_content(app, true);
        SDL_Rect label = has_detail ? rect_cut_top(&inner, label_h) : inner;
        TextStyle st = text_style(TEXT_BODY, focused ? TEXT_BOLD : TEXT_REGULAR, th->text);
        st.align = TEXT_ALIGN_LEFT;
        text_draw(app->text, labels[i], label, st);
        if (has_detail) {
            TextStyle ds = text_style(TEXT_SMALL, TEXT_REGULAR, th->text_dim);
            ds.align = TEXT_ALIGN_LEFT;
            text_draw(app->text, details[i], inner, ds);
        }
    }
}

int ui_menu_nav(int focus, int count, Nav nav)
{
    if (nav == NAV_UP && focus > 0)
        return focus - 1;
    if (nav == NAV_DOWN && focus + 1 < count)
        return focus + 1;
    return focus;
}

uint64_t ui_layout_key(const App *app)
{
    const Layout *l = &app->layout;
    int parts[] = {l->w, l->h, l->safe.x, l->safe.y, l->safe.w, l->safe.h};
    return backdrop_hash(BACKDROP_HASH_START, parts, sizeof parts);
}

void ui_scale(App *app, SDL_Rect r, int score, bool focused)
{
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    for (int i = 0; i <= 10; i++) {
        SDL_Rect b = rect_col(r, i, 11, l->gap / 3);
        bool on = score == i;
        render_rounded(app->renderer, b, l->gap / 3.0f, on ? th->accent : th->panel);
        if (focused && (on || (score < 0 && i == 5)))
            render_rounded_outline(app->renderer, b, l->gap / 3.0f, (float)l->line * 2, th->text);
        char n[4];
        snprintf(n, sizeof n, "%d", i);
        text_draw(app->text, n, b,
                  text_style(TEXT_BODY, TEXT_BOLD, on ? th->text_on_accent : th->text));
    }
}

bool ui_score_handle(UiScore *s, const InputEvent *ev, int64_t now_ms)
{
    if (ev->has_digit) {
        if (ev->digit == 0 && s->score == 1 && s->digit_ms >= 0 && now_ms - s->digit_ms <= 1500)
            s->score = 10;
        else
            s->score = ev->digit;
        s->digit_ms = ev->digit == 1 ? now_ms : -1;
        return true;
    }
    if (ev->nav == NAV_LEFT || ev->nav == NAV_RIGHT) {
        int v = s->score < 0 ? 5 : s->score + (ev->nav == NAV_LEFT ? -1 : 1);
        s->score = v < 0 ? 0 : v > 10 ? 10 : v;
        s->digit_ms = -1;
        return true;
    }
    return false;
}
