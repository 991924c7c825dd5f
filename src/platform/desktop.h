/* desktop.h: how corequest talks to a person who started it from the
 * desktop menu, not a terminal.  Needs SDL2; no SDL_Init. */
#ifndef COREQUEST_DESKTOP_H
#define COREQUEST_DESKTOP_H

/* Says message on stderr, and also in a message box when corequest was
 * started without a terminal (from the desktop menu), where stderr is
 * read by nobody.  No box under SDL's dummy or offscreen video drivers. */
void desktop_tell(const char *message);

#endif
