/* input.c: SDL events to InputEvents; controllers opened and closed as they
 * come and go, so a pad plugged in mid-session just works. */
#include "input.h"

#include <stdio.h>
#include <string.h>

enum {
    /* The stick counts as pushed past STICK_ON and as released below
     * STICK_OFF, so a resting stick near the edge does not chatter. */
    STICK_ON = 20000,
    STICK_OFF = 12000
};

static void set_notice(Input *in, const char *text)
{
    snprintf(in->notice, sizeof in->notice, "%s", text);
    in->notice_serial++;
}

static void pad_open(Input *in, int device_index, bool announce)
{
    if (!SDL_IsGameController(device_index))
        return;
    SDL_JoystickID id = SDL_JoystickGetDeviceInstanceID(device_index);
    for (int i = 0; i < INPUT_MAX_PADS; i++)
        if (in->pads[i] && SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(in->pads[i])) == id)
            return; /* already open: SDL reports pads present at start twice */
    for (int i = 0; i < INPUT_MAX_PADS; i++) {
        if (in->pads[i])
            continue;
        in->pads[i] = SDL_GameControllerOpen(device_index);
        if (in->pads[i] && announce) {
            char text[INPUT_NOTICE_MAX];
            const char *name = SDL_GameControllerName(in->pads[i]);
            snprintf(text, sizeof text, "Controller connected: %s", name ? name : "gamepad");
            set_notice(in, text);
        }
        return;
    }
}

static bool pad_close(Input *in, SDL_JoystickID id)
{
    for (int i = 0; i < INPUT_MAX_PADS; i++) {
        if (!in->pads[i])
            continue;
        if (SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(in->pads[i])) != id)
            continue;
        SDL_GameControllerClose(in->pads[i]);
        in->pads[i] = NULL;
        set_notice(in, "Controller disconnected");
        return true;
    }
    return false;
}

void input_open(Input *in)
{
    memset(in, 0, sizeof *in);
    if (!SDL_WasInit(SDL_INIT_GAMECONTROLLER))
        return;
    for (int i = 0; i < SDL_NumJoysticks(); i++)
        pad_open(in, i, false);
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
}

int input_pad_count(const Input *in)
{
    int n = 0;
    for (int i = 0; i < INPUT_MAX_PADS; i++)
        n += in->pads[i] != NULL;
    return n;
}

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

static bool from_key(const SDL_KeyboardEvent *k, InputEvent *out)
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
    case SDLK_UP: out->nav = NAV_UP; return true;
    case SDLK_DOWN: out->nav = NAV_DOWN; return true;
    case SDLK_LEFT: out->nav = NAV_LEFT; return true;
    case SDLK_RIGHT: out->nav = NAV_RIGHT; return true;
    default: break;
    }
    /* A held key repeats menu moves, never actions: a rep is confirmed
     * once per press. */
    if (k->repeat)
        return false;
    switch (sym) {
    case SDLK_RETURN: case SDLK_KP_ENTER: case SDLK_SPACE: set_confirm(out); return true;
    case SDLK_ESCAPE: case SDLK_BACKSPACE: set_back(out); return true;
    case SDLK_p: out->action = ACTION_PAUSE; return true;
    case SDLK_x: out->action = ACTION_PAIN; return true;
    case SDLK_s: out->action = ACTION_SKIP; return true;
    default: return false;
    }
}

static bool from_button(Input *in, Uint8 button, InputEvent *out)
{
    out->from_pad = true;
    switch (button) {
    case SDL_CONTROLLER_BUTTON_A:
        if (in->swap_confirm_back) set_back(out); else set_confirm(out);
        return true;
    case SDL_CONTROLLER_BUTTON_B:
        if (in->swap_confirm_back) set_confirm(out); else set_back(out);
        return true;
    case SDL_CONTROLLER_BUTTON_START: out->action = ACTION_PAUSE; return true;
    case SDL_CONTROLLER_BUTTON_Y: out->action = ACTION_PAIN; return true;
    case SDL_CONTROLLER_BUTTON_BACK: out->action = ACTION_SKIP; return true;
    case SDL_CONTROLLER_BUTTON_DPAD_UP: out->nav = NAV_UP; return true;
    case SDL_CONTROLLER_BUTTON_DPAD_DOWN: out->nav = NAV_DOWN; return true;
    case SDL_CONTROLLER_BUTTON_DPAD_LEFT: out->nav = NAV_LEFT; return true;
    case SDL_CONTROLLER_BUTTON_DPAD_RIGHT: out->nav = NAV_RIGHT; return true;
    default: return false;
    }
}

static int stick_state(int value, int previous)
{
    int mag = value < 0 ? -value : value;
    if (previous != 0 && mag >= STICK_OFF && (value < 0) == (previous < 0))
        return previous;
    if (mag >= STICK_ON)
        return value < 0 ? -1 : 1;
    return 0;
}

static bool from_axis(Input *in, const SDL_ControllerAxisEvent *a, InputEvent *out)
{
    out->from_pad = true;
    if (a->axis == SDL_CONTROLLER_AXIS_LEFTX) {
        int s = stick_state(a->value, in->stick_x);
        bool moved = s != 0 && s != in->stick_x;
        in->stick_x = s;
        if (moved)
            out->nav = s < 0 ? NAV_LEFT : NAV_RIGHT;
        return moved;
    }
    if (a->axis == SDL_CONTROLLER_AXIS_LEFTY) {
        int s = stick_state(a->value, in->stick_y);
        bool moved = s != 0 && s != in->stick_y;
        in->stick_y = s;
        if (moved)
            out->nav = s < 0 ? NAV_UP : NAV_DOWN;
        return moved;
    }
    return false;
}

bool input_translate(Input *in, const SDL_Event *ev, InputEvent *out)
{
    memset(out, 0, sizeof *out);
    switch (ev->type) {
    case SDL_QUIT:
        out->quit = true;
        return true;
    case SDL_KEYDOWN:
        return from_key(&ev->key, out);
    case SDL_CONTROLLERBUTTONDOWN:
        return from_button(in, ev->cbutton.button, out);
    case SDL_CONTROLLERAXISMOTION:
        return from_axis(in, &ev->caxis, out);
    case SDL_CONTROLLERDEVICEADDED:
        pad_open(in, ev->cdevice.which, true);
        return false;
    case SDL_CONTROLLERDEVICEREMOVED:
        if (pad_close(in, ev->cdevice.which)) {
            out->pad_removed = true;
            return true;
        }
        return false;
    default:
        return false;
    }
}

const char *input_confirm_label(const Input *in)
{
    if (input_pad_count(in) == 0)
        return "Enter";
    return in->swap_confirm_back ? "Enter / B" : "Enter / A";
}

const char *input_back_label(const Input *in)
{
    if (input_pad_count(in) == 0)
        return "Esc";
    return in->swap_confirm_back ? "Esc / A" : "Esc / B";
}
