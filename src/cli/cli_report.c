/* cli_report.c: --report FILE.png (FILE.pdf: cli_report_pdf.c), one picture for the physical therapist:
 * adherence calendar, level reached per track over time, pain stops. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include "cli_common.h"
#include "platform/paths.h"

enum {
    MARGIN = 60,
    DAYS = REPORT_WEEKS * 7,
    CELL_PITCH = REPORT_CELL_PITCH,
    CAL_X = REPORT_CAL_X,
    CAL_Y = REPORT_CAL_Y,
    BAR_X = 410,
    BAR_DAY_W = 11,
    BAR_H = 26,
    ROW_PITCH = 46,
    LEVELS_Y = 806,
    PAIN_LIST_MAX = 5
};

typedef struct {
    SDL_Renderer *r;
    TTF_Font *tiny, *small, *body, *bold, *heading, *title;
} Canvas;

typedef enum { ALIGN_LEFT, ALIGN_RIGHT, ALIGN_CENTER } Align;

static SDL_Color rgb(unsigned hex)
{
    SDL_Color c = {(Uint8)(hex >> 16), (Uint8)(hex >> 8), (Uint8)hex, 255};
    return c;
}

static const unsigned INK = 0x1f2328, MUTED = 0x5b636b, LINE = 0xc9ced3, PAPER = 0xffffff;

/* Light to dark: a higher level reads darker, also in grey print. */
static const unsigned level_colors[TRACK_MAX_LEVELS] = {0xdbe9f6, 0xa9cce3, 0x6fa8d2, 0x3f7fbf,
                                                        0x1f5f9f, 0x14467a, 0x0d315a, 0x071f3d};

static void fill(Canvas *c, int x, int y, int w, int h, unsigned hex)
{
    SDL_Color k = rgb(hex);
    SDL_SetRenderDrawColor(c->r, k.r, k.g, k.b, 255);
    SDL_Rect rect = {x, y, w, h};
    SDL_RenderFillRect(c->r, &rect);
}

static void outline(Canvas *c, int x, int y, int w, int h, int thick, unsigned hex)
{
    fill(c, x, y, w, thick, hex);
    fill(c, x, y + h - thick, w, thick, hex);
    fill(c, x, y, thick, h, hex);
    fill(c, x + w - thick, y, thick, h, hex);
}

static void triangle(Canvas *c, float x0, float y0, float x1, float y1, float x2, float y2,
                     unsigned hex)
{
    SDL_Color k = rgb(hex);
    SDL_Vertex v[3] = {{{x0, y0}, k, {0, 0}}, {{x1, y1}, k, {0, 0}}, {{x2, y2}, k, {0, 0}}};
    SDL_RenderGeometry(c->r, NULL, v, 3, NULL, 0);
}

/* Draws text with its top at y; returns its width (0 if it cannot). */
static int text(Canvas *c, TTF_Font *font, const char *s, int x, int y, unsigned hex,
                Align align)
{
    if (!s[0])
        return 0;
    SDL_Surface *surf = TTF_RenderUTF8_Blended(font, s, rgb(hex));
    if (!surf)
        return 0;
    SDL_Texture *tex = SDL_CreateTextureFromSurface(c->r, surf);
    int w = surf->w, h = surf->h;
    SDL_FreeSurface(surf);
    if (!tex)
        return 0;
    if (align == ALIGN_RIGHT) x -= w;
    else if (align == ALIGN_CENTER) x -= w / 2;
    SDL_Rect dst = {x, y, w, h};
    SDL_RenderCopy(c->r, tex, NULL, &dst);
    SDL_DestroyTexture(tex);
    return w;
}

static const char *const weekday_names[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
static const char *const month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

static void day_text(DayNumber d, bool with_weekday, char *buf, size_t size)
{
    int y, m, md;
    civil_from_day(d, &y, &m, &md);
    if (with_weekday)
        snprintf(buf, size, "%s %d %s %d", weekday_names[day_weekday(d)], md,
                 month_names[m - 1], y);
    else
        snprintf(buf, size, "%d %s", md, month_names[m - 1]);
}

/* ---- the data, by day ---------------------------------------------------- */

typedef struct {
    DayNumber first, today;  /* first = Monday 11 weeks before today's week */
    DayNumber first_session; /* its day, today + 1 when there is none */
    unsigned char finished[DAYS], started[DAYS], pain[DAYS];
    unsigned char practised[PROGRAM_MAX_TRACKS][DAYS];
    unsigned char pain_track[PROGRAM_MAX_TRACKS][DAYS];
    signed char reached[PROGRAM_MAX_TRACKS][DAYS]; /* level index, -1 none */
    int days_finished, days_so_far, pain_stops, pain_days;
} ReportData;

static int day_index(const ReportData *d, DayNumber day)
{
    int64_t i = (int64_t)day - d->first;
    return i >= 0 && i < DAYS && day <= d->today ? (int)i : -1;
}

static void gather(const Program *p, const Tracker *t, time_t now, ReportData *d)
{
    memset(d, 0, sizeof *d);
    int sn, en, un;
    const SaveSession *sessions = tracker_sessions(t, &sn);
    const SaveExercise *exercises = tracker_exercises(t, &en);
    const SaveUnlock *unlocks = tracker_unlocks(t, &un);

    d->today = tracker_day_of(t, now);
    for (int i = 0; i < sn; i++)
        if (sessions[i].local_day > d->today)
            d->today = sessions[i].local_day; /* a clock set back */
    d->first = d->today - day_weekday(d->today) - 7 * (REPORT_WEEKS - 1);
    d->days_so_far = d->today - d->first + 1;
    d->first_session = d->today + 1;
    for (int i = 0; i < sn; i++)
        if (sessions[i].local_day < d->first_session)
            d->first_session = sessions[i].local_day;
    /* Counted from the first session: days before it were not missed. */
    DayNumber from = d->first_session > d->first ? d->first_session : d->first;
    d->days_so_far = from <= d->today ? d->today - from + 1 : 0;

    for (int i = 0; i < sn; i++) {
        int k = day_index(d, sessions[i].local_day);
        if (k < 0)
            continue;
        d->started[k] = 1;
        if (sessions[i].finished)
            d->finished[k] = 1;
    }
    for (int i = 0; i < en; i++) {
        int k = day_index(d, exercises[i].local_day);
        int ti = -1;
        program_find_level(p, exercises[i].level_id, &ti, NULL);
        if (k < 0)
            continue;
        if (exercises[i].pain) {
            d->pain_stops++;
            d->pain[k] = 1;
        }
        if (ti >= 0) {
            if (!exercises[i].skipped)
                d->practised[ti][k] = 1;
            if (exercises[i].pain)
                d->pain_track[ti][k] = 1;
        }
    }
    for (int k = 0; k < DAYS; k++) {
        d->days_finished += d->finished[k];
        d->pain_days += d->pain[k];
    }

    /* Level reached: the first level from the first day anything was done on
     * the track, then each unlock from its day on. */
    for (int ti = 0; ti < p->track_count; ti++) {
        DayNumber since = INT32_MAX;
        for (int i = 0; i < en; i++) {
            int et = -1;
            program_find_level(p, exercises[i].level_id, &et, NULL);
            if (et == ti && exercises[i].local_day < since)
                since = exercises[i].local_day;
        }
        for (int k = 0; k < DAYS; k++) {
            DayNumber day = d->first + k;
            int level = day >= since ? 0 : -1;
            for (int u = 0; u < un; u++) {
                int ut = -1, ul = -1;
                if (program_find_level(p, unlocks[u].level_id, &ut, &ul) && ut == ti &&
                    unlocks[u].local_day <= day && ul > level)
                    level = ul;
            }
            d->reached[ti][k] = (signed char)(day <= d->today ? level : -1);
        }
    }
}

/* ---- drawing ----------------------------------------------------------------- */

static void draw_header(Canvas *c, const Tracker *t, const ReportData *d)
{
    char buf[160], day[48];
    text(c, c->title, "Progress report", MARGIN, 40, INK, ALIGN_LEFT);
    day_text(d->today, true, day, sizeof day);
    snprintf(buf, sizeof buf, "up to %s", day);
    text(c, c->body, buf, REPORT_WIDTH - MARGIN, 56, MUTED, ALIGN_RIGHT);
    snprintf(buf, sizeof buf,
             "Core and back strengthening, as recorded by corequest. A day begins at "
             "%02d:00 local time.",
             tracker_settings((Tracker *)t)->day_start_hour);
    text(c, c->body, buf, MARGIN, 100, MUTED, ALIGN_LEFT);
}

static void figure_box(Canvas *c, int x, const char *label, const char *value,
                       const char *unit)
{
    const int y = 150, w = 300, h = 92;
    fill(c, x, y, w, h, 0xf3f5f7);
    text(c, c->small, label, x + 18, y + 12, MUTED, ALIGN_LEFT);
    int vw = text(c, c->heading, value, x + 18, y + 40, INK, ALIGN_LEFT);
    text(c, c->body, unit, x + 18 + vw + 8, y + 48, MUTED, ALIGN_LEFT);
}

static void draw_figures(Canvas *c, const Tracker *t, time_t now, const ReportData *d)
{
    StreakInfo s = tracker_streak(t, now);
    char v[32], unit[48];
    const int step = (REPORT_WIDTH - 2 * MARGIN - 300) / 3;
    snprintf(v, sizeof v, "%d", d->days_finished);
    snprintf(unit, sizeof unit, "of %d days", d->days_so_far);
    figure_box(c, MARGIN, "Daily sessions finished", v, unit);
    snprintf(v, sizeof v, "%d", s.current);
    figure_box(c, MARGIN + step, "Current streak", v, s.current == 1 ? "day" : "days");
    snprintf(v, sizeof v, "%d", s.best);
    figure_box(c, MARGIN + 2 * step, "Best streak", v, s.best == 1 ? "day" : "days");
    snprintf(v, sizeof v, "%d", d->pain_stops);
    snprintf(unit, sizeof unit, "on %d day%s", d->pain_days, d->pain_days == 1 ? "" : "s");
    figure_box(c, MARGIN + 3 * step, "Pain stops, 12 weeks", v, unit);
}

static void pain_corner(Canvas *c, int x, int y, int size)
{
    triangle(c, (float)(x + size - 16), (float)y, (float)(x + size), (float)y,
             (float)(x + size), (float)(y + 16), REPORT_COLOR_PAIN);
}

static void draw_calendar(Canvas *c, const Tracker *t, const ReportData *d)
{
    char buf[96];
    text(c, c->heading, "Adherence calendar, last 12 weeks", MARGIN, 268, INK, ALIGN_LEFT);
    int rest = tracker_settings((Tracker *)t)->rest_days_per_week;
    snprintf(buf, sizeof buf, "Rest days that keep a streak: %d a week", rest);
    text(c, c->small, buf, MARGIN, 302, MUTED, ALIGN_LEFT);

    for (int row = 0; row < 7; row++)
        text(c, c->small, weekday_names[row], MARGIN, CAL_Y + row * CELL_PITCH + 10, MUTED,
             ALIGN_LEFT);
    int last_month = 0;
    for (int week = 0; week < REPORT_WEEKS; week++) {
        int x = CAL_X + week * CELL_PITCH;
        for (int row = 0; row < 7; row++) {
            DayNumber day = d->first + week * 7 + row;
            int k = week * 7 + row;
            int y = CAL_Y + row * CELL_PITCH;
            int yy, m, md;
            civil_from_day(day, &yy, &m, &md);
            if (day > d->today) {
                outline(c, x, y, REPORT_CELL, REPORT_CELL, 1, LINE);
                continue;
            }
            if (day < d->first_session) {
                /* Before the first session: not a missed day. */
                outline(c, x, y, REPORT_CELL, REPORT_CELL, 1, LINE);
                snprintf(buf, sizeof buf, "%d", md);
                text(c, c->tiny, buf, x + 3, y + 1, LINE, ALIGN_LEFT);
                continue;
            }
            unsigned color = d->finished[k]  ? REPORT_COLOR_DONE
                             : d->started[k] ? REPORT_COLOR_PARTIAL
                                             : REPORT_COLOR_NONE;
            fill(c, x, y, REPORT_CELL, REPORT_CELL, color);
            snprintf(buf, sizeof buf, "%d", md);
            text(c, c->tiny, buf, x + 3, y + 1, d->finished[k] ? PAPER : MUTED, ALIGN_LEFT);
            if (d->pain[k])
                pain_corner(c, x, y, REPORT_CELL);
            if (day == d->today)
                outline(c, x - 3, y - 3, REPORT_CELL + 6, REPORT_CELL + 6, 2, INK);
        }
        int y, m, md;
        civil_from_day(d->first + week * 7, &y, &m, &md);
        if (m != last_month) {
            text(c, c->bold, month_names[m - 1], x, CAL_Y - 30, INK, ALIGN_LEFT);
            last_month = m;
        }
    }

    /* Legend under the grid. */
    int lx = CAL_X, ly = CAL_Y + 7 * CELL_PITCH + 14;
    const struct {
        unsigned color;
        const char *label;
    } keys[] = {{REPORT_COLOR_DONE, "session finished"},
                {REPORT_COLOR_PARTIAL, "ended early"},
                {REPORT_COLOR_NONE, "no session"}};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        fill(c, lx, ly, 20, 20, keys[i].color);
        lx += 28 + text(c, c->small, keys[i].label, lx + 28, ly, INK, ALIGN_LEFT) + 26;
    }
    fill(c, lx, ly, 20, 20, REPORT_COLOR_NONE);
    triangle(c, (float)(lx + 4), (float)ly, (float)(lx + 20), (float)ly, (float)(lx + 20),
             (float)(ly + 16), REPORT_COLOR_PAIN);
    lx += 28 + text(c, c->small, "pain stop", lx + 28, ly, INK, ALIGN_LEFT) + 26;
    outline(c, lx, ly, 20, 20, 1, LINE);
    text(c, c->small, "before the first session", lx + 28, ly, INK, ALIGN_LEFT);
}

static void draw_pain_list(Canvas *c, const Program *p, const Tracker *t, const ReportData *d)
{
    const int x = CAL_X + REPORT_WEEKS * CELL_PITCH + 70;
    int y = CAL_Y - 36;
    text(c, c->bold, "Pain stops", x, y, INK, ALIGN_LEFT);
    y += 34;
    int en;
    const SaveExercise *ex = tracker_exercises(t, &en);
    int shown = 0, total = 0;
    for (int i = en - 1; i >= 0; i--) {
        if (!ex[i].pain || day_index(d, ex[i].local_day) < 0)
            continue;
        total++;
        if (shown == PAIN_LIST_MAX)
            continue;
        char day[48], line[256];
        int ti = -1;
        const Level *level = program_find_level(p, ex[i].level_id, &ti, NULL);
        day_text(ex[i].local_day, true, day, sizeof day);
        triangle(c, (float)x, (float)(y + 4), (float)(x + 14), (float)(y + 4), (float)(x + 14),
                 (float)(y + 18), REPORT_COLOR_PAIN);
        int w = text(c, c->bold, day, x + 24, y, INK, ALIGN_LEFT);
        text(c, c->small, ti >= 0 ? p->tracks[ti].title : ex[i].track_id, x + 24 + w + 14, y + 2,
             INK, ALIGN_LEFT);
        snprintf(line, sizeof line, "%s: %d of %d reps", level ? level->title : ex[i].level_id,
                 ex[i].reps_done, ex[i].reps_target);
        text(c, c->small, line, x + 24, y + 26, MUTED, ALIGN_LEFT);
        y += 58;
        shown++;
    }
    char buf[256];
    if (total == 0) {
        text(c, c->small, "None in these 12 weeks.", x, y, MUTED, ALIGN_LEFT);
        y += 26;
    } else if (total > shown) {
        snprintf(buf, sizeof buf, "and %d earlier", total - shown);
        text(c, c->small, buf, x, y, MUTED, ALIGN_LEFT);
        y += 26;
    }
    const ProgressState *ps = tracker_progress(t);
    y += 12;
    for (int ti = 0; ti < p->track_count; ti++) {
        if (!ps->see_pt_advice[ti])
            continue;
        snprintf(buf, sizeof buf, "%s: pain twice within 7 days.", p->tracks[ti].title);
        text(c, c->bold, buf, x, y, REPORT_COLOR_PAIN, ALIGN_LEFT);
        text(c, c->small, "The user was advised to check with you before going on.", x,
             y + 28, INK, ALIGN_LEFT);
        y += 62;
    }
}

static void draw_levels(Canvas *c, const Program *p, const Tracker *t, const ReportData *d)
{
    text(c, c->heading, "Level reached per track", MARGIN, LEVELS_Y - 86, INK, ALIGN_LEFT);
    text(c, c->small,
         "Shade and number: highest level unlocked that day. Dark marks under a bar: days "
         "practised. Red marks: pain stops.",
         MARGIN, LEVELS_Y - 48, MUTED, ALIGN_LEFT);

    const ProgressState *ps = tracker_progress(t);
    /* Week lines first, so the bars sit on top of them. */
    for (int week = 0; week <= REPORT_WEEKS; week++) {
        int x = BAR_X + week * 7 * BAR_DAY_W;
        fill(c, x, LEVELS_Y - 8, 1, p->track_count * ROW_PITCH + 4, LINE);
    }
    for (int ti = 0; ti < p->track_count; ti++) {
        const Track *track = &p->tracks[ti];
        int y = LEVELS_Y + ti * ROW_PITCH;
        char buf[64];
        text(c, c->body, track->title, MARGIN, y + 1, INK, ALIGN_LEFT);
        if (track->level_count > 0) {
            snprintf(buf, sizeof buf, "%d/%d unlocked", ps->unlocked[ti], track->level_count);
            text(c, c->small, buf, BAR_X - 14, y + 5, MUTED, ALIGN_RIGHT);
        }
        for (int k = 0; k < DAYS;) {
            int level = d->reached[ti][k];
            int end = k + 1;
            while (end < DAYS && d->reached[ti][end] == level)
                end++;
            int x = BAR_X + k * BAR_DAY_W, w = (end - k) * BAR_DAY_W;
            if (level >= 0) {
                unsigned color = level_colors[level < TRACK_MAX_LEVELS ? level : TRACK_MAX_LEVELS - 1];
                fill(c, x, y, w, BAR_H, color);
                snprintf(buf, sizeof buf, "%d", level + 1);
                if (w >= 22)
                    text(c, c->small, buf, x + 6, y + 3, level >= 3 ? PAPER : INK, ALIGN_LEFT);
            }
            k = end;
        }
        for (int k = 0; k < DAYS; k++) {
            int x = BAR_X + k * BAR_DAY_W;
            if (d->practised[ti][k])
                fill(c, x + 3, y + BAR_H + 2, BAR_DAY_W - 6, 4, INK);
            if (d->pain_track[ti][k])
                triangle(c, (float)x, (float)(y - 4), (float)(x + BAR_DAY_W), (float)(y - 4),
                         (float)x + BAR_DAY_W / 2.0f, (float)(y + 9), REPORT_COLOR_PAIN);
        }
    }
    /* Dates under the weeks. */
    int axis_y = LEVELS_Y + p->track_count * ROW_PITCH;
    for (int week = 0; week < REPORT_WEEKS; week += 2) {
        char buf[32];
        day_text(d->first + week * 7, false, buf, sizeof buf);
        text(c, c->small, buf, BAR_X + week * 7 * BAR_DAY_W + 2, axis_y, MUTED, ALIGN_LEFT);
    }
}

static void draw_footer(Canvas *c)
{
    text(c, c->small,
         "A pain stop ends that exercise at once and the next session offers the easier level. "
         "It is never counted as a failure.",
         MARGIN, REPORT_HEIGHT - 44, MUTED, ALIGN_LEFT);
}

/* ---- the file ---------------------------------------------------------------- */

static TTF_Font *open_font(const char *assets_dir, const char *weight, int px)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/fonts/atkinson-hyperlegible-latin-%s-normal.woff",
             assets_dir, weight);
    return TTF_OpenFont(path, px);
}

int report_write_png(const Program *program, const Tracker *tracker, time_t now,
                     const char *assets_dir, const char *path, char *message,
                     size_t message_size)
{
    if (message && message_size)
        message[0] = '\0';
    ReportData *data = malloc(sizeof *data);
    if (!data) {
        snprintf(message, message_size, "out of memory");
        return -1;
    }
    gather(program, tracker, now, data);

    int status = -1;
    bool ttf = false;
    Canvas c = {0};
    SDL_Surface *surface = NULL;
    if (TTF_Init() != 0) {
        snprintf(message, message_size, "cannot start SDL_ttf: %s", TTF_GetError());
        goto out;
    }
    ttf = true;
    c.tiny = open_font(assets_dir, "400", 14);
    c.small = open_font(assets_dir, "400", 18);
    c.body = open_font(assets_dir, "400", 21);
    c.bold = open_font(assets_dir, "700", 21);
    c.heading = open_font(assets_dir, "700", 28);
    c.title = open_font(assets_dir, "700", 42);
    if (!c.tiny || !c.small || !c.body || !c.bold || !c.heading || !c.title) {
        snprintf(message, message_size, "cannot open the font in %s/fonts: %s", assets_dir,
                 TTF_GetError());
        goto out;
    }
    surface = SDL_CreateRGBSurfaceWithFormat(0, REPORT_WIDTH, REPORT_HEIGHT, 32,
                                             SDL_PIXELFORMAT_ARGB8888);
    if (surface)
        c.r = SDL_CreateSoftwareRenderer(surface);
    if (!c.r) {
        snprintf(message, message_size, "cannot draw: %s", SDL_GetError());
        goto out;
    }
    SDL_SetRenderDrawBlendMode(c.r, SDL_BLENDMODE_NONE);
    fill(&c, 0, 0, REPORT_WIDTH, REPORT_HEIGHT, PAPER);
    draw_header(&c, tracker, data);
    draw_figures(&c, tracker, now, data);
    draw_calendar(&c, tracker, data);
    draw_pain_list(&c, program, tracker, data);
    draw_levels(&c, program, tracker, data);
    draw_footer(&c);
    SDL_RenderFlush(c.r);
    if (IMG_SavePNG(surface, path) != 0) {
        snprintf(message, message_size, "cannot write %s: %s", path, IMG_GetError());
        goto out;
    }
    status = 0;
out:
    if (c.r) SDL_DestroyRenderer(c.r);
    if (surface) SDL_FreeSurface(surface);
    TTF_Font *fonts[] = {c.tiny, c.small, c.body, c.bold, c.heading, c.title};
    for (size_t i = 0; i < sizeof fonts / sizeof fonts[0]; i++)
        if (fonts[i]) TTF_CloseFont(fonts[i]);
    if (ttf) TTF_Quit();
    free(data);
    return status;
}

int cli_report(const Options *o)
{
    Program *p;
    Tracker *t;
    if (cli_history_open(o, &p, &t) != 0)
        return 1;
    char message[512];
    const char *assets = paths_assets_dir(o, NULL);
    int status = options_report_kind(o->report_file) == REPORT_KIND_PDF
                     ? report_write_pdf(p, t, time(NULL), assets, o->report_file, message,
                                        sizeof message)
                     : report_write_png(p, t, time(NULL), assets, o->report_file, message,
                                        sizeof message);
    if (status != 0)
        fprintf(stderr, "corequest: %s\n", message);
    else
        fprintf(stderr, "corequest: report written to %s\n", o->report_file);
    cli_history_close(p, t);
    return status == 0 ? 0 : 1;
}
