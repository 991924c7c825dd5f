/* terminal.h: keys from a terminal (raw mode, one key at a time) or lines
 * from a pipe, turned into session actions; restores the terminal on close. */
#ifndef COREQUEST_TERMINAL_H
#define COREQUEST_TERMINAL_H

#include <stdbool.h>

#include "session.h"

typedef struct Terminal Terminal;

/* Reads from fd (normally 0).  A TTY is put in raw mode (no echo, no line
 * editing; Ctrl+C still interrupts) until terminal_close, which also runs at
 * exit if the program ends without it.  Anything else (a pipe, a file) is
 * read line by line.  Returns NULL only if memory runs out. */
Terminal *terminal_open(int fd);
void terminal_close(Terminal *t);
bool terminal_is_tty(const Terminal *t);

/* The next action typed, or ACTION_NONE when nothing (more) is waiting.
 * Never blocks.  Raw mode: Enter or Space confirm, P pause, X pain, S skip,
 * Q or Escape end, Backspace back.  Line mode: a line's first character with
 * the same meaning (an empty line confirms), or an action's name as in
 * replay files ("CONFIRM", "pain"...).  *closed (may be NULL) turns true
 * once the input has ended. */
Action terminal_poll(Terminal *t, bool *closed);

/* True once after H or ? was typed (a line "h", "help" or "?" when piped):
 * the person asks for the controls again.  Help is not a session action,
 * so it comes out here rather than through terminal_poll. */
bool terminal_take_help(Terminal *t);

/* True once after C was typed (a line "c" or "checked" when piped): the
 * person confirms they have checked with a therapist. */
bool terminal_take_checked(Terminal *t);

/* A number typed (0-10: a digit, "1" then "0" within 1.5 s, or a line
 * holding the number) and the up/down arrows (lines "up" and "down" when
 * piped) since the last call, for the
 * pain check's 0-10.  *number is -1 when none was typed; *steps counts up
 * minus down.  Returns whether there was either. */
bool terminal_take_number(Terminal *t, int *number, int *steps);

/* The mapping above, for one key (raw mode) or one line (line mode). */
Action terminal_key_action(int key);
Action terminal_line_action(const char *line);

#endif
