/* instance.c: the lock beside the save that keeps a second corequest from
 * writing to it (flock on corequest.instance.lock, holding our pid). */
#include "platform/instance.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct InstanceLock {
    int fd;
};

/* mkdir -p: 0, or -1 with errno. */
static int make_dirs(const char *dir)
{
    char path[4096];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    memcpy(path, dir, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (path[i] != '/' && path[i] != '\0')
            continue;
        char keep = path[i];
        path[i] = '\0';
        if (mkdir(path, 0700) != 0 && errno != EEXIST)
            return -1;
        path[i] = keep;
    }
    return 0;
}

/* Without its trailing slashes (SDL_GetPrefPath ends in one), for messages. */
static int shown_length(const char *dir)
{
    size_t n = strlen(dir);
    while (n > 1 && dir[n - 1] == '/')
        n--;
    return (int)n;
}

InstanceStatus instance_lock(const char *data_dir, InstanceLock **lock, char *message,
                             size_t size)
{
    *lock = NULL;
    message[0] = '\0';
    int shown = shown_length(data_dir);
    if (make_dirs(data_dir) != 0) {
        snprintf(message, size, "cannot make the data folder %.*s (%s)", shown, data_dir,
                 strerror(errno));
        return INSTANCE_NO_LOCK;
    }
    char path[4200];
    snprintf(path, sizeof path, "%.*s/%s", shown, data_dir, INSTANCE_LOCK_FILE);
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) {
        snprintf(message, size, "no lock against a second corequest in %.*s (%s)", shown,
                 data_dir, strerror(errno));
        return INSTANCE_NO_LOCK;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int why = errno;
        if (why != EWOULDBLOCK) {
            close(fd);
            snprintf(message, size, "no lock against a second corequest in %.*s (%s)", shown,
                     data_dir, strerror(why));
            return INSTANCE_NO_LOCK;
        }
        char pid[32] = "";
        ssize_t got = pread(fd, pid, sizeof pid - 1, 0);
        close(fd);
        long owner = got > 0 ? strtol(pid, NULL, 10) : 0;
        char who[48] = "";
        if (owner > 0)
            snprintf(who, sizeof who, " (process %ld)", owner);
        snprintf(message, size,
                 "corequest is already running with the save in %.*s%s. Go on in that one, "
                 "or close it first; --data-dir DIR keeps another save.",
                 shown, data_dir, who);
        return INSTANCE_BUSY;
    }
    InstanceLock *l = malloc(sizeof *l);
    if (!l) {
        close(fd);
        snprintf(message, size, "out of memory");
        return INSTANCE_NO_LOCK;
    }
    l->fd = fd;
    /* Who holds it, for the other copy's message.  Best effort. */
    char pid[32];
    int n = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
    if (ftruncate(fd, 0) == 0 && pwrite(fd, pid, (size_t)n, 0) != n) {
        /* a lock without its pid still locks */
    }
    *lock = l;
    return INSTANCE_OK;
}

void instance_unlock(InstanceLock *lock)
{
    if (!lock)
        return;
    close(lock->fd); /* closing the only descriptor gives the lock back */
    free(lock);
}
