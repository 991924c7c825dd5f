/* voice.h: spoken prompts as mixer chunks: flite synthesis (one of the voices
 * flite ships, at a chosen speed) or a recording, converted to the mixer's
 * format, cached, made ahead on a thread. */
#ifndef COREQUEST_VOICE_H
#define COREQUEST_VOICE_H

#include <stddef.h>

#include <SDL_mixer.h>

typedef struct Voice Voice;

typedef struct {
    unsigned hits;        /* voice_get found the prompt ready */
    unsigned misses;      /* voice_get had to make it, or wait for it */
    unsigned synthesised; /* prompts made by flite (ahead or on demand) */
    unsigned recorded;    /* prompts loaded from a recording */
    unsigned failed;      /* prompts that could not be made */
    size_t cached_bytes;  /* PCM held by the cache */
} VoiceStats;

/* The flite voices built in, in a fixed order: the `voice` setting is an
 * index into it, so new voices are only ever appended. */
int voice_count(void);
/* flite's short name ("rms" for cmu_us_rms), or NULL when out of range. */
const char *voice_name(int voice);
/* What the settings screen shows, e.g. "Man, American (rms)". */
const char *voice_label(int voice);
/* The index of a short name, or -1. */
int voice_find(const char *name);

/* Speaking speed, percent of the voice's normal; others are clamped. */
enum { VOICE_RATE_MIN = 25, VOICE_RATE_MAX = 400 };

/* Opens the voice for the mixer that is open now (Mix_OpenAudioDevice must
 * have succeeded: the chunks are made in its format) and starts the worker
 * thread.  voice_dir (may be NULL) holds recordings named <key>.wav that
 * replace synthesis.  voice: an index below voice_count(); rate_percent: 100
 * is the voice's own speed, lower is slower (flite's duration_stretch is
 * 100 / rate_percent times the voice's own).  Several Voices may be open at
 * once.  Returns NULL and fills message on failure. */
Voice *voice_open(const char *voice_dir, int voice, int rate_percent, char *message,
                  size_t message_size);
/* Speaks with another voice or speed from now on.  Every prompt made with the
 * old ones is dropped (after the one being made, if any, is done), so the
 * chunks voice_get returned before are freed: halt any of them that still
 * plays and forget them first.  Prompts still queued are made with the new
 * voice; those already made ahead must be asked for again.  Returns 0, or -1
 * (the old voice goes on) when voice is out of range or cannot be loaded. */
int voice_set(Voice *v, int voice, int rate_percent);
/* Stops the worker and frees every chunk: call before Mix_CloseAudio, after
 * the last chunk stopped playing. */
void voice_close(Voice *v);

/* Queues a prompt for the worker; does nothing when it is cached, queued or
 * the queue is full (it will be asked for again).  Never blocks on flite. */
void voice_prepare(Voice *v, const char *key, const char *text);

/* The chunk for a prompt: from the cache (a hit), or made now on this thread
 * (a miss; waits if the worker is making it).  NULL if text is empty or the
 * prompt cannot be made.  The Voice owns the chunk; it stays valid at least
 * while it can still be playing (the cache evicts only prompts unused for a
 * minute) and until voice_close. */
Mix_Chunk *voice_get(Voice *v, const char *key, const char *text);

/* How long the prompt lasts, in ms, once it is made: the session plans its
 * timeline around it.  make_now: synthesise it here if it is not ready (a
 * miss, counted like voice_get's); otherwise -1 when it is not ready yet. */
int voice_length_ms(Voice *v, const char *key, const char *text, int make_now);

/* Blocks until the worker has made everything queued (tests, and the
 * start of a session). */
void voice_wait_idle(Voice *v);

VoiceStats voice_stats(Voice *v);

#endif
