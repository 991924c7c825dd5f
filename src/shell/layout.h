/* layout.h: the 10-foot layout: a 5% safe area, a type scale tied to the
 * screen height, and rectangle cutting.  Pure arithmetic, testable without a
 * renderer (only SDL_Rect is borrowed from SDL). */
#ifndef COREQUEST_LAYOUT_H
#define COREQUEST_LAYOUT_H

#include <stdbool.h>
#include <SDL_rect.h>

/* Text roles, smallest first.  Every role is at least a thirtieth of the
 * window's shorter side: its height in landscape, its width in portrait. */
typedef enum {
    TEXT_SMALL,   /* hints, calendar labels */
    TEXT_BODY,    /* menus, setup text, captions */
    TEXT_HEADING, /* screen headings, exercise name */
    TEXT_TITLE,   /* the game title, the streak number */
    TEXT_PHASE,   /* GET READY, HOLD, RELAX... */
    TEXT_TIMER,   /* the seconds inside the countdown ring */
    TEXT_SIZE_COUNT
} TextSize;

typedef struct {
    int w, h;             /* output size in pixels */
    SDL_Rect safe;        /* everything drawn that matters lies inside */
    int text_px[TEXT_SIZE_COUNT]; /* font pixel size (em) per role */
    int min_text_px;      /* the smallest size a text may shrink to */
    int gap;              /* the basic spacing unit */
    int line;             /* outline thickness */
    bool portrait;        /* taller than wide: stack instead of columns */
} Layout;

/* Safe-area margin: 5% of each dimension on every side. */
enum { LAYOUT_SAFE_PERCENT = 5 };

void layout_compute(Layout *l, int w, int h);

/* The height below which no text may go: ceil(min(w, h) / 30).  A tall
 * window is read from where a wide one of the same width would be: its
 * height would ask for type no line across it could hold. */
int layout_min_text_height(int w, int h);

/* Rectangle cutting: each takes `amount` pixels off one edge of *r and
 * returns that piece; the rest stays in *r.  amount is clamped to *r. */
SDL_Rect rect_cut_top(SDL_Rect *r, int amount);
SDL_Rect rect_cut_bottom(SDL_Rect *r, int amount);
SDL_Rect rect_cut_left(SDL_Rect *r, int amount);
SDL_Rect rect_cut_right(SDL_Rect *r, int amount);
SDL_Rect rect_inset(SDL_Rect r, int by);
/* Row i of n equal rows separated by gap. */
SDL_Rect rect_row(SDL_Rect r, int i, int n, int gap);
/* Column i of n equal columns separated by gap. */
SDL_Rect rect_col(SDL_Rect r, int i, int n, int gap);
/* The largest square centred in r. */
SDL_Rect rect_square(SDL_Rect r);
/* True if inner lies wholly inside outer. */
bool rect_contains(SDL_Rect outer, SDL_Rect inner);

#endif
