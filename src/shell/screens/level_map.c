/* level_map.c: the eight tracks as rows and their levels as nodes (locked,
 * unlocked, done, today's); the focused level's figure moves beside its
 * setup text.  Opened to browse (choose today's level) or to practise one. */
#include "screens.h"

#include <math.h>
#include <stdio.h>

#include "render.h"

enum { FIGURE_LOOP_MS = 3200 };

typedef enum { NODE_LOCKED, NODE_OPEN, NODE_DONE, NODE_TODAY } NodeState;

typedef struct {
    int mode;
    int track, level;
    int64_t entered_ms;
} MapState;

static NodeState node_state(const ProgressState *p, int t, int l)
{
    if (l >= p->unlocked[t])
        return NODE_LOCKED;
    if (l == p->current[t])
        return NODE_TODAY;
    if (l < p->unlocked[t] - 1)
        return NODE_DONE;
    return NODE_OPEN;
}

static void map_enter(void *ctx, void *state, int arg)
{
    App *app = ctx;
    MapState *st = state;
    st->mode = arg;
    st->entered_ms = app->now_ms;
    const ProgressState *p = tracker_progress(app->tracker);
    st->track = 0;
    st->level = app->program->track_count > 0 ? p->current[0] : 0;
}

static bool map_update(void *ctx, void *state, int64_t now)
{
    (void)state;
    (void)now;
    App *app = ctx;
    if (app->session_live)
        app_session_abandon(app); /* back from a practice session */
    return true; /* the figure moves */
}

static void draw_node(App *app, SDL_Rect c, NodeState ns, int number, bool focused)
{
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    float cx = c.x + c.w / 2.0f, cy = c.y + c.h / 2.0f;
    float r = c.h * 0.40f;
    /* Focus: a white ring with a gap, unlike any node's own colour. */
    if (focused) {
        render_circle(app->renderer, cx, cy, r + l->line * 4, th->text);
        render_circle(app->renderer, cx, cy, r + l->line * 2, th->bg);
    }
    SDL_Color fill = ns == NODE_LOCKED ? th->panel_dim
                   : ns == NODE_DONE ? th->good
                   : ns == NODE_TODAY ? th->accent : th->panel_focus;
    render_circle(app->renderer, cx, cy, r, fill);
    SDL_Rect in = {(int)(cx - r * 0.62f), (int)(cy - r * 0.62f), (int)(r * 1.24f), (int)(r * 1.24f)};
    char num[16];
    snprintf(num, sizeof num, "%d", number);
    switch (ns) {
    case NODE_LOCKED:
        render_lock(app->renderer, in, th->text_dim, th->panel_dim);
        break;
    case NODE_DONE:
        render_check(app->renderer, in, th->text_on_accent);
        break;
    case NODE_TODAY:
        text_draw(app->text, num, c, text_style(TEXT_SMALL, TEXT_BOLD, th->text_on_accent));
        break;
    case NODE_OPEN:
        text_draw(app->text, num, c, text_style(TEXT_SMALL, TEXT_BOLD, th->text));
        break;
    }
}

static void state_words(const App *app, int t, int l, char *buf, size_t size)
{
    const ProgressState *p = tracker_progress(app->tracker);
    const Track *track = &app->program->tracks[t];
    switch (node_state(p, t, l)) {
    case NODE_TODAY:
        snprintf(buf, size, "Today's level");
        break;
    case NODE_DONE:
        snprintf(buf, size, "Done: you have moved past it");
        break;
    case NODE_OPEN:
        snprintf(buf, size, "Unlocked");
        break;
    case NODE_LOCKED: {
        const Level *before = l > 0 ? &track->levels[l - 1] : NULL;
        if (before && l == p->unlocked[t])
            snprintf(buf, size, "Locked: %d pain-free days with every rep at level %d (%d so far)",
                     before->unlock_clean_days, l, p->clean_days[t]);
        else
            snprintf(buf, size, "Locked: unlock the levels before it first");
        break;
    }
    }
}

static void map_draw(void *ctx, void *state, int64_t now)
{
    App *app = ctx;
    MapState *st = state;
    const Theme *th = render_theme();
    const Layout *lay = &app->layout;
    const Program *prog = app->program;
    const ProgressState *p = tracker_progress(app->tracker);
    UiFrame f = ui_frame(app);
    ui_heading(app, f.header, st->mode == LEVEL_MAP_PRACTISE ? "Practise one level" : "Level map");

    SDL_Rect body = f.body;
    int n = prog->track_count;
    int max_levels = 1;
    int title_w = 0; /* the longest track name, in bold (the focused row) */
    for (int t = 0; t < n; t++) {
        if (prog->tracks[t].level_count > max_levels)
            max_levels = prog->tracks[t].level_count;
        int w = text_width(app->text, prog->tracks[t].title, TEXT_BODY, TEXT_BOLD);
        if (w > title_w)
            title_w = w;
    }
    /* The list takes what its names and nodes want; the detail panel the
     * rest, between a third and nine twentieths of the width. */
    int rows_h = lay->portrait ? body.h / 2 - lay->gap : body.h;
    int node = (rows_h - (n - 1) * (lay->gap / 2)) / (n > 0 ? n : 1);
    int detail_w = body.w - (title_w + node * max_levels + 3 * lay->gap) - lay->gap * 2;
    if (detail_w > body.w * 9 / 20) detail_w = body.w * 9 / 20;
    if (detail_w < body.w / 3) detail_w = body.w / 3;
    SDL_Rect detail = lay->portrait ? rect_cut_bottom(&body, body.h / 2) : rect_cut_right(&body, detail_w);
    if (lay->portrait)
        rect_cut_bottom(&body, lay->gap);
    else
        rect_cut_right(&body, lay->gap * 2);
    node = (body.h - (n - 1) * (lay->gap / 2)) / (n > 0 ? n : 1);
    for (int t = 0; t < n; t++) {
        SDL_Rect row = rect_row(body, t, n, lay->gap / 2);
        row.h = node; /* every row the same, so the nodes line up */
        bool row_focus = t == st->track;
        if (row_focus)
            render_rounded(app->renderer, row, (float)lay->gap, th->panel);
        SDL_Rect nodes = rect_cut_right(&row, row.h * max_levels + lay->gap);
        rect_cut_left(&row, lay->gap);
        TextStyle ts = text_style(TEXT_BODY, row_focus ? TEXT_BOLD : TEXT_REGULAR, th->text);
        ts.align = TEXT_ALIGN_LEFT;
        text_draw(app->text, prog->tracks[t].title, row, ts);
        for (int l = 0; l < prog->tracks[t].level_count; l++) {
            SDL_Rect c = {nodes.x + l * row.h, nodes.y, row.h, row.h};
            if (l > 0) {
                SDL_FPoint a = {c.x - row.h * 0.5f, c.y + c.h / 2.0f}, b = {(float)c.x + c.w / 2.0f, c.y + c.h / 2.0f};
                render_line(app->renderer, a, b, (float)lay->line * 2, th->panel_focus);
            }
        }
        for (int l = 0; l < prog->tracks[t].level_count; l++) {
            SDL_Rect c = {nodes.x + l * row.h, nodes.y, row.h, row.h};
            draw_node(app, c, node_state(p, t, l), l + 1, row_focus && l == st->level);
        }
    }

    /* The focused level in detail. */
    const Track *track = &prog->tracks[st->track];
    const Level *level = &track->levels[st->level];
    ui_panel(app, detail, false);
    SDL_Rect in = rect_inset(detail, lay->gap);
    char line[TEXT_MAX + 64];
    snprintf(line, sizeof line, "Level %d: %s", st->level + 1, level->title);
    TextStyle hs = text_style(TEXT_BODY, TEXT_BOLD, th->text);
    hs.align = TEXT_ALIGN_LEFT;
    hs.valign = TEXT_VALIGN_TOP;
    hs.max_lines = 2;
    int body_h = ui_line(app, TEXT_BODY, TEXT_BOLD);
    SDL_Rect title_r = rect_cut_top(&in, body_h * 2);
    text_draw(app->text, line, title_r, hs);
    state_words(app, st->track, st->level, line, sizeof line);
    NodeState ns = node_state(p, st->track, st->level);
    TextStyle ss = text_style(TEXT_SMALL, TEXT_BOLD, ns == NODE_LOCKED ? th->text_dim : ns == NODE_TODAY ? th->accent : th->good);
    ss.align = TEXT_ALIGN_LEFT;
    ss.valign = TEXT_VALIGN_TOP;
    ss.max_lines = 2;
    int small_h = ui_line(app, TEXT_SMALL, TEXT_REGULAR);
    text_draw(app->text, line, rect_cut_top(&in, small_h * 2), ss);
    /* The setup text keeps its lines; the figure takes what is left (at
     * least a quarter, at most eleven twentieths). */
    TextStyle bs = text_style(TEXT_SMALL, TEXT_REGULAR, th->text);
    bs.align = TEXT_ALIGN_LEFT;
    bs.valign = TEXT_VALIGN_TOP;
    bs.max_lines = 12;
    bool kit = level->equipment[0] && SDL_strcasecmp(level->equipment, "none") != 0;
    int text_h = text_measure(app->text, level->setup, (SDL_Rect){0, 0, in.w, lay->h}, bs).h +
                 (kit ? small_h : 0) + lay->gap / 2;
    int fig_h = in.h - text_h;
    if (fig_h > in.h * 11 / 20) fig_h = in.h * 11 / 20;
    if (fig_h < in.h / 4) fig_h = in.h / 4;
    SDL_Rect fig = rect_cut_top(&in, fig_h);
    double phase = (double)((now - st->entered_ms) % FIGURE_LOOP_MS) / FIGURE_LOOP_MS;
    float t = (float)(0.5 - 0.5 * cos(2 * RENDER_PI * phase));
    figure_draw_level(app->renderer, app->sprites, track, level, t, SIDE_LEFT, fig);
    rect_cut_top(&in, lay->gap / 2);
    if (kit) {
        snprintf(line, sizeof line, "You need: %s", level->equipment);
        TextStyle es = text_style(TEXT_SMALL, TEXT_BOLD, th->info);
        es.align = TEXT_ALIGN_LEFT;
        text_draw(app->text, line, rect_cut_top(&in, small_h), es);
    }
    text_draw(app->text, level->setup, in, bs);

    snprintf(line, sizeof line, "%s: move    %s: %s    %s: back",
             input_label(&app->input, INPUT_CONTROL_MOVE), input_confirm_label(&app->input),
             st->mode == LEVEL_MAP_PRACTISE ? "practise this level" : "make it today's level",
             input_back_label(&app->input));
    ui_hint(app, f.footer, line);
}

static void map_handle(void *ctx, void *state, const InputEvent *ev)
{
    App *app = ctx;
    MapState *st = state;
    const Program *prog = app->program;
    const ProgressState *p = tracker_progress(app->tracker);
    switch (ev->nav) {
    case NAV_UP: case NAV_DOWN: {
        int t = ui_menu_nav(st->track, prog->track_count, ev->nav);
        if (t != st->track) {
            st->track = t;
            st->level = p->current[t];
            st->entered_ms = app->now_ms;
        }
        return;
    }
    case NAV_LEFT:
        if (st->level > 0) {
            st->level--;
            st->entered_ms = app->now_ms;
        }
        return;
    case NAV_RIGHT:
        if (st->level + 1 < prog->tracks[st->track].level_count) {
            st->level++;
            st->entered_ms = app->now_ms;
        }
        return;
    case NAV_BACK:
        screen_pop(&app->screens);
        return;
    case NAV_SELECT:
        break;
    default:
        return;
    }
    const Track *track = &prog->tracks[st->track];
    const Level *level = &track->levels[st->level];
    if (node_state(p, st->track, st->level) == NODE_LOCKED) {
        app_notice(app, "This level is still locked.");
        return;
    }
    if (st->mode == LEVEL_MAP_PRACTISE) {
        if (app_session_start(app, level->id) == 0)
            screen_push(&app->screens, screens_def(SCREEN_WORKOUT), 0);
        return;
    }
    tracker_choose_level(app->tracker, st->track, st->level);
    app->progress_serial++;
    char text[APP_NOTICE_MAX];
    snprintf(text, sizeof text, "Today's %s: level %d", track->title, st->level + 1);
    app_notice(app, text);
}

const ScreenDef *screen_level_map_def(void)
{
    static const ScreenDef def = {
        .name = "level_map",
        .state_size = sizeof(MapState),
        .enter = map_enter,
        .update = map_update,
        .draw = map_draw,
        .handle = map_handle,
    };
    return &def;
}
