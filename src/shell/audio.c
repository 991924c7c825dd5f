/* audio.c: beeps and spoken prompts through SDL_mixer, clocked by the frames
 * mixed; a null device (captions only, monotonic clock) when there is no sound. */
#include "audio.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_mixer.h>

#include "voice.h"

/* How beeps keep time.  The session is stepped with the audio clock, so a
 * beep's cue arrives a little after its time; a chunk started then sounds
 * at the next buffer, up to 10 ms late and more if the step was slow.  So
 * beeps are not mixer channels: the post-mix callback adds them itself at
 * the exact frame.  audio_prepare looks AUDIO_BEEP_LEAD_MS ahead on a copy
 * of the session and places the beeps it foresees; the session's own cue
 * then finds its beep already placed.  A beep nobody foresaw starts with the
 * next buffer.  Prompts play on a mixer channel of their own. */

enum {
    AUDIO_FREQ = 48000,
    AUDIO_BUFFER_FRAMES = 480, /* 10 ms */
    AUDIO_VOICE_CHANNEL = 0,
    AUDIO_PATH_MAX = 1024,
    AUDIO_BEEP_SLOTS = 16,     /* beeps sounding or placed at once */
    AUDIO_BEEP_KEEP_MS = 3000, /* a foreseen beep waits this long for its cue */
    AUDIO_GAIN_ONE = 256,
    /* Prompts waiting for the one being said.  The session plans its words
     * so they never overlap; this queue only absorbs a late step and the
     * shells' own words, and nothing in it is ever cut but by a hush. */
    AUDIO_PROMPT_QUEUE = 8,
    /* A lost device is tried again this often. */
    AUDIO_REOPEN_EVERY_MS = 3000,
    /* The mixer clock standing still this long while we keep calling is a
     * device that stopped (a sound server gone without a word); long enough
     * that a loaded machine starving the audio thread is not taken for it. */
    AUDIO_STALL_LOST_MS = 5000,
    /* How far audio_prepare looks ahead for prompts to synthesise. */
    AUDIO_LOOKAHEAD_PHASES = 6,
    AUDIO_LOOKAHEAD_PROMPTS = 10,
    AUDIO_LOOKAHEAD_STEPS = 64,
    /* Toward a side, the far ear still hears it (one earbud, a mono speaker). */
    AUDIO_PAN_NEAR = 255,
    AUDIO_PAN_FAR = 70
};

static const char *const beep_files[BEEP_COUNT] = {
    [BEEP_COUNTDOWN] = "countdown",
    [BEEP_GO] = "go",
    [BEEP_HOLD_END] = "hold_end",
    [BEEP_REP_DONE] = "rep_done",
    [BEEP_SIDE_SWITCH] = "side_switch",
    [BEEP_SET_DONE] = "set_done",
    [BEEP_EXERCISE_DONE] = "exercise_done",
    [BEEP_LEVEL_UNLOCKED] = "level_unlocked",
    [BEEP_REMINDER] = "reminder",
};

/* One beep placed on the timeline.  The main thread fills and frees slots;
 * the audio thread only advances started_at and played, under slots_lock. */
typedef struct {
    bool used;
    bool foreseen;         /* placed by audio_prepare; its cue has not come yet */
    BeepKind beep;
    Side side;
    int64_t at_ms;
    const Sint16 *pcm;     /* the beep's frames, stereo, in the mixer format */
    long long frame_count;
    long long start_frame; /* wanted; never earlier than the next buffer */
    long long started_at;  /* -1 until it is mixed */
    long long played;      /* frames mixed so far */
    int gain_left, gain_right; /* AUDIO_GAIN_ONE = unchanged */
} BeepSlot;

typedef struct {
    Mix_Chunk *chunk;
    Side side;
    int64_t at_ms;        /* session clock: orders prompts against a hush */
} Spoken;

/* What audio_prepare last looked ahead from; the same place needs no new look. */
typedef struct {
    bool valid;
    Phase phase;
    int exercise, set, rep;
    Side side;
    bool paused;
    int64_t phase_start_ms;
} PrepareMark;

struct Audio {
    bool device;        /* the mixer is open */
    bool sdl_audio;     /* we initialised SDL's audio subsystem */
    Settings settings;
    Mix_Chunk *beeps[BEEP_COUNT];
    Voice *voice;

    /* The clock.  SDL2 has no 64-bit atomic add, and an int of frames would
     * wrap after 12 hours, so this is a C11 atomic. */
    _Atomic long long frames_mixed;
    int freq;
    SDL_sem *buffer_mixed; /* posted after each buffer: audio_wait sleeps on it */
    Uint64 null_origin_ms;

    BeepSlot slots[AUDIO_BEEP_SLOTS];
    SDL_SpinLock slots_lock;

    Spoken current;      /* the prompt on the voice channel, if it plays */
    Spoken pending[AUDIO_PROMPT_QUEUE];
    int pending_count;
    PrepareMark prepared;

    /* Device loss: the clock goes on from where it stood when lost. */
    char assets_dir[AUDIO_PATH_MAX];
    int64_t clock_base_ms;    /* added to the frames mixed since the last open */
    bool lost;                /* the device went away; reopening is tried */
    AudioEvent event;         /* what audio_health reports next */
    Uint64 last_reopen_try;
    unsigned reopen_count;
    long long watch_frames;   /* the stall watch: frames at watch_since */
    Uint64 watch_since, watch_last_call;
};

static Session lookahead_copy(const Session *s);

static Sint16 clamp_sample(int v)
{
    return (Sint16)(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
}

/* Adds the beeps due in this buffer, each from its own frame. */
static void mix_beeps(Audio *a, Sint16 *out, long long first, long long frames)
{
    SDL_AtomicLock(&a->slots_lock);
    for (int i = 0; i < AUDIO_BEEP_SLOTS; i++) {
        BeepSlot *b = &a->slots[i];
        if (!b->used || b->played >= b->frame_count)
            continue;
        if (b->started_at < 0) {
            long long start = b->start_frame > first ? b->start_frame : first;
            if (start >= first + frames)
                continue;
            b->started_at = start;
        }
        long long f = b->started_at > first ? b->started_at - first : 0;
        for (; f < frames && b->played < b->frame_count; f++, b->played++) {
            const Sint16 *src = b->pcm + 2 * b->played;
            out[2 * f] = clamp_sample(out[2 * f] + src[0] * b->gain_left / AUDIO_GAIN_ONE);
            out[2 * f + 1] =
                clamp_sample(out[2 * f + 1] + src[1] * b->gain_right / AUDIO_GAIN_ONE);
        }
    }
    SDL_AtomicUnlock(&a->slots_lock);
}

/* Runs on the audio thread after every buffer is mixed. */
static void audio_post_mix(void *udata, Uint8 *stream, int len)
{
    Audio *a = udata;
    long long frames = len / 4; /* s16 stereo */
    long long first = atomic_load(&a->frames_mixed); /* only this thread adds */
    mix_beeps(a, (Sint16 *)(void *)stream, first, frames);
    atomic_fetch_add(&a->frames_mixed, frames);
    SDL_SemPost(a->buffer_mixed);
}

static int percent_to_volume(int percent)
{
    if (percent < 0) percent = 0;
    if (percent > 100) percent = 100;
    return percent * MIX_MAX_VOLUME / 100;
}

static bool voice_wanted(const Audio *a)
{
    return a->voice && a->settings.voice_on && a->settings.voice_volume > 0;
}

static void pan_gains(Side side, int *left, int *right)
{
    *left = *right = AUDIO_PAN_NEAR;
    if (side == SIDE_LEFT) *right = AUDIO_PAN_FAR;
    else if (side == SIDE_RIGHT) *left = AUDIO_PAN_FAR;
}

static void pan_toward(int channel, Side side)
{
    /* 255/255 also unregisters the effect, which is the reset. */
    int left, right;
    pan_gains(side, &left, &right);
    Mix_SetPanning(channel, (Uint8)left, (Uint8)right);
}

static void load_beeps(Audio *a, const char *assets_dir, char *message, size_t message_size)
{
    int missing = 0;
    const char *first_missing = NULL;
    for (int b = 0; b < BEEP_COUNT; b++) {
        char path[AUDIO_PATH_MAX];
        snprintf(path, sizeof path, "%s/sounds/%s.wav", assets_dir, beep_files[b]);
        a->beeps[b] = Mix_LoadWAV(path);
        if (!a->beeps[b]) {
            if (!missing) first_missing = beep_files[b];
            missing++;
        }
    }
    if (missing && message_size)
        snprintf(message, message_size,
                 "%d cue sound%s missing from %s/sounds (first: %s.wav); "
                 "run tools/make-sounds.sh.",
                 missing, missing == 1 ? " is" : "s are", assets_dir, first_missing);
}

/* Opens SDL audio and the mixer; false with no device.  Counting from
 * before the device starts makes the clock's zero the first frame the
 * device plays (the disk driver's first byte). */
static bool open_device(Audio *a)
{
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
        return false;
    a->sdl_audio = true;
    if (!a->buffer_mixed)
        a->buffer_mixed = SDL_CreateSemaphore(0);
    if (a->buffer_mixed) {
        atomic_store(&a->frames_mixed, 0);
        Mix_SetPostMix(audio_post_mix, a);
        if (Mix_OpenAudioDevice(AUDIO_FREQ, AUDIO_S16SYS, 2, AUDIO_BUFFER_FRAMES, NULL, 0) == 0) {
            a->device = true;
            Mix_AllocateChannels(1);
            Mix_ReserveChannels(1); /* the voice's: nobody else grabs it with -1 */
            a->watch_frames = 0;
            a->watch_since = a->watch_last_call = SDL_GetTicks64();
            return true;
        }
        Mix_SetPostMix(NULL, NULL);
    }
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    a->sdl_audio = false;
    return false;
}

static int64_t clock_now(const Audio *a);

/* The device is gone: what plays stops, the clock stands where it was, and
 * beeps and voice chunks are kept (a reopened mixer has the same format). */
static void close_device(Audio *a)
{
    if (!a->device)
        return;
    a->clock_base_ms = clock_now(a);
    Mix_HaltChannel(-1);
    Mix_SetPostMix(NULL, NULL);
    Mix_CloseAudio();
    SDL_AtomicLock(&a->slots_lock);
    memset(a->slots, 0, sizeof a->slots);
    SDL_AtomicUnlock(&a->slots_lock);
    a->pending_count = 0;
    a->device = false;
    a->null_origin_ms = SDL_GetTicks64() - (Uint64)a->clock_base_ms;
    if (a->sdl_audio)
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    a->sdl_audio = false;
}

Audio *audio_open(const char *assets_dir, const Settings *settings,
                  char *message, size_t message_size)
{
    if (message_size) message[0] = '\0';
    Audio *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->settings = settings ? *settings : settings_default();
    atomic_init(&a->frames_mixed, 0);
    a->freq = AUDIO_FREQ;
    a->null_origin_ms = SDL_GetTicks64();
    const char *dir = assets_dir ? assets_dir : ".";
    snprintf(a->assets_dir, sizeof a->assets_dir, "%s", dir);

    if (!open_device(a)) {
        if (a->buffer_mixed) SDL_DestroySemaphore(a->buffer_mixed);
        a->buffer_mixed = NULL;
        snprintf(message, message_size, "No sound device: going on with captions only.");
        return a;
    }

    load_beeps(a, dir, message, message_size);

    char voice_dir[AUDIO_PATH_MAX];
    snprintf(voice_dir, sizeof voice_dir, "%s/voice", dir);
    char voice_message[256];
    a->voice = voice_open(voice_dir, a->settings.voice, a->settings.voice_rate, voice_message,
                          sizeof voice_message);
    if (!a->voice && message_size && !message[0])
        snprintf(message, message_size, "%s Going on with beeps and captions.", voice_message);
    audio_apply_settings(a, &a->settings);
    return a;
}

void audio_close(Audio *a)
{
    if (!a)
        return;
    if (a->device) {
        Mix_HaltChannel(-1);
        Mix_SetPostMix(NULL, NULL); /* returns once the callback is out */
    }
    voice_close(a->voice);
    for (int b = 0; b < BEEP_COUNT; b++)
        Mix_FreeChunk(a->beeps[b]);
    if (a->device)
        Mix_CloseAudio();
    if (a->buffer_mixed)
        SDL_DestroySemaphore(a->buffer_mixed);
    if (a->sdl_audio)
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    free(a);
}

bool audio_has_device(const Audio *a)
{
    return a && a->device;
}

void audio_apply_settings(Audio *a, const Settings *settings)
{
    if (!a || !settings)
        return;
    bool new_voice = settings->voice != a->settings.voice ||
                     settings->voice_rate != a->settings.voice_rate;
    a->settings = *settings;
    if (!a->device)
        return;
    if (new_voice && a->voice) {
        /* The voice frees what it made: nothing may still play or point at it. */
        Mix_HaltChannel(AUDIO_VOICE_CHANNEL);
        a->pending_count = 0;
        a->prepared.valid = false;
        voice_set(a->voice, settings->voice, settings->voice_rate);
    }
    Mix_Volume(AUDIO_VOICE_CHANNEL, percent_to_volume(settings->voice_volume));
    if (!voice_wanted(a)) {
        Mix_HaltChannel(AUDIO_VOICE_CHANNEL);
        a->pending_count = 0;
    }
}

static int64_t clock_now(const Audio *a)
{
    if (!a->device)
        return (int64_t)(SDL_GetTicks64() - a->null_origin_ms);
    long long frames = atomic_load(&a->frames_mixed);
    return a->clock_base_ms + (int64_t)(frames * 1000 / a->freq);
}

static void start_prompt(Audio *a, const Spoken *p)
{
    pan_toward(AUDIO_VOICE_CHANNEL, p->side);
    Mix_Volume(AUDIO_VOICE_CHANNEL, percent_to_volume(a->settings.voice_volume));
    if (Mix_PlayChannel(AUDIO_VOICE_CHANNEL, p->chunk, 0) >= 0)
        a->current = *p;
}

/* Starts the next waiting prompt once the one before it has finished.  The
 * mixer's finished-callback runs on the audio thread, where starting a
 * chunk is not allowed, so the main thread checks at every audio call (the
 * shells call audio_clock_ms every step). */
static void service_voice(Audio *a)
{
    if (!a->device || a->pending_count == 0 || Mix_Playing(AUDIO_VOICE_CHANNEL))
        return;
    Spoken next = a->pending[0];
    a->pending_count--;
    memmove(&a->pending[0], &a->pending[1], (size_t)a->pending_count * sizeof a->pending[0]);
    start_prompt(a, &next);
}

/* A prompt never cuts the one being said: it waits its turn.  The session
 * plans its words so that this wait is nil; only a late step or a shell's
 * own words make one. */
static void speak(Audio *a, Mix_Chunk *chunk, Side side, int64_t at_ms)
{
    if (!chunk)
        return;
    Spoken p = {chunk, side, at_ms};
    service_voice(a);
    if (!Mix_Playing(AUDIO_VOICE_CHANNEL) && a->pending_count == 0) {
        start_prompt(a, &p);
        return;
    }
    if (a->pending_count < AUDIO_PROMPT_QUEUE)
        a->pending[a->pending_count++] = p;
}

/* A hush (pain, pause, skip, a choice) makes every older word moot. */
static void silence_before(Audio *a, int64_t at_ms)
{
    int kept = 0;
    for (int i = 0; i < a->pending_count; i++)
        if (a->pending[i].at_ms >= at_ms)
            a->pending[kept++] = a->pending[i];
    a->pending_count = kept;
    if (Mix_Playing(AUDIO_VOICE_CHANNEL) && a->current.at_ms < at_ms)
        Mix_HaltChannel(AUDIO_VOICE_CHANNEL);
    service_voice(a);
}

int64_t audio_clock_ms(Audio *a)
{
    if (!a)
        return 0;
    service_voice(a);
    return clock_now(a);
}

int64_t audio_wait(Audio *a, int timeout_ms)
{
    if (!a)
        return 0;
    if (timeout_ms < 0) timeout_ms = 0;
    if (a->device) {
        /* Buffers mixed since the last call count too: no wait then. */
        if (SDL_SemTryWait(a->buffer_mixed) != 0)
            SDL_SemWaitTimeout(a->buffer_mixed, (Uint32)timeout_ms);
        while (SDL_SemTryWait(a->buffer_mixed) == 0) {
        }
    } else {
        /* The null device keeps the same 10 ms rhythm on the monotonic clock. */
        int64_t now = clock_now(a);
        int64_t step = AUDIO_BUFFER_FRAMES * 1000 / AUDIO_FREQ;
        int64_t sleep = step - now % step;
        if (sleep > timeout_ms) sleep = timeout_ms;
        if (sleep > 0) SDL_Delay((Uint32)sleep);
    }
    return audio_clock_ms(a);
}

static bool beep_playable(const Audio *a, BeepKind beep)
{
    return a->device && (int)beep >= 0 && beep < BEEP_COUNT && a->beeps[beep] &&
           a->settings.effects_volume > 0;
}

/* A free slot: unused, or done and no longer waited for.  If all are busy
 * the oldest sounding beep gives way.  Call with slots_lock held. */
static BeepSlot *free_slot(Audio *a, int64_t now_ms)
{
    BeepSlot *oldest = NULL;
    for (int i = 0; i < AUDIO_BEEP_SLOTS; i++) {
        BeepSlot *b = &a->slots[i];
        bool done = b->played >= b->frame_count;
        if (!b->used || (done && (!b->foreseen || b->at_ms < now_ms - AUDIO_BEEP_KEEP_MS)))
            return b;
        if (b->started_at >= 0 && (!oldest || b->started_at < oldest->started_at))
            oldest = b;
    }
    return oldest;
}

/* Places a beep at at_ms on the audio clock: to the frame when that is still
 * ahead, else at the start of the next buffer. */
static void place_beep(Audio *a, BeepKind beep, Side side, int64_t at_ms, bool foreseen)
{
    if (!beep_playable(a, beep))
        return;
    const Mix_Chunk *chunk = a->beeps[beep];
    int64_t now_ms = clock_now(a);
    long long start = (long long)at_ms * a->freq / 1000;
    /* Further ahead than any look-ahead: that time is not on our clock. */
    if (at_ms > now_ms + AUDIO_BEEP_LEAD_MS + 2 * AUDIO_BUFFER_FRAMES * 1000 / AUDIO_FREQ)
        start = 0;
    int left, right;
    pan_gains(side, &left, &right);
    int volume = a->settings.effects_volume * AUDIO_GAIN_ONE / 100;
    SDL_AtomicLock(&a->slots_lock);
    BeepSlot *b = free_slot(a, now_ms);
    if (b) {
        *b = (BeepSlot){
            .used = true,
            .foreseen = foreseen,
            .beep = beep,
            .side = side,
            .at_ms = at_ms,
            .pcm = (const Sint16 *)(const void *)chunk->abuf,
            .frame_count = chunk->alen / 4,
            .start_frame = start,
            .started_at = -1,
            .played = 0,
            .gain_left = volume * left / 255,
            .gain_right = volume * right / 255,
        };
    }
    SDL_AtomicUnlock(&a->slots_lock);
}

/* The session's own beep cue: already placed if it was foreseen. */
static void play_beep_cue(Audio *a, BeepKind beep, Side side, int64_t at_ms)
{
    if (!beep_playable(a, beep))
        return;
    bool found = false;
    SDL_AtomicLock(&a->slots_lock);
    for (int i = 0; i < AUDIO_BEEP_SLOTS && !found; i++) {
        BeepSlot *b = &a->slots[i];
        if (b->used && b->foreseen && b->beep == beep && b->side == side && b->at_ms == at_ms) {
            b->foreseen = false;
            found = true;
        }
    }
    SDL_AtomicUnlock(&a->slots_lock);
    if (!found)
        place_beep(a, beep, side, at_ms, false);
}

typedef struct {
    BeepKind beep[AUDIO_BEEP_SLOTS];
    Side side[AUDIO_BEEP_SLOTS];
    int64_t at_ms[AUDIO_BEEP_SLOTS];
    int count;
} BeepList;

static void beep_sink(void *ctx, const Cue *cue)
{
    BeepList *l = ctx;
    if (cue->kind == CUE_BEEP && l->count < AUDIO_BEEP_SLOTS) {
        l->beep[l->count] = cue->beep;
        l->side[l->count] = cue->side;
        l->at_ms[l->count] = cue->at_ms;
        l->count++;
    }
}

static bool beep_listed(const BeepList *l, const BeepSlot *b)
{
    for (int i = 0; i < l->count; i++)
        if (l->beep[i] == b->beep && l->side[i] == b->side && l->at_ms[i] == b->at_ms)
            return true;
    return false;
}

/* Places the beeps a copy of s makes in the next AUDIO_BEEP_LEAD_MS, and
 * takes back foreseen beeps that have not started and are no longer coming
 * (a pause, a pain stop or a skip changed the way ahead). */
static void foresee_beeps(Audio *a, const Session *s)
{
    BeepList coming = {.count = 0};
    if (s->phase != PHASE_IDLE && !session_done(s)) {
        Session copy = lookahead_copy(s);
        session_set_sink(&copy, beep_sink, &coming);
        session_step(&copy, s->now_ms + AUDIO_BEEP_LEAD_MS, ACTION_NONE);
    }
    bool placed[AUDIO_BEEP_SLOTS] = {false};
    SDL_AtomicLock(&a->slots_lock);
    for (int i = 0; i < AUDIO_BEEP_SLOTS; i++) {
        BeepSlot *b = &a->slots[i];
        if (!b->used)
            continue;
        if (b->foreseen && b->started_at < 0 && b->at_ms > s->now_ms && !beep_listed(&coming, b)) {
            b->used = false;
            continue;
        }
        for (int j = 0; j < coming.count; j++)
            if (coming.beep[j] == b->beep && coming.side[j] == b->side &&
                coming.at_ms[j] == b->at_ms)
                placed[j] = true;
    }
    SDL_AtomicUnlock(&a->slots_lock);
    for (int j = 0; j < coming.count; j++)
        if (!placed[j] && coming.at_ms[j] > s->now_ms)
            place_beep(a, coming.beep[j], coming.side[j], coming.at_ms[j], true);
}

void audio_play_cue(Audio *a, const Cue *cue)
{
    if (!a || !cue || !a->device)
        return;
    switch (cue->kind) {
    case CUE_BEEP:
        play_beep_cue(a, cue->beep, cue->side, cue->at_ms);
        break;
    case CUE_SAY:
        if (voice_wanted(a))
            speak(a, voice_get(a->voice, cue->key, cue->text), cue->side, cue->at_ms);
        break;
    case CUE_HUSH:
        silence_before(a, cue->at_ms);
        break;
    default:
        break;
    }
}

/* ---------------------------------------------------------- timing */

/* Lengths come from the voice even when it is off or silent: captions need
 * the same time to read, and the timeline stays the same whatever the
 * settings (the speech benchmark renders voice and beeps apart on it). */
int audio_say_length_ms(Audio *a, const char *key, const char *text)
{
    if (!a || !a->device || !a->voice)
        return -1;
    return voice_length_ms(a->voice, key ? key : "", text, 1);
}

static int say_length_exact(void *ctx, const char *key, const char *text)
{
    return audio_say_length_ms(ctx, key, text);
}

/* Look-ahead copies never wait for flite: what is not made yet is guessed
 * (they only choose what to make next). */
static int say_length_guess(void *ctx, const char *key, const char *text)
{
    Audio *a = ctx;
    if (!a || !a->device || !a->voice)
        return -1;
    return voice_length_ms(a->voice, key ? key : "", text, 0);
}

void audio_session_config(Audio *a, SessionConfig *config)
{
    if (!a || !config)
        return;
    config->say_ms = say_length_exact;
    config->say_ctx = a;
    config->stall_pause_ms = 1000;
    for (int b = 0; b < BEEP_COUNT; b++)
        if (a->beeps[b])
            config->beep_ms[b] = (int)((long long)a->beeps[b]->alen / 4 * 1000 / a->freq);
}

static Session lookahead_copy(const Session *s)
{
    Session copy = *s;
    if (copy.config.say_ms == say_length_exact)
        copy.config.say_ms = say_length_guess;
    copy.config.stall_pause_ms = 0; /* copies jump ahead on purpose */
    return copy;
}

/* ---------------------------------------------------------- device loss */

static void mark_lost(Audio *a)
{
    if (!a->device)
        return;
    close_device(a);
    a->lost = true;
    a->event = AUDIO_EVENT_LOST;
    a->last_reopen_try = SDL_GetTicks64();
}

bool audio_handle_event(Audio *a, const SDL_Event *e)
{
    if (!a || !e || e->type != SDL_AUDIODEVICEREMOVED || e->adevice.iscapture)
        return false;
    /* corequest opens one output device: a removed output is ours. */
    mark_lost(a);
    return true;
}

AudioEvent audio_health(Audio *a)
{
    if (!a)
        return AUDIO_EVENT_NONE;
    Uint64 now = SDL_GetTicks64();
    if (a->device) {
        long long frames = atomic_load(&a->frames_mixed);
        /* Calls far apart mean this thread stalled, not the device. */
        if (now - a->watch_last_call > 500 || frames != a->watch_frames) {
            a->watch_frames = frames;
            a->watch_since = now;
        } else if (now - a->watch_since > AUDIO_STALL_LOST_MS) {
            mark_lost(a);
        }
        a->watch_last_call = now;
    } else if (a->lost && now - a->last_reopen_try >= AUDIO_REOPEN_EVERY_MS) {
        a->last_reopen_try = now;
        a->clock_base_ms = clock_now(a);
        if (open_device(a)) {
            a->lost = false;
            a->reopen_count++;
            a->prepared.valid = false;
            audio_apply_settings(a, &a->settings);
            a->event = AUDIO_EVENT_BACK;
        }
    }
    AudioEvent e = a->event;
    a->event = AUDIO_EVENT_NONE;
    return e;
}

bool audio_lost(const Audio *a)
{
    return a && a->lost;
}

void audio_beep(Audio *a, BeepKind beep, Side side)
{
    if (a)
        place_beep(a, beep, side, clock_now(a), false);
}

void audio_say(Audio *a, const char *key, const char *text)
{
    if (!a || !a->device || !voice_wanted(a))
        return;
    speak(a, voice_get(a->voice, key ? key : "", text), SIDE_NONE, clock_now(a));
}

bool audio_speaking(Audio *a)
{
    if (!a || !a->device)
        return false;
    service_voice(a);
    return a->pending_count > 0 || Mix_Playing(AUDIO_VOICE_CHANNEL);
}

void audio_wait_prepared(Audio *a)
{
    if (a && a->voice)
        voice_wait_idle(a->voice);
}

void audio_voice_counts(Audio *a, unsigned *hits, unsigned *misses)
{
    VoiceStats s = voice_stats(a ? a->voice : NULL);
    if (hits) *hits = s.hits;
    if (misses) *misses = s.misses;
}

typedef struct {
    Audio *audio;
    int phases;
    int prompts;
} Lookahead;

static void lookahead_sink(void *ctx, const Cue *cue)
{
    Lookahead *l = ctx;
    if (cue->kind == CUE_PHASE) {
        l->phases++;
    } else if (cue->kind == CUE_SAY && cue->text[0]) {
        voice_prepare(l->audio->voice, cue->key, cue->text);
        l->prompts++;
    }
}

static PrepareMark mark_of(const Session *s)
{
    return (PrepareMark){true, s->phase, s->exercise, s->set, s->rep,
                         s->side, s->paused, s->phase_start_ms};
}

static bool mark_equal(PrepareMark x, PrepareMark y)
{
    return x.valid && y.valid && x.phase == y.phase && x.exercise == y.exercise &&
           x.set == y.set && x.rep == y.rep && x.side == y.side &&
           x.paused == y.paused && x.phase_start_ms == y.phase_start_ms;
}

/* One move of the look-ahead copy: to its next event, or past the input it
 * waits for as if the person confirmed at once (after the first reminder,
 * whose words are worth having ready too). */
static void lookahead_advance(Session *copy, bool *reminder_seen)
{
    int64_t now = copy->now_ms;
    int64_t next = session_next_event_ms(copy);
    if (copy->paused) {
        session_step(copy, now, ACTION_PAUSE);
    } else if (copy->deadline_ms < 0) {
        if (copy->later_count > 0 && next >= now) {
            session_step(copy, next, ACTION_NONE); /* words queued behind a beep */
        } else if (next >= now && !*reminder_seen) {
            *reminder_seen = true;
            session_step(copy, next, ACTION_NONE);
        } else {
            session_step(copy, now, ACTION_CONFIRM);
        }
    } else if (next >= 0) {
        session_step(copy, next > now ? next : now, ACTION_NONE);
    } else {
        session_step(copy, now, ACTION_CONFIRM);
    }
}

/* What the session would say at once if the person acted now: a pain stop,
 * a pause or a skip must not wait for flite either. */
static void lookahead_branches(Audio *a, const Session *s)
{
    /* The answers to "how did it feel?" are said back at once too. */
    static const Action branches[] = {ACTION_PAIN, ACTION_PAUSE, ACTION_SKIP,
                                      ACTION_TOO_EASY, ACTION_JUST_RIGHT, ACTION_TOO_HARD};
    if (s->phase == PHASE_IDLE || session_done(s))
        return;
    for (size_t i = 0; i < sizeof branches / sizeof branches[0]; i++) {
        if (branches[i] >= ACTION_TOO_EASY && s->phase != PHASE_RATE)
            continue;
        Session copy = lookahead_copy(s);
        Lookahead l = {a, 0, 0};
        session_set_sink(&copy, lookahead_sink, &l);
        session_step(&copy, copy.now_ms, branches[i]);
    }
    /* A wait may end a minute later than the look-ahead's own confirm: the
     * words that follow (a summary counts the minutes) in that case too. */
    if (s->deadline_ms < 0 && !s->paused) {
        Session copy = lookahead_copy(s);
        Lookahead l = {a, 0, 0};
        session_set_sink(&copy, lookahead_sink, &l);
        session_step(&copy, copy.now_ms + 60000, ACTION_CONFIRM);
        session_step(&copy, copy.now_ms, ACTION_NONE);
    }
}

void audio_prepare(Audio *a, const Session *s)
{
    if (!a || !s || !a->device)
        return;
    service_voice(a);
    foresee_beeps(a, s);
    if (!a->voice)
        return; /* made even when unheard: the lengths plan the timeline */
    PrepareMark mark = mark_of(s);
    if (mark_equal(mark, a->prepared))
        return;
    a->prepared = mark;

    /* The way ahead first: the queue is worked in order. */
    Session copy = lookahead_copy(s);
    Lookahead l = {a, 0, 0};
    session_set_sink(&copy, lookahead_sink, &l);
    if (copy.phase == PHASE_IDLE)
        session_start(&copy, copy.now_ms);
    bool reminder_seen = false;
    for (int i = 0; i < AUDIO_LOOKAHEAD_STEPS && !session_done(&copy) &&
                    l.phases < AUDIO_LOOKAHEAD_PHASES && l.prompts < AUDIO_LOOKAHEAD_PROMPTS;
         i++) {
        PrepareMark before = mark_of(&copy);
        int64_t before_ms = copy.now_ms;
        lookahead_advance(&copy, &reminder_seen);
        if (mark_equal(before, mark_of(&copy)) && copy.now_ms == before_ms)
            break; /* stuck: nothing more can be foreseen */
    }
    lookahead_branches(a, s);
}
