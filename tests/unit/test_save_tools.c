/* test_save_tools.c: --export-csv, --history and --report over a scripted
 * six-week history recorded through the tracker with fake times.  The
 * report drawn here (tests/out/report.png) is the one kept in docs/. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include <SDL.h>
#include <SDL_image.h>

#include "cli/cli_common.h"
#include "core/levels_load.h"
#include "test_support.h"

/* ---- helpers -------------------------------------------------------------- */

static time_t local_time(int y, int mo, int d, int h, int mi)
{
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_isdst = -1;
    return mktime(&tm);
}

static Program *load_program(const char *dir, int min_tracks)
{
    int tracks, errors;
    Program *p = test_load_program(dir, &tracks, &errors);
    assert_true(tracks >= min_tracks);
    assert_int_equal(errors, 0);
    return p;
}

/* ---- the scripted six weeks ------------------------------------------------ */

enum { SCRIPT_DAYS = 42 };

typedef enum { DAY_DONE, DAY_NONE, DAY_EARLY } DayKind;

/* Monday 13 October to Sunday 23 November 2025 (Europe/Berlin, so the
 * clocks go back in the middle).  Rest or missed days 6, 13, 21, 22, 30;
 * sessions ended early on 20 and 27; pain stops on the bridge (15) and
 * twice on the superman in the last week (38, 41: the advice to see a
 * physical therapist stands); on day 25 the session runs after midnight.
 * Streaks: 18 days (days 0-19), then 11 up to today. */
static DayKind script_kind(int i)
{
    if (i == 6 || i == 13 || i == 21 || i == 22 || i == 30)
        return DAY_NONE;
    if (i == 20 || i == 27)
        return DAY_EARLY;
    return DAY_DONE;
}

static const char *script_pain_track(int i)
{
    if (i == 15)
        return "bridge";
    if (i == 38 || i == 41)
        return "superman";
    return NULL;
}

static int64_t level_ms(const Level *l)
{
    int sides = l->sides == SIDES_NONE ? 1 : 2;
    int64_t per_rep = (int64_t)l->hold_s * 1000 + l->move_ms + l->relax_ms;
    return (int64_t)l->reps * (l->sets > 0 ? l->sets : 1) * sides * per_rep + 20000;
}

static void script_history(Tracker *t)
{
    for (int i = 0; i < SCRIPT_DAYS; i++) {
        DayKind kind = script_kind(i);
        if (kind == DAY_NONE)
            continue;
        time_t start = local_time(2025, 10, 13 + i, i % 2 ? 19 : 7, i % 2 ? 10 : 30);
        if (i == 25)
            start = local_time(2025, 10, 13 + i + 1, 0, 40); /* still day 25 */
        assert_int_equal(tracker_session_begin(t, start), 0);
        Plan plan;
        tracker_plan_daily(t, &plan);
        int count = kind == DAY_EARLY ? 5 : plan.count;
        time_t at = start;
        const char *pain_track = script_pain_track(i);
        for (int e = 0; e < count; e++) {
            const PlanItem *item = &plan.items[e];
            ExerciseResult r;
            memset(&r, 0, sizeof r);
            int per_side = item->level->reps * (item->level->sets > 0 ? item->level->sets : 1);
            r.reps_target = per_side;
            r.reps_done = per_side;
            r.started = r.finished = true;
            r.ended_ms = level_ms(item->level);
            /* Rated "too easy", so the levels open as the old 3-day rule did. */
            r.rating = RATING_TOO_EASY;
            if (pain_track && strcmp(item->track->id, pain_track) == 0) {
                r.pain = true;
                r.rating = RATING_NONE;
                r.pain_rated = true;
                r.pain_score = 5;
                r.pain_place = PAIN_PLACE_LOW_BACK;
                r.reps_done = per_side / 3;
                r.ended_ms /= 3;
            } else if (i == 3 && strcmp(item->track->id, "toe_taps") == 0) {
                r.reps_done = per_side - 2;
            }
            r.reps_left = r.reps_right = r.reps_done;
            at += (time_t)(r.ended_ms / 1000) + 30;
            assert_int_equal(tracker_exercise_done(t, item, &r, at, NULL), 0);
        }
        assert_int_equal(tracker_session_end(t, kind == DAY_DONE, at + 20), 0);
        if (i == 3) {
            assert_int_equal(tracker_rate_back_pain(t, BACK_PAIN_BEFORE, 4), 0);
            assert_int_equal(tracker_rate_back_pain(t, BACK_PAIN_AFTER, 2), 0);
        }
        /* Two weekly checks, the second with the activity left out. */
        if (i == 8 || i == 15) {
            ToleranceCheck c = {.score = {i == 8 ? 3 : 5, 4, i == 8 ? 2 : TOLERANCE_NOT_ANSWERED}};
            snprintf(c.activity, sizeof c.activity, "lifting, and carrying");
            assert_int_equal(tracker_record_tolerance(t, &c, at + 60), 0);
        }
    }
}

/* ---- fixture ------------------------------------------------------------------ */

typedef struct {
    Program *program;
    char data_dir[600];
    time_t now; /* Sunday 23 November 2025, 21:00 in Berlin */
} Fixture;

static int group_setup(void **state)
{
    test_use_tz("Europe/Berlin");
    Fixture *f = calloc(1, sizeof *f);
    f->program = load_program(TEST_LEVELS_DIR, 8);
    mkdir(TEST_OUT_DIR, 0755);
    snprintf(f->data_dir, sizeof f->data_dir, "%s/save_tools_history", TEST_OUT_DIR);
    assert_true(test_remove_tree(f->data_dir));
    char message[512];
    Tracker *t = tracker_open(f->data_dir, f->program, message, sizeof message);
    assert_string_equal(message, "");
    script_history(t);
    tracker_close(t);
    f->now = local_time(2025, 11, 23, 21, 0);
    *state = f;
    return 0;
}

static int group_teardown(void **state)
{
    Fixture *f = *state;
    free(f->program);
    free(f);
    return 0;
}

static Options options_for(const char *data_dir)
{
    Options o;
    memset(&o, 0, sizeof o);
    o.data_dir = data_dir;
    o.levels_dir = TEST_LEVELS_DIR;
    o.assets_dir = TEST_ASSETS_DIR;
    return o;
}

typedef struct {
    int (*tool)(const Options *);
    const Options *options;
} ToolRun;

static int tool_run(const void *ctx)
{
    const ToolRun *run = ctx;
    return run->tool(run->options);
}

/* Runs fn with stdout going to a file; returns what it printed. */
static char *capture_stdout(int (*fn)(const Options *), const Options *o, int *status)
{
    ToolRun run = {fn, o};
    return test_capture_stdout("save_tools", -1, tool_run, &run, status);
}

/* ---- CSV ----------------------------------------------------------------------- */

enum { CSV_FIELDS_MAX = 20, CSV_FIELD_MAX = 256 };

/* RFC 4180 reader for one record; returns the field count, -1 at the end. */
static int csv_record(const char **cursor, char fields[][CSV_FIELD_MAX])
{
    const char *c = *cursor;
    if (!*c)
        return -1;
    int n = 0;
    for (;;) {
        char *out = fields[n];
        size_t len = 0;
        if (*c == '"') {
            c++;
            for (;;) {
                assert_true(*c != '\0');
                if (*c == '"' && c[1] == '"') {
                    out[len++] = '"';
                    c += 2;
                } else if (*c == '"') {
                    c++;
                    break;
                } else {
                    out[len++] = *c++;
                }
            }
        } else {
            while (*c && *c != ',' && *c != '\r' && *c != '\n') {
                assert_true(*c != '"'); /* a bare quote must have been quoted */
                out[len++] = *c++;
            }
        }
        out[len] = '\0';
        n++;
        if (*c == ',') {
            c++;
            continue;
        }
        assert_true(*c == '\r' && c[1] == '\n');
        c += 2;
        break;
    }
    *cursor = c;
    return n;
}

static void test_export_csv_has_one_row_per_exercise(void **state)
{
    Fixture *f = *state;
    char path[700];
    snprintf(path, sizeof path, "%s/save_tools_export.csv", TEST_OUT_DIR);
    Options o = options_for(f->data_dir);
    o.export_csv = path;
    assert_int_equal(cli_export_csv(&o), 0);
    size_t len;
    char *text = test_read_file(path, &len);
    assert_non_null(text);
    const char *cur = text;
    char fields[CSV_FIELDS_MAX][CSV_FIELD_MAX];
    assert_int_equal(csv_record(&cur, fields), 19);
    const char *header[] = {"date", "local_day", "track", "level_id", "level_title",
                            "reps_done", "target", "left", "right", "pain", "skipped",
                            "duration_s", "rating", "rating_default", "pain_score",
                            "pain_place", "pain_in_rest", "session_back_pain_before",
                            "session_back_pain_after"};
    for (int i = 0; i < 19; i++)
        assert_string_equal(fields[i], header[i]);

    char message[256];
    Tracker *t = tracker_open(f->data_dir, f->program, message, sizeof message);
    int count;
    const SaveExercise *ex = tracker_exercises(t, &count);
    int rows = 0, pain_rows = 0, with_comma = 0, asked_rows = 0;
    while (csv_record(&cur, fields) == 19) {
        const SaveExercise *e = &ex[rows];
        const Level *level = program_find_level(f->program, e->level_id, NULL, NULL);
        assert_string_equal(fields[3], e->level_id);
        assert_string_equal(fields[4], level->title);
        with_comma += strchr(level->title, ',') != NULL;
        assert_int_equal(atoi(fields[5]), e->reps_done);
        assert_int_equal(atoi(fields[6]), e->reps_target);
        assert_string_equal(fields[9], e->pain ? "yes" : "no");
        assert_string_equal(fields[12], rating_id(e->rating));
        if (e->pain_score >= 0)
            assert_int_equal(atoi(fields[14]), e->pain_score);
        else
            assert_string_equal(fields[14], "");
        assert_string_equal(fields[16], e->pain_after ? "yes" : "no");
        /* Back pain asked on day 3 only: 4 before, 2 after. */
        bool asked = e->local_day == day_from_civil(2025, 10, 16);
        assert_string_equal(fields[17], asked ? "4" : "");
        assert_string_equal(fields[18], asked ? "2" : "");
        asked_rows += asked;
        if (e->pain) {
            assert_string_equal(fields[14], "5");
            assert_string_equal(fields[15], "low_back");
        } else {
            assert_string_equal(fields[12], "too_easy");
        }
        pain_rows += e->pain;
        int y, m, d;
        civil_from_day(e->local_day, &y, &m, &d);
        char day[16];
        snprintf(day, sizeof day, "%04d-%02d-%02d", y, m, d);
        assert_string_equal(fields[1], day);
        rows++;
    }
    assert_int_equal(rows, count);
    assert_int_equal(pain_rows, 3);
    assert_true(asked_rows > 0);
    assert_true(with_comma > 0); /* titles like "Pelvic tilt, 10 times" survived */

    /* The first row, whole: Monday 13 October, CEST. */
    const char *first_line = strchr(text, '\n') + 1;
    const Level *l0 = program_find_level(f->program, ex[0].level_id, NULL, NULL);
    int ti;
    program_find_level(f->program, ex[0].level_id, &ti, NULL);
    assert_int_equal(strncmp(first_line, "2025-10-13T07:", 14), 0);
    assert_non_null(strstr(first_line, "+02:00,2025-10-13,"));
    char quoted_title[200];
    snprintf(quoted_title, sizeof quoted_title, strchr(l0->title, ',') ? ",\"%s\"," : ",%s,",
             l0->title);
    assert_non_null(strstr(first_line, quoted_title));
    tracker_close(t);
    free(text);

    /* The weekly checks, beside it. */
    snprintf(path, sizeof path, "%s/save_tools_export-weekly-check.csv", TEST_OUT_DIR);
    text = test_read_file(path, &len);
    assert_non_null(text);
    cur = text;
    assert_int_equal(csv_record(&cur, fields), 7);
    const char *weekly_header[] = {"date", "local_day", "skipped", "stand", "sit",
                                   "activity", "activity_score"};
    for (int i = 0; i < 7; i++)
        assert_string_equal(fields[i], weekly_header[i]);
    assert_int_equal(csv_record(&cur, fields), 7);
    assert_string_equal(fields[1], "2025-10-21");
    assert_string_equal(fields[2], "no");
    assert_string_equal(fields[3], "3");
    assert_string_equal(fields[4], "4");
    assert_string_equal(fields[5], "lifting, and carrying"); /* quoted, and read back */
    assert_string_equal(fields[6], "2");
    assert_int_equal(csv_record(&cur, fields), 7);
    assert_string_equal(fields[1], "2025-10-28");
    assert_string_equal(fields[3], "5");
    assert_string_equal(fields[6], ""); /* not answered */
    assert_true(csv_record(&cur, fields) <= 0);
    free(text);
}

static void test_export_csv_doubles_quotes(void **state)
{
    Fixture *f = *state;
    /* A level pack whose first title holds quotes and a comma. */
    char levels[700], data[700], src[700], dst[800], csv[700];
    test_make_fresh_dir("save_tools_quoted_levels", levels, sizeof levels);
    snprintf(data, sizeof data, "%s/save_tools_quoted_data", TEST_OUT_DIR);
    snprintf(csv, sizeof csv, "%s/save_tools_quoted.csv", TEST_OUT_DIR);
    assert_true(test_remove_tree(data));
    snprintf(src, sizeof src, "%s/03-bridge.json", TEST_LEVELS_DIR);
    snprintf(dst, sizeof dst, "%s/03-bridge.json", levels);
    size_t len;
    char *json = test_read_file(src, &len);
    assert_non_null(json);
    char *title = strstr(strstr(json, "\"levels\""), "\"title\": \"");
    assert_non_null(title);
    title += strlen("\"title\": \"");
    FILE *out = fopen(dst, "wb");
    fwrite(json, 1, (size_t)(title - json), out);
    fputs("Say \\\"ah\\\", then ", out);
    fputs(title, out);
    fclose(out);
    free(json);

    Program *p = load_program(levels, 1);
    const char *quoted = p->tracks[0].levels[0].title;
    assert_non_null(strstr(quoted, "Say \"ah\", then "));
    char message[256];
    Tracker *t = tracker_open(data, p, message, sizeof message);
    time_t start = local_time(2025, 11, 20, 8, 0);
    tracker_session_begin(t, start);
    Plan plan;
    tracker_plan_daily(t, &plan);
    ExerciseResult r;
    memset(&r, 0, sizeof r);
    r.reps_target = r.reps_done = 10;
    r.ended_ms = 61000;
    assert_int_equal(tracker_exercise_done(t, &plan.items[0], &r, start + 70, NULL), 0);
    tracker_session_end(t, true, start + 90);
    tracker_close(t);

    Options o = options_for(data);
    o.levels_dir = levels;
    o.export_csv = csv;
    assert_int_equal(cli_export_csv(&o), 0);
    char *text = test_read_file(csv, &len);
    assert_non_null(text);
    char expected[400];
    snprintf(expected, sizeof expected,
             ",bridge_1,\"Say \"\"ah\"\", then %s\",10,10,,,no,no,61.0,,,,,no,,\r\n",
             quoted + strlen("Say \"ah\", then "));
    assert_non_null(strstr(text, expected));
    const char *cur = text;
    char fields[CSV_FIELDS_MAX][CSV_FIELD_MAX];
    assert_int_equal(csv_record(&cur, fields), 19);
    assert_int_equal(csv_record(&cur, fields), 19);
    assert_string_equal(fields[4], quoted);
    assert_string_equal(fields[0], "2025-11-20T08:01:10+01:00");
    assert_int_equal(csv_record(&cur, fields), -1);
    free(text);
    free(p);
    (void)f;
}

/* ---- --history ---------------------------------------------------------------- */

static int count_lines_with(const char *text, const char *needle)
{
    int n = 0;
    for (const char *line = text; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        char buf[512];
        snprintf(buf, sizeof buf, "%.*s", (int)(len < sizeof buf ? len : sizeof buf - 1), line);
        n += strstr(buf, needle) != NULL;
        line = end ? end + 1 : NULL;
    }
    return n;
}

static void test_history_prints_streak_sessions_and_levels(void **state)
{
    Fixture *f = *state;
    Options o = options_for(f->data_dir);
    o.history = true;
    int status;
    char *out = capture_stdout(cli_history, &o, &status);
    assert_int_equal(status, 0);
    assert_non_null(out);
    /* Run after the scripted weeks, so today is past them: no current
     * streak, the best one is days 0-19 with two rest days. */
    assert_non_null(strstr(out, "Streak: 0 days (best 18)."));
    assert_non_null(strstr(out, "Up to 1 rest day in any 7 days keeps a streak going."));
    assert_non_null(strstr(out, "Last sessions"));
    assert_int_equal(count_lines_with(out, " 2025-1"), 14); /* the last 14 sessions */
    assert_int_equal(count_lines_with(out, "Sun 2025-11-23 19:10"), 1);
    assert_int_equal(count_lines_with(out, "ended early"), 1); /* day 27 */
    /* Thursday 20 November (day 38): 8 exercises, one of them a pain stop. */
    const char *line = strstr(out, "Thu 2025-11-20 07:30");
    assert_non_null(line);
    int minutes = 0, done = 0, pain = 0;
    char finished[16];
    assert_int_equal(sscanf(line, "%*s %*s %*s %d %d %d %15s", &minutes, &done, &pain, finished),
                     4);
    assert_true(minutes > 5);
    assert_int_equal(done, 7);
    assert_int_equal(pain, 1);
    assert_string_equal(finished, "yes");
    for (int i = 0; i < f->program->track_count; i++) {
        char needle[160];
        snprintf(needle, sizeof needle, "  %s", f->program->tracks[i].title);
        assert_true(count_lines_with(out, needle) >= 1);
    }
    assert_int_equal(count_lines_with(out, "check with a physical therapist"), 1);
    free(out);
}

static void test_history_without_a_save_creates_nothing(void **state)
{
    (void)state;
    char dir[600];
    test_make_fresh_dir("save_tools_empty", dir, sizeof dir);
    Options o = options_for(dir);
    o.history = true;
    int status;
    char *out = capture_stdout(cli_history, &o, &status);
    assert_int_equal(status, 0);
    assert_non_null(strstr(out, "Streak: 0 days (best 0)."));
    assert_non_null(strstr(out, "none yet"));
    free(out);
    char db[700];
    snprintf(db, sizeof db, "%s/%s", dir, SAVE_FILE_NAME);
    struct stat st;
    assert_int_not_equal(stat(db, &st), 0);
}

/* ---- --report ----------------------------------------------------------------- */

static Uint32 pixel_at(SDL_Surface *s, int x, int y)
{
    const Uint8 *row = (const Uint8 *)s->pixels + y * s->pitch;
    Uint32 v;
    memcpy(&v, row + x * 4, 4);
    Uint8 r, g, b;
    SDL_GetRGB(v, s->format, &r, &g, &b);
    return (Uint32)r << 16 | (Uint32)g << 8 | b;
}

static void test_report_file_draws_calendar_and_pain(void **state)
{
    Fixture *f = *state;
    char path[700], message[512];
    snprintf(path, sizeof path, "%s/report.png", TEST_OUT_DIR);
    remove(path);
    Tracker *t = tracker_open(f->data_dir, f->program, message, sizeof message);
    assert_int_equal(report_write_png(f->program, t, f->now, TEST_ASSETS_DIR, path, message,
                                      sizeof message), 0);
    tracker_close(t);

    SDL_Surface *loaded = IMG_Load(path);
    assert_non_null(loaded);
    SDL_Surface *img = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(loaded);
    assert_int_equal(img->w, REPORT_WIDTH);
    assert_int_equal(img->h, REPORT_HEIGHT);

    /* Today (Sunday 23 November) is the last cell of the last week; the
     * scripted Monday 13 October is week 6 of the 12, row 0. */
    int done = 0, partial = 0, none = 0, pain = 0;
    for (int week = 0; week < REPORT_WEEKS; week++) {
        for (int row = 0; row < 7; row++) {
            int i = (week - 6) * 7 + row; /* script day, or before it */
            int x = REPORT_CAL_X + week * REPORT_CELL_PITCH;
            int y = REPORT_CAL_Y + row * REPORT_CELL_PITCH;
            Uint32 plain = pixel_at(img, x + REPORT_CELL - 3, y + REPORT_CELL - 3);
            Uint32 corner = pixel_at(img, x + REPORT_CELL - 2, y + 2);
            unsigned expect = REPORT_COLOR_NONE;
            if (i < 0)
                expect = 0xffffff; /* before the first session: blank */
            else if (script_kind(i) == DAY_DONE)
                expect = REPORT_COLOR_DONE;
            else if (script_kind(i) == DAY_EARLY)
                expect = REPORT_COLOR_PARTIAL;
            assert_int_equal(plain, expect);
            bool pain_day = i >= 0 && script_pain_track(i) != NULL;
            if (pain_day)
                assert_int_equal(corner, REPORT_COLOR_PAIN);
            else
                assert_int_not_equal(corner, REPORT_COLOR_PAIN);
            done += expect == REPORT_COLOR_DONE;
            partial += expect == REPORT_COLOR_PARTIAL;
            none += expect == REPORT_COLOR_NONE;
            pain += pain_day;
        }
    }
    assert_int_equal(done, 35);
    assert_int_equal(partial, 2);
    assert_int_equal(pain, 3);
    assert_int_equal(none, 5); /* days 6, 13, 21, 22, 30 */
    SDL_FreeSurface(img);
}

static void test_cli_report_writes_a_png_without_a_display(void **state)
{
    Fixture *f = *state;
    char path[700];
    snprintf(path, sizeof path, "%s/save_tools_cli_report.png", TEST_OUT_DIR);
    remove(path);
    Options o = options_for(f->data_dir);
    o.report_file = path;
    unsetenv("DISPLAY");
    assert_int_equal(cli_report(&o), 0);
    SDL_Surface *img = IMG_Load(path);
    assert_non_null(img);
    assert_int_equal(img->w, REPORT_WIDTH);
    SDL_FreeSurface(img);
    o.assets_dir = "/nonexistent";
    assert_int_equal(cli_report(&o), 1); /* no font: a clear failure, not a crash */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_export_csv_has_one_row_per_exercise),
        cmocka_unit_test(test_export_csv_doubles_quotes),
        cmocka_unit_test(test_history_prints_streak_sessions_and_levels),
        cmocka_unit_test(test_history_without_a_save_creates_nothing),
        cmocka_unit_test(test_report_file_draws_calendar_and_pain),
        cmocka_unit_test(test_cli_report_writes_a_png_without_a_display),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
