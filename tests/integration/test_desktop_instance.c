/* test_desktop_instance.c: one corequest per save.  The lock module on its
 * own, then the real binary (argv[1]): while one copy follows a session in
 * a data folder, a second window or --audio-only copy says corequest is
 * already running with that save and exits with status 1 without writing a
 * byte beside it; --history still reads it, --simulate still records (the
 * save takes two writers); another folder is free; and the lock goes with
 * the first copy. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "platform/instance.h"
#include "test_support.h"

static const char *binary;

static void instance_a_second_lock_on_one_folder_is_refused_with_the_owner(void **state)
{
    (void)state;
    char dir[512];
    test_make_unique_dir("instance_lock", dir, sizeof dir);
    char message[1200];
    InstanceLock *first = NULL, *second = NULL;
    assert_int_equal(instance_lock(dir, &first, message, sizeof message), INSTANCE_OK);
    assert_non_null(first);
    assert_string_equal(message, "");
    /* flock belongs to the open file, so a second open in this same
     * process is refused too, like another process would be. */
    assert_int_equal(instance_lock(dir, &second, message, sizeof message), INSTANCE_BUSY);
    assert_null(second);
    char pid[32];
    snprintf(pid, sizeof pid, "(process %ld)", (long)getpid());
    assert_non_null(strstr(message, "corequest is already running with the save in"));
    assert_non_null(strstr(message, dir));
    assert_non_null(strstr(message, pid));
    instance_unlock(first);
    assert_int_equal(instance_lock(dir, &second, message, sizeof message), INSTANCE_OK);
    instance_unlock(second);
}

static void instance_lock_makes_a_missing_folder_and_its_own_file(void **state)
{
    (void)state;
    char dir[512], deep[700], file[800];
    test_make_unique_dir("instance_new", dir, sizeof dir);
    snprintf(deep, sizeof deep, "%s/a/b/", dir); /* SDL's pref path ends in '/' */
    char message[1200];
    InstanceLock *l = NULL;
    assert_int_equal(instance_lock(deep, &l, message, sizeof message), INSTANCE_OK);
    snprintf(file, sizeof file, "%s/a/b/%s", dir, INSTANCE_LOCK_FILE);
    struct stat st;
    assert_int_equal(stat(file, &st), 0);
    instance_unlock(l);
    instance_unlock(NULL);
}

static void instance_a_folder_that_takes_no_lock_is_said_and_goes_on(void **state)
{
    (void)state;
    char message[1200];
    InstanceLock *l = (InstanceLock *)&message; /* must be reset */
    assert_int_equal(instance_lock("/dev/null/corequest", &l, message, sizeof message),
                     INSTANCE_NO_LOCK);
    assert_null(l);
    assert_true(message[0] != '\0');
}

/* ---- two copies of the real binary ---- */

static char *const env[] = {(char *)"SDL_VIDEODRIVER=dummy", (char *)"SDL_AUDIODRIVER=dummy",
                            NULL};

/* Every file in dir with its size and change time, as one text. */
static void snapshot(const char *dir, char *out, size_t size)
{
    out[0] = '\0';
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        char path[1200];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        size_t n = strlen(out);
        snprintf(out + n, size - n, "%s %lld %lld.%09ld\n", e->d_name, (long long)st.st_size,
                 (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    }
    closedir(d);
}

/* Waits until the lock file names pid (the first copy is up). */
static void wait_for_lock_owner(const char *dir, int pid)
{
    char path[800], want[32];
    snprintf(path, sizeof path, "%s/%s", dir, INSTANCE_LOCK_FILE);
    snprintf(want, sizeof want, "%d\n", pid);
    for (int i = 0; i < 1200; i++) { /* 60 s: a sanitized start is slow */
        size_t len;
        char *text = test_read_file(path, &len);
        bool up = text && strcmp(text, want) == 0;
        free(text);
        if (up)
            return;
        nanosleep(&(struct timespec){0, 50 * 1000 * 1000}, NULL);
    }
    fail_msg("the first corequest never took the lock in %s", dir);
}

static void assert_refused(const char *what, char **argv, const char *dir)
{
    char *out = NULL, *err = NULL;
    int status = test_run_program(argv, NULL, env, &out, &err);
    print_message("second copy (%s): status %d, stderr: %s", what, status, err);
    if (status != 1)
        fail_msg("second copy (%s): status %d, wanted 1", what, status);
    char want[800];
    snprintf(want, sizeof want, "corequest is already running with the save in %s", dir);
    if (!strstr(err, want))
        fail_msg("second copy (%s) did not say \"%s\"", what, want);
    free(out);
    free(err);
}

/* A save in use (its lock held, here by this test as a running corequest
 * would): the window and --audio-only refuse it and leave the folder
 * exactly as it was, not even a save file made. */
static void binary_a_save_in_use_is_refused_and_nothing_is_written_beside_it(void **state)
{
    (void)state;
    char dir[512];
    test_make_unique_dir("instance_held", dir, sizeof dir);
    char message[1200];
    InstanceLock *held = NULL;
    assert_int_equal(instance_lock(dir, &held, message, sizeof message), INSTANCE_OK);
    char before[4096], after[4096];
    snapshot(dir, before, sizeof before);
    char *window[] = {(char *)binary, (char *)"--data-dir", dir, NULL};
    assert_refused("window", window, dir);
    char *fullscreen[] = {(char *)binary, (char *)"--fullscreen", (char *)"--data-dir", dir, NULL};
    assert_refused("window, fullscreen", fullscreen, dir);
    char *audio[] = {(char *)binary, (char *)"--audio-only", (char *)"--data-dir", dir, NULL};
    assert_refused("audio-only", audio, dir);
    char *demo[] = {(char *)binary, (char *)"--demo", (char *)"--data-dir", dir, NULL};
    assert_refused("demo with a save", demo, dir);
    snapshot(dir, after, sizeof after);
    assert_string_equal(before, after);
    assert_non_null(strstr(after, INSTANCE_LOCK_FILE));
    assert_null(strstr(after, "corequest.db"));
    instance_unlock(held);
}

/* Two real copies: while one follows a session, a second one on the same
 * data folder is refused, --history still reads it, another folder is
 * free, and the lock goes with the first copy, however it ends. */
static void binary_two_copies_on_one_data_folder(void **state)
{
    (void)state;
    char dir[512], other[512], log[700];
    test_make_unique_dir("instance_two", dir, sizeof dir);
    test_make_unique_dir("instance_other", other, sizeof other);
    snprintf(log, sizeof log, "%s.first.log", dir);
    /* The first copy: audio-only, waiting for a confirm that never comes
     * (its stdin stays open and silent). */
    char *first[] = {(char *)binary, (char *)"--audio-only", (char *)"--levels",
                     (char *)TEST_DATA_DIR "/audio/levels", (char *)"--level=tiny_hold_1",
                     (char *)"--mode=confirm", (char *)"--data-dir", dir, NULL};
    int keys = -1;
    int pid = test_start_program(first, env, &keys, log);
    wait_for_lock_owner(dir, pid);

    char *window[] = {(char *)binary, (char *)"--data-dir", dir, NULL};
    assert_refused("window", window, dir);
    char *audio[] = {(char *)binary, (char *)"--audio-only", (char *)"--data-dir", dir, NULL};
    assert_refused("audio-only", audio, dir);
    char *history[] = {(char *)binary, (char *)"--history", (char *)"--data-dir", dir, NULL};
    assert_int_equal(test_run_program(history, NULL, env, NULL, NULL), 0);
    char *simulate[] = {(char *)binary, (char *)"--simulate", (char *)"--level=pelvic_tilt_1",
                        (char *)"--data-dir", dir, NULL};
    assert_int_equal(test_run_program(simulate, NULL, env, NULL, NULL), 0);
    char *elsewhere[] = {(char *)binary, (char *)"--simulate", (char *)"--level=pelvic_tilt_1",
                         (char *)"--data-dir", other, NULL};
    assert_int_equal(test_run_program(elsewhere, NULL, env, NULL, NULL), 0);

    kill(pid, SIGKILL);
    assert_int_equal(test_wait_program(pid), 128 + SIGKILL);
    close(keys);
    char *again[] = {(char *)binary, (char *)"--simulate", (char *)"--level=pelvic_tilt_1",
                     (char *)"--data-dir", dir, NULL};
    assert_int_equal(test_run_program(again, NULL, env, NULL, NULL), 0);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PATH_TO_COREQUEST\n", argv[0]);
        return 2;
    }
    binary = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(instance_a_second_lock_on_one_folder_is_refused_with_the_owner),
        cmocka_unit_test(instance_lock_makes_a_missing_folder_and_its_own_file),
        cmocka_unit_test(instance_a_folder_that_takes_no_lock_is_said_and_goes_on),
        cmocka_unit_test(binary_a_save_in_use_is_refused_and_nothing_is_written_beside_it),
        cmocka_unit_test(binary_two_copies_on_one_data_folder),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
