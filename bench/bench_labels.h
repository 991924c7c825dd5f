/* bench_labels.h: the figure labels the benchmark prints, one line each.
 * Shared with the bench_smoke test so the two cannot drift apart. */
#ifndef COREQUEST_BENCH_LABELS_H
#define COREQUEST_BENCH_LABELS_H

/* Every figure line starts with its label followed by ": " or ", " (the
 * frame and RSS lines name a size after the label). */
#define BENCH_LABEL_LOAD "level pack load"
#define BENCH_LABEL_PARSE "level file parse"
#define BENCH_LABEL_SESSION "simulated daily session"
#define BENCH_LABEL_MOTION "motion detector"
#define BENCH_LABEL_RSS_CORE "peak RSS, core bench"
#define BENCH_LABEL_START_EXEC "window start, exec to first present"
#define BENCH_LABEL_START_APP "window start, in-process"
#define BENCH_LABEL_FRAME_TITLE "frame, title screen"
#define BENCH_LABEL_FRAME_WORKOUT "frame, workout screen"
#define BENCH_LABEL_FRAME_BARE "frame, bare clear+present"
#define BENCH_LABEL_FRAME_MINIMAL "frame, minimal scene"
#define BENCH_LABEL_FRAME_RATIO "frame ratios"
#define BENCH_LABEL_RSS_RENDER "peak RSS, rendering"
#define BENCH_LABEL_IDLE "idle CPU"
#define BENCH_LABEL_VOICE_SHORT "voice, short prompt"
#define BENCH_LABEL_VOICE_LONG "voice, long prompt"
#define BENCH_LABEL_VOICE_HIT "voice, cache hit"
#define BENCH_LABEL_BEEPS "beep onset error"
#define BENCH_LABEL_SPEECH_WER "speech word error rate"
#define BENCH_LABEL_SPEECH "speech timing"

#define BENCH_LABEL_LIST                                                         \
    BENCH_LABEL_LOAD, BENCH_LABEL_PARSE, BENCH_LABEL_SESSION, BENCH_LABEL_MOTION,    \
        BENCH_LABEL_RSS_CORE, BENCH_LABEL_START_EXEC, BENCH_LABEL_START_APP,         \
        BENCH_LABEL_FRAME_TITLE, BENCH_LABEL_FRAME_WORKOUT, BENCH_LABEL_FRAME_BARE,  \
        BENCH_LABEL_FRAME_MINIMAL, BENCH_LABEL_FRAME_RATIO, BENCH_LABEL_RSS_RENDER,  \
        BENCH_LABEL_IDLE, BENCH_LABEL_VOICE_SHORT, BENCH_LABEL_VOICE_LONG,           \
        BENCH_LABEL_VOICE_HIT, BENCH_LABEL_BEEPS, BENCH_LABEL_SPEECH_WER,            \
        BENCH_LABEL_SPEECH

#endif
