/* desktop.c: the app's name and window class for the desktop, and
 * messages for a person who has no terminal. */
#include "platform/desktop.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <SDL.h>

#ifndef COREQUEST_APP_ID
#error "CMake defines COREQUEST_APP_ID"
#endif

const char *desktop_app_id(void)
{
    return COREQUEST_APP_ID;
}

void desktop_identify(void)
{
    /* Sound servers list the streams by this name, screensaver and sleep
     * inhibitors name the app with it. */
    SDL_SetHint(SDL_HINT_APP_NAME, "corequest");
    /* The launcher's StartupWMClass and the Wayland app id match the
     * desktop file's name, so the dock shows the right icon.  Someone who
     * set them already keeps theirs. */
    setenv("SDL_VIDEO_X11_WMCLASS", desktop_app_id(), 0);
    setenv("SDL_VIDEO_WAYLAND_WMCLASS", desktop_app_id(), 0);
}

void desktop_tell(const char *message)
{
    fprintf(stderr, "corequest: %s\n", message);
    if (isatty(STDIN_FILENO) || isatty(STDERR_FILENO))
        return;
    const char *driver = SDL_getenv("SDL_VIDEODRIVER");
    if (driver && (SDL_strcasecmp(driver, "dummy") == 0 || SDL_strcasecmp(driver, "offscreen") == 0))
        return;
    if (!SDL_getenv("DISPLAY") && !SDL_getenv("WAYLAND_DISPLAY"))
        return;
    SDL_ShowSimpleMessageBox(SDL_MESSAGEBOX_INFORMATION, "corequest", message, NULL);
}
