/* input.h: keyboard and game controllers to session actions and menu moves.
 * Confirm is the bottom face button and back the right one (labels ignored,
 * swappable in settings); Start pauses; the top face button is PAIN. */
#ifndef COREQUEST_INPUT_H
#define COREQUEST_INPUT_H

#include <stdbool.h>
#include <SDL.h>

#include "session.h"

typedef enum {
    NAV_NONE,
    NAV_UP,
    NAV_DOWN,
    NAV_LEFT,
    NAV_RIGHT,
    NAV_SELECT,
    NAV_BACK
} Nav;

/* One press, seen both ways: as a session action and as a menu move.
 * Screens use whichever they need. */
typedef struct {
    Action action;
    Nav nav;
    bool toggle_fullscreen; /* F11, Alt+Enter */
    bool quit;              /* the window was closed */
    bool pad_removed;       /* a controller went away (pause the workout) */
    bool from_pad;
} InputEvent;

enum { INPUT_MAX_PADS = 8, INPUT_NOTICE_MAX = 160 };

typedef struct {
    SDL_GameController *pads[INPUT_MAX_PADS];
    bool swap_confirm_back;
    int stick_x, stick_y;         /* -1, 0, 1: where the left stick points */
    char notice[INPUT_NOTICE_MAX]; /* last hotplug news, empty when none */
    unsigned notice_serial;        /* bumps each time notice changes */
} Input;

/* Sets up and opens the controllers already plugged in.  Needs SDL's game
 * controller subsystem (without it, only the keyboard works). */
void input_open(Input *in);
void input_close(Input *in);
void input_set_swap(Input *in, bool swap_confirm_back);
int input_pad_count(const Input *in);

/* Translates one SDL event.  Returns true if *out holds something to act
 * on (hotplug events are handled here and may set pad_removed). */
bool input_translate(Input *in, const SDL_Event *ev, InputEvent *out);

/* Short labels for on-screen hints, e.g. "Enter / A". */
const char *input_confirm_label(const Input *in);
const char *input_back_label(const Input *in);

#endif
