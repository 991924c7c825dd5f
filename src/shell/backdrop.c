/* backdrop.c: a screen-sized target texture holding a screen's static
 * layer, keyed by a hash of what it shows, and the text records it holds. */
#include "backdrop.h"

#include <stdlib.h>
#include <string.h>

enum { BACKDROP_RECORDS = 256, BACKDROP_TEXT_BYTES = 16384 };

struct Backdrop {
    SDL_Renderer *renderer;
    TextCache *text;
    Uint32 format;
    bool targets;       /* the renderer can draw into textures */
    SDL_Texture *tex;
    int w, h;
    bool valid;
    uint64_t key;
    bool drawing;       /* between a begin that returned true and its end */
    int record_start;   /* the frame's records when drawing began */
    TextRecord records[BACKDROP_RECORDS];
    int record_count;
    char text_pool[BACKDROP_TEXT_BYTES]; /* the records' texts, copied */
    long drawn, reused;
};

Backdrop *backdrop_open(SDL_Renderer *renderer, TextCache *text, Uint32 format)
{
    Backdrop *b = calloc(1, sizeof *b);
    if (!b)
        return NULL;
    b->renderer = renderer;
    b->text = text;
    b->format = format;
    SDL_RendererInfo info;
    b->targets = SDL_GetRendererInfo(renderer, &info) == 0 &&
                 (info.flags & SDL_RENDERER_TARGETTEXTURE) != 0;
    return b;
}

void backdrop_close(Backdrop *b)
{
    if (!b)
        return;
    if (b->tex)
        SDL_DestroyTexture(b->tex);
    free(b);
}

void backdrop_invalidate(Backdrop *b)
{
    b->valid = false;
}

void backdrop_counts(const Backdrop *b, long *drawn, long *reused)
{
    *drawn = b->drawn;
    *reused = b->reused;
}

uint64_t backdrop_hash(uint64_t h, const void *data, size_t size)
{
    if (h == BACKDROP_HASH_START)
        h = 1469598103934665603ull;
    const unsigned char *p = data;
    for (size_t i = 0; i < size; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

uint64_t backdrop_hash_str(uint64_t h, const char *s)
{
    /* The terminator too, so "ab"+"c" and "a"+"bc" differ. */
    return backdrop_hash(h, s ? s : "", s ? strlen(s) + 1 : 1);
}

/* A texture the output's size, or false (then the layer is drawn straight
 * to the output every frame). */
static bool ensure_texture(Backdrop *b)
{
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(b->renderer, &w, &h) != 0 || w < 1 || h < 1)
        return false;
    if (b->tex && b->w == w && b->h == h)
        return true;
    if (b->tex)
        SDL_DestroyTexture(b->tex);
    b->valid = false;
    b->tex = SDL_CreateTexture(b->renderer, b->format, SDL_TEXTUREACCESS_TARGET, w, h);
    if (!b->tex)
        return false;
    /* Copied over everything each frame: no blending, a plain blit. */
    SDL_SetTextureBlendMode(b->tex, SDL_BLENDMODE_NONE);
    b->w = w;
    b->h = h;
    return true;
}

bool backdrop_begin(Backdrop *b, uint64_t key, SDL_Color bg)
{
    bool cached = b->targets && ensure_texture(b);
    if (cached && b->valid && b->key == key) {
        SDL_RenderCopy(b->renderer, b->tex, NULL, NULL);
        text_records_replay(b->text, b->records, b->record_count);
        b->reused++;
        b->drawing = false;
        return false;
    }
    b->drawn++;
    b->drawing = true;
    b->valid = false;
    const TextRecord *recs;
    b->record_start = text_records(b->text, &recs);
    if (cached && SDL_SetRenderTarget(b->renderer, b->tex) == 0) {
        b->key = key;
        b->valid = true; /* once end has copied it */
    }
    SDL_SetRenderDrawColor(b->renderer, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(b->renderer);
    return true;
}

void backdrop_end(Backdrop *b)
{
    if (!b->drawing)
        return;
    b->drawing = false;
    if (!b->valid)
        return; /* drawn straight to the output */
    SDL_SetRenderTarget(b->renderer, NULL);
    SDL_RenderCopy(b->renderer, b->tex, NULL, NULL);
    /* Keep what was recorded, with the texts copied: the text cache may
     * drop its blocks while this layer is still in use. */
    const TextRecord *recs;
    int n = text_records(b->text, &recs);
    b->record_count = 0;
    size_t used = 0;
    for (int i = b->record_start; i < n && b->record_count < BACKDROP_RECORDS; i++) {
        TextRecord r = recs[i];
        const char *t = r.text ? r.text : "";
        size_t len = strlen(t) + 1;
        if (used + len > sizeof b->text_pool) {
            b->valid = false; /* too much to keep: drawn again next frame */
            return;
        }
        memcpy(b->text_pool + used, t, len);
        r.text = b->text_pool + used;
        used += len;
        b->records[b->record_count++] = r;
    }
    if (n - b->record_start > BACKDROP_RECORDS)
        b->valid = false;
}
