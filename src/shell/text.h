/* text.h: SDL_ttf text in the shipped hyperlegible font, fitted into boxes
 * (wrapped, shrunk, never below the layout's minimum) and cached as textures
 * so that a string is rendered once, not every frame. */
#ifndef COREQUEST_TEXT_H
#define COREQUEST_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <SDL.h>

#include "layout.h"

typedef struct TextCache TextCache;

typedef enum { TEXT_REGULAR, TEXT_BOLD, TEXT_WEIGHT_COUNT } TextWeight;
typedef enum { TEXT_ALIGN_LEFT, TEXT_ALIGN_CENTER, TEXT_ALIGN_RIGHT } TextAlign;
typedef enum { TEXT_VALIGN_CENTER, TEXT_VALIGN_TOP, TEXT_VALIGN_BOTTOM } TextVAlign;

typedef struct {
    TextSize size;
    TextWeight weight;
    SDL_Color color;
    TextAlign align;
    TextVAlign valign;
    int max_lines; /* 0 or 1: one line; more: wrap up to that many */
} TextStyle;

/* One line of text as drawn this frame, for the layout tests. */
typedef struct {
    SDL_Rect rect;    /* the line's box: its width and the font's line height */
    SDL_Rect box;     /* the box the whole text was fitted into */
    int px;           /* the font size used */
    bool cut;         /* the text did not fit: ellipsised (or a word split) */
    int block;        /* lines of one text share it; different texts differ */
    int layer;        /* text_begin_layer count: overlays draw on a new one */
    const char *text; /* the whole text (valid until the cache drops it) */
} TextRecord;

typedef struct {
    long renders;  /* lines rendered by SDL_ttf since open */
    long hits;     /* draws served from the cache */
    int blocks;    /* cached blocks now */
} TextStats;

/* Opens both weights of the font in assets_dir/fonts.  Returns NULL and
 * fills message if a font cannot be opened.  TTF_Init is the caller's. */
TextCache *text_open(SDL_Renderer *renderer, const char *assets_dir,
                     char *message, size_t message_size);
void text_close(TextCache *tc);

/* Sizes come from the layout; a new layout drops the cached textures. */
void text_set_layout(TextCache *tc, const Layout *layout);
/* Starts a frame: forgets last frame's records, ages the cache. */
void text_begin_frame(TextCache *tc);
/* What is drawn from here on lies over what was drawn before (an overlay
 * over a dimmed screen): records carry a new layer number. */
void text_begin_layer(TextCache *tc);

/* Draws text fitted into box: wrapped to style.max_lines, shrunk toward the
 * layout's minimum size if needed, and ellipsised as a last resort.
 * Returns the rectangle covered (empty for empty text). */
SDL_Rect text_draw(TextCache *tc, const char *text, SDL_Rect box, TextStyle style);
/* Same fitting, nothing drawn or recorded. */
SDL_Rect text_measure(TextCache *tc, const char *text, SDL_Rect box, TextStyle style);
/* The line height of a role at its full size. */
int text_line_height(TextCache *tc, TextSize size, TextWeight weight);
/* Width of one line at a role's full size (no fitting). */
int text_width(TextCache *tc, const char *text, TextSize size, TextWeight weight);

int text_records(const TextCache *tc, const TextRecord **out);
/* Records lines drawn earlier (a cached layer copied this frame) as if
 * drawn now: on the current layer, each text its own new block number.
 * The records' text pointers must stay valid for the frame. */
void text_records_replay(TextCache *tc, const TextRecord *recs, int n);
TextStats text_stats(const TextCache *tc);

/* A style with the defaults filled in: one line, centred both ways. */
TextStyle text_style(TextSize size, TextWeight weight, SDL_Color color);

#endif
