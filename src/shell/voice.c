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

/* The voice libraries ship no header for their registration functions. */
#define VOICE_DECLARE(name)                                \
    cst_voice *register_cmu_us_##name(const char *voxdir); \
    void unregister_cmu_us_##name(cst_voice *voice);
VOICE_DECLARE(slt)
VOICE_DECLARE(rms)
VOICE_DECLARE(awb)
VOICE_DECLARE(kal16)
VOICE_DECLARE(kal)
#undef VOICE_DECLARE

typedef struct {
    const char *name;  /* flite's: cmu_us_<name> */
    const char *label;
    cst_voice *(*load)(const char *voxdir);
    void (*unload)(cst_voice *voice);
} VoiceInfo;

/* Appended to, never reordered: saves hold indexes into it.  All five come
 * with Debian's flite1-dev; all use the CMU US English lexicon. */
static const VoiceInfo voice_infos[] = {
    {"slt", "Woman, American (slt)", register_cmu_us_slt, unregister_cmu_us_slt},
    {"rms", "Man, American (rms)", register_cmu_us_rms, unregister_cmu_us_rms},
    {"awb", "Man, Scottish (awb)", register_cmu_us_awb, unregister_cmu_us_awb},
    {"kal16", "Man, American, robotic (kal16)", register_cmu_us_kal16, unregister_cmu_us_kal16},
    {"kal", "Man, robotic, telephone quality (kal)", register_cmu_us_kal, unregister_cmu_us_kal},
};
enum { VOICE_INFO_COUNT = (int)(sizeof voice_infos / sizeof voice_infos[0]) };

/* Words the lexicon lacks and flite's letter-to-sound rules get wrong
 * ("gamepad" came out as "gahm-pad"): said as the words they are made of. */
static const char *const lexicon_additions[] = {
    "gamepad : g ey1 m p ae1 d",
    "gamepads : g ey1 m p ae1 d z",
};

/* flite's voices are process-wide: registering one twice gives the same
 * voice, and unregistering frees it for every user.  flite also keeps
 * global state while it synthesises.  So the users of each voice are
 * counted here, and every call into flite holds one process-wide lock. */
static struct {
    SDL_SpinLock guard;     /* guards users and lock's creation (briefly) */
    int users;              /* voices held by all open Voices */
    SDL_mutex *lock;        /* held around every call into flite */
    /* Under lock: */
    cst_voice *loaded[VOICE_INFO_COUNT];
    float own_stretch[VOICE_INFO_COUNT]; /* the voice's duration_stretch */
    int loaded_users[VOICE_INFO_COUNT];
    cst_lexicon *lexicon;   /* the one given lexicon_additions */
} flite_state;

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

    /* Written under flite_state.lock; the worker reads them under it too. */
    int voice;
    int rate;
    cst_voice *flite;
    float stretch;         /* duration_stretch for this Voice's speed */

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

/* FNV-1a: any fixed function of the text will do. */
static unsigned text_seed(const char *text)
{
    unsigned h = 2166136261u;
    for (const unsigned char *c = (const unsigned char *)text; *c; c++)
        h = (h ^ *c) * 16777619u;
    return h;
}

/* flite gives mono 16-bit at its own rate; the mixer wants its own format. */
static Uint8 *synthesise(Voice *v, const char *text, Uint32 *out_len)
{
    SDL_LockMutex(flite_state.lock);
    /* Set at every call: another Voice may share this flite voice at
     * another speed. */
    feat_set_float(v->flite->features, "duration_stretch", v->stretch);
    /* flite dithers its output with rand(): seeded from the text, the same
     * prompt always gives the same samples, so its trimmed length, which
     * the session plans with, is the same at every synthesis. */
    srand(text_seed(text));
    cst_wave *w = flite_text_to_wave(text, v->flite);
    SDL_UnlockMutex(flite_state.lock);
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

/* The lexicon additions go into the lexicon of the first voice loaded (all
 * of voice_infos share it) and come out when the last voice is let go. */
static void lexicon_add_words(cst_voice *vox)
{
    if (flite_state.lexicon || !feat_present(vox->features, "lexicon"))
        return;
    cst_lexicon *lex = val_lexicon(feat_val(vox->features, "lexicon"));
    if (!lex || lex->lex_addenda) /* someone else's additions: leave them be */
        return;
    cst_val *words = NULL;
    int n = (int)(sizeof lexicon_additions / sizeof lexicon_additions[0]);
    for (int i = n - 1; i >= 0; i--) {
        cst_val *entry = cst_lex_make_entry(lex, lexicon_additions[i]);
        if (entry)
            words = cons_val(entry, words);
    }
    lex->lex_addenda = words;
    flite_state.lexicon = lex;
}

static void lexicon_remove_words(void)
{
    if (!flite_state.lexicon)
        return;
    delete_val(flite_state.lexicon->lex_addenda);
    flite_state.lexicon->lex_addenda = NULL;
    flite_state.lexicon = NULL;
}

/* Ends one user's claim on flite_state.lock; the last one frees it. */
static void flite_drop_user(void)
{
    SDL_AtomicLock(&flite_state.guard);
    if (--flite_state.users == 0) {
        SDL_DestroyMutex(flite_state.lock);
        flite_state.lock = NULL;
    }
    SDL_AtomicUnlock(&flite_state.guard);
}

/* Holds flite voice `voice` (an index into voice_infos) for one user,
 * loading it for the first.  *own_stretch: the voice's own
 * duration_stretch.  NULL when it cannot be loaded. */
static cst_voice *flite_hold(int voice, float *own_stretch)
{
    SDL_AtomicLock(&flite_state.guard);
    if (!flite_state.lock)
        flite_state.lock = SDL_CreateMutex();
    bool have_lock = flite_state.lock != NULL;
    if (have_lock)
        flite_state.users++;
    SDL_AtomicUnlock(&flite_state.guard);
    if (!have_lock)
        return NULL;

    SDL_LockMutex(flite_state.lock);
    cst_voice *vox = flite_state.loaded[voice];
    if (!vox) {
        flite_init();
        vox = voice_infos[voice].load(NULL);
        if (vox) {
            flite_state.loaded[voice] = vox;
            flite_state.own_stretch[voice] =
                get_param_float(vox->features, "duration_stretch", 1.0f);
            lexicon_add_words(vox);
        }
    }
    if (vox) {
        flite_state.loaded_users[voice]++;
        *own_stretch = flite_state.own_stretch[voice];
    }
    SDL_UnlockMutex(flite_state.lock);
    if (!vox)
        flite_drop_user();
    return vox;
}

static void flite_let_go(int voice)
{
    SDL_LockMutex(flite_state.lock);
    if (--flite_state.loaded_users[voice] == 0) {
        voice_infos[voice].unload(flite_state.loaded[voice]);
        flite_state.loaded[voice] = NULL;
        bool any_loaded = false;
        for (int i = 0; i < VOICE_INFO_COUNT; i++)
            any_loaded = any_loaded || flite_state.loaded[i];
        if (!any_loaded)
            lexicon_remove_words();
    }
    SDL_UnlockMutex(flite_state.lock);
    flite_drop_user();
}

static int clamp_rate(int rate)
{
    return rate < VOICE_RATE_MIN ? VOICE_RATE_MIN : rate > VOICE_RATE_MAX ? VOICE_RATE_MAX : rate;
}

int voice_count(void) { return VOICE_INFO_COUNT; }

const char *voice_name(int voice)
{
    return voice >= 0 && voice < VOICE_INFO_COUNT ? voice_infos[voice].name : NULL;
}

const char *voice_label(int voice)
{
    return voice >= 0 && voice < VOICE_INFO_COUNT ? voice_infos[voice].label : NULL;
}

int voice_find(const char *name)
{
    for (int i = 0; name && i < VOICE_INFO_COUNT; i++)
        if (strcmp(voice_infos[i].name, name) == 0)
            return i;
    return -1;
}

Voice *voice_open(const char *voice_dir, int voice, int rate_percent, char *message,
                  size_t message_size)
{
    if (message_size) message[0] = '\0';
    int freq = 0, channels = 0;
    Uint16 format = 0;
    if (!Mix_QuerySpec(&freq, &format, &channels)) {
        snprintf(message, message_size, "Voice: the mixer is not open.");
        return NULL;
    }
    if (voice < 0 || voice >= VOICE_INFO_COUNT) {
        snprintf(message, message_size, "Voice: there is no voice number %d.", voice);
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
    float own_stretch = 1.0f;
    v->voice = voice;
    v->rate = clamp_rate(rate_percent);
    v->flite = flite_hold(voice, &own_stretch);
    v->stretch = own_stretch * 100.0f / (float)v->rate;
    v->lock = SDL_CreateMutex();
    v->changed = SDL_CreateCond();
    if (v->flite && v->lock && v->changed)
        v->worker = SDL_CreateThread(worker_main, "corequest-voice", v);
    if (!v->worker) {
        if (v->flite)
            snprintf(message, message_size, "Voice: could not start (%s).", SDL_GetError());
        else
            snprintf(message, message_size, "Voice: flite could not load cmu_us_%s.",
                     voice_infos[voice].name);
        voice_close(v);
        return NULL;
    }
    return v;
}

/* Frees every prompt the old voice made, once the one being made is done.
 * Recordings stay: they do not depend on the voice. */
static void drop_synthesised(Voice *v)
{
    SDL_LockMutex(v->lock);
    for (;;) {
        bool working = false;
        for (int i = 0; i < v->entry_count && !working; i++)
            working = v->entries[i]->state == ENTRY_WORKING;
        if (!working)
            break;
        SDL_CondWait(v->changed, v->lock);
    }
    int kept = 0;
    for (int i = 0; i < v->entry_count; i++) {
        Entry *e = v->entries[i];
        bool by_voice = e->state == ENTRY_FAILED || (e->state == ENTRY_READY && e->pcm);
        if (by_voice) {
            v->stats.cached_bytes -= e->bytes;
            free_entry(e);
        } else {
            v->entries[kept++] = e;
        }
    }
    v->entry_count = kept;
    SDL_UnlockMutex(v->lock);
}

int voice_set(Voice *v, int voice, int rate_percent)
{
    if (!v || voice < 0 || voice >= VOICE_INFO_COUNT)
        return -1;
    int rate = clamp_rate(rate_percent);
    if (voice == v->voice && rate == v->rate)
        return 0;
    float own_stretch = 1.0f;
    cst_voice *vox = flite_hold(voice, &own_stretch);
    if (!vox)
        return -1;
    int old = v->voice;
    /* Under flite's lock, so that the worker makes each prompt wholly with
     * the old voice or wholly with the new. */
    SDL_LockMutex(flite_state.lock);
    v->flite = vox;
    v->voice = voice;
    v->rate = rate;
    v->stretch = own_stretch * 100.0f / (float)rate;
    SDL_UnlockMutex(flite_state.lock);
    flite_let_go(old);
    drop_synthesised(v);
    return 0;
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
    if (v->flite) flite_let_go(v->voice);
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
