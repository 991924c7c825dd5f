/* fuzz_levels.c: libFuzzer entry for the level loader.  Up to four track
 * files per input, split at NUL bytes, then the cross-file checks. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "levels_load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { FUZZ_MAX_PARTS = 4 };

/* Half a megabyte each: static, and reset by count rather than memset so a
 * run stays fast; the loader clears each slot it fills. */
static Program program;
static LevelErrors errors;

static void require(int ok)
{
    if (!ok)
        abort(); /* libFuzzer reports it with the input that broke a rule */
}

static int terminated(const char *s, size_t size)
{
    return memchr(s, '\0', size) != NULL;
}

/* What the loader promises about every track it keeps. */
static void check_track(const Track *t)
{
    require(terminated(t->id, sizeof t->id) && t->id[0] != '\0');
    require(terminated(t->title, sizeof t->title) && t->title[0] != '\0');
    require(terminated(t->summary, sizeof t->summary));
    require(t->order >= 1 && t->order <= 99);
    require(t->muscles != 0 && t->muscles < 16u);
    require(t->level_count >= 1 && t->level_count <= TRACK_MAX_LEVELS);
    for (int l = 0; l < t->level_count; l++) {
        const Level *L = &t->levels[l];
        require(terminated(L->id, sizeof L->id) && L->id[0] != '\0');
        require(terminated(L->setup, sizeof L->setup));
        require(terminated(L->equipment, sizeof L->equipment));
        require(L->cue_count >= 0 && L->cue_count <= LEVEL_MAX_CUES);
        for (int c = 0; c < L->cue_count; c++)
            require(terminated(L->cues[c], TEXT_MAX) && L->cues[c][0] != '\0');
        require(L->reps >= 1 && L->reps <= 50);
        require(L->sets >= 1 && L->sets <= 5);
        require(L->hold_s >= 0 && L->hold_s <= 60);
        require(L->rest_s >= 0 && L->rest_s <= 300);
        require(L->move_ms >= 500 && L->move_ms <= 10000);
        require(L->relax_ms >= 500 && L->relax_ms <= 10000);
        require(L->project_choice_count >= 0 &&
                L->project_choice_count <= PROJECT_CHOICE_MAX);
        bool last = l + 1 == t->level_count;
        if (last) {
            require(L->next_id[0] == '\0');
        } else {
            require(strcmp(L->next_id, t->levels[l + 1].id) == 0);
            require(L->unlock_clean_days >= 1 && L->unlock_clean_days <= 30);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[FUZZ_MAX_PARTS] = {"a.json", "b.json",
                                                      "c.json", "d.json"};
    program.track_count = 0;
    errors.count = 0;
    errors.total = 0;
    const char *text = (const char *)data;
    size_t start = 0;
    for (int part = 0; part < FUZZ_MAX_PARTS && start <= size; part++) {
        const char *nul = memchr(text + start, '\0', size - start);
        size_t end = nul ? (size_t)(nul - text) : size;
        int before = program.track_count;
        int status = levels_load_buffer(names[part], text + start, end - start,
                                        &program, &errors);
        require(status == 0 ? program.track_count == before + 1
                            : program.track_count == before);
        if (status == 1) /* the pain rules: their bounds hold */
            require(program.rules.present && program.rules.easier_above >= -1 &&
                    program.rules.easier_above <= 10 && program.rules.advice_score_at >= 0 &&
                    program.rules.advice_score_at <= 10 && program.rules.advice_window_days >= 1);
        start = end + 1;
    }
    int kept = program.track_count;
    int removed = levels_check_references(&program, &errors);
    require(removed >= 0 && program.track_count == kept - removed);
    for (int t = 0; t < program.track_count; t++)
        check_track(&program.tracks[t]);
    require(errors.count <= LEVEL_ERRORS_MAX && errors.count <= errors.total);
    char line[1024];
    for (int i = 0; i < errors.count; i++) {
        level_error_format(&errors.items[i], line, sizeof line);
        require(line[0] != '\0');
    }
    return 0;
}
