/* screen.h: the screen stack.  Each screen is a ScreenDef of callbacks
 * {enter, update, draw, leave, handle}; the top one gets input and updates,
 * and overlays are drawn over the screens below them. */
#ifndef COREQUEST_SCREEN_H
#define COREQUEST_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "input.h"

typedef struct ScreenDef {
    const char *name;
    size_t state_size; /* zeroed for each push, freed on pop */
    bool overlay;      /* the screens below stay visible */
    /* arg: what the pusher passes (a menu choice, a level index...). */
    void (*enter)(void *ctx, void *state, int arg);
    void (*leave)(void *ctx, void *state);
    /* Returns true while something animates (the loop then keeps drawing
     * frames); false lets the loop sleep until the next event. */
    bool (*update)(void *ctx, void *state, int64_t now_ms);
    void (*draw)(void *ctx, void *state, int64_t now_ms);
    void (*handle)(void *ctx, void *state, const InputEvent *ev);
} ScreenDef;

enum { SCREEN_STACK_MAX = 8 };

typedef struct {
    const ScreenDef *def;
    void *state;
} ScreenEntry;

typedef struct {
    void *ctx; /* handed to every callback */
    ScreenEntry entries[SCREEN_STACK_MAX];
    int count;
} ScreenStack;

void screen_stack_init(ScreenStack *st, void *ctx);
/* Pops everything (each leave runs, top first). */
void screen_stack_clear(ScreenStack *st);

/* Each returns 0, or -1 (stack full, out of memory, nothing to pop).
 * enter runs after the screen is on the stack; leave runs before it is off.
 * A callback may change the stack, but must not touch its state after. */
int screen_push(ScreenStack *st, const ScreenDef *def, int arg);
int screen_pop(ScreenStack *st);
int screen_replace(ScreenStack *st, const ScreenDef *def, int arg);
/* Pops all, then pushes def. */
int screen_reset(ScreenStack *st, const ScreenDef *def, int arg);
/* Pops every overlay on top, down to the first full screen. */
void screen_pop_overlays(ScreenStack *st);

const ScreenDef *screen_top(const ScreenStack *st);
void *screen_top_state(const ScreenStack *st);
/* The state of the nearest screen of this kind, or NULL. */
void *screen_find(const ScreenStack *st, const ScreenDef *def);

bool screen_update(ScreenStack *st, int64_t now_ms);
/* Draws from the highest non-overlay screen up to the top. */
void screen_draw(ScreenStack *st, int64_t now_ms);
void screen_handle(ScreenStack *st, const InputEvent *ev);

#endif
