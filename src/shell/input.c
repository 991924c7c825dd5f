/* input.c: SDL events to InputEvents for every shell; controllers opened and
 * closed as they come and go, held directions repeated on the clock. */
#include "input.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ setup */

void input_set_hints(void)
{
    /* By position, not by label: otherwise a Nintendo pad confirms with its
     * right-hand button while every other pad uses the bottom one. */
    SDL_SetHint(SDL_HINT_GAMECONTROLLER_USE_BUTTON_LABELS, "0");
    /* A window without focus (a test's, or one behind a TV's menu) would
     * otherwise never hear the pad. */
    SDL_SetHint(SDL_HINT_JOYSTICK_ALLOW_BACKGROUND_EVENTS, "1");
}

static int64_t input_now(const Input *in)
{
    return in->clock_set ? in->now_ms : (int64_t)SDL_GetTicks64();
}

void input_set_clock(Input *in, int64_t now_ms)
{
    in->now_ms = now_ms;
    in->clock_set = true;
}

static void set_notice(Input *in, const char *text)
{
    snprintf(in->notice, sizeof in->notice, "%s", text);
    in->notice_serial++;
}

static SDL_JoystickID pad_id(SDL_GameController *pad)
{
    return SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(pad));
}

static void refresh_labels(Input *in);

/* Returns true if a pad was opened (not already open). */
static bool pad_open(Input *in, int device_index, bool announce)
{
    if (!SDL_IsGameController(device_index))
        return false;
    SDL_JoystickID id = SDL_JoystickGetDeviceInstanceID(device_index);
    for (int i = 0; i < INPUT_MAX_PADS; i++)
        if (in->pads[i] && pad_id(in->pads[i]) == id)
            return false; /* already open: SDL reports pads present at start twice */
    for (int i = 0; i < INPUT_MAX_PADS; i++) {
        if (in->pads[i])
            continue;
        in->pads[i] = SDL_GameControllerOpen(device_index);
        if (!in->pads[i])
            return false;
        if (announce) {
            char text[INPUT_NOTICE_MAX];
            const char *name = SDL_GameControllerName(in->pads[i]);
            snprintf(text, sizeof text, "Gamepad ready: %s", name ? name : "gamepad");
            set_notice(in, text);
        }
        return true;
    }
    return false;
}

/* Returns true if the pad that went away was the active one. */
static bool pad_close(Input *in, SDL_JoystickID id)
{
    bool found = false;
    for (int i = 0; i < INPUT_MAX_PADS; i++) {
        if (!in->pads[i] || pad_id(in->pads[i]) != id)
            continue;
        SDL_GameControllerClose(in->pads[i]);
        in->pads[i] = NULL;
        found = true;
        set_notice(in, "Controller disconnected");
        break;
    }
    if (!found)
        return false;
    if (in->confirm_down && id == in->confirm_id) {
        in->confirm_down = false;
        in->confirm_up_ms = input_now(in);
    }
    if (id == in->hold_id) {
        /* Its buttons will never come up: what it held is let go, or a
         * menu would scroll for ever. */
        in->dpad_down = 0;
        in->stick_x = in->stick_y = 0;
        in->held_nav = NAV_NONE;
        in->back_down = false;
    }
    if (id != in->active_id)
        return false;
    in->active_id = -1;
    in->active_lost = true;
    return true;
}

void input_open(Input *in)
{
    memset(in, 0, sizeof *in);
    in->active_id = -1;
    in->hold_id = -1;
    in->confirm_id = -1;
    in->last_pad_type = SDL_CONTROLLER_TYPE_UNKNOWN;
    if (SDL_WasInit(SDL_INIT_GAMECONTROLLER))
        for (int i = 0; i < SDL_NumJoysticks(); i++)
            pad_open(in, i, false);
    refresh_labels(in);
}

void input_close(Input *in)
{
    for (int i = 0; i < INPUT_MAX_PADS; i++) {
        if (in->pads[i])
            SDL_GameControllerClose(in->pads[i]);
        in->pads[i] = NULL;
    }
}

void input_set_swap(Input *in, bool swap)
{
    in->swap_confirm_back = swap;
    refresh_labels(in);
}

int input_pad_count(const Input *in)
{
    int n = 0;
    for (int i = 0; i < INPUT_MAX_PADS; i++)
        n += in->pads[i] != NULL;
    return n;
}

/* --------------------------------------------------------- mappings */

/* The shape SDL needs before it takes a line: a 32-digit GUID (or
 * "xinput"), a name, then at least one element. */
static bool mapping_line_ok(const char *line)
{
    const char *comma = strchr(line, ',');
    if (!comma)
        return false;
    size_t guid_len = (size_t)(comma - line);
    if (guid_len == 6 && strncmp(line, "xinput", 6) == 0) {
        /* accepted by SDL on Windows; harmless elsewhere */
    } else if (guid_len == 32) {
        for (size_t i = 0; i < guid_len; i++)
            if (!isxdigit((unsigned char)line[i]))
                return false;
    } else {
        return false;
    }
    const char *name = comma + 1;
    const char *name_end = strchr(name, ',');
    if (!name_end || name_end == name)
        return false;
    for (const char *p = line; *p; p++)
        if ((unsigned char)*p < 0x20 && *p != '\t')
            return false;
    return strchr(name_end + 1, ':') != NULL;
}

int input_load_mappings(const char *dir, char *message, size_t size)
{
    message[0] = '\0';
    if (!dir || !dir[0])
        return 0;
    char path[1200];
    size_t dir_len = strlen(dir);
    snprintf(path, sizeof path, "%s%sgamecontrollerdb.txt", dir,
             dir_len > 0 && dir[dir_len - 1] == '/' ? "" : "/");
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return 0; /* the usual case: SDL's built-in mappings do */
        snprintf(message, size, "%s cannot be read: %s", path, strerror(errno));
        return -1;
    }
    /* SDL skips what it cannot parse without a word; a person who dropped
     * a file there deserves to know which line was wrong. */
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int line_no = 0, bad = 0, first_bad = 0, mappings = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        line_no++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            line[--len] = '\0';
        if ((size_t)len != strlen(line)) { /* a NUL inside: not text */
            bad++;
            if (!first_bad)
                first_bad = line_no;
            continue;
        }
        const char *p = line;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '\0' || *p == '#')
            continue;
        if (mapping_line_ok(p)) {
            mappings++;
        } else {
            bad++;
            if (!first_bad)
                first_bad = line_no;
        }
    }
    bool read_error = ferror(f) != 0;
    free(line);
    fclose(f);
    if (read_error) {
        snprintf(message, size, "%s cannot be read", path);
        return -1;
    }
    int added = SDL_GameControllerAddMappingsFromFile(path);
    if (added < 0) {
        snprintf(message, size, "%s cannot be read: %s", path, SDL_GetError());
        return -1;
    }
    if (bad > 0) {
        snprintf(message, size,
                 "%s: line %d is not a controller mapping (%d bad line%s); %d mapping%s added",
                 path, first_bad, bad, bad == 1 ? "" : "s", added, added == 1 ? "" : "s");
        return -1;
    }
    if (added == 0 && mappings > 0)
        snprintf(message, size, "%s: no new mappings for %s (%d lines read)", path,
                 SDL_GetPlatform(), mappings);
    else
        snprintf(message, size, "%s: %d controller mapping%s added", path, added,
                 added == 1 ? "" : "s");
    return added;
}

/* ----------------------------------------------------------- events */

static void set_confirm(InputEvent *out)
{
    out->action = ACTION_CONFIRM;
    out->nav = NAV_SELECT;
}

static void set_back(InputEvent *out)
{
    out->action = ACTION_BACK;
    out->nav = NAV_BACK;
}

/* Any real use of the keyboard: it is now the device hints speak of. */
static void used_keyboard(Input *in)
{
    in->last_device = INPUT_DEVICE_KEYBOARD;
    in->active_lost = false;
}

static void confirm_press(Input *in, SDL_JoystickID id)
{
    in->confirm_down = true;
    in->confirm_id = id;
}

static void confirm_release(Input *in, SDL_JoystickID id)
{
    if (!in->confirm_down || in->confirm_id != id)
        return;
    in->confirm_down = false;
    in->confirm_up_ms = input_now(in);
}

static bool is_confirm_key(SDL_Keycode sym)
{
    return sym == SDLK_RETURN || sym == SDLK_KP_ENTER || sym == SDLK_SPACE;
}

static bool from_key(Input *in, const SDL_KeyboardEvent *k, InputEvent *out)
{
    SDL_Keycode sym = k->keysym.sym;
    bool alt = (k->keysym.mod & KMOD_ALT) != 0;
    if (sym == SDLK_F11 || (alt && (sym == SDLK_RETURN || sym == SDLK_KP_ENTER))) {
        if (k->repeat)
            return false;
        out->toggle_fullscreen = true;
        return true;
    }
    switch (sym) {
    case SDLK_UP: out->nav = NAV_UP; break;
    case SDLK_DOWN: out->nav = NAV_DOWN; break;
    case SDLK_LEFT: out->nav = NAV_LEFT; break;
    case SDLK_RIGHT: out->nav = NAV_RIGHT; break;
    default: break;
    }
    if (out->nav != NAV_NONE) {
        used_keyboard(in);
        return true;
    }
    /* A held key repeats menu moves, never actions: a rep is confirmed
     * once per press. */
    if (k->repeat)
        return false;
    if (sym >= SDLK_0 && sym <= SDLK_9) {
        out->has_digit = true;
        out->digit = (int)(sym - SDLK_0);
    } else if (sym >= SDLK_KP_1 && sym <= SDLK_KP_9) {
        out->has_digit = true;
        out->digit = (int)(sym - SDLK_KP_1) + 1;
    } else if (sym == SDLK_KP_0) {
        out->has_digit = true;
        out->digit = 0;
    }
    switch (sym) {
    case SDLK_RETURN: case SDLK_KP_ENTER: case SDLK_SPACE:
        set_confirm(out);
        confirm_press(in, -1);
        break;
    case SDLK_ESCAPE: case SDLK_BACKSPACE: set_back(out); break;
    case SDLK_p: out->action = ACTION_PAUSE; break;
    case SDLK_x: out->action = ACTION_PAIN; break;
    case SDLK_s: out->action = ACTION_SKIP; break;
    /* How did it feel? (the session reads them only when it asks) */
    case SDLK_1: case SDLK_KP_1: out->action = ACTION_TOO_EASY; break;
    case SDLK_2: case SDLK_KP_2: out->action = ACTION_JUST_RIGHT; break;
    case SDLK_3: case SDLK_KP_3: out->action = ACTION_TOO_HARD; break;
    case SDLK_F1: case SDLK_h: out->help = true; break;
    default:
        if (out->has_digit)
            break; /* the other digits: pain 0-10 at the pain check */
        return false;
    }
    used_keyboard(in);
    return true;
}

static SDL_GameControllerType type_of(SDL_JoystickID id)
{
    SDL_GameController *pad = SDL_GameControllerFromInstanceID(id);
    return pad ? SDL_GameControllerGetType(pad) : SDL_CONTROLLER_TYPE_UNKNOWN;
}

/* Any press on a pad: the first one pressed becomes the active pad, and
 * hints speak of the pad used last.  Every pad's buttons count, so that
 * the pain button works on whichever pad is in reach. */
static void used_pad(Input *in, SDL_JoystickID id)
{
    if (in->active_id < 0)
        in->active_id = id;
    in->active_lost = false;
    in->last_device = INPUT_DEVICE_PAD;
    in->last_pad_type = type_of(id);
    in->last_pad_known = true;
}

static void hold_start(Input *in, Nav nav)
{
    in->held_nav = nav;
    in->next_repeat_ms = input_now(in) + INPUT_REPEAT_DELAY_MS;
}

static void hold_end(Input *in, Nav nav)
{
    if (in->held_nav == nav)
        in->held_nav = NAV_NONE;
}

static Nav dpad_nav(Uint8 button)
{
    switch (button) {
    case SDL_CONTROLLER_BUTTON_DPAD_UP: return NAV_UP;
    case SDL_CONTROLLER_BUTTON_DPAD_DOWN: return NAV_DOWN;
    case SDL_CONTROLLER_BUTTON_DPAD_LEFT: return NAV_LEFT;
    case SDL_CONTROLLER_BUTTON_DPAD_RIGHT: return NAV_RIGHT;
    default: return NAV_NONE;
    }
}

static bool from_button(Input *in, const SDL_ControllerButtonEvent *b, InputEvent *out)
{
    used_pad(in, b->which);
    out->from_pad = true;
    Nav nav = dpad_nav(b->button);
    if (nav != NAV_NONE) {
        out->nav = nav;
        in->dpad_down |= 1u << nav;
        in->hold_id = b->which;
        hold_start(in, nav);
        return true;
    }
    switch (b->button) {
    case SDL_CONTROLLER_BUTTON_A:
        if (in->swap_confirm_back) set_back(out); else set_confirm(out);
        break;
    case SDL_CONTROLLER_BUTTON_B:
        if (in->swap_confirm_back) set_confirm(out); else set_back(out);
        break;
    case SDL_CONTROLLER_BUTTON_START: out->action = ACTION_PAUSE; return true;
    case SDL_CONTROLLER_BUTTON_Y: out->action = ACTION_PAIN; return true;
    case SDL_CONTROLLER_BUTTON_BACK:
        /* Tap or hold: decided on release, or by input_tick. */
        in->back_down = true;
        in->hold_id = b->which;
        in->back_long_done = false;
        in->back_down_ms = input_now(in);
        return false;
    default:
        return false;
    }
    if (out->action == ACTION_CONFIRM)
        confirm_press(in, b->which);
    return true;
}

static bool from_button_up(Input *in, const SDL_ControllerButtonEvent *b, InputEvent *out)
{
    if (b->button == (in->swap_confirm_back ? SDL_CONTROLLER_BUTTON_B : SDL_CONTROLLER_BUTTON_A))
        confirm_release(in, b->which);
    Nav nav = dpad_nav(b->button);
    if (nav != NAV_NONE) {
        in->dpad_down &= ~(1u << nav);
        hold_end(in, nav);
        return false;
    }
    if (b->button != SDL_CONTROLLER_BUTTON_BACK || !in->back_down)
        return false;
    in->back_down = false;
    if (in->back_long_done)
        return false;
    out->from_pad = true;
    if (input_now(in) - in->back_down_ms >= INPUT_HOLD_HELP_MS)
        out->help = true; /* held long, but no tick saw it */
    else
        out->action = ACTION_SKIP;
    return true;
}

static int stick_state(int value, int previous)
{
    int mag = value < 0 ? -value : value;
    if (previous != 0 && mag >= INPUT_STICK_OFF && (value < 0) == (previous < 0))
        return previous;
    if (mag >= INPUT_STICK_ON)
        return value < 0 ? -1 : 1;
    return 0;
}

/* One axis of the left stick: a move when it turns on, the hold ends when
 * it turns off (the other axis takes over if it is still pushed). */
static bool stick_axis(Input *in, int *state, int value, Nav neg, Nav pos, InputEvent *out)
{
    int s = stick_state(value, *state);
    if (s == *state)
        return false;
    Nav was = *state < 0 ? neg : *state > 0 ? pos : NAV_NONE;
    *state = s;
    if (was != NAV_NONE)
        hold_end(in, was);
    if (s == 0) {
        if (in->held_nav == NAV_NONE && in->stick_x != 0)
            hold_start(in, in->stick_x < 0 ? NAV_LEFT : NAV_RIGHT);
        else if (in->held_nav == NAV_NONE && in->stick_y != 0)
            hold_start(in, in->stick_y < 0 ? NAV_UP : NAV_DOWN);
        return false;
    }
    out->nav = s < 0 ? neg : pos;
    hold_start(in, out->nav);
    return true;
}

static bool from_axis(Input *in, const SDL_ControllerAxisEvent *a, InputEvent *out)
{
    bool moved = false;
    if (a->axis == SDL_CONTROLLER_AXIS_LEFTX)
        moved = stick_axis(in, &in->stick_x, a->value, NAV_LEFT, NAV_RIGHT, out);
    else if (a->axis == SDL_CONTROLLER_AXIS_LEFTY)
        moved = stick_axis(in, &in->stick_y, a->value, NAV_UP, NAV_DOWN, out);
    if (moved) {
        in->hold_id = a->which;
        used_pad(in, a->which);
        out->from_pad = true;
    }
    return moved;
}

bool input_translate(Input *in, const SDL_Event *ev, InputEvent *out)
{
    memset(out, 0, sizeof *out);
    bool got = false;
    switch (ev->type) {
    case SDL_QUIT:
        out->quit = true;
        return true;
    case SDL_KEYDOWN:
        got = from_key(in, &ev->key, out);
        break;
    case SDL_KEYUP:
        if (is_confirm_key(ev->key.keysym.sym))
            confirm_release(in, -1);
        return false;
    case SDL_CONTROLLERBUTTONDOWN:
        got = from_button(in, &ev->cbutton, out);
        break;
    case SDL_CONTROLLERBUTTONUP:
        got = from_button_up(in, &ev->cbutton, out);
        break;
    case SDL_CONTROLLERAXISMOTION:
        got = from_axis(in, &ev->caxis, out);
        break;
    case SDL_CONTROLLERDEVICEADDED:
        got = out->pad_added = pad_open(in, ev->cdevice.which, true);
        break;
    case SDL_CONTROLLERDEVICEREMOVED:
        got = out->pad_removed = pad_close(in, ev->cdevice.which);
        break;
    default:
        return false;
    }
    refresh_labels(in);
    return got;
}

bool input_tick(Input *in, int64_t now_ms, InputEvent *out)
{
    memset(out, 0, sizeof *out);
    if (in->back_down && !in->back_long_done &&
        now_ms - in->back_down_ms >= INPUT_HOLD_HELP_MS) {
        in->back_long_done = true;
        out->help = true;
        out->from_pad = true;
        return true;
    }
    if (in->held_nav != NAV_NONE && now_ms >= in->next_repeat_ms) {
        out->nav = in->held_nav;
        out->from_pad = true;
        /* After a stall, one move and a fresh interval: a burst would
         * throw the focus past what the person aimed at. */
        in->next_repeat_ms += INPUT_REPEAT_MS;
        if (in->next_repeat_ms <= now_ms)
            in->next_repeat_ms = now_ms + INPUT_REPEAT_MS;
        return true;
    }
    return false;
}

void input_hold_watch_reset(InputHoldWatch *w)
{
    memset(w, 0, sizeof *w);
    w->hold_start_ms = -1;
    w->told_exercise = -1;
}

bool input_hold_watch_step(InputHoldWatch *w, const Input *in, const Session *s, int64_t now_ms)
{
    if (s->paused || s->config.mode != MODE_CONFIRM || s->phase == PHASE_PAIN_CHECK ||
        s->phase == PHASE_SUMMARY || s->phase == PHASE_DONE) {
        /* Letting go while paused is no one's business; after a pain stop
         * (or the end) a word about holding on would push the person. */
        w->holding = false;
        return false;
    }
    bool early = false;
    if (w->holding && !in->confirm_down) {
        /* Judged by when it was let go, not by this frame: a release just
         * before the end that shares a frame with the end is still on time. */
        early = in->confirm_up_ms < w->hold_end_ms - INPUT_HOLD_GRACE_MS;
        w->holding = false;
    }
    if (s->phase == PHASE_HOLD) {
        w->hold_end_ms = s->deadline_ms;
        if (!w->holding && in->confirm_down && w->hold_start_ms != s->phase_start_ms &&
            now_ms - s->phase_start_ms <= INPUT_HOLD_JOIN_MS) {
            w->holding = true;
            w->hold_start_ms = s->phase_start_ms;
        }
    } else {
        w->holding = false; /* held to the end: nothing to say */
    }
    if (!early || w->told_exercise == s->exercise)
        return false;
    w->told_exercise = s->exercise;
    return true;
}

bool input_busy(const Input *in)
{
    return in->held_nav != NAV_NONE || (in->back_down && !in->back_long_done);
}

/* ------------------------------------------------------------ names */

typedef struct {
    const char *family;
    const char *a, *b, *x, *y, *start, *back;
} PadNames;

static const PadNames *pad_names(SDL_GameControllerType type)
{
    static const PadNames xbox360 = {"Xbox", "A", "B", "X", "Y", "Start", "Back"};
    static const PadNames xbox_one = {"Xbox", "A", "B", "X", "Y", "Menu", "View"};
    static const PadNames ps3 = {"PlayStation", "Cross", "Circle", "Square", "Triangle", "Start", "Select"};
    static const PadNames ps4 = {"PlayStation", "Cross", "Circle", "Square", "Triangle", "Options", "Share"};
    static const PadNames ps5 = {"PlayStation", "Cross", "Circle", "Square", "Triangle", "Options", "Create"};
    /* Labels off: SDL's A is the bottom button, printed B on these pads. */
    static const PadNames nintendo = {"Nintendo", "B", "A", "Y", "X", "Plus", "Minus"};
    static const PadNames stadia = {"gamepad", "A", "B", "X", "Y", "Menu", "Options"};
    static const PadNames generic = {"gamepad", "A", "B", "X", "Y", "Start", "Back"};
    switch (type) {
    case SDL_CONTROLLER_TYPE_XBOX360: return &xbox360;
    case SDL_CONTROLLER_TYPE_XBOXONE: return &xbox_one;
    case SDL_CONTROLLER_TYPE_PS3: return &ps3;
    case SDL_CONTROLLER_TYPE_PS4: return &ps4;
    case SDL_CONTROLLER_TYPE_PS5: return &ps5;
    case SDL_CONTROLLER_TYPE_NINTENDO_SWITCH_PRO:
    case SDL_CONTROLLER_TYPE_NINTENDO_SWITCH_JOYCON_LEFT:
    case SDL_CONTROLLER_TYPE_NINTENDO_SWITCH_JOYCON_RIGHT:
    case SDL_CONTROLLER_TYPE_NINTENDO_SWITCH_JOYCON_PAIR:
        return &nintendo;
    case SDL_CONTROLLER_TYPE_GOOGLE_STADIA: return &stadia;
    default: return &generic;
    }
}

const char *input_pad_button_name(SDL_GameControllerType type, SDL_GameControllerButton b)
{
    const PadNames *n = pad_names(type);
    switch (b) {
    case SDL_CONTROLLER_BUTTON_A: return n->a;
    case SDL_CONTROLLER_BUTTON_B: return n->b;
    case SDL_CONTROLLER_BUTTON_X: return n->x;
    case SDL_CONTROLLER_BUTTON_Y: return n->y;
    case SDL_CONTROLLER_BUTTON_START: return n->start;
    case SDL_CONTROLLER_BUTTON_BACK: return n->back;
    case SDL_CONTROLLER_BUTTON_GUIDE: return "Home";
    case SDL_CONTROLLER_BUTTON_DPAD_UP: return "D-pad up";
    case SDL_CONTROLLER_BUTTON_DPAD_DOWN: return "D-pad down";
    case SDL_CONTROLLER_BUTTON_DPAD_LEFT: return "D-pad left";
    case SDL_CONTROLLER_BUTTON_DPAD_RIGHT: return "D-pad right";
    default: return "?";
    }
}

const char *input_pad_button_position(SDL_GameControllerButton b)
{
    switch (b) {
    case SDL_CONTROLLER_BUTTON_A: return "bottom";
    case SDL_CONTROLLER_BUTTON_B: return "right";
    case SDL_CONTROLLER_BUTTON_X: return "left";
    case SDL_CONTROLLER_BUTTON_Y: return "top";
    default: return NULL;
    }
}

const char *input_pad_family(SDL_GameControllerType type)
{
    return pad_names(type)->family;
}

SDL_GameControllerType input_pad_type(const Input *in)
{
    if (in->last_pad_known)
        return in->last_pad_type;
    for (int i = 0; i < INPUT_MAX_PADS; i++)
        if (in->pads[i])
            return SDL_GameControllerGetType(in->pads[i]);
    return SDL_CONTROLLER_TYPE_UNKNOWN;
}

InputDevice input_shown_device(const Input *in)
{
    if (in->last_device != INPUT_DEVICE_NONE)
        return in->last_device;
    return input_pad_count(in) > 0 ? INPUT_DEVICE_PAD : INPUT_DEVICE_KEYBOARD;
}

static SDL_GameControllerButton control_button(const Input *in, InputControl c)
{
    switch (c) {
    case INPUT_CONTROL_CONFIRM:
        return in->swap_confirm_back ? SDL_CONTROLLER_BUTTON_B : SDL_CONTROLLER_BUTTON_A;
    case INPUT_CONTROL_BACK:
        return in->swap_confirm_back ? SDL_CONTROLLER_BUTTON_A : SDL_CONTROLLER_BUTTON_B;
    case INPUT_CONTROL_PAUSE: return SDL_CONTROLLER_BUTTON_START;
    case INPUT_CONTROL_PAIN: return SDL_CONTROLLER_BUTTON_Y;
    case INPUT_CONTROL_SKIP:
    case INPUT_CONTROL_HELP: return SDL_CONTROLLER_BUTTON_BACK;
    default: return SDL_CONTROLLER_BUTTON_INVALID;
    }
}

const char *input_label_for(const Input *in, InputDevice device, InputControl c,
                            char *buf, size_t size)
{
    if (device != INPUT_DEVICE_PAD) {
        static const char *const keys[INPUT_CONTROL_COUNT] = {
            [INPUT_CONTROL_CONFIRM] = "Enter",
            [INPUT_CONTROL_BACK] = "Esc",
            [INPUT_CONTROL_PAUSE] = "P",
            [INPUT_CONTROL_PAIN] = "X",
            [INPUT_CONTROL_SKIP] = "S",
            [INPUT_CONTROL_MOVE] = "Arrows",
            [INPUT_CONTROL_HELP] = "F1",
        };
        snprintf(buf, size, "%s", (unsigned)c < INPUT_CONTROL_COUNT ? keys[c] : "?");
        return buf;
    }
    SDL_GameControllerType type = input_pad_type(in);
    if (c == INPUT_CONTROL_MOVE)
        snprintf(buf, size, "D-pad or stick");
    else if (c == INPUT_CONTROL_HELP)
        snprintf(buf, size, "Hold %s", input_pad_button_name(type, SDL_CONTROLLER_BUTTON_BACK));
    else
        snprintf(buf, size, "%s", input_pad_button_name(type, control_button(in, c)));
    return buf;
}

const char *input_help_label(const Input *in, InputDevice device, InputControl c,
                             char *buf, size_t size)
{
    if (device != INPUT_DEVICE_PAD) {
        static const char *const keys[INPUT_CONTROL_COUNT] = {
            [INPUT_CONTROL_CONFIRM] = "Enter or Space",
            [INPUT_CONTROL_BACK] = "Esc or Backspace",
            [INPUT_CONTROL_PAUSE] = "P",
            [INPUT_CONTROL_PAIN] = "X",
            [INPUT_CONTROL_SKIP] = "S",
            [INPUT_CONTROL_MOVE] = "Arrow keys",
            [INPUT_CONTROL_HELP] = "F1 or H",
        };
        snprintf(buf, size, "%s", (unsigned)c < INPUT_CONTROL_COUNT ? keys[c] : "?");
        return buf;
    }
    SDL_GameControllerType type = input_pad_type(in);
    SDL_GameControllerButton b = control_button(in, c);
    const char *where = input_pad_button_position(b);
    if (c == INPUT_CONTROL_SKIP)
        snprintf(buf, size, "Tap %s", input_pad_button_name(type, b));
    else if (where)
        snprintf(buf, size, "%s (%s)", input_pad_button_name(type, b), where);
    else
        input_label_for(in, device, c, buf, size);
    return buf;
}

static void refresh_labels(Input *in)
{
    bool both = in->last_device == INPUT_DEVICE_NONE && input_pad_count(in) > 0;
    InputDevice shown = input_shown_device(in);
    for (int c = 0; c < INPUT_CONTROL_COUNT; c++) {
        char key[INPUT_LABEL_MAX], pad[INPUT_LABEL_MAX];
        if (both) {
            input_label_for(in, INPUT_DEVICE_KEYBOARD, (InputControl)c, key, sizeof key);
            input_label_for(in, INPUT_DEVICE_PAD, (InputControl)c, pad, sizeof pad);
            snprintf(in->labels[c], sizeof in->labels[c], "%.20s / %.24s", key, pad);
        } else {
            input_label_for(in, shown, (InputControl)c, in->labels[c], sizeof in->labels[c]);
        }
    }
}

const char *input_label(const Input *in, InputControl c)
{
    return (unsigned)c < INPUT_CONTROL_COUNT ? in->labels[c] : "?";
}

const char *input_confirm_label(const Input *in)
{
    return input_label(in, INPUT_CONTROL_CONFIRM);
}

const char *input_back_label(const Input *in)
{
    return input_label(in, INPUT_CONTROL_BACK);
}

const char *input_control_text(InputControl c)
{
    static const char *const texts[INPUT_CONTROL_COUNT] = {
        [INPUT_CONTROL_CONFIRM] = "Confirm a rep, choose",
        [INPUT_CONTROL_BACK] = "Go back (in an exercise: pause)",
        [INPUT_CONTROL_PAUSE] = "Pause and resume",
        [INPUT_CONTROL_PAIN] = "PAIN: stop the exercise now",
        [INPUT_CONTROL_SKIP] = "Skip the exercise",
        [INPUT_CONTROL_MOVE] = "Move the focus",
        [INPUT_CONTROL_HELP] = "Show these controls",
    };
    return (unsigned)c < INPUT_CONTROL_COUNT ? texts[c] : "";
}

void input_spoken_pain_button(const Input *in, char *buf, size_t size)
{
    SDL_GameControllerType type = input_pad_type(in);
    snprintf(buf, size, "%s, the top button",
             input_pad_button_name(type, SDL_CONTROLLER_BUTTON_Y));
}

void input_spoken_pad_controls(const Input *in, char *buf, size_t size)
{
    SDL_GameControllerType type = input_pad_type(in);
    SDL_GameControllerButton confirm = control_button(in, INPUT_CONTROL_CONFIRM);
    const char *family = input_pad_family(type);
    const char *back = input_pad_button_name(type, SDL_CONTROLLER_BUTTON_BACK);
    char pain[64];
    input_spoken_pain_button(in, pain, sizeof pain);
    snprintf(buf, size,
             "On this %s%s: %s, the %s button, confirms. %s pauses and resumes. "
             "A tap on %s skips an exercise, and holding %s says these controls again. "
             "The pain button is %s: press it if something hurts, and the exercise "
             "stops at once.",
             family, strcmp(family, "gamepad") == 0 ? "" : " pad",
             input_pad_button_name(type, confirm), input_pad_button_position(confirm),
             input_pad_button_name(type, SDL_CONTROLLER_BUTTON_START), back, back, pain);
}
