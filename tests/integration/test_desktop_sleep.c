/* test_desktop_sleep.c: the audio-only mode asks logind not to sleep.  A
 * private D-Bus daemon stands in for the system bus (DBUS_SYSTEM_BUS_ADDRESS)
 * and a child process on it answers as org.freedesktop.login1: Inhibit
 * hands out one end of a pipe, and the child reports each request and
 * when the caller lets go of it (the pipe closes).  With no bus at all the
 * request fails quietly.  Skipped (77) without dbus-daemon or libsystemd. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include <systemd/sd-bus.h>

#include "options.h"
#include "platform/sleep_inhibit.h"
#include "test_support.h"
#include "test_support_app.h"

static pid_t daemon_pid = -1, logind_pid = -1;
static int report_fd = -1; /* what the fake logind saw, one line per event */

/* ---- the fake logind (a child process) ---- */

static int logind_report = -1, logind_held = -1;

static int on_inhibit(sd_bus_message *m, void *userdata, sd_bus_error *error)
{
    (void)userdata;
    (void)error;
    const char *what, *who, *why, *mode;
    int r = sd_bus_message_read(m, "ssss", &what, &who, &why, &mode);
    if (r < 0)
        return r;
    int p[2];
    if (pipe(p) != 0)
        return -1;
    dprintf(logind_report, "inhibit what=%s who=%s why=%s mode=%s\n", what, who, why, mode);
    r = sd_bus_reply_method_return(m, "h", p[1]);
    close(p[1]); /* the caller's copy is the only one left */
    if (logind_held >= 0)
        close(logind_held);
    logind_held = p[0];
    return r;
}

static const sd_bus_vtable manager_vtable[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD("Inhibit", "ssss", "h", on_inhibit, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_VTABLE_END};

static void run_fake_logind(int ready_fd)
{
    sd_bus *bus = NULL;
    if (sd_bus_open_system(&bus) < 0 ||
        sd_bus_add_object_vtable(bus, NULL, "/org/freedesktop/login1",
                                 "org.freedesktop.login1.Manager", manager_vtable, NULL) < 0 ||
        sd_bus_request_name(bus, "org.freedesktop.login1", 0) < 0)
        _exit(3);
    if (write(ready_fd, "R", 1) != 1)
        _exit(3);
    close(ready_fd);
    for (;;) {
        while (sd_bus_process(bus, NULL) > 0) {
        }
        if (logind_held >= 0) {
            struct pollfd p = {logind_held, POLLIN, 0};
            char c;
            if (poll(&p, 1, 0) > 0 && read(logind_held, &c, 1) == 0) {
                dprintf(logind_report, "released\n");
                close(logind_held);
                logind_held = -1;
            }
        }
        sd_bus_wait(bus, 20 * 1000);
    }
}

/* ---- set up: the bus, then the fake logind on it ---- */

static bool find_dbus_daemon(char *out, size_t size)
{
    const char *places[] = {"/usr/bin/dbus-daemon", "/bin/dbus-daemon", NULL};
    for (int i = 0; places[i]; i++)
        if (access(places[i], X_OK) == 0) {
            snprintf(out, size, "%s", places[i]);
            return true;
        }
    return false;
}

static int setup(void **state)
{
    (void)state;
    char daemon[256];
    if (!find_dbus_daemon(daemon, sizeof daemon))
        return -1;
    int addr[2];
    assert_int_equal(pipe(addr), 0);
    daemon_pid = fork();
    assert_true(daemon_pid >= 0);
    if (daemon_pid == 0) {
        dup2(addr[1], STDOUT_FILENO);
        close(addr[0]);
        execl(daemon, daemon, "--session", "--nofork", "--nopidfile", "--print-address",
              (char *)NULL);
        _exit(127);
    }
    close(addr[1]);
    char address[512] = "";
    size_t n = 0;
    while (n < sizeof address - 1) {
        ssize_t got = read(addr[0], address + n, 1);
        if (got <= 0 || address[n] == '\n')
            break;
        n++;
    }
    address[n] = '\0';
    close(addr[0]);
    if (!address[0])
        return -1;
    setenv("DBUS_SYSTEM_BUS_ADDRESS", address, 1);

    int report[2], ready[2];
    assert_int_equal(pipe(report), 0);
    assert_int_equal(pipe(ready), 0);
    logind_pid = fork();
    assert_true(logind_pid >= 0);
    if (logind_pid == 0) {
        close(report[0]);
        close(ready[0]);
        logind_report = report[1];
        run_fake_logind(ready[1]);
        _exit(0);
    }
    close(report[1]);
    close(ready[1]);
    report_fd = report[0];
    char c = 0;
    ssize_t got = read(ready[0], &c, 1);
    close(ready[0]);
    return got == 1 && c == 'R' ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    if (logind_pid > 0) {
        kill(logind_pid, SIGKILL);
        waitpid(logind_pid, NULL, 0);
    }
    if (daemon_pid > 0) {
        kill(daemon_pid, SIGTERM);
        waitpid(daemon_pid, NULL, 0);
    }
    if (report_fd >= 0)
        close(report_fd);
    return 0;
}

/* The next line the fake logind reports, waiting up to timeout_ms; "" if none. */
static void next_report(char *out, size_t size, int timeout_ms)
{
    size_t n = 0;
    out[0] = '\0';
    while (n < size - 1) {
        struct pollfd p = {report_fd, POLLIN, 0};
        if (poll(&p, 1, timeout_ms) <= 0)
            break;
        if (read(report_fd, out + n, 1) != 1 || out[n] == '\n')
            break;
        n++;
    }
    out[n] = '\0';
}

static void sleep_inhibitor_is_taken_from_logind_and_given_back(void **state)
{
    (void)state;
    SleepInhibitor *s = sleep_inhibit_begin("A test session is running");
    assert_non_null(s);
    char line[512];
    next_report(line, sizeof line, 5000);
    assert_string_equal(line,
                        "inhibit what=sleep:idle who=corequest why=A test session is running mode=block");
    next_report(line, sizeof line, 200);
    assert_string_equal(line, ""); /* held while the session runs */
    sleep_inhibit_end(s);
    next_report(line, sizeof line, 5000);
    assert_string_equal(line, "released");
}

/* The whole --audio-only run holds it: taken before the first words, given
 * back when the mode ends. */
static void audio_only_holds_the_inhibitor_for_its_session(void **state)
{
    (void)state;
    char data_dir[512];
    test_make_unique_dir("sleep_audio_only", data_dir, sizeof data_dir);
    Options o = test_audio_only_options(TEST_DATA_DIR "/audio/levels", data_dir, "tiny_hold_1",
                                        "tempo");
    int devnull = open("/dev/null", O_RDONLY);
    assert_true(devnull >= 0);
    int status = -1;
    char *out = test_run_audio_only(&o, "sleep_audio_only", devnull, &status);
    close(devnull);
    assert_int_equal(status, 0);
    assert_non_null(strstr(out, "Tiny hold"));
    free(out);
    char line[512];
    next_report(line, sizeof line, 5000);
    assert_non_null(strstr(line, "inhibit what=sleep:idle who=corequest"));
    next_report(line, sizeof line, 5000);
    assert_string_equal(line, "released");
}

/* No system bus (a container, a minimal install): nothing, quietly, fast. */
static void sleep_inhibitor_without_a_bus_is_nothing(void **state)
{
    (void)state;
    char *saved = getenv("DBUS_SYSTEM_BUS_ADDRESS");
    char keep[512];
    snprintf(keep, sizeof keep, "%s", saved ? saved : "");
    setenv("DBUS_SYSTEM_BUS_ADDRESS", "unix:path=/nonexistent/corequest-test-bus", 1);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    SleepInhibitor *s = sleep_inhibit_begin("nobody asks");
    clock_gettime(CLOCK_MONOTONIC, &b);
    assert_null(s);
    sleep_inhibit_end(s);
    double ms = (double)(b.tv_sec - a.tv_sec) * 1000 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
    assert_true(ms < SLEEP_INHIBIT_TIMEOUT_MS + 500);
    setenv("DBUS_SYSTEM_BUS_ADDRESS", keep, 1);
}

int main(void)
{
    char daemon[256];
    if (!find_dbus_daemon(daemon, sizeof daemon)) {
        printf("SKIP: no dbus-daemon (apt-get install dbus-daemon) to stand in for logind\n");
        return 77;
    }
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sleep_inhibitor_is_taken_from_logind_and_given_back),
        cmocka_unit_test(audio_only_holds_the_inhibitor_for_its_session),
        cmocka_unit_test(sleep_inhibitor_without_a_bus_is_nothing),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
