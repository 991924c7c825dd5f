/* file_lock.c: flock with a bounded wait.  flock itself either blocks for
 * ever or not at all, so the wait polls every few milliseconds; the locks
 * here are held for a short merge or a move-aside, never for long. */
#define _DEFAULT_SOURCE /* flock(2) is BSD, not POSIX; glibc hides it otherwise */
#include "file_lock.h"

#include <errno.h>
#include <stdint.h>
#include <sys/file.h>
#include <time.h>

enum { POLL_MS = 5 };

void file_lock_sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

static int64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int file_lock(int fd, bool exclusive, int wait_ms)
{
    int op = (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB;
    int64_t deadline = monotonic_ms() + (wait_ms > 0 ? wait_ms : 0);
    for (;;) {
        if (flock(fd, op) == 0)
            return 0;
        if (errno == EINTR)
            continue;
        if (errno != EWOULDBLOCK)
            return -1;
        if (monotonic_ms() >= deadline) {
            errno = EWOULDBLOCK;
            return -1;
        }
        file_lock_sleep_ms(POLL_MS);
    }
}
