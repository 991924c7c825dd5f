/* test_levels_load.c: the level loader and the shipped level pack.
 * Each bad-input class has a fixture folder under tests/data/levels_*. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/core/levels_load.h"

/* Programs are half a megabyte: kept off the stack. */
static Program prog;
static LevelErrors errs;

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static int load_fixture(const char *name)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s/%s", TEST_DATA_DIR, name);
    return levels_load_dir(dir, &prog, &errs);
}

static void print_errors(void)
{
    char line[1024];
    for (int i = 0; i < errs.count; i++) {
        level_error_format(&errs.items[i], line, sizeof line);
        print_message("  %s\n", line);
    }
}

/* The fixture's only error is in file at place, and its message says
 * message_part; every other file (good_ids, in routine order) loaded. */
static const LevelError *expect_single_error(const char *file, const char *place,
                                             const char *message_part,
                                             const char *const *good_ids)
{
    print_errors();
    assert_int_equal(errs.total, 1);
    assert_int_equal(errs.count, 1);
    const LevelError *e = &errs.items[0];
    assert_string_equal(base_name(e->file), file);
    assert_non_null(strstr(e->file, TEST_DATA_DIR));
    assert_string_equal(e->place, place);
    assert_non_null(strstr(e->message, message_part));
    int n = 0;
    while (good_ids[n])
        n++;
    assert_int_equal(prog.track_count, n);
    for (int i = 0; i < n; i++)
        assert_string_equal(prog.tracks[i].id, good_ids[i]);
    return e;
}

static const char *const ALPHA_ZULU[] = {"alpha", "zulu", NULL};

/* ---- the shipped pack ---- */

static void levels_shipped_pack_loads_eight_tracks_without_errors(void **state)
{
    (void)state;
    int n = levels_load_dir(TEST_LEVELS_DIR, &prog, &errs);
    print_errors();
    assert_int_equal(errs.total, 0);
    assert_int_equal(n, 8);
    static const char *const order[] = {"pelvic_tilt", "toe_taps", "bridge",
                                        "heel_taps", "superman", "swimmers",
                                        "clamshell", "kickback"};
    static const int levels[] = {3, 4, 3, 2, 3, 2, 2, 2};
    for (int t = 0; t < 8; t++) {
        assert_string_equal(prog.tracks[t].id, order[t]);
        assert_int_equal(prog.tracks[t].order, t + 1);
        assert_int_equal(prog.tracks[t].level_count, levels[t]);
    }
}

static void levels_shipped_progressions_follow_the_seed(void **state)
{
    (void)state;
    levels_load_dir(TEST_LEVELS_DIR, &prog, &errs);
    /* Pelvic tilt: 5 s hold, 10 -> 15 -> 20 reps. */
    const Track *pt = program_find_track(&prog, "pelvic_tilt");
    assert_non_null(pt);
    assert_int_equal(pt->levels[0].reps, 10);
    assert_int_equal(pt->levels[1].reps, 15);
    assert_int_equal(pt->levels[2].reps, 20);
    for (int l = 0; l < 3; l++)
        assert_int_equal(pt->levels[l].hold_s, 5);
    /* Toe taps alternate, and every level keeps the pelvic tilt cue. */
    const Track *tt = program_find_track(&prog, "toe_taps");
    assert_non_null(tt);
    for (int l = 0; l < tt->level_count; l++) {
        assert_int_equal(tt->levels[l].sides, SIDES_ALTERNATING);
        assert_non_null(strstr(tt->levels[l].cues[0], "pelvic tilt"));
    }
    /* Bridge: both legs with a 5 s hold, then two single-leg levels. */
    const Track *br = program_find_track(&prog, "bridge");
    assert_non_null(br);
    assert_int_equal(br->levels[0].sides, SIDES_NONE);
    assert_int_equal(br->levels[0].hold_s, 5);
    assert_int_equal(br->levels[1].sides, SIDES_EACH_SIDE);
    assert_int_equal(br->levels[2].sides, SIDES_EACH_SIDE);
    /* Clamshell and kickback progress by equipment. */
    assert_string_equal(program_find_level(&prog, "clamshell_1", NULL, NULL)->equipment, "none");
    assert_non_null(strstr(program_find_level(&prog, "clamshell_2", NULL, NULL)->equipment, "band"));
    assert_non_null(strstr(program_find_level(&prog, "kickback_2", NULL, NULL)->equipment, "weights"));
    /* Longer superman holds are the project's choice, and say so. */
    const Track *sm = program_find_track(&prog, "superman");
    for (int l = 1; l < sm->level_count; l++) {
        assert_true(sm->levels[l].hold_s > sm->levels[l - 1].hold_s);
        bool marked = false;
        for (int i = 0; i < sm->levels[l].project_choice_count; i++)
            marked = marked || strcmp(sm->levels[l].project_choice[i], "hold_s") == 0;
        assert_true(marked);
    }
}

static void levels_shipped_unlocks_chain_each_track_in_order(void **state)
{
    (void)state;
    levels_load_dir(TEST_LEVELS_DIR, &prog, &errs);
    for (int t = 0; t < prog.track_count; t++) {
        const Track *tr = &prog.tracks[t];
        for (int l = 0; l < tr->level_count; l++) {
            const Level *L = &tr->levels[l];
            if (l + 1 < tr->level_count) {
                assert_string_equal(L->next_id, tr->levels[l + 1].id);
                assert_int_equal(L->unlock_clean_days, 3);
            } else {
                assert_string_equal(L->next_id, "");
            }
        }
    }
}

/* Roughly what the session does: intro, countdown, the reps, the rest. */
static double level_seconds(const Level *L)
{
    int sides = L->sides == SIDES_NONE ? 1 : 2;
    double rep = (L->move_ms + L->relax_ms) / 1000.0 + L->hold_s;
    double s = 12 + 3 + L->reps * sides * L->sets * rep + L->rest_s * L->sets;
    if (L->sides == SIDES_EACH_SIDE)
        s += 5;
    return s;
}

static void levels_shipped_daily_session_is_about_fifteen_minutes(void **state)
{
    (void)state;
    levels_load_dir(TEST_LEVELS_DIR, &prog, &errs);
    double total = 0;
    for (int t = 0; t < prog.track_count; t++)
        total += level_seconds(&prog.tracks[t].levels[0]);
    print_message("daily session at level 1: %.0f s\n", total);
    assert_true(total >= 13 * 60);
    assert_true(total <= 17 * 60);
}

/* Absolute segment directions (degrees, y up) by the program.h rules. */
static double thigh_abs(const Pose *p, bool near)
{
    double hip = near ? p->hip_near : p->hip_far;
    return p->trunk + 180 + (p->flip ? -hip : hip);
}

static double shin_abs(const Pose *p, bool near)
{
    double knee = near ? p->knee_near : p->knee_far;
    return thigh_abs(p, near) + (p->flip ? knee : -knee);
}

static double arm_abs(const Pose *p, bool near)
{
    double sh = near ? p->shoulder_near : p->shoulder_far;
    return p->trunk + 180 + (p->flip ? -sh : sh);
}

static const double DEG = 3.14159265358979323846 / 180.0;
static double sin_deg(double a) { return sin(a * DEG); }
static double cos_deg(double a) { return cos(a * DEG); }

static const PoseSet *poses_of(const char *level_id)
{
    const Level *L = program_find_level(&prog, level_id, NULL, NULL);
    assert_non_null(L);
    return &L->poses;
}

static void levels_shipped_poses_are_geometrically_sensible(void **state)
{
    (void)state;
    levels_load_dir(TEST_LEVELS_DIR, &prog, &errs);
    /* Lying with knees bent: with equal thigh and shin, the foot is on the
     * floor at hip height. */
    const Pose *lying = &poses_of("pelvic_tilt_1")->start;
    double foot_y = sin_deg(thigh_abs(lying, true)) + sin_deg(shin_abs(lying, true));
    assert_true(fabs(foot_y) < 0.05);
    /* Toe taps: the tapping foot comes down to the floor, farther each level. */
    double last_x = 0;
    const char *const taps[] = {"toe_taps_1", "toe_taps_2", "toe_taps_3"};
    for (int i = 0; i < 3; i++) {
        const Pose *peak = &poses_of(taps[i])->peak;
        double y = sin_deg(thigh_abs(peak, true)) + sin_deg(shin_abs(peak, true));
        double x = cos_deg(thigh_abs(peak, true)) + cos_deg(shin_abs(peak, true));
        assert_true(fabs(y) < 0.1);
        assert_true(x > last_x);
        last_x = x;
    }
    /* Bridge top: pelvis above the shoulders, shins vertical. */
    const Pose *bridge = &poses_of("bridge_1")->peak;
    assert_true(sin_deg(bridge->trunk) < -0.3);
    assert_true(fabs(sin_deg(shin_abs(bridge, true)) + 1.0) < 0.01);
    /* Superman: face down, arms and legs lifted off the floor. */
    const Pose *fly = &poses_of("superman_1")->peak;
    assert_true(fly->flip);
    assert_true(sin_deg(arm_abs(fly, true)) > 0.1);
    assert_true(sin_deg(thigh_abs(fly, true)) > 0.1);
    /* Kickback: thigh level, heel to the ceiling; the far leg stays down. */
    const PoseSet *kick = poses_of("kickback_1");
    assert_true(fabs(sin_deg(thigh_abs(&kick->peak, true))) < 0.01);
    assert_true(sin_deg(shin_abs(&kick->peak, true)) > 0.99);
    assert_true(sin_deg(thigh_abs(&kick->peak, false)) < -0.99);
    /* Hands and knees: arms straight down. */
    assert_true(sin_deg(arm_abs(&kick->start, true)) < -0.99);
    /* Dead bug: far arm overhead, near arm up, near leg out. */
    const Pose *bug = &poses_of("toe_taps_4")->peak;
    assert_true(cos_deg(arm_abs(bug, false)) < -0.9);
    assert_true(sin_deg(arm_abs(bug, true)) > 0.99);
    assert_true(cos_deg(thigh_abs(bug, true)) > 0.9);
}

/* ---- one test per class of bad input, each with its fixture folder ---- */

static void levels_syntax_error_names_line_and_column(void **state)
{
    (void)state;
    int n = load_fixture("levels_syntax");
    assert_int_equal(n, 2); /* notes.txt and .hidden.json are not tracks */
    const LevelError *e = expect_single_error("broken.json", "", "JSON syntax", ALPHA_ZULU);
    assert_int_equal(e->line, 5);
    assert_true(e->column > 0);
    char line[1024];
    level_error_format(e, line, sizeof line);
    assert_non_null(strstr(line, "broken.json:5:"));
}

static void levels_unknown_key_is_reported_with_a_suggestion(void **state)
{
    (void)state;
    load_fixture("levels_unknown_key");
    expect_single_error("bad.json", "levels[0].repz", "did you mean \"reps\"", ALPHA_ZULU);
}

static void levels_missing_field_is_reported(void **state)
{
    (void)state;
    load_fixture("levels_missing_field");
    expect_single_error("bad.json", "levels[1].sets", "missing", ALPHA_ZULU);
}

static void levels_wrong_type_says_what_was_found(void **state)
{
    (void)state;
    load_fixture("levels_wrong_type");
    const LevelError *e = expect_single_error("bad.json", "levels[0].reps",
                                              "found the text \"ten\"", ALPHA_ZULU);
    assert_non_null(strstr(e->message, "whole number from 1 to 50"));
}

static void levels_out_of_range_number_is_reported(void **state)
{
    (void)state;
    load_fixture("levels_out_of_range");
    const LevelError *e = expect_single_error("bad.json", "levels[1].rest_s",
                                              "out of range", ALPHA_ZULU);
    assert_non_null(strstr(e->message, "found 301"));
}

static void levels_bad_enum_lists_the_choices(void **state)
{
    (void)state;
    load_fixture("levels_bad_enum");
    const LevelError *e = expect_single_error("bad.json", "levels[0].sides",
                                              "\"each_side\"", ALPHA_ZULU);
    assert_non_null(strstr(e->message, "\"both\""));
}

static void levels_duplicate_id_within_a_file_is_reported(void **state)
{
    (void)state;
    load_fixture("levels_dup_within");
    expect_single_error("bad.json", "levels[2].id",
                        "duplicate level id \"bad_1\": levels[0]", ALPHA_ZULU);
}

static void levels_duplicate_id_across_files_drops_the_later_file(void **state)
{
    (void)state;
    load_fixture("levels_dup_across");
    static const char *const good[] = {"alpha", "gamma", NULL};
    const LevelError *e = expect_single_error("b_second.json", "levels[1].id",
                                              "duplicate level id \"alpha_2\"", good);
    assert_non_null(strstr(e->message, "a_good.json"));
}

static void levels_unknown_next_reference_is_reported(void **state)
{
    (void)state;
    load_fixture("levels_unknown_next");
    expect_single_error("bad.json", "levels[0].unlock.next", "unknown level \"bad_9\"",
                        ALPHA_ZULU);
}

static void levels_track_without_any_poses_is_reported(void **state)
{
    (void)state;
    load_fixture("levels_no_poses");
    expect_single_error("bad.json", "poses", "neither the track nor any level",
                        ALPHA_ZULU);
}

static void levels_unlock_rules_say_which_level_is_wrong(void **state)
{
    (void)state;
    load_fixture("levels_unlock_rules");
    print_errors();
    assert_int_equal(errs.total, 2);
    assert_string_equal(base_name(errs.items[0].file), "last_has_unlock.json");
    assert_string_equal(errs.items[0].place, "levels[1].unlock");
    assert_non_null(strstr(errs.items[0].message, "last level"));
    assert_string_equal(base_name(errs.items[1].file), "middle_lacks_unlock.json");
    assert_string_equal(errs.items[1].place, "levels[0].unlock");
    assert_non_null(strstr(errs.items[1].message, "every level but the last"));
    assert_int_equal(prog.track_count, 2);
}

static void levels_tracks_sort_by_order_then_file_name(void **state)
{
    (void)state;
    int n = load_fixture("levels_order");
    assert_int_equal(errs.total, 0);
    assert_int_equal(n, 4);
    assert_string_equal(prog.tracks[0].id, "first");
    assert_string_equal(prog.tracks[1].id, "second");
    assert_string_equal(prog.tracks[2].id, "second_too");
    assert_string_equal(prog.tracks[3].id, "third");
}

static void levels_missing_folder_is_an_error(void **state)
{
    (void)state;
    int n = load_fixture("no_such_folder");
    assert_int_equal(n, -1);
    assert_int_equal(errs.total, 1);
    assert_non_null(strstr(errs.items[0].file, "no_such_folder"));
    assert_int_equal(prog.track_count, 0);
}

/* ---- levels_load_buffer, for details a fixture would only repeat ---- */

static const char GOOD_POSE[] =
    "{\"trunk\": 180, \"flip\": false, \"neck\": 0, \"shoulder_near\": 0, "
    "\"elbow_near\": 0, \"shoulder_far\": 0, \"elbow_far\": 0, \"hip_near\": 45, "
    "\"knee_near\": 90, \"hip_far\": 45, \"knee_far\": 90}";

/* One-level track; level_extra and top_extra are spliced in (", ..."). */
static int load_text(const char *track_id, const char *level_fields,
                     const char *level_extra, const char *top_extra)
{
    static char text[16384];
    snprintf(text, sizeof text,
             "{\"format\": 1, \"track\": \"%s\", \"title\": \"T\", \"order\": 1,\n"
             " \"summary\": \"S.\", \"muscles\": [\"core\"]%s,\n"
             " \"poses\": {\"start\": %s, \"peak\": %s},\n"
             " \"levels\": [{\"id\": \"%s_1\", \"title\": \"L\", \"setup\": \"Lie down.\",\n"
             "   %s%s}]}\n",
             track_id, top_extra, GOOD_POSE, GOOD_POSE, track_id,
             level_fields ? level_fields
                          : "\"reps\": 10, \"sets\": 1, \"hold_s\": 5, \"rest_s\": 30, "
                            "\"move_s\": 2, \"relax_s\": 2, \"sides\": \"none\", "
                            "\"equipment\": \"none\"",
             level_extra);
    return levels_load_buffer("mem.json", text, strlen(text), &prog, &errs);
}

static int setup_empty(void **state)
{
    (void)state;
    memset(&prog, 0, sizeof prog);
    memset(&errs, 0, sizeof errs);
    return 0;
}

static void levels_buffer_good_track_is_appended(void **state)
{
    (void)state;
    assert_int_equal(load_text("one", NULL, ", \"cues\": [\"Breathe.\"]", ""), 0);
    assert_int_equal(load_text("two", NULL, "", ""), 0);
    assert_int_equal(prog.track_count, 2);
    assert_string_equal(prog.tracks[1].id, "two");
    assert_string_equal(prog.tracks[0].source_path, "mem.json");
    const Level *L = &prog.tracks[0].levels[0];
    assert_int_equal(L->cue_count, 1);
    assert_string_equal(L->cues[0], "Breathe.");
    assert_int_equal(L->move_ms, 2000);
    /* The level took the track's default poses. */
    assert_true(fabsf(L->poses.peak.hip_near - 45.0f) < 1e-6f);
}

/* "motion" is optional; when written, every part is checked and named. */
static void levels_buffer_motion_profile_is_read_and_checked(void **state)
{
    (void)state;
    assert_int_equal(load_text("plain", NULL, "", ""), 0);
    assert_int_equal(prog.tracks[0].levels[0].motion.strap, MOTION_STRAP_NONE);
    assert_int_equal(load_text("strapped", NULL,
                               ", \"motion\": {\"strap\": \"thigh\", \"peak_deg\": 30, "
                               "\"return_deg\": 10, \"hold_tolerance_deg\": 8}", ""), 0);
    const MotionProfile *m = &prog.tracks[1].levels[0].motion;
    assert_int_equal(m->strap, MOTION_STRAP_THIGH);
    assert_true(fabsf(m->peak_deg - 30.0f) < 1e-6f);
    assert_true(fabsf(m->return_deg - 10.0f) < 1e-6f);
    assert_true(fabsf(m->hold_tolerance_deg - 8.0f) < 1e-6f);

    static const struct {
        const char *motion, *place, *says;
    } bad[] = {
        {"\"thigh\"", "levels[0].motion", "expected {\"strap\""},
        {"{\"strap\": \"knee\", \"peak_deg\": 30, \"return_deg\": 10, \"hold_tolerance_deg\": 8}",
         "levels[0].motion.strap", "\"upper_arm\""},
        {"{\"strap\": \"shin\", \"return_deg\": 10, \"hold_tolerance_deg\": 8}",
         "levels[0].motion.peak_deg", "missing"},
        {"{\"strap\": \"shin\", \"peak_deg\": 200, \"return_deg\": 10, \"hold_tolerance_deg\": 8}",
         "levels[0].motion.peak_deg", "5 to 120"},
        {"{\"strap\": \"shin\", \"peak_deg\": 20, \"return_deg\": 25, \"hold_tolerance_deg\": 8}",
         "levels[0].motion.return_deg", "below peak_deg"},
        {"{\"strap\": \"shin\", \"peak_deg\": 20, \"return_deg\": 10, \"hold_tolerance_deg\": 12}",
         "levels[0].motion.hold_tolerance_deg", "above return_deg"},
        {"{\"strap\": \"shin\", \"peak_deg\": 20, \"return_deg\": 10, \"hold_tolerance_deg\": 5, "
         "\"gain\": 2}", "levels[0].motion.gain", "unknown key"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        setup_empty(NULL);
        char extra[512];
        snprintf(extra, sizeof extra, ", \"motion\": %s", bad[i].motion);
        assert_true(load_text("bad", NULL, extra, "") < 0);
        bool found = false;
        for (int e = 0; e < errs.count && !found; e++) {
            char line[1024];
            level_error_format(&errs.items[e], line, sizeof line);
            found = strcmp(errs.items[e].place, bad[i].place) == 0 && strstr(line, bad[i].says);
        }
        if (!found) {
            print_errors();
            fail_msg("case %zu: no error at %s saying \"%s\"", i, bad[i].place, bad[i].says);
        }
        /* A broken profile leaves the level without one, never half of one. */
        if (prog.track_count > 0)
            assert_int_equal(prog.tracks[prog.track_count - 1].levels[0].motion.strap,
                             MOTION_STRAP_NONE);
    }
}

static void levels_buffer_skips_a_byte_order_mark(void **state)
{
    (void)state;
    static const char text[] =
        "\xEF\xBB\xBF{\"format\": 1, \"track\": \"bom\", \"title\": \"T\", \"order\": 1, "
        "\"summary\": \"S.\", \"muscles\": [\"core\"], \"levels\": [{\"id\": \"bom_1\", "
        "\"title\": \"L\", \"setup\": \"S.\", \"reps\": 1, \"sets\": 1, \"hold_s\": 0, "
        "\"rest_s\": 0, \"move_s\": 1, \"relax_s\": 1, \"sides\": \"alternating\", "
        "\"equipment\": \"none\", \"poses\": {\"start\": {\"trunk\": 180, \"flip\": true, "
        "\"neck\": 0, \"shoulder_near\": 0, \"elbow_near\": 0, \"shoulder_far\": 0, "
        "\"elbow_far\": 0, \"hip_near\": 45, \"knee_near\": 90, \"hip_far\": 45, "
        "\"knee_far\": 90}, \"peak\": {\"trunk\": -180, \"flip\": false, \"neck\": 0, "
        "\"shoulder_near\": 0, \"elbow_near\": 0, \"shoulder_far\": 0, \"elbow_far\": 0, "
        "\"hip_near\": 45, \"knee_near\": 90, \"hip_far\": 45, \"knee_far\": 90}}}]}";
    assert_int_equal(levels_load_buffer("bom.json", text, strlen(text), &prog, &errs), 0);
    const Level *L = &prog.tracks[0].levels[0];
    assert_int_equal(L->sides, SIDES_ALTERNATING);
    assert_true(L->poses.start.flip);
    assert_false(L->poses.peak.flip);
    assert_true(fabsf(L->poses.peak.trunk + 180.0f) < 1e-6f);
}

static void levels_buffer_tempo_is_stored_in_milliseconds(void **state)
{
    (void)state;
    assert_int_equal(load_text("t", "\"reps\": 10, \"sets\": 1, \"hold_s\": 5, \"rest_s\": 30, "
                                    "\"move_s\": 1.25, \"relax_s\": 0.5, \"sides\": \"none\", "
                                    "\"equipment\": \"none\"", "", ""), 0);
    assert_int_equal(prog.tracks[0].levels[0].move_ms, 1250);
    assert_int_equal(prog.tracks[0].levels[0].relax_ms, 500);
}

static void levels_buffer_failed_file_leaves_no_track(void **state)
{
    (void)state;
    assert_int_equal(load_text("bad", NULL, ", \"reps\": 10", ""), -1);
    /* A duplicate key is caught by the parser, with its line. */
    assert_int_equal(errs.total, 1);
    assert_int_equal(errs.items[0].line, 5);
    assert_int_equal(prog.track_count, 0);
    assert_string_equal(prog.tracks[0].id, "");
}

static void levels_buffer_unknown_keys_found_at_every_depth(void **state)
{
    (void)state;
    /* A level override carries the nested unknown keys: "poses" and a pose. */
    char level[1400];
    snprintf(level, sizeof level,
             ", \"speed\": 1, \"poses\": {\"middle\": 1, \"start\": %s, \"peak\": "
             "{\"trunk\": 180, \"flip\": false, \"neck\": 0, \"shoulder_near\": 0, "
             "\"elbow_near\": 0, \"shoulder_far\": 0, \"elbow_far\": 0, \"hip_near\": 45, "
             "\"knee_near\": 90, \"hip_far\": 45, \"knee_far\": 90, \"wrist\": 3}}",
             GOOD_POSE);
    assert_int_equal(load_text("u", NULL, level, ", \"colour\": 1"), -1);
    print_errors();
    assert_int_equal(errs.total, 4);
    assert_string_equal(errs.items[0].place, "colour");
    assert_non_null(strstr(errs.items[0].message, "expected one of: format, track"));
    assert_string_equal(errs.items[1].place, "levels[0].speed");
    assert_string_equal(errs.items[2].place, "levels[0].poses.middle");
    assert_string_equal(errs.items[3].place, "levels[0].poses.peak.wrist");
}

static void levels_buffer_side_lying_is_optional_and_must_be_a_boolean(void **state)
{
    (void)state;
    char level[1400], side_pose[600];
    /* (Both poses lie on the side: a move cannot turn the body over.) */
    snprintf(side_pose, sizeof side_pose,
             "{\"trunk\": 180, \"flip\": false, \"neck\": 0, \"shoulder_near\": 0, "
             "\"elbow_near\": 0, \"shoulder_far\": 0, \"elbow_far\": 0, \"hip_near\": 45, "
             "\"knee_near\": 90, \"hip_far\": 45, \"knee_far\": 90, \"side_lying\": %s}", "true");
    snprintf(level, sizeof level, ", \"poses\": {\"start\": %s, \"peak\": %s}", side_pose,
             side_pose);
    assert_int_equal(load_text("s", NULL, level, ""), 0);
    assert_true(prog.tracks[0].levels[0].poses.start.side_lying);
    assert_true(prog.tracks[0].levels[0].poses.peak.side_lying);
    snprintf(level, sizeof level,
             ", \"poses\": {\"start\": %s, \"peak\": "
             "{\"trunk\": 180, \"flip\": false, \"neck\": 0, \"shoulder_near\": 0, "
             "\"elbow_near\": 0, \"shoulder_far\": 0, \"elbow_far\": 0, \"hip_near\": 45, "
             "\"knee_near\": 90, \"hip_far\": 45, \"knee_far\": 90, \"side_lying\": %s}}",
             GOOD_POSE, "\"yes\"");
    assert_int_equal(load_text("t", NULL, level, ""), -1);
    print_errors();
    assert_int_equal(errs.total, 1);
    assert_string_equal(errs.items[0].place, "levels[0].poses.peak.side_lying");
}

/* The figure's optional keys (core/pose.h): read when given, 0 or false
 * when not, and a value out of a body's range is an error with its place. */
static void levels_buffer_optional_pose_keys_are_read_and_checked(void **state)
{
    (void)state;
    char level[1600];
    snprintf(level, sizeof level,
             ", \"poses\": {\"start\": %s, \"peak\": "
             "{\"trunk\": 180, \"flip\": false, \"neck\": 0, \"shoulder_near\": 0, "
             "\"elbow_near\": 0, \"shoulder_far\": 0, \"elbow_far\": 0, \"hip_near\": 45, "
             "\"knee_near\": 90, \"hip_far\": 45, \"knee_far\": 90, \"lumbar\": 20, "
             "\"side_bend\": -15, \"shoulder_out_near\": 11, \"hip_open_near\": 40}}",
             GOOD_POSE);
    assert_int_equal(load_text("o", NULL, level, ""), 0);
    const Pose *start = &prog.tracks[0].levels[0].poses.start;
    const Pose *peak = &prog.tracks[0].levels[0].poses.peak;
    assert_true(start->lumbar == 0 && start->side_bend == 0 && !start->from_above);
    assert_true(peak->lumbar == 20 && peak->side_bend == -15);
    assert_true(peak->shoulder_out_near == 11 && peak->shoulder_out_far == 0);
    assert_true(peak->hip_open_near == 40 && !peak->from_above);

    snprintf(level, sizeof level,
             ", \"poses\": {\"start\": %s, \"peak\": "
             "{\"trunk\": 180, \"flip\": false, \"neck\": 0, \"shoulder_near\": 0, "
             "\"elbow_near\": 0, \"shoulder_far\": 0, \"elbow_far\": 0, \"hip_near\": 45, "
             "\"knee_near\": 90, \"hip_far\": 45, \"knee_far\": 90, \"hip_open_near\": 120, "
             "\"from_above\": 1}}",
             GOOD_POSE);
    assert_int_equal(load_text("p", NULL, level, ""), -1);
    print_errors();
    assert_int_equal(errs.total, 2);
    assert_string_equal(errs.items[0].place, "levels[0].poses.peak.from_above");
    assert_string_equal(errs.items[1].place, "levels[0].poses.peak.hip_open_near");
    assert_non_null(strstr(errs.items[1].message, "from -45 to 90"));

    /* The camera (and the way the body lies) is the same for both poses. */
    snprintf(level, sizeof level,
             ", \"poses\": {\"start\": %s, \"peak\": "
             "{\"trunk\": 180, \"flip\": false, \"neck\": 0, \"shoulder_near\": 0, "
             "\"elbow_near\": 0, \"shoulder_far\": 0, \"elbow_far\": 0, \"hip_near\": 45, "
             "\"knee_near\": 90, \"hip_far\": 45, \"knee_far\": 90, \"from_above\": true}}",
             GOOD_POSE);
    assert_int_equal(load_text("q", NULL, level, ""), -1);
    print_errors();
    assert_int_equal(errs.total, 3); /* the report gathers every load's errors */
    assert_string_equal(errs.items[2].place, "levels[0].poses.peak.from_above");
    assert_non_null(strstr(errs.items[2].message, "same as in the start pose"));
}

static void levels_buffer_unknown_key_in_unlock_is_reported(void **state)
{
    (void)state;
    static const char text[] =
        "{\"format\": 1, \"track\": \"k\", \"title\": \"T\", \"order\": 1, "
        "\"summary\": \"S.\", \"muscles\": [\"core\"], \"levels\": ["
        "{\"id\": \"k_1\", \"title\": \"L\", \"setup\": \"S.\", \"reps\": 1, \"sets\": 1, "
        "\"hold_s\": 0, \"rest_s\": 0, \"move_s\": 1, \"relax_s\": 1, \"sides\": \"none\", "
        "\"equipment\": \"none\", \"unlock\": {\"next\": \"k_2\", \"clean_days\": 3, \"days\": 2}, "
        "\"poses\": {\"start\": {}, \"peak\": {}}},"
        "{\"id\": \"k_2\", \"title\": \"L\", \"setup\": \"S.\", \"reps\": 1, \"sets\": 1, "
        "\"hold_s\": 0, \"rest_s\": 0, \"move_s\": 1, \"relax_s\": 1, \"sides\": \"none\", "
        "\"equipment\": \"none\"}]}";
    assert_int_equal(levels_load_buffer("k.json", text, strlen(text), &prog, &errs), -1);
    print_errors();
    assert_string_equal(errs.items[0].place, "levels[0].unlock.days");
    /* Empty poses: every key is missing, each reported once. */
    int missing_pose_keys = 0;
    for (int i = 0; i < errs.count; i++)
        missing_pose_keys += strncmp(errs.items[i].place, "levels[0].poses.", 16) == 0;
    assert_int_equal(missing_pose_keys, 22);
    /* The second level has no poses and the track no default. */
    assert_string_equal(errs.items[errs.count - 1].place, "levels[1].poses");
}

static void levels_buffer_text_that_does_not_fit_is_an_error(void **state)
{
    (void)state;
    /* equipment shares the title's limit: TITLE_MAX - 1 bytes. */
    char fields[512];
    snprintf(fields, sizeof fields,
             "\"reps\": 10, \"sets\": 1, \"hold_s\": 5, \"rest_s\": 30, \"move_s\": 2, "
             "\"relax_s\": 2, \"sides\": \"none\", \"equipment\": \"%0*d\"",
             TITLE_MAX, 0);
    assert_int_equal(load_text("long", fields, "", ""), -1);
    assert_int_equal(errs.total, 1);
    assert_string_equal(errs.items[0].place, "levels[0].equipment");
    assert_non_null(strstr(errs.items[0].message, "too long: 96 bytes, at most 95"));
}

static void levels_buffer_text_must_be_one_line(void **state)
{
    (void)state;
    assert_int_equal(load_text("nl", NULL, ", \"cues\": [\"ok\", \"two\\nlines\"]", ""), -1);
    assert_string_equal(errs.items[0].place, "levels[0].cues[1]");
    assert_non_null(strstr(errs.items[0].message, "control character"));
}

static void levels_buffer_ids_use_lowercase_digits_and_underscores(void **state)
{
    (void)state;
    assert_int_equal(load_text("Bad-Id", NULL, "", ""), -1);
    print_errors();
    assert_int_equal(errs.total, 2); /* the track id and the level id */
    assert_string_equal(errs.items[0].place, "track");
    assert_string_equal(errs.items[1].place, "levels[0].id");
}

static void levels_buffer_whole_numbers_reject_decimals(void **state)
{
    (void)state;
    assert_int_equal(load_text("dec", "\"reps\": 10.5, \"sets\": 1, \"hold_s\": 5, "
                                      "\"rest_s\": 30, \"move_s\": 2, \"relax_s\": 2, "
                                      "\"sides\": \"none\", \"equipment\": \"none\"",
                               "", ""), -1);
    assert_string_equal(errs.items[0].place, "levels[0].reps");
    assert_non_null(strstr(errs.items[0].message, "found 10.5"));
}

static void levels_buffer_other_formats_stop_early(void **state)
{
    (void)state;
    static const char text[] = "{\"format\": 2, \"whatever\": true}";
    assert_int_equal(levels_load_buffer("f.json", text, strlen(text), &prog, &errs), -1);
    print_errors();
    /* The unknown key is reported, then nothing else: a new format's keys
     * would only be noise. */
    assert_int_equal(errs.total, 2);
    assert_string_equal(errs.items[1].place, "format");
    assert_non_null(strstr(errs.items[1].message, "found 2"));
}

static void levels_buffer_project_choice_names_real_numbers(void **state)
{
    (void)state;
    assert_int_equal(load_text("pc", NULL,
                               ", \"project_choice\": [\"reps\", \"colour\", \"reps\", \"clean_days\"]",
                               ""), -1);
    print_errors();
    assert_int_equal(errs.total, 3);
    assert_string_equal(errs.items[0].place, "levels[0].project_choice[1]");
    assert_string_equal(errs.items[1].place, "levels[0].project_choice[2]");
    assert_non_null(strstr(errs.items[1].message, "twice"));
    /* The last level has no unlock, so no clean_days to choose. */
    assert_string_equal(errs.items[2].place, "levels[0].project_choice[3]");
}

static void levels_buffer_limits_levels_and_cues(void **state)
{
    (void)state;
    assert_int_equal(load_text("cues", NULL,
                               ", \"cues\": [\"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\"]",
                               ""), -1);
    assert_string_equal(errs.items[0].place, "levels[0].cues");
    assert_non_null(strstr(errs.items[0].message, "at most 6"));

    memset(&errs, 0, sizeof errs);
    static char text[32768];
    int n = snprintf(text, sizeof text,
                     "{\"format\": 1, \"track\": \"many\", \"title\": \"T\", \"order\": 1, "
                     "\"summary\": \"S.\", \"muscles\": [\"core\"], \"poses\": {\"start\": %s, "
                     "\"peak\": %s}, \"levels\": [", GOOD_POSE, GOOD_POSE);
    for (int i = 0; i < TRACK_MAX_LEVELS + 1; i++) {
        char unlock[80] = "";
        if (i < TRACK_MAX_LEVELS)
            snprintf(unlock, sizeof unlock,
                     ", \"unlock\": {\"next\": \"many_%d\", \"clean_days\": 3}", i + 1);
        n += snprintf(text + n, sizeof text - (size_t)n,
                      "%s{\"id\": \"many_%d\", \"title\": \"L\", \"setup\": \"S.\", \"reps\": 1, "
                      "\"sets\": 1, \"hold_s\": 0, \"rest_s\": 0, \"move_s\": 1, "
                      "\"relax_s\": 1, \"sides\": \"none\", \"equipment\": \"none\"%s}",
                      i ? ", " : "", i, unlock);
    }
    snprintf(text + n, sizeof text - (size_t)n, "]}");
    assert_int_equal(levels_load_buffer("many.json", text, strlen(text), &prog, &errs), -1);
    print_errors();
    assert_int_equal(errs.total, 1);
    assert_string_equal(errs.items[0].place, "levels");
    assert_non_null(strstr(errs.items[0].message, "found 9"));
}

/* Every text must be sayable whole where the session says it. */
static void levels_buffer_texts_must_fit_their_time(void **state)
{
    (void)state;
    char extra[1200];
    char long_cue[400] = "";
    for (int i = 0; i < 40; i++)
        strcat(long_cue, "squeeze ");
    snprintf(extra, sizeof extra, ", \"cues\": [\"Breathe.\", \"%s\"]", long_cue);
    assert_int_equal(load_text("long", NULL, extra, ""), -1);
    print_errors();
    assert_int_equal(errs.total, 1);
    assert_string_equal(errs.items[0].place, "levels[0].cues[1]");
    assert_non_null(strstr(errs.items[0].message, "takes about"));
    assert_non_null(strstr(errs.items[0].message, "10 s or less"));

    memset(&errs, 0, sizeof errs);
    snprintf(extra, sizeof extra, ", \"movement\": \"%s%sx\"", long_cue, long_cue);
    assert_int_equal(load_text("move", NULL, extra, ""), -1);
    assert_string_equal(errs.items[0].place, "levels[0].movement");

    /* Three cues, but two reps: only the first move can carry one. */
    memset(&errs, 0, sizeof errs);
    assert_int_equal(load_text("few",
                               "\"reps\": 2, \"sets\": 1, \"hold_s\": 5, \"rest_s\": 30, "
                               "\"move_s\": 2, \"relax_s\": 2, \"sides\": \"none\", "
                               "\"equipment\": \"none\"",
                               ", \"cues\": [\"One.\", \"Two.\", \"Three.\"]", ""), -1);
    assert_string_equal(errs.items[0].place, "levels[0].cues");
    assert_non_null(strstr(errs.items[0].message, "only 1 moves"));

    /* The optional keys read as the session needs them. */
    memset(&errs, 0, sizeof errs);
    assert_int_equal(load_text("ok", NULL,
                               ", \"movement\": \"Lift, then lower.\", \"settle_s\": 8.5, "
                               "\"return_cue\": \"Back, belly tight.\"", ""), 0);
    const Level *L = &prog.tracks[prog.track_count - 1].levels[0];
    assert_string_equal(L->movement, "Lift, then lower.");
    assert_string_equal(L->return_cue, "Back, belly tight.");
    assert_int_equal(L->settle_ms, 8500);
    assert_int_equal(load_text("def", NULL, "", ""), 0);
    assert_int_equal(prog.tracks[prog.track_count - 1].levels[0].settle_ms, 6000);
}

static void levels_buffer_next_must_be_the_following_level(void **state)
{
    (void)state;
    static const char text[] =
        "{\"format\": 1, \"track\": \"n\", \"title\": \"T\", \"order\": 1, "
        "\"summary\": \"S.\", \"muscles\": [\"core\"], \"poses\": {\"start\": "
        "{\"trunk\": 180, \"flip\": false, \"neck\": 0, \"shoulder_near\": 0, \"elbow_near\": 0, "
        "\"shoulder_far\": 0, \"elbow_far\": 0, \"hip_near\": 45, \"knee_near\": 90, "
        "\"hip_far\": 45, \"knee_far\": 90}, \"peak\": {\"trunk\": 180, \"flip\": true, "
        "\"neck\": 0, \"shoulder_near\": 0, \"elbow_near\": 0, \"shoulder_far\": 0, "
        "\"elbow_far\": 0, \"hip_near\": 45, \"knee_near\": 90, \"hip_far\": 45, "
        "\"knee_far\": 360}}, \"levels\": ["
        "{\"id\": \"n_1\", \"title\": \"L\", \"setup\": \"S.\", \"reps\": 1, \"sets\": 1, "
        "\"hold_s\": 0, \"rest_s\": 0, \"move_s\": 1, \"relax_s\": 1, \"sides\": \"none\", "
        "\"equipment\": \"none\", \"unlock\": {\"next\": \"n_3\", \"clean_days\": 3}},"
        "{\"id\": \"n_2\", \"title\": \"L\", \"setup\": \"S.\", \"reps\": 1, \"sets\": 1, "
        "\"hold_s\": 0, \"rest_s\": 0, \"move_s\": 1, \"relax_s\": 1, \"sides\": \"none\", "
        "\"equipment\": \"none\", \"unlock\": {\"next\": \"n_3\", \"clean_days\": 3}},"
        "{\"id\": \"n_3\", \"title\": \"L\", \"setup\": \"S.\", \"reps\": 1, \"sets\": 1, "
        "\"hold_s\": 0, \"rest_s\": 0, \"move_s\": 1, \"relax_s\": 1, \"sides\": \"none\", "
        "\"equipment\": \"none\"}]}";
    assert_int_equal(levels_load_buffer("n.json", text, strlen(text), &prog, &errs), -1);
    print_errors();
    assert_int_equal(errs.total, 1);
    assert_string_equal(errs.items[0].place, "levels[0].unlock.next");
    assert_non_null(strstr(errs.items[0].message, "\"n_2\""));
}

static void levels_buffer_full_program_refuses_more(void **state)
{
    (void)state;
    for (int i = 0; i < PROGRAM_MAX_TRACKS; i++) {
        char id[16];
        snprintf(id, sizeof id, "t%d", i);
        assert_int_equal(load_text(id, NULL, "", ""), 0);
    }
    assert_int_equal(load_text("extra", NULL, "", ""), -1);
    assert_int_equal(prog.track_count, PROGRAM_MAX_TRACKS);
    assert_non_null(strstr(errs.items[0].message, "at most 16"));
}

static void levels_buffer_errors_past_the_limit_are_counted(void **state)
{
    (void)state;
    static char extra[4096];
    size_t n = 0;
    for (int i = 0; i < LEVEL_ERRORS_MAX + 6; i++)
        n += (size_t)snprintf(extra + n, sizeof extra - n, ", \"x%d\": 0", i);
    assert_int_equal(load_text("lots", NULL, extra, ""), -1);
    assert_int_equal(errs.count, LEVEL_ERRORS_MAX);
    assert_int_equal(errs.total, LEVEL_ERRORS_MAX + 6);
}

static void levels_check_references_drops_the_later_duplicate_track(void **state)
{
    (void)state;
    assert_int_equal(load_text("same", NULL, "", ""), 0);
    /* Same track id, other level id: only the track id clashes. */
    static const char text[] =
        "{\"format\": 1, \"track\": \"same\", \"title\": \"T\", \"order\": 1, "
        "\"summary\": \"S.\", \"muscles\": [\"back\", \"hips\"], \"levels\": ["
        "{\"id\": \"other_1\", \"title\": \"L\", \"setup\": \"S.\", \"reps\": 1, \"sets\": 1, "
        "\"hold_s\": 0, \"rest_s\": 0, \"move_s\": 1, \"relax_s\": 1, \"sides\": \"each_side\", "
        "\"equipment\": \"a band\", \"poses\": {\"start\": {\"trunk\": 180, \"flip\": false, "
        "\"neck\": 0, \"shoulder_near\": 0, \"elbow_near\": 0, \"shoulder_far\": 0, "
        "\"elbow_far\": 0, \"hip_near\": 45, \"knee_near\": 90, \"hip_far\": 45, "
        "\"knee_far\": 90}, \"peak\": {\"trunk\": 180, \"flip\": false, \"neck\": 0, "
        "\"shoulder_near\": 0, \"elbow_near\": 0, \"shoulder_far\": 0, \"elbow_far\": 0, "
        "\"hip_near\": 45, \"knee_near\": 90, \"hip_far\": 45, \"knee_far\": 90}}}]}";
    assert_int_equal(levels_load_buffer("second.json", text, strlen(text), &prog, &errs), 0);
    assert_int_equal(prog.tracks[1].muscles, MUSCLE_BACK | MUSCLE_HIPS);
    assert_int_equal(prog.tracks[1].levels[0].sides, SIDES_EACH_SIDE);
    assert_int_equal(load_text("fine", NULL, "", ""), 0);
    assert_int_equal(levels_check_references(&prog, &errs), 1);
    assert_int_equal(prog.track_count, 2);
    assert_string_equal(prog.tracks[0].source_path, "mem.json");
    assert_string_equal(prog.tracks[1].id, "fine");
    assert_int_equal(errs.total, 1);
    assert_string_equal(errs.items[0].file, "second.json");
    assert_string_equal(errs.items[0].place, "track");
}

static void levels_check_references_catches_a_dangling_next(void **state)
{
    (void)state;
    assert_int_equal(load_text("solo", NULL, "", ""), 0);
    /* Only a program built by hand can get here; the loader never would. */
    Track *t = &prog.tracks[0];
    t->levels[1] = t->levels[0];
    snprintf(t->levels[1].id, ID_MAX, "solo_2");
    snprintf(t->levels[0].next_id, ID_MAX, "ghost_1");
    t->level_count = 2;
    assert_int_equal(levels_check_references(&prog, &errs), 1);
    assert_int_equal(prog.track_count, 0);
    assert_int_equal(errs.total, 1);
    assert_string_equal(errs.items[0].place, "levels[0].unlock.next");
    assert_non_null(strstr(errs.items[0].message, "unknown level \"ghost_1\""));
}

static void levels_error_format_with_and_without_position(void **state)
{
    (void)state;
    LevelError e;
    memset(&e, 0, sizeof e);
    snprintf(e.file, sizeof e.file, "a.json");
    snprintf(e.place, sizeof e.place, "levels[1].reps");
    snprintf(e.message, sizeof e.message, "out of range");
    char buf[256];
    level_error_format(&e, buf, sizeof buf);
    assert_string_equal(buf, "a.json: levels[1].reps: out of range");
    e.line = 3;
    e.column = 7;
    e.place[0] = '\0';
    level_error_format(&e, buf, sizeof buf);
    assert_string_equal(buf, "a.json:3:7: out of range");
    level_error_format(&e, buf, 5);
    assert_string_equal(buf, "a.js");
}

static void levels_buffer_rejects_garbage_without_crashing(void **state)
{
    (void)state;
    static const char *const inputs[] = {"", "[]", "42", "{", "null", "{\"format\": 1}",
                                         "{\"format\": 1, \"levels\": {}}"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++)
        assert_int_equal(levels_load_buffer("g.json", inputs[i], strlen(inputs[i]),
                                            &prog, &errs), -1);
    assert_int_equal(prog.track_count, 0);
    assert_true(errs.total >= (int)(sizeof inputs / sizeof inputs[0]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(levels_shipped_pack_loads_eight_tracks_without_errors),
        cmocka_unit_test(levels_shipped_progressions_follow_the_seed),
        cmocka_unit_test(levels_shipped_unlocks_chain_each_track_in_order),
        cmocka_unit_test(levels_shipped_daily_session_is_about_fifteen_minutes),
        cmocka_unit_test(levels_shipped_poses_are_geometrically_sensible),
        cmocka_unit_test(levels_syntax_error_names_line_and_column),
        cmocka_unit_test(levels_unknown_key_is_reported_with_a_suggestion),
        cmocka_unit_test(levels_missing_field_is_reported),
        cmocka_unit_test(levels_wrong_type_says_what_was_found),
        cmocka_unit_test(levels_out_of_range_number_is_reported),
        cmocka_unit_test(levels_bad_enum_lists_the_choices),
        cmocka_unit_test(levels_duplicate_id_within_a_file_is_reported),
        cmocka_unit_test(levels_duplicate_id_across_files_drops_the_later_file),
        cmocka_unit_test(levels_unknown_next_reference_is_reported),
        cmocka_unit_test(levels_track_without_any_poses_is_reported),
        cmocka_unit_test(levels_unlock_rules_say_which_level_is_wrong),
        cmocka_unit_test(levels_tracks_sort_by_order_then_file_name),
        cmocka_unit_test(levels_missing_folder_is_an_error),
        cmocka_unit_test_setup(levels_buffer_good_track_is_appended, setup_empty),
        cmocka_unit_test_setup(levels_buffer_skips_a_byte_order_mark, setup_empty),
        cmocka_unit_test_setup(levels_buffer_tempo_is_stored_in_milliseconds, setup_empty),
        cmocka_unit_test_setup(levels_buffer_failed_file_leaves_no_track, setup_empty),
        cmocka_unit_test_setup(levels_buffer_unknown_keys_found_at_every_depth, setup_empty),
        cmocka_unit_test_setup(levels_buffer_side_lying_is_optional_and_must_be_a_boolean, setup_empty),
        cmocka_unit_test_setup(levels_buffer_optional_pose_keys_are_read_and_checked, setup_empty),
        cmocka_unit_test_setup(levels_buffer_motion_profile_is_read_and_checked, setup_empty),
        cmocka_unit_test_setup(levels_buffer_unknown_key_in_unlock_is_reported, setup_empty),
        cmocka_unit_test_setup(levels_buffer_text_that_does_not_fit_is_an_error, setup_empty),
        cmocka_unit_test_setup(levels_buffer_text_must_be_one_line, setup_empty),
        cmocka_unit_test_setup(levels_buffer_ids_use_lowercase_digits_and_underscores, setup_empty),
        cmocka_unit_test_setup(levels_buffer_whole_numbers_reject_decimals, setup_empty),
        cmocka_unit_test_setup(levels_buffer_other_formats_stop_early, setup_empty),
        cmocka_unit_test_setup(levels_buffer_project_choice_names_real_numbers, setup_empty),
        cmocka_unit_test_setup(levels_buffer_limits_levels_and_cues, setup_empty),
        cmocka_unit_test_setup(levels_buffer_texts_must_fit_their_time, setup_empty),
        cmocka_unit_test_setup(levels_buffer_next_must_be_the_following_level, setup_empty),
        cmocka_unit_test_setup(levels_buffer_full_program_refuses_more, setup_empty),
        cmocka_unit_test_setup(levels_buffer_errors_past_the_limit_are_counted, setup_empty),
        cmocka_unit_test_setup(levels_check_references_drops_the_later_duplicate_track, setup_empty),
        cmocka_unit_test_setup(levels_check_references_catches_a_dangling_next, setup_empty),
        cmocka_unit_test(levels_error_format_with_and_without_position),
        cmocka_unit_test_setup(levels_buffer_rejects_garbage_without_crashing, setup_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
