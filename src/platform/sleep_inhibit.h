/* sleep_inhibit.h: asks the system not to sleep while a session runs, for
 * the audio-only mode (the window asks through SDL's screensaver calls).
 * It takes a "sleep:idle" block inhibitor from logind over the system bus
 * (libsystemd's sd-bus), as a media player does, and gives it back by
 * closing the descriptor logind hands out.  No bus, no logind, a refusal
 * or a build without libsystemd: nothing happens and nothing is said. */
#ifndef COREQUEST_SLEEP_INHIBIT_H
#define COREQUEST_SLEEP_INHIBIT_H

typedef struct SleepInhibitor SleepInhibitor;

/* why is shown by the desktop ("A guided exercise session is running").
 * Waits at most SLEEP_INHIBIT_TIMEOUT_MS for logind.  NULL when the system
 * cannot be asked; sleep_inhibit_end(NULL) is fine. */
enum { SLEEP_INHIBIT_TIMEOUT_MS = 1000 };
SleepInhibitor *sleep_inhibit_begin(const char *why);
void sleep_inhibit_end(SleepInhibitor *inhibitor);

#endif
