/* instance.h: one corequest per save.  The window and --audio-only first
 * take a lock on INSTANCE_LOCK_FILE in the data folder and hold it until
 * the save is closed; a second copy finds it taken and stops before it
 * opens anything.  The lock is the kernel's (flock), so it goes when the
 * process dies, and the file (holding the owner's process id) may stay
 * behind harmlessly.  The save layer has its own lock (corequest.db.lock)
 * and survives two writers, so the history tools and --simulate take none.
 * No SDL. */
#ifndef COREQUEST_INSTANCE_H
#define COREQUEST_INSTANCE_H

#include <stddef.h>

#define INSTANCE_LOCK_FILE "corequest.instance.lock"

typedef struct InstanceLock InstanceLock;

typedef enum {
    INSTANCE_OK,      /* the lock is ours: *lock is set */
    INSTANCE_BUSY,    /* another corequest holds it: message says so */
    INSTANCE_NO_LOCK  /* the folder takes no lock (read-only, full...): go
                         on without one; *lock is NULL, message says why */
} InstanceStatus;

/* Takes the lock for the save in data_dir (made, with its parents, if
 * missing).  message gets one line for the person (empty on INSTANCE_OK). */
InstanceStatus instance_lock(const char *data_dir, InstanceLock **lock, char *message,
                             size_t message_size);
/* Gives the lock back; NULL is fine. */
void instance_unlock(InstanceLock *lock);

#endif
