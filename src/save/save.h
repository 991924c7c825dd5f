/* save.h: the SQLite store under the tracker: schema, migrations, rows.
 * Knows nothing of rules; the tracker (tracker.c) decides what to write. */
#ifndef COREQUEST_SAVE_H
#define COREQUEST_SAVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "progress.h"
#include "settings.h"

/* The file inside the data folder, and the schema version it is at.
 * Version 1 kept no local day, UTC offset, sides or per-side reps and had
 * no choices table; save_open migrates it (and any later older version). */
#define SAVE_FILE_NAME "corequest.db"
enum {
    SAVE_SCHEMA_VERSION = 2,
    SAVE_APPLICATION_ID = 0x43517374 /* "CQst": marks the file as ours */
};

typedef struct Save Save;

typedef enum {
    SAVE_OPEN_OK,         /* opened for writing (maybe after a repair) */
    SAVE_OPEN_UNWRITABLE, /* folder or file cannot be written now: retry later */
    SAVE_OPEN_NEWER,      /* written by a newer corequest: left untouched */
    SAVE_OPEN_NO_MEMORY
} SaveOpenStatus;

typedef struct {
    int64_t id;           /* rowid; 0 while not yet written */
    int64_t start_utc;    /* seconds since the epoch */
    int64_t end_utc;      /* 0 while the session is open */
    DayNumber local_day;  /* the day the session counts for */
    int32_t utc_offset_s; /* local minus UTC when it started */
    bool finished;        /* the whole daily session was done */
} SaveSession;

typedef struct {
    int64_t id;           /* rowid; 0 while not yet written */
    int64_t session_id;
    int64_t at_utc;       /* when the exercise ended */
    DayNumber local_day;  /* the session's day */
    int32_t utc_offset_s;
    char track_id[ID_MAX];   /* empty when the save did not know it (v1) */
    char level_id[ID_MAX];
    int reps_done, reps_target;
    int reps_left, reps_right; /* -1: not recorded (v1 saves) */
    char sides[16];          /* sides_name(), empty when not recorded */
    bool pain, skipped;
    int64_t duration_ms;
} SaveExercise;

typedef struct {
    char level_id[ID_MAX];
    DayNumber local_day;
    int64_t at_utc;
} SaveUnlock;

typedef struct {
    char track_id[ID_MAX];
    char level_id[ID_MAX]; /* empty: the highest unlocked */
} SaveChoice;

/* Opens data_dir/corequest.db, creating the folder and the file as needed,
 * migrating older schemas and switching to WAL.  A file that is not SQLite,
 * fails the integrity check, or is SQLite without our application id and
 * schema is renamed to corequest.db.broken-YYYYmmdd-HHMMSS (its -wal and
 * -shm too) and a fresh save is made; the notice then says where it went.
 * On anything but SAVE_OPEN_OK *out is NULL and notice says why.
 * notice is one line for the user, empty when there is nothing to say. */
SaveOpenStatus save_open(const char *data_dir, Save **out, char *notice,
                         size_t notice_size);
/* Opens an existing save only to read it (no repair, no migration of the
 * file: an older schema is read through a private copy in memory).  Returns
 * NULL if there is no readable save; notice says why. */
Save *save_open_read_only(const char *data_dir, char *notice, size_t notice_size);
void save_close(Save *s);

/* The file's path (valid until save_close). */
const char *save_path(const Save *s);

/* Loaders fill malloc'ed arrays, oldest first (caller frees *out with free;
 * *out is NULL when *count is 0).  Return 0, or -1 on a read error. */
int save_load_sessions(Save *s, SaveSession **out, int *count);
int save_load_exercises(Save *s, SaveExercise **out, int *count);
int save_load_unlocks(Save *s, SaveUnlock **out, int *count);
int save_load_choices(Save *s, SaveChoice **out, int *count);
/* Unknown names are ignored, missing ones keep their value in *settings. */
int save_load_settings(Save *s, Settings *settings);

/* Writers: each is one transaction; on failure nothing of it is kept and
 * the error text says why (e.g. "database or disk is full").  They return
 * 0 or -1. */
int save_insert_session(Save *s, SaveSession *session);   /* sets ->id */
int save_update_session(Save *s, const SaveSession *session);
/* The exercise row and the unlocks it earned, together.  Sets ex->id. */
int save_insert_exercise(Save *s, SaveExercise *ex, const SaveUnlock *unlocks,
                         int unlock_count);
int save_put_settings(Save *s, const Settings *settings);
int save_put_choices(Save *s, const SaveChoice *choices, int count);

/* The local day a moment counts for (localtime_r, shifted back by
 * day_start_hour), and the UTC offset in force then (may be NULL). */
DayNumber save_local_day(int64_t utc, int day_start_hour, int32_t *utc_offset_s);

/* The last SQLite error, for messages. */
const char *save_error(const Save *s);

#endif
