/* desktop.h: how corequest introduces itself to the desktop: its name for
 * sound servers and screensaver inhibitors (SDL_HINT_APP_NAME), its window
 * class, which ties the window to the launcher (COREQUEST_APP_ID.desktop),
 * and a message for someone who started it from the menu, not a terminal.
 * Needs SDL2; no SDL_Init. */
#ifndef COREQUEST_DESKTOP_H
#define COREQUEST_DESKTOP_H

/* The reverse-DNS id of the launcher, the icon and the AppStream data. */
const char *desktop_app_id(void);

/* Sets the app name hint and (unless the environment already says) the
 * X11 and Wayland window class to desktop_app_id().  Call before any SDL
 * subsystem starts. */
void desktop_identify(void);

/* Says message on stderr, and also in a message box when corequest was
 * started without a terminal (from the desktop menu), where stderr is
 * read by nobody.  No box under SDL's dummy or offscreen video drivers. */
void desktop_tell(const char *message);

#endif
