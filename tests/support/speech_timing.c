/* speech_timing.c: prompt onsets, whole or cut words, and beeps under words,
 * measured in rendered PCM against the prompts as the voice made them. */
#include "speech_timing.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int frame_level(const int16_t *pcm, long long i)
{
    int l = abs(pcm[2 * i]), r = abs(pcm[2 * i + 1]);
    return l > r ? l : r;
}

long long speech_first_loud(const int16_t *pcm, long long from, long long to, int level)
{
    for (long long i = from < 0 ? 0 : from; i < to; i++)
        if (frame_level(pcm, i) > level)
            return i;
    return -1;
}

long long speech_first_onset(const int16_t *pcm, long long from, long long to, int level,
                             long long quiet)
{
    if (from < 0)
        from = 0;
    long long last_loud = from - quiet - 1;
    for (long long i = from - quiet > 0 ? from - quiet : 0; i < from; i++)
        if (frame_level(pcm, i) > level)
            last_loud = i;
    for (long long i = from; i < to; i++) {
        if (frame_level(pcm, i) <= level)
            continue;
        if (i - last_loud > quiet)
            return i;
        last_loud = i;
    }
    return -1;
}

long long speech_last_loud(const int16_t *pcm, long long from, long long to, int level)
{
    if (from < 0)
        from = 0;
    for (long long i = to - 1; i >= from; i--)
        if (frame_level(pcm, i) > level)
            return i;
    return -1;
}

/* The louder channel's RMS over frames [from, from + len) of pcm, which
 * holds frames frames; silence outside it. */
static double block_rms(const int16_t *pcm, long long frames, long long from, long long len)
{
    double sum[2] = {0, 0};
    for (long long i = from; i < from + len; i++) {
        if (i < 0 || i >= frames)
            continue;
        sum[0] += (double)pcm[2 * i] * pcm[2 * i];
        sum[1] += (double)pcm[2 * i + 1] * pcm[2 * i + 1];
    }
    return sqrt((sum[0] > sum[1] ? sum[0] : sum[1]) / (double)len);
}

/* flite's voices excite unvoiced sounds with rand(), so a prompt made
 * again is the same words but not the same samples: the render matches the
 * prompt as made here in loudness, 10 ms at a time, not sample for sample.
 * Two makings differ by at most about 6 dB in a block; words stopped, or
 * other words, differ by far more. */
static bool blocks_match(double heard, double made)
{
    const double floor = 150; /* about -47 dBFS: the quiet between words */
    double db = 20 * log10((heard + floor) / (made + floor));
    return db <= SPEECH_MATCH_DB && db >= -SPEECH_MATCH_DB;
}

static bool hush_in(const int64_t *hush_ms, int hush_count, long long from_frame,
                    long long to_frame)
{
    for (int h = 0; h < hush_count; h++) {
        long long f = (long long)hush_ms[h] * SPEECH_FRAMES_PER_MS;
        if (f >= from_frame && f <= to_frame)
            return true;
    }
    return false;
}

static void reset(SpeechPrompt *p)
{
    p->start = p->heard_to = -1;
    p->late_ms = 0;
    p->missing = p->late = p->cut = p->hushed = false;
}

/* A prompt's first and last loud frame as made; -1 when it has none. */
static void made_span(const SpeechPrompt *p, long long *first, long long *last)
{
    *first = *last = -1;
    if (p->ref && p->ref_frames > 0) {
        *first = speech_first_loud(p->ref, 0, p->ref_frames, SPEECH_LEVEL);
        *last = speech_last_loud(p->ref, 0, p->ref_frames, SPEECH_LEVEL);
    }
}

/* The last frame of p's words (frames from its chunk's start) that the
 * voice render follows with the chunk placed at start: silence where words
 * were (a halt) or other words end the match once it lasts
 * SPEECH_MISMATCH_BLOCKS blocks.  first - 1 when nothing matches. */
static long long heard_until(const SpeechTrack *voice, const SpeechPrompt *p, long long start,
                             long long first, long long last)
{
    const long long block = SPEECH_BLOCK_MS * SPEECH_FRAMES_PER_MS;
    long long heard_last = first - 1;
    int misses = 0;
    for (long long k = first; k <= last && misses < SPEECH_MISMATCH_BLOCKS; k += block) {
        long long len = k + block <= last + 1 ? block : last + 1 - k;
        double heard = block_rms(voice->pcm, voice->frames, start + k + voice->origin, len);
        double made = block_rms(p->ref, p->ref_frames, k, len);
        if (blocks_match(heard, made)) {
            misses = 0;
            heard_last = k + len - 1;
        } else {
            misses++;
        }
    }
    return heard_last;
}

void speech_measure(const SpeechTrack *voice, SpeechPrompt *prompts, int count,
                    const int64_t *hush_ms, int hush_count)
{
    const long long ms = SPEECH_FRAMES_PER_MS;
    const long long identity = SPEECH_IDENTITY_MS * ms;
    long long track_end = voice->frames - voice->origin;
    /* The voice says prompts one after another, in order: the earliest the
     * next prompt's words can be loud. */
    long long free_from = -voice->origin;
    for (int i = 0; i < count; i++) {
        SpeechPrompt *p = &prompts[i];
        reset(p);
        long long at = p->at_ms * ms;
        long long first, last;
        made_span(p, &first, &last);
        if (first < 0) {
            p->missing = true;
            continue;
        }
        /* Never before its cue (plus its lead-in), nor inside the words
         * before it; and only until a hush after its time, which drops
         * words still waiting. */
        long long lo = at + first - SPEECH_SLACK_MS * ms;
        if (lo < free_from)
            lo = free_from;
        long long hi = track_end;
        for (int h = 0; h < hush_count; h++) {
            long long f = (long long)hush_ms[h] * ms;
            if (f >= at && f + SPEECH_HUSH_GRACE_MS * ms + first < hi)
                hi = f + SPEECH_HUSH_GRACE_MS * ms + first;
        }
        long long onset = -1;
        if (lo < hi) {
            long long from = lo + voice->origin, to = hi + voice->origin;
            if (to > voice->frames) to = voice->frames;
            onset = speech_first_onset(voice->pcm, from, to, SPEECH_LEVEL,
                                       SPEECH_ONSET_QUIET_MS * ms);
            if (onset >= 0)
                onset -= voice->origin;
        }
        if (onset < 0) {
            p->missing = true;
            p->hushed = hi < track_end; /* a hush dropped it before it began */
            continue;
        }
        long long start = onset - first;
        long long heard_last = heard_until(voice, p, start, first, last);
        /* Words that stop short of this prompt's end may be the next
         * prompt's, said whole or for longer: then this one was never said. */
        if (last - heard_last >= SPEECH_CUT_MS * ms && i + 1 < count) {
            SpeechPrompt *q = &prompts[i + 1];
            long long q_first, q_last;
            made_span(q, &q_first, &q_last);
            long long q_start = onset - q_first;
            if (q_first >= 0 && q_start >= q->at_ms * ms - SPEECH_SLACK_MS * ms) {
                long long q_heard = heard_until(voice, q, q_start, q_first, q_last);
                if (q_heard - q_first > heard_last - first + identity || q_heard == q_last) {
                    p->missing = true;
                    continue;
                }
            }
        }
        p->start = start;
        p->late_ms = (double)(p->start - at) / (double)ms;
        p->late = p->late_ms > SPEECH_LATE_MS;
        p->heard_to = p->start + heard_last;
        if (last - heard_last >= SPEECH_CUT_MS * ms) {
            p->cut = true;
            /* On purpose when a hush came between its time and where it stopped. */
            p->hushed = hush_in(hush_ms, hush_count, at, p->heard_to + SPEECH_HUSH_GRACE_MS * ms);
            /* Stopped somewhere before heard_to: the next words may follow
             * at once. */
            free_from = p->start + first;
        } else {
            /* Made again, a prompt's end moves by a few ms (flite's noise);
             * words after it start after its 40 ms tail and their 15 ms
             * lead-in, so a margin inside those is safe either way. */
            free_from = p->start + last + 1 + SPEECH_END_MARGIN_MS * ms;
        }
    }
}

int speech_find_beeps(const SpeechTrack *beeps, SpeechSpan *out, int max)
{
    const long long gap = SPEECH_BEEP_MERGE_MS * SPEECH_FRAMES_PER_MS;
    int n = 0;
    long long from = -1, to = -1;
    for (long long i = 0; i < beeps->frames; i++) {
        if (frame_level(beeps->pcm, i) <= SPEECH_BEEP_LEVEL)
            continue;
        if (from >= 0 && i - to > gap) {
            if (n < max)
                out[n] = (SpeechSpan){from - beeps->origin, to - beeps->origin};
            n++;
            from = -1;
        }
        if (from < 0)
            from = i;
        to = i;
    }
    if (from >= 0) {
        if (n < max)
            out[n] = (SpeechSpan){from - beeps->origin, to - beeps->origin};
        n++;
    }
    return n;
}

void speech_align_beeps(SpeechSpan *beeps, int beep_count, const int64_t *beep_at,
                        const int64_t *voice_at, int scheduled)
{
    for (int b = 0; b < beep_count; b++) {
        int best = -1;
        long long best_d = 0;
        for (int j = 0; j < scheduled; j++) {
            long long d = llabs(beeps[b].from - beep_at[j] * SPEECH_FRAMES_PER_MS);
            if (best < 0 || d < best_d) {
                best = j;
                best_d = d;
            }
        }
        if (best < 0)
            continue;
        long long shift = (voice_at[best] - beep_at[best]) * SPEECH_FRAMES_PER_MS;
        beeps[b].from += shift;
        beeps[b].to += shift;
    }
}

/* The words of a measured prompt: first loud frame to the last heard. */
static bool words_span(const SpeechPrompt *p, SpeechSpan *span)
{
    if (p->missing || p->start < 0 || !p->ref)
        return false;
    long long first = speech_first_loud(p->ref, 0, p->ref_frames, SPEECH_LEVEL);
    if (first < 0 || p->heard_to < p->start + first)
        return false;
    *span = (SpeechSpan){p->start + first, p->heard_to};
    return true;
}

int speech_beeps_under(const SpeechSpan *beeps, int beep_count, const SpeechPrompt *prompts,
                       int count, SpeechOverlap *out, int max)
{
    SpeechSpan *words = malloc((size_t)(count > 0 ? count : 1) * sizeof *words);
    bool *has = calloc((size_t)(count > 0 ? count : 1), sizeof *has);
    if (!words || !has) {
        free(words);
        free(has);
        return -1;
    }
    for (int i = 0; i < count; i++)
        has[i] = words_span(&prompts[i], &words[i]);
    int n = 0;
    for (int b = 0; b < beep_count; b++) {
        for (int i = 0; i < count; i++) {
            if (!has[i] || beeps[b].from > words[i].to || beeps[b].to < words[i].from)
                continue;
            if (n < max)
                out[n] = (SpeechOverlap){beeps[b], i};
            n++;
            break; /* one beep counts once */
        }
    }
    free(words);
    free(has);
    return n;
}

static int compare_span(const void *a, const void *b)
{
    const SpeechSpan *x = a, *y = b;
    return (x->from > y->from) - (x->from < y->from);
}

int speech_count_stray(const SpeechTrack *voice, const SpeechPrompt *prompts, int count)
{
    const long long gap = SPEECH_BEEP_MERGE_MS * SPEECH_FRAMES_PER_MS;
    SpeechSpan *chunks = malloc((size_t)(count > 0 ? count : 1) * sizeof *chunks);
    if (!chunks)
        return -1;
    int n = 0;
    for (int i = 0; i < count; i++)
        if (!prompts[i].missing && prompts[i].start >= -voice->origin)
            chunks[n++] = (SpeechSpan){prompts[i].start + voice->origin,
                                       prompts[i].start + voice->origin + prompts[i].ref_frames};
    qsort(chunks, (size_t)n, sizeof *chunks, compare_span);
    int stray = 0, c = 0;
    long long last_stray = -gap - 1;
    for (long long i = 0; i < voice->frames; i++) {
        if (frame_level(voice->pcm, i) <= SPEECH_LEVEL)
            continue;
        while (c < n && chunks[c].to <= i)
            c++;
        bool covered = false;
        for (int j = c; j < n && chunks[j].from <= i && !covered; j++)
            covered = i < chunks[j].to;
        if (covered)
            continue;
        if (i - last_stray > gap)
            stray++;
        last_stray = i;
    }
    free(chunks);
    return stray;
}

SpeechSummary speech_summarise(const SpeechPrompt *prompts, int count)
{
    SpeechSummary s;
    memset(&s, 0, sizeof s);
    s.prompts = count;
    double total = 0;
    int heard = 0;
    for (int i = 0; i < count; i++) {
        const SpeechPrompt *p = &prompts[i];
        if (p->missing) {
            if (p->hushed) s.hushed++;
            else s.missing++;
            continue;
        }
        s.late += p->late;
        if (p->cut) {
            if (p->hushed) s.hushed++;
            else s.cut++;
        }
        if (heard == 0 || p->late_ms > s.worst_late_ms)
            s.worst_late_ms = p->late_ms;
        total += p->late_ms;
        heard++;
    }
    s.mean_late_ms = heard ? total / heard : 0;
    return s;
}

void speech_class(const char *key, char *out, size_t size)
{
    /* Classes whose name has an underscore of its own. */
    static const char *const two_words[] = {"get_ready", "seconds_left", "switch_sides"};
    if (!size)
        return;
    for (size_t i = 0; i < sizeof two_words / sizeof two_words[0]; i++) {
        size_t n = strlen(two_words[i]);
        if (strncmp(key, two_words[i], n) == 0 && (key[n] == '\0' || key[n] == '_')) {
            snprintf(out, size, "%s", two_words[i]);
            return;
        }
    }
    size_t n = strcspn(key, "_");
    if (n >= size)
        n = size - 1;
    memcpy(out, key, n);
    out[n] = '\0';
}
