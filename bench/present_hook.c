/* present_hook.c: LD_PRELOAD stand-in for SDL_RenderPresent in the real
 * binary: reports when its first present ended, and can end it there. */
#define _GNU_SOURCE /* RTLD_NEXT */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <SDL.h>

typedef void (*PresentFn)(SDL_Renderer *);

void SDL_RenderPresent(SDL_Renderer *renderer)
{
    static PresentFn real_present;
    static int reported;
    if (!real_present) {
        void *sym = dlsym(RTLD_NEXT, "SDL_RenderPresent");
        if (!sym) {
            fputs("present_hook: SDL_RenderPresent not found\n", stderr);
            _exit(3);
        }
        /* ISO C has no object-to-function pointer cast; POSIX guarantees
         * dlsym's pointer works this way. */
        memcpy(&real_present, &sym, sizeof real_present);
    }
    real_present(renderer);
    if (reported)
        return;
    reported = 1;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    const char *fd_text = getenv("COREQUEST_BENCH_PRESENT_FD");
    if (fd_text) {
        int fd = atoi(fd_text);
        if (write(fd, &ts, sizeof ts) != (ssize_t)sizeof ts)
            fputs("present_hook: could not report the first present\n", stderr);
        close(fd);
    }
    const char *quit = getenv("COREQUEST_BENCH_PRESENT_EXIT");
    /* _exit: the figure ends at this present; a full shutdown would only
     * make every repeat slower. */
    if (quit && quit[0] == '1')
        _exit(0);
}
