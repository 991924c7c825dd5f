/* text.c: fitted, cached text.  Each distinct (text, box, style) becomes a
 * block of line textures rendered once in white and tinted when drawn. */
#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <SDL_ttf.h>

enum {
    FONT_SLOTS = 32,
    BLOCK_SLOTS = 384,
    BLOCK_MAX_LINES = 12,
    RECORD_MAX = 1024,
    FONT_PATH_MAX = 1024,
    LINE_BYTES_MAX = 1024
};

static const char *const font_files[TEXT_WEIGHT_COUNT] = {
    "fonts/atkinson-hyperlegible-latin-400-normal.woff",
    "fonts/atkinson-hyperlegible-latin-700-normal.woff",
};

typedef struct {
    TTF_Font *font;
    TextWeight weight;
    int px;
    unsigned long last_used;
} FontSlot;

typedef struct {
    int start, len; /* bytes of the source text; len < 0: ellipsised copy */
    char *owned;    /* the ellipsised text when the line was cut */
    int w;
} Line;

typedef struct {
    Line lines[BLOCK_MAX_LINES];
    int count;
    int px;
    int line_h, skip;
    bool cut; /* not all of the text is shown as written */
} Fit;

typedef struct {
    bool used;
    uint64_t hash;
    char *text;
    int box_w, box_h;
    TextSize size;
    TextWeight weight;
    TextAlign align;
    TextVAlign valign;
    int max_lines;
    int px;
    int line_count;
    bool cut; /* ellipsised, or a word split across lines: not all shown */
    SDL_Texture *tex[BLOCK_MAX_LINES];
    SDL_Rect dst[BLOCK_MAX_LINES]; /* relative to the box's corner */
    unsigned long last_used;
} Block;

struct TextCache {
    SDL_Renderer *renderer;
    char font_path[TEXT_WEIGHT_COUNT][FONT_PATH_MAX];
    FontSlot fonts[FONT_SLOTS];
    Layout layout;
    bool has_layout;
    Block blocks[BLOCK_SLOTS];
    TextRecord records[RECORD_MAX];
    int record_count;
    int layer;
    int draw_serial; /* numbers the texts drawn this frame */
    unsigned long frame;
    TextStats stats;
};

static void block_clear(Block *b)
{
    for (int i = 0; i < b->line_count; i++)
        if (b->tex[i])
            SDL_DestroyTexture(b->tex[i]);
    free(b->text);
    memset(b, 0, sizeof *b);
}

static void cache_clear(TextCache *tc)
{
    for (int i = 0; i < BLOCK_SLOTS; i++)
        if (tc->blocks[i].used)
            block_clear(&tc->blocks[i]);
    tc->stats.blocks = 0;
}

TextCache *text_open(SDL_Renderer *renderer, const char *assets_dir,
                     char *message, size_t message_size)
{
    TextCache *tc = calloc(1, sizeof *tc);
    if (!tc) {
        snprintf(message, message_size, "out of memory");
        return NULL;
    }
    tc->renderer = renderer;
    for (int w = 0; w < TEXT_WEIGHT_COUNT; w++) {
        snprintf(tc->font_path[w], FONT_PATH_MAX, "%s/%s", assets_dir, font_files[w]);
        /* Open once now so a missing font is reported at start, not mid-run. */
        TTF_Font *probe = TTF_OpenFont(tc->font_path[w], 24);
        if (!probe) {
            snprintf(message, message_size, "cannot open the font %s: %s",
                     tc->font_path[w], TTF_GetError());
            free(tc);
            return NULL;
        }
        TTF_CloseFont(probe);
    }
    Layout l;
    layout_compute(&l, 1280, 720);
    text_set_layout(tc, &l);
    return tc;
}

void text_close(TextCache *tc)
{
    if (!tc)
        return;
    cache_clear(tc);
    for (int i = 0; i < FONT_SLOTS; i++)
        if (tc->fonts[i].font)
            TTF_CloseFont(tc->fonts[i].font);
    free(tc);
}

void text_set_layout(TextCache *tc, const Layout *layout)
{
    if (tc->has_layout && tc->layout.w == layout->w && tc->layout.h == layout->h)
        return;
    tc->layout = *layout;
    tc->has_layout = true;
    cache_clear(tc);
}

void text_begin_frame(TextCache *tc)
{
    tc->frame++;
    tc->record_count = 0;
    tc->layer = 0;
    tc->draw_serial = 0;
}

void text_begin_layer(TextCache *tc)
{
    tc->layer++;
}

static TTF_Font *font_get(TextCache *tc, TextWeight weight, int px)
{
    int victim = 0;
    for (int i = 0; i < FONT_SLOTS; i++) {
        FontSlot *f = &tc->fonts[i];
        if (f->font && f->weight == weight && f->px == px) {
            f->last_used = tc->frame;
            return f->font;
        }
        if (!f->font || (tc->fonts[victim].font && f->last_used < tc->fonts[victim].last_used))
            victim = i;
    }
    FontSlot *f = &tc->fonts[victim];
    if (f->font)
        TTF_CloseFont(f->font);
    f->font = TTF_OpenFont(tc->font_path[weight], px);
    f->weight = weight;
    f->px = px;
    f->last_used = tc->frame;
    return f->font;
}

static int measure(TTF_Font *font, const char *s, int len)
{
    char buf[LINE_BYTES_MAX];
    if (len >= LINE_BYTES_MAX)
        len = LINE_BYTES_MAX - 1;
    memcpy(buf, s, (size_t)len);
    buf[len] = '\0';
    int w = 0, h = 0;
    if (TTF_SizeUTF8(font, buf, &w, &h) != 0)
        return 0;
    return w;
}

/* Bytes of s (up to len) that fit in max_w, never splitting a UTF-8 char. */
static int fit_chars(TTF_Font *font, const char *s, int len, int max_w)
{
    int n = len;
    while (n > 1 && measure(font, s, n) > max_w) {
        n--;
        while (n > 1 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    return n;
}

static void fit_free(Fit *fit)
{
    for (int i = 0; i < fit->count; i++)
        free(fit->lines[i].owned);
    fit->count = 0;
}

/* Greedy word wrap into at most max_lines lines of max_w.  Returns true if
 * the whole text fitted. */
static bool wrap(TTF_Font *font, const char *text, int max_w, int max_lines, Fit *fit)
{
    int len = (int)strlen(text);
    int p = 0;
    fit->count = 0;
    fit->cut = false;
    while (p < len && fit->count < max_lines) {
        while (p < len && text[p] == ' ')
            p++;
        if (p >= len)
            break;
        int end = p;      /* end of the best line found so far */
        int q = p;
        bool hard_break = false;
        while (q < len) {
            int word_end = q;
            while (word_end < len && text[word_end] != ' ' && text[word_end] != '\n')
                word_end++;
            if (word_end - p >= LINE_BYTES_MAX - 4 || measure(font, text + p, word_end - p) > max_w)
                break;
            end = word_end;
            q = word_end;
            if (q < len && text[q] == '\n') {
                hard_break = true;
                break;
            }
            while (q < len && text[q] == ' ')
                q++;
        }
        if (end == p) { /* one word wider than the box: cut inside it */
            fit->cut = true;
            end = p + fit_chars(font, text + p, len - p < LINE_BYTES_MAX - 4 ? len - p : LINE_BYTES_MAX - 4, max_w);
        }
        Line *line = &fit->lines[fit->count++];
        line->start = p;
        line->len = end - p;
        line->owned = NULL;
        line->w = measure(font, text + p, end - p);
        p = end;
        if (hard_break)
            p++;
    }
    while (p < len && (text[p] == ' ' || text[p] == '\n'))
        p++;
    return p >= len;
}

/* Cuts the last line so that it ends in an ellipsis and fits max_w. */
static void ellipsise(TTF_Font *font, const char *text, int max_w, Fit *fit)
{
    if (fit->count == 0)
        return;
    Line *line = &fit->lines[fit->count - 1];
    static const char ell[] = "\xE2\x80\xA6"; /* U+2026 */
    const char *mark = TTF_GlyphIsProvided32(font, 0x2026) ? ell : "...";
    int rest = (int)strlen(text + line->start);
    if (rest > LINE_BYTES_MAX - 8)
        rest = LINE_BYTES_MAX - 8;
    char buf[LINE_BYTES_MAX];
    int keep = rest;
    for (;;) {
        /* Prefer cutting at a word boundary. */
        while (keep > 0 && text[line->start + keep - 1] == ' ')
            keep--;
        snprintf(buf, sizeof buf, "%.*s%s", keep, text + line->start, mark);
        if (keep == 0 || measure(font, buf, (int)strlen(buf)) <= max_w)
            break;
        int k = keep - 1;
        while (k > 0 && text[line->start + k] != ' ')
            k--;
        keep = k > 0 ? k : keep - 1;
        while (keep > 0 && ((unsigned char)text[line->start + keep] & 0xC0) == 0x80)
            keep--;
    }
    line->owned = malloc(strlen(buf) + 1);
    if (line->owned)
        strcpy(line->owned, buf);
    line->len = -1;
    line->w = measure(font, buf, (int)strlen(buf));
}

/* The fitting rule: the role's size if it fits, else smaller sizes down to
 * the layout minimum, then an ellipsis.  Returns false if no font opened. */
static bool fit_text(TextCache *tc, const char *text, SDL_Rect box, TextStyle st, Fit *fit)
{
    int want_lines = st.max_lines < 1 ? 1 : st.max_lines;
    if (want_lines > BLOCK_MAX_LINES)
        want_lines = BLOCK_MAX_LINES;
    int px = tc->layout.text_px[st.size];
    int min_px = tc->layout.min_text_px;
    if (px < min_px)
        px = min_px;
    for (;;) {
        TTF_Font *font = font_get(tc, st.weight, px);
        if (!font)
            return false;
        int line_h = TTF_FontHeight(font);
        int skip = TTF_FontLineSkip(font);
        int room = line_h > box.h ? 1 : 1 + (box.h - line_h) / (skip > 0 ? skip : line_h);
        int lines = room < want_lines ? room : want_lines;
        fit->px = px;
        fit->line_h = line_h;
        fit->skip = skip;
        bool all = wrap(font, text, box.w, lines, fit);
        /* A word split across lines counts as not fitting while a smaller
         * size is left to try. */
        /* So does a line taller than the box. */
        bool tall = line_h > box.h;
        if (all && ((!fit->cut && !tall) || px <= min_px))
            return true;
        if (px <= min_px) {
            ellipsise(font, text, box.w, fit);
            fit->cut = true;
            return true;
        }
        fit_free(fit);
        int next = px * 9 / 10;
        px = next < min_px ? min_px : next;
    }
}

static void place_lines(const Fit *fit, SDL_Rect box, TextStyle st, SDL_Rect *dst)
{
    int total = fit->count > 0 ? fit->line_h + fit->skip * (fit->count - 1) : 0;
    int y0 = 0;
    if (st.valign == TEXT_VALIGN_CENTER)
        y0 = (box.h - total) / 2;
    else if (st.valign == TEXT_VALIGN_BOTTOM)
        y0 = box.h - total;
    if (y0 < 0 && total <= box.h)
        y0 = 0;
    for (int i = 0; i < fit->count; i++) {
        int w = fit->lines[i].w;
        int x = 0;
        if (st.align == TEXT_ALIGN_CENTER)
            x = (box.w - w) / 2;
        else if (st.align == TEXT_ALIGN_RIGHT)
            x = box.w - w;
        dst[i] = (SDL_Rect){x, y0 + fit->skip * i, w, fit->line_h};
    }
}

static uint64_t hash_key(const char *text, SDL_Rect box, TextStyle st)
{
    uint64_t h = 1469598103934665603ull;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        h ^= *p;
        h *= 1099511628211ull;
    }
    int ints[] = {box.w, box.h, (int)st.size, (int)st.weight, (int)st.align,
                  (int)st.valign, st.max_lines};
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        h ^= (uint64_t)(unsigned)ints[i] + 0x9e3779b97f4a7c15ull;
        h *= 1099511628211ull;
    }
    return h;
}

static bool block_matches(const Block *b, uint64_t hash, const char *text, SDL_Rect box, TextStyle st)
{
    return b->used && b->hash == hash && b->box_w == box.w && b->box_h == box.h &&
           b->size == st.size && b->weight == st.weight && b->align == st.align &&
           b->valign == st.valign && b->max_lines == st.max_lines && strcmp(b->text, text) == 0;
}

static Block *block_build(TextCache *tc, uint64_t hash, const char *text, SDL_Rect box, TextStyle st)
{
    Fit fit = {0};
    if (!fit_text(tc, text, box, st, &fit))
        return NULL;
    int victim = -1;
    for (int i = 0; i < BLOCK_SLOTS; i++) {
        if (!tc->blocks[i].used) {
            victim = i;
            break;
        }
        if (victim < 0 || tc->blocks[i].last_used < tc->blocks[victim].last_used)
            victim = i;
    }
    Block *b = &tc->blocks[victim];
    if (b->used)
        block_clear(b);
    else
        tc->stats.blocks++;
    b->used = true;
    b->hash = hash;
    b->text = malloc(strlen(text) + 1);
    if (!b->text) {
        fit_free(&fit);
        b->used = false;
        tc->stats.blocks--;
        return NULL;
    }
    strcpy(b->text, text);
    b->box_w = box.w;
    b->box_h = box.h;
    b->size = st.size;
    b->weight = st.weight;
    b->align = st.align;
    b->valign = st.valign;
    b->max_lines = st.max_lines;
    b->px = fit.px;
    b->cut = fit.cut;
    place_lines(&fit, box, st, b->dst);
    TTF_Font *font = font_get(tc, st.weight, fit.px);
    SDL_Color white = {255, 255, 255, 255};
    for (int i = 0; i < fit.count; i++) {
        char buf[LINE_BYTES_MAX];
        const Line *line = &fit.lines[i];
        if (line->len < 0)
            snprintf(buf, sizeof buf, "%s", line->owned ? line->owned : "");
        else
            snprintf(buf, sizeof buf, "%.*s", line->len, text + line->start);
        b->tex[i] = NULL;
        if (buf[0] && font) {
            SDL_Surface *surf = TTF_RenderUTF8_Blended(font, buf, white);
            tc->stats.renders++;
            if (surf) {
                b->tex[i] = SDL_CreateTextureFromSurface(tc->renderer, surf);
                if (b->tex[i])
                    SDL_SetTextureBlendMode(b->tex[i], SDL_BLENDMODE_BLEND);
                b->dst[i].w = surf->w;
                b->dst[i].h = surf->h;
                SDL_FreeSurface(surf);
            }
        }
    }
    b->line_count = fit.count;
    fit_free(&fit);
    return b;
}

static Block *block_get(TextCache *tc, const char *text, SDL_Rect box, TextStyle st)
{
    uint64_t hash = hash_key(text, box, st);
    for (int i = 0; i < BLOCK_SLOTS; i++) {
        if (block_matches(&tc->blocks[i], hash, text, box, st)) {
            tc->blocks[i].last_used = tc->frame;
            tc->stats.hits++;
            return &tc->blocks[i];
        }
    }
    Block *b = block_build(tc, hash, text, box, st);
    if (b)
        b->last_used = tc->frame;
    return b;
}

static SDL_Rect bounds_of(const SDL_Rect *dst, int count, SDL_Rect box)
{
    if (count == 0)
        return (SDL_Rect){box.x, box.y, 0, 0};
    SDL_Rect u = dst[0];
    for (int i = 1; i < count; i++)
        SDL_UnionRect(&u, &dst[i], &u);
    u.x += box.x;
    u.y += box.y;
    return u;
}

SDL_Rect text_draw(TextCache *tc, const char *text, SDL_Rect box, TextStyle st)
{
    if (!text || !text[0] || box.w <= 0 || box.h <= 0)
        return (SDL_Rect){box.x, box.y, 0, 0};
    Block *b = block_get(tc, text, box, st);
    if (!b)
        return (SDL_Rect){box.x, box.y, 0, 0};
    for (int i = 0; i < b->line_count; i++) {
        SDL_Rect d = b->dst[i];
        d.x += box.x;
        d.y += box.y;
        if (b->tex[i]) {
            SDL_SetTextureColorMod(b->tex[i], st.color.r, st.color.g, st.color.b);
            SDL_SetTextureAlphaMod(b->tex[i], st.color.a);
            SDL_RenderCopy(tc->renderer, b->tex[i], NULL, &d);
        }
        if (tc->record_count < RECORD_MAX)
            tc->records[tc->record_count++] =
                (TextRecord){d, box, b->px, b->cut, tc->draw_serial, tc->layer, b->text};
    }
    tc->draw_serial++;
    return bounds_of(b->dst, b->line_count, box);
}

SDL_Rect text_measure(TextCache *tc, const char *text, SDL_Rect box, TextStyle st)
{
    if (!text || !text[0] || box.w <= 0 || box.h <= 0)
        return (SDL_Rect){box.x, box.y, 0, 0};
    Block *b = block_get(tc, text, box, st);
    if (!b)
        return (SDL_Rect){box.x, box.y, 0, 0};
    return bounds_of(b->dst, b->line_count, box);
}

int text_line_height(TextCache *tc, TextSize size, TextWeight weight)
{
    TTF_Font *font = font_get(tc, weight, tc->layout.text_px[size]);
    return font ? TTF_FontHeight(font) : tc->layout.text_px[size];
}

int text_width(TextCache *tc, const char *text, TextSize size, TextWeight weight)
{
    TTF_Font *font = font_get(tc, weight, tc->layout.text_px[size]);
    int w = 0, h = 0;
    if (!font || TTF_SizeUTF8(font, text, &w, &h) != 0)
        return 0;
    return w;
}

int text_records(const TextCache *tc, const TextRecord **out)
{
    *out = tc->records;
    return tc->record_count;
}

void text_records_replay(TextCache *tc, const TextRecord *recs, int n)
{
    int first = n > 0 ? recs[0].block : 0;
    int last = first;
    for (int i = 0; i < n && tc->record_count < RECORD_MAX; i++) {
        TextRecord r = recs[i];
        r.block = tc->draw_serial + (recs[i].block - first);
        if (r.block > last)
            last = r.block;
        r.layer = tc->layer;
        tc->records[tc->record_count++] = r;
    }
    if (n > 0)
        tc->draw_serial = last + 1;
}

TextStats text_stats(const TextCache *tc)
{
    return tc->stats;
}

TextStyle text_style(TextSize size, TextWeight weight, SDL_Color color)
{
    return (TextStyle){size, weight, color, TEXT_ALIGN_CENTER, TEXT_VALIGN_CENTER, 1};
}
