/* test_report_pdf.c: --report FILE.pdf over a month recorded through the
 * tracker with a fixed clock: ratings of every kind, pain stops with and
 * without a score and place, unlocks.  The page must be one A4 page with
 * every section and the pain stops in it.  The PDF drawn here
 * (tests/out/report.pdf) is the one docs/report-pdf.png is made from.
 * pdftotext and pdfinfo (poppler-utils, tools/deps.sh --test) read it back;
 * the page count is also parsed from the file itself. */
#define _GNU_SOURCE /* memmem */
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

#include "cli/cli_common.h"
#include "core/levels_load.h"
#include "options.h"
#include "test_support.h"

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

/* ---- the scripted month: Monday 3 to Tuesday 2 December 2025 ------------------ */

enum { MONTH_DAYS = 30 };

typedef struct {
    int day;          /* 0 = 3 November */
    const char *track;
    int score;        /* -1: none said */
    PainPlace place;
    bool after;       /* pressed in the rest after a done exercise */
} ScriptStop;

static const ScriptStop script_stops[] = {
    {4, "bridge", 3, PAIN_PLACE_BUTTOCK, false},
    {11, "superman", 5, PAIN_PLACE_LOW_BACK, false},
    {17, "clamshell", 4, PAIN_PLACE_LEG, true},
    {23, "heel_taps", -1, PAIN_PLACE_NONE, false},
    {27, "swimmers", 8, PAIN_PLACE_LOW_BACK, false}, /* 7 or more: the advice */
};

typedef struct {
    int day, stand, sit, activity;
    bool skipped;
} ScriptCheck;

static const ScriptCheck script_checks[] = {
    {1, 3, 4, 2, false},
    {8, -1, -1, -1, true},
    {15, 4, 4, 3, false},
    {22, 5, 6, -1, false},
    {29, 6, 5, 5, false},
};

static const ScriptCheck *check_for(int i)
{
    for (size_t c = 0; c < sizeof script_checks / sizeof script_checks[0]; c++)
        if (script_checks[c].day == i)
            return &script_checks[c];
    return NULL;
}

static bool missed(int i) { return i == 6 || i == 13 || i == 14 || i == 20; }
static bool early(int i) { return i == 9 || i == 25; }

static const ScriptStop *stop_for(int i, const char *track)
{
    for (size_t s = 0; s < sizeof script_stops / sizeof script_stops[0]; s++)
        if (script_stops[s].day == i && strcmp(script_stops[s].track, track) == 0)
            return &script_stops[s];
    return NULL;
}

static void script_month(Tracker *t)
{
    for (int i = 0; i < MONTH_DAYS; i++) {
        if (missed(i))
            continue;
        time_t start = local_time(2025, 11, 3 + i, 18, 15);
        assert_int_equal(tracker_session_begin(t, start), 0);
        Plan plan;
        tracker_plan_daily(t, &plan);
        int count = early(i) ? 4 : plan.count;
        time_t at = start;
        for (int e = 0; e < count; e++) {
            const PlanItem *item = &plan.items[e];
            ExerciseResult r;
            memset(&r, 0, sizeof r);
            int per_side = item->level->reps * (item->level->sets > 0 ? item->level->sets : 1);
            r.reps_target = r.reps_done = per_side;
            r.started = r.finished = true;
            r.ended_ms = 120000;
            /* Mostly "too easy" (levels open), the heel taps "too hard"
             * (stepped back), some unanswered "just right". */
            r.rating = strcmp(item->track->id, "heel_taps") == 0 ? RATING_TOO_HARD
                       : i % 3 == 1                             ? RATING_JUST_RIGHT
                                                                : RATING_TOO_EASY;
            r.rating_default = r.rating == RATING_JUST_RIGHT && e % 2;
            const ScriptStop *stop = stop_for(i, item->track->id);
            if (stop) {
                r.pain_rated = stop->score >= 0;
                r.pain_score = stop->score;
                r.pain_place = stop->place;
                if (stop->after) {
                    r.pain_after = true;
                } else {
                    r.pain = true;
                    r.rating = RATING_NONE;
                    r.rating_default = false;
                    r.reps_done = per_side / 2;
                }
            }
            r.reps_left = r.reps_right = r.reps_done;
            at += 150;
            assert_int_equal(tracker_exercise_done(t, item, &r, at, NULL), 0);
        }
        assert_int_equal(tracker_session_end(t, !early(i), at + 20), 0);
        /* Back pain around the sessions of the last week: 5 before and 3
         * after, then 4 and 2 (averages 4.5 and 2.5, latest 4 and 2). */
        if (i >= 28) {
            assert_int_equal(tracker_rate_back_pain(t, BACK_PAIN_BEFORE, i == 28 ? 5 : 4), 0);
            assert_int_equal(tracker_rate_back_pain(t, BACK_PAIN_AFTER, i == 28 ? 3 : 2), 0);
        }
        /* The weekly check, after the session (so day 0's baseline comes
         * a day later): rising, one week skipped. */
        const ScriptCheck *check = check_for(i);
        if (check) {
            ToleranceCheck c = {.skipped = check->skipped,
                                .score = {check->stand, check->sit, check->activity}};
            snprintf(c.activity, sizeof c.activity, "gardening");
            assert_int_equal(tracker_record_tolerance(t, &c, at + 60), 0);
        }
    }
}

typedef struct {
    Program *program;
    char data_dir[600];
    time_t now; /* Tuesday 2 December 2025, 21:00 in Berlin */
} Fixture;

static int group_setup(void **state)
{
    test_use_tz("Europe/Berlin");
    Fixture *f = calloc(1, sizeof *f);
    int tracks, errors;
    f->program = test_load_program(TEST_LEVELS_DIR, &tracks, &errors);
    assert_int_equal(errors, 0);
    mkdir(TEST_OUT_DIR, 0755);
    snprintf(f->data_dir, sizeof f->data_dir, "%s/report_pdf_save", TEST_OUT_DIR);
    assert_true(test_remove_tree(f->data_dir));
    char message[512];
    Tracker *t = tracker_open(f->data_dir, f->program, message, sizeof message);
    assert_string_equal(message, "");
    script_month(t);
    tracker_close(t);
    f->now = local_time(2025, 12, 2, 21, 0);
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

/* ---- reading the PDF back ------------------------------------------------------------ */

static char *slurp(const char *path, size_t *size)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
    buf[n] = '\0';
    fclose(fp);
    *size = (size_t)n;
    return buf;
}

/* "/Type /Page" objects, not "/Type /Pages". */
static int count_pages(const char *buf, size_t size)
{
    static const char key[] = "/Type /Page";
    int pages = 0;
    for (size_t i = 0; i + sizeof key <= size; i++)
        if (memcmp(buf + i, key, sizeof key - 1) == 0 && buf[i + sizeof key - 1] != 's')
            pages++;
    return pages;
}

/* The output of `tool ARGS path -` (poppler), or NULL when the tool is not
 * there (TEST_PDFTOTEXT / TEST_PDFINFO empty). */
static char *run_tool(const char *env, const char *args, const char *path)
{
    const char *tool = getenv(env);
    if (!tool || !tool[0])
        return NULL;
    char command[1600];
    snprintf(command, sizeof command, "'%s' %s '%s' %s", tool, args, path,
             strcmp(env, "TEST_PDFTOTEXT") == 0 ? "-" : "");
    FILE *p = popen(command, "r");
    assert_non_null(p);
    size_t cap = 1 << 16, n = 0;
    char *out = malloc(cap);
    size_t got;
    while ((got = fread(out + n, 1, cap - n - 1, p)) > 0) {
        n += got;
        if (n + 1 == cap)
            out = realloc(out, cap *= 2);
    }
    out[n] = '\0';
    assert_int_equal(pclose(p), 0);
    return out;
}

/* ---- tests ---------------------------------------------------------------------------- */

static void test_report_pdf_is_one_a4_page_with_every_section(void **state)
{
    Fixture *f = *state;
    char path[700], message[512];
    snprintf(path, sizeof path, "%s/report.pdf", TEST_OUT_DIR);
    remove(path);
    Tracker *t = tracker_open(f->data_dir, f->program, message, sizeof message);
    assert_int_equal(report_write_pdf(f->program, t, f->now, TEST_ASSETS_DIR, path, message,
                                      sizeof message), 0);
    tracker_close(t);

    size_t size;
    char *raw = slurp(path, &size);
    assert_true(size > 1000);
    assert_memory_equal(raw, "%PDF-", 5);
    assert_int_equal(count_pages(raw, size), 1);
    /* The shipped font, embedded. */
    assert_non_null(memmem(raw, size, "AtkinsonHyperlegible-Regular", 28));
    assert_non_null(memmem(raw, size, "AtkinsonHyperlegible-Bold", 25));
    free(raw);

    char *info = run_tool("TEST_PDFINFO", "", path);
    if (info) {
        const char *pages = strstr(info, "Pages:");
        assert_non_null(pages);
        pages += strlen("Pages:");
        while (*pages == ' ')
            pages++;
        assert_memory_equal(pages, "1\n", 2);
        assert_non_null(strstr(info, "(A4)"));
        free(info);
    }
    char *txt = run_tool("TEST_PDFTOTEXT", "-layout", path);
    if (!txt)
        skip();
    static const char *const wanted[] = {
        "Core and back routine: the last 30 days", "3 Nov 2025 to 2 Dec 2025",
        "Sessions on 26 of 30 days (24 done in full)", "5 pain stops",
        "Days with a session", "done in full", "ended early", "pain stop that day",
        "Pain score at each pain stop", "low back", "buttock", "place not said",
        "no score given",
        "How each exercise felt", "too easy", "just right", "too hard", "no answer",
        "Pelvic tilts", "Glute kickbacks",
        "Everyday things (weekly check", "Standing", "Sitting", "Gardening",
        "skipped", "up 3 since 4 Nov (3 to 6)", "up 1 since 4 Nov (4 to 5)",
        "up 3 since 4 Nov (2 to 5)",
        "Back pain around sessions, 0-10 on average: 4.5 before (2 sessions, latest 4);"
        " 2.5 after (2 sessions, latest 2).",
        "Level changes", "level 2 unlocked",
        "Pain stops, newest first",
        "Advice standing: check with a therapist before Prone swimmers again",
        "not medical advice",
    };
    for (size_t i = 0; i < sizeof wanted / sizeof wanted[0]; i++)
        if (!strstr(txt, wanted[i]))
            fail_msg("not in the PDF: \"%s\"\n%s", wanted[i], txt);
    /* Every pain stop, with its score and place, newest first. */
    const char *stops = strstr(txt, "Pain stops, newest first");
    static const char *const rows[] = {"8", "none", "4", "5", "3"};
    static const char *const places[] = {"low back", "not said", "leg", "low back", "buttock"};
    static const char *const days[] = {"Sun 30 Nov", "Wed 26 Nov", "Thu 20 Nov", "Fri 14 Nov",
                                       "Fri 7 Nov"};
    assert_non_null(stops);
    const char *at = stops;
    for (int i = 0; i < 5; i++) {
        const char *row = strstr(at, days[i]);
        if (!row)
            fail_msg("pain stop row %d (%s) missing after the heading\n%s", i, days[i], stops);
        const char *end = strchr(row, '\n');
        char line[400];
        snprintf(line, sizeof line, "%.*s", (int)(end - row), row);
        if (!strstr(line, rows[i]) || !strstr(line, places[i]))
            fail_msg("row \"%s\": wanted score %s and place %s", line, rows[i], places[i]);
        at = end;
    }
    free(txt);
}

static void test_cli_report_chooses_by_extension(void **state)
{
    Fixture *f = *state;
    char path[700], error[256];
    snprintf(path, sizeof path, "--report=%s/cli_report.PDF", TEST_OUT_DIR);
    char *argv[] = {"corequest", path, NULL};
    Options o;
    assert_int_equal(options_parse(2, argv, &o, error, sizeof error), 0);
    o.data_dir = f->data_dir;
    o.levels_dir = TEST_LEVELS_DIR;
    o.assets_dir = TEST_ASSETS_DIR;
    remove(o.report_file);
    assert_int_equal(cli_report(&o), 0);
    size_t size;
    char *raw = slurp(o.report_file, &size);
    assert_int_equal(count_pages(raw, size), 1);
    free(raw);
    o.assets_dir = "/nonexistent";
    assert_int_equal(cli_report(&o), 1); /* no font: a clear failure */
    assert_int_equal(access(o.report_file, F_OK), 0); /* and the old file left alone */

    char *bad[] = {"corequest", "--report", "report.jpg", NULL};
    assert_int_equal(options_parse(3, bad, &o, error, sizeof error), 2);
    assert_non_null(strstr(error, "report.jpg"));
    assert_null(strchr(error, '\n'));
    char *none[] = {"corequest", "--report=.pdf", NULL};
    assert_int_equal(options_parse(2, none, &o, error, sizeof error), 2);
    char *png[] = {"corequest", "--report", "x.png", NULL};
    assert_int_equal(options_parse(3, png, &o, error, sizeof error), 0);
    assert_int_equal(options_report_kind("a.pdf"), REPORT_KIND_PDF);
    assert_int_equal(options_report_kind("a.Png"), REPORT_KIND_PNG);
}

static void test_report_pdf_with_no_history(void **state)
{
    Fixture *f = *state;
    char path[700], message[512], dir[700];
    snprintf(path, sizeof path, "%s/report_empty.pdf", TEST_OUT_DIR);
    snprintf(dir, sizeof dir, "%s/report_pdf_empty", TEST_OUT_DIR);
    assert_true(test_remove_tree(dir));
    Tracker *t = tracker_open(NULL, f->program, message, sizeof message);
    assert_int_equal(report_write_pdf(f->program, t, f->now, TEST_ASSETS_DIR, path, message,
                                      sizeof message), 0);
    tracker_close(t);
    size_t size;
    char *raw = slurp(path, &size);
    assert_int_equal(count_pages(raw, size), 1);
    free(raw);
    char *txt = run_tool("TEST_PDFTOTEXT", "-layout", path);
    if (!txt)
        return;
    assert_non_null(strstr(txt, "Sessions on 0 of 30 days"));
    assert_non_null(strstr(txt, "No pain stops in these 30 days."));
    free(txt);
    /* An unwritable place: one message, no crash. */
    t = tracker_open(NULL, f->program, message, sizeof message);
    assert_int_equal(report_write_pdf(f->program, t, f->now, TEST_ASSETS_DIR,
                                      "/nonexistent/dir/r.pdf", message, sizeof message), -1);
    assert_non_null(strstr(message, "/nonexistent/dir/r.pdf"));
    tracker_close(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_pdf_is_one_a4_page_with_every_section),
        cmocka_unit_test(test_cli_report_chooses_by_extension),
        cmocka_unit_test(test_report_pdf_with_no_history),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
