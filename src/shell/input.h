/* input.h: the one input path: keyboard and game controllers to session
 * actions and menu moves, for the window and the audio-only mode alike.
 * Confirm is the bottom face button and back the right one (labels ignored,
 * swappable in settings); Start pauses; the top face button is PAIN.  Pads
 * come and go at any time; the first one to press a button is the active
 * one, and losing it is reported so that a workout can pause. */
#ifndef COREQUEST_INPUT_H
#define COREQUEST_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
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
    bool pad_removed;       /* the ACTIVE controller went away (pause the workout) */
    bool from_pad;
    bool help;              /* show or hide the controls (F1, H, hold Back/Select) */
    bool pad_added;         /* a controller was plugged in (notice names it) */
    bool has_digit;         /* a digit key was pressed (pain 0-10 and ratings) */
    int digit;              /* 0-9 when has_digit */
} InputEvent;

/* Which kind of device the person used last: hints and help follow it. */
typedef enum {
    INPUT_DEVICE_NONE, /* nothing pressed yet */
    INPUT_DEVICE_KEYBOARD,
    INPUT_DEVICE_PAD
} InputDevice;

/* What a control does, for hints, the help overlay and spoken help. */
typedef enum {
    INPUT_CONTROL_CONFIRM,
    INPUT_CONTROL_BACK,
    INPUT_CONTROL_PAUSE,
    INPUT_CONTROL_PAIN,
    INPUT_CONTROL_SKIP,
    INPUT_CONTROL_MOVE,
    INPUT_CONTROL_HELP,
    INPUT_CONTROL_COUNT
} InputControl;

enum {
    INPUT_MAX_PADS = 8,
    INPUT_NOTICE_MAX = 160,
    INPUT_LABEL_MAX = 48,
    /* The left stick counts as pushed past STICK_ON (about 60%) and as let
     * go below STICK_OFF, so a resting or drifting stick does nothing and a
     * stick held near the edge does not chatter. */
    INPUT_STICK_ON = 20000,
    INPUT_STICK_OFF = 12000,
    /* A held d-pad direction or stick moves the focus again after
     * REPEAT_DELAY, then every REPEAT_MS: timed on the clock, not frames. */
    INPUT_REPEAT_DELAY_MS = 400,
    INPUT_REPEAT_MS = 125,
    /* Back/Select: a tap skips, holding it this long shows the controls. */
    INPUT_HOLD_HELP_MS = 800
};

typedef struct {
    SDL_GameController *pads[INPUT_MAX_PADS];
    bool swap_confirm_back;
    int stick_x, stick_y;          /* -1, 0, 1: where the left stick points */
    char notice[INPUT_NOTICE_MAX]; /* last hotplug news, empty when none */
    unsigned notice_serial;        /* bumps each time notice changes */

    /* The rest is input.c's bookkeeping: others may read it, never write. */
    SDL_JoystickID active_id;  /* the first pad to press a button; -1: none */
    bool active_lost;          /* the active pad went away; cleared by the
                                  next press on any pad or key */
    InputDevice last_device;
    SDL_GameControllerType last_pad_type; /* kept after the pad goes */
    bool last_pad_known;      /* some pad has been pressed */

    int64_t now_ms;   /* the owner's clock (input_set_clock) */
    bool clock_set;
    SDL_JoystickID hold_id; /* the pad holding a direction or Back */
    unsigned dpad_down;  /* bit per Nav held on a d-pad */
    Nav held_nav;        /* the direction that repeats; NAV_NONE: none */
    int64_t next_repeat_ms;
    bool confirm_down;   /* the confirm button or key is held (hold-to-confirm) */
    SDL_JoystickID confirm_id; /* the pad holding it; -1: the keyboard */
    int64_t confirm_up_ms;     /* when it was last let go */
    bool back_down;      /* Back/Select held: tap or hold? */
    bool back_long_done;
    int64_t back_down_ms;
    char labels[INPUT_CONTROL_COUNT][INPUT_LABEL_MAX];
} Input;

/* Sets the hints the input path relies on: labels off (confirm is the
 * bottom button on every pad), and events while the window has no focus.
 * Call before SDL_InitSubSystem(SDL_INIT_GAMECONTROLLER). */
void input_set_hints(void);

/* Adds the mappings in dir/gamecontrollerdb.txt (SDL's community format)
 * with SDL_GameControllerAddMappingsFromFile; SDL itself has already read
 * SDL_GAMECONTROLLERCONFIG.  Needs the game controller subsystem.  Returns
 * the number of mappings added, 0 with an empty message when there is no
 * such file, or -1 when the file cannot be read or has lines that are not
 * mappings (message names the first one; good lines are still added).
 * message says what happened in one line whenever a file was there. */
int input_load_mappings(const char *dir, char *message, size_t message_size);

/* Sets up and opens the controllers already plugged in.  Needs SDL's game
 * controller subsystem (without it, only the keyboard works). */
void input_open(Input *in);
void input_close(Input *in);
void input_set_swap(Input *in, bool swap_confirm_back);
int input_pad_count(const Input *in);

/* The clock (ms) presses are stamped with, for repeats and long presses.
 * Without it, SDL's ticks are used. */
void input_set_clock(Input *in, int64_t now_ms);

/* Translates one SDL event.  Returns true if *out holds something to act
 * on (hotplug events are handled here and may set pad_removed). */
bool input_translate(Input *in, const SDL_Event *ev, InputEvent *out);

/* What holding a button brings by now_ms: a repeated menu move or the help
 * of a long Back/Select press.  Call after the frame's events until it
 * returns false. */
bool input_tick(Input *in, int64_t now_ms, InputEvent *out);
/* True while something is held that input_tick will act on: the loop must
 * keep waking up. */
bool input_busy(const Input *in);

/* Hold-to-confirm, in confirm mode: pressing confirm during the move
 * already counts the rep, and a person may keep the button down through
 * the hold that follows.  Letting go clearly before the hold ends is
 * noticed, so that the shell can say so gently; the rep counts either way.
 * Tapping is never taken for letting go: only a button that was down when
 * the hold began (or within its first JOIN ms) is watched. */
enum { INPUT_HOLD_JOIN_MS = 1000, INPUT_HOLD_GRACE_MS = 300 };

typedef struct {
    bool holding;          /* the button is down through this hold */
    int64_t hold_start_ms; /* the hold being watched (its phase start) */
    int64_t hold_end_ms;   /* its end, as last seen */
    int told_exercise;     /* told once per exercise; -1: not yet */
} InputHoldWatch;

void input_hold_watch_reset(InputHoldWatch *w);
/* Call once a frame, after the session was stepped to now_ms.  Returns
 * true when the button was let go early and this exercise has not been
 * told about it yet. */
bool input_hold_watch_step(InputHoldWatch *w, const Input *in, const Session *s, int64_t now_ms);

/* The device hints are shown for: the one used last, or before any press
 * the pad if one is plugged in, else the keyboard. */
InputDevice input_shown_device(const Input *in);
/* The pad type whose button names are shown. */
SDL_GameControllerType input_pad_type(const Input *in);

/* Short names for on-screen hints: "Enter", "Cross", "Hold View"...  for
 * the device used last; before any press with a pad plugged in, both
 * ("Enter / A").  Owned by in; valid until the next input call. */
const char *input_label(const Input *in, InputControl c);
const char *input_confirm_label(const Input *in);
const char *input_back_label(const Input *in);
/* The name on one device, whatever was used last. */
const char *input_label_for(const Input *in, InputDevice device, InputControl c,
                            char *buf, size_t size);
/* The fuller name the help overlay shows: every key that does it, or the
 * pad button with its place ("Enter or Space", "Triangle (top)"). */
const char *input_help_label(const Input *in, InputDevice device, InputControl c,
                             char *buf, size_t size);
/* What a control does, e.g. "PAIN: stop the exercise now". */
const char *input_control_text(InputControl c);

/* Button names as printed on each family of pad, by position (labels
 * off): "A" / "Cross" / "B" (Nintendo) for SDL_CONTROLLER_BUTTON_A... */
const char *input_pad_button_name(SDL_GameControllerType type, SDL_GameControllerButton b);
/* "bottom", "right", "left", "top" for the face buttons, else NULL. */
const char *input_pad_button_position(SDL_GameControllerButton b);
/* "Xbox", "PlayStation", "Nintendo" or "gamepad". */
const char *input_pad_family(SDL_GameControllerType type);

/* The pad's controls as sentences to say (audio-only mode): what confirms,
 * pauses, skips and shows help, and which button is PAIN, by the names of
 * input_pad_type. */
void input_spoken_pad_controls(const Input *in, char *buf, size_t size);
/* Only the pain button, e.g. "Triangle, the top button". */
void input_spoken_pain_button(const Input *in, char *buf, size_t size);

#endif
