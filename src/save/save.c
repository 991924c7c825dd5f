/* save.c: the SQLite store: opening read-write, repair by moving aside,
 * migrations, and one transaction per write.  Debian's libsqlite3; WAL. */
#include "save.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "file_lock.h"
#include "program.h"

struct Save {
    sqlite3 *db;
    char *path;
    int lock_fd;  /* SAVE_LOCK_NAME, held shared while open; -1 when read-only */
    bool busy;    /* the last write failed only on another connection's lock */
    char error[256];
};

/* ---- small helpers ---------------------------------------------------- */

static void textf(char *buf, size_t size, const char *fmt, ...)
{
    if (!buf || size == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, size, fmt, ap);
    va_end(ap);
}

static void copy_text(char *dst, size_t size, const unsigned char *src)
{
    snprintf(dst, size, "%s", src ? (const char *)src : "");
}

static char *join_path(const char *dir, const char *name)
{
    size_t dl = strlen(dir);
    bool slash = dl > 0 && dir[dl - 1] == '/';
    size_t n = dl + 1 + strlen(name) + 1;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s%s%s", dir, slash ? "" : "/", name);
    return p;
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

/* path + suffix exists (the save's -wal, -shm, -journal). */
static bool side_file_exists(const char *path, const char *suffix)
{
    size_t len = strlen(path) + strlen(suffix) + 1;
    char *side = malloc(len);
    if (!side)
        return false;
    snprintf(side, len, "%s%s", path, suffix);
    bool found = file_exists(side);
    free(side);
    return found;
}

/* mkdir -p, owner-only: the save holds health notes.  An empty name is no
 * folder at all (the loop below would start past its end). */
static int make_dirs(const char *dir, char *why, size_t why_size)
{
    if (!dir || !dir[0]) {
        textf(why, why_size, "no folder name given");
        return -1;
    }
    char *copy = strdup(dir);
    if (!copy) {
        textf(why, why_size, "out of memory");
        return -1;
    }
    size_t len = strlen(copy);
    while (len > 1 && copy[len - 1] == '/')
        copy[--len] = '\0';
    for (char *p = copy + 1;; p++) {
        bool end = *p == '\0';
        if (*p == '/' || end) {
            *p = '\0';
            if (mkdir(copy, 0700) != 0 && errno != EEXIST) {
                textf(why, why_size, "%s", strerror(errno));
                free(copy);
                return -1;
            }
            if (end)
                break;
            *p = '/';
        }
    }
    struct stat st;
    if (stat(copy, &st) != 0 || !S_ISDIR(st.st_mode)) {
        textf(why, why_size, "%s", stat(copy, &st) != 0 ? strerror(errno) : "not a folder");
        free(copy);
        return -1;
    }
    free(copy);
    return 0;
}

static bool rc_is_busy(int rc)
{
    int primary = rc & 0xff;
    return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

static void set_error(Save *s, const char *what)
{
    s->busy = rc_is_busy(sqlite3_errcode(s->db));
    textf(s->error, sizeof s->error, "%s: %s", what, sqlite3_errmsg(s->db));
}

static int exec_sql(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* One integer from a one-row query; returns an SQLite result code. */
static int query_int(sqlite3 *db, const char *sql, int64_t *out)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *out = sqlite3_column_int64(st, 0);
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        *out = 0;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

static int query_text(sqlite3 *db, const char *sql, char *out, size_t size)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        copy_text(out, size, sqlite3_column_text(st, 0));
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        copy_text(out, size, NULL);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    return rc;
}

static bool rc_is_unwritable(int rc)
{
    int primary = rc & 0xff;
    return primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN ||
           primary == SQLITE_PERM || primary == SQLITE_FULL ||
           primary == SQLITE_IOERR || primary == SQLITE_AUTH || rc_is_busy(rc);
}

/* COREQUEST_SAVE_TEST_HOOK="step:kill", "step:pause=MS" or "step:mark"
 * (several joined by commas) kills the process with SIGKILL, waits, or
 * prints "corequest-test-hook: step" on stderr at a named step: "create"
 * and "migrate" (every step; "migrate-to-N" only the step to version N)
 * inside their transaction just before COMMIT, "created" and "migrated"
 * just after it, "merge" after the journal merge committed and before the
 * journal is cleared, "exercise" after each exercise committed.  The tests
 * and tools/save-torture.sh use it to land a kill inside a window of a few
 * milliseconds every time, or to tell where a random kill landed.  Unset
 * (normal use) it does nothing. */
static void test_hook(const char *step)
{
    const char *spec = getenv("COREQUEST_SAVE_TEST_HOOK");
    if (!spec)
        return;
    size_t n = strlen(step);
    for (const char *p = spec; *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len > n && strncmp(p, step, n) == 0 && p[n] == ':') {
            const char *action = p + n + 1;
            if (strncmp(action, "kill", 4) == 0)
                raise(SIGKILL);
            else if (strncmp(action, "pause=", 6) == 0)
                file_lock_sleep_ms(atoi(action + 6));
            else if (strncmp(action, "mark", 4) == 0)
                fprintf(stderr, "corequest-test-hook: %s\n", step);
        }
        if (!end)
            break;
        p = end + 1;
    }
}

/* ---- local days --------------------------------------------------------- */

DayNumber save_local_day(int64_t utc, int day_start_hour, int32_t *utc_offset_s)
{
    time_t t = (time_t)utc;
    struct tm local, universal;
    if (!localtime_r(&t, &local) || !gmtime_r(&t, &universal)) {
        /* Out of the C library's range: fall back to UTC days. */
        if (utc_offset_s) *utc_offset_s = 0;
        DayNumber d = (DayNumber)(utc >= 0 ? utc / 86400 : (utc - 86399) / 86400);
        return d;
    }
    if (utc_offset_s) {
        /* tm_gmtoff is not standard C: compare the two broken-down times. */
        int64_t ld = day_from_civil(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
        int64_t ud = day_from_civil(universal.tm_year + 1900, universal.tm_mon + 1,
                                    universal.tm_mday);
        int64_t ls = ld * 86400 + local.tm_hour * 3600 + local.tm_min * 60 + local.tm_sec;
        int64_t us = ud * 86400 + universal.tm_hour * 3600 + universal.tm_min * 60 +
                     universal.tm_sec;
        *utc_offset_s = (int32_t)(ls - us);
    }
    return day_from_local(local.tm_year + 1900, local.tm_mon + 1, local.tm_mday,
                          local.tm_hour, day_start_hour);
}

/* ---- schema and migrations -------------------------------------------- */

/* Version 5: the weekly check of everyday things (tolerance.h), one row
 * per check; a score not given is NULL, a skipped week has skipped = 1. */
#define TOLERANCE_TABLE_SQL                                                                 \
    "CREATE TABLE tolerance("                                                               \
    " id INTEGER PRIMARY KEY,"                                                              \
    " at_utc INTEGER NOT NULL,"                                                             \
    " local_day INTEGER NOT NULL,"                                                          \
    " utc_offset_s INTEGER NOT NULL,"                                                       \
    " stand INTEGER, sit INTEGER, activity INTEGER,"                                        \
    " activity_name TEXT,"                                                                  \
    " skipped INTEGER NOT NULL DEFAULT 0,"                                                  \
    " row_key TEXT);"                                                                       \
    "CREATE UNIQUE INDEX tolerance_by_key ON tolerance(row_key);"

/* Rows carry a random key (row_key) so that a result written twice (from
 * the journal after a kill, or by a retry after another corequest merged
 * it) is recognised and kept once.  Old rows have none (NULL). */
static const char schema_v5[] =
    "CREATE TABLE sessions("
    " id INTEGER PRIMARY KEY,"
    " start_utc INTEGER NOT NULL,"
    " end_utc INTEGER,"
    " local_day INTEGER NOT NULL,"
    " utc_offset_s INTEGER NOT NULL,"
    " finished INTEGER NOT NULL DEFAULT 0,"
    " row_key TEXT,"
    " back_pain_before INTEGER, back_pain_after INTEGER);"
    "CREATE UNIQUE INDEX sessions_by_key ON sessions(row_key);"
    "CREATE TABLE exercises("
    " id INTEGER PRIMARY KEY,"
    " session_id INTEGER NOT NULL REFERENCES sessions(id),"
    " at_utc INTEGER NOT NULL,"
    " track_id TEXT NOT NULL,"
    " level_id TEXT NOT NULL,"
    " reps_done INTEGER NOT NULL,"
    " reps_target INTEGER NOT NULL,"
    " reps_left INTEGER,"
    " reps_right INTEGER,"
    " sides TEXT,"
    " pain INTEGER NOT NULL DEFAULT 0,"
    " skipped INTEGER NOT NULL DEFAULT 0,"
    " duration_ms INTEGER NOT NULL DEFAULT 0,"
    " row_key TEXT,"
    " rating TEXT,"
    " rating_default INTEGER NOT NULL DEFAULT 0,"
    " pain_score INTEGER,"
    " pain_place TEXT,"
    " pain_after INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX exercises_by_session ON exercises(session_id);"
    "CREATE UNIQUE INDEX exercises_by_key ON exercises(row_key);"
    "CREATE TABLE unlocks("
    " level_id TEXT PRIMARY KEY,"
    " local_day INTEGER NOT NULL,"
    " at_utc INTEGER NOT NULL);"
    "CREATE TABLE choices("
    " track_id TEXT PRIMARY KEY,"
    " level_id TEXT);"
    "CREATE TABLE settings("
    " name TEXT PRIMARY KEY,"
    " value INTEGER NOT NULL);"
    "CREATE TABLE therapist_checked("
    " at_utc INTEGER NOT NULL,"
    " local_day INTEGER NOT NULL);"
    TOLERANCE_TABLE_SQL;

static const char *const tables_current[] = {"sessions", "exercises", "unlocks", "choices",
                                             "settings", "therapist_checked", "tolerance"};

/* The statements of a fresh save; the caller holds the transaction. */
static int create_schema(sqlite3 *db)
{
    char sql[96];
    int rc = exec_sql(db, schema_v5);
    if (rc == SQLITE_OK) {
        snprintf(sql, sizeof sql, "PRAGMA application_id=%d", SAVE_APPLICATION_ID);
        rc = exec_sql(db, sql);
    }
    if (rc == SQLITE_OK) {
        snprintf(sql, sizeof sql, "PRAGMA user_version=%d", SAVE_SCHEMA_VERSION);
        rc = exec_sql(db, sql);
    }
    return rc;
}

/* The day-start hour the old save was using, so migrated days match what
 * the user saw. */
static int stored_day_start_hour(sqlite3 *db)
{
    int64_t v = 0;
    Settings defaults = settings_default();
    if (query_int(db, "SELECT count(*) FROM settings WHERE name='day_start_hour'", &v) !=
            SQLITE_OK || v == 0)
        return defaults.day_start_hour;
    Settings s = defaults;
    if (query_int(db, "SELECT value FROM settings WHERE name='day_start_hour'", &v) ==
        SQLITE_OK)
        settings_set_by_name(&s, "day_start_hour", (int)v);
    return s.day_start_hour;
}

/* Fills local_day (and utc_offset_s when offset_column) from a UTC column,
 * in the time zone of the machine that migrates: v1 kept nothing better. */
static int fill_local_days(sqlite3 *db, const char *table, const char *utc_column,
                           bool offset_column, int day_start_hour)
{
    char sql[256];
    snprintf(sql, sizeof sql, "SELECT rowid, %s FROM %s", utc_column, table);
    sqlite3_stmt *sel, *upd;
    int rc = sqlite3_prepare_v2(db, sql, -1, &sel, NULL);
    if (rc != SQLITE_OK)
        return rc;
    if (offset_column)
        snprintf(sql, sizeof sql,
                 "UPDATE %s SET local_day=?1, utc_offset_s=?2 WHERE rowid=?3", table);
    else
        snprintf(sql, sizeof sql, "UPDATE %s SET local_day=?1 WHERE rowid=?3", table);
    rc = sqlite3_prepare_v2(db, sql, -1, &upd, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_finalize(sel);
        return rc;
    }
    while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
        int32_t offset = 0;
        DayNumber day = save_local_day(sqlite3_column_int64(sel, 1), day_start_hour, &offset);
        sqlite3_bind_int(upd, 1, day);
        if (offset_column)
            sqlite3_bind_int(upd, 2, offset);
        sqlite3_bind_int64(upd, 3, sqlite3_column_int64(sel, 0));
        rc = sqlite3_step(upd);
        sqlite3_reset(upd);
        if (rc != SQLITE_DONE)
            break;
    }
    if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    sqlite3_finalize(sel);
    sqlite3_finalize(upd);
    return rc;
}

/* v1 -> v2: sessions and unlocks gain the local day (and the UTC offset),
 * results become exercises with per-side reps and sides, choices appear. */
static int migrate_v1_to_v2(sqlite3 *db)
{
    int day_start = stored_day_start_hour(db);
    int rc = exec_sql(db,
        "ALTER TABLE sessions RENAME COLUMN started_at TO start_utc;"
        "ALTER TABLE sessions RENAME COLUMN ended_at TO end_utc;"
        "ALTER TABLE sessions ADD COLUMN local_day INTEGER NOT NULL DEFAULT 0;"
        "ALTER TABLE sessions ADD COLUMN utc_offset_s INTEGER NOT NULL DEFAULT 0;"
        "ALTER TABLE unlocks RENAME COLUMN unlocked_at TO at_utc;"
        "ALTER TABLE unlocks ADD COLUMN local_day INTEGER NOT NULL DEFAULT 0;"
        "CREATE TABLE exercises("
        " id INTEGER PRIMARY KEY,"
        " session_id INTEGER NOT NULL REFERENCES sessions(id),"
        " at_utc INTEGER NOT NULL,"
        " track_id TEXT NOT NULL,"
        " level_id TEXT NOT NULL,"
        " reps_done INTEGER NOT NULL,"
        " reps_target INTEGER NOT NULL,"
        " reps_left INTEGER,"
        " reps_right INTEGER,"
        " sides TEXT,"
        " pain INTEGER NOT NULL DEFAULT 0,"
        " skipped INTEGER NOT NULL DEFAULT 0,"
        " duration_ms INTEGER NOT NULL DEFAULT 0);"
        "INSERT INTO exercises(id, session_id, at_utc, track_id, level_id, reps_done,"
        " reps_target, reps_left, reps_right, sides, pain, skipped, duration_ms)"
        " SELECT id, session_id, ended_at, track_id, level_id, reps_done, reps_target,"
        " NULL, NULL, NULL, pain, skipped, duration_ms FROM results ORDER BY id;"
        "DROP TABLE results;"
        "CREATE INDEX exercises_by_session ON exercises(session_id);"
        "CREATE TABLE choices(track_id TEXT PRIMARY KEY, level_id TEXT);");
    if (rc == SQLITE_OK)
        rc = fill_local_days(db, "sessions", "start_utc", true, day_start);
    if (rc == SQLITE_OK)
        rc = fill_local_days(db, "unlocks", "at_utc", false, day_start);
    return rc;
}

/* v2 -> v3: sessions and exercises gain their unique row key. */
static int migrate_v2_to_v3(sqlite3 *db)
{
    return exec_sql(db,
        "ALTER TABLE sessions ADD COLUMN row_key TEXT;"
        "CREATE UNIQUE INDEX sessions_by_key ON sessions(row_key);"
        "ALTER TABLE exercises ADD COLUMN row_key TEXT;"
        "CREATE UNIQUE INDEX exercises_by_key ON exercises(row_key);");
}

/* Version 4: how each exercise felt, and how bad and where a pain was.
 * Older rows were never asked, so they stay NULL (not rated, no score),
 * which no unlock rule reads as "too easy" and no pain rule as a score. */
static int migrate_v3_to_v4(sqlite3 *db)
{
    return exec_sql(db,
        "ALTER TABLE exercises ADD COLUMN rating TEXT;"
        "ALTER TABLE exercises ADD COLUMN rating_default INTEGER NOT NULL DEFAULT 0;"
        "ALTER TABLE exercises ADD COLUMN pain_score INTEGER;"
        "ALTER TABLE exercises ADD COLUMN pain_place TEXT;"
        "ALTER TABLE exercises ADD COLUMN pain_after INTEGER NOT NULL DEFAULT 0;"
        "CREATE TABLE therapist_checked(at_utc INTEGER NOT NULL, local_day INTEGER NOT NULL);");
}

/* Version 5: the weekly checks begin, and a session may carry the back
 * pain asked before and after it (NULL: not asked, as in every older row). */
static int migrate_v4_to_v5(sqlite3 *db)
{
    return exec_sql(db, TOLERANCE_TABLE_SQL
                    "ALTER TABLE sessions ADD COLUMN back_pain_before INTEGER;"
                    "ALTER TABLE sessions ADD COLUMN back_pain_after INTEGER;");
}

typedef int (*Migration)(sqlite3 *db);

/* migrations[v] takes a save from version v + 1 to v + 2. */
static const Migration migrations[] = {migrate_v1_to_v2, migrate_v2_to_v3, migrate_v3_to_v4,
                                       migrate_v4_to_v5};

/* ---- what is this file? ------------------------------------------------- */

typedef enum {
    FILE_KIND_OURS,      /* version in *version */
    FILE_KIND_EMPTY,     /* SQLite (or zero bytes) with nothing in it */
    FILE_KIND_MISSING,   /* no file yet */
    FILE_KIND_FOREIGN,   /* SQLite, but someone else's */
    FILE_KIND_BROKEN,    /* not SQLite, or fails the integrity check */
    FILE_KIND_NEWER,     /* ours, from a newer corequest */
    FILE_KIND_UNREADABLE /* cannot be read now (locked, I/O): leave it */
} FileKind;

static bool has_current_tables(sqlite3 *db)
{
    for (size_t i = 0; i < sizeof tables_current / sizeof tables_current[0]; i++) {
        char sql[128];
        int64_t n = 0;
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='%s'",
                 tables_current[i]);
        if (query_int(db, sql, &n) != SQLITE_OK || n != 1)
            return false;
    }
    return true;
}

/* Only what SQLite itself calls damage is damage: a lock, a busy file or
 * an I/O error leaves the file alone. */
static FileKind rc_kind(int rc)
{
    int primary = rc & 0xff;
    if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
        return FILE_KIND_BROKEN;
    return FILE_KIND_UNREADABLE;
}

/* What the open file holds.  check_integrity adds PRAGMA quick_check (done
 * once at open, not again inside each transaction).  *rc_out gets the
 * SQLite code behind FILE_KIND_UNREADABLE. */
static FileKind classify(sqlite3 *db, int *version, bool check_integrity, int *rc_out)
{
    int64_t app = 0, ver = 0, objects = 0;
    int rc = query_int(db, "PRAGMA application_id", &app);
    if (rc == SQLITE_OK)
        rc = query_int(db, "PRAGMA user_version", &ver);
    if (rc == SQLITE_OK)
        rc = query_int(db, "SELECT count(*) FROM sqlite_master", &objects);
    *rc_out = rc;
    if (rc != SQLITE_OK)
        return rc_kind(rc);
    *version = (int)ver;
    if (app == 0 && ver == 0 && objects == 0)
        return FILE_KIND_EMPTY;
    if (app != SAVE_APPLICATION_ID)
        return FILE_KIND_FOREIGN;
    if (check_integrity) {
        char check[64];
        rc = query_text(db, "PRAGMA quick_check", check, sizeof check);
        *rc_out = rc;
        if (rc != SQLITE_OK)
            return rc_kind(rc);
        if (strcmp(check, "ok") != 0)
            return FILE_KIND_BROKEN;
    }
    if (ver > SAVE_SCHEMA_VERSION)
        return FILE_KIND_NEWER;
    if (ver < 1)
        return objects == 0 ? FILE_KIND_EMPTY : FILE_KIND_BROKEN;
    if (ver == SAVE_SCHEMA_VERSION && !has_current_tables(db))
        return FILE_KIND_BROKEN;
    return FILE_KIND_OURS;
}

/* Brings an empty or older save to the current schema: creation is one
 * transaction, each migration another, so a kill leaves the old schema or
 * the new one.  Each step looks again, inside its transaction, at what the
 * file holds: another corequest may have created or migrated it since we
 * looked.  On return *kind and *version say what the file is now. */
static int prepare_schema(sqlite3 *db, FileKind *kind, int *version)
{
    for (;;) {
        int rc = exec_sql(db, "BEGIN IMMEDIATE");
        if (rc != SQLITE_OK)
            return rc;
        int look_rc;
        *kind = classify(db, version, false, &look_rc);
        const char *step;
        if (*kind == FILE_KIND_EMPTY) {
            rc = create_schema(db);
            step = "create";
        } else if (*kind == FILE_KIND_OURS && *version < SAVE_SCHEMA_VERSION) {
            rc = migrations[*version - 1](db);
            if (rc == SQLITE_OK) {
                char sql[64];
                snprintf(sql, sizeof sql, "PRAGMA user_version=%d", *version + 1);
                rc = exec_sql(db, sql);
            }
            step = "migrate";
        } else {
            exec_sql(db, "ROLLBACK"); /* nothing to change */
            return *kind == FILE_KIND_UNREADABLE ? look_rc : SQLITE_OK;
        }
        if (rc == SQLITE_OK) {
            test_hook(step);
            if (strcmp(step, "migrate") == 0) {
                char named[32]; /* "migrate-to-3": this step only */
                snprintf(named, sizeof named, "migrate-to-%d", *version + 1);
                test_hook(named);
            }
            rc = exec_sql(db, "COMMIT");
        }
        if (rc != SQLITE_OK) {
            exec_sql(db, "ROLLBACK");
            return rc;
        }
        test_hook(strcmp(step, "create") == 0 ? "created" : "migrated");
    }
}

/* Looks at the first bytes by hand before SQLite opens the file: SQLite
 * would adopt a stray -wal beside a file that is not a database (and
 * checkpoint it into it), and deletes one beside an empty file.  The side
 * files are looked for before the header is read, because a corequest
 * creating the save writes page 1 before its -wal exists and removes its
 * -journal only after page 1 is written.  FILE_KIND_OURS here means "let
 * SQLite look". */
static FileKind precheck(const char *path, char *why, size_t why_size)
{
    bool wal = side_file_exists(path, "-wal");
    bool journal = side_file_exists(path, "-journal");
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return FILE_KIND_MISSING;
        textf(why, why_size, "%s", strerror(errno));
        return FILE_KIND_UNREADABLE;
    }
    unsigned char head[16];
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    if (n == 0)
        return wal ? FILE_KIND_BROKEN : FILE_KIND_EMPTY;
    if (n == sizeof head && memcmp(head, "SQLite format 3", sizeof head) == 0)
        return FILE_KIND_OURS;
    /* A run killed while writing page 1 left a hot journal that puts the
     * header back: SQLite rolls it back on the read-write open. */
    return journal && !wal ? FILE_KIND_OURS : FILE_KIND_BROKEN;
}

/* ---- the lock file and moving aside ------------------------------------ */

/* Opens data_dir's lock file and takes it shared: "a corequest has this
 * save open".  Returns the descriptor, -1 when the folder cannot be written
 * (why), or -2 when a corequest holds it exclusively (it is moving a
 * damaged save aside right now) for longer than wait_ms. */
static int lock_open(const char *data_dir, int wait_ms, char *why, size_t why_size)
{
    char *path = join_path(data_dir, SAVE_LOCK_NAME);
    if (!path) {
        textf(why, why_size, "out of memory");
        return -1;
    }
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        textf(why, why_size, "%s: %s", path, strerror(errno));
    free(path);
    if (fd < 0)
        return -1;
    if (file_lock(fd, false, wait_ms) != 0) {
        close(fd);
        return -2;
    }
    return fd;
}

/* Renames path (and its -wal, -shm) to path.broken-STAMP[-n]; nothing is
 * deleted.  Returns 0 and the new name, or -1 with the reason. */
static int move_aside(const char *path, char *moved_to, size_t moved_size, char *why,
                      size_t why_size)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    if (!localtime_r(&now, &tm) || !strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm))
        snprintf(stamp, sizeof stamp, "%lld", (long long)now);

    size_t size = strlen(path) + 64;
    char *target = malloc(size);
    char *from = malloc(size);
    char *to = malloc(size);
    if (!target || !from || !to) {
        free(target);
        free(from);
        free(to);
        textf(why, why_size, "out of memory");
        return -1;
    }
    snprintf(target, size, "%s.broken-%s", path, stamp);
    for (int n = 2; file_exists(target) && n < 1000; n++)
        snprintf(target, size, "%s.broken-%s-%d", path, stamp, n);

    int status = 0;
    if (rename(path, target) != 0) {
        textf(why, why_size, "%s", strerror(errno));
        status = -1;
    } else {
        static const char *const extras[] = {"-wal", "-shm", "-journal"};
        for (int i = 0; i < 3; i++) {
            snprintf(from, size, "%s%s", path, extras[i]);
            snprintf(to, size, "%s%s", target, extras[i]);
            if (file_exists(from) && rename(from, to) != 0 && status == 0) {
                /* The main file moved; a leftover journal beside a fresh
                 * save would be applied to it, so this is fatal too. */
                textf(why, why_size, "could not move %s: %s", from, strerror(errno));
                status = -1;
            }
        }
        textf(moved_to, moved_size, "%s", target);
    }
    free(target);
    free(from);
    free(to);
    return status;
}

/* ---- opening ----------------------------------------------------------- */

/* WAL before anything is created or migrated: a kill then leaves frames
 * that were never committed, which the next open simply ignores. */
static int configure(sqlite3 *db)
{
    char mode[16];
    int rc = query_text(db, "PRAGMA journal_mode=WAL", mode, sizeof mode);
    if (rc != SQLITE_OK)
        return rc;
    /* FULL: a commit survives a power cut too, not only a crash. */
    return exec_sql(db, "PRAGMA synchronous=FULL");
}

/* configure, waiting while another connection holds the file.  Two
 * corequests creating one save at once meet here: turning a new file to
 * WAL needs it alone for a moment, and SQLite answers that with BUSY at
 * once instead of calling the busy handler (each side waiting for the
 * other would deadlock), so this waits as long as the busy timeout would.
 * Seen on the two-copies fault test: 3 of 6 pairs lost their first save. */
static int configure_waiting(sqlite3 *db, int wait_ms)
{
    for (int waited = 0;; waited += 10) {
        int rc = configure(db);
        if (!rc_is_busy(rc) || waited >= wait_ms)
            return rc;
        sqlite3_sleep(10);
    }
}

/* Takes the write lock once, so that a folder we cannot write is found at
 * open and not at the first exercise. */
static int probe_write(sqlite3 *db)
{
    int rc = exec_sql(db, "BEGIN IMMEDIATE");
    if (rc == SQLITE_OK)
        rc = exec_sql(db, "COMMIT");
    else
        exec_sql(db, "ROLLBACK");
    return rc;
}

static Save *save_new(sqlite3 *db, const char *path)
{
    Save *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->path = strdup(path);
    if (!s->path) {
        free(s);
        return NULL;
    }
    s->db = db;
    s->lock_fd = -1;
    return s;
}

static SaveOpenStatus not_now(int rc, const char *path, const char *what, char *notice,
                              size_t notice_size)
{
    if (rc_is_busy(rc)) {
        textf(notice, notice_size, "The save %s is in use by another program (%s).", path,
              sqlite3_errstr(rc));
        return SAVE_OPEN_BUSY;
    }
    textf(notice, notice_size, "Cannot %s the save %s (%s).", what, path, sqlite3_errstr(rc));
    return SAVE_OPEN_UNWRITABLE;
}

/* One look at path on a read-write connection (which first rolls back what
 * a killed run left half written) and, when the file is ours or empty, the
 * schema brought up to date.  SAVE_OPEN_OK with *damage set means "move it
 * aside" (nothing was opened); SAVE_OPEN_OK otherwise gives the connection,
 * with *busy when another connection holds the write lock right now. */
static SaveOpenStatus open_and_prepare(const char *path, int wait_ms, sqlite3 **out,
                                       const char **damage, bool *busy, char *notice,
                                       size_t notice_size)
{
    *out = NULL;
    *damage = NULL;
    *busy = false;
    char why[256] = "";
    FileKind kind = precheck(path, why, sizeof why);
    if (kind == FILE_KIND_BROKEN) {
        *damage = "was damaged";
        return SAVE_OPEN_OK;
    }
    if (kind == FILE_KIND_UNREADABLE) {
        textf(notice, notice_size, "Cannot read the save %s now (%s).", path, why);
        return SAVE_OPEN_UNWRITABLE;
    }
    int flags = SQLITE_OPEN_READWRITE | (kind == FILE_KIND_MISSING ? SQLITE_OPEN_CREATE : 0);
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, flags, NULL);
    if (rc != SQLITE_OK) {
        sqlite3_close(db);
        return not_now(rc, path, kind == FILE_KIND_MISSING ? "create" : "open", notice,
                       notice_size);
    }
    /* Until the file is known to be ours, a -wal stays as it is at close. */
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
    sqlite3_busy_timeout(db, wait_ms);

    int version = 0;
    kind = classify(db, &version, true, &rc);
    SaveOpenStatus status = SAVE_OPEN_OK;
    switch (kind) {
    case FILE_KIND_OURS:
    case FILE_KIND_EMPTY:
    case FILE_KIND_MISSING:
        break;
    case FILE_KIND_FOREIGN:
        *damage = "is not a corequest save";
        break;
    case FILE_KIND_BROKEN:
        *damage = "was damaged";
        break;
    case FILE_KIND_NEWER:
        textf(notice, notice_size,
              "The save %s was made by a newer corequest (version %d); it is left "
              "untouched and results are not saved.", path, version);
        status = SAVE_OPEN_NEWER;
        break;
    case FILE_KIND_UNREADABLE:
        status = not_now(rc, path, "read", notice, notice_size);
        break;
    }
    if (status == SAVE_OPEN_OK && !*damage && sqlite3_db_readonly(db, "main") == 1) {
        textf(notice, notice_size, "Cannot write the save %s (read-only).", path);
        status = SAVE_OPEN_UNWRITABLE;
    }
    if (status != SAVE_OPEN_OK || *damage) {
        sqlite3_close(db);
        return status;
    }
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, (int *)NULL);

    rc = configure_waiting(db, wait_ms);
    if (rc == SQLITE_OK && (kind != FILE_KIND_OURS || version < SAVE_SCHEMA_VERSION)) {
        rc = prepare_schema(db, &kind, &version);
        if (rc == SQLITE_OK && kind == FILE_KIND_NEWER) {
            textf(notice, notice_size,
                  "The save %s was made by a newer corequest (version %d); it is left "
                  "untouched and results are not saved.", path, version);
            sqlite3_close(db);
            return SAVE_OPEN_NEWER;
        }
        if (rc == SQLITE_OK && kind != FILE_KIND_OURS)
            rc = SQLITE_CORRUPT; /* changed shape under us into something not ours */
    }
    if (rc == SQLITE_OK) {
        rc = probe_write(db);
        if (rc_is_busy(rc)) {
            /* Readable, but someone holds the write lock: writes wait for it. */
            *busy = true;
            textf(notice, notice_size,
                  "The save %s is in use by another program (%s).", path, sqlite3_errstr(rc));
            rc = SQLITE_OK;
        }
    }
    if (rc != SQLITE_OK) {
        sqlite3_close(db);
        if (rc_is_unwritable(rc))
            return not_now(rc, path, "write", notice, notice_size);
        /* Ours, but in a shape no migration knows. */
        *damage = "could not be updated";
        return SAVE_OPEN_OK;
    }
    *out = db;
    return SAVE_OPEN_OK;
}

SaveOpenStatus save_open(const char *data_dir, int wait_ms, Save **out, char *notice,
                         size_t notice_size)
{
    *out = NULL;
    textf(notice, notice_size, "%s", "");
    char why[256] = "";
    if (make_dirs(data_dir, why, sizeof why) != 0) {
        textf(notice, notice_size, "Cannot use the save folder %s (%s).", data_dir, why);
        return SAVE_OPEN_UNWRITABLE;
    }
    int lock_fd = lock_open(data_dir, wait_ms, why, sizeof why);
    if (lock_fd == -1) {
        textf(notice, notice_size, "Cannot write the save folder %s (%s).", data_dir, why);
        return SAVE_OPEN_UNWRITABLE;
    }
    if (lock_fd == -2) {
        textf(notice, notice_size,
              "Another corequest is repairing the save in %s right now.", data_dir);
        return SAVE_OPEN_BUSY;
    }
    char *path = join_path(data_dir, SAVE_FILE_NAME);
    if (!path) {
        close(lock_fd);
        return SAVE_OPEN_NO_MEMORY;
    }

    sqlite3 *db = NULL;
    const char *damage = NULL;
    bool busy = false;
    char moved[512] = "";
    SaveOpenStatus status =
        open_and_prepare(path, wait_ms, &db, &damage, &busy, notice, notice_size);
    if (status == SAVE_OPEN_OK && damage) {
        /* Moved aside only while no other corequest has the save open, and
         * only if it still looks so once we are alone with it. */
        const char *reason = damage;
        if (file_lock(lock_fd, true, 0) != 0) {
            textf(notice, notice_size,
                  "The save %s %s, but another corequest has it open: it is left as it is "
                  "for now.", path, reason);
            status = SAVE_OPEN_BUSY;
        } else {
            status = open_and_prepare(path, wait_ms, &db, &damage, &busy, notice, notice_size);
            if (status == SAVE_OPEN_OK && damage) {
                reason = damage;
                if (move_aside(path, moved, sizeof moved, why, sizeof why) != 0) {
                    textf(notice, notice_size,
                          "The save %s %s and could not be moved aside (%s); results are not "
                          "saved.", path, reason, why);
                    status = SAVE_OPEN_UNWRITABLE;
                } else {
                    status = open_and_prepare(path, wait_ms, &db, &damage, &busy, notice,
                                              notice_size);
                    if (status == SAVE_OPEN_OK && damage) {
                        textf(notice, notice_size, "Cannot create the save %s.", path);
                        status = SAVE_OPEN_UNWRITABLE;
                    } else if (status == SAVE_OPEN_OK) {
                        textf(notice, notice_size,
                              "The save file %s; it was kept as %s and a fresh save was "
                              "started.", reason, moved);
                    }
                }
            }
            /* Back to "open here", as every other corequest holds it. */
            if (file_lock(lock_fd, false, wait_ms) != 0 && status == SAVE_OPEN_OK) {
                sqlite3_close(db);
                db = NULL;
                textf(notice, notice_size,
                      "Another corequest is repairing the save in %s right now.", data_dir);
                status = SAVE_OPEN_BUSY;
            }
        }
    }
    if (status != SAVE_OPEN_OK) {
        sqlite3_close(db);
        close(lock_fd);
        free(path);
        return status;
    }
    Save *s = save_new(db, path);
    free(path);
    if (!s) {
        sqlite3_close(db);
        close(lock_fd);
        return SAVE_OPEN_NO_MEMORY;
    }
    s->lock_fd = lock_fd;
    s->busy = busy;
    *out = s;
    return SAVE_OPEN_OK;
}

/* Copies the file into memory so that an older schema can be migrated and
 * read without writing the file. */
static sqlite3 *copy_to_memory(const char *uri, int *rc_out)
{
    sqlite3 *file = NULL, *mem = NULL;
    int rc = sqlite3_open_v2(uri, &file, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    if (rc == SQLITE_OK) {
        /* A writer's lock in WAL mode never blocks this read; the short
         * wait is for an exclusive holder, which the immutable fallback
         * then reads past. */
        sqlite3_busy_timeout(file, 200);
        rc = sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE, NULL);
    }
    if (rc == SQLITE_OK) {
        sqlite3_backup *b = sqlite3_backup_init(mem, "main", file, "main");
        if (!b) {
            rc = sqlite3_errcode(mem);
        } else {
            sqlite3_backup_step(b, -1);
            rc = sqlite3_backup_finish(b);
        }
    }
    sqlite3_close(file);
    if (rc != SQLITE_OK) {
        sqlite3_close(mem);
        mem = NULL;
    }
    *rc_out = rc;
    return mem;
}

Save *save_open_read_only(const char *data_dir, char *notice, size_t notice_size)
{
    textf(notice, notice_size, "%s", "");
    char *path = join_path(data_dir, SAVE_FILE_NAME);
    if (!path)
        return NULL;
    if (!file_exists(path)) {
        textf(notice, notice_size, "There is no save in %s yet.", data_dir);
        free(path);
        return NULL;
    }
    size_t usize = strlen(path) * 3 + 32;
    char *uri = malloc(usize);
    if (!uri) {
        free(path);
        return NULL;
    }
    /* Percent-encode everything but the safe characters for the URI. */
    size_t o = (size_t)snprintf(uri, usize, "file:");
    for (const char *c = path; *c; c++) {
        unsigned char ch = (unsigned char)*c;
        bool safe = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || strchr("/-_.~", ch);
        o += (size_t)snprintf(uri + o, usize - o, safe ? "%c" : "%%%02X", ch);
    }
    int rc;
    sqlite3 *mem = copy_to_memory(uri, &rc);
    if (!mem) {
        /* A read-only folder may refuse the WAL index: read the file as it
         * is on disk, without the last uncheckpointed writes. */
        snprintf(uri + o, usize - o, "?immutable=1");
        mem = copy_to_memory(uri, &rc);
    }
    free(uri);
    if (!mem) {
        textf(notice, notice_size, "Cannot read the save %s (%s).", path, sqlite3_errstr(rc));
        free(path);
        return NULL;
    }
    int version = 0;
    FileKind kind = classify(mem, &version, false, &rc);
    if (kind == FILE_KIND_OURS && version < SAVE_SCHEMA_VERSION &&
        prepare_schema(mem, &kind, &version) != SQLITE_OK)
        kind = FILE_KIND_BROKEN;
    if (kind != FILE_KIND_OURS) {
        textf(notice, notice_size, "The save %s cannot be read by this corequest.", path);
        sqlite3_close(mem);
        free(path);
        return NULL;
    }
    Save *s = save_new(mem, path);
    if (!s)
        sqlite3_close(mem);
    free(path);
    return s;
}

void save_close(Save *s)
{
    if (!s)
        return;
    sqlite3_close(s->db);
    if (s->lock_fd >= 0)
        close(s->lock_fd); /* lets go of the shared lock */
    free(s->path);
    free(s);
}

const char *save_path(const Save *s) { return s->path; }
const char *save_error(const Save *s) { return s->error; }
bool save_busy(const Save *s) { return s->busy; }

void save_set_wait(Save *s, int wait_ms)
{
    sqlite3_busy_timeout(s->db, wait_ms);
}

void save_new_key(char *out)
{
    unsigned char bytes[16];
    bool got = false;
    int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        got = read(fd, bytes, sizeof bytes) == (ssize_t)sizeof bytes;
        close(fd);
    }
    if (!got)
        sqlite3_randomness((int)sizeof bytes, bytes); /* seeded by SQLite itself */
    for (size_t i = 0; i < sizeof bytes; i++)
        snprintf(out + 2 * i, 3, "%02x", bytes[i]);
}

/* ---- loading ------------------------------------------------------------ */

/* Grows *items (element size elem) for one more; returns the new slot. */
static void *grow(void **items, int *count, int *cap, size_t elem)
{
    if (*count == *cap) {
        int ncap = *cap ? *cap * 2 : 64;
        void *n = realloc(*items, (size_t)ncap * elem);
        if (!n)
            return NULL;
        *items = n;
        *cap = ncap;
    }
    char *slot = (char *)*items + (size_t)(*count)++ * elem;
    memset(slot, 0, elem);
    return slot;
}

typedef void (*RowReader)(sqlite3_stmt *st, void *item);

static int load_rows(Save *s, const char *sql, size_t elem, RowReader read, void **out,
                     int *count)
{
    *out = NULL;
    *count = 0;
    int cap = 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
        set_error(s, "cannot read the save");
        return -1;
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        void *item = grow(out, count, &cap, elem);
        if (!item) {
            rc = SQLITE_NOMEM;
            break;
        }
        read(st, item);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        set_error(s, "cannot read the save");
        free(*out);
        *out = NULL;
        *count = 0;
        return -1;
    }
    if (*count == 0) {
        free(*out);
        *out = NULL;
    }
    return 0;
}

static void read_session(sqlite3_stmt *st, void *item)
{
    SaveSession *r = item;
    r->id = sqlite3_column_int64(st, 0);
    r->start_utc = sqlite3_column_int64(st, 1);
    r->end_utc = sqlite3_column_int64(st, 2);
    r->local_day = sqlite3_column_int(st, 3);
    r->utc_offset_s = sqlite3_column_int(st, 4);
    r->finished = sqlite3_column_int(st, 5) != 0;
    copy_text(r->key, sizeof r->key, sqlite3_column_text(st, 6));
    for (int w = 0; w < BACK_PAIN_WHEN_COUNT; w++) {
        r->back_pain_rated[w] = sqlite3_column_type(st, 7 + w) != SQLITE_NULL;
        r->back_pain[w] = r->back_pain_rated[w] ? sqlite3_column_int(st, 7 + w) : 0;
    }
}

int save_load_sessions(Save *s, SaveSession **out, int *count)
{
    return load_rows(s,
                     "SELECT id, start_utc, coalesce(end_utc, 0), local_day, utc_offset_s,"
                     " finished, row_key, back_pain_before, back_pain_after FROM sessions"
                     " ORDER BY id",
                     sizeof **out, read_session, (void **)out, count);
}

static int column_int_or(sqlite3_stmt *st, int col, int fallback)
{
    return sqlite3_column_type(st, col) == SQLITE_NULL ? fallback : sqlite3_column_int(st, col);
}

static void read_exercise(sqlite3_stmt *st, void *item)
{
    SaveExercise *r = item;
    r->id = sqlite3_column_int64(st, 0);
    r->session_id = sqlite3_column_int64(st, 1);
    r->at_utc = sqlite3_column_int64(st, 2);
    r->local_day = sqlite3_column_int(st, 3);
    r->utc_offset_s = sqlite3_column_int(st, 4);
    copy_text(r->track_id, sizeof r->track_id, sqlite3_column_text(st, 5));
    copy_text(r->level_id, sizeof r->level_id, sqlite3_column_text(st, 6));
    r->reps_done = sqlite3_column_int(st, 7);
    r->reps_target = sqlite3_column_int(st, 8);
    r->reps_left = column_int_or(st, 9, -1);
    r->reps_right = column_int_or(st, 10, -1);
    copy_text(r->sides, sizeof r->sides, sqlite3_column_text(st, 11));
    r->pain = sqlite3_column_int(st, 12) != 0;
    r->skipped = sqlite3_column_int(st, 13) != 0;
    r->duration_ms = sqlite3_column_int64(st, 14);
    copy_text(r->key, sizeof r->key, sqlite3_column_text(st, 15));
    r->rating = rating_from_id((const char *)sqlite3_column_text(st, 16));
    r->rating_default = sqlite3_column_int(st, 17) != 0;
    r->pain_score = column_int_or(st, 18, -1);
    r->pain_place = pain_place_from_id((const char *)sqlite3_column_text(st, 19));
    r->pain_after = sqlite3_column_int(st, 20) != 0;
}

int save_load_exercises(Save *s, SaveExercise **out, int *count)
{
    return load_rows(s,
                     "SELECT e.id, e.session_id, e.at_utc, coalesce(s.local_day, 0),"
                     " coalesce(s.utc_offset_s, 0), e.track_id, e.level_id, e.reps_done,"
                     " e.reps_target, e.reps_left, e.reps_right, e.sides, e.pain, e.skipped,"
                     " e.duration_ms, e.row_key, e.rating, e.rating_default,"
                     " e.pain_score, e.pain_place, e.pain_after"
                     " FROM exercises e LEFT JOIN sessions s"
                     " ON s.id = e.session_id ORDER BY e.id",
                     sizeof **out, read_exercise, (void **)out, count);
}

static void read_unlock(sqlite3_stmt *st, void *item)
{
    SaveUnlock *r = item;
    copy_text(r->level_id, sizeof r->level_id, sqlite3_column_text(st, 0));
    r->local_day = sqlite3_column_int(st, 1);
    r->at_utc = sqlite3_column_int64(st, 2);
}

int save_load_unlocks(Save *s, SaveUnlock **out, int *count)
{
    return load_rows(s, "SELECT level_id, local_day, at_utc FROM unlocks ORDER BY at_utc, rowid",
                     sizeof **out, read_unlock, (void **)out, count);
}

static void read_choice(sqlite3_stmt *st, void *item)
{
    SaveChoice *r = item;
    copy_text(r->track_id, sizeof r->track_id, sqlite3_column_text(st, 0));
    copy_text(r->level_id, sizeof r->level_id, sqlite3_column_text(st, 1));
}

int save_load_choices(Save *s, SaveChoice **out, int *count)
{
    return load_rows(s, "SELECT track_id, level_id FROM choices ORDER BY track_id",
                     sizeof **out, read_choice, (void **)out, count);
}

static void read_tolerance(sqlite3_stmt *st, void *item)
{
    SaveTolerance *r = item;
    r->id = sqlite3_column_int64(st, 0);
    r->at_utc = sqlite3_column_int64(st, 1);
    r->check.local_day = sqlite3_column_int(st, 2);
    r->utc_offset_s = sqlite3_column_int(st, 3);
    for (int i = 0; i < TOLERANCE_ITEM_COUNT; i++)
        r->check.score[i] = column_int_or(st, 4 + i, TOLERANCE_NOT_ANSWERED);
    copy_text(r->check.activity, sizeof r->check.activity, sqlite3_column_text(st, 7));
    r->check.skipped = sqlite3_column_int(st, 8) != 0;
    copy_text(r->key, sizeof r->key, sqlite3_column_text(st, 9));
}

int save_load_tolerance(Save *s, SaveTolerance **out, int *count)
{
    return load_rows(s,
                     "SELECT id, at_utc, local_day, utc_offset_s, stand, sit, activity,"
                     " activity_name, skipped, row_key FROM tolerance ORDER BY at_utc, id",
                     sizeof **out, read_tolerance, (void **)out, count);
}

int save_load_settings(Save *s, Settings *settings)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, "SELECT name, value FROM settings", -1, &st, NULL) !=
        SQLITE_OK) {
        set_error(s, "cannot read the settings");
        return -1;
    }
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const unsigned char *name = sqlite3_column_text(st, 0);
        if (name)
            settings_set_by_name(settings, (const char *)name, sqlite3_column_int(st, 1));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        set_error(s, "cannot read the settings");
        return -1;
    }
    return 0;
}

/* ---- writing ------------------------------------------------------------ */

static int begin(Save *s)
{
    s->busy = false;
    if (exec_sql(s->db, "BEGIN IMMEDIATE") != SQLITE_OK) {
        set_error(s, "cannot write the save");
        return -1;
    }
    return 0;
}

static int commit(Save *s)
{
    if (exec_sql(s->db, "COMMIT") != SQLITE_OK) {
        set_error(s, "cannot write the save");
        exec_sql(s->db, "ROLLBACK");
        return -1;
    }
    return 0;
}

static int fail(Save *s, sqlite3_stmt *st, const char *what)
{
    set_error(s, what);
    sqlite3_finalize(st);
    if (!sqlite3_get_autocommit(s->db))
        exec_sql(s->db, "ROLLBACK");
    return -1;
}

static void bind_key(sqlite3_stmt *st, int col, const char *key)
{
    if (key[0])
        sqlite3_bind_text(st, col, key, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, col);
}

/* The id of the row with this key in table (sessions or exercises). */
static int id_by_key(sqlite3 *db, const char *sql, const char *key, int64_t *id)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        rc = SQLITE_OK;
    } else if (rc == SQLITE_DONE) {
        rc = SQLITE_NOTFOUND;
    }
    sqlite3_finalize(st);
    return rc;
}

/* The two back-pain scores at params first and first + 1 (NULL unrated). */
static void bind_back_pain(sqlite3_stmt *st, int first, const SaveSession *session)
{
    for (int w = 0; w < BACK_PAIN_WHEN_COUNT; w++) {
        int v = session->back_pain[w];
        if (session->back_pain_rated[w] && v >= 0 && v <= 10)
            sqlite3_bind_int(st, first + w, v);
        else
            sqlite3_bind_null(st, first + w);
    }
}

/* Inserts the session or, when its key is there already, brings that row's
 * end up to date (an end once recorded is never taken back); sets *id.
 * Inside the caller's transaction; returns an SQLite code. */
static int put_session(sqlite3 *db, const SaveSession *session, int64_t *id)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "INSERT INTO sessions(start_utc, end_utc, local_day,"
                                " utc_offset_s, finished, row_key, back_pain_before,"
                                " back_pain_after)"
                                " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                                " ON CONFLICT(row_key) DO UPDATE SET"
                                " end_utc = coalesce(excluded.end_utc, end_utc),"
                                " finished = max(finished, excluded.finished),"
                                " back_pain_before = coalesce(excluded.back_pain_before,"
                                " back_pain_before),"
                                " back_pain_after = coalesce(excluded.back_pain_after,"
                                " back_pain_after)",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_int64(st, 1, session->start_utc);
    if (session->end_utc)
        sqlite3_bind_int64(st, 2, session->end_utc);
    else
        sqlite3_bind_null(st, 2);
    sqlite3_bind_int(st, 3, session->local_day);
    sqlite3_bind_int(st, 4, session->utc_offset_s);
    sqlite3_bind_int(st, 5, session->finished);
    bind_key(st, 6, session->key);
    bind_back_pain(st, 7, session);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rc;
    if (!session->key[0]) {
        *id = sqlite3_last_insert_rowid(db);
        return SQLITE_OK;
    }
    return id_by_key(db, "SELECT id FROM sessions WHERE row_key=?1", session->key, id);
}

/* Inserts the exercise unless its key is there already; *id gets the row
 * either way and *added whether it is new.  Inside the caller's
 * transaction; returns an SQLite code. */
static int put_exercise(sqlite3 *db, const SaveExercise *ex, int64_t *id, bool *added)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "INSERT INTO exercises(session_id, at_utc, track_id, level_id,"
                                " reps_done, reps_target, reps_left, reps_right, sides, pain,"
                                " skipped, duration_ms, row_key, rating, rating_default,"
                                " pain_score, pain_place, pain_after)"
                                " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
                                " ?14, ?15, ?16, ?17, ?18)"
                                " ON CONFLICT(row_key) DO NOTHING",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_int64(st, 1, ex->session_id);
    sqlite3_bind_int64(st, 2, ex->at_utc);
    sqlite3_bind_text(st, 3, ex->track_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, ex->level_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 5, ex->reps_done);
    sqlite3_bind_int(st, 6, ex->reps_target);
    if (ex->reps_left >= 0) sqlite3_bind_int(st, 7, ex->reps_left);
    else sqlite3_bind_null(st, 7);
    if (ex->reps_right >= 0) sqlite3_bind_int(st, 8, ex->reps_right);
    else sqlite3_bind_null(st, 8);
    if (ex->sides[0]) sqlite3_bind_text(st, 9, ex->sides, -1, SQLITE_TRANSIENT);
    else sqlite3_bind_null(st, 9);
    sqlite3_bind_int(st, 10, ex->pain);
    sqlite3_bind_int(st, 11, ex->skipped);
    sqlite3_bind_int64(st, 12, ex->duration_ms);
    bind_key(st, 13, ex->key);
    if (ex->rating != RATING_NONE)
        sqlite3_bind_text(st, 14, rating_id(ex->rating), -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 14);
    sqlite3_bind_int(st, 15, ex->rating_default);
    if (ex->pain_score >= 0) sqlite3_bind_int(st, 16, ex->pain_score);
    else sqlite3_bind_null(st, 16);
    if (ex->pain_place != PAIN_PLACE_NONE)
        sqlite3_bind_text(st, 17, pain_place_id(ex->pain_place), -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 17);
    sqlite3_bind_int(st, 18, ex->pain_after);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rc;
    *added = sqlite3_changes(db) > 0;
    if (*added) {
        *id = sqlite3_last_insert_rowid(db);
        return SQLITE_OK;
    }
    return id_by_key(db, "SELECT id FROM exercises WHERE row_key=?1", ex->key, id);
}

static int put_unlocks(sqlite3 *db, const SaveUnlock *unlocks, int count)
{
    if (count <= 0)
        return SQLITE_OK;
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "INSERT OR IGNORE INTO unlocks(level_id, local_day, at_utc)"
                                " VALUES(?1, ?2, ?3)",
                                -1, &st, NULL);
    for (int i = 0; rc == SQLITE_OK && i < count; i++) {
        sqlite3_bind_text(st, 1, unlocks[i].level_id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 2, unlocks[i].local_day);
        sqlite3_bind_int64(st, 3, unlocks[i].at_utc);
        rc = sqlite3_step(st);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return rc;
}

int save_insert_session(Save *s, SaveSession *session)
{
    if (begin(s) != 0)
        return -1;
    int64_t id = 0;
    if (put_session(s->db, session, &id) != SQLITE_OK)
        return fail(s, NULL, "cannot write the save");
    if (commit(s) != 0)
        return -1;
    session->id = id;
    return 0;
}

int save_update_session(Save *s, const SaveSession *session)
{
    s->busy = false;
    sqlite3_stmt *st = NULL;
    /* A score once given is not taken back by a row that lacks it. */
    if (sqlite3_prepare_v2(s->db,
                           "UPDATE sessions SET end_utc=?1, finished=?2,"
                           " back_pain_before=coalesce(?4, back_pain_before),"
                           " back_pain_after=coalesce(?5, back_pain_after) WHERE id=?3",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(s, st, "cannot write the save");
    if (session->end_utc)
        sqlite3_bind_int64(st, 1, session->end_utc);
    else
        sqlite3_bind_null(st, 1);
    sqlite3_bind_int(st, 2, session->finished);
    sqlite3_bind_int64(st, 3, session->id);
    bind_back_pain(st, 4, session);
    if (sqlite3_step(st) != SQLITE_DONE)
        return fail(s, st, "cannot write the save");
    sqlite3_finalize(st);
    return 0;
}

int save_insert_exercise(Save *s, SaveExercise *ex, const SaveUnlock *unlocks,
                         int unlock_count)
{
    if (begin(s) != 0)
        return -1;
    int64_t id = 0;
    bool added;
    if (put_exercise(s->db, ex, &id, &added) != SQLITE_OK ||
        put_unlocks(s->db, unlocks, unlock_count) != SQLITE_OK)
        return fail(s, NULL, "cannot write the save");
    if (commit(s) != 0)
        return -1;
    ex->id = id;
    test_hook("exercise");
    return 0;
}

/* A pain stop's score and place, by the row's key; in the caller's transaction. */
static int update_pain(sqlite3 *db, const char *key, int score, PainPlace place)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db, "UPDATE exercises SET pain_score=?1, pain_place=?2"
                                    " WHERE row_key=?3", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_int(st, 1, score);
    if (place != PAIN_PLACE_NONE)
        sqlite3_bind_text(st, 2, pain_place_id(place), -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 2);
    sqlite3_bind_text(st, 3, key, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int save_merge_pending(Save *s, const SavePending *items, int count, int *added)
{
    *added = 0;
    if (count <= 0)
        return 0;
    if (begin(s) != 0)
        return -1;
    int fresh = 0;
    for (int i = 0; i < count; i++) {
        const SavePending *p = &items[i];
        if (!p->session.key[0])
            continue; /* only keyed rows can be told apart from a second copy */
        int64_t session_id = 0;
        if (put_session(s->db, &p->session, &session_id) != SQLITE_OK)
            return fail(s, NULL, "cannot write the waiting results");
        if (!p->has_exercise || !p->exercise.key[0])
            continue;
        SaveExercise ex = p->exercise;
        ex.session_id = session_id;
        int64_t id;
        bool is_new = false;
        if (put_exercise(s->db, &ex, &id, &is_new) != SQLITE_OK ||
            put_unlocks(s->db, p->unlocks, p->unlock_count) != SQLITE_OK)
            return fail(s, NULL, "cannot write the waiting results");
        /* A pain score given after the row was written or journaled comes
         * as a later line of the same row: the latest score stands. */
        if (!is_new && ex.pain && ex.pain_score >= 0 &&
            update_pain(s->db, ex.key, ex.pain_score, ex.pain_place) != SQLITE_OK)
            return fail(s, NULL, "cannot write the waiting results");
        fresh += is_new;
    }
    if (commit(s) != 0)
        return -1;
    *added = fresh;
    test_hook("merge");
    return 0;
}

int save_update_pain(Save *s, const char *key, int score, PainPlace place)
{
    if (begin(s) != 0)
        return -1;
    if (update_pain(s->db, key, score, place) != SQLITE_OK)
        return fail(s, NULL, "cannot write the pain score");
    return commit(s);
}

int save_load_checked(Save *s, int64_t *at_utc)
{
    int64_t v = 0;
    int64_t n = 0;
    if (query_int(s->db, "SELECT count(*) FROM therapist_checked", &n) != SQLITE_OK ||
        (n > 0 && query_int(s->db, "SELECT max(at_utc) FROM therapist_checked", &v) != SQLITE_OK))
        return -1;
    *at_utc = n > 0 ? v : INT64_MIN;
    return 0;
}

int save_put_checked(Save *s, int64_t at_utc, DayNumber local_day)
{
    if (begin(s) != 0)
        return -1;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "INSERT INTO therapist_checked(at_utc, local_day) VALUES(?1, ?2)",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(s, st, "cannot write that you checked with a therapist");
    sqlite3_bind_int64(st, 1, at_utc);
    sqlite3_bind_int(st, 2, local_day);
    if (sqlite3_step(st) != SQLITE_DONE)
        return fail(s, st, "cannot write that you checked with a therapist");
    sqlite3_finalize(st);
    return commit(s);
}

int save_put_settings(Save *s, const Settings *settings)
{
    if (begin(s) != 0)
        return -1;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO settings(name, value) VALUES(?1, ?2)",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(s, st, "cannot write the settings");
    for (int i = 0; i < settings_count(); i++) {
        sqlite3_bind_text(st, 1, settings_name(i), -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 2, settings_get(settings, i));
        if (sqlite3_step(st) != SQLITE_DONE)
            return fail(s, st, "cannot write the settings");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return commit(s);
}

int save_put_choices(Save *s, const SaveChoice *choices, int count)
{
    if (begin(s) != 0)
        return -1;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO choices(track_id, level_id)"
                                  " VALUES(?1, ?2)",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(s, st, "cannot write the level choices");
    for (int i = 0; i < count; i++) {
        sqlite3_bind_text(st, 1, choices[i].track_id, -1, SQLITE_TRANSIENT);
        if (choices[i].level_id[0])
            sqlite3_bind_text(st, 2, choices[i].level_id, -1, SQLITE_TRANSIENT);
        else
            sqlite3_bind_null(st, 2);
        if (sqlite3_step(st) != SQLITE_DONE)
            return fail(s, st, "cannot write the level choices");
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return commit(s);
}

/* Inserts the check unless its key is there already (a journal merged
 * twice); sets *id either way.  Inside the caller's transaction. */
static int put_tolerance(sqlite3 *db, const SaveTolerance *t, int64_t *id)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(db,
                                "INSERT INTO tolerance(at_utc, local_day, utc_offset_s, stand,"
                                " sit, activity, activity_name, skipped, row_key)"
                                " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                                " ON CONFLICT(row_key) DO NOTHING",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    sqlite3_bind_int64(st, 1, t->at_utc);
    sqlite3_bind_int(st, 2, t->check.local_day);
    sqlite3_bind_int(st, 3, t->utc_offset_s);
    for (int i = 0; i < TOLERANCE_ITEM_COUNT; i++) {
        int v = t->check.score[i];
        if (!t->check.skipped && v >= 0 && v <= TOLERANCE_SCORE_MAX)
            sqlite3_bind_int(st, 4 + i, v);
        else
            sqlite3_bind_null(st, 4 + i);
    }
    if (t->check.activity[0])
        sqlite3_bind_text(st, 7, t->check.activity, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, 7);
    sqlite3_bind_int(st, 8, t->check.skipped);
    bind_key(st, 9, t->key);
    rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return rc;
    if (!t->key[0]) {
        *id = sqlite3_last_insert_rowid(db);
        return SQLITE_OK;
    }
    return id_by_key(db, "SELECT id FROM tolerance WHERE row_key=?1", t->key, id);
}

int save_insert_tolerance(Save *s, SaveTolerance *t)
{
    if (begin(s) != 0)
        return -1;
    int64_t id = 0;
    if (put_tolerance(s->db, t, &id) != SQLITE_OK)
        return fail(s, NULL, "cannot write the weekly check");
    if (commit(s) != 0)
        return -1;
    t->id = id;
    return 0;
}
