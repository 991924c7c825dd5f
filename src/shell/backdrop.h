/* backdrop.h: the static layer of a screen.  What does not change from one
 * frame to the next (panels, labels, captions, hints) is drawn once into a
 * screen-sized texture and copied each frame; only what moves is drawn on
 * top.  The texture is redrawn when its key (a hash of what it shows)
 * changes.  The text lines it holds are recorded again on every copy, so
 * the layout tests see them as if they had been drawn. */
#ifndef COREQUEST_BACKDROP_H
#define COREQUEST_BACKDROP_H

#include <stdbool.h>
#include <stdint.h>
#include <SDL.h>

#include "text.h"

typedef struct Backdrop Backdrop;

/* format: the output's pixel format, so the copy is a plain blit.  NULL
 * if out of memory; a renderer without target textures makes a backdrop
 * that always asks to be drawn and draws straight to the output. */
Backdrop *backdrop_open(SDL_Renderer *renderer, TextCache *text, Uint32 format);
void backdrop_close(Backdrop *b);

/* Starts the static layer of a frame for key.  True: the caller draws the
 * static parts now (into the texture, cleared to bg), then calls
 * backdrop_end.  False: the cached layer is already copied to the output,
 * and backdrop_end only finishes.  Either way, call backdrop_end. */
bool backdrop_begin(Backdrop *b, uint64_t key, SDL_Color bg);
void backdrop_end(Backdrop *b);
/* Forgets the layer: the next begin redraws it. */
void backdrop_invalidate(Backdrop *b);
/* Layers drawn and layers reused since open (for the bench and tests). */
void backdrop_counts(const Backdrop *b, long *drawn, long *reused);

/* FNV-1a, to build keys from what a layer shows. */
uint64_t backdrop_hash(uint64_t h, const void *data, size_t size);
uint64_t backdrop_hash_str(uint64_t h, const char *s);
enum { BACKDROP_HASH_START = 0 };

#endif
