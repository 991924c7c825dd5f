/* journal.c: the pending journal: whole JSON lines (jansson) appended and
 * fsync'ed under an exclusive lock, read back and removed, under the same
 * lock, by the next corequest that can write the save. */
#include "journal.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file_lock.h"

enum { JOURNAL_FORMAT = 1 };

struct Journal {
    int fd;
    char *path;
};

/* NULL for an empty folder name too: "" + "/name" would be the root's. */
static char *journal_path(const char *data_dir)
{
    if (!data_dir || !data_dir[0])
        return NULL;
    size_t n = strlen(data_dir) + sizeof "/" JOURNAL_FILE_NAME;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", data_dir, JOURNAL_FILE_NAME);
    return p;
}

bool journal_exists(const char *data_dir)
{
    char *path = journal_path(data_dir);
    struct stat st;
    bool found = path && stat(path, &st) == 0;
    free(path);
    return found;
}

/* Opens the journal with its lock held.  A merge removes the file while it
 * holds the lock, so a descriptor that waited for the lock may name a file
 * that is gone: then the (new) file is opened again.  When create is set
 * and the lock cannot be had in time, the descriptor comes back unlocked. */
static int open_locked(const char *path, bool create, int wait_ms)
{
    for (int attempt = 0; attempt < 16; attempt++) {
        int fd = open(path, O_RDWR | O_APPEND | O_CLOEXEC | (create ? O_CREAT : 0), 0600);
        if (fd < 0)
            return -1;
        if (file_lock(fd, true, wait_ms) != 0) {
            if (create && errno == EWOULDBLOCK)
                return fd;
            int e = errno;
            close(fd);
            errno = e;
            return -1;
        }
        struct stat st;
        if (fstat(fd, &st) == 0 && st.st_nlink > 0)
            return fd;
        close(fd);
    }
    errno = EAGAIN;
    return -1;
}

static int write_all(int fd, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, buf, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        buf += n;
        len -= (size_t)n;
    }
    return 0;
}

/* A new file's name lives in its folder: sync that too, for a power cut. */
static void sync_folder(const char *data_dir)
{
    int fd = open(data_dir, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* ---- lines ----------------------------------------------------------------- */

/* A session's back-pain keys (schema 5), by BackPainWhen. */
static const char *const back_pain_names[BACK_PAIN_WHEN_COUNT] = {"back_pain_before",
                                                                  "back_pain_after"};

static json_t *pending_to_json(const SavePending *p)
{
    const SaveSession *s = &p->session;
    json_t *root = json_pack("{s:i, s:{s:s, s:I, s:I, s:i, s:i, s:b}}", "v", JOURNAL_FORMAT,
                             "session", "key", s->key, "start_utc", (json_int_t)s->start_utc,
                             "end_utc", (json_int_t)s->end_utc, "local_day", (int)s->local_day,
                             "utc_offset_s", (int)s->utc_offset_s, "finished", (int)s->finished);
    /* Added with schema 5, only when given; a line without them reads as
     * not asked. */
    json_t *js = root ? json_object_get(root, "session") : NULL;
    for (int w = 0; js && w < BACK_PAIN_WHEN_COUNT; w++)
        if (s->back_pain_rated[w] &&
            json_object_set_new(js, back_pain_names[w], json_integer(s->back_pain[w])) != 0) {
            json_decref(root);
            return NULL;
        }
    if (!root || !p->has_exercise)
        return root;
    const SaveExercise *e = &p->exercise;
    json_t *unlocks = json_array();
    for (int i = 0; unlocks && i < p->unlock_count; i++)
        json_array_append_new(unlocks, json_pack("{s:s, s:i, s:I}", "level_id",
                                                 p->unlocks[i].level_id, "local_day",
                                                 (int)p->unlocks[i].local_day, "at_utc",
                                                 (json_int_t)p->unlocks[i].at_utc));
    json_t *ex = json_pack("{s:s, s:I, s:s, s:s, s:i, s:i, s:i, s:i, s:s, s:b, s:b, s:I, s:o}",
                           "key", e->key, "at_utc", (json_int_t)e->at_utc, "track_id",
                           e->track_id, "level_id", e->level_id, "reps_done", e->reps_done,
                           "reps_target", e->reps_target, "reps_left", e->reps_left,
                           "reps_right", e->reps_right, "sides", e->sides, "pain", (int)e->pain,
                           "skipped", (int)e->skipped, "duration_ms",
                           (json_int_t)e->duration_ms, "unlocks", unlocks);
    /* Added with schema 4; a line without it (older) reads as not rated. */
    if (ex && (json_object_set_new(ex, "rating", json_string(rating_id(e->rating))) != 0 ||
               json_object_set_new(ex, "rating_default", json_boolean(e->rating_default)) != 0 ||
               json_object_set_new(ex, "pain_score", json_integer(e->pain_score)) != 0 ||
               json_object_set_new(ex, "pain_place", json_string(pain_place_id(e->pain_place))) != 0 ||
               json_object_set_new(ex, "pain_after", json_boolean(e->pain_after)) != 0)) {
        json_decref(ex);
        ex = NULL;
    }
    if (!ex || json_object_set_new(root, "exercise", ex) != 0) {
        json_decref(root);
        return NULL;
    }
    return root;
}

static bool key_ok(const char *key)
{
    if (strlen(key) != SAVE_KEY_SIZE - 1)
        return false;
    for (const char *c = key; *c; c++)
        if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f')))
            return false;
    return true;
}

static bool copy_id(char *dst, size_t size, const char *src)
{
    return snprintf(dst, size, "%s", src) < (int)size;
}

static bool pending_from_line(const char *line, size_t len, SavePending *p)
{
    memset(p, 0, sizeof *p);
    json_t *root = json_loadb(line, len, 0, NULL);
    if (!root)
        return false;
    bool ok = false;
    int version = 0, finished = 0, day = 0, offset = 0;
    json_int_t start = 0, end = 0;
    const char *key = NULL;
    json_t *session = NULL, *exercise = NULL;
    if (json_unpack(root, "{s:i, s:o, s?o}", "v", &version, "session", &session, "exercise",
                    &exercise) != 0 || version != JOURNAL_FORMAT)
        goto done;
    if (json_unpack(session, "{s:s, s:I, s:I, s:i, s:i, s:b}", "key", &key, "start_utc",
                    &start, "end_utc", &end, "local_day", &day, "utc_offset_s", &offset,
                    "finished", &finished) != 0 ||
        !key_ok(key))
        goto done;
    copy_id(p->session.key, sizeof p->session.key, key);
    p->session.start_utc = start;
    p->session.end_utc = end;
    p->session.local_day = day;
    p->session.utc_offset_s = offset;
    p->session.finished = finished != 0;
    for (int w = 0; w < BACK_PAIN_WHEN_COUNT; w++) {
        json_t *v = json_object_get(session, back_pain_names[w]);
        if (json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) <= 10) {
            p->session.back_pain_rated[w] = true;
            p->session.back_pain[w] = (int)json_integer_value(v);
        }
    }
    if (exercise) {
        SaveExercise *e = &p->exercise;
        const char *track, *level, *sides;
        json_int_t at, ms;
        int pain, skipped;
        json_t *unlocks;
        if (json_unpack(exercise,
                        "{s:s, s:I, s:s, s:s, s:i, s:i, s:i, s:i, s:s, s:b, s:b, s:I, s:o}",
                        "key", &key, "at_utc", &at, "track_id", &track, "level_id", &level,
                        "reps_done", &e->reps_done, "reps_target", &e->reps_target,
                        "reps_left", &e->reps_left, "reps_right", &e->reps_right, "sides",
                        &sides, "pain", &pain, "skipped", &skipped, "duration_ms", &ms,
                        "unlocks", &unlocks) != 0 ||
            !key_ok(key) || !json_is_array(unlocks) ||
            !copy_id(e->track_id, sizeof e->track_id, track) ||
            !copy_id(e->level_id, sizeof e->level_id, level) ||
            !copy_id(e->sides, sizeof e->sides, sides))
            goto done;
        copy_id(e->key, sizeof e->key, key);
        json_t *rating = json_object_get(exercise, "rating");
        e->rating = json_is_string(rating) ? rating_from_id(json_string_value(rating))
                                           : RATING_NONE;
        e->rating_default = json_is_true(json_object_get(exercise, "rating_default"));
        json_t *score = json_object_get(exercise, "pain_score");
        e->pain_score = json_is_integer(score) && json_integer_value(score) >= 0 &&
                                json_integer_value(score) <= 10
                            ? (int)json_integer_value(score)
                            : -1;
        json_t *place = json_object_get(exercise, "pain_place");
        e->pain_place = json_is_string(place) ? pain_place_from_id(json_string_value(place))
                                              : PAIN_PLACE_NONE;
        e->pain_after = json_is_true(json_object_get(exercise, "pain_after"));
        e->at_utc = at;
        e->duration_ms = ms;
        e->pain = pain != 0;
        e->skipped = skipped != 0;
        e->local_day = p->session.local_day;
        e->utc_offset_s = p->session.utc_offset_s;
        size_t i;
        json_t *u;
        json_array_foreach(unlocks, i, u) {
            if (p->unlock_count >= TRACK_MAX_LEVELS)
                break;
            SaveUnlock *out = &p->unlocks[p->unlock_count];
            const char *id;
            json_int_t uat;
            int uday;
            if (json_unpack(u, "{s:s, s:i, s:I}", "level_id", &id, "local_day", &uday,
                            "at_utc", &uat) != 0 ||
                !copy_id(out->level_id, sizeof out->level_id, id))
                goto done;
            out->local_day = uday;
            out->at_utc = uat;
            p->unlock_count++;
        }
        p->has_exercise = true;
    }
    ok = true;
done:
    json_decref(root);
    return ok;
}

/* ---- the file ------------------------------------------------------------- */

int journal_append(const char *data_dir, const SavePending *items, int count, char *why,
                   size_t why_size)
{
    if (count <= 0)
        return 0;
    size_t len = 0, cap = 1;
    char *text = malloc(cap);
    int status = -1;
    char *path = NULL;
    int fd = -1;
    if (!text)
        goto out;
    text[0] = '\n'; /* room for a newline ending a line cut short earlier */
    len = 1;
    for (int i = 0; i < count; i++) {
        json_t *obj = pending_to_json(&items[i]);
        char *line = obj ? json_dumps(obj, JSON_COMPACT) : NULL;
        json_decref(obj);
        size_t n = line ? strlen(line) : 0;
        char *grown = line ? realloc(text, len + n + 1) : NULL;
        if (!grown) {
            free(line);
            snprintf(why, why_size, "out of memory");
            goto out;
        }
        text = grown;
        memcpy(text + len, line, n);
        text[len + n] = '\n';
        len += n + 1;
        free(line);
    }
    path = journal_path(data_dir);
    if (!path) {
        snprintf(why, why_size, "no folder for %s", JOURNAL_FILE_NAME);
        goto out;
    }
    fd = open_locked(path, true, JOURNAL_WAIT_MS);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        snprintf(why, why_size, "%s: %s", path, strerror(errno));
        goto out;
    }
    char last = '\n';
    if (st.st_size > 0 && pread(fd, &last, 1, st.st_size - 1) != 1)
        last = '\n';
    const char *from = last == '\n' ? text + 1 : text;
    if (write_all(fd, from, len - (size_t)(from - text)) != 0 || fsync(fd) != 0) {
        snprintf(why, why_size, "%s: %s", path, strerror(errno));
        goto out;
    }
    if (st.st_size == 0)
        sync_folder(data_dir);
    status = 0;
out:
    if (fd >= 0)
        close(fd); /* lets go of the lock too */
    free(path);
    free(text);
    return status;
}

static char *read_whole(int fd, size_t *len)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n == cap) {
            char *grown = realloc(buf, cap * 2);
            if (!grown) {
                free(buf);
                return NULL;
            }
            buf = grown;
            cap *= 2;
        }
        ssize_t got = pread(fd, buf + n, cap - n, (off_t)n);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            free(buf);
            return NULL;
        }
        if (got == 0)
            break;
        n += (size_t)got;
    }
    *len = n;
    return buf;
}

int journal_take(const char *data_dir, int wait_ms, Journal **out, SavePending **items,
                 int *count, int *unreadable, char *why, size_t why_size)
{
    *out = NULL;
    *items = NULL;
    *count = 0;
    *unreadable = 0;
    char *path = journal_path(data_dir);
    if (!path)
        return 0; /* no folder, no journal */
    int fd = open_locked(path, false, wait_ms);
    if (fd < 0) {
        int e = errno;
        if (e == ENOENT) {
            free(path);
            return 0;
        }
        snprintf(why, why_size, "%s: %s", path,
                 e == EWOULDBLOCK ? "in use by another corequest" : strerror(e));
        free(path);
        return -1;
    }
    size_t len = 0;
    char *text = read_whole(fd, &len);
    int lines = 0;
    for (size_t i = 0; text && i < len; i++)
        lines += text[i] == '\n';
    SavePending *list = lines > 0 ? calloc((size_t)lines, sizeof *list) : NULL;
    Journal *j = malloc(sizeof *j);
    if (!text || (lines > 0 && !list) || !j) {
        snprintf(why, why_size, "%s: %s", path, text ? "out of memory" : strerror(errno));
        free(text);
        free(list);
        free(j);
        free(path);
        close(fd);
        return -1;
    }
    int n = 0;
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] != '\n')
            continue;
        if (i > start) {
            if (pending_from_line(text + start, i - start, &list[n]))
                n++;
            else
                (*unreadable)++;
        }
        start = i + 1;
    }
    if (start < len)
        (*unreadable)++; /* the last line never got its newline: cut short */
    free(text);
    if (n == 0) {
        free(list);
        list = NULL;
    }
    j->fd = fd;
    j->path = path;
    *out = j;
    *items = list;
    *count = n;
    return 0;
}

int journal_clear(Journal *j)
{
    if (!j)
        return 0;
    int status = unlink(j->path) == 0 || errno == ENOENT ? 0 : -1;
    journal_release(j);
    return status;
}

void journal_release(Journal *j)
{
    if (!j)
        return;
    close(j->fd);
    free(j->path);
    free(j);
}
