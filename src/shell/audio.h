/* audio.h: beeps and spoken prompts through SDL_mixer, voice by flite.
 * A null device stands in when there is no audio device: every call still
 * works and the session goes on with captions only. */
#ifndef COREQUEST_AUDIO_H
#define COREQUEST_AUDIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "session.h"
#include "settings.h"

typedef struct Audio Audio;

/* How far ahead audio_prepare places beeps to the exact frame: a step may
 * come this late (a loaded machine, a prompt being synthesised) and every
 * beep still sounds on its frame; later than that, a beep starts with the
 * next buffer after its cue. */
enum { AUDIO_BEEP_LEAD_MS = 200 };

typedef enum {
    AUDIO_EVENT_NONE,
    AUDIO_EVENT_LOST, /* the device went away: say so and pause */
    AUDIO_EVENT_BACK  /* a lost device was opened again */
} AudioEvent;

/* Opens the mixer (48 kHz, 480-frame buffers) and loads the beeps from
 * assets_dir/sounds.  With no device it returns a null Audio and says so in
 * message.  Never returns NULL unless memory runs out. */
Audio *audio_open(const char *assets_dir, const Settings *settings,
                  char *message, size_t message_size);
void audio_close(Audio *a);
bool audio_has_device(const Audio *a);
void audio_apply_settings(Audio *a, const Settings *settings);

/* The clock the session runs on: milliseconds of audio mixed since open
 * (frames counted in the post-mix callback), so beeps land on schedule; the
 * monotonic clock when there is no device. */
int64_t audio_clock_ms(Audio *a);

/* Plays what a cue sounds like: its beep, or its spoken prompt (voice on),
 * panned toward the cue's side.  Non-sound cues are ignored. */
void audio_play_cue(Audio *a, const Cue *cue);
/* Synthesises, ahead of need, the prompts a copy of s would say next, and
 * places the beeps due in the next AUDIO_BEEP_LEAD_MS to the exact frame.  Call it after
 * every session_step; s must run on audio_clock_ms (session_start and every
 * step with its values), or foreseen beeps would land at the wrong time. */
void audio_prepare(Audio *a, const Session *s);
/* One-off beep, e.g. BEEP_LEVEL_UNLOCKED from progress. */
void audio_beep(Audio *a, BeepKind beep, Side side);
/* Says a text that is not a session cue (summary streak, pad unplugged). */
void audio_say(Audio *a, const char *key, const char *text);

/* The parts of a session's config the audio knows: how long each prompt
 * lasts (exact once the voice has made it, synthesised on demand), how long
 * each beep sounds, and the stall pause a real clock needs.  Call before
 * session_init. */
void audio_session_config(Audio *a, SessionConfig *config);
/* How long a prompt lasts as this audio would say it; -1 when unknown (no
 * device, voice off: the core's estimate then stands). */
int audio_say_length_ms(Audio *a, const char *key, const char *text);

/* Device loss.  Pass every SDL event to audio_handle_event (it takes
 * SDL_AUDIODEVICEREMOVED); audio_health also treats a mixer clock that
 * stands still for five seconds as a loss, tries to reopen a lost device
 * every three seconds, and reports each change once. */
bool audio_handle_event(Audio *a, const SDL_Event *e);
AudioEvent audio_health(Audio *a);
bool audio_lost(const Audio *a);

/* Added by the audio helper (additive). */
/* Sleeps until the next mixer buffer has been mixed (or timeout_ms passed)
 * and returns audio_clock_ms: the pace of a loop that steps the session and
 * calls audio_prepare after each wait, without busy-waiting. */
int64_t audio_wait(Audio *a, int timeout_ms);
/* True while a prompt is being said or waits its turn (a new prompt waits
 * for the one being said; a beep never cuts a prompt). */
bool audio_speaking(Audio *a);
/* Blocks until every prompt audio_prepare queued is ready: before
 * session_start, so that even the first words are on time (and in tests). */
void audio_wait_prepared(Audio *a);
/* Voice cache counters since open: prompts found ready when needed (hits)
 * and prompts that had to be made on demand (misses). */
void audio_voice_counts(Audio *a, unsigned *hits, unsigned *misses);

#endif
