/* file_lock.h: advisory whole-file locks with a bounded wait, for the files
 * beside the save (the lock file and the pending journal). */
#ifndef COREQUEST_FILE_LOCK_H
#define COREQUEST_FILE_LOCK_H

#include <stdbool.h>

/* Takes a shared or an exclusive lock on the open file fd, waiting up to
 * wait_ms for whoever holds it now (0: do not wait).  flock, not fcntl: an
 * fcntl lock belongs to the process and vanishes when any descriptor of the
 * file is closed; a flock belongs to the open file, so two saves open in
 * one process are two holders.  Converting a held lock is not atomic (the
 * old one may be gone when the new one is refused).  Returns 0, or -1 with
 * errno EWOULDBLOCK when someone held it all along (or another errno). */
int file_lock(int fd, bool exclusive, int wait_ms);

/* Sleeps ms milliseconds (nanosleep, restarted after signals). */
void file_lock_sleep_ms(int ms);

#endif
