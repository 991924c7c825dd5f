/* speech_timing.h: measures spoken prompts and beeps in rendered sound:
 * when each prompt began against its schedule, whether it was heard whole,
 * and whether a beep sounded under words.  Pure C, no SDL: the speech test
 * (and through it the benchmark) runs it on what SDL's disk driver wrote.
 *
 * Sound is 48 kHz interleaved stereo s16, the mixer's format.  Times are
 * frames from the session's start (a render's frame 0 is its audio clock's
 * 0; SpeechTrack.origin says where the session began in it). */
#ifndef COREQUEST_SPEECH_TIMING_H
#define COREQUEST_SPEECH_TIMING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    SPEECH_FRAMES_PER_MS = 48,
    /* Loud: above the level voice.c trims flite's padding at (-41 dBFS), so
     * a prompt's loud part is its words, in the render as in the chunk. */
    SPEECH_LEVEL = 300,
    /* A beep's loud part (about -44 dBFS, as the beep timing test uses);
     * notes closer than SPEECH_BEEP_MERGE_MS are one beep (side switch). */
    SPEECH_BEEP_LEVEL = 200,
    SPEECH_BEEP_MERGE_MS = 30,
    /* A prompt's onset is looked for from this long before the earliest
     * its words can sound (its time plus its lead-in). */
    SPEECH_SLACK_MS = 2,
    /* The next words are looked for this long after the loud end of words
     * heard whole: past where their end may fall in the render (a prompt
     * made twice ends within about 15 ms of itself), and before the next
     * words can be loud (voice.c keeps 40 ms after a prompt's last loud
     * sample and 15 ms before its first). */
    SPEECH_END_MARGIN_MS = 25,
    /* An onset follows this much quiet: within a prompt's 15 ms lead-in. */
    SPEECH_ONSET_QUIET_MS = 12,
    /* A hush stops words within a mixer buffer (10 ms) of its time. */
    SPEECH_HUSH_GRACE_MS = 20,
    /* Sound at a prompt's onset that follows it less far than its end,
     * but follows the next prompt whole or this much further, is the next
     * prompt's. */
    SPEECH_IDENTITY_MS = 100,
    /* The verdicts: late beyond this; cut when the heard words stop this
     * much before the prompt's own end. */
    SPEECH_LATE_MS = 100,
    SPEECH_CUT_MS = 120,
    /* Heard words are compared with the prompt as made in blocks of this
     * many ms; this many blocks in a row that differ by more than
     * SPEECH_MATCH_DB end what was heard of it. */
    SPEECH_BLOCK_MS = 10,
    SPEECH_MATCH_DB = 12,
    SPEECH_MISMATCH_BLOCKS = 3,
    SPEECH_KEY_MAX = 64,
    SPEECH_CLASS_MAX = 32
};

/* One render: its samples and the frame the session started at. */
typedef struct {
    const int16_t *pcm; /* interleaved stereo */
    long long frames;
    long long origin;
} SpeechTrack;

/* One spoken prompt of the transcript, with what the voice made for it. */
typedef struct {
    /* In: the schedule (session ms) and the prompt as made by a voice (in
     * the mixer's format), whose loudness the render must follow from its
     * onset on.  voice.c trims every prompt to 15 ms before its first loud
     * sample, so the chunk began its first-loud offset before the onset. */
    int64_t at_ms;
    int duration_ms;
    char key[SPEECH_KEY_MAX];
    const int16_t *ref; /* interleaved stereo; NULL: never made */
    long long ref_frames;

    /* Out, from speech_measure.  Frames are session frames. */
    long long start;    /* where the chunk began in the render; -1: not heard */
    long long heard_to; /* last frame that matched the prompt (its words) */
    double late_ms;     /* start - at_ms: 0 is on time */
    bool missing;       /* no onset in its window */
    bool late;          /* beyond SPEECH_LATE_MS */
    bool cut;           /* stopped SPEECH_CUT_MS or more before its end... */
    bool hushed;        /* ...because a hush asked for it (not a fault) */
} SpeechPrompt;

/* A stretch of sound: [from, to], session frames. */
typedef struct {
    long long from, to;
} SpeechSpan;

/* A beep heard under a prompt's words. */
typedef struct {
    SpeechSpan beep;
    int prompt; /* index into the prompts */
} SpeechOverlap;

typedef struct {
    int prompts;
    int late, missing, cut, hushed;
    double worst_late_ms, mean_late_ms; /* over the prompts heard */
    int beeps, beeps_under_speech;
    int stray; /* loud stretches of the voice render no prompt explains */
} SpeechSummary;

/* The first and last frame of pcm[from, to) louder than level (the larger
 * channel); -1 when none is. */
long long speech_first_loud(const int16_t *pcm, long long from, long long to, int level);
long long speech_last_loud(const int16_t *pcm, long long from, long long to, int level);

/* The first frame of pcm[from, to) louder than level after at least quiet
 * frames that are not (looking back before from too): where words begin.
 * Every prompt begins so (voice.c keeps 15 ms of its lead-in), also when it
 * stopped the words before it; -1 when none does. */
long long speech_first_onset(const int16_t *pcm, long long from, long long to, int level,
                             long long quiet);

/* Measures every prompt (sorted by at_ms) in the voice render.  hush_ms
 * (sorted) are the session's CUE_HUSH times: words begun before one may
 * stop at it, on purpose.  The voice says prompts one after another, in
 * order, so for each prompt the onset is the first onset from the
 * earliest its words can sound (the audio never starts words before their
 * cue: at_ms plus the prompt's lead-in) and after the words before it,
 * until a hush after its time (which drops words still waiting); sound
 * there that is the next prompt's makes this one missing.  The chunk is
 * placed by its own first loud frame, and heard as far as the render's
 * loudness follows it. */
void speech_measure(const SpeechTrack *voice, SpeechPrompt *prompts, int count,
                    const int64_t *hush_ms, int hush_count);

/* The beeps of a beep render: loud stretches, notes merged.  Returns how
 * many were found (at most max are written). */
int speech_find_beeps(const SpeechTrack *beeps, SpeechSpan *out, int max);

/* Moves beeps found in a beep render onto the voice render's timeline:
 * each goes with the scheduled beep it starts at (beep_at: session ms in
 * the beep render), to that beep's time in the voice render (voice_at).
 * The renders' timelines are the same cue for cue, but may differ by a few
 * ms where a prompt made twice came out a few ms longer. */
void speech_align_beeps(SpeechSpan *beeps, int beep_count, const int64_t *beep_at,
                        const int64_t *voice_at, int scheduled);

/* Beeps whose sound overlaps a measured prompt's heard words.  Returns how
 * many (at most max are written). */
int speech_beeps_under(const SpeechSpan *beeps, int beep_count, const SpeechPrompt *prompts,
                       int count, SpeechOverlap *out, int max);

/* Loud stretches of the voice render outside every measured prompt's
 * chunk: words nobody scheduled (or a prompt said twice). */
int speech_count_stray(const SpeechTrack *voice, const SpeechPrompt *prompts, int count);

SpeechSummary speech_summarise(const SpeechPrompt *prompts, int count);

/* A prompt's class, from its key: "rep_3_of_10" -> "rep", "cue_bridge_1_2"
 * -> "cue", "get_ready_left_first" -> "get_ready". */
void speech_class(const char *key, char *out, size_t size);

#endif
