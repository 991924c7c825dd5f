/* test_audio_terminal.c: terminal input for --audio-only: keys in raw mode on
 * a pseudo-terminal, lines from a pipe, and the terminal put back as it was. */
#define _XOPEN_SOURCE 700 /* posix_openpt and friends */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "session.h"
#include "terminal.h"

static void write_all(int fd, const char *text)
{
    size_t n = strlen(text);
    assert_int_equal(write(fd, text, n), (ssize_t)n);
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void test_keys_map_to_actions(void **state)
{
    (void)state;
    assert_int_equal(terminal_key_action('\n'), ACTION_CONFIRM);
    assert_int_equal(terminal_key_action('\r'), ACTION_CONFIRM);
    assert_int_equal(terminal_key_action(' '), ACTION_CONFIRM);
    assert_int_equal(terminal_key_action('p'), ACTION_PAUSE);
    assert_int_equal(terminal_key_action('P'), ACTION_PAUSE);
    assert_int_equal(terminal_key_action('x'), ACTION_PAIN);
    assert_int_equal(terminal_key_action('s'), ACTION_SKIP);
    assert_int_equal(terminal_key_action('q'), ACTION_END);
    assert_int_equal(terminal_key_action(27), ACTION_END);
    assert_int_equal(terminal_key_action(127), ACTION_BACK);
    assert_int_equal(terminal_key_action('z'), ACTION_NONE);
}

static void test_lines_map_by_first_key_or_action_name(void **state)
{
    (void)state;
    assert_int_equal(terminal_line_action(""), ACTION_CONFIRM);
    assert_int_equal(terminal_line_action("   "), ACTION_CONFIRM);
    assert_int_equal(terminal_line_action("\r"), ACTION_CONFIRM);
    assert_int_equal(terminal_line_action("p"), ACTION_PAUSE);
    assert_int_equal(terminal_line_action("  x  "), ACTION_PAIN);
    assert_int_equal(terminal_line_action("CONFIRM"), ACTION_CONFIRM);
    assert_int_equal(terminal_line_action("pain"), ACTION_PAIN);
    assert_int_equal(terminal_line_action("End\r"), ACTION_END);
    assert_int_equal(terminal_line_action("back"), ACTION_BACK);
    assert_int_equal(terminal_line_action("quit"), ACTION_END); /* by its q */
    assert_int_equal(terminal_line_action("hello"), ACTION_NONE);
}

static void test_pipe_gives_one_action_per_line_without_blocking(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    Terminal *t = terminal_open(fds[0]);
    assert_non_null(t);
    assert_false(terminal_is_tty(t));

    bool closed = true;
    assert_int_equal(terminal_poll(t, &closed), ACTION_NONE); /* nothing yet: no wait */
    assert_false(closed);

    write_all(fds[1], "CONFIRM\np\n\nPAU");
    assert_int_equal(terminal_poll(t, &closed), ACTION_CONFIRM);
    assert_int_equal(terminal_poll(t, &closed), ACTION_PAUSE);
    assert_int_equal(terminal_poll(t, &closed), ACTION_CONFIRM);
    assert_int_equal(terminal_poll(t, &closed), ACTION_NONE); /* half a line */
    assert_false(closed);
    write_all(fds[1], "SE\nx");
    assert_int_equal(terminal_poll(t, &closed), ACTION_PAUSE);
    assert_int_equal(terminal_poll(t, &closed), ACTION_NONE);
    close(fds[1]);
    /* The last line counts even without its newline. */
    assert_int_equal(terminal_poll(t, &closed), ACTION_PAIN);
    assert_int_equal(terminal_poll(t, &closed), ACTION_NONE);
    assert_true(closed);
    terminal_close(t);
    close(fds[0]);
}

static void test_pipe_numbers_and_arrows_for_a_score(void **state)
{
    (void)state;
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    Terminal *t = terminal_open(fds[0]);
    assert_non_null(t);
    int number, steps;
    assert_false(terminal_take_number(t, &number, &steps));
    write_all(fds[1], "7\nup\nUP\ndown\n\n11\n");
    assert_int_equal(terminal_poll(t, NULL), ACTION_NONE); /* "7": a number, no action */
    assert_true(terminal_take_number(t, &number, &steps));
    assert_int_equal(number, 7);
    assert_int_equal(steps, 0);
    /* The arrows spelled out are steps, not actions; Enter follows them. */
    assert_int_equal(terminal_poll(t, NULL), ACTION_CONFIRM);
    assert_true(terminal_take_number(t, &number, &steps));
    assert_int_equal(number, -1);
    assert_int_equal(steps, 1);
    /* Out of 0-10: no number. */
    terminal_poll(t, NULL);
    assert_false(terminal_take_number(t, &number, &steps));
    terminal_close(t);
    close(fds[1]);
    close(fds[0]);
}

static void test_tty_is_raw_until_closed_and_escape_sequences_are_not_keys(void **state)
{
    (void)state;
    int master = posix_openpt(O_RDWR | O_NOCTTY);
    if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) {
        if (master >= 0) close(master);
        skip(); /* no pseudo-terminals here */
    }
    int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
    assert_true(slave >= 0);
    struct termios before;
    assert_int_equal(tcgetattr(slave, &before), 0);
    assert_true(before.c_lflag & ICANON);

    Terminal *t = terminal_open(slave);
    assert_true(terminal_is_tty(t));
    struct termios raw;
    assert_int_equal(tcgetattr(slave, &raw), 0);
    assert_false(raw.c_lflag & ICANON);
    assert_false(raw.c_lflag & ECHO);
    assert_true(raw.c_lflag & ISIG); /* Ctrl+C still interrupts */

    /* One key at a time, no Enter needed. */
    write_all(master, "p");
    Action a = ACTION_NONE;
    for (int i = 0; i < 200 && a == ACTION_NONE; i++, sleep_ms(5))
        a = terminal_poll(t, NULL);
    assert_int_equal(a, ACTION_PAUSE);

    /* An arrow key is an escape sequence, not Escape. */
    write_all(master, "\x1b[A ");
    a = ACTION_NONE;
    for (int i = 0; i < 200 && a == ACTION_NONE; i++, sleep_ms(5))
        a = terminal_poll(t, NULL);
    assert_int_equal(a, ACTION_CONFIRM);

    /* Escape alone ends the session, once it is clear nothing follows. */
    write_all(master, "\x1b");
    a = ACTION_NONE;
    for (int i = 0; i < 400 && a == ACTION_NONE; i++, sleep_ms(5))
        a = terminal_poll(t, NULL);
    assert_int_equal(a, ACTION_END);

    terminal_close(t);
    struct termios after;
    assert_int_equal(tcgetattr(slave, &after), 0);
    assert_int_equal(after.c_lflag, before.c_lflag);
    assert_memory_equal(after.c_cc, before.c_cc, sizeof before.c_cc);
    close(slave);
    close(master);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys_map_to_actions),
        cmocka_unit_test(test_lines_map_by_first_key_or_action_name),
        cmocka_unit_test(test_pipe_gives_one_action_per_line_without_blocking),
        cmocka_unit_test(test_pipe_numbers_and_arrows_for_a_score),
        cmocka_unit_test(test_tty_is_raw_until_closed_and_escape_sequences_are_not_keys),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
