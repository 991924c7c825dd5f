/* test_support_app.h: helpers shared by the tests that link the shell
 * (corequest_app, so SDL): virtual game controllers and in-process runs. */
#ifndef COREQUEST_TEST_SUPPORT_APP_H
#define COREQUEST_TEST_SUPPORT_APP_H

#include <stdbool.h>
#include <SDL.h>

#include "options.h"

/* Plugs in a virtual joystick with every game controller axis and button
 * (type, USB vendor/product ids and name as given; name may be NULL) and
 * returns its device index (asserted valid). */
int test_pad_attach_virtual(SDL_JoystickType type, Uint16 vendor, Uint16 product,
                            const char *name);

/* As test_pad_attach_virtual, with a rumble motor: each rumble the pad is
 * asked for (a nonzero strength) adds one to *rumbles. */
int test_pad_attach_virtual_rumble(SDL_JoystickType type, Uint16 vendor, Uint16 product,
                                   const char *name, int *rumbles);

/* The share (0..1) of pixels of two RGBA32 surfaces whose largest channel
 * difference exceeds 24; 1 when their sizes differ. */
double test_differing_pixel_share(const SDL_Surface *a, const SDL_Surface *b);

/* The app's icon drawn by the figure code at size x size (RGBA32, the
 * caller frees it): a bridge at its top on a mat, in a rounded square,
 * drawn four times larger and averaged down.  At 256 it is assets/icon.png.  bold: the small-size variant (sizes up to
 * 32 px), with a thicker frame and the figure filling more of the square. */
SDL_Surface *test_draw_icon(int size, bool bold);

/* Options for --audio-only on one level of levels_dir in the given mode
 * ("tempo", "confirm"), saving under data_dir, with the shipped assets. */
Options test_audio_only_options(const char *levels_dir, const char *data_dir,
                                const char *level_id, const char *mode);

/* Runs --audio-only in-process with stdin read from stdin_fd; returns what
 * it printed (also echoed to the test log), its exit status in *status.
 * tag names the scratch file.  The caller frees the text. */
char *test_run_audio_only(const Options *o, const char *tag, int stdin_fd, int *status);

#endif
