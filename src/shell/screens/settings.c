/* settings.c: every field of the settings table, one row each, changed with
 * left and right (or confirm), saved and applied at once.  Rows come from
 * core/settings.h, so a new setting shows up without touching this file. */
#include "screens.h"

#include <stdio.h>
#include <string.h>

#include "render.h"
#include "voice.h"

typedef struct {
    int focus;
    /* The widest label and value at full size, measured once per layout
     * (each value of each setting: too many to measure every frame). */
    int measured_w, measured_h;
    int label_w, value_w;
} SettingsState;

typedef struct {
    const char *name;
    const char *label;
    int step;
} SettingLook;

static const SettingLook looks[] = {
    {"voice_on", "Spoken prompts", 1},
    {"voice_volume", "Voice volume", 10},
    {"voice", "Voice", 1},
    {"voice_rate", "Speaking speed", 5},
    {"effects_volume", "Beep volume", 10},
    {"tempo_mode", "Reps", 1},
    {"swap_confirm_back", "Gamepad buttons", 1},
    {"rest_days_per_week", "Rest days a week", 1},
    {"day_start_hour", "A new day starts at", 1},
    {"session_pain_ratings", "Back pain, 0-10", 1},
    {"motion_pad", "Motion pad", 1},
    {"pad_rumble", "Pad rumble", 1},
    {"safety_notice_seen", "Safety notice", 1},
};

static const SettingLook *look_for(const char *name)
{
    for (size_t i = 0; i < sizeof looks / sizeof looks[0]; i++)
        if (strcmp(looks[i].name, name) == 0)
            return &looks[i];
    return NULL;
}

static void value_text(const char *name, int v, char *buf, size_t size)
{
    if (strcmp(name, "voice_on") == 0)
        snprintf(buf, size, "%s", v ? "On" : "Off, captions only");
    else if (strcmp(name, "voice") == 0)
        snprintf(buf, size, "%s", voice_label(v) ? voice_label(v) : "?");
    else if (strcmp(name, "voice_rate") == 0 && v == 100)
        snprintf(buf, size, "Normal");
    else if (strcmp(name, "voice_rate") == 0)
        snprintf(buf, size, "%d%% of normal", v);
    else if (strstr(name, "volume"))
        snprintf(buf, size, "%d%%", v);
    else if (strcmp(name, "tempo_mode") == 0)
        snprintf(buf, size, "%s", v ? "Run on a tempo" : "Confirm each rep");
    else if (strcmp(name, "swap_confirm_back") == 0)
        snprintf(buf, size, "%s", v ? "Right confirms, bottom goes back" : "Bottom confirms, right goes back");
    else if (strcmp(name, "rest_days_per_week") == 0)
        snprintf(buf, size, "%d a week keep the streak", v);
    else if (strcmp(name, "day_start_hour") == 0)
        snprintf(buf, size, "%d:00", v);
    else if (strcmp(name, "session_pain_ratings") == 0)
        snprintf(buf, size, "%s", v ? "Asked before and after" : "Not asked");
    else if (strcmp(name, "motion_pad") == 0)
        snprintf(buf, size, "%s", v ? "PS4, PS5, Switch pads count reps" : "Buttons only");
    else if (strcmp(name, "pad_rumble") == 0)
        snprintf(buf, size, "%s", v ? "At hold end and side switch" : "Off");
    else if (strcmp(name, "safety_notice_seen") == 0)
        snprintf(buf, size, "%s", v ? "Read" : "Show at the next start");
    else
        snprintf(buf, size, "%d", v);
}

static void settings_draw(void *ctx, void *state, int64_t now)
{
    (void)now;
    App *app = ctx;
    SettingsState *st = state;
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    UiFrame f = ui_frame(app);
    ui_heading(app, f.header, "Settings");
    const Settings *s = tracker_settings(app->tracker);
    int n = settings_count();
    int lh = ui_line(app, TEXT_BODY, TEXT_BOLD);
    /* Label and value side by side when the longest pair fits the row;
     * else (a narrow window) the value goes under its label. */
    int inner_w = f.body.w - l->gap * 2 - lh * 4 / 3 - l->gap * 2;
    if (st->measured_w != l->w || st->measured_h != l->h) {
        st->measured_w = l->w;
        st->measured_h = l->h;
        st->label_w = st->value_w = 0;
        for (int i = 0; i < n; i++) {
            const SettingLook *look = look_for(settings_name(i));
            int w = text_width(app->text, look ? look->label : settings_description(i), TEXT_BODY,
                               TEXT_BOLD);
            if (w > st->label_w) st->label_w = w;
            char value[96];
            for (int v = settings_min(i); v <= settings_max(i); v++) {
                value_text(settings_name(i), v, value, sizeof value);
                w = text_width(app->text, value, TEXT_BODY, TEXT_BOLD);
                if (w > st->value_w) st->value_w = w;
            }
        }
    }
    int label_w = st->label_w, value_w = st->value_w;
    bool two_lines = label_w + value_w + l->gap * 2 > inner_w;
    /* As many rows as fit a line of text each; the rest scroll into view
     * round the focus, with "more" in the hint. */
    /* The smallest row: the smallest text the layout allows, in its inset
     * (two lines of it when the value goes under its label). */
    int floor_line = l->min_text_px * 4 / 3 + 1; /* a line of the smallest text */
    int row_min = floor_line * (two_lines ? 2 : 1) + l->gap + l->gap / 2;
    int shown = f.body.h / (row_min > 0 ? row_min : 1);
    SDL_Rect more_r = {0, 0, 0, 0};
    if (shown < n) {
        more_r = rect_cut_bottom(&f.body, ui_line(app, TEXT_SMALL, TEXT_REGULAR));
        shown = f.body.h / (row_min > 0 ? row_min : 1);
    }
    shown = shown < 1 ? 1 : shown > n ? n : shown;
    int first = st->focus - shown / 2;
    if (first > n - shown) first = n - shown;
    if (first < 0) first = 0;
    int row_in_h = (f.body.h - (shown - 1) * (l->gap / 2)) / shown - l->gap;
    if (two_lines && row_in_h < 2 * floor_line) {
        /* No room for two lines either: side by side, each part in its
         * share of the width, and the text shrinks to fit. */
        two_lines = false;
        label_w = (inner_w - l->gap) * label_w / (label_w + value_w);
    }
    for (int i = first; i < first + shown; i++) {
        SDL_Rect row = rect_row(f.body, i - first, shown, l->gap / 2);
        bool focused = i == st->focus;
        ui_panel(app, row, focused);
        SDL_Rect in = rect_inset(row, l->gap / 2);
        rect_cut_left(&in, l->gap / 2);
        SDL_Rect mark = rect_cut_left(&in, lh * 2 / 3);
        if (focused)
            render_pointer(app->renderer, mark, 1, th->accent);
        rect_cut_left(&in, l->gap);
        const SettingLook *look = look_for(settings_name(i));
        SDL_Rect label = two_lines ? rect_cut_top(&in, in.h / 2) : rect_cut_left(&in, label_w + l->gap);
        TextStyle ls = text_style(TEXT_BODY, focused ? TEXT_BOLD : TEXT_REGULAR, th->text);
        ls.align = TEXT_ALIGN_LEFT;
        text_draw(app->text, look ? look->label : settings_description(i), label, ls);
        char value[96];
        value_text(settings_name(i), settings_get(s, i), value, sizeof value);
        SDL_Rect arrows_r = rect_cut_right(&in, lh * 2 / 3);
        rect_cut_right(&in, l->gap / 2);
        TextStyle vs = text_style(TEXT_BODY, TEXT_BOLD, focused ? th->accent : th->text);
        vs.align = TEXT_ALIGN_RIGHT;
        text_draw(app->text, value, in, vs);
        if (focused)
            render_pointer(app->renderer, arrows_r, 1, th->text_dim);
    }
    if (shown < n) {
        char more[96];
        snprintf(more, sizeof more, "%d of %d settings shown: up and down for the rest", shown, n);
        TextStyle ms = text_style(TEXT_SMALL, TEXT_REGULAR, th->text_dim);
        ms.align = TEXT_ALIGN_RIGHT;
        text_draw(app->text, more, more_r, ms);
    }
    char hint[160];
    snprintf(hint, sizeof hint, "Up / down: choose    Left / right or %s: change    %s: back (saved)",
             input_confirm_label(&app->input), input_back_label(&app->input));
    ui_hint(app, f.footer, hint);
}

static void change(App *app, int i, int dir)
{
    Settings *s = tracker_settings(app->tracker);
    const SettingLook *look = look_for(settings_name(i));
    int step = look ? look->step : 1;
    int lo = settings_min(i), hi = settings_max(i);
    int v = settings_get(s, i) + dir * step;
    /* Confirm cycles round; left and right stop at the ends. */
    if (dir > 1 || dir < -1)
        v = settings_get(s, i) + (dir > 0 ? step : -step);
    if (v > hi) v = dir == 2 ? lo : hi;
    if (v < lo) v = lo;
    settings_set_by_name(s, settings_name(i), v);
    app_settings_changed(app);
    /* A voice is chosen by ear: say something in the new one. */
    if (strcmp(settings_name(i), "voice") == 0 || strcmp(settings_name(i), "voice_rate") == 0)
        audio_say(app->audio, "voice_sample", "This is how I will guide you. Hold for five.");
}

static void settings_handle(void *ctx, void *state, const InputEvent *ev)
{
    App *app = ctx;
    SettingsState *st = state;
    int n = settings_count();
    switch (ev->nav) {
    case NAV_UP: case NAV_DOWN:
        st->focus = ui_menu_nav(st->focus, n, ev->nav);
        break;
    case NAV_LEFT: change(app, st->focus, -1); break;
    case NAV_RIGHT: change(app, st->focus, 1); break;
    case NAV_SELECT: change(app, st->focus, 2); break;
    case NAV_BACK: screen_pop(&app->screens); break;
    default: break;
    }
}

const ScreenDef *screen_settings_def(void)
{
    static const ScreenDef def = {
        .name = "settings",
        .state_size = sizeof(SettingsState),
        .draw = settings_draw,
        .handle = settings_handle,
    };
    return &def;
}
