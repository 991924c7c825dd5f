/* cli_levels.c: the level tools, --check-levels DIR and --list-levels.
 * Plain text for whoever writes a level pack (a therapist, not a coder). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "platform/paths.h"
#include "core/levels_load.h"
#include "core/plan.h"
#include "core/session.h"

/* Distinct file names among the stored errors: what "3 errors in 2 files"
 * counts.  Errors past LEVEL_ERRORS_MAX are not stored, so this can only
 * undercount, which the line printed before the totals says. */
static int error_file_count(const LevelErrors *errs)
{
    int files = 0;
    for (int i = 0; i < errs->count; i++) {
        bool seen = false;
        for (int j = 0; j < i && !seen; j++)
            seen = strcmp(errs->items[i].file, errs->items[j].file) == 0;
        files += !seen;
    }
    return files;
}

static int level_count(const Program *p)
{
    int n = 0;
    for (int t = 0; t < p->track_count; t++)
        n += p->tracks[t].level_count;
    return n;
}

static const char *plural(int n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

int cli_check_level_id(const Options *o)
{
    Program *p = malloc(sizeof *p);
    LevelErrors *errs = malloc(sizeof *errs);
    const char *dir = paths_levels_dir(o, NULL);
    int status = 0;
    /* A pack that does not load at all is the mode's to report, with its
     * errors; only a pack that loads and lacks the level is a usage error. */
    if (p && errs && levels_load_dir(dir, p, errs) > 0 &&
        !program_find_level(p, o->level_id, NULL, NULL)) {
        fprintf(stderr, "corequest: no level has the id '%s' in %s (see --list-levels)\n",
                o->level_id, dir);
        status = 2;
    }
    free(p);
    free(errs);
    return status;
}

int cli_check_levels(const Options *o)
{
    Program *p = malloc(sizeof *p);
    LevelErrors *errs = malloc(sizeof *errs);
    if (!p || !errs) {
        free(p);
        free(errs);
        fprintf(stderr, "corequest: out of memory\n");
        return 1;
    }
    int tracks = levels_load_dir(o->check_dir, p, errs);
    level_errors_print(stdout, "", errs);
    int status = 0;
    if (tracks < 0) {
        printf("%s: could not be checked\n", o->check_dir);
        status = 1;
    } else if (tracks == 0 && errs->total == 0) {
        printf("%s: no level files (*.json) found\n", o->check_dir);
        status = 1;
    } else {
        int levels = level_count(p);
        printf("%s: %d %s and %d %s loaded; %d %s", o->check_dir, tracks,
               plural(tracks, "track", "tracks"), levels,
               plural(levels, "level", "levels"), errs->total,
               plural(errs->total, "error", "errors"));
        if (errs->total > 0) {
            int files = error_file_count(errs);
            printf(" in %d %s (left out whole)", files, plural(files, "file", "files"));
        }
        printf("\n");
        status = errs->total > 0 ? 1 : 0;
    }
    free(p);
    free(errs);
    return status;
}

/* ---- --list-levels ---- */

static void ignore_cue(void *ctx, const Cue *cue)
{
    (void)ctx;
    (void)cue;
}

/* The session itself says how long a plan takes, so the listing can never
 * disagree with what the user will live through. */
static int64_t plan_duration_ms(const Plan *plan)
{
    Session s;
    session_init(&s, plan, session_config_default(), ignore_cue, NULL);
    return session_estimate_ms(&s);
}

static void format_duration(int64_t ms, char *buf, size_t size)
{
    /* Rounded to 5 s: it is an estimate and reads better without noise. */
    long s = (long)((ms + 2500) / 5000 * 5);
    if (s < 60)
        snprintf(buf, size, "about %ld s", s);
    else if (s % 60 == 0)
        snprintf(buf, size, "about %ld min", s / 60);
    else
        snprintf(buf, size, "about %ld min %ld s", s / 60, s % 60);
}

static void print_seconds(const char *label, int ms)
{
    /* %g drops a needless ".0" (2 s, but 1.5 s). */
    printf("%s%g s", label, ms / 1000.0);
}

static const char *sides_text(Sides s)
{
    switch (s) {
    case SIDES_NONE: return "both sides together";
    case SIDES_ALTERNATING: return "alternating left and right";
    case SIDES_EACH_SIDE: return "all reps on the left, then all on the right";
    }
    return "";
}

static void print_muscles(unsigned muscles)
{
    static const struct {
        Muscle bit;
        const char *name;
    } NAMES[] = {{MUSCLE_CORE, "core"}, {MUSCLE_GLUTES, "glutes"},
                 {MUSCLE_BACK, "back"}, {MUSCLE_HIPS, "hips"}};
    const char *sep = "";
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++) {
        if (muscles & (unsigned)NAMES[i].bit) {
            printf("%s%s", sep, NAMES[i].name);
            sep = ", ";
        }
    }
}

/* Field names as a therapist would say them; move_s and relax_s are both
 * "tempo" and are named once. */
static void print_project_choice(const Level *L)
{
    static const struct {
        const char *field;
        const char *words;
    } WORDS[] = {{"reps", "reps"}, {"sets", "sets"}, {"hold_s", "hold"},
                 {"rest_s", "rest"}, {"move_s", "tempo"}, {"relax_s", "tempo"},
                 {"clean_days", "days to unlock"}, {"too_easy", "waiting for \"too easy\""},
                 {"step_back_after_too_hard", "step back after \"too hard\""},
                 {"settle_s", "time to settle"}};
    if (L->project_choice_count == 0)
        return;
    printf("      Our choice, not from the source: ");
    bool tempo_said = false;
    const char *sep = "";
    for (int i = 0; i < L->project_choice_count; i++) {
        for (size_t w = 0; w < sizeof WORDS / sizeof WORDS[0]; w++) {
            if (strcmp(L->project_choice[i], WORDS[w].field) != 0)
                continue;
            bool is_tempo = strcmp(WORDS[w].words, "tempo") == 0;
            if (is_tempo && tempo_said)
                break;
            tempo_said = tempo_said || is_tempo;
            printf("%s%s", sep, WORDS[w].words);
            sep = ", ";
            break;
        }
    }
    printf("\n");
}

static void print_level(const Program *p, const Track *t, int index)
{
    const Level *L = &t->levels[index];
    printf("   Level %d: %s  [%s]\n", index + 1, L->title, L->id);
    printf("      Dose: %d %s%s x %d %s, ", L->reps, plural(L->reps, "rep", "reps"),
           L->sides == SIDES_NONE ? "" : " per side", L->sets,
           plural(L->sets, "set", "sets"));
    if (L->hold_s > 0)
        printf("hold %d s, ", L->hold_s);
    else
        printf("no hold, ");
    printf("rest %d s\n", L->rest_s);
    print_seconds("      Tempo: ", L->move_ms);
    print_seconds(" to the top, ", L->relax_ms);
    printf(" back down\n");
    printf("      Sides: %s\n", sides_text(L->sides));
    printf("      Equipment: %s\n", L->equipment);
    if (L->next_id[0]) {
        int next_index = -1;
        program_find_level(p, L->next_id, NULL, &next_index);
        printf("      Unlocks level %d after all reps with no pain on %d different %s%s\n",
               next_index + 1, L->unlock_clean_days,
               plural(L->unlock_clean_days, "day", "days"),
               L->unlock_too_easy ? ", once you rate it \"too easy\"" : "");
    } else {
        printf("      Last level of this track\n");
    }
    if (index > 0 && L->step_back_after_too_hard > 0)
        printf("      Rated \"too hard\" %d %s in a row: level %d is offered next time\n",
               L->step_back_after_too_hard,
               plural(L->step_back_after_too_hard, "time", "times"), index);
    print_project_choice(L);
    Plan plan;
    if (plan_build_single(p, L->id, &plan) == 1) {
        char d[48];
        format_duration(plan_duration_ms(&plan), d, sizeof d);
        printf("      Time with setup and rest: %s\n", d);
    }
}

/* The pain rules decide when the app eases off or sends the person to a
 * therapist, so a therapist reading the pack must see them too. */
static void print_rules(const Program *p)
{
    ClinicalRules r = program_rules(p);
    printf("\nPain rules (%s; every number is our choice, not from the source)\n",
           r.present ? "from the pack's rules file" : "the pack has no rules file: defaults");
    if (r.easier_above < 0)
        printf("   Any pain stop offers the level below next time, where there is one\n");
    else
        printf("   A pain stop scored above %d of 10 offers the level below next time\n",
               r.easier_above);
    printf("   The advice to see a physical therapist comes after:\n");
    if (r.advice_score_at > 0)
        printf("      a pain stop scored %d of 10 or more\n", r.advice_score_at);
    if (r.advice_stops > 0)
        printf("      %d pain %s on one exercise within %d days\n", r.advice_stops,
               plural(r.advice_stops, "stop", "stops"), r.advice_window_days);
    if (r.advice_days_any > 0)
        printf("      pain stops on %d different days within %d days, any exercise\n",
               r.advice_days_any, r.advice_window_days);
    printf("   Until you confirm you have checked with a therapist, the exercise "
           "concerned is %s\n",
           r.advice_then == ADVICE_EASIER ? "done one level easier" : "left out");
}

int cli_list_levels(const Options *o)
{
    const char *dir = paths_levels_dir(o, NULL);
    Program *p = malloc(sizeof *p);
    LevelErrors *errs = malloc(sizeof *errs);
    if (!p || !errs) {
        free(p);
        free(errs);
        fprintf(stderr, "corequest: out of memory\n");
        return 1;
    }
    int tracks = levels_load_dir(dir, p, errs);
    level_errors_print(stderr, "", errs);
    if (tracks < 0) {
        free(p);
        free(errs);
        return 1;
    }
    printf("Level pack: %s\n", dir);
    Plan daily;
    plan_build_daily(p, NULL, &daily);
    char d[48];
    format_duration(plan_duration_ms(&daily), d, sizeof d);
    printf("%d %s; the first daily session (every track at level 1) takes %s.\n",
           tracks, plural(tracks, "track", "tracks"), d);
    for (int t = 0; t < p->track_count; t++) {
        const Track *track = &p->tracks[t];
        printf("\n%d. %s  [%s; works: ", t + 1, track->title, track->id);
        print_muscles(track->muscles);
        printf("]\n   %s\n", track->summary);
        for (int l = 0; l < track->level_count; l++)
            print_level(p, track, l);
    }
    print_rules(p);
    if (errs->total > 0)
        fprintf(stderr, "%d %s in the pack: the files named above were left out\n",
                errs->total, plural(errs->total, "error", "errors"));
    int status = errs->total > 0 ? 1 : 0;
    free(p);
    free(errs);
    return status;
}
