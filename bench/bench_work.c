/* bench_work.c: the work the core figures measure, one call each, in a file
 * of its own so callgrind can count it by name (see bench.h). */
#include <string.h>

#include "bench.h"
#include "levels_load.h"

int bench_load_once(const char *dir, Program *out)
{
    /* The loader clears out and errs itself: the same work the app does. */
    static LevelErrors errors;
    return levels_load_dir(dir, out, &errors);
}

int bench_parse_once(const char *const *names, const char *const *texts,
                     const size_t *lens, int count, Program *out)
{
    static LevelErrors errors;
    errors.count = errors.total = 0;
    out->track_count = 0;
    for (int i = 0; i < count; i++)
        levels_load_buffer(names[i], texts[i], lens[i], out, &errors);
    return out->track_count;
}

static void count_cue(void *ctx, const Cue *cue)
{
    (void)cue;
    BenchDaily *d = ctx;
    d->cues++;
}

static void note_cue(void *ctx, const Cue *cue)
{
    BenchDaily *d = ctx;
    d->cues++;
    if (cue->kind != CUE_SAY)
        return;
    if (!d->short_text[0] && strncmp(cue->key, "hold_", 5) == 0)
        memcpy(d->short_text, cue->text, sizeof d->short_text);
    if (strlen(cue->text) > strlen(d->long_text))
        memcpy(d->long_text, cue->text, sizeof d->long_text);
}

long bench_daily_once(const Plan *plan, Session *s, bool collect_text, BenchDaily *out)
{
    memset(out, 0, sizeof *out);
    session_init(s, plan, session_config_default(), collect_text ? note_cue : count_cue, out);
    session_start(s, 0);
    int64_t t = 0;
    /* Six hours: far beyond any daily session; only a broken core hits it. */
    while (!session_done(s) && t < 6 * 3600 * 1000) {
        t += 10;
        session_step(s, t, s->phase == PHASE_WAIT_CONFIRM ? ACTION_CONFIRM : ACTION_NONE);
        out->steps++;
    }
    out->virtual_ms = t;
    return out->steps;
}

long bench_motion_once(const BenchTrace *traces, int count)
{
    long events = 0;
    for (int i = 0; i < count; i++) {
        const BenchTrace *t = &traces[i];
        MotionDetector d;
        MotionEvent ev[8];
        int next_calib = 0;
        motion_init(&d, &t->profile);
        for (int k = 0; k < t->count; k++) {
            while (next_calib < t->calib_count && t->calib_at[next_calib] <= t->samples[k].t_ms)
                motion_calibrate(&d, t->calib_at[next_calib++]);
            events += motion_feed(&d, &t->samples[k], ev, 8);
        }
    }
    return events;
}
