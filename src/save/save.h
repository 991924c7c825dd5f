/* save.h: the SQLite store under the tracker: schema, migrations, rows.
 * Knows nothing of rules; the tracker (tracker.c) decides what to write. */
#ifndef COREQUEST_SAVE_H
#define COREQUEST_SAVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "progress.h"
#include "session.h"
#include "settings.h"
#include "tolerance.h"

/* The file inside the data folder, and the schema version it is at.
 * Version 1 kept no local day, UTC offset, sides or per-side reps and had
 * no choices table; version 2 had no row keys; version 3 kept no rating
 * ("how did it feel?") and no pain score, place or rest report (version 4);
 * version 4 had no weekly checks (version 5).  save_open migrates any
 * older version, one transaction per step. */
#define SAVE_FILE_NAME "corequest.db"
/* Beside the save: every corequest that has it open holds this file
 * locked (shared), so that a damaged save is moved aside only when no
 * other corequest is using it.  It holds no data. */
#define SAVE_LOCK_NAME SAVE_FILE_NAME ".lock"
enum {
    SAVE_SCHEMA_VERSION = 5,
    SAVE_APPLICATION_ID = 0x43517374, /* "CQst": marks the file as ours */
    SAVE_KEY_SIZE = 33,               /* 32 hex digits and the NUL */
    /* How long to wait for another connection's lock: at open and for the
     * last try at exit, and for the retries after each exercise (short, so
     * that a locked save never stalls a session). */
    SAVE_WAIT_MS = 2000,
    SAVE_RETRY_WAIT_MS = 50
};

typedef struct Save Save;

typedef enum {
    SAVE_OPEN_OK,         /* opened for writing (maybe after a repair) */
    SAVE_OPEN_BUSY,       /* another program holds the save locked: retry later */
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
    char key[SAVE_KEY_SIZE]; /* unique, random; empty for rows older than v3 */
    /* Version 5: how the back was, 0-10, before and after the session;
     * back_pain[w] means nothing unless back_pain_rated[w]. */
    bool back_pain_rated[BACK_PAIN_WHEN_COUNT];
    int back_pain[BACK_PAIN_WHEN_COUNT];
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
    Rating rating;           /* how it felt; RATING_NONE when not asked (and before v4) */
    bool pain_after;         /* a pain report from the rest after a done exercise */
    int pain_score;          /* 0-10 at the pain check, -1 when not said (and before v4) */
    PainPlace pain_place;
    bool rating_default;     /* nobody answered: "just right" stood */
    char key[SAVE_KEY_SIZE]; /* unique, random; empty for rows older than v3 */
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

/* One weekly check of everyday things (version 5). */
typedef struct {
    int64_t id;           /* rowid; 0 while not yet written */
    int64_t at_utc;
    int32_t utc_offset_s;
    ToleranceCheck check; /* its local day, scores, activity, skipped */
    char key[SAVE_KEY_SIZE];
} SaveTolerance;

/* A result that could not be written when it was made (see journal.h):
 * the session it belongs to as it was last known, and the exercise with
 * the unlocks it earned (has_exercise false: only the session's end). */
typedef struct {
    SaveSession session;
    bool has_exercise;
    SaveExercise exercise;
    SaveUnlock unlocks[TRACK_MAX_LEVELS];
    int unlock_count;
} SavePending;

/* Opens data_dir/corequest.db read-write, creating the folder and the file
 * as needed (so SQLite can roll back what a killed run left half done),
 * switching to WAL and migrating older schemas; creation and each migration
 * are one transaction.  Waits up to wait_ms for other connections' locks.
 * A locked or busy save is never damage: SAVE_OPEN_BUSY, nothing is
 * touched.  Only a file that is not SQLite, fails PRAGMA quick_check or is
 * not ours (application id, schema) is renamed to
 * corequest.db.broken-YYYYmmdd-HHMMSS (its -wal and -shm too), and only
 * while no other corequest has the save open; a fresh save is made and the
 * notice says where the old one went.  SAVE_OPEN_OK with the save still
 * locked by someone else for writing is possible: writes then fail with
 * save_busy() true until it is free.  On anything but SAVE_OPEN_OK *out is
 * NULL and notice says why.  notice is one line for the user, empty when
 * there is nothing to say. */
SaveOpenStatus save_open(const char *data_dir, int wait_ms, Save **out, char *notice,
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
int save_load_tolerance(Save *s, SaveTolerance **out, int *count);
/* Unknown names are ignored, missing ones keep their value in *settings. */
int save_load_settings(Save *s, Settings *settings);

/* Writers: each is one transaction; on failure nothing of it is kept and
 * the error text says why (e.g. "database or disk is full"); save_busy
 * then tells whether only another connection's lock was in the way.  They
 * return 0 or -1.  A row whose key is already in the save is not written
 * twice: the insert finds the existing row and sets ->id to it. */
int save_insert_session(Save *s, SaveSession *session);   /* sets ->id */
int save_update_session(Save *s, const SaveSession *session);
/* The exercise row and the unlocks it earned, together.  Sets ex->id. */
int save_insert_exercise(Save *s, SaveExercise *ex, const SaveUnlock *unlocks,
                         int unlock_count);
/* Writes results that waited in the journal, all in one transaction.  Rows
 * whose key is already there are skipped, so merging the same items twice
 * (a kill before the journal was cleared) counts nothing twice.  *added
 * gets the number of exercises that were new.  0 or -1. */
int save_merge_pending(Save *s, const SavePending *items, int count, int *added);
int save_put_settings(Save *s, const Settings *settings);
/* A pain stop's score and place, given after it was written (by row key). */
int save_update_pain(Save *s, const char *key, int score, PainPlace place);
/* The person confirmed they have checked with a therapist (version 4):
 * the latest time (INT64_MIN when never), and a new confirmation. */
int save_load_checked(Save *s, int64_t *at_utc);
int save_put_checked(Save *s, int64_t at_utc, DayNumber local_day);
int save_put_choices(Save *s, const SaveChoice *choices, int count);
/* A weekly check (sets t->id; a key already there is not written twice). */
int save_insert_tolerance(Save *s, SaveTolerance *t);

/* The local day a moment counts for (localtime_r, shifted back by
 * day_start_hour), and the UTC offset in force then (may be NULL). */
DayNumber save_local_day(int64_t utc, int day_start_hour, int32_t *utc_offset_s);

/* The last SQLite error, for messages. */
const char *save_error(const Save *s);
/* The last write failed only because another connection held the save
 * locked (SQLITE_BUSY/LOCKED): the file is fine, try again later. */
bool save_busy(const Save *s);
/* How long writers wait for another connection's lock from now on. */
void save_set_wait(Save *s, int wait_ms);

/* A new random row key (32 hex digits) into out[SAVE_KEY_SIZE]. */
void save_new_key(char *out);

#endif
