/* voice.c: prompts to mixer chunks.  flite synthesis (or a recording) on a
 * worker thread ahead of need, converted to the mixer format, cached by key+text. */
#include "voice.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <flite/flite.h>

/* The voice library ships no header for its registration functions. */
cst_voice *register_cmu_us_slt(const char *voxdir);
void unregister_cmu_us_slt(cst_voice *voice);

enum {
    VOICE_QUEUE_MAX = 32,              /* prompts waiting for the worker */
    VOICE_DIR_MAX = 1024,
    VOICE_FILE_KEY_MAX = 128,          /* longer keys never name a recording */
    VOICE_EVICT_AFTER_MS = 60000,      /* an entry this idle is surely not playing */
};
/* Soft cap: about three minutes of 48 kHz stereo speech. */
static const size_t voice_cache_cap = (size_t)32 * 1024 * 1024;

typedef enum {
    ENTRY_QUEUED,  /* waiting for the worker */
    ENTRY_WORKING, /* being made, by the worker or by voice_get */
    ENTRY_READY,
    ENTRY_FAILED
} EntryState;

typedef struct {
    char *key;
    char *text;
    EntryState state;
    Mix_Chunk *chunk;
    Uint8 *pcm;           /* owned here for synthesised chunks (QuickLoad) */
    size_t bytes;
    uint64_t queued_seq;  /* queue order */
    uint64_t last_used_ms;
} Entry;

struct Voice {
    char dir[VOICE_DIR_MAX]; /* recordings; empty for none */
    int freq;
    Uint16 format;
    int channels;

    cst_voice *flite;
    SDL_mutex *flite_lock; /* flite keeps global state: one caller at a time */

    SDL_mutex *lock;       /* guards everything below */
    SDL_cond *changed;     /* an entry changed state, or work arrived, or quit */
    Entry **entries;
    int entry_count, entry_cap;
    int queued;
    uint64_t next_seq;
    bool quit;
    bool worker_busy;
    VoiceStats stats;
    SDL_Thread *worker;
};

static char *dup_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

/* Only plain names find a recording, so a key can never climb out of the
 * voice folder. */
static bool key_is_file_safe(const char *key)
{
    if (!key[0] || strlen(key) > VOICE_FILE_KEY_MAX)
        return false;
    for (const char *c = key; *c; c++) {
        bool ok = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                  (*c >= '0' && *c <= '9') || *c == '_' || *c == '-';
        if (!ok)
            return false;
    }
    return true;
}

static Mix_Chunk *load_recording(const Voice *v, const char *key)
{
    if (!v->dir[0] || !key_is_file_safe(key))
        return NULL;
    char path[VOICE_DIR_MAX + VOICE_FILE_KEY_MAX + 8];
    snprintf(path, sizeof path, "%s/%s.wav", v->dir, key);
    SDL_RWops *rw = SDL_RWFromFile(path, "rb");
    if (!rw)
        return NULL;
    return Mix_LoadWAV_RW(rw, 1); /* converts to the mixer's format; closes rw */
}

/* flite pads every prompt with about a fifth of a second of silence at
 * each end.  The session plans words back to back from their lengths, so
 * that padding would only read as lateness: keep a few ms of it. */
static void trim_silence(const Voice *v, Uint8 *pcm, Uint32 *len)
{
    enum { LEVEL = 300, KEEP_BEFORE_MS = 15, KEEP_AFTER_MS = 40 };
    if (v->format != AUDIO_S16SYS || v->channels <= 0)
        return;
    size_t frame = 2 * (size_t)v->channels;
    size_t frames = *len / frame;
    const Sint16 *x = (const Sint16 *)(const void *)pcm;
    size_t first = frames, last = 0;
    for (size_t f = 0; f < frames * (size_t)v->channels; f++)
        if (x[f] > LEVEL || x[f] < -LEVEL) {
            first = f / (size_t)v->channels;
            break;
        }
    if (first == frames)
        return; /* all quiet: leave it as it is */
    for (size_t f = frames * (size_t)v->channels; f-- > 0;)
        if (x[f] > LEVEL || x[f] < -LEVEL) {
            last = f / (size_t)v->channels;
            break;
        }
    size_t keep_before = (size_t)v->freq * KEEP_BEFORE_MS / 1000;
    size_t keep_after = (size_t)v->freq * KEEP_AFTER_MS / 1000;
    size_t from = first > keep_before ? first - keep_before : 0;
    size_t to = last + keep_after < frames ? last + keep_after : frames - 1;
    memmove(pcm, pcm + from * frame, (to - from + 1) * frame);
    *len = (Uint32)((to - from + 1) * frame);
}

/* flite gives mono 16-bit at its own rate; the mixer wants its own format. */
static Uint8 *synthesise(Voice *v, const char *text, Uint32 *out_len)
{
    SDL_LockMutex(v->flite_lock);
    cst_wave *w = flite_text_to_wave(text, v->flite);
    SDL_UnlockMutex(v->flite_lock);
    if (!w)
        return NULL;
    Uint8 *result = NULL;
    SDL_AudioCVT cvt;
    int need = SDL_BuildAudioCVT(&cvt, AUDIO_S16SYS, (Uint8)w->num_channels,
                                 w->sample_rate, v->format, (Uint8)v->channels,
                                 v->freq);
    size_t in_len = (size_t)w->num_samples * (size_t)w->num_channels * sizeof(short);
    if (need >= 0 && w->num_samples > 0) {
        cvt.len = (int)in_len;
        cvt.buf = SDL_malloc(in_len * (size_t)(cvt.len_mult > 0 ? cvt.len_mult : 1));
        if (cvt.buf) {
            memcpy(cvt.buf, w->samples, in_len);
            if (need == 0) {
                cvt.len_cvt = cvt.len;
                result = cvt.buf;
            } else if (SDL_ConvertAudio(&cvt) == 0) {
                result = cvt.buf;
            } else {
                SDL_free(cvt.buf);
            }
        }
    }
    if (result) {
        *out_len = (Uint32)cvt.len_cvt;
        trim_silence(v, result, out_len);
    }
    delete_wave(w);
    return result;
}

/* Makes one entry's sound.  Runs without v->lock held (flite takes a while);
 * the entry is WORKING, so nobody else touches it meanwhile. */
static void make_entry(Voice *v, Entry *e)
{
    Mix_Chunk *chunk = load_recording(v, e->key);
    Uint8 *pcm = NULL;
    bool recorded = chunk != NULL;
    if (!chunk) {
        Uint32 len = 0;
        pcm = synthesise(v, e->text, &len);
        if (pcm) {
            chunk = Mix_QuickLoad_RAW(pcm, len);
            if (!chunk) {
                SDL_free(pcm);
                pcm = NULL;
            }
        }
    }
    SDL_LockMutex(v->lock);
    e->chunk = chunk;
    e->pcm = pcm;
    e->bytes = chunk ? chunk->alen : 0;
    e->state = chunk ? ENTRY_READY : ENTRY_FAILED;
    v->stats.cached_bytes += e->bytes;
    if (!chunk) v->stats.failed++;
    else if (recorded) v->stats.recorded++;
    else v->stats.synthesised++;
    SDL_CondBroadcast(v->changed);
    SDL_UnlockMutex(v->lock);
}

static void free_entry(Entry *e)
{
    if (e->chunk)
        Mix_FreeChunk(e->chunk); /* frees a recording's buffer, not QuickLoad's */
    SDL_free(e->pcm);
    free(e->key);
    free(e->text);
    free(e);
}

static Entry *find_entry(Voice *v, const char *key, const char *text)
{
    for (int i = 0; i < v->entry_count; i++) {
        Entry *e = v->entries[i];
        if (strcmp(e->key, key) == 0 && strcmp(e->text, text) == 0)
            return e;
    }
    return NULL;
}

static Entry *add_entry(Voice *v, const char *key, const char *text, EntryState state)
{
    if (v->entry_count == v->entry_cap) {
        int cap = v->entry_cap ? v->entry_cap * 2 : 64;
        Entry **grown = realloc(v->entries, (size_t)cap * sizeof *grown);
        if (!grown)
            return NULL;
        v->entries = grown;
        v->entry_cap = cap;
    }
    Entry *e = calloc(1, sizeof *e);
    if (!e)
        return NULL;
    e->key = dup_string(key);
    e->text = dup_string(text);
    if (!e->key || !e->text) {
        free_entry(e);
        return NULL;
    }
    e->state = state;
    e->queued_seq = v->next_seq++;
    e->last_used_ms = SDL_GetTicks64();
    v->entries[v->entry_count++] = e;
    return e;
}

/* Drops the least recently used ready prompts while the cache is over its
 * cap.  Only on the caller's thread with v->lock held; an entry used in the
 * last minute may still be playing and is never dropped. */
static void evict_locked(Voice *v)
{
    uint64_t now = SDL_GetTicks64();
    while (v->stats.cached_bytes > voice_cache_cap) {
        int oldest = -1;
        for (int i = 0; i < v->entry_count; i++) {
            Entry *e = v->entries[i];
            if (e->state != ENTRY_READY || now - e->last_used_ms < VOICE_EVICT_AFTER_MS)
                continue;
            if (oldest < 0 || e->last_used_ms < v->entries[oldest]->last_used_ms)
                oldest = i;
        }
        if (oldest < 0)
            return;
        Entry *e = v->entries[oldest];
        v->stats.cached_bytes -= e->bytes;
        v->entries[oldest] = v->entries[--v->entry_count];
        free_entry(e);
    }
}

static int worker_main(void *arg)
{
    Voice *v = arg;
    SDL_LockMutex(v->lock);
    for (;;) {
        while (!v->quit && v->queued == 0)
            SDL_CondWait(v->changed, v->lock);
        if (v->quit)
            break;
        Entry *next = NULL;
        for (int i = 0; i < v->entry_count; i++) {
            Entry *e = v->entries[i];
            if (e->state == ENTRY_QUEUED && (!next || e->queued_seq < next->queued_seq))
                next = e;
        }
        if (!next) { /* voice_get took them all */
            v->queued = 0;
            continue;
        }
        next->state = ENTRY_WORKING;
        v->queued--;
        v->worker_busy = true;
        SDL_UnlockMutex(v->lock);
        make_entry(v, next);
        SDL_LockMutex(v->lock);
        v->worker_busy = false;
        SDL_CondBroadcast(v->changed);
    }
    SDL_UnlockMutex(v->lock);
    return 0;
}

Voice *voice_open(const char *voice_dir, char *message, size_t message_size)
{
    if (message_size) message[0] = '\0';
    int freq = 0, channels = 0;
    Uint16 format = 0;
    if (!Mix_QuerySpec(&freq, &format, &channels)) {
        snprintf(message, message_size, "Voice: the mixer is not open.");
        return NULL;
    }
    Voice *v = calloc(1, sizeof *v);
    if (!v) {
        snprintf(message, message_size, "Voice: out of memory.");
        return NULL;
    }
    v->freq = freq;
    v->format = format;
    v->channels = channels;
    if (voice_dir)
        snprintf(v->dir, sizeof v->dir, "%s", voice_dir);
    flite_init();
    v->flite = register_cmu_us_slt(NULL);
    v->flite_lock = SDL_CreateMutex();
    v->lock = SDL_CreateMutex();
    v->changed = SDL_CreateCond();
    if (v->flite && v->flite_lock && v->lock && v->changed)
        v->worker = SDL_CreateThread(worker_main, "corequest-voice", v);
    if (!v->worker) {
        snprintf(message, message_size, "Voice: could not start (%s).",
                 v->flite ? SDL_GetError() : "no flite voice");
        voice_close(v);
        return NULL;
    }
    return v;
}

void voice_close(Voice *v)
{
    if (!v)
        return;
    if (v->worker) {
        SDL_LockMutex(v->lock);
        v->quit = true;
        SDL_CondBroadcast(v->changed);
        SDL_UnlockMutex(v->lock);
        SDL_WaitThread(v->worker, NULL);
    }
    for (int i = 0; i < v->entry_count; i++)
        free_entry(v->entries[i]);
    free(v->entries);
    if (v->changed) SDL_DestroyCond(v->changed);
    if (v->lock) SDL_DestroyMutex(v->lock);
    if (v->flite_lock) SDL_DestroyMutex(v->flite_lock);
    if (v->flite) unregister_cmu_us_slt(v->flite);
    free(v);
}

void voice_prepare(Voice *v, const char *key, const char *text)
{
    if (!v || !text || !text[0])
        return;
    if (!key) key = "";
    SDL_LockMutex(v->lock);
    if (!find_entry(v, key, text) && v->queued < VOICE_QUEUE_MAX) {
        evict_locked(v);
        if (add_entry(v, key, text, ENTRY_QUEUED)) {
            v->queued++;
            SDL_CondBroadcast(v->changed);
        }
    }
    SDL_UnlockMutex(v->lock);
}

Mix_Chunk *voice_get(Voice *v, const char *key, const char *text)
{
    if (!v || !text || !text[0])
        return NULL;
    if (!key) key = "";
    SDL_LockMutex(v->lock);
    Entry *e = find_entry(v, key, text);
    if (e && e->state == ENTRY_READY) {
        v->stats.hits++;
    } else {
        v->stats.misses++;
        if (!e) {
            evict_locked(v);
            e = add_entry(v, key, text, ENTRY_WORKING);
            if (e) {
                SDL_UnlockMutex(v->lock);
                make_entry(v, e);
                SDL_LockMutex(v->lock);
            }
        } else if (e->state == ENTRY_QUEUED) {
            /* Needed now: make it here rather than wait behind the queue. */
            e->state = ENTRY_WORKING;
            v->queued--;
            SDL_UnlockMutex(v->lock);
            make_entry(v, e);
            SDL_LockMutex(v->lock);
        }
        while (e && e->state == ENTRY_WORKING)
            SDL_CondWait(v->changed, v->lock);
    }
    Mix_Chunk *chunk = NULL;
    if (e) {
        e->last_used_ms = SDL_GetTicks64();
        chunk = e->chunk;
    }
    SDL_UnlockMutex(v->lock);
    return chunk;
}

int voice_length_ms(Voice *v, const char *key, const char *text, int make_now)
{
    if (!v || !text || !text[0])
        return -1;
    if (!key) key = "";
    Mix_Chunk *chunk = NULL;
    if (make_now) {
        chunk = voice_get(v, key, text);
    } else {
        SDL_LockMutex(v->lock);
        Entry *e = find_entry(v, key, text);
        if (e && e->state == ENTRY_READY)
            chunk = e->chunk;
        SDL_UnlockMutex(v->lock);
    }
    if (!chunk)
        return -1;
    long long frame_bytes = (long long)SDL_AUDIO_BITSIZE(v->format) / 8 * v->channels;
    long long frames = frame_bytes > 0 ? (long long)chunk->alen / frame_bytes : 0;
    return (int)(frames * 1000 / (v->freq > 0 ? v->freq : 48000));
}

void voice_wait_idle(Voice *v)
{
    if (!v)
        return;
    SDL_LockMutex(v->lock);
    while (v->queued > 0 || v->worker_busy)
        SDL_CondWait(v->changed, v->lock);
    SDL_UnlockMutex(v->lock);
}

VoiceStats voice_stats(Voice *v)
{
    VoiceStats s = {0};
    if (!v)
        return s;
    SDL_LockMutex(v->lock);
    s = v->stats;
    SDL_UnlockMutex(v->lock);
    return s;
}
