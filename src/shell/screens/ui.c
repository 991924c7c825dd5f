/* ui.c: the widgets screens share, and the screen table.  Sizes come from
 * the layout's type scale, so every screen keeps the same rhythm. */
#include "screens.h"

#include "render.h"

const ScreenDef *screens_def(ScreenId id)
{
    static const ScreenDef *(*const table[SCREEN_COUNT])(void) = {
        [SCREEN_SAFETY] = screen_safety_def,
        [SCREEN_TITLE] = screen_title_def,
        [SCREEN_LEVEL_MAP] = screen_level_map_def,
        [SCREEN_WORKOUT] = screen_workout_def,
        [SCREEN_PAUSE] = screen_pause_def,
        [SCREEN_PAIN] = screen_pain_def,
        [SCREEN_SUMMARY] = screen_summary_def,
        [SCREEN_CALENDAR] = screen_calendar_def,
        [SCREEN_SETTINGS] = screen_settings_def,
        [SCREEN_HELP] = screen_help_def,
        [SCREEN_RATE] = screen_rate_def,
        [SCREEN_ADVICE] = screen_advice_def,
    };
    return (unsigned)id < SCREEN_COUNT ? table[id]() : NULL;
}

void screens_start(App *app)
{
    if (app->demo) {
        screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
        if (app_session_start(app, app->options ? app->options->level_id : NULL) == 0)
            screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);
        return;
    }
    if (!tracker_settings(app->tracker)->safety_notice_seen)
        screen_reset(&app->screens, screens_def(SCREEN_SAFETY), 0);
    else
        screen_reset(&app->screens, screens_def(SCREEN_TITLE), 0);
}

int ui_line(App *app, TextSize size, TextWeight weight)
{
    return text_line_height(app->text, size, weight);
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
    render_rect(app->renderer, (SDL_Rect){0, 0, l->w, l->h}, render_alpha(render_theme()->bg, 230));
}

int ui_menu_height(App *app, int count, bool with_details)
{
    const Layout *l = &app->layout;
    int item = ui_line(app, TEXT_BODY, TEXT_BOLD) + 2 * l->gap;
    if (with_details)
        item += ui_line(app, TEXT_SMALL, TEXT_REGULAR);
    return count * item + (count - 1) * l->gap;
}

SDL_Rect ui_menu_item(App *app, SDL_Rect area, int i, int count, bool with_details)
{
    const Layout *l = &app->layout;
    int item = ui_line(app, TEXT_BODY, TEXT_BOLD) + 2 * l->gap;
    if (with_details)
        item += ui_line(app, TEXT_SMALL, TEXT_REGULAR);
    int total = ui_menu_height(app, count, with_details);
    if (total > area.h) {
        /* Too little room: share it out evenly instead. */
        return rect_row(area, i, count, l->gap / 2);
    }
    return (SDL_Rect){area.x, area.y + i * (item + l->gap), area.w, item};
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
        SDL_Rect inner = rect_inset(r, l->gap);
        SDL_Rect mark = rect_cut_left(&inner, ui_line(app, TEXT_BODY, TEXT_BOLD));
        if (focused)
            render_pointer(app->renderer, (SDL_Rect){mark.x, inner.y, mark.w, ui_line(app, TEXT_BODY, TEXT_BOLD)}, 1, th->accent);
        rect_cut_left(&inner, l->gap);
        bool has_detail = details && details[i] && details[i][0];
        SDL_Rect label = has_detail ? rect_cut_top(&inner, ui_line(app, TEXT_BODY, TEXT_BOLD)) : inner;
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
