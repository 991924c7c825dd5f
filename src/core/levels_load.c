/* levels_load.c: level pack files (JSON, read with jansson) -> Program.
 * Every key and value is checked; each error names the file and the place. */
#include "levels_load.h"
#include "prompts.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum {
    PLACE_MAX = 128,
    /* A track file is a few kilobytes; anything this big is not one. */
    LEVELS_FILE_MAX_BYTES = 1 << 20,
    /* Values quoted back in messages are cut so a message stays one line. */
    QUOTE_MAX = 40
};

typedef struct {
    const char *file;
    LevelErrors *errs;
    int errors; /* errors in this file so far */
} Loader;

static void errors_vadd(LevelErrors *errs, const char *file, int line,
                        int column, const char *place, const char *fmt,
                        va_list ap)
{
    if (!errs)
        return;
    errs->total++;
    if (errs->count >= LEVEL_ERRORS_MAX)
        return;
    LevelError *e = &errs->items[errs->count++];
    memset(e, 0, sizeof *e);
    snprintf(e->file, sizeof e->file, "%s", file ? file : "");
    e->line = line > 0 ? line : 0;
    e->column = line > 0 && column > 0 ? column : 0;
    snprintf(e->place, sizeof e->place, "%s", place ? place : "");
    vsnprintf(e->message, sizeof e->message, fmt, ap);
}

static void errors_add(LevelErrors *errs, const char *file, int line,
                       int column, const char *place, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static void errors_add(LevelErrors *errs, const char *file, int line,
                       int column, const char *place, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    errors_vadd(errs, file, line, column, place, fmt, ap);
    va_end(ap);
}

static void fail(Loader *ld, const char *place, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail(Loader *ld, const char *place, const char *fmt, ...)
{
    ld->errors++;
    va_list ap;
    va_start(ap, fmt);
    errors_vadd(ld->errs, ld->file, 0, 0, place, fmt, ap);
    va_end(ap);
}

/* ---- places and values, as shown to the person who wrote the file ---- */

/* Copies text for a message: control bytes become '?' so every message is
 * one line, and long text is cut on a UTF-8 boundary with "...". */
static void quote_text(const char *text, char *out, size_t size)
{
    size_t n = strlen(text);
    bool cut = n > QUOTE_MAX;
    if (cut) {
        n = QUOTE_MAX;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
    }
    if (n + 4 > size)
        n = size > 4 ? size - 4 : 0;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        out[o++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
    }
    if (cut && o + 3 < size) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
}

static void describe(const json_t *v, char *out, size_t size)
{
    char q[QUOTE_MAX + 8];
    switch (json_typeof(v)) {
    case JSON_OBJECT: snprintf(out, size, "an object {...}"); break;
    case JSON_ARRAY: snprintf(out, size, "a list [...]"); break;
    case JSON_STRING:
        quote_text(json_string_value(v), q, sizeof q);
        snprintf(out, size, "the text \"%s\"", q);
        break;
    case JSON_INTEGER:
        snprintf(out, size, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        break;
    case JSON_REAL: snprintf(out, size, "%g", json_real_value(v)); break;
    case JSON_TRUE: snprintf(out, size, "true"); break;
    case JSON_FALSE: snprintf(out, size, "false"); break;
    case JSON_NULL: snprintf(out, size, "null"); break;
    }
}

/* Places are at most a few keys deep; one that would not fit (only a file
 * with absurdly long keys) ends in "..." rather than being silently cut. */
static void place_set(char *out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void place_set(char *out, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out, PLACE_MAX, fmt, ap);
    va_end(ap);
    if (n >= PLACE_MAX)
        memcpy(out + PLACE_MAX - 4, "...", 4);
}

static void place_key(char *out, const char *base, const char *key)
{
    char q[QUOTE_MAX + 8];
    quote_text(key, q, sizeof q);
    if (base[0])
        place_set(out, "%s.%s", base, q);
    else
        place_set(out, "%s", q);
}

static void place_index(char *out, const char *base, size_t index)
{
    place_set(out, "%s[%zu]", base, index);
}

/* ---- unknown keys ---- */

static const char *const TRACK_KEYS[] = {
    "format", "track", "title", "order", "summary", "muscles", "poses",
    "levels", NULL};
static const char *const LEVEL_KEYS[] = {
    "id", "title", "setup", "cues", "reps", "sets", "hold_s", "rest_s",
    "move_s", "relax_s", "sides", "equipment", "unlock", "project_choice",
    "poses", "movement", "return_cue", "settle_s", "step_back_after_too_hard", "motion",
    NULL};
static const char *const MOTION_KEYS[] = {"strap", "peak_deg", "return_deg",
                                          "hold_tolerance_deg", NULL};
static const char *const UNLOCK_KEYS[] = {"next", "clean_days", "too_easy", NULL};
static const char *const POSES_KEYS[] = {"start", "peak", NULL};
static const char *const POSE_KEYS[] = {
    "trunk", "flip", "neck", "shoulder_near", "elbow_near", "shoulder_far",
    "elbow_far", "hip_near", "knee_near", "hip_far", "knee_far", "side_lying",
    "lumbar", "side_bend", "shoulder_out_near", "shoulder_out_far", "hip_open_near",
    "hip_open_far", "from_above", NULL};

/* Edit distance, so a misspelt key gets a "did you mean"; keys are short,
 * so anything longer than the row is simply "far". */
static int edit_distance(const char *a, const char *b)
{
    enum { ROW = 33 };
    size_t la = strlen(a), lb = strlen(b);
    if (la >= ROW || lb >= ROW)
        return ROW;
    int prev[ROW], cur[ROW];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int best = prev[j - 1] + cost;
            if (prev[j] + 1 < best) best = prev[j] + 1;
            if (cur[j - 1] + 1 < best) best = cur[j - 1] + 1;
            cur[j] = best;
        }
        memcpy(prev, cur, sizeof prev);
    }
    return prev[lb];
}

static bool key_allowed(const char *key, const char *const *allowed)
{
    for (int i = 0; allowed[i]; i++)
        if (strcmp(key, allowed[i]) == 0)
            return true;
    return false;
}

static void check_keys(Loader *ld, json_t *obj, const char *base,
                       const char *const *allowed)
{
    const char *key;
    json_t *value;
    json_object_foreach(obj, key, value) {
        (void)value;
        if (key_allowed(key, allowed))
            continue;
        char place[PLACE_MAX];
        place_key(place, base, key);
        const char *best = NULL;
        int best_d = 3; /* beyond two edits a guess misleads more than helps */
        for (int i = 0; allowed[i]; i++) {
            int d = edit_distance(key, allowed[i]);
            if (d < best_d) {
                best_d = d;
                best = allowed[i];
            }
        }
        if (best) {
            fail(ld, place, "unknown key; did you mean \"%s\"?", best);
            continue;
        }
        char list[200] = "";
        size_t used = 0;
        for (int i = 0; allowed[i] && used < sizeof list; i++)
            used += (size_t)snprintf(list + used, sizeof list - used, "%s%s",
                                     i ? ", " : "", allowed[i]);
        fail(ld, place, "unknown key; expected one of: %s", list);
    }
}

/* ---- typed readers: each reports its own error and returns false ---- */

static json_t *get_required(Loader *ld, json_t *obj, const char *base,
                            const char *key, const char *expected, char *place)
{
    place_key(place, base, key);
    json_t *v = json_object_get(obj, key);
    if (!v)
        fail(ld, place, "missing; expected %s", expected);
    return v;
}

static void wrong_type(Loader *ld, const char *place, const char *expected,
                       const json_t *v)
{
    char found[QUOTE_MAX + 32];
    describe(v, found, sizeof found);
    fail(ld, place, "expected %s, found %s", expected, found);
}

static bool read_int(Loader *ld, json_t *obj, const char *base,
                     const char *key, int lo, int hi, int *out)
{
    char place[PLACE_MAX], expected[64];
    snprintf(expected, sizeof expected, "a whole number from %d to %d", lo, hi);
    json_t *v = get_required(ld, obj, base, key, expected, place);
    if (!v)
        return false;
    if (!json_is_integer(v)) {
        wrong_type(ld, place, expected, v);
        return false;
    }
    json_int_t n = json_integer_value(v);
    if (n < lo || n > hi) {
        fail(ld, place, "out of range: expected %s, found %" JSON_INTEGER_FORMAT,
             expected, n);
        return false;
    }
    *out = (int)n;
    return true;
}

static bool read_number_value(Loader *ld, json_t *v, const char *place,
                              double lo, double hi, double *out)
{
    char expected[64];
    snprintf(expected, sizeof expected, "a number from %g to %g", lo, hi);
    if (!json_is_number(v)) {
        wrong_type(ld, place, expected, v);
        return false;
    }
    double x = json_number_value(v);
    if (!(x >= lo && x <= hi)) {
        fail(ld, place, "out of range: expected %s, found %g", expected, x);
        return false;
    }
    *out = x;
    return true;
}

static bool read_number(Loader *ld, json_t *obj, const char *base,
                        const char *key, double lo, double hi, double *out)
{
    char place[PLACE_MAX], expected[64];
    snprintf(expected, sizeof expected, "a number from %g to %g", lo, hi);
    json_t *v = get_required(ld, obj, base, key, expected, place);
    return v && read_number_value(ld, v, place, lo, hi, out);
}

/* Text must be non-empty, on one line, and fit its buffer: it is never cut,
 * because a cut coaching cue could change its meaning. */
static bool read_text_value(Loader *ld, json_t *v, const char *place,
                            char *out, size_t size)
{
    if (!json_is_string(v)) {
        wrong_type(ld, place, "a text in quotes", v);
        return false;
    }
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    if (n == 0) {
        fail(ld, place, "empty; expected some text");
        return false;
    }
    if (n >= size) {
        fail(ld, place, "too long: %zu bytes, at most %zu fit", n, size - 1);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f) {
            fail(ld, place, "contains a control character (line break, tab...) "
                            "at byte %zu; write it on one line", i);
            return false;
        }
    }
    memcpy(out, s, n + 1);
    return true;
}

static bool read_text(Loader *ld, json_t *obj, const char *base,
                      const char *key, char *out, size_t size)
{
    char place[PLACE_MAX];
    json_t *v = get_required(ld, obj, base, key, "a text in quotes", place);
    return v && read_text_value(ld, v, place, out, size);
}

static bool id_valid(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= ID_MAX)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return true;
}

static bool read_id_value(Loader *ld, json_t *v, const char *place, char *out)
{
    static const char expected[] =
        "an id of 1 to 47 characters a-z, 0-9 and _";
    if (!json_is_string(v) || !id_valid(json_string_value(v)) ||
        json_string_length(v) != strlen(json_string_value(v))) {
        wrong_type(ld, place, expected, v);
        return false;
    }
    memcpy(out, json_string_value(v), json_string_length(v) + 1);
    return true;
}

static bool read_id(Loader *ld, json_t *obj, const char *base, const char *key,
                    char *out)
{
    char place[PLACE_MAX];
    json_t *v = get_required(ld, obj, base, key,
                             "an id of 1 to 47 characters a-z, 0-9 and _", place);
    return v && read_id_value(ld, v, place, out);
}

/* ---- poses ---- */

static const struct {
    const char *key;
    size_t offset;
} POSE_ANGLES[] = {
    {"trunk", offsetof(Pose, trunk)},
    {"neck", offsetof(Pose, neck)},
    {"shoulder_near", offsetof(Pose, shoulder_near)},
    {"elbow_near", offsetof(Pose, elbow_near)},
    {"shoulder_far", offsetof(Pose, shoulder_far)},
    {"elbow_far", offsetof(Pose, elbow_far)},
    {"hip_near", offsetof(Pose, hip_near)},
    {"knee_near", offsetof(Pose, knee_near)},
    {"hip_far", offsetof(Pose, hip_far)},
    {"knee_far", offsetof(Pose, knee_far)},
};

/* Optional angles (default 0): core/pose.c says what each one moves.
 * Their ranges are what a body can do, so a typo cannot fold the figure. */
static const struct {
    const char *key;
    size_t offset;
    double lo, hi;
} POSE_OPTIONAL_ANGLES[] = {
    {"lumbar", offsetof(Pose, lumbar), -10.0, 45.0},
    {"side_bend", offsetof(Pose, side_bend), -45.0, 45.0},
    {"shoulder_out_near", offsetof(Pose, shoulder_out_near), -45.0, 180.0},
    {"shoulder_out_far", offsetof(Pose, shoulder_out_far), -45.0, 180.0},
    {"hip_open_near", offsetof(Pose, hip_open_near), -45.0, 90.0},
    {"hip_open_far", offsetof(Pose, hip_open_far), -45.0, 90.0},
};

static bool read_optional_bool(Loader *ld, json_t *obj, const char *base, const char *key,
                               bool *out)
{
    *out = false;
    json_t *v = json_object_get(obj, key);
    if (!v)
        return true;
    char place[PLACE_MAX];
    place_key(place, base, key);
    if (!json_is_boolean(v)) {
        wrong_type(ld, place, "true or false", v);
        return false;
    }
    *out = json_is_true(v);
    return true;
}

static bool parse_pose(Loader *ld, json_t *v, const char *place, Pose *out)
{
    if (!json_is_object(v)) {
        wrong_type(ld, place, "a pose {\"trunk\": ..., \"flip\": ..., ...}", v);
        return false;
    }
    int before = ld->errors;
    check_keys(ld, v, place, POSE_KEYS);
    for (size_t i = 0; i < sizeof POSE_ANGLES / sizeof POSE_ANGLES[0]; i++) {
        double angle;
        if (read_number(ld, v, place, POSE_ANGLES[i].key, -180.0, 360.0, &angle))
            *(float *)((char *)out + POSE_ANGLES[i].offset) = (float)angle;
    }
    char flip_place[PLACE_MAX];
    json_t *flip = get_required(ld, v, place, "flip", "true or false", flip_place);
    if (flip) {
        if (json_is_boolean(flip))
            out->flip = json_is_true(flip);
        else
            wrong_type(ld, flip_place, "true or false", flip);
    }
    /* Optional: lying on the side, drawn from the front (clamshells), and
     * the camera from above (heel taps). */
    read_optional_bool(ld, v, place, "side_lying", &out->side_lying);
    read_optional_bool(ld, v, place, "from_above", &out->from_above);
    for (size_t i = 0; i < sizeof POSE_OPTIONAL_ANGLES / sizeof POSE_OPTIONAL_ANGLES[0]; i++) {
        float *dst = (float *)((char *)out + POSE_OPTIONAL_ANGLES[i].offset);
        *dst = 0.0f;
        json_t *a = json_object_get(v, POSE_OPTIONAL_ANGLES[i].key);
        if (!a)
            continue;
        char a_place[PLACE_MAX];
        place_key(a_place, place, POSE_OPTIONAL_ANGLES[i].key);
        double angle;
        if (read_number_value(ld, a, a_place, POSE_OPTIONAL_ANGLES[i].lo,
                              POSE_OPTIONAL_ANGLES[i].hi, &angle))
            *dst = (float)angle;
    }
    return ld->errors == before;
}

static bool parse_poses(Loader *ld, json_t *v, const char *place, PoseSet *out)
{
    if (!json_is_object(v)) {
        wrong_type(ld, place, "{\"start\": POSE, \"peak\": POSE}", v);
        return false;
    }
    int before = ld->errors;
    check_keys(ld, v, place, POSES_KEYS);
    char sub[PLACE_MAX];
    json_t *start = get_required(ld, v, place, "start", "a pose", sub);
    if (start)
        parse_pose(ld, start, sub, &out->start);
    json_t *peak = get_required(ld, v, place, "peak", "a pose", sub);
    if (peak)
        parse_pose(ld, peak, sub, &out->peak);
    /* How the body lies and where the camera is do not change within a
     * move: the figure would jump halfway. */
    if (start && peak && ld->errors == before) {
        static const struct {
            const char *key;
            size_t offset;
        } same[] = {{"side_lying", offsetof(Pose, side_lying)},
                    {"from_above", offsetof(Pose, from_above)}};
        for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
            bool a = *(const bool *)((const char *)&out->start + same[i].offset);
            bool b = *(const bool *)((const char *)&out->peak + same[i].offset);
            if (a != b) {
                char where[PLACE_MAX];
                place_key(where, sub, same[i].key);
                fail(ld, where, "must be the same as in the start pose (%s there): a move "
                     "cannot turn the body over or move the camera",
                     a ? "true" : "false");
            }
        }
    }
    return ld->errors == before;
}

/* ---- levels ---- */

/* The level fields whose number a file may mark as the project's choice. */
static const char *const NUMERIC_FIELDS[] = {
    "reps", "sets", "hold_s", "rest_s", "move_s", "relax_s", "clean_days",
    "settle_s", "too_easy", "step_back_after_too_hard", "motion", NULL};

static void parse_sides(Loader *ld, json_t *lv, const char *base, Level *L)
{
    static const char expected[] = "\"none\", \"alternating\" or \"each_side\"";
    char place[PLACE_MAX];
    json_t *v = get_required(ld, lv, base, "sides", expected, place);
    if (!v)
        return;
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    if (s && strcmp(s, "none") == 0)
        L->sides = SIDES_NONE;
    else if (s && strcmp(s, "alternating") == 0)
        L->sides = SIDES_ALTERNATING;
    else if (s && strcmp(s, "each_side") == 0)
        L->sides = SIDES_EACH_SIDE;
    else
        wrong_type(ld, place, expected, v);
}

/* "motion": {"strap": "thigh", "peak_deg": 30, "return_deg": 10,
 * "hold_tolerance_deg": 8}, optional: where a sensing pad goes and the
 * angles, from the calibrated start, of a rep's top, of being back, and of
 * the band a hold must stay in. */
static void parse_motion(Loader *ld, json_t *lv, const char *base, Level *L)
{
    memset(&L->motion, 0, sizeof L->motion);
    json_t *v = json_object_get(lv, "motion");
    if (!v)
        return;
    char place[PLACE_MAX];
    place_key(place, base, "motion");
    static const char shape[] = "{\"strap\": \"thigh\", \"peak_deg\": N, \"return_deg\": N, "
                                "\"hold_tolerance_deg\": N}";
    if (!json_is_object(v)) {
        wrong_type(ld, place, shape, v);
        return;
    }
    check_keys(ld, v, place, MOTION_KEYS);
    static const char straps[] = "\"thigh\", \"shin\" or \"upper_arm\"";
    char at[PLACE_MAX];
    json_t *strap = get_required(ld, v, place, "strap", straps, at);
    MotionStrap kind = MOTION_STRAP_NONE;
    if (strap) {
        const char *s = json_is_string(strap) ? json_string_value(strap) : NULL;
        kind = motion_strap_from_name(s ? s : "");
        if (kind == MOTION_STRAP_NONE)
            wrong_type(ld, at, straps, strap);
    }
    double peak = 0, back = 0, band = 0;
    bool ok = read_number(ld, v, place, "peak_deg", 5.0, 120.0, &peak);
    ok &= read_number(ld, v, place, "return_deg", 1.0, 60.0, &back);
    ok &= read_number(ld, v, place, "hold_tolerance_deg", 1.0, 60.0, &band);
    if (ok && back >= peak) {
        place_key(at, place, "return_deg");
        fail(ld, at, "must be below peak_deg (%g): a rep is back before it is at the top",
             peak);
        ok = false;
    }
    if (ok && peak - band <= back) {
        place_key(at, place, "hold_tolerance_deg");
        fail(ld, at, "peak_deg - hold_tolerance_deg (%g) must stay above return_deg (%g)",
             peak - band, back);
        ok = false;
    }
    if (!ok || kind == MOTION_STRAP_NONE)
        return;
    L->motion.strap = kind;
    L->motion.peak_deg = (float)peak;
    L->motion.return_deg = (float)back;
    L->motion.hold_tolerance_deg = (float)band;
}

static void parse_cues(Loader *ld, json_t *lv, const char *base, Level *L)
{
    char place[PLACE_MAX];
    place_key(place, base, "cues");
    json_t *v = json_object_get(lv, "cues");
    if (!v)
        return; /* a level may have no coaching points */
    if (!json_is_array(v)) {
        wrong_type(ld, place, "a list of texts", v);
        return;
    }
    size_t n = json_array_size(v);
    if (n > LEVEL_MAX_CUES) {
        fail(ld, place, "too many cues: at most %d, found %zu", LEVEL_MAX_CUES, n);
        n = LEVEL_MAX_CUES;
    }
    for (size_t i = 0; i < n; i++) {
        char item[PLACE_MAX];
        place_index(item, place, i);
        if (read_text_value(ld, json_array_get(v, i), item, L->cues[i], TEXT_MAX))
            L->cue_count = (int)i + 1;
    }
}

static void parse_unlock(Loader *ld, json_t *lv, const char *base, bool is_last,
                         Level *L)
{
    char place[PLACE_MAX];
    place_key(place, base, "unlock");
    json_t *v = json_object_get(lv, "unlock");
    if (is_last) {
        if (v)
            fail(ld, place, "the last level of a track has nothing to unlock; "
                            "remove \"unlock\"");
        return;
    }
    if (!v) {
        fail(ld, place, "missing; every level but the last needs "
                        "{\"next\": ID, \"clean_days\": N}");
        return;
    }
    if (!json_is_object(v)) {
        wrong_type(ld, place, "{\"next\": ID, \"clean_days\": N}", v);
        return;
    }
    check_keys(ld, v, place, UNLOCK_KEYS);
    read_id(ld, v, place, "next", L->next_id);
    read_int(ld, v, place, "clean_days", 1, 30, &L->unlock_clean_days);
    /* Optional: the rule defaults to asking for "too easy" as well. */
    L->unlock_too_easy = true;
    json_t *easy = json_object_get(v, "too_easy");
    if (easy) {
        char at[PLACE_MAX];
        place_key(at, place, "too_easy");
        if (json_is_boolean(easy))
            L->unlock_too_easy = json_is_true(easy);
        else
            wrong_type(ld, at, "true or false", easy);
    }
}

static void parse_project_choice(Loader *ld, json_t *lv, const char *base,
                                 bool has_unlock, Level *L)
{
    char place[PLACE_MAX];
    place_key(place, base, "project_choice");
    json_t *v = json_object_get(lv, "project_choice");
    if (!v)
        return; /* every number came from the source */
    if (!json_is_array(v)) {
        wrong_type(ld, place, "a list of field names", v);
        return;
    }
    size_t n = json_array_size(v);
    for (size_t i = 0; i < n; i++) {
        char item[PLACE_MAX];
        place_index(item, place, i);
        json_t *name = json_array_get(v, i);
        const char *s = json_is_string(name) ? json_string_value(name) : NULL;
        if (!s || !key_allowed(s, NUMERIC_FIELDS)) {
            wrong_type(ld, item, "one of the level's numbers: reps, sets, "
                                 "hold_s, rest_s, move_s, relax_s, clean_days",
                       name);
            continue;
        }
        if ((strcmp(s, "clean_days") == 0 || strcmp(s, "too_easy") == 0) && !has_unlock) {
            fail(ld, item, "\"%s\" names the unlock rule, and this "
                           "level has none", s);
            continue;
        }
        bool repeated = false;
        for (int j = 0; j < L->project_choice_count; j++)
            repeated = repeated || strcmp(L->project_choice[j], s) == 0;
        if (repeated) {
            fail(ld, item, "\"%s\" is listed twice", s);
            continue;
        }
        /* The distinct names number fewer than PROJECT_CHOICE_MAX, so the
         * table cannot overflow. */
        snprintf(L->project_choice[L->project_choice_count++],
                 sizeof L->project_choice[0], "%s", s);
    }
}

static bool seconds_to_ms(Loader *ld, json_t *lv, const char *base,
                          const char *key, int *out_ms)
{
    double s;
    if (!read_number(ld, lv, base, key, 0.5, 10.0, &s))
        return false;
    *out_ms = (int)lround(s * 1000.0);
    return true;
}

/* Longest time each kind of text may take to say: the session fits every
 * word into its timeline, and a text past these would hold a rep up for
 * longer than a person can wait in position. */
enum {
    SAY_SETUP_MAX_MS = 30000,
    SAY_MOVEMENT_MAX_MS = 20000,
    SAY_CUE_MAX_MS = 10000,
    SAY_RETURN_MAX_MS = 4000,
    SETTLE_DEFAULT_MS = 6000,
    STEP_BACK_DEFAULT = 2 /* "too hard" twice: the project's choice */
};

static void check_say_length(Loader *ld, const char *base, const char *key, int index,
                             const char *text, int max_ms, const char *what)
{
    if (!text[0])
        return;
    int ms = prompt_estimate_ms(text);
    if (ms <= max_ms)
        return;
    char place[PLACE_MAX], item[PLACE_MAX];
    place_key(place, base, key);
    if (index >= 0) {
        place_index(item, place, (size_t)index);
        memcpy(place, item, sizeof place);
    }
    fail(ld, place, "takes about %.1f s to say, and %s must be said in %d s or less; "
                    "shorten it or split it", ms / 1000.0, what, max_ms / 1000);
}

/* Every text can be said whole where the session says it, and every
 * coaching cue gets its turn (one a move, after the first). */
static void check_speech(Loader *ld, const char *base, const Level *L)
{
    check_say_length(ld, base, "setup", -1, L->setup, SAY_SETUP_MAX_MS, "a setup");
    check_say_length(ld, base, "movement", -1, L->movement, SAY_MOVEMENT_MAX_MS,
                     "a movement");
    check_say_length(ld, base, "return_cue", -1, L->return_cue, SAY_RETURN_MAX_MS,
                     "a return cue");
    for (int i = 0; i < L->cue_count; i++)
        check_say_length(ld, base, "cues", i, L->cues[i], SAY_CUE_MAX_MS, "a coaching cue");
    /* The last move of a set (or of a side) has no cue: a rest follows. */
    int slots = L->sides == SIDES_ALTERNATING ? L->sets * (2 * L->reps - 1)
              : L->sides == SIDES_EACH_SIDE   ? L->sets * 2 * (L->reps - 1)
                                              : L->sets * (L->reps - 1);
    if (L->reps > 0 && L->sets > 0 && L->cue_count > slots) {
        char place[PLACE_MAX];
        place_key(place, base, "cues");
        fail(ld, place, "%d coaching cues, but only %d moves can carry one (each cue needs "
                        "a move of its own, and a set's last move has none)",
             L->cue_count, slots);
    }
}

static void read_optional_text(Loader *ld, json_t *lv, const char *base, const char *key,
                               char *out, size_t size)
{
    json_t *v = json_object_get(lv, key);
    char place[PLACE_MAX];
    place_key(place, base, key);
    if (v)
        read_text_value(ld, v, place, out, size);
}

/* has_own_poses tells the caller whether "poses" was written at all, which
 * decides how a missing default is reported. */
static void parse_level(Loader *ld, json_t *lv, const char *base, bool is_last,
                        Level *L, bool *has_own_poses)
{
    *has_own_poses = false;
    if (!json_is_object(lv)) {
        wrong_type(ld, base, "a level {\"id\": ..., ...}", lv);
        return;
    }
    check_keys(ld, lv, base, LEVEL_KEYS);
    read_id(ld, lv, base, "id", L->id);
    read_text(ld, lv, base, "title", L->title, sizeof L->title);
    read_text(ld, lv, base, "setup", L->setup, sizeof L->setup);
    read_optional_text(ld, lv, base, "movement", L->movement, sizeof L->movement);
    parse_cues(ld, lv, base, L);
    read_optional_text(ld, lv, base, "return_cue", L->return_cue, sizeof L->return_cue);
    read_int(ld, lv, base, "reps", 1, 50, &L->reps);
    read_int(ld, lv, base, "sets", 1, 5, &L->sets);
    read_int(ld, lv, base, "hold_s", 0, 60, &L->hold_s);
    read_int(ld, lv, base, "rest_s", 0, 300, &L->rest_s);
    seconds_to_ms(ld, lv, base, "move_s", &L->move_ms);
    seconds_to_ms(ld, lv, base, "relax_s", &L->relax_ms);
    L->settle_ms = SETTLE_DEFAULT_MS;
    if (json_object_get(lv, "settle_s")) {
        double settle;
        if (read_number(ld, lv, base, "settle_s", 0.0, 30.0, &settle))
            L->settle_ms = (int)lround(settle * 1000.0);
    }
    L->step_back_after_too_hard = STEP_BACK_DEFAULT;
    if (json_object_get(lv, "step_back_after_too_hard"))
        read_int(ld, lv, base, "step_back_after_too_hard", 0, 10, &L->step_back_after_too_hard);
    parse_sides(ld, lv, base, L);
    read_text(ld, lv, base, "equipment", L->equipment, sizeof L->equipment);
    parse_motion(ld, lv, base, L);
    parse_unlock(ld, lv, base, is_last, L);
    parse_project_choice(ld, lv, base, !is_last && json_object_get(lv, "unlock"), L);
    check_speech(ld, base, L);
    json_t *poses = json_object_get(lv, "poses");
    if (poses) {
        char place[PLACE_MAX];
        place_key(place, base, "poses");
        *has_own_poses = true;
        parse_poses(ld, poses, place, &L->poses);
    }
}

/* ---- tracks ---- */

static void parse_muscles(Loader *ld, json_t *root, Track *t)
{
    static const struct {
        const char *name;
        Muscle bit;
    } NAMES[] = {{"core", MUSCLE_CORE}, {"glutes", MUSCLE_GLUTES},
                 {"back", MUSCLE_BACK}, {"hips", MUSCLE_HIPS}};
    static const char expected[] =
        "a list of \"core\", \"glutes\", \"back\", \"hips\"";
    char place[PLACE_MAX];
    json_t *v = get_required(ld, root, "", "muscles", expected, place);
    if (!v)
        return;
    if (!json_is_array(v) || json_array_size(v) == 0) {
        wrong_type(ld, place, "a non-empty list of \"core\", \"glutes\", "
                              "\"back\", \"hips\"", v);
        return;
    }
    for (size_t i = 0; i < json_array_size(v); i++) {
        char item[PLACE_MAX];
        place_index(item, place, i);
        json_t *m = json_array_get(v, i);
        const char *s = json_is_string(m) ? json_string_value(m) : NULL;
        unsigned bit = 0;
        for (size_t k = 0; s && k < sizeof NAMES / sizeof NAMES[0]; k++)
            if (strcmp(s, NAMES[k].name) == 0)
                bit = (unsigned)NAMES[k].bit;
        if (!bit)
            wrong_type(ld, item, "\"core\", \"glutes\", \"back\" or \"hips\"", m);
        else if (t->muscles & bit)
            fail(ld, item, "\"%s\" is listed twice", s);
        else
            t->muscles |= bit;
    }
}

static bool read_format(Loader *ld, json_t *root)
{
    json_t *v = json_object_get(root, "format");
    if (!v) {
        fail(ld, "format", "missing; expected 1 (the level file format)");
        return false;
    }
    if (!json_is_integer(v) || json_integer_value(v) != 1) {
        char found[QUOTE_MAX + 32];
        describe(v, found, sizeof found);
        fail(ld, "format", "expected 1, the only format this version reads, "
                           "found %s", found);
        return false;
    }
    return true;
}

/* Levels without their own poses need the track's default. */
static void check_poses_present(Loader *ld, bool track_has_poses,
                                const bool *own, size_t n)
{
    if (track_has_poses || n == 0)
        return;
    size_t with = 0;
    for (size_t i = 0; i < n; i++)
        with += own[i];
    if (with == 0) {
        fail(ld, "poses", "missing: neither the track nor any level has "
                          "\"poses\"; give the track a default or each level "
                          "its own");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        if (own[i])
            continue;
        char place[PLACE_MAX];
        place_set(place, "levels[%zu].poses", i);
        fail(ld, place, "missing, and the track has no default \"poses\" to "
                        "fall back on");
    }
}

static void check_level_ids(Loader *ld, const Track *t)
{
    for (int i = 0; i < t->level_count; i++) {
        const Level *L = &t->levels[i];
        char place[PLACE_MAX];
        for (int j = 0; j < i && L->id[0]; j++) {
            if (strcmp(L->id, t->levels[j].id) == 0) {
                place_set(place, "levels[%d].id", i);
                fail(ld, place, "duplicate level id \"%s\": levels[%d] has it "
                                "already", L->id, j);
                break;
            }
        }
        if (i + 1 >= t->level_count || !L->next_id[0] || !t->levels[i + 1].id[0])
            continue;
        const char *expected = t->levels[i + 1].id;
        if (strcmp(L->next_id, expected) == 0)
            continue;
        place_set(place, "levels[%d].unlock.next", i);
        int found = -1;
        for (int j = 0; j < t->level_count; j++)
            if (strcmp(t->levels[j].id, L->next_id) == 0)
                found = j;
        if (found < 0)
            fail(ld, place, "unknown level \"%s\": no level in this file has "
                            "that id (the next level is \"%s\")",
                 L->next_id, expected);
        else
            fail(ld, place, "\"%s\" is levels[%d]; a level unlocks the one "
                            "right after it, \"%s\"", L->next_id, found, expected);
    }
}

static void parse_track(Loader *ld, json_t *root, Track *t)
{
    if (!json_is_object(root)) {
        wrong_type(ld, "", "an object {\"format\": 1, ...} around the whole file",
                   root);
        return;
    }
    check_keys(ld, root, "", TRACK_KEYS);
    if (!read_format(ld, root))
        return; /* another format's keys would only produce noise */
    read_id(ld, root, "", "track", t->id);
    read_text(ld, root, "", "title", t->title, sizeof t->title);
    read_int(ld, root, "", "order", 1, 99, &t->order);
    read_text(ld, root, "", "summary", t->summary, sizeof t->summary);
    parse_muscles(ld, root, t);

    PoseSet track_poses;
    memset(&track_poses, 0, sizeof track_poses);
    json_t *poses = json_object_get(root, "poses");
    bool track_has_poses = poses != NULL;
    bool track_poses_ok = poses && parse_poses(ld, poses, "poses", &track_poses);

    char place[PLACE_MAX];
    json_t *levels = get_required(ld, root, "", "levels", "a list of levels", place);
    if (!levels)
        return;
    if (!json_is_array(levels)) {
        wrong_type(ld, place, "a list of levels", levels);
        return;
    }
    size_t n = json_array_size(levels);
    if (n == 0 || n > TRACK_MAX_LEVELS) {
        fail(ld, place, "expected 1 to %d levels, found %zu", TRACK_MAX_LEVELS, n);
        if (n == 0)
            return;
        n = TRACK_MAX_LEVELS; /* still check the ones that fit */
    }
    bool own[TRACK_MAX_LEVELS] = {false};
    for (size_t i = 0; i < n; i++) {
        char base[PLACE_MAX];
        place_index(base, "levels", i);
        Level *L = &t->levels[i];
        parse_level(ld, json_array_get(levels, i), base,
                    i + 1 == json_array_size(levels), L, &own[i]);
        if (!own[i] && track_poses_ok)
            L->poses = track_poses;
    }
    t->level_count = (int)n;
    check_poses_present(ld, track_has_poses, own, n);
    check_level_ids(ld, t);
}

static const char *const RULES_FILE_KEYS[] = {"format", "rules", NULL};
static const char *const RULES_KEYS[] = {
    "pain_easier_above", "advice_pain_at", "advice_stops_one_exercise",
    "advice_window_days", "advice_days_any_exercise", "advice_then",
    "project_choice", NULL};

/* {"format": 1, "rules": {...}}: every key optional, the defaults are the
 * project's choice (clinical_rules_default). */
static void parse_rules(Loader *ld, json_t *root, ClinicalRules *r)
{
    check_keys(ld, root, "", RULES_FILE_KEYS);
    if (!read_format(ld, root))
        return;
    json_t *v = json_object_get(root, "rules");
    if (!json_is_object(v)) {
        wrong_type(ld, "rules", "an object of pain rules", v);
        return;
    }
    check_keys(ld, v, "rules", RULES_KEYS);
    if (json_object_get(v, "pain_easier_above"))
        read_int(ld, v, "rules", "pain_easier_above", -1, 10, &r->easier_above);
    if (json_object_get(v, "advice_pain_at"))
        read_int(ld, v, "rules", "advice_pain_at", 0, 10, &r->advice_score_at);
    if (json_object_get(v, "advice_stops_one_exercise"))
        read_int(ld, v, "rules", "advice_stops_one_exercise", 0, 10, &r->advice_stops);
    if (json_object_get(v, "advice_window_days"))
        read_int(ld, v, "rules", "advice_window_days", 1, 60, &r->advice_window_days);
    if (json_object_get(v, "advice_days_any_exercise"))
        read_int(ld, v, "rules", "advice_days_any_exercise", 0, 30, &r->advice_days_any);
    json_t *then = json_object_get(v, "advice_then");
    if (then) {
        const char *w = json_is_string(then) ? json_string_value(then) : NULL;
        if (w && strcmp(w, "hold_out") == 0)
            r->advice_then = ADVICE_HOLD_OUT;
        else if (w && strcmp(w, "easier") == 0)
            r->advice_then = ADVICE_EASIER;
        else
            wrong_type(ld, "rules.advice_then", "\"hold_out\" or \"easier\"", then);
    }
    json_t *pc = json_object_get(v, "project_choice");
    if (pc && !json_is_array(pc))
        wrong_type(ld, "rules.project_choice", "a list of rule names", pc);
}

int levels_load_buffer(const char *name, const char *text, size_t len,
                       Program *out, LevelErrors *errs)
{
    Loader ld = {name ? name : "(buffer)", errs, 0};
    if (out->track_count >= PROGRAM_MAX_TRACKS) {
        fail(&ld, "", "too many tracks: a pack holds at most %d",
             PROGRAM_MAX_TRACKS);
        return -1;
    }
    /* Some Windows editors start UTF-8 files with a byte-order mark, which
     * JSON does not allow; it carries no meaning, so it is skipped. */
    if (text && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    json_error_t jerr;
    json_t *root = text ? json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr)
                        : NULL;
    if (!root) {
        if (!text)
            errors_add(errs, ld.file, 0, 0, "", "no text to read");
        else
            errors_add(errs, ld.file, jerr.line, jerr.column, "",
                       "JSON syntax: %s", jerr.text);
        return -1;
    }
    if (json_is_object(root) && json_object_get(root, "rules") && !json_object_get(root, "track")) {
        /* The pack's pain rules, not a track. */
        ClinicalRules rules = program_rules(out);
        parse_rules(&ld, root, &rules);
        json_decref(root);
        if (ld.errors > 0)
            return -1;
        out->rules = rules;
        return 1;
    }
    Track *t = &out->tracks[out->track_count];
    memset(t, 0, sizeof *t);
    parse_track(&ld, root, t);
    json_decref(root);
    if (ld.errors > 0) {
        memset(t, 0, sizeof *t);
        return -1;
    }
    snprintf(t->source_path, sizeof t->source_path, "%s", ld.file);
    out->track_count++;
    return 0;
}

/* ---- across files ---- */

/* Finds a level id among tracks [0, limit); returns the track index or -1. */
static int find_level_track(const Program *p, int limit, const char *id)
{
    for (int u = 0; u < limit; u++)
        for (int m = 0; m < p->tracks[u].level_count; m++)
            if (strcmp(p->tracks[u].levels[m].id, id) == 0)
                return u;
    return -1;
}

static bool track_references_bad(const Program *p, int t, LevelErrors *errs)
{
    const Track *tr = &p->tracks[t];
    Loader ld = {tr->source_path, errs, 0};
    char place[PLACE_MAX];
    for (int u = 0; u < t; u++)
        if (strcmp(p->tracks[u].id, tr->id) == 0)
            fail(&ld, "track", "duplicate track id \"%s\": %s has it already",
                 tr->id, p->tracks[u].source_path);
    for (int l = 0; l < tr->level_count; l++) {
        const Level *L = &tr->levels[l];
        place_set(place, "levels[%d].id", l);
        int u = find_level_track(p, t, L->id);
        if (u >= 0)
            fail(&ld, place, "duplicate level id \"%s\": %s has it already",
                 L->id, p->tracks[u].source_path);
        for (int m = 0; m < l; m++)
            if (strcmp(tr->levels[m].id, L->id) == 0)
                fail(&ld, place, "duplicate level id \"%s\": levels[%d] has it "
                                 "already", L->id, m);
        bool is_last = l + 1 == tr->level_count;
        place_set(place, "levels[%d].unlock.next", l);
        if (is_last && L->next_id[0])
            fail(&ld, place, "the last level of a track has nothing to unlock");
        else if (!is_last && strcmp(L->next_id, tr->levels[l + 1].id) != 0) {
            if (!L->next_id[0])
                fail(&ld, place, "missing; expected \"%s\"", tr->levels[l + 1].id);
            else if (find_level_track(p, p->track_count, L->next_id) < 0)
                fail(&ld, place, "unknown level \"%s\": no loaded track has it",
                     L->next_id);
            else
                fail(&ld, place, "\"%s\" is not the level right after this one, "
                                 "\"%s\"", L->next_id, tr->levels[l + 1].id);
        }
    }
    return ld.errors > 0;
}

int levels_check_references(Program *p, LevelErrors *errs)
{
    int removed = 0;
    int t = 0;
    while (t < p->track_count) {
        if (!track_references_bad(p, t, errs)) {
            t++;
            continue;
        }
        /* The earlier track keeps the id: files load in name order. */
        memmove(&p->tracks[t], &p->tracks[t + 1],
                sizeof p->tracks[0] * (size_t)(p->track_count - t - 1));
        p->track_count--;
        memset(&p->tracks[p->track_count], 0, sizeof p->tracks[0]);
        removed++;
    }
    return removed;
}

/* ---- folders ---- */

static bool is_level_file_name(const char *name)
{
    size_t n = strlen(name);
    /* Hidden files are editor backups and lock files, never a track. */
    return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".json") == 0;
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void free_names(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* Returns the sorted *.json names in dir (caller frees with free_names), or
 * NULL with errno set; *count may be 0 with a non-NULL result. */
static char **list_level_files(const char *dir, size_t *count)
{
    *count = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    size_t cap = 16, n = 0;
    char **names = malloc(cap * sizeof *names);
    struct dirent *ent;
    while (names && (ent = readdir(d)) != NULL) {
        if (!is_level_file_name(ent->d_name))
            continue;
        if (n == cap) {
            char **grown = realloc(names, 2 * cap * sizeof *names);
            if (!grown) {
                free_names(names, n);
                names = NULL;
                break;
            }
            names = grown;
            cap *= 2;
        }
        names[n] = strdup(ent->d_name);
        if (!names[n]) {
            free_names(names, n);
            names = NULL;
            break;
        }
        n++;
    }
    closedir(d);
    if (!names) {
        errno = ENOMEM;
        return NULL;
    }
    qsort(names, n, sizeof *names, compare_names);
    *count = n;
    return names;
}

/* Reads a whole file; NULL with a reason in why. Caller frees. */
static char *read_file(const char *path, size_t *len, char *why, size_t why_size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(why, why_size, "cannot open: %s", strerror(errno));
        return NULL;
    }
    size_t cap = 8192, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n == cap) {
            if (cap >= LEVELS_FILE_MAX_BYTES) {
                snprintf(why, why_size, "too large for a level file (%d bytes or more)",
                         LEVELS_FILE_MAX_BYTES);
                free(buf);
                buf = NULL;
                break;
            }
            char *grown = realloc(buf, cap * 2);
            if (!grown) {
                free(buf);
                buf = NULL;
                snprintf(why, why_size, "out of memory");
                break;
            }
            buf = grown;
            cap *= 2;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                snprintf(why, why_size, "cannot read: %s", strerror(errno));
                free(buf);
                buf = NULL;
            }
            break;
        }
    }
    if (!buf && !why[0])
        snprintf(why, why_size, "out of memory");
    fclose(f);
    *len = n;
    return buf;
}

static void load_one_file(const char *dir, const char *name, Program *out,
                          LevelErrors *errs)
{
    char path[PATH_MAX_LEN];
    size_t dl = strlen(dir);
    const char *sep = dl > 0 && dir[dl - 1] == '/' ? "" : "/";
    int pl = snprintf(path, sizeof path, "%s%s%s", dir, sep, name);
    if (pl < 0 || (size_t)pl >= sizeof path) {
        errors_add(errs, name, 0, 0, "", "path too long (at most %d bytes)",
                   PATH_MAX_LEN - 1);
        return;
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        errors_add(errs, path, 0, 0, "", "cannot read: %s", strerror(errno));
        return;
    }
    if (!S_ISREG(st.st_mode))
        return; /* a folder called x.json is not a track */
    char why[160] = "";
    size_t len = 0;
    char *text = read_file(path, &len, why, sizeof why);
    if (!text) {
        errors_add(errs, path, 0, 0, "", "%s", why);
        return;
    }
    levels_load_buffer(path, text, len, out, errs);
    free(text);
}

/* Stable, so tracks with the same "order" keep their file-name order. */
static void sort_by_order(Program *p)
{
    Track *tmp = malloc(sizeof *tmp);
    if (!tmp)
        return; /* file-name order is still a usable routine */
    for (int i = 1; i < p->track_count; i++) {
        int j = i;
        while (j > 0 && p->tracks[j - 1].order > p->tracks[i].order)
            j--;
        if (j == i)
            continue;
        memcpy(tmp, &p->tracks[i], sizeof *tmp);
        memmove(&p->tracks[j + 1], &p->tracks[j],
                sizeof p->tracks[0] * (size_t)(i - j));
        memcpy(&p->tracks[j], tmp, sizeof *tmp);
    }
    free(tmp);
}

int levels_load_dir(const char *dir, Program *out, LevelErrors *errs)
{
    memset(out, 0, sizeof *out);
    if (errs)
        memset(errs, 0, sizeof *errs);
    size_t n = 0;
    char **names = list_level_files(dir, &n);
    if (!names) {
        errors_add(errs, dir, 0, 0, "", "cannot read the level folder: %s",
                   strerror(errno));
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        load_one_file(dir, names[i], out, errs);
    free_names(names, n);
    levels_check_references(out, errs);
    sort_by_order(out);
    return out->track_count;
}

void level_error_format(const LevelError *e, char *buf, size_t size)
{
    if (!buf || size == 0)
        return;
    char where[32] = "";
    if (e->line > 0 && e->column > 0)
        snprintf(where, sizeof where, ":%d:%d", e->line, e->column);
    else if (e->line > 0)
        snprintf(where, sizeof where, ":%d", e->line);
    if (e->place[0])
        snprintf(buf, size, "%s%s: %s: %s", e->file, where, e->place, e->message);
    else
        snprintf(buf, size, "%s%s: %s", e->file, where, e->message);
}

void level_errors_print(FILE *out, const char *prefix, const LevelErrors *errs)
{
    char line[PATH_MAX_LEN + 512];
    for (int i = 0; i < errs->count; i++) {
        level_error_format(&errs->items[i], line, sizeof line);
        fprintf(out, "%s%s\n", prefix, line);
    }
    if (errs->total > errs->count)
        fprintf(out, "%s... and %d more errors not shown\n", prefix, errs->total - errs->count);
}
