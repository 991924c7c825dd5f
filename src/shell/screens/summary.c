/* summary.c: the end of a session: reps, minutes, the streak (+1 when today
 * counted), each exercise's outcome, and new levels with a small burst of
 * stars.  Confirm goes back to the title. */
#include "screens.h"

#include <math.h>
#include <stdio.h>

#include "render.h"

enum { CELEBRATION_MS = 2400, STAR_COUNT = 14 };

typedef struct {
    int64_t entered_ms;
} SummaryState;

static void summary_enter(void *ctx, void *state, int arg)
{
    (void)arg;
    App *app = ctx;
    SummaryState *st = state;
    st->entered_ms = app->now_ms;
}

static bool summary_update(void *ctx, void *state, int64_t now)
{
    App *app = ctx;
    SummaryState *st = state;
    if (app->demo && app->demo_done_ms >= 0 && now - app->demo_done_ms >= APP_DEMO_LINGER_MS)
        app->quit = true;
    /* Drawing continues while the stars fly and while the session says its
     * summary (its clock still runs). */
    return app->demo || now - st->entered_ms < CELEBRATION_MS ||
           (app->session_live && !session_done(app->session));
}

/* label_lines: 1, or 2 when some tile's label wraps (all tiles then keep
 * the same height). */
static void draw_tile(App *app, SDL_Rect r, const char *value, const char *label,
                      SDL_Color accent, int label_lines)
{
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    ui_panel(app, r, false);
    SDL_Rect in = rect_inset(r, l->gap);
    SDL_Rect lab = rect_cut_bottom(&in, ui_line(app, TEXT_BODY, TEXT_REGULAR) * label_lines);
    text_draw(app->text, value, in, text_style(TEXT_TITLE, TEXT_BOLD, accent));
    TextStyle ls = text_style(TEXT_BODY, TEXT_REGULAR, th->text);
    ls.max_lines = label_lines;
    text_draw(app->text, label, lab, ls);
}

/* Stars flying out of a point; positions come from time since entering,
 * never from per-frame increments. */
static void draw_stars(App *app, SDL_Rect area, int64_t t)
{
    if (t < 0 || t >= CELEBRATION_MS)
        return;
    const Theme *th = render_theme();
    float k = (float)t / CELEBRATION_MS;
    float cx = area.x + area.w / 2.0f, cy = area.y + area.h / 2.0f;
    float reach = (area.w < area.h ? area.w : area.h) * 0.9f;
    for (int i = 0; i < STAR_COUNT; i++) {
        float a = (float)(2 * RENDER_PI * i / STAR_COUNT) + 0.3f * (i % 3);
        float d = reach * (0.3f + 0.7f * k) * (0.6f + 0.4f * ((i * 7) % 5) / 4.0f);
        float size = area.h * 0.08f * (1.0f - k * 0.6f);
        SDL_Color c = (i % 2) ? th->accent : th->warm;
        c.a = (Uint8)(255 * (1.0f - k));
        render_star(app->renderer, cx + cosf(a) * d, cy + sinf(a) * d * 0.6f, size, c);
    }
}

static const char *outcome_word(const ExerciseResult *r)
{
    if (r->pain)
        return "stopped for pain";
    if (r->skipped)
        return "skipped";
    if (r->finished && r->reps_target > 0 && r->reps_done >= r->reps_target)
        return "done";
    if (r->finished && r->reps_done > 0)
        return "partly done";
    return "not done";
}

/* "Bridges: done", or with the count when not all reps were done. */
static void result_line(const App *app, int i, char *buf, size_t size)
{
    const ExerciseResult *r = &app->session->results[i];
    const char *title = app->plan.items[i].track->title;
    if (r->finished && !r->pain && !r->skipped && r->reps_done >= r->reps_target)
        snprintf(buf, size, "%s: %s", title, outcome_word(r));
    else
        snprintf(buf, size, "%s: %s (%d of %d)", title, outcome_word(r), r->reps_done,
                 r->reps_target);
}

static void summary_draw(void *ctx, void *state, int64_t now)
{
    App *app = ctx;
    SummaryState *st = state;
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    const SessionView *v = &app->view;
    UiFrame f = ui_frame(app);
    SessionTotals t = v->concluded ? v->totals : session_totals(app->session);
    const char *heading = app->session_daily
                              ? (t.complete ? "Well done: today's session is complete" : "Session ended")
                              : (t.complete ? "Practice done: well done" : "Practice ended");
    ui_heading(app, f.header, heading);

    SDL_Rect body = f.body;
    char value[32], label[64];
    int gained = v->streak_after.current - v->streak_before.current;
    snprintf(label, sizeof label, "day streak%s", v->counted ? ", today counts" : "");
    /* The streak's label is the long one: two lines when a third of the
     * width cannot hold it. */
    SDL_Rect tile0 = rect_col(body, 0, 3, l->gap * 2);
    int lines = text_width(app->text, label, TEXT_BODY, TEXT_REGULAR) > tile0.w - 2 * l->gap ? 2 : 1;
    int tile_h = ui_line(app, TEXT_TITLE, TEXT_BOLD) + lines * ui_line(app, TEXT_BODY, TEXT_REGULAR) +
                 3 * l->gap;
    SDL_Rect tiles = rect_cut_top(&body, tile_h);
    rect_cut_top(&body, l->gap * 2);
    snprintf(value, sizeof value, "%d", t.reps);
    draw_tile(app, rect_col(tiles, 0, 3, l->gap * 2), value, t.reps == 1 ? "rep" : "reps", th->text,
              lines);
    int minutes = (int)((t.elapsed_ms + 30000) / 60000);
    snprintf(value, sizeof value, "%d", minutes);
    draw_tile(app, rect_col(tiles, 1, 3, l->gap * 2), value, minutes == 1 ? "minute" : "minutes",
              th->text, lines);
    if (gained > 0)
        snprintf(value, sizeof value, "%d (+%d)", v->streak_after.current, gained);
    else
        snprintf(value, sizeof value, "%d", v->streak_after.current);
    SDL_Rect streak_tile = rect_col(tiles, 2, 3, l->gap * 2);
    draw_tile(app, streak_tile, value, label, gained > 0 ? th->accent : th->text, lines);

    /* New levels first: they are the news. */
    int line_h = ui_line(app, TEXT_BODY, TEXT_REGULAR);
    for (int i = 0; i < v->unlocked_count && body.h >= line_h; i++) {
        const Level *u = v->unlocked[i];
        int ti = 0, li = 0;
        program_find_level(app->program, u->id, &ti, &li);
        char line[256];
        snprintf(line, sizeof line, "New level unlocked: %s, level %d: %s",
                 app->program->tracks[ti].title, li + 1, u->title);
        TextStyle us = text_style(TEXT_BODY, TEXT_BOLD, th->accent);
        us.align = TEXT_ALIGN_LEFT;
        us.valign = TEXT_VALIGN_TOP;
        us.max_lines = 2; /* a narrow window wraps the level's name */
        SDL_Rect want = {0, 0, body.w - line_h - l->gap, l->h};
        int text_h = text_measure(app->text, line, want, us).h;
        SDL_Rect row = rect_cut_top(&body, (text_h > line_h ? text_h : line_h) + l->gap);
        SDL_Rect star = rect_cut_left(&row, line_h);
        render_star(app->renderer, star.x + star.w / 2.0f, star.y + line_h / 2.0f, line_h * 0.45f, th->accent);
        rect_cut_left(&row, l->gap);
        text_draw(app->text, line, row, us);
    }
    rect_cut_top(&body, l->gap);

    /* Each exercise's outcome, in two columns, with a symbol and a word. */
    int n = app->plan.count;
    /* Two columns when every line fits half the width or one column
     * would not fit the height (the lines then shrink to their half). */
    int cols = n > 4 ? 2 : 1;
    int one_h = n * (line_h + l->gap / 2);
    for (int i = 0; i < n && cols == 2; i++) {
        char line[256];
        result_line(app, i, line, sizeof line);
        if (text_width(app->text, line, TEXT_BODY, TEXT_REGULAR) + line_h + l->gap >
            rect_col(body, 0, 2, l->gap * 2).w && one_h <= body.h)
            cols = 1;
    }
    int rows = (n + cols - 1) / cols;
    int row_h = line_h + l->gap / 2;
    if (rows * row_h > body.h && rows > 0)
        row_h = body.h / rows;
    for (int i = 0; i < n; i++) {
        const ExerciseResult *r = &app->session->results[i];
        SDL_Rect col = rect_col(body, i / rows, cols, l->gap * 2);
        SDL_Rect row = {col.x, col.y + (i % rows) * row_h, col.w, row_h};
        if (row.y + row.h > body.y + body.h)
            break;
        SDL_Rect mark = rect_cut_left(&row, line_h);
        SDL_Color c; /* the word comes from result_line */
        if (r->pain) {
            c = th->danger;
            render_circle(app->renderer, mark.x + mark.w / 2.0f, mark.y + mark.h / 2.0f, mark.w * 0.3f, c);
        } else if (r->skipped) {
            c = th->text_dim;
            render_line(app->renderer, (SDL_FPoint){mark.x + mark.w * 0.2f, mark.y + mark.h / 2.0f},
                        (SDL_FPoint){mark.x + mark.w * 0.8f, mark.y + mark.h / 2.0f}, mark.w * 0.14f, c);
        } else if (r->finished && r->reps_target > 0 && r->reps_done >= r->reps_target) {
            c = th->good;
            render_check(app->renderer, rect_inset(mark, mark.w / 8), c);
        } else if (r->finished && r->reps_done > 0) {
            /* Some reps but not all (the session was ended during it): no
             * check mark, which would say "done"; a half bar says "part". */
            c = th->text;
            SDL_Rect box = rect_inset(mark, mark.w / 4);
            render_rounded_outline(app->renderer, box, mark.w / 8.0f, (float)l->line, c);
            render_rect(app->renderer, (SDL_Rect){box.x, box.y + box.h / 2, box.w, box.h - box.h / 2}, c);
        } else {
            c = th->text_dim;
            render_rounded_outline(app->renderer, rect_inset(mark, mark.w / 4), mark.w / 8.0f, (float)l->line, c);
        }
        rect_cut_left(&row, l->gap);
        char line[256];
        result_line(app, i, line, sizeof line);
        TextStyle es = text_style(TEXT_BODY, TEXT_REGULAR, th->text);
        es.align = TEXT_ALIGN_LEFT;
        text_draw(app->text, line, row, es);
    }

    if (v->unlocked_count > 0 || gained > 0)
        draw_stars(app, streak_tile, now - st->entered_ms);
    char hint[96];
    snprintf(hint, sizeof hint, "%s: back to the title", input_confirm_label(&app->input));
    ui_hint(app, f.footer, hint);
}

static void summary_handle(void *ctx, void *state, const InputEvent *ev)
{
    App *app = ctx;
    SummaryState *st = state;
    if (ev->nav != NAV_SELECT && ev->nav != NAV_BACK)
        return;
    /* The core's own guard (2 s on confirm in PHASE_SUMMARY) never sees
     * these presses: this screen answers them.  So it guards them too. */
    if (app_clock_ms(app) - st->entered_ms < APP_PRESS_GUARD_MS)
        return;
    bool ask = app->session_daily && app->view.concluded &&
               tracker_settings(app->tracker)->session_pain_ratings;
    app_session_abandon(app); /* already concluded: this just lets it go */
    screen_pop(&app->screens);
    if (ask)
        screen_push(&app->screens, screens_def(SCREEN_BACK_PAIN), BACK_PAIN_AFTER);
}

const ScreenDef *screen_summary_def(void)
{
    static const ScreenDef def = {
        .name = "summary",
        .state_size = sizeof(SummaryState),
        .enter = summary_enter,
        .update = summary_update,
        .draw = summary_draw,
        .handle = summary_handle,
    };
    return &def;
}
