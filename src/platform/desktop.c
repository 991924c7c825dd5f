/* desktop.c: messages for a person who has no terminal. */
#include "platform/desktop.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <SDL.h>

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
