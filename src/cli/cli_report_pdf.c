/* cli_report_pdf.c: --report FILE.pdf, one printable A4 page for the
 * physical therapist over the last 30 days: the days with a session, the
 * pain score of every pain stop over time (marked by place), how each
 * exercise felt, the weekly check of everyday things, level changes and
 * the pain stops one by one.
 *
 * Drawn with cairo's PDF surface.  The text is the app's own font
 * (assets/fonts, Atkinson Hyperlegible, made for low-vision readers),
 * opened with FreeType and handed to cairo through cairo-ft: cairo embeds
 * the glyphs it uses, so the page prints the same on any computer and no
 * fontconfig lookup or system font is involved.  Every mark differs in
 * shape or fill as well as colour (the Okabe-Ito colours), so the page
 * reads in grey print and with any colour vision. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include "cli_common.h"
#include "core/tolerance.h"

enum { DAYS = REPORT_PDF_DAYS, CHANGES_MAX = 64, STOPS_MAX = 256 };

/* A4 in points, and the margins. */
static const double PAGE_W = 595.276, PAGE_H = 841.89, LEFT = 42, RIGHT = 553.276;

static const unsigned INK = 0x1f2328, MUTED = 0x555d66, RULE = 0xc9ced3, SHADE = 0xf1f3f5;
static const unsigned BLUE = 0x0072b2, VERMILION = 0xd55e00; /* Okabe-Ito */

static const char *const weekday_names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
static const char *const month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* ---- the data ---------------------------------------------------------------- */

typedef struct {
    DayNumber day;
    int track;      /* index, -1 when the pack lacks it */
    int from, to;   /* level indices; from -1: an unlock of `to` */
} LevelChange;

typedef struct {
    DayNumber first, today; /* the window: first = today - 29 */
    unsigned char started[DAYS], finished[DAYS], pain[DAYS];
    int days_with_session, days_finished;
    int ratings[PROGRAM_MAX_TRACKS][RATING_COUNT];
    int unanswered[PROGRAM_MAX_TRACKS];
    LevelChange changes[CHANGES_MAX];
    int change_count, change_total;
    int stops[STOPS_MAX]; /* indices into the exercises */
    int stop_count, stop_total;
} PdfData;

static int window_index(const PdfData *d, DayNumber day)
{
    return day >= d->first && day <= d->today ? (int)(day - d->first) : -1;
}

static void add_change(PdfData *d, DayNumber day, int track, int from, int to)
{
    d->change_total++;
    if (d->change_count < CHANGES_MAX)
        d->changes[d->change_count++] = (LevelChange){day, track, from, to};
}

static int change_order(const void *a, const void *b)
{
    const LevelChange *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->track != y->track)
        return x->track < y->track ? -1 : 1;
    return (x->from >= 0) - (y->from >= 0); /* the unlock before the step */
}

static void gather(const Program *p, const Tracker *t, time_t now, PdfData *d)
{
    memset(d, 0, sizeof *d);
    int sn, en, un;
    const SaveSession *sessions = tracker_sessions(t, &sn);
    const SaveExercise *ex = tracker_exercises(t, &en);
    const SaveUnlock *unlocks = tracker_unlocks(t, &un);

    d->today = tracker_day_of(t, now);
    for (int i = 0; i < sn; i++)
        if (sessions[i].local_day > d->today)
            d->today = sessions[i].local_day; /* a clock set back */
    d->first = d->today - (DAYS - 1);

    for (int i = 0; i < sn; i++) {
        int k = window_index(d, sessions[i].local_day);
        if (k < 0)
            continue;
        d->started[k] = 1;
        d->finished[k] |= sessions[i].finished;
    }
    int last_level[PROGRAM_MAX_TRACKS];
    for (int ti = 0; ti < PROGRAM_MAX_TRACKS; ti++)
        last_level[ti] = -1;
    for (int i = 0; i < en; i++) {
        int ti = -1, li = -1;
        program_find_level(p, ex[i].level_id, &ti, &li);
        int k = window_index(d, ex[i].local_day);
        /* The level done changed on a track (a step back, a choice, or the
         * first session after an unlock): counted on the day it did. */
        if (ti >= 0 && !ex[i].skipped) {
            bool unlocked_then = false;
            for (int u = 0; u < un && li > last_level[ti]; u++)
                if (strcmp(unlocks[u].level_id, ex[i].level_id) == 0 &&
                    unlocks[u].local_day <= ex[i].local_day)
                    unlocked_then = true;
            /* Going up to a level that was unlocked is the unlock's row. */
            if (k >= 0 && last_level[ti] >= 0 && li != last_level[ti] && !unlocked_then)
                add_change(d, ex[i].local_day, ti, last_level[ti], li);
            last_level[ti] = li;
        }
        if (k < 0)
            continue;
        d->started[k] = 1; /* a result whose session row is missing still counts */
        if (ex[i].pain || ex[i].pain_after) {
            d->pain[k] = 1;
            d->stop_total++;
            if (d->stop_count < STOPS_MAX)
                d->stops[d->stop_count++] = i;
        }
        if (ti >= 0 && ex[i].rating > RATING_NONE && ex[i].rating < RATING_COUNT) {
            d->ratings[ti][ex[i].rating]++;
            d->unanswered[ti] += ex[i].rating_default;
        }
    }
    for (int u = 0; u < un; u++) {
        int ti = -1, li = -1;
        if (window_index(d, unlocks[u].local_day) >= 0 &&
            program_find_level(p, unlocks[u].level_id, &ti, &li))
            add_change(d, unlocks[u].local_day, ti, -1, li);
    }
    qsort(d->changes, (size_t)d->change_count, sizeof d->changes[0], change_order);
    for (int k = 0; k < DAYS; k++) {
        d->days_with_session += d->started[k];
        d->days_finished += d->finished[k];
    }
}

/* ---- drawing helpers ------------------------------------------------------------ */

typedef struct {
    cairo_t *cr;
    cairo_font_face_t *regular, *bold;
} Page;

typedef enum { LEFT_ALIGN, RIGHT_ALIGN, CENTER_ALIGN } Align;

static void color(Page *pg, unsigned hex)
{
    cairo_set_source_rgb(pg->cr, (hex >> 16 & 0xff) / 255.0, (hex >> 8 & 0xff) / 255.0,
                         (hex & 0xff) / 255.0);
}

/* Text with its baseline at y; returns its width. */
static double text(Page *pg, bool bold, double size, unsigned hex, double x, double y,
                   Align align, const char *s)
{
    cairo_set_font_face(pg->cr, bold ? pg->bold : pg->regular);
    cairo_set_font_size(pg->cr, size);
    cairo_text_extents_t e;
    cairo_text_extents(pg->cr, s, &e);
    if (align == RIGHT_ALIGN)
        x -= e.x_advance;
    else if (align == CENTER_ALIGN)
        x -= e.x_advance / 2;
    color(pg, hex);
    cairo_move_to(pg->cr, x, y);
    cairo_show_text(pg->cr, s);
    return e.x_advance;
}

/* Cuts s to fit width at size (with an ellipsis), into buf. */
static const char *fit(Page *pg, bool bold, double size, double width, const char *s,
                       char *buf, size_t buf_size)
{
    cairo_set_font_face(pg->cr, bold ? pg->bold : pg->regular);
    cairo_set_font_size(pg->cr, size);
    snprintf(buf, buf_size, "%s", s);
    size_t n = strlen(buf);
    cairo_text_extents_t e;
    for (;;) {
        cairo_text_extents(pg->cr, buf, &e);
        if (e.x_advance <= width || n < 2)
            return buf;
        do n--; while (n > 0 && ((unsigned char)buf[n] & 0xc0) == 0x80);
        snprintf(buf + n, buf_size - n, "\xe2\x80\xa6"); /* ... */
    }
}

static void rule(Page *pg, double x0, double x1, double y, unsigned hex)
{
    color(pg, hex);
    cairo_set_line_width(pg->cr, 0.6);
    cairo_move_to(pg->cr, x0, y);
    cairo_line_to(pg->cr, x1, y);
    cairo_stroke(pg->cr);
}

typedef enum { MARK_CIRCLE, MARK_SQUARE, MARK_TRIANGLE, MARK_DIAMOND, MARK_CROSS } Mark;

/* A mark of radius r centred at (x, y): filled, or an outline. */
static void mark(Page *pg, Mark m, double x, double y, double r, unsigned hex, bool filled)
{
    cairo_t *cr = pg->cr;
    cairo_new_path(cr);
    switch (m) {
    case MARK_CIRCLE: cairo_arc(cr, x, y, r, 0, 6.283185307); break;
    case MARK_SQUARE: cairo_rectangle(cr, x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7); break;
    case MARK_TRIANGLE:
        cairo_move_to(cr, x, y - r * 1.1);
        cairo_line_to(cr, x + r * 1.05, y + r * 0.75);
        cairo_line_to(cr, x - r * 1.05, y + r * 0.75);
        cairo_close_path(cr);
        break;
    case MARK_DIAMOND:
        cairo_move_to(cr, x, y - r * 1.15);
        cairo_line_to(cr, x + r * 1.15, y);
        cairo_line_to(cr, x, y + r * 1.15);
        cairo_line_to(cr, x - r * 1.15, y);
        cairo_close_path(cr);
        break;
    case MARK_CROSS:
        cairo_move_to(cr, x - r, y - r);
        cairo_line_to(cr, x + r, y + r);
        cairo_move_to(cr, x + r, y - r);
        cairo_line_to(cr, x - r, y + r);
        filled = false;
        break;
    }
    color(pg, hex);
    cairo_set_line_width(cr, 1.1);
    if (filled)
        cairo_fill(cr);
    else
        cairo_stroke(cr);
}

static Mark place_mark(PainPlace place)
{
    switch (place) {
    case PAIN_PLACE_LOW_BACK: return MARK_CIRCLE;
    case PAIN_PLACE_BUTTOCK: return MARK_SQUARE;
    case PAIN_PLACE_LEG: return MARK_TRIANGLE;
    default: return MARK_DIAMOND;
    }
}

static void day_text(DayNumber d, bool with_weekday, char *buf, size_t size)
{
    int y, m, md;
    civil_from_day(d, &y, &m, &md);
    if (with_weekday)
        snprintf(buf, size, "%s %d %s", weekday_names[day_weekday(d)], md, month_names[m - 1]);
    else
        snprintf(buf, size, "%d %s", md, month_names[m - 1]);
}

static void heading(Page *pg, double y, const char *s)
{
    text(pg, true, 11.5, INK, LEFT, y, LEFT_ALIGN, s);
}

/* ---- the sections ---------------------------------------------------------------- */

static double draw_header(Page *pg, const Program *p, const Tracker *t, const PdfData *d)
{
    char a[48], b[48], line[256];
    int y0, m0, d0, y1, m1, d1;
    civil_from_day(d->first, &y0, &m0, &d0);
    civil_from_day(d->today, &y1, &m1, &d1);
    text(pg, true, 18, INK, LEFT, 56, LEFT_ALIGN, "Core and back routine: the last 30 days");
    snprintf(a, sizeof a, "%d %s %d", d0, month_names[m0 - 1], y0);
    snprintf(b, sizeof b, "%d %s %d", d1, month_names[m1 - 1], y1);
    snprintf(line, sizeof line, "%s to %s", a, b);
    text(pg, false, 10, MUTED, RIGHT, 56, RIGHT_ALIGN, line);
    snprintf(line, sizeof line,
             "Recorded by corequest, a home exercise coach. A day starts at %02d:00; "
             "a pain stop ends the exercise at once.",
             tracker_settings((Tracker *)t)->day_start_hour);
    text(pg, false, 8.5, MUTED, LEFT, 72, LEFT_ALIGN, line);

    int stops = d->stop_total, ups = 0;
    for (int i = 0; i < d->change_count; i++)
        ups += d->changes[i].from < 0;
    snprintf(line, sizeof line,
             "Sessions on %d of %d days (%d done in full)  \xc2\xb7  %d pain stop%s  \xc2\xb7  "
             "%d level%s unlocked",
             d->days_with_session, DAYS, d->days_finished, stops, stops == 1 ? "" : "s", ups,
             ups == 1 ? "" : "s");
    color(pg, SHADE);
    cairo_rectangle(pg->cr, LEFT, 82, RIGHT - LEFT, 22);
    cairo_fill(pg->cr);
    text(pg, true, 10, INK, LEFT + 8, 97, LEFT_ALIGN, line);

    double y = 104;
    const ProgressState *ps = tracker_progress(t);
    for (int ti = 0; ti < p->track_count; ti++) {
        if (!ps->see_pt_advice[ti])
            continue;
        const char *why = ps->advice_reason[ti] == ADVICE_PAIN_SCORE ? "a high pain score"
                          : ps->advice_reason[ti] == ADVICE_MANY_DAYS
                              ? "pain stops on several days in a week"
                              : "repeated pain stops within a week";
        snprintf(line, sizeof line,
                 "Advice standing: check with a therapist before %s again (%s); "
                 "left out of sessions till then.",
                 p->tracks[ti].title, why);
        y += 13;
        mark(pg, MARK_TRIANGLE, LEFT + 5, y - 3.2, 3.6, VERMILION, true);
        char cut[256];
        text(pg, true, 8.5, INK, LEFT + 14, y, LEFT_ALIGN,
             fit(pg, true, 8.5, RIGHT - LEFT - 14, line, cut, sizeof cut));
    }
    return y;
}

static void draw_calendar(Page *pg, const PdfData *d, double top)
{
    const double cw = 27, ch = 20, x0 = LEFT;
    heading(pg, top, "Days with a session");
    double gy = top + 18;
    for (int c = 0; c < 7; c++)
        text(pg, false, 8, MUTED, x0 + c * cw + cw / 2 - 1, gy, CENTER_ALIGN, weekday_names[c]);
    gy += 4;
    DayNumber monday = d->first - day_weekday(d->first);
    int rows = (int)((d->today - monday) / 7) + 1;
    char buf[16];
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < 7; c++) {
            DayNumber day = monday + r * 7 + c;
            int k = window_index(d, day);
            double x = x0 + c * cw, y = gy + r * ch;
            if (k < 0)
                continue;
            int yy, m, md;
            civil_from_day(day, &yy, &m, &md);
            snprintf(buf, sizeof buf, md == 1 || k == 0 ? "%d %s" : "%d", md,
                     month_names[m - 1]);
            cairo_rectangle(pg->cr, x + 0.5, y + 0.5, cw - 3, ch - 3);
            if (d->finished[k]) {
                color(pg, BLUE);
                cairo_fill(pg->cr);
                text(pg, true, 7.5, 0xffffff, x + 3, y + 10, LEFT_ALIGN, buf);
            } else if (d->started[k]) {
                color(pg, BLUE);
                cairo_set_line_width(pg->cr, 1.6);
                cairo_stroke(pg->cr);
                text(pg, true, 7.5, INK, x + 3, y + 10, LEFT_ALIGN, buf);
            } else {
                color(pg, RULE);
                cairo_set_line_width(pg->cr, 0.5);
                cairo_set_dash(pg->cr, (double[]){1.5, 1.5}, 2, 0);
                cairo_stroke(pg->cr);
                cairo_set_dash(pg->cr, NULL, 0, 0);
                text(pg, false, 7.5, MUTED, x + 3, y + 10, LEFT_ALIGN, buf);
            }
            if (d->pain[k])
                mark(pg, MARK_TRIANGLE, x + cw - 8, y + ch - 8, 3.4, VERMILION, true);
        }
    /* The key. */
    double ky = gy + rows * ch + 9;
    cairo_rectangle(pg->cr, x0, ky - 7, 9, 9);
    color(pg, BLUE);
    cairo_fill(pg->cr);
    text(pg, false, 8, INK, x0 + 13, ky, LEFT_ALIGN, "done in full");
    cairo_rectangle(pg->cr, x0 + 78, ky - 7, 9, 9);
    color(pg, BLUE);
    cairo_set_line_width(pg->cr, 1.6);
    cairo_stroke(pg->cr);
    text(pg, false, 8, INK, x0 + 91, ky, LEFT_ALIGN, "ended early");
    ky += 12;
    cairo_rectangle(pg->cr, x0, ky - 7, 9, 9);
    color(pg, RULE);
    cairo_set_line_width(pg->cr, 0.5);
    cairo_set_dash(pg->cr, (double[]){1.5, 1.5}, 2, 0);
    cairo_stroke(pg->cr);
    cairo_set_dash(pg->cr, NULL, 0, 0);
    text(pg, false, 8, INK, x0 + 13, ky, LEFT_ALIGN, "none");
    mark(pg, MARK_TRIANGLE, x0 + 82, ky - 3, 3.4, VERMILION, true);
    text(pg, false, 8, INK, x0 + 91, ky, LEFT_ALIGN, "pain stop that day");
}

static void draw_pain_chart(Page *pg, const Tracker *t, const PdfData *d, double top)
{
    const double x0 = 262, x1 = RIGHT - 4, ytop = top + 16, ybot = top + 128;
    int en;
    const SaveExercise *ex = tracker_exercises(t, &en);
    text(pg, true, 11.5, INK, x0 - 22, top, LEFT_ALIGN, "Pain score at each pain stop (0 to 10)");
    /* Grid: 0, 2 ... 10. */
    for (int s = 0; s <= 10; s += 2) {
        double y = ybot - (ybot - ytop) * s / 10.0;
        rule(pg, x0, x1, y, s == 0 ? MUTED : RULE);
        char buf[8];
        snprintf(buf, sizeof buf, "%d", s);
        text(pg, false, 8, MUTED, x0 - 5, y + 2.8, RIGHT_ALIGN, buf);
    }
    double step = (x1 - x0 - 8) / (DAYS - 1);
    for (int k = 0; k < DAYS; k += 7) {
        char buf[24];
        day_text(d->first + k, false, buf, sizeof buf);
        double x = x0 + 4 + k * step;
        color(pg, MUTED);
        cairo_set_line_width(pg->cr, 0.6);
        cairo_move_to(pg->cr, x, ybot);
        cairo_line_to(pg->cr, x, ybot + 3);
        cairo_stroke(pg->cr);
        text(pg, false, 8, MUTED, x, ybot + 12, CENTER_ALIGN, buf);
    }
    /* The scored stops joined in time, then every mark; stops on one day
     * side by side.  A stop with no score sits under the axis as a cross. */
    int on_day[DAYS] = {0};
    double px = 0, py = 0;
    bool have_prev = false;
    for (int s = 0; s < d->stop_count; s++) {
        const SaveExercise *e = &ex[d->stops[s]];
        int k = window_index(d, e->local_day);
        double x = x0 + 4 + k * step + (on_day[k]++) * 3.5;
        if (e->pain_score < 0) {
            mark(pg, MARK_CROSS, x, ybot + 20, 2.6, VERMILION, false);
            continue;
        }
        double y = ybot - (ybot - ytop) * e->pain_score / 10.0;
        if (have_prev) {
            color(pg, RULE);
            cairo_set_line_width(pg->cr, 0.8);
            cairo_move_to(pg->cr, px, py);
            cairo_line_to(pg->cr, x, y);
            cairo_stroke(pg->cr);
        }
        px = x, py = y, have_prev = true;
    }
    memset(on_day, 0, sizeof on_day);
    for (int s = 0; s < d->stop_count; s++) {
        const SaveExercise *e = &ex[d->stops[s]];
        int k = window_index(d, e->local_day);
        double x = x0 + 4 + k * step + (on_day[k]++) * 3.5;
        if (e->pain_score >= 0)
            mark(pg, place_mark(e->pain_place), x, ybot - (ybot - ytop) * e->pain_score / 10.0,
                 3.4, VERMILION, e->pain_place != PAIN_PLACE_NONE);
    }
    if (d->stop_count == 0)
        text(pg, false, 9, MUTED, (x0 + x1) / 2, (ytop + ybot) / 2, CENTER_ALIGN,
             "No pain stops in these 30 days.");
    /* The key: the shape is the place. */
    double ky = ybot + 36, kx = x0 - 22;
    static const struct {
        PainPlace place;
        const char *label;
    } keys[] = {{PAIN_PLACE_LOW_BACK, "low back"},
                {PAIN_PLACE_BUTTOCK, "buttock"},
                {PAIN_PLACE_LEG, "leg"},
                {PAIN_PLACE_NONE, "place not said"}};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        mark(pg, place_mark(keys[i].place), kx + 4, ky - 3, 3.4, VERMILION,
             keys[i].place != PAIN_PLACE_NONE);
        kx += 12 + text(pg, false, 8, INK, kx + 12, ky, LEFT_ALIGN, keys[i].label) + 12;
    }
    mark(pg, MARK_CROSS, kx + 4, ky - 3, 2.6, VERMILION, false);
    text(pg, false, 8, INK, kx + 12, ky, LEFT_ALIGN, "no score given");
}

static double draw_ratings(Page *pg, const Program *p, const Tracker *t, const PdfData *d,
                           double top)
{
    heading(pg, top, "How each exercise felt (answers after a full exercise)");
    const double cx[] = {LEFT, 250, 330, 390, 450, 510};
    static const char *const head[] = {"Exercise", "level now", "too easy", "just right",
                                       "too hard", "no answer"};
    double y = top + 17;
    for (int c = 0; c < 6; c++)
        text(pg, true, 8.5, MUTED, c == 0 ? cx[c] : cx[c] + 30, y,
             c == 0 ? LEFT_ALIGN : RIGHT_ALIGN, head[c]);
    rule(pg, LEFT, RIGHT, y + 4, MUTED);
    const ProgressState *ps = tracker_progress(t);
    char buf[160], cut[160];
    for (int ti = 0; ti < p->track_count; ti++) {
        y += 13.5;
        if (ti % 2)
            color(pg, SHADE), cairo_rectangle(pg->cr, LEFT, y - 9.5, RIGHT - LEFT, 13.5),
                cairo_fill(pg->cr);
        const Track *tr = &p->tracks[ti];
        text(pg, false, 9, INK, cx[0], y, LEFT_ALIGN, fit(pg, false, 9, 200, tr->title, cut,
                                                             sizeof cut));
        snprintf(buf, sizeof buf, "%d of %d", ps->current[ti] + 1, tr->level_count);
        text(pg, false, 9, INK, cx[1] + 30, y, RIGHT_ALIGN, buf);
        const int *r = d->ratings[ti];
        int counts[] = {r[RATING_TOO_EASY], r[RATING_JUST_RIGHT], r[RATING_TOO_HARD],
                        d->unanswered[ti]};
        int most = 0;
        for (int c = 0; c < 3; c++)
            if (counts[c] > counts[most])
                most = c;
        for (int c = 0; c < 4; c++) {
            snprintf(buf, sizeof buf, "%d", counts[c]);
            /* The most frequent answer in bold, so the row reads at a glance. */
            text(pg, c < 3 && c == most && counts[c] > 0, 9, counts[c] ? INK : MUTED,
                 cx[c + 2] + 30, y, RIGHT_ALIGN, buf);
        }
    }
    y += 12;
    text(pg, false, 8, MUTED, LEFT, y, LEFT_ALIGN,
         "\"No answer\": nobody answered within a few seconds and \"just right\" was kept "
         "(counted under just right too). Pain stops are not asked.");
    return y;
}

/* One line under the weekly check: the back pain asked before and after
 * the sessions of the 30 days (a setting, off by default). */
static double draw_back_pain(Page *pg, const Tracker *t, const PdfData *d, double y)
{
    int n;
    const SaveSession *rows = tracker_sessions(t, &n);
    int rated[BACK_PAIN_WHEN_COUNT] = {0}, sum[BACK_PAIN_WHEN_COUNT] = {0};
    int last[BACK_PAIN_WHEN_COUNT] = {-1, -1};
    for (int i = 0; i < n; i++) {
        if (rows[i].local_day < d->first || rows[i].local_day > d->today)
            continue;
        for (int w = 0; w < BACK_PAIN_WHEN_COUNT; w++)
            if (rows[i].back_pain_rated[w]) {
                rated[w]++;
                sum[w] += rows[i].back_pain[w];
                last[w] = rows[i].back_pain[w];
            }
    }
    char line[320], part[2][96];
    for (int w = 0; w < BACK_PAIN_WHEN_COUNT; w++) {
        const char *when = w == BACK_PAIN_BEFORE ? "before" : "after";
        if (rated[w])
            snprintf(part[w], sizeof part[w], "%.1f %s (%d session%s, latest %d)",
                     (double)sum[w] / rated[w], when, rated[w], rated[w] == 1 ? "" : "s", last[w]);
        else
            snprintf(part[w], sizeof part[w], "none %s", when);
    }
    y += 16;
    if (rated[0] + rated[1] == 0) {
        text(pg, false, 8.5, MUTED, LEFT, y, LEFT_ALIGN,
             "Back pain before and after sessions: not asked (a setting, off by default).");
        return y;
    }
    snprintf(line, sizeof line, "Back pain around sessions, 0-10 on average: %s; %s.", part[0],
             part[1]);
    char cut[320];
    text(pg, false, 9, INK, LEFT, y, LEFT_ALIGN, fit(pg, false, 9, RIGHT - LEFT, line, cut,
                                                      sizeof cut));
    return y;
}

/* The weekly check of everyday things: each check of the 30 days a
 * column, and the change from the first check ever to the latest. */
static double draw_tolerance(Page *pg, const Tracker *t, const PdfData *d, double top)
{
    heading(pg, top, "Everyday things (weekly check: 0 not at all, 10 as before the back pain)");
    int count;
    const ToleranceCheck *h = tracker_tolerance(t, &count);
    enum { COLUMNS = 5 };
    int cols[COLUMNS], n = 0;
    /* The latest five checks of the window, oldest on the left. */
    for (int i = count - 1; i >= 0 && n < COLUMNS; i--)
        if (h[i].local_day >= d->first && h[i].local_day <= d->today)
            cols[n++] = i;
    double y = top + 17;
    if (n == 0) {
        y -= 3;
        text(pg, false, 9, MUTED, LEFT, y, LEFT_ALIGN,
             count > 0 ? "No weekly check in these 30 days."
                       : "No weekly check yet: it is asked once a week before a session.");
        return y;
    }
    const char *activity = tolerance_last_activity(h, count);
    const double col0 = 160, col_w = 46, change_x = col0 + COLUMNS * col_w + 10;
    char buf[160], cut[160];
    for (int c = 0; c < n; c++) {
        day_text(h[cols[n - 1 - c]].local_day, false, buf, sizeof buf);
        text(pg, true, 8.5, MUTED, col0 + c * col_w + col_w - 14, y, RIGHT_ALIGN, buf);
    }
    text(pg, true, 8.5, MUTED, change_x, y, LEFT_ALIGN, "change since the first check");
    rule(pg, LEFT, RIGHT, y + 4, MUTED);
    for (int item = 0; item < TOLERANCE_ITEM_COUNT; item++) {
        y += 13.5;
        if (item % 2)
            color(pg, SHADE), cairo_rectangle(pg->cr, LEFT, y - 9.5, RIGHT - LEFT, 13.5),
                cairo_fill(pg->cr);
        tolerance_item_label((ToleranceItem)item, activity, buf, sizeof buf);
        text(pg, false, 9, INK, LEFT, y, LEFT_ALIGN, fit(pg, false, 9, col0 - LEFT - 40, buf,
                                                          cut, sizeof cut));
        for (int c = 0; c < n; c++) {
            const ToleranceCheck *k = &h[cols[n - 1 - c]];
            int v = k->score[item];
            bool other = item == TOLERANCE_ACTIVITY && strcmp(k->activity, activity) != 0;
            double x = col0 + c * col_w + col_w - 14;
            if (k->skipped)
                text(pg, false, 8, MUTED, x, y, RIGHT_ALIGN, item == 0 ? "skipped" : "");
            else if (v < 0 || other)
                text(pg, false, 9, MUTED, x, y, RIGHT_ALIGN, other ? "other" : "-");
            else {
                snprintf(buf, sizeof buf, "%d", v);
                text(pg, false, 9, INK, x, y, RIGHT_ALIGN, buf);
            }
        }
        ToleranceTrend tr = tolerance_trend(h, count, (ToleranceItem)item);
        if (tr.rated >= 2) {
            char since[32];
            day_text(tr.first_day, false, since, sizeof since);
            /* Up: a filled triangle; down: an outlined one, upside down. */
            if (tr.change != 0) {
                bool down = tr.change < 0;
                cairo_save(pg->cr);
                cairo_translate(pg->cr, change_x + 4, y - 3);
                if (down)
                    cairo_scale(pg->cr, 1, -1);
                mark(pg, MARK_TRIANGLE, 0, 0, 3.2, down ? VERMILION : BLUE, !down);
                cairo_restore(pg->cr);
                snprintf(buf, sizeof buf, "%s %d since %s (%d to %d)", down ? "down" : "up",
                         down ? -tr.change : tr.change, since, tr.first, tr.last);
            } else {
                snprintf(buf, sizeof buf, "no change since %s (%d)", since, tr.last);
            }
            text(pg, false, 9, INK, change_x + 13, y, LEFT_ALIGN, buf);
        } else {
            text(pg, false, 9, MUTED, change_x + 13, y, LEFT_ALIGN,
                 tr.rated == 1 ? "first answer" : "not answered");
        }
    }
    return draw_back_pain(pg, t, d, y);
}

static double draw_changes(Page *pg, const Program *p, const PdfData *d, double top,
                           int most)
{
    heading(pg, top, "Level changes");
    double y = top + 3;
    char day[32], line[320], cut[320];
    int shown = 0;
    for (int i = 0; i < d->change_count && shown < most; i++, shown++) {
        const LevelChange *c = &d->changes[i];
        const Track *tr = &p->tracks[c->track];
        y += 12.5;
        day_text(c->day, true, day, sizeof day);
        text(pg, false, 9, INK, LEFT, y, LEFT_ALIGN, day);
        if (c->from < 0) {
            mark(pg, MARK_TRIANGLE, LEFT + 72, y - 3, 3.2, BLUE, true);
            snprintf(line, sizeof line, "%s: level %d unlocked, %s", tr->title, c->to + 1,
                     tr->levels[c->to].title);
        } else {
            bool down = c->to < c->from;
            /* Down: a triangle pointing down, outlined. */
            cairo_save(pg->cr);
            cairo_translate(pg->cr, LEFT + 72, y - 3);
            if (down)
                cairo_scale(pg->cr, 1, -1);
            mark(pg, MARK_TRIANGLE, 0, 0, 3.2, down ? VERMILION : BLUE, false);
            cairo_restore(pg->cr);
            snprintf(line, sizeof line, "%s: %s from level %d to %d, %s", tr->title,
                     down ? "stepped back" : "moved up", c->from + 1, c->to + 1,
                     tr->levels[c->to].title);
        }
        text(pg, false, 9, INK, LEFT + 82, y, LEFT_ALIGN,
             fit(pg, false, 9, RIGHT - LEFT - 82, line, cut, sizeof cut));
    }
    y += 12.5;
    if (d->change_total == 0)
        text(pg, false, 9, MUTED, LEFT, y, LEFT_ALIGN, "None in these 30 days.");
    else if (d->change_total > shown) {
        snprintf(line, sizeof line, "and %d more (the CSV export, --export-csv, has every result)",
                 d->change_total - shown);
        text(pg, false, 8.5, MUTED, LEFT, y, LEFT_ALIGN, line);
    } else
        y -= 12.5;
    return y;
}

static void draw_stops(Page *pg, const Program *p, const Tracker *t, const PdfData *d,
                       double top, double bottom)
{
    heading(pg, top, "Pain stops, newest first");
    int en;
    const SaveExercise *ex = tracker_exercises(t, &en);
    const double cx[] = {LEFT, LEFT + 80, 380, 440, 480};
    static const char *const head[] = {"Day", "Exercise and level", "reps done", "score",
                                       "where"};
    double y = top + 17;
    for (int c = 0; c < 5; c++)
        text(pg, true, 8.5, MUTED, c == 2 ? cx[c] + 30 : c == 3 ? cx[c] + 20 : cx[c], y,
             c == 2 || c == 3 ? RIGHT_ALIGN : LEFT_ALIGN, head[c]);
    rule(pg, LEFT, RIGHT, y + 4, MUTED);
    char day[32], line[320], cut[320];
    int shown = 0;
    for (int s = d->stop_count - 1; s >= 0 && y + 13 < bottom - 12; s--, shown++) {
        const SaveExercise *e = &ex[d->stops[s]];
        int ti = -1;
        const Level *level = program_find_level(p, e->level_id, &ti, NULL);
        y += 13;
        day_text(e->local_day, true, day, sizeof day);
        text(pg, false, 9, INK, cx[0], y, LEFT_ALIGN, day);
        snprintf(line, sizeof line, "%s, %s", ti >= 0 ? p->tracks[ti].title : e->track_id,
                 level ? level->title : e->level_id);
        text(pg, false, 9, INK, cx[1], y, LEFT_ALIGN,
             fit(pg, false, 9, cx[2] - cx[1] - 30, line, cut, sizeof cut));
        if (e->pain_after)
            snprintf(line, sizeof line, "all %d, after", e->reps_target);
        else
            snprintf(line, sizeof line, "%d of %d", e->reps_done, e->reps_target);
        text(pg, false, 9, INK, cx[2] + 30, y, RIGHT_ALIGN, line);
        if (e->pain_score >= 0) {
            snprintf(line, sizeof line, "%d", e->pain_score);
            text(pg, e->pain_score >= 7, 9, INK, cx[3] + 20, y, RIGHT_ALIGN, line);
        } else {
            text(pg, false, 9, MUTED, cx[3] + 20, y, RIGHT_ALIGN, "none");
        }
        mark(pg, e->pain_score < 0 ? MARK_CROSS : place_mark(e->pain_place), cx[4] + 4, y - 3,
             e->pain_score < 0 ? 2.4 : 3.2, VERMILION,
             e->pain_score >= 0 && e->pain_place != PAIN_PLACE_NONE);
        text(pg, false, 9, e->pain_place ? INK : MUTED, cx[4] + 13, y, LEFT_ALIGN,
             e->pain_place ? pain_place_name(e->pain_place) : "not said");
    }
    y += 13;
    if (d->stop_total == 0)
        text(pg, false, 9, MUTED, LEFT, y, LEFT_ALIGN, "None in these 30 days.");
    else if (d->stop_total > shown) {
        snprintf(line, sizeof line,
                 "and %d earlier (the CSV export, --export-csv, has every result)",
                 d->stop_total - shown);
        text(pg, false, 8.5, MUTED, LEFT, y, LEFT_ALIGN, line);
    }
}

static void draw_footer(Page *pg)
{
    rule(pg, LEFT, RIGHT, PAGE_H - 44, RULE);
    text(pg, false, 8, MUTED, LEFT, PAGE_H - 32, LEFT_ALIGN,
         "\"After\": pain reported in the rest after an exercise that was done in full. "
         "A pain stop never counts against the streak.");
    text(pg, false, 8, MUTED, LEFT, PAGE_H - 21, LEFT_ALIGN,
         "corequest is not medical advice: this page shows what was recorded, for you to judge.");
}

/* ---- the file ---------------------------------------------------------------------- */

static const cairo_user_data_key_t face_key;

static void done_face(void *face) { FT_Done_Face(face); }

/* A cairo font face for assets_dir/fonts/...-<weight>-normal.woff, or NULL. */
static cairo_font_face_t *open_face(FT_Library lib, const char *assets_dir, const char *weight)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/fonts/atkinson-hyperlegible-latin-%s-normal.woff",
             assets_dir, weight);
    FT_Face face;
    if (FT_New_Face(lib, path, 0, &face) != 0)
        return NULL;
    cairo_font_face_t *ff = cairo_ft_font_face_create_for_ft_face(face, 0);
    if (cairo_font_face_status(ff) != CAIRO_STATUS_SUCCESS ||
        cairo_font_face_set_user_data(ff, &face_key, face, done_face) != CAIRO_STATUS_SUCCESS) {
        cairo_font_face_destroy(ff);
        FT_Done_Face(face);
        return NULL;
    }
    return ff;
}

int report_write_pdf(const Program *program, const Tracker *tracker, time_t now,
                     const char *assets_dir, const char *path, char *message,
                     size_t message_size)
{
    if (message && message_size)
        message[0] = '\0';
    PdfData *data = malloc(sizeof *data);
    if (!data) {
        snprintf(message, message_size, "out of memory");
        return -1;
    }
    gather(program, tracker, now, data);

    int status = -1;
    FT_Library lib = NULL;
    Page pg = {0};
    cairo_surface_t *surface = NULL;
    if (FT_Init_FreeType(&lib) != 0) {
        lib = NULL;
        snprintf(message, message_size, "cannot start FreeType");
        goto out;
    }
    pg.regular = open_face(lib, assets_dir, "400");
    pg.bold = open_face(lib, assets_dir, "700");
    if (!pg.regular || !pg.bold) {
        snprintf(message, message_size, "cannot open the font in %s/fonts", assets_dir);
        goto out;
    }
    surface = cairo_pdf_surface_create(path, PAGE_W, PAGE_H);
    if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
        snprintf(message, message_size, "cannot write %s: %s", path,
                 cairo_status_to_string(cairo_surface_status(surface)));
        goto out;
    }
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                   "Core and back routine: the last 30 days");
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "corequest");
    pg.cr = cairo_create(surface);

    double y = draw_header(&pg, program, tracker, data);
    double top = y + 26;
    draw_calendar(&pg, data, top);
    draw_pain_chart(&pg, tracker, data, top);
    y = draw_ratings(&pg, program, tracker, data, top + 190);
    y = draw_tolerance(&pg, tracker, data, y + 26);
    /* The level changes give way, so that the latest pain stops (up to
     * five) always have their rows: those matter more to a therapist. */
    int stop_rows = data->stop_total < 5 ? data->stop_total : 5;
    double stops_h = 26 + 17 + 13.0 * (stop_rows + 1) + 12;
    int change_rows = (int)((PAGE_H - 50 - stops_h - (y + 26 + 3 + 12.5)) / 12.5);
    change_rows = change_rows < 3 ? 3 : change_rows > 10 ? 10 : change_rows;
    y = draw_changes(&pg, program, data, y + 26, change_rows);
    draw_stops(&pg, program, tracker, data, y + 26, PAGE_H - 50);
    draw_footer(&pg);

    cairo_show_page(pg.cr);
    cairo_status_t drawn = cairo_status(pg.cr);
    cairo_destroy(pg.cr);
    pg.cr = NULL;
    cairo_surface_finish(surface); /* writes the file: a full disk shows here */
    cairo_status_t written = cairo_surface_status(surface);
    if (drawn != CAIRO_STATUS_SUCCESS || written != CAIRO_STATUS_SUCCESS) {
        snprintf(message, message_size, "cannot write %s: %s", path,
                 cairo_status_to_string(drawn != CAIRO_STATUS_SUCCESS ? drawn : written));
        goto out;
    }
    status = 0;
out:
    if (pg.cr) cairo_destroy(pg.cr);
    if (surface) cairo_surface_destroy(surface);
    if (pg.regular) cairo_font_face_destroy(pg.regular);
    if (pg.bold) cairo_font_face_destroy(pg.bold);
    /* cairo keeps scaled fonts cached, holding the FreeType faces: let them
     * go before the library that made them. */
    cairo_debug_reset_static_data();
    if (lib) FT_Done_FreeType(lib);
    free(data);
    if (status != 0 && surface)
        remove(path); /* not half a file */
    return status;
}
