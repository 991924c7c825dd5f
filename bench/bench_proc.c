/* bench_proc.c: child processes: the bench's own parts, and the real binary
 * watched from outside (first present, idle CPU).  Linux: /proc, LD_PRELOAD. */
#define _DEFAULT_SOURCE /* wait4: a child's own rusage (RUSAGE_CHILDREN mixes them) */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

static void sleep_s(double s)
{
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

static void set_env_list(const char *const env[])
{
    for (int i = 0; env && env[i]; i++) {
        const char *eq = strchr(env[i], '=');
        char name[128];
        size_t n = eq ? (size_t)(eq - env[i]) : 0;
        if (!eq || n == 0 || n >= sizeof name)
            continue;
        memcpy(name, env[i], n);
        name[n] = '\0';
        setenv(name, eq + 1, 1);
    }
}

/* Waits for pid; past timeout_s (negative: no limit) it is killed, since a
 * hung child must not hang the benchmark. */
static int reap(pid_t pid, double timeout_s, int *status, struct rusage *ru)
{
    double end = bench_now() + timeout_s;
    for (;;) {
        pid_t r = wait4(pid, status, timeout_s < 0 ? 0 : WNOHANG, ru);
        if (r == pid)
            return 0;
        if (r < 0 && errno != EINTR)
            return -1;
        if (r == 0) {
            if (bench_now() > end) {
                kill(pid, SIGKILL);
                timeout_s = -1;
            } else {
                sleep_s(0.01);
            }
        }
    }
}

static int exit_code_of(int status)
{
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int bench_spawn(char *const argv[], const char *const env[], bool capture, BenchChild *out)
{
    memset(out, 0, sizeof *out);
    out->exit_code = -1;
    int fds[2] = {-1, -1};
    if (capture && pipe(fds) != 0)
        return -1;
    fflush(stdout);
    fflush(stderr);
    double t0 = bench_now();
    pid_t pid = fork();
    if (pid < 0) {
        if (capture) {
            close(fds[0]);
            close(fds[1]);
        }
        return -1;
    }
    if (pid == 0) {
        if (capture) {
            dup2(fds[1], STDOUT_FILENO);
            dup2(fds[1], STDERR_FILENO);
            close(fds[0]);
            close(fds[1]);
        }
        set_env_list(env);
        execv(argv[0], argv);
        fprintf(stderr, "corequest-bench: cannot run %s: %s\n", argv[0], strerror(errno));
        _exit(127);
    }
    if (capture) {
        close(fds[1]);
        size_t len = 0, cap = 4096;
        char *buf = malloc(cap);
        for (;;) {
            if (buf && len + 1024 > cap) {
                char *bigger = realloc(buf, cap * 2);
                if (!bigger) {
                    free(buf);
                    buf = NULL;
                } else {
                    buf = bigger;
                    cap *= 2;
                }
            }
            char scratch[1024];
            char *into = buf ? buf + len : scratch;
            ssize_t n = read(fds[0], into, buf ? cap - len - 1 : sizeof scratch);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            if (buf)
                len += (size_t)n;
        }
        close(fds[0]);
        if (buf)
            buf[len] = '\0';
        out->output = buf;
    }
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    if (reap(pid, -1, &status, &ru) != 0)
        return -1;
    out->seconds = bench_now() - t0;
    out->exit_code = exit_code_of(status);
    out->max_rss_mb = (double)ru.ru_maxrss / 1024.0;
    return out->exit_code == 0 ? 0 : -1;
}

/* ------------------------------------------------ the real binary */

typedef struct {
    pid_t pid;
    int fd;    /* the hook writes the time of the first present here */
    double t0; /* just before fork */
} Launch;

/* Starts the real corequest on the prepared save with the present hook
 * preloaded.  exit_after: the hook ends the process after reporting. */
static int launch_real(const BenchConfig *c, const char *driver, bool exit_after, Launch *l)
{
    int fds[2];
    if (pipe(fds) != 0)
        return -1;
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fflush(stdout);
    fflush(stderr);
    l->t0 = bench_now();
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return -1;
    }
    if (pid == 0) {
        close(fds[0]);
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0) {
            dup2(devnull, STDOUT_FILENO);
            close(devnull);
        }
        char fd_text[16];
        snprintf(fd_text, sizeof fd_text, "%d", fds[1]);
        setenv("LD_PRELOAD", c->hook, 1);
        setenv("COREQUEST_BENCH_PRESENT_FD", fd_text, 1);
        setenv("COREQUEST_BENCH_PRESENT_EXIT", exit_after ? "1" : "0", 1);
        setenv("SDL_VIDEODRIVER", driver, 1);
        /* A sanitizer build of corequest would refuse a preloaded library
         * ahead of its runtime; the hook does no allocation of its own. */
        const char *asan = getenv("ASAN_OPTIONS");
        char asan_opts[1024];
        snprintf(asan_opts, sizeof asan_opts, "%s%sverify_asan_link_order=0",
                 asan ? asan : "", asan && asan[0] ? ":" : "");
        setenv("ASAN_OPTIONS", asan_opts, 1);
        execl(c->binary, c->binary, "--data-dir", c->data_dir, (char *)NULL);
        fprintf(stderr, "corequest-bench: cannot run %s: %s\n", c->binary, strerror(errno));
        _exit(127);
    }
    close(fds[1]);
    l->pid = pid;
    l->fd = fds[0];
    return 0;
}

/* The monotonic time the hook reported, or -1 if the process ended (or the
 * time ran out) before any present. */
static double wait_present(Launch *l, double timeout_s)
{
    struct pollfd p = {.fd = l->fd, .events = POLLIN};
    int r;
    do {
        r = poll(&p, 1, (int)(timeout_s * 1000));
    } while (r < 0 && errno == EINTR);
    if (r <= 0)
        return -1;
    struct timespec ts;
    if (read(l->fd, &ts, sizeof ts) != (ssize_t)sizeof ts)
        return -1;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

enum { START_TIMEOUT_S = 60, QUIT_TIMEOUT_S = 10 };

int bench_first_present(const BenchConfig *c, const char *driver, double *seconds,
                        double *max_rss_mb)
{
    Launch l;
    if (launch_real(c, driver, true, &l) != 0)
        return -1;
    double at = wait_present(&l, START_TIMEOUT_S);
    close(l.fd);
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    reap(l.pid, at < 0 ? 0 : QUIT_TIMEOUT_S, &status, &ru);
    if (at < 0) {
        fprintf(stderr, "corequest-bench: %s never presented a frame (exit %d)\n", c->binary,
                exit_code_of(status));
        return -1;
    }
    *seconds = at - l.t0;
    *max_rss_mb = (double)ru.ru_maxrss / 1024.0;
    return 0;
}

/* ------------------------------------------------------------ idle */

typedef struct {
    int tid;
    char name[32];
    double cpu_s;
    long slices;
} TaskSample;

/* Per thread: its name and, from schedstat, nanoseconds on a CPU and the
 * number of times it was put on one (each wakeup is at least one). */
static int sample_tasks(pid_t pid, TaskSample *out, int max)
{
    char path[128];
    snprintf(path, sizeof path, "/proc/%d/task", (int)pid);
    DIR *d = opendir(path);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < max) {
        int tid = atoi(e->d_name);
        if (tid <= 0)
            continue;
        TaskSample *t = &out[n];
        memset(t, 0, sizeof *t);
        t->tid = tid;
        char file[192];
        snprintf(file, sizeof file, "%s/%d/comm", path, tid);
        FILE *f = fopen(file, "r");
        if (f) {
            if (fgets(t->name, sizeof t->name, f))
                t->name[strcspn(t->name, "\n")] = '\0';
            fclose(f);
        }
        snprintf(file, sizeof file, "%s/%d/schedstat", path, tid);
        f = fopen(file, "r");
        unsigned long long run_ns = 0, wait_ns = 0, slices = 0;
        bool ok = f && fscanf(f, "%llu %llu %llu", &run_ns, &wait_ns, &slices) == 3;
        if (f)
            fclose(f);
        if (!ok)
            continue; /* the thread ended meanwhile */
        t->cpu_s = (double)run_ns / 1e9;
        t->slices = (long)slices;
        n++;
    }
    closedir(d);
    return n;
}

static double process_cpu_s(pid_t pid)
{
    clockid_t id;
    struct timespec ts;
    if (clock_getcpuclockid(pid, &id) != 0 || clock_gettime(id, &ts) != 0)
        return -1;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int bench_idle(const BenchConfig *c, const char *driver, BenchIdle *out)
{
    memset(out, 0, sizeof *out);
    Launch l;
    if (launch_real(c, driver, false, &l) != 0)
        return -1;
    double at = wait_present(&l, START_TIMEOUT_S);
    close(l.fd);
    int rc = 0;
    if (at < 0) {
        fprintf(stderr, "corequest-bench: %s never presented a frame\n", c->binary);
        rc = -1;
    } else {
        /* Let start-up work (voice thread, first mixes) settle first. */
        sleep_s(1.0);
        TaskSample before[BENCH_THREADS_MAX], after[BENCH_THREADS_MAX];
        double t1 = bench_now();
        double cpu1 = process_cpu_s(l.pid);
        int n1 = sample_tasks(l.pid, before, BENCH_THREADS_MAX);
        sleep_s(c->idle_seconds);
        double cpu2 = process_cpu_s(l.pid);
        int n2 = sample_tasks(l.pid, after, BENCH_THREADS_MAX);
        double t2 = bench_now();
        out->span_s = t2 - t1;
        out->cpu_s = cpu2 - cpu1;
        if (cpu1 < 0 || cpu2 < 0)
            rc = -1;
        for (int i = 0; i < n2; i++) {
            BenchThread *bt = &out->threads[out->thread_count++];
            snprintf(bt->name, sizeof bt->name, "%s", after[i].name);
            bt->cpu_s = after[i].cpu_s;
            bt->wakeups = after[i].slices;
            for (int k = 0; k < n1; k++) {
                if (before[k].tid == after[i].tid) {
                    bt->cpu_s -= before[k].cpu_s;
                    bt->wakeups -= before[k].slices;
                }
            }
            out->wakeups += bt->wakeups;
        }
    }
    /* SDL turns SIGTERM into a quit event: the app closes as it would. */
    kill(l.pid, SIGTERM);
    int status = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    reap(l.pid, QUIT_TIMEOUT_S, &status, &ru);
    out->max_rss_mb = (double)ru.ru_maxrss / 1024.0;
    return rc;
}
