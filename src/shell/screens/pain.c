/* pain.c: the pain check after a pain stop.  It thanks the person, says
 * what changes next time (one level easier), passes on the save's advice to
 * see a physical therapist after repeated pain, asks how bad it is (0-10,
 * left/right or digits) and where (optional), and lets them stop or go on.
 * The score goes to the core (session_rate_pain) with the choice. */
#include "screens.h"

#include <stdio.h>

#include "render.h"

/* Rows: the score, the place, then the menu (go on / stop). */
enum { PAIN_ROW_SCORE, PAIN_ROW_PLACE, PAIN_ROW_MENU };

typedef struct {
    int focus;          /* a row; PAIN_ROW_MENU + i is menu item i */
    int score;          /* 0-10, -1 while not said */
    int place;          /* PainPlace */
    int64_t digit_ms;   /* when a lone "1" was typed: a "0" soon after is 10 */
    bool moved;         /* the person moved the focus: it stays theirs */
} PainState;

static bool pain_is_last(const App *app);

static void pain_enter(void *ctx, void *state, int arg)
{
    (void)arg;
    PainState *st = state;
    /* Confirm goes on at once, as the voice says; the score is optional
     * (left/right or digits from anywhere, up for the place). */
    st->focus = PAIN_ROW_MENU;
    /* After the advice to see a therapist, the safe choice comes first. */
    App *app = ctx;
    if (tracker_advice(app->tracker) && !pain_is_last(app))
        st->focus = PAIN_ROW_MENU + 1;
    st->score = -1;
    st->place = PAIN_PLACE_NONE;
    st->digit_ms = -1;
    st->moved = false;
}

/* The advice to see a therapist because of this stop: its score reached
 * the pack's advice_pain_at, or the stop itself brought the pain rules'
 * advice.  Fills the words shown (text may be NULL); false when none. */
static bool pain_advice_now(const App *app, const PainState *st, char *text, size_t size)
{
    const Session *s = app->session;
    int at = s->config.advice_score_at;
    if (at > 0 && st->score >= at) {
        snprintf(text, size, "%d of 10 is a lot: please stop for today, and see a physical "
                 "therapist or your doctor before doing this again.",
                 st->score);
        return true;
    }
    /* Shorter than the spoken words, which the voice has already said. */
    Prompt p;
    const PlanItem *item = app_current_item(app);
    if (item && app->view.pain_exercise == s->exercise &&
        runner_pain_advice(&app->runner, s->exercise, &p)) {
        bool many = tracker_progress(app->tracker)->advice_reason[item->track_index] == ADVICE_MANY_DAYS;
        bool week = program_rules(app->program).advice_window_days == 7;
        snprintf(text, size, "%s %s: please see a physical therapist or your doctor before doing %s again.",
                 many ? "Pain on several days" : "Not the first time",
                 week ? "this week" : "lately", item->track->title);
        return true;
    }
    return false;
}

static bool pain_is_last(const App *app)
{
    return app->session->exercise + 1 >= app->plan.count;
}

static bool pain_update(void *ctx, void *state, int64_t now)
{
    (void)now;
    App *app = ctx;
    PainState *st = state;
    if (!app->session_live || app->session->phase != PHASE_PAIN_CHECK) {
        screen_pop(&app->screens);
        return false;
    }
    /* Advice that comes with this stop makes the safe choice the default,
     * unless the person has already chosen where to be. */
    if (!st->moved && st->focus == PAIN_ROW_MENU && !pain_is_last(app) &&
        pain_advice_now(app, st, NULL, 0)) {
        st->focus = PAIN_ROW_MENU + 1;
        return true;
    }
    return false;
}

static void pain_draw(void *ctx, void *state, int64_t now)
{
    (void)now;
    App *app = ctx;
    PainState *st = state;
    const Theme *th = render_theme();
    const Layout *l = &app->layout;
    UiFrame f = ui_frame(app);
    const Session *s = app->session;
    /* Only an exercise the core stopped for pain is spoken of as stopped;
     * pain in the rest after a finished one stopped nothing. */
    const PlanItem *item = app->view.pain_exercise == s->exercise ? app_current_item(app) : NULL;

    SDL_Rect head = f.header;
    SDL_Rect icon = rect_cut_left(&head, head.h);
    render_circle(app->renderer, icon.x + icon.w / 2.0f, icon.y + icon.h / 2.0f, icon.h * 0.45f, th->danger);
    render_rect(app->renderer, (SDL_Rect){icon.x + icon.w / 2 - icon.w / 12, icon.y + icon.h / 5, icon.w / 6, icon.h * 2 / 5}, th->text_on_accent);
    render_rect(app->renderer, (SDL_Rect){icon.x + icon.w / 2 - icon.w / 12, icon.y + icon.h * 2 / 3, icon.w / 6, icon.h / 7}, th->text_on_accent);
    rect_cut_left(&head, l->gap);
    ui_heading(app, head, "Stopped. That was the right call.");

    SDL_Rect body = f.body;
    const char *labels[2];
    int count;
    if (pain_is_last(app)) {
        labels[0] = "Finish for today";
        count = 1;
    } else {
        labels[0] = "Go on to the next exercise";
        labels[1] = "Stop for today";
        count = 2;
    }
    int menu_h = ui_menu_height(app, count, false);
    SDL_Rect menu = rect_cut_bottom(&body, menu_h);
    menu.w = l->portrait ? menu.w : menu.w * 3 / 5;
    rect_cut_bottom(&body, l->gap);
    /* How bad (0-10) and where: only when an exercise's pain is there to
     * record (a stop, or pain in the rest after one). */
    const ExerciseResult *res = s->exercise >= 0 ? &s->results[s->exercise] : NULL;
    if (res && (res->pain || res->pain_after)) {
        int row_h = ui_line(app, TEXT_BODY, TEXT_BOLD) + l->gap;
        SDL_Rect place_row = rect_cut_bottom(&body, row_h);
        rect_cut_bottom(&body, l->gap / 2);
        SDL_Rect score_row = rect_cut_bottom(&body, row_h);
        rect_cut_bottom(&body, l->gap);
        TextStyle lab = text_style(TEXT_BODY, TEXT_BOLD, th->text);
        lab.align = TEXT_ALIGN_LEFT;
        SDL_Rect score_label = rect_cut_left(&score_row, score_row.w / (l->portrait ? 3 : 4));
        text_draw(app->text, "How bad, 0-10?", score_label, lab);
        for (int i = 0; i <= 10; i++) {
            SDL_Rect b = rect_col(score_row, i, 11, l->gap / 3);
            bool on = st->score == i;
            render_rounded(app->renderer, b, l->gap / 3.0f, on ? th->accent : th->panel);
            if (st->focus == PAIN_ROW_SCORE && (on || (st->score < 0 && i == 5)))
                render_rounded_outline(app->renderer, b, l->gap / 3.0f, (float)l->line * 2, th->text);
            char n[4];
            snprintf(n, sizeof n, "%d", i);
            text_draw(app->text, n, b, text_style(TEXT_BODY, TEXT_BOLD, on ? th->text_on_accent : th->text));
        }
        SDL_Rect place_label = rect_cut_left(&place_row, place_row.w / 4);
        text_draw(app->text, "Where?", place_label, lab);
        static const char *const places[PAIN_PLACE_COUNT] = {"Not said", "Low back", "Buttock", "Leg"};
        for (int i = 0; i < PAIN_PLACE_COUNT; i++) {
            SDL_Rect b = rect_col(place_row, i, PAIN_PLACE_COUNT, l->gap / 2);
            bool on = st->place == i;
            render_rounded(app->renderer, b, l->gap / 3.0f, on ? th->accent : th->panel);
            if (st->focus == PAIN_ROW_PLACE && on)
                render_rounded_outline(app->renderer, b, l->gap / 3.0f, (float)l->line * 2, th->text);
            text_draw(app->text, places[i], b, text_style(TEXT_BODY, on ? TEXT_BOLD : TEXT_REGULAR,
                                                         on ? th->text_on_accent : th->text));
        }
    }

    char lines[3][512];
    int n = 0;
    char advice[512];
    bool advised = pain_advice_now(app, st, advice, sizeof advice);
    if (item) {
        snprintf(lines[n++], sizeof lines[0], "%s was stopped for pain. Thank you for listening to your body.",
                 item->track->title);
        if (item->level_index > 0)
            snprintf(lines[n++], sizeof lines[0],
                     "Next time it starts one level easier: level %d, %s.",
                     item->level_index, item->track->levels[item->level_index - 1].title);
        else
            snprintf(lines[n++], sizeof lines[0],
                     "This is already the first level: next time, go gently and make the movement smaller.");
    } else {
        snprintf(lines[n++], sizeof lines[0], "Take a moment and breathe.");
    }
    if (advised)
        snprintf(lines[n++], sizeof lines[0], "%s", advice);
    else if (item)
        snprintf(lines[n++], sizeof lines[0],
                 "If the pain stays or keeps coming back, check with your doctor or a physical therapist.");
    for (int i = 0; i < n; i++) {
        SDL_Rect row = rect_row(body, i, n, l->gap);
        TextStyle ts = text_style(TEXT_BODY, i == n - 1 && advised ? TEXT_BOLD : TEXT_REGULAR, th->text);
        ts.align = TEXT_ALIGN_LEFT;
        ts.valign = TEXT_VALIGN_TOP;
        ts.max_lines = i == n - 1 && advised ? 4 : 3;
        text_draw(app->text, lines[i], row, ts);
    }
    int item_focus = st->focus - PAIN_ROW_MENU;
    ui_menu(app, menu, labels, NULL, count, item_focus >= 0 && item_focus < count ? item_focus : -1);
    char hint[160];
    snprintf(hint, sizeof hint, "Left, right or 0-9: how bad    Up, down: move    %s: choose",
             input_confirm_label(&app->input));
    ui_hint(app, f.footer, hint);
}

static bool pain_has_result(const App *app)
{
    const Session *s = app->session;
    if (s->exercise < 0 || s->exercise >= app->plan.count)
        return false;
    const ExerciseResult *r = &s->results[s->exercise];
    return r->pain || r->pain_after;
}

static void pain_handle(void *ctx, void *state, const InputEvent *ev)
{
    App *app = ctx;
    PainState *st = state;
    int count = pain_is_last(app) ? 1 : 2;
    bool scored = pain_has_result(app);
    int first = scored ? PAIN_ROW_SCORE : PAIN_ROW_MENU;
    int last = PAIN_ROW_MENU + count - 1;
    if (st->focus < first)
        st->focus = first;
    if (ev->has_digit && scored) {
        /* "1" then "0" within a second and a half is ten. */
        if (ev->digit == 0 && st->score == 1 && st->digit_ms >= 0 &&
            app->now_ms - st->digit_ms <= 1500)
            st->score = 10;
        else
            st->score = ev->digit;
        st->digit_ms = ev->digit == 1 ? app->now_ms : -1;
        session_rate_pain(app->session, app->now_ms, st->score, (PainPlace)st->place);
        return;
    }
    if (ev->nav == NAV_UP || ev->nav == NAV_DOWN) {
        st->moved = true;
        st->focus += ev->nav == NAV_UP ? -1 : 1;
        if (st->focus < first) st->focus = last;
        if (st->focus > last) st->focus = first;
        return;
    }
    if ((ev->nav == NAV_LEFT || ev->nav == NAV_RIGHT) && st->focus != PAIN_ROW_PLACE && scored) {
        int step = ev->nav == NAV_LEFT ? -1 : 1;
        st->score = st->score < 0 ? 5 : st->score + step; /* the first press lands mid-way */
        if (st->score < 0) st->score = 0;
        if (st->score > 10) st->score = 10;
        session_rate_pain(app->session, app->now_ms, st->score, (PainPlace)st->place);
        return;
    }
    if ((ev->nav == NAV_LEFT || ev->nav == NAV_RIGHT) && st->focus == PAIN_ROW_PLACE) {
        int step = ev->nav == NAV_LEFT ? -1 : 1;
        st->place = (st->place + step + PAIN_PLACE_COUNT) % PAIN_PLACE_COUNT;
        if (st->score >= 0)
            session_rate_pain(app->session, app->now_ms, st->score, (PainPlace)st->place);
        return;
    }
    if (ev->nav == NAV_BACK) {
        app_session_act(app, ACTION_BACK);
        return;
    }
    if (ev->nav != NAV_SELECT)
        return;
    if (st->focus < PAIN_ROW_MENU) {
        st->focus++; /* confirm on a row goes on to the next */
        return;
    }
    /* The core reads CONFIRM as "go on" (or finish, after the last one)
     * and BACK as "stop for today". */
    app_session_act(app, st->focus == PAIN_ROW_MENU ? ACTION_CONFIRM : ACTION_BACK);
}

const ScreenDef *screen_pain_def(void)
{
    static const ScreenDef def = {
        .name = "pain",
        .state_size = sizeof(PainState),
        .enter = pain_enter,
        .update = pain_update,
        .draw = pain_draw,
        .handle = pain_handle,
    };
    return &def;
}
