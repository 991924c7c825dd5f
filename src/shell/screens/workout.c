/* workout.c: the exercise screen: the animated figure, the phase in big
 * letters, the countdown ring, rep / side / set, the session's progress,
 * the last spoken line as a caption, and what comes next. */
#include "screens.h"

#include <stdio.h>
#include <string.h>

#include "backdrop.h"
#include "render.h"

typedef struct {
    SDL_Rect title, subtitle, position, next;
    SDL_Rect progress;
    SDL_Rect figure, label, fig, phase, ring, status, caption, hint, pain;
    int caption_lines;
    bool stacked; /* the header's lines one under the other */
} WorkoutLayout;

typedef struct {
    WorkoutLayout layout; /* cached: it measures text */
    uint64_t layout_key;
    bool layout_valid;
} WorkoutState;

/* The width the status column's longest fixed line wants at full size
 * (the tips wrap; these do not). */
static int status_width(App *app)
{
    int head = ui_line(app, TEXT_HEADING, TEXT_BOLD);
    int w = text_width(app->text, "Rep 20 of 20", TEXT_HEADING, TEXT_BOLD);
    int side = head * 3 / 4 + app->layout.gap +
               text_width(app->text, "RIGHT SIDE", TEXT_HEADING, TEXT_BOLD);
    int both = text_width(app->text, "Both sides together", TEXT_BODY, TEXT_REGULAR);
    if (side > w) w = side;
    if (both > w) w = both;
    return w;
}

/* pain_w: the width the pain label wants (its text at full size);
 * sub_w: the level's subtitle's. */
static void workout_layout(App *app, WorkoutLayout *w, int pain_w, int sub_w)
{
    const Layout *l = &app->layout;
    SDL_Rect r = l->safe;
    int head = ui_line(app, TEXT_HEADING, TEXT_BOLD);
    int body = ui_line(app, TEXT_BODY, TEXT_REGULAR);
    int small = ui_line(app, TEXT_SMALL, TEXT_REGULAR);

    /* Narrow, or a long level name beside "Next: ...": every header line
     * gets the full width. */
    w->stacked = l->portrait || sub_w > r.w * 3 / 5 - l->gap;
    if (w->stacked) {
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
    /* Three lines of caption (four in portrait) hold the longest prompt
     * at full size or a little below. */
    w->caption_lines = l->portrait ? 4 : 3;
    w->caption = rect_cut_bottom(&r, w->caption_lines * body + 2 * l->gap);
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
        /* The status column gets the width its longest line wants (a
         * narrow 4:3 window would otherwise cut "Both sides together"),
         * between a fifth and a third; the figure and the ring share the
         * rest two to one. */
        int status_w = status_width(app) + l->gap;
        if (status_w < r.w / 5) status_w = r.w / 5;
        if (status_w > r.w / 3) status_w = r.w / 3;
        w->status = rect_cut_right(&r, status_w);
        rect_cut_right(&r, l->gap);
        SDL_Rect ringcol = rect_cut_right(&r, (r.w - 2 * l->gap) / 3);
        rect_cut_right(&r, l->gap * 2);
        w->figure = r;
        w->phase = rect_cut_top(&ringcol, phase_h);
        rect_cut_top(&ringcol, l->gap / 2);
        w->ring = rect_square(ringcol);
    }
    w->fig = rect_inset(w->figure, l->gap);
    w->label = rect_cut_top(&w->fig, small);
}

/* Where the figure stands (0 start, 1 peak) and which side it shows: the
 * intro demonstrates a rep while it is described (session_demo_at). */
/* A sensed move has no tempo: the figure rises as the pad does, and
 * stands at the start until the pad knows where that is. */
static float figure_position(const App *app, const Session *s, int64_t now, Side *side)
{
    float demo;
    *side = s->side;
    if (session_demo_at(s, now, &demo, side))
        return demo;
    float p = session_phase_progress(s, now);
    float angle, peak;
    switch (s->phase) {
    case PHASE_MOVE:
        if (s->deadline_ms >= 0)
            return figure_ease(p);
        if (!motion_pad_angle(&app->motion, s, &angle, &peak) || peak <= 0.0f)
            return 0.0f;
        return angle <= 0.0f ? 0.0f : angle >= peak ? 1.0f : angle / peak;
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

/* The ring's track, a full circle under the countdown: it never moves. */
static void draw_ring_track(App *app, SDL_Rect ring)
{
    float cx = ring.x + ring.w / 2.0f, cy = ring.y + ring.h / 2.0f;
    render_arc(app->renderer, cx, cy, ring.w / 2.0f, ring.w * 0.09f, 0.0f, 1.0f,
               render_theme()->panel_focus);
}

/* The countdown over the track: the arc left and the seconds, or, while
 * waiting for the person, a full ring and a check to press. */
static void draw_ring(App *app, SDL_Rect ring, const Session *s, int64_t now)
{
    const Theme *th = render_theme();
    float cx = ring.x + ring.w / 2.0f, cy = ring.y + ring.h / 2.0f;
    float radius = ring.w / 2.0f;
    float thick = ring.w * 0.09f;
    int64_t left = session_phase_remaining(s, now);
    SDL_Rect inner = rect_inset(ring, (int)(thick * 1.6f));
    if (left < 0) {
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

/* What the motion pad feels, in a sensed exercise's get-ready, move and
 * hold (NULL otherwise); in whole degrees, so the line changes only when
 * the number does. */
static const char *pad_note(const App *app, const Session *s, char *buf, size_t size)
{
    if (!session_sensed(s))
        return NULL;
    float angle, peak;
    bool known = motion_pad_angle(&app->motion, s, &angle, &peak);
    switch (s->phase) {
    case PHASE_GET_READY:
        return known ? "Motion pad: start position found."
                     : "Lie still: the motion pad is finding your start position.";
    case PHASE_MOVE:
        if (!known)
            return "Lie still a moment: the motion pad is finding your start position.";
        /* Past peak_deg the rep counts when the lift stops: at its top. */
        snprintf(buf, size, "Motion pad: %d of %d degrees. The rep counts at the top.",
                 (int)(angle + 0.5f), (int)(peak + 0.5f));
        return buf;
    case PHASE_HOLD:
        if (!known)
            return NULL;
        snprintf(buf, size, "Motion pad: %d degrees. Keep it there until the beep.",
                 (int)(angle + 0.5f));
        return buf;
    default:
        return NULL;
    }
}

/* The status column's note for this phase (NULL: none); buf holds it. */
static const char *status_note(App *app, const Session *s, const Level *level, char *buf,
                               size_t size)
{
    bool confirm_mode = s->config.mode == MODE_CONFIRM;
    const char *pad = pad_note(app, s, buf, size);
    if (pad)
        return pad;
    switch (s->phase) {
    case PHASE_MOVE:
        /* Hold-to-confirm is offered, never required: a tap works too. */
        if (confirm_mode && level->hold_s > 0) {
            snprintf(buf, size, "Tip: press %s and keep it down through the hold.",
                     input_confirm_label(&app->input));
            return buf;
        }
        return NULL;
    case PHASE_HOLD:
        return confirm_mode && app->hold_watch.holding ? "Holding. Keep it down until the beep."
                                                       : NULL;
    case PHASE_WAIT_CONFIRM:
        snprintf(buf, size, "Rep done? Press %s.", input_confirm_label(&app->input));
        return buf;
    case PHASE_INTRO: return "Get into position. Confirm to start now.";
    case PHASE_SWITCH_SIDE: return "Turn to the other side.";
    case PHASE_REST: return "Rest and breathe.";
    default: return NULL;
    }
}

static void draw_status(App *app, SDL_Rect r, const Session *s, const Level *level)
{
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    char tip[96];
    const char *note = status_note(app, s, level, tip, sizeof tip);
    TextStyle ns = text_style(TEXT_BODY, TEXT_BOLD, th->accent);
    ns.align = TEXT_ALIGN_LEFT;
    ns.valign = TEXT_VALIGN_TOP;
    ns.max_lines = 5;
    int sets = level->sets < 1 ? 1 : level->sets;
    /* Rep and side in heading size when the column has the room for them
     * and the note; in body size when it has not (a notice took a band, a
     * short window).  "Set 1 of 1" says nothing and is left out. */
    int body = ui_line(app, TEXT_BODY, TEXT_REGULAR);
    int note_h = note ? text_measure(app->text, note, (SDL_Rect){0, 0, r.w, l->h}, ns).h : 0;
    int head = ui_line(app, TEXT_HEADING, TEXT_BOLD);
    int set_h = sets > 1 ? body + l->gap / 2 : 0;
    bool compact = 2 * head + l->gap + set_h + l->gap / 2 + note_h > r.h;
    TextSize big = compact ? TEXT_BODY : TEXT_HEADING;
    head = ui_line(app, big, TEXT_BOLD);
    char line[128];
    TextStyle hs = text_style(big, TEXT_BOLD, th->text);
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
    if (sets > 1) {
        snprintf(line, sizeof line, "Set %d of %d", s->set + 1 > sets ? sets : s->set + 1, sets);
        text_draw(app->text, line, rect_cut_top(&r, body), bs);
        rect_cut_top(&r, l->gap / 2);
    }
    if (note)
        text_draw(app->text, note, r, ns);
}

/* The static layer (backdrop.h): the header, the figure's panel and label,
 * the caption, the hints and the pain label.  They change with the
 * exercise, the caption, the phase's hint or the device, never with the
 * clock, so they are drawn into the cached layer only when the key built
 * from these very strings changes. */
typedef struct {
    char title[ID_MAX + TEXT_MAX];
    char subtitle[TEXT_MAX + 32];
    char position[64];
    char next[TEXT_MAX + 64];
    char label[TEXT_MAX + 64];
    char hint[256];
    char pain[INPUT_LABEL_MAX + 16];
    bool next_up;
} WorkoutTexts;

static void workout_texts(App *app, const PlanItem *item, WorkoutTexts *t)
{
    const Session *s = app->session;
    const Input *in = &app->input;
    snprintf(t->title, sizeof t->title, "%s", item->track->title);
    snprintf(t->pain, sizeof t->pain, "Pain? Press %s", input_label(in, INPUT_CONTROL_PAIN));
    snprintf(t->subtitle, sizeof t->subtitle, "Level %d: %s", item->level_index + 1,
             item->level->title);
    snprintf(t->position, sizeof t->position, "Exercise %d of %d", s->exercise + 1,
             app->plan.count);
    if (s->exercise + 1 < app->plan.count)
        snprintf(t->next, sizeof t->next, "Next: %s", app->plan.items[s->exercise + 1].track->title);
    else
        snprintf(t->next, sizeof t->next, "Last one, then the summary");
    /* The figure: during the rest after an exercise, the next one's start
     * position, so the person can get ready for it. */
    t->next_up = s->phase == PHASE_REST && s->results[s->exercise].finished &&
                 s->exercise + 1 < app->plan.count;
    if (t->next_up)
        snprintf(t->label, sizeof t->label, "Next up: %s",
                 app->plan.items[s->exercise + 1].track->title);
    else
        muscles_text(item->track->muscles, t->label, sizeof t->label);
    /* Confirm is only offered where it does something: skipping the setup,
     * or (confirm mode) marking the rep done. */
    bool in_rep = s->phase == PHASE_MOVE || s->phase == PHASE_HOLD ||
                  s->phase == PHASE_RELAX || s->phase == PHASE_WAIT_CONFIRM;
    const char *confirm = s->phase == PHASE_INTRO ? "start now"
                        : in_rep && s->config.mode == MODE_CONFIRM ? "rep done" : NULL;
    char rest[160];
    snprintf(rest, sizeof rest, "%s: pause    %s: skip    %s: help",
             input_label(in, INPUT_CONTROL_PAUSE), input_label(in, INPUT_CONTROL_SKIP),
             input_label(in, INPUT_CONTROL_HELP));
    if (confirm)
        snprintf(t->hint, sizeof t->hint, "%s: %s    %s", input_confirm_label(in), confirm, rest);
    else
        snprintf(t->hint, sizeof t->hint, "%s", rest);
}

/* Whether the figure moves with the clock in this phase (figure_position
 * is not constant): then it is drawn every frame, else it is part of the
 * static layer. */
static bool figure_moves(const Session *s, int64_t now)
{
    float demo;
    Side side;
    return s->phase == PHASE_MOVE || s->phase == PHASE_RELAX ||
           session_demo_at(s, now, &demo, &side);
}

static void draw_figure(App *app, const WorkoutLayout *w, const WorkoutTexts *t,
                        const PlanItem *item, int64_t now)
{
    const Session *s = app->session;
    const PlanItem *shown = t->next_up ? &app->plan.items[s->exercise + 1] : item;
    Side side = SIDE_NONE;
    float pose = t->next_up ? 0.0f : figure_position(app, s, now, &side);
    figure_draw_level(app->renderer, app->sprites, shown->track, shown->level, pose,
                      t->next_up ? SIDE_NONE : side, w->fig);
}

/* What the static layer shows beyond its strings: the session's counts,
 * the phase, the side, the hold, and the figure's pose while it stands. */
static uint64_t static_key(App *app, uint64_t key, int64_t now)
{
    const Session *s = app->session;
    int parts[] = {s->phase, s->exercise, s->rep, s->set, s->side, app->hold_watch.holding};
    key = backdrop_hash(key, parts, sizeof parts);
    for (int i = 0; i < app->plan.count; i++) {
        const ExerciseResult *r = &s->results[i];
        int res[] = {r->finished, r->pain, r->skipped, r->reps_done, r->reps_left,
                     r->reps_right, r->reps_target};
        key = backdrop_hash(key, res, sizeof res);
    }
    char pad[96];
    const char *note = pad_note(app, s, pad, sizeof pad);
    if (note)
        key = backdrop_hash_str(key, note);
    if (!figure_moves(s, now)) {
        Side side;
        float pose = figure_position(app, s, now, &side);
        key = backdrop_hash(key, &pose, sizeof pose);
        key = backdrop_hash(key, &side, sizeof side);
    }
    return key;
}

static void draw_static(App *app, const WorkoutLayout *w, const WorkoutTexts *t)
{
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    TextStyle ts = text_style(TEXT_HEADING, TEXT_BOLD, th->text);
    ts.align = TEXT_ALIGN_LEFT;
    text_draw(app->text, t->title, w->title, ts);
    TextStyle sub = text_style(TEXT_BODY, TEXT_REGULAR, th->text_dim);
    sub.align = TEXT_ALIGN_LEFT;
    text_draw(app->text, t->subtitle, w->subtitle, sub);
    TextStyle ps = text_style(TEXT_BODY, TEXT_BOLD, th->text);
    ps.align = w->stacked ? TEXT_ALIGN_LEFT : TEXT_ALIGN_RIGHT;
    text_draw(app->text, t->position, w->position, ps);
    TextStyle ns = sub;
    ns.align = TEXT_ALIGN_RIGHT;
    text_draw(app->text, t->next, w->next, ns);

    ui_panel(app, w->figure, false);
    TextStyle ls = text_style(TEXT_SMALL, TEXT_REGULAR, t->next_up ? th->accent : th->text_dim);
    ls.align = TEXT_ALIGN_LEFT;
    text_draw(app->text, t->label, w->label, ls);

    render_rounded(app->renderer, w->caption, (float)l->gap, th->panel);
    SDL_Rect cap = rect_inset(w->caption, l->gap);
    TextStyle cs = text_style(TEXT_BODY, TEXT_REGULAR, th->text);
    cs.align = TEXT_ALIGN_LEFT;
    cs.max_lines = w->caption_lines;
    text_draw(app->text, app->view.caption, cap, cs);

    TextStyle hs = text_style(TEXT_SMALL, TEXT_REGULAR, th->text_dim);
    hs.align = TEXT_ALIGN_LEFT;
    hs.max_lines = l->portrait ? 2 : 1;
    text_draw(app->text, t->hint, w->hint, hs);

    render_rounded(app->renderer, w->pain, (float)l->gap / 2, th->danger);
    text_draw(app->text, t->pain, rect_inset(w->pain, l->gap / 4),
              text_style(TEXT_BODY, TEXT_BOLD, th->text_on_accent));
}

static void workout_draw(void *ctx, void *state, int64_t now)
{
    App *app = ctx;
    WorkoutState *st = state;
    const Theme *th = render_theme();
    const Session *s = app->session;
    const PlanItem *item = app_current_item(app);
    if (!item)
        return;
    WorkoutTexts t;
    workout_texts(app, item, &t);
    /* The layout measures text: done again only when the size, the safe
     * area (a notice's band) or the measured strings change. */
    uint64_t lkey = ui_layout_key(app);
    lkey = backdrop_hash_str(lkey, t.pain);
    lkey = backdrop_hash_str(lkey, t.subtitle);
    if (!st->layout_valid || st->layout_key != lkey) {
        workout_layout(app, &st->layout, text_width(app->text, t.pain, TEXT_BODY, TEXT_BOLD),
                       text_width(app->text, t.subtitle, TEXT_BODY, TEXT_REGULAR));
        st->layout_key = lkey;
        st->layout_valid = true;
    }
    const WorkoutLayout *w = &st->layout;

    uint64_t key = backdrop_hash(lkey, &t.next_up, sizeof t.next_up);
    const char *const parts[] = {t.title, t.position, t.next, t.label, t.hint,
                                 app->view.caption};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        key = backdrop_hash_str(key, parts[i]);
    key = static_key(app, key, now);
    if (backdrop_begin(app->backdrop, key, th->bg)) {
        draw_static(app, w, &t);
        draw_progress(app, w->progress);
        TextStyle phs = text_style(TEXT_PHASE, TEXT_BOLD, phase_colour(s->phase));
        text_draw(app->text, phase_name(s->phase), w->phase, phs);
        draw_ring_track(app, w->ring);
        draw_status(app, w->status, s, item->level);
        if (!figure_moves(s, now))
            draw_figure(app, w, &t, item, now);
    }
    backdrop_end(app->backdrop);

    /* What moves: the countdown, and the figure during a move. */
    if (figure_moves(s, now))
        draw_figure(app, w, &t, item, now);
    draw_ring(app, w->ring, s, now);
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
    /* A lost pad and PAIN are app.c's business (its input path acts on
     * them before any screen sees the press). */
    switch (ev->action) {
    case ACTION_CONFIRM: case ACTION_PAUSE: case ACTION_SKIP:
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
