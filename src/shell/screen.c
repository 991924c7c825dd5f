/* screen.c: the screen stack: push, pop and replace with enter and leave
 * called in order, and drawing that lets overlays show what lies below. */
#include "screen.h"

#include <stdlib.h>

void screen_stack_init(ScreenStack *st, void *ctx)
{
    st->ctx = ctx;
    st->count = 0;
}

void screen_stack_clear(ScreenStack *st)
{
    while (st->count > 0)
        screen_pop(st);
}

int screen_push(ScreenStack *st, const ScreenDef *def, int arg)
{
    if (st->count >= SCREEN_STACK_MAX)
        return -1;
    void *state = calloc(1, def->state_size ? def->state_size : 1);
    if (!state)
        return -1;
    st->entries[st->count++] = (ScreenEntry){def, state};
    if (def->enter)
        def->enter(st->ctx, state, arg);
    return 0;
}

int screen_pop(ScreenStack *st)
{
    if (st->count == 0)
        return -1;
    ScreenEntry e = st->entries[st->count - 1];
    if (e.def->leave)
        e.def->leave(st->ctx, e.state);
    /* leave may itself have changed the stack; take this entry out wherever
     * it now is. */
    for (int i = st->count - 1; i >= 0; i--) {
        if (st->entries[i].state == e.state) {
            for (int k = i; k + 1 < st->count; k++)
                st->entries[k] = st->entries[k + 1];
            st->count--;
            break;
        }
    }
    free(e.state);
    return 0;
}

int screen_replace(ScreenStack *st, const ScreenDef *def, int arg)
{
    if (st->count > 0)
        screen_pop(st);
    return screen_push(st, def, arg);
}

int screen_reset(ScreenStack *st, const ScreenDef *def, int arg)
{
    screen_stack_clear(st);
    return screen_push(st, def, arg);
}

void screen_pop_overlays(ScreenStack *st)
{
    while (st->count > 0 && st->entries[st->count - 1].def->overlay)
        screen_pop(st);
}

const ScreenDef *screen_top(const ScreenStack *st)
{
    return st->count > 0 ? st->entries[st->count - 1].def : NULL;
}

void *screen_top_state(const ScreenStack *st)
{
    return st->count > 0 ? st->entries[st->count - 1].state : NULL;
}

void *screen_find(const ScreenStack *st, const ScreenDef *def)
{
    for (int i = st->count - 1; i >= 0; i--)
        if (st->entries[i].def == def)
            return st->entries[i].state;
    return NULL;
}

bool screen_update(ScreenStack *st, int64_t now_ms)
{
    if (st->count == 0)
        return false;
    ScreenEntry e = st->entries[st->count - 1];
    return e.def->update ? e.def->update(st->ctx, e.state, now_ms) : false;
}

void screen_draw(ScreenStack *st, int64_t now_ms)
{
    int base = st->count - 1;
    while (base > 0 && st->entries[base].def->overlay)
        base--;
    for (int i = base < 0 ? 0 : base; i < st->count; i++) {
        ScreenEntry e = st->entries[i];
        if (e.def->draw)
            e.def->draw(st->ctx, e.state, now_ms);
    }
}

void screen_handle(ScreenStack *st, const InputEvent *ev)
{
    if (st->count == 0)
        return;
    ScreenEntry e = st->entries[st->count - 1];
    if (e.def->handle)
        e.def->handle(st->ctx, e.state, ev);
}
