/* settings.h: the user's settings as one table (X-macro), with defaults.
 * Pure C11, no SDL.  The save stores them by name; unknown names are ignored
 * and missing ones keep their defaults, so old saves keep working. */
#ifndef COREQUEST_SETTINGS_H
#define COREQUEST_SETTINGS_H

#include <stdbool.h>

/* X(name, default, min, max, description) -- every setting is an int.
 * voice 1 (flite's rms) at 100% is the measured choice: a recogniser missed
 * fewest of its words (docs/BENCHMARKS.md, "Speech intelligibility"). */
#define SETTINGS_TABLE(X)                                                        \
    X(voice_on, 1, 0, 1, "Spoken prompts on (1) or off (0)")                     \
    X(voice_volume, 100, 0, 100, "Voice volume, percent")                        \
    X(voice, 1, 0, 4, "Which flite voice: an index into voice.c's table")        \
    X(voice_rate, 100, 50, 150, "Speaking speed, percent of the voice's own")    \
    X(effects_volume, 80, 0, 100, "Beep volume, percent")                        \
    X(tempo_mode, 0, 0, 1, "0: confirm each rep, 1: tempo (reps advance alone)") \
    X(swap_confirm_back, 0, 0, 1, "Swap the confirm and back buttons")           \
    X(rest_days_per_week, 1, 0, 3, "Rest days a week that keep a streak alive")  \
    X(day_start_hour, 4, 0, 12, "Hour at which a new day begins")                \
    X(session_pain_ratings, 0, 0, 1, "Ask how the back is before and after")     \
    X(motion_pad, 1, 0, 1, "Count reps from a strapped pad's motion sensor")     \
    X(pad_rumble, 1, 0, 1, "The motion pad rumbles at hold end and side switch") \
    X(safety_notice_seen, 0, 0, 1, "The first-run safety notice was shown")

typedef struct {
#define SETTINGS_FIELD(name, def, lo, hi, desc) int name;
    SETTINGS_TABLE(SETTINGS_FIELD)
#undef SETTINGS_FIELD
} Settings;

Settings settings_default(void);
int settings_count(void);
/* Name, bounds and description of setting i (0 <= i < settings_count()). */
const char *settings_name(int i);
const char *settings_description(int i);
int settings_min(int i);
int settings_max(int i);
int *settings_field(Settings *s, int i);
int settings_get(const Settings *s, int i);
/* Sets by name, clamped to the bounds.  Returns false for unknown names. */
bool settings_set_by_name(Settings *s, const char *name, int value);

#endif
