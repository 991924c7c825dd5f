/* sleep_inhibit.c: logind's Inhibit("sleep:idle", "corequest", why,
 * "block") through sd-bus; the inhibitor lasts while we hold its fd. */
#include "platform/sleep_inhibit.h"

#include <stdlib.h>

#ifdef COREQUEST_HAVE_SD_BUS
#include <fcntl.h>
#include <unistd.h>
#include <systemd/sd-bus.h>

struct SleepInhibitor {
    int fd;
};

SleepInhibitor *sleep_inhibit_begin(const char *why)
{
    sd_bus *bus = NULL;
    sd_bus_message *call = NULL, *reply = NULL;
    sd_bus_error error = SD_BUS_ERROR_NULL;
    SleepInhibitor *inhibitor = NULL;
    int fd = -1;
    /* DBUS_SYSTEM_BUS_ADDRESS, when set, names the bus (tests use it). */
    if (sd_bus_open_system(&bus) < 0)
        goto out;
    if (sd_bus_message_new_method_call(bus, &call, "org.freedesktop.login1",
                                       "/org/freedesktop/login1",
                                       "org.freedesktop.login1.Manager", "Inhibit") < 0 ||
        sd_bus_message_append(call, "ssss", "sleep:idle", "corequest", why, "block") < 0)
        goto out;
    if (sd_bus_call(bus, call, (uint64_t)SLEEP_INHIBIT_TIMEOUT_MS * 1000, &error, &reply) < 0)
        goto out;
    int lent = -1; /* owned by the reply */
    if (sd_bus_message_read(reply, "h", &lent) < 0 || lent < 0)
        goto out;
    fd = fcntl(lent, F_DUPFD_CLOEXEC, 3);
    if (fd < 0)
        goto out;
    inhibitor = malloc(sizeof *inhibitor);
    if (!inhibitor) {
        close(fd);
        goto out;
    }
    inhibitor->fd = fd;
out:
    sd_bus_error_free(&error);
    sd_bus_message_unref(reply);
    sd_bus_message_unref(call);
    sd_bus_flush_close_unref(bus);
    return inhibitor;
}

void sleep_inhibit_end(SleepInhibitor *inhibitor)
{
    if (!inhibitor)
        return;
    close(inhibitor->fd); /* logind drops the inhibitor with its last fd */
    free(inhibitor);
}

#else /* built without libsystemd: nothing to ask */

SleepInhibitor *sleep_inhibit_begin(const char *why)
{
    (void)why;
    return NULL;
}

void sleep_inhibit_end(SleepInhibitor *inhibitor)
{
    (void)inhibitor;
}

#endif
