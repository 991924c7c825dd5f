/* workout.c: the exercise screen: the animated figure, the phase in big
 * letters, the countdown ring, rep / side / set, the session's progress,
 * the last spoken line as a caption, and what comes next. */
#include "screens.h"

#include <stdio.h>
#include <string.h>

#include "render.h"

typedef struct {
    int unused;
} WorkoutState;

typedef struct {
    SDL_Rect title, subtitle, position, next;
    SDL_Rect progress;
    SDL_Rect figure, phase, ring, status, caption, hint, pain;
} WorkoutLayout;

/* pain_w: the width the pain label wants (its text at full size). */
static void workout_layout(App *app, WorkoutLayout *w, int pain_w)
{
    const Layout *l = &app->layout;
    SDL_Rect r = l->safe;
    int head = ui_line(app, TEXT_HEADING, TEXT_BOLD);
    int body = ui_line(app, TEXT_BODY, TEXT_REGULAR);
    int small = ui_line(app, TEXT_SMALL, TEXT_REGULAR);

    if (l->portrait) {
        /* Narrow: every header line gets the full width. */
        w->title = rect_cut_top(&r, head);
        w->subtitle = rect_cut_top(&r, body);
        SDL_Rect row = rect_cut_top(&r, body);
        w->position = rect_cut_left(&row, row.w * 2 / 5);
        w->next = row;
    } else {
        SDL_Rect header = rect_cut_top(&r, head + body);
        SDL_Rect right = rect_cut_right(&header, header.w * 2 / 5);
        rect_cut_right(&header, l->gap);
        w->title = rect_cut_top(&header, head);
        w->subtitle = header;
        w->position = rect_cut_top(&right, head);
        w->next = right;
    }
    rect_cut_top(&r, l->gap);
    w->progress = rect_cut_top(&r, l->gap + l->gap / 2);
    rect_cut_top(&r, l->gap);

    /* The pain button's label is a red pill of body-size text: the one
     * control that must be found without searching. */
    int pill = ui_line(app, TEXT_BODY, TEXT_BOLD) + l->gap / 2;
    if (l->portrait) {
        w->pain = rect_cut_bottom(&r, pill);
        rect_cut_bottom(&r, l->gap / 2);
        w->hint = rect_cut_bottom(&r, 2 * small);
    } else {
        w->hint = rect_cut_bottom(&r, pill);
        int want = pain_w + 2 * l->gap;
        if (want < w->hint.w / 4) want = w->hint.w / 4;
        if (want > w->hint.w / 2) want = w->hint.w / 2;
        w->pain = rect_cut_right(&w->hint, want);
        rect_cut_right(&w->hint, l->gap);
    }
    rect_cut_bottom(&r, l->gap);
    w->caption = rect_cut_bottom(&r, 2 * body + 2 * l->gap);
    rect_cut_bottom(&r, l->gap);

    int phase_h = ui_line(app, TEXT_PHASE, TEXT_BOLD);
    if (l->portrait) {
        w->figure = rect_cut_top(&r, r.h * 9 / 20);
        rect_cut_top(&r, l->gap);
        SDL_Rect ringcol = rect_cut_left(&r, r.w / 2);
        rect_cut_left(&r, l->gap);
        w->phase = rect_cut_top(&ringcol, phase_h);
        w->ring = rect_square(ringcol);
        w->status = r;
    } else {
        w->figure = rect_cut_left(&r, r.w * 52 / 100);
        rect_cut_left(&r, l->gap * 2);
        SDL_Rect ringcol = rect_cut_left(&r, r.w * 11 / 20);
        rect_cut_left(&r, l->gap);
        w->phase = rect_cut_top(&ringcol, phase_h);
        rect_cut_top(&ringcol, l->gap / 2);
        w->ring = rect_square(ringcol);
        w->status = r;
    }
}

static float figure_position(const Session *s, int64_t now)
{
    float p = session_phase_progress(s, now);
    switch (s->phase) {
    case PHASE_MOVE: return figure_ease(p);
    case PHASE_HOLD: return 1.0f;
    case PHASE_RELAX: return 1.0f - figure_ease(p);
    default: return 0.0f;
    }
}

static void muscles_text(unsigned m, char *buf, size_t size)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{MUSCLE_CORE, "core"}, {MUSCLE_GLUTES, "glutes"},
                 {MUSCLE_BACK, "back"}, {MUSCLE_HIPS, "outer hips"}};
    snprintf(buf, size, "Works:");
    bool first = true;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (!(m & names[i].bit))
            continue;
        size_t n = strlen(buf);
        snprintf(buf + n, size - n, "%s %s", first ? "" : ",", names[i].name);
        first = false;
    }
}

static SDL_Color phase_colour(Phase p)
{
    const Theme *th = render_theme();
    switch (p) {
    case PHASE_MOVE: case PHASE_HOLD: return th->accent;
    case PHASE_RELAX: case PHASE_REST: return th->good;
    case PHASE_WAIT_CONFIRM: return th->info;
    default: return th->text;
    }
}

static void draw_progress(App *app, SDL_Rect bar)
{
    const Theme *th = render_theme();
    const Session *s = app->session;
    int n = app->plan.count;
    for (int i = 0; i < n; i++) {
        SDL_Rect seg = rect_col(bar, i, n, app->layout.gap / 2);
        const ExerciseResult *r = &s->results[i];
        SDL_Color c = th->panel_focus;
        if (r->finished)
            c = r->pain ? th->danger : r->skipped ? th->text_dim : th->good;
        render_rounded(app->renderer, seg, seg.h / 2.0f, c);
        if (i == s->exercise && !r->finished) {
            int target = r->reps_target > 0 ? r->reps_target : 1;
            int done = s->plan->items[i].level->sides == SIDES_NONE
                           ? r->reps_done
                           : (r->reps_left + r->reps_right) / 2;
            SDL_Rect fill = seg;
            fill.w = seg.w * (done > target ? target : done) / target;
            if (fill.w > 0)
                render_rounded(app->renderer, fill, seg.h / 2.0f, th->accent);
            render_rounded_outline(app->renderer, seg, seg.h / 2.0f, (float)app->layout.line, th->accent);
        }
    }
}

static void draw_ring(App *app, SDL_Rect ring, const Session *s, int64_t now)
{
    const Theme *th = render_theme();
    float cx = ring.x + ring.w / 2.0f, cy = ring.y + ring.h / 2.0f;
    float radius = ring.w / 2.0f;
    float thick = ring.w * 0.09f;
    render_arc(app->renderer, cx, cy, radius, thick, 0.0f, 1.0f, th->panel_focus);
    int64_t left = session_phase_remaining(s, now);
    SDL_Rect inner = rect_inset(ring, (int)(thick * 1.6f));
    if (left < 0) {
        /* Waiting for the person: a full ring and a check to press. */
        render_arc(app->renderer, cx, cy, radius, thick, 0.0f, 1.0f, phase_colour(s->phase));
        SDL_Rect icon = rect_inset(inner, inner.w / 5);
        render_check(app->renderer, icon, th->text);
        return;
    }
    float frac = 1.0f - session_phase_progress(s, now);
    render_arc(app->renderer, cx, cy, radius, thick, 0.0f, frac, phase_colour(s->phase));
    char num[16];
    int64_t secs = (left + 999) / 1000;
    if (secs >= 100)
        snprintf(num, sizeof num, "%d:%02d", (int)(secs / 60), (int)(secs % 60));
    else
        snprintf(num, sizeof num, "%d", (int)secs);
    text_draw(app->text, num, inner, text_style(TEXT_TIMER, TEXT_BOLD, th->text));
}

static void draw_status(App *app, SDL_Rect r, const Session *s, const Level *level)
{
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    int head = ui_line(app, TEXT_HEADING, TEXT_BOLD);
    int body = ui_line(app, TEXT_BODY, TEXT_REGULAR);
    char line[128];
    TextStyle hs = text_style(TEXT_HEADING, TEXT_BOLD, th->text);
    hs.align = TEXT_ALIGN_LEFT;
    TextStyle bs = text_style(TEXT_BODY, TEXT_REGULAR, th->text);
    bs.align = TEXT_ALIGN_LEFT;

    int reps = level->reps < 1 ? 1 : level->reps;
    int rep = s->rep + 1 > reps ? reps : s->rep + 1;
    snprintf(line, sizeof line, "Rep %d of %d", rep, reps);
    text_draw(app->text, line, rect_cut_top(&r, head), hs);
    rect_cut_top(&r, l->gap / 2);

    SDL_Rect side = rect_cut_top(&r, head);
    if (s->side != SIDE_NONE) {
        bool left = s->side == SIDE_LEFT;
        SDL_Color c = left ? th->info : th->warm;
        SDL_Rect arrow = rect_cut_left(&side, head * 3 / 4);
        render_pointer(app->renderer, arrow, left ? -1 : 1, c);
        rect_cut_left(&side, l->gap);
        TextStyle ss = hs;
        ss.color = c;
        text_draw(app->text, left ? "LEFT SIDE" : "RIGHT SIDE", side, ss);
    } else {
        TextStyle ss = bs;
        ss.color = th->text_dim;
        text_draw(app->text, "Both sides together", side, ss);
    }
    rect_cut_top(&r, l->gap / 2);
    int sets = level->sets < 1 ? 1 : level->sets;
    snprintf(line, sizeof line, "Set %d of %d", s->set + 1 > sets ? sets : s->set + 1, sets);
    text_draw(app->text, line, rect_cut_top(&r, body), bs);
    rect_cut_top(&r, l->gap);

    const char *note = NULL;
    char tip[96];
    bool confirm_mode = s->config.mode == MODE_CONFIRM;
    switch (s->phase) {
    case PHASE_MOVE:
        /* Hold-to-confirm is offered, never required: a tap works too. */
        if (confirm_mode && level->hold_s > 0) {
            snprintf(tip, sizeof tip, "Tip: press %s and keep it down through the hold.",
                     input_confirm_label(&app->input));
            note = tip;
        }
        break;
    case PHASE_HOLD:
        if (confirm_mode && app->hold_watch.holding)
            note = "Holding. Keep it down until the beep.";
        break;
    case PHASE_WAIT_CONFIRM:
        snprintf(tip, sizeof tip, "Rep done? Press %s.", input_confirm_label(&app->input));
        note = tip;
        break;
    case PHASE_INTRO: note = "Get into position. Confirm to start now."; break;
    case PHASE_SWITCH_SIDE: note = "Turn to the other side."; break;
    case PHASE_REST: note = "Rest and breathe."; break;
    default: break;
    }
    if (note) {
        TextStyle ns = bs;
        ns.weight = TEXT_BOLD;
        ns.color = th->accent;
        ns.valign = TEXT_VALIGN_TOP;
        ns.max_lines = 3;
        text_draw(app->text, note, r, ns);
    }
}

static void workout_draw(void *ctx, void *state, int64_t now)
{
    (void)state;
    App *app = ctx;
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    const Session *s = app->session;
    const PlanItem *item = app_current_item(app);
    if (!item)
        return;
    char pain[INPUT_LABEL_MAX + 16];
    snprintf(pain, sizeof pain, "Pain? Press %s", input_label(&app->input, INPUT_CONTROL_PAIN));
    WorkoutLayout w;
    workout_layout(app, &w, text_width(app->text, pain, TEXT_BODY, TEXT_BOLD));
    char line[CUE_TEXT_MAX + 64];

    TextStyle ts = text_style(TEXT_HEADING, TEXT_BOLD, th->text);
    ts.align = TEXT_ALIGN_LEFT;
    text_draw(app->text, item->track->title, w.title, ts);
    snprintf(line, sizeof line, "Level %d: %s", item->level_index + 1, item->level->title);
    TextStyle sub = text_style(TEXT_BODY, TEXT_REGULAR, th->text_dim);
    sub.align = TEXT_ALIGN_LEFT;
    text_draw(app->text, line, w.subtitle, sub);
    snprintf(line, sizeof line, "Exercise %d of %d", s->exercise + 1, app->plan.count);
    TextStyle ps = text_style(TEXT_BODY, TEXT_BOLD, th->text);
    ps.align = l->portrait ? TEXT_ALIGN_LEFT : TEXT_ALIGN_RIGHT;
    text_draw(app->text, line, w.position, ps);
    if (s->exercise + 1 < app->plan.count)
        snprintf(line, sizeof line, "Next: %s", app->plan.items[s->exercise + 1].track->title);
    else
        snprintf(line, sizeof line, "Last one, then the summary");
    TextStyle ns = sub;
    ns.align = TEXT_ALIGN_RIGHT;
    text_draw(app->text, line, w.next, ns);

    draw_progress(app, w.progress);

    /* The figure: during the rest after an exercise, the next one's start
     * position, so the person can get ready for it. */
    ui_panel(app, w.figure, false);
    SDL_Rect fig = rect_inset(w.figure, l->gap);
    SDL_Rect label = rect_cut_top(&fig, ui_line(app, TEXT_SMALL, TEXT_REGULAR));
    const PlanItem *shown = item;
    bool next_up = s->phase == PHASE_REST && s->results[s->exercise].finished &&
                   s->exercise + 1 < app->plan.count;
    if (next_up)
        shown = &app->plan.items[s->exercise + 1];
    if (next_up)
        snprintf(line, sizeof line, "Next up: %s", shown->track->title);
    else
        muscles_text(shown->track->muscles, line, sizeof line);
    TextStyle ls = text_style(TEXT_SMALL, TEXT_REGULAR, next_up ? th->accent : th->text_dim);
    ls.align = TEXT_ALIGN_LEFT;
    text_draw(app->text, line, label, ls);
    figure_draw_level(app->renderer, app->sprites, shown->track, shown->level,
                      next_up ? 0.0f : figure_position(s, now),
                      next_up ? SIDE_NONE : s->side, fig);

    TextStyle phs = text_style(TEXT_PHASE, TEXT_BOLD, phase_colour(s->phase));
    text_draw(app->text, phase_name(s->phase), w.phase, phs);
    draw_ring(app, w.ring, s, now);
    draw_status(app, w.status, s, item->level);

    render_rounded(app->renderer, w.caption, (float)l->gap, th->panel);
    SDL_Rect cap = rect_inset(w.caption, l->gap);
    TextStyle cs = text_style(TEXT_BODY, TEXT_REGULAR, th->text);
    cs.align = TEXT_ALIGN_LEFT;
    cs.max_lines = 2;
    text_draw(app->text, app->view.caption, cap, cs);

    /* Confirm is only offered where it does something: skipping the setup,
     * or (confirm mode) marking the rep done. */
    const Input *in = &app->input;
    bool in_rep = s->phase == PHASE_MOVE || s->phase == PHASE_HOLD ||
                  s->phase == PHASE_RELAX || s->phase == PHASE_WAIT_CONFIRM;
    const char *confirm = s->phase == PHASE_INTRO ? "start now"
                        : in_rep && s->config.mode == MODE_CONFIRM ? "rep done" : NULL;
    char rest[160];
    snprintf(rest, sizeof rest, "%s: pause    %s: skip    %s: help",
             input_label(in, INPUT_CONTROL_PAUSE), input_label(in, INPUT_CONTROL_SKIP),
             input_label(in, INPUT_CONTROL_HELP));
    if (confirm)
        snprintf(line, sizeof line, "%s: %s    %s", input_confirm_label(in), confirm, rest);
    else
        snprintf(line, sizeof line, "%s", rest);
    TextStyle hs = text_style(TEXT_SMALL, TEXT_REGULAR, th->text_dim);
    hs.align = TEXT_ALIGN_LEFT;
    hs.max_lines = l->portrait ? 2 : 1;
    text_draw(app->text, line, w.hint, hs);

    render_rounded(app->renderer, w.pain, (float)l->gap / 2, th->danger);
    text_draw(app->text, pain, rect_inset(w.pain, l->gap / 4),
              text_style(TEXT_BODY, TEXT_BOLD, th->text_on_accent));
}

static bool workout_update(void *ctx, void *state, int64_t now)
{
    (void)state;
    (void)now;
    App *app = ctx;
    if (!app->session_live) {
        screen_pop(&app->screens);
        return false;
    }
    const Session *s = app->session;
    if (s->phase == PHASE_SUMMARY || s->phase == PHASE_DONE)
        screen_replace(&app->screens, screens_def(SCREEN_SUMMARY), 0);
    else if (s->phase == PHASE_PAIN_CHECK)
        screen_push(&app->screens, screens_def(SCREEN_PAIN), 0);
    else if (s->phase == PHASE_RATE && !s->paused)
        screen_push(&app->screens, screens_def(SCREEN_RATE), 0);
    else if (s->paused)
        screen_push(&app->screens, screens_def(SCREEN_PAUSE), 0);
    return true;
}

static void workout_handle(void *ctx, void *state, const InputEvent *ev)
{
    (void)state;
    App *app = ctx;
    /* A lost pad is app.c's business: it pauses whatever screen is on top. */
    switch (ev->action) {
    case ACTION_CONFIRM: case ACTION_PAUSE: case ACTION_PAIN: case ACTION_SKIP:
        app_session_act(app, ev->action);
        break;
    case ACTION_BACK:
        /* Back never ends a session by accident: it pauses, and the pause
         * menu offers the way out. */
        app_session_act(app, ACTION_PAUSE);
        break;
    default:
        break;
    }
}

const ScreenDef *screen_workout_def(void)
{
    static const ScreenDef def = {
        .name = "workout",
        .state_size = sizeof(WorkoutState),
        .update = workout_update,
        .draw = workout_draw,
        .handle = workout_handle,
    };
    return &def;
}
