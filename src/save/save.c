/* save.c: the SQLite store: opening, repair by moving aside, migrations,
 * and one transaction per write.  Debian's libsqlite3; WAL journal. */
#include "save.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "program.h"

struct Save {
    sqlite3 *db;
    char *path;
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

static void set_error(Save *s, const char *what)
{
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
           primary == SQLITE_IOERR || primary == SQLITE_BUSY ||
           primary == SQLITE_LOCKED || primary == SQLITE_AUTH;
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

static const char schema_v2[] =
    "CREATE TABLE sessions("
    " id INTEGER PRIMARY KEY,"
    " start_utc INTEGER NOT NULL,"
    " end_utc INTEGER,"
    " local_day INTEGER NOT NULL,"
    " utc_offset_s INTEGER NOT NULL,"
    " finished INTEGER NOT NULL DEFAULT 0);"
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
    "CREATE INDEX exercises_by_session ON exercises(session_id);"
    "CREATE TABLE unlocks("
    " level_id TEXT PRIMARY KEY,"
    " local_day INTEGER NOT NULL,"
    " at_utc INTEGER NOT NULL);"
    "CREATE TABLE choices("
    " track_id TEXT PRIMARY KEY,"
    " level_id TEXT);"
    "CREATE TABLE settings("
    " name TEXT PRIMARY KEY,"
    " value INTEGER NOT NULL);";

static const char *const tables_v2[] = {"sessions", "exercises", "unlocks", "choices",
                                        "settings"};

static int create_schema(sqlite3 *db)
{
    char sql[96];
    int rc = exec_sql(db, "BEGIN IMMEDIATE");
    if (rc != SQLITE_OK)
        return rc;
    rc = exec_sql(db, schema_v2);
    if (rc == SQLITE_OK) {
        snprintf(sql, sizeof sql, "PRAGMA application_id=%d", SAVE_APPLICATION_ID);
        rc = exec_sql(db, sql);
    }
    if (rc == SQLITE_OK) {
        snprintf(sql, sizeof sql, "PRAGMA user_version=%d", SAVE_SCHEMA_VERSION);
        rc = exec_sql(db, sql);
    }
    if (rc == SQLITE_OK)
        rc = exec_sql(db, "COMMIT");
    if (rc != SQLITE_OK)
        exec_sql(db, "ROLLBACK");
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

typedef int (*Migration)(sqlite3 *db);

/* migrations[v] takes a save from version v + 1 to v + 2. */
static const Migration migrations[] = {migrate_v1_to_v2};

static int migrate(sqlite3 *db, int from_version)
{
    int rc = exec_sql(db, "BEGIN IMMEDIATE");
    if (rc != SQLITE_OK)
        return rc;
    for (int v = from_version; v < SAVE_SCHEMA_VERSION && rc == SQLITE_OK; v++) {
        rc = migrations[v - 1](db);
        if (rc == SQLITE_OK) {
            char sql[64];
            snprintf(sql, sizeof sql, "PRAGMA user_version=%d", v + 1);
            rc = exec_sql(db, sql);
        }
    }
    if (rc == SQLITE_OK)
        rc = exec_sql(db, "COMMIT");
    if (rc != SQLITE_OK)
        exec_sql(db, "ROLLBACK");
    return rc;
}

/* ---- what is this file? ------------------------------------------------- */

typedef enum {
    FILE_KIND_OURS,     /* version in *version */
    FILE_KIND_EMPTY,    /* SQLite (or zero bytes) with nothing in it */
    FILE_KIND_FOREIGN,  /* SQLite, but someone else's */
    FILE_KIND_BROKEN,   /* not SQLite, or fails the integrity check */
    FILE_KIND_NEWER,    /* ours, from a newer corequest */
    FILE_KIND_UNREADABLE /* cannot be read now (locked, I/O): leave it */
} FileKind;

static bool has_v2_tables(sqlite3 *db)
{
    for (size_t i = 0; i < sizeof tables_v2 / sizeof tables_v2[0]; i++) {
        char sql[128];
        int64_t n = 0;
        snprintf(sql, sizeof sql,
                 "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='%s'",
                 tables_v2[i]);
        if (query_int(db, sql, &n) != SQLITE_OK || n != 1)
            return false;
    }
    return true;
}

static FileKind rc_kind(int rc)
{
    int primary = rc & 0xff;
    if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
        return FILE_KIND_BROKEN;
    return FILE_KIND_UNREADABLE;
}

static FileKind classify(sqlite3 *db, int *version)
{
    int64_t app = 0, ver = 0, objects = 0;
    int rc = query_int(db, "PRAGMA application_id", &app);
    if (rc == SQLITE_OK)
        rc = query_int(db, "PRAGMA user_version", &ver);
    if (rc == SQLITE_OK)
        rc = query_int(db, "SELECT count(*) FROM sqlite_master", &objects);
    if (rc != SQLITE_OK)
        return rc_kind(rc);
    *version = (int)ver;
    if (app == 0 && ver == 0 && objects == 0)
        return FILE_KIND_EMPTY;
    if (app != SAVE_APPLICATION_ID)
        return FILE_KIND_FOREIGN;
    char check[64];
    rc = query_text(db, "PRAGMA quick_check", check, sizeof check);
    if (rc != SQLITE_OK)
        return rc_kind(rc);
    if (strcmp(check, "ok") != 0)
        return FILE_KIND_BROKEN;
    if (ver > SAVE_SCHEMA_VERSION)
        return FILE_KIND_NEWER;
    if (ver < 1)
        return objects == 0 ? FILE_KIND_EMPTY : FILE_KIND_BROKEN;
    if (ver == SAVE_SCHEMA_VERSION && !has_v2_tables(db))
        return FILE_KIND_BROKEN;
    return FILE_KIND_OURS;
}

/* Looks at an existing file without changing it: the header is checked by
 * hand first (SQLite would adopt a stray -wal), then a read-only connection
 * that never checkpoints on close reads the ids and checks integrity. */
static FileKind examine(const char *path, int *version, char *why, size_t why_size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        textf(why, why_size, "%s", strerror(errno));
        return FILE_KIND_UNREADABLE;
    }
    unsigned char head[16];
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    if (n == 0) {
        /* SQLite deletes a -wal beside an empty file: keep it instead. */
        size_t len = strlen(path) + 8;
        char *wal = malloc(len);
        bool stray = wal && (snprintf(wal, len, "%s-wal", path), file_exists(wal));
        free(wal);
        return stray ? FILE_KIND_BROKEN : FILE_KIND_EMPTY;
    }
    if (n < sizeof head || memcmp(head, "SQLite format 3", sizeof head) != 0)
        return FILE_KIND_BROKEN;

    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
    if (rc != SQLITE_OK) {
        textf(why, why_size, "%s", sqlite3_errstr(rc));
        sqlite3_close(db);
        return FILE_KIND_UNREADABLE;
    }
    sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)NULL);
    sqlite3_busy_timeout(db, 2000);
    FileKind kind = classify(db, version);
    if (kind == FILE_KIND_UNREADABLE)
        textf(why, why_size, "%s", sqlite3_errmsg(db));
    sqlite3_close(db);
    return kind;
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

static int configure(sqlite3 *db)
{
    sqlite3_busy_timeout(db, 2000);
    char mode[16];
    int rc = query_text(db, "PRAGMA journal_mode=WAL", mode, sizeof mode);
    if (rc != SQLITE_OK)
        return rc;
    /* FULL: a commit survives a power cut too, not only a crash. */
    return exec_sql(db, "PRAGMA synchronous=FULL");
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
    return s;
}

SaveOpenStatus save_open(const char *data_dir, Save **out, char *notice,
                         size_t notice_size)
{
    *out = NULL;
    textf(notice, notice_size, "%s", "");
    char why[256] = "";
    if (make_dirs(data_dir, why, sizeof why) != 0) {
        textf(notice, notice_size, "Cannot use the save folder %s (%s).", data_dir, why);
        return SAVE_OPEN_UNWRITABLE;
    }
    char *path = join_path(data_dir, SAVE_FILE_NAME);
    if (!path)
        return SAVE_OPEN_NO_MEMORY;

    char moved[512] = "";
    const char *moved_reason = NULL;
    sqlite3 *db = NULL;
    SaveOpenStatus status = SAVE_OPEN_OK;
    int rc;

    if (file_exists(path)) {
        int version = 0;
        FileKind kind = examine(path, &version, why, sizeof why);
        switch (kind) {
        case FILE_KIND_OURS:
        case FILE_KIND_EMPTY:
            break;
        case FILE_KIND_NEWER:
            textf(notice, notice_size,
                  "The save %s was made by a newer corequest (version %d); it is left "
                  "untouched and results are not saved.", path, version);
            status = SAVE_OPEN_NEWER;
            break;
        case FILE_KIND_UNREADABLE:
            textf(notice, notice_size, "Cannot read the save %s now (%s).", path, why);
            status = SAVE_OPEN_UNWRITABLE;
            break;
        case FILE_KIND_FOREIGN:
            moved_reason = "is not a corequest save";
            break;
        case FILE_KIND_BROKEN:
            moved_reason = "was damaged";
            break;
        }
        if (status == SAVE_OPEN_OK && !moved_reason) {
            rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
            if (rc != SQLITE_OK || sqlite3_db_readonly(db, "main") == 1) {
                textf(notice, notice_size, "Cannot write the save %s (%s).", path,
                      rc != SQLITE_OK ? sqlite3_errstr(rc) : "read-only");
                sqlite3_close(db);
                free(path);
                return SAVE_OPEN_UNWRITABLE;
            }
            sqlite3_busy_timeout(db, 2000);
            rc = SQLITE_OK;
            if (kind == FILE_KIND_OURS && version < SAVE_SCHEMA_VERSION)
                rc = migrate(db, version);
            else if (kind == FILE_KIND_EMPTY)
                rc = create_schema(db);
            if (rc != SQLITE_OK && rc_is_unwritable(rc)) {
                textf(notice, notice_size, "Cannot write the save %s (%s).", path,
                      sqlite3_errstr(rc));
                status = SAVE_OPEN_UNWRITABLE;
            } else if (rc != SQLITE_OK) {
                /* Ours, but not in a shape any migration knows. */
                moved_reason = "could not be updated";
            }
        }
        if (status != SAVE_OPEN_OK || moved_reason) {
            sqlite3_close(db);
            db = NULL;
        }
        if (status != SAVE_OPEN_OK) {
            free(path);
            return status;
        }
        if (moved_reason && move_aside(path, moved, sizeof moved, why, sizeof why) != 0) {
            textf(notice, notice_size,
                  "The save %s %s and could not be moved aside (%s); results are not saved.",
                  path, moved_reason, why);
            free(path);
            return SAVE_OPEN_UNWRITABLE;
        }
    }

    if (!db) {
        rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
        if (rc == SQLITE_OK)
            rc = create_schema(db);
        if (rc != SQLITE_OK) {
            textf(notice, notice_size, "Cannot create the save %s (%s).", path,
                  sqlite3_errstr(rc));
            sqlite3_close(db);
            free(path);
            return SAVE_OPEN_UNWRITABLE;
        }
    }

    rc = configure(db);
    if (rc == SQLITE_OK)
        rc = probe_write(db);
    if (rc != SQLITE_OK) {
        textf(notice, notice_size, "Cannot write the save %s (%s).", path, sqlite3_errstr(rc));
        sqlite3_close(db);
        free(path);
        return SAVE_OPEN_UNWRITABLE;
    }

    Save *s = save_new(db, path);
    if (!s) {
        sqlite3_close(db);
        free(path);
        return SAVE_OPEN_NO_MEMORY;
    }
    if (moved_reason)
        textf(notice, notice_size,
              "The save file %s; it was kept as %s and a fresh save was started.",
              moved_reason, moved);
    free(path);
    *out = s;
    return SAVE_OPEN_OK;
}

/* Copies the file into memory so that an older schema can be migrated and
 * read without writing the file. */
static sqlite3 *copy_to_memory(const char *uri, int *rc_out)
{
    sqlite3 *file = NULL, *mem = NULL;
    int rc = sqlite3_open_v2(uri, &file, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_open_v2(":memory:", &mem, SQLITE_OPEN_READWRITE, NULL);
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
    FileKind kind = classify(mem, &version);
    if (kind == FILE_KIND_OURS && version < SAVE_SCHEMA_VERSION &&
        migrate(mem, version) != SQLITE_OK)
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
    free(s->path);
    free(s);
}

const char *save_path(const Save *s) { return s->path; }
const char *save_error(const Save *s) { return s->error; }

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
}

int save_load_sessions(Save *s, SaveSession **out, int *count)
{
    return load_rows(s,
                     "SELECT id, start_utc, coalesce(end_utc, 0), local_day, utc_offset_s,"
                     " finished FROM sessions ORDER BY id",
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
}

int save_load_exercises(Save *s, SaveExercise **out, int *count)
{
    return load_rows(s,
                     "SELECT e.id, e.session_id, e.at_utc, coalesce(s.local_day, 0),"
                     " coalesce(s.utc_offset_s, 0), e.track_id, e.level_id, e.reps_done,"
                     " e.reps_target, e.reps_left, e.reps_right, e.sides, e.pain, e.skipped,"
                     " e.duration_ms FROM exercises e LEFT JOIN sessions s"
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

int save_insert_session(Save *s, SaveSession *session)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO sessions(start_utc, end_utc, local_day, utc_offset_s,"
                           " finished) VALUES(?1, ?2, ?3, ?4, ?5)",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(s, st, "cannot write the save");
    sqlite3_bind_int64(st, 1, session->start_utc);
    if (session->end_utc)
        sqlite3_bind_int64(st, 2, session->end_utc);
    else
        sqlite3_bind_null(st, 2);
    sqlite3_bind_int(st, 3, session->local_day);
    sqlite3_bind_int(st, 4, session->utc_offset_s);
    sqlite3_bind_int(st, 5, session->finished);
    if (sqlite3_step(st) != SQLITE_DONE)
        return fail(s, st, "cannot write the save");
    sqlite3_finalize(st);
    session->id = sqlite3_last_insert_rowid(s->db);
    return 0;
}

int save_update_session(Save *s, const SaveSession *session)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db, "UPDATE sessions SET end_utc=?1, finished=?2 WHERE id=?3",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(s, st, "cannot write the save");
    if (session->end_utc)
        sqlite3_bind_int64(st, 1, session->end_utc);
    else
        sqlite3_bind_null(st, 1);
    sqlite3_bind_int(st, 2, session->finished);
    sqlite3_bind_int64(st, 3, session->id);
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
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(s->db,
                           "INSERT INTO exercises(session_id, at_utc, track_id, level_id,"
                           " reps_done, reps_target, reps_left, reps_right, sides, pain,"
                           " skipped, duration_ms)"
                           " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                           -1, &st, NULL) != SQLITE_OK)
        return fail(s, st, "cannot write the save");
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
    if (sqlite3_step(st) != SQLITE_DONE)
        return fail(s, st, "cannot write the save");
    sqlite3_finalize(st);
    int64_t id = sqlite3_last_insert_rowid(s->db);

    st = NULL;
    if (unlock_count > 0) {
        if (sqlite3_prepare_v2(s->db,
                               "INSERT OR IGNORE INTO unlocks(level_id, local_day, at_utc)"
                               " VALUES(?1, ?2, ?3)",
                               -1, &st, NULL) != SQLITE_OK)
            return fail(s, st, "cannot write the save");
        for (int i = 0; i < unlock_count; i++) {
            sqlite3_bind_text(st, 1, unlocks[i].level_id, -1, SQLITE_TRANSIENT);
            sqlite3_bind_int(st, 2, unlocks[i].local_day);
            sqlite3_bind_int64(st, 3, unlocks[i].at_utc);
            if (sqlite3_step(st) != SQLITE_DONE)
                return fail(s, st, "cannot write the save");
            sqlite3_reset(st);
        }
        sqlite3_finalize(st);
    }
    if (commit(s) != 0)
        return -1;
    ex->id = id;
    return 0;
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
