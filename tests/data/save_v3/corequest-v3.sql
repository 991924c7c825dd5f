-- A corequest save at schema version 3, as SQL text (the test builds the
-- .db from it): the schema as it was before "how did it feel?" (version 4
-- adds exercises.rating and exercises.rating_default).  Days and times are
-- in UTC (the test runs with TZ=UTC):
--   session 1  2025-05-05 08:00  tilt_1 done, bridge_1 done
--   session 2  2025-05-06 08:00  tilt_1 done, bridge_1 stopped for pain
PRAGMA application_id = 1129411444;
PRAGMA user_version = 3;
BEGIN;
CREATE TABLE sessions( id INTEGER PRIMARY KEY, start_utc INTEGER NOT NULL, end_utc INTEGER,
  local_day INTEGER NOT NULL, utc_offset_s INTEGER NOT NULL,
  finished INTEGER NOT NULL DEFAULT 0, row_key TEXT);
CREATE UNIQUE INDEX sessions_by_key ON sessions(row_key);
CREATE TABLE exercises( id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions(id), at_utc INTEGER NOT NULL,
  track_id TEXT NOT NULL, level_id TEXT NOT NULL, reps_done INTEGER NOT NULL,
  reps_target INTEGER NOT NULL, reps_left INTEGER, reps_right INTEGER, sides TEXT,
  pain INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0,
  duration_ms INTEGER NOT NULL DEFAULT 0, row_key TEXT);
CREATE INDEX exercises_by_session ON exercises(session_id);
CREATE UNIQUE INDEX exercises_by_key ON exercises(row_key);
CREATE TABLE unlocks( level_id TEXT PRIMARY KEY, local_day INTEGER NOT NULL,
  at_utc INTEGER NOT NULL);
CREATE TABLE choices( track_id TEXT PRIMARY KEY, level_id TEXT);
CREATE TABLE settings( name TEXT PRIMARY KEY, value INTEGER NOT NULL);
-- 2025-05-05 is day 20213.
INSERT INTO sessions VALUES(1, 1746432000, 1746432900, 20213, 0, 1,
  '0123456789abcdef0123456789abcdef');
INSERT INTO sessions VALUES(2, 1746518400, 1746519300, 20214, 0, 1,
  '1123456789abcdef0123456789abcdef');
INSERT INTO exercises VALUES(1, 1, 1746432300, 'tilt', 'tilt_1', 10, 10, NULL, NULL, 'none',
  0, 0, 60000, '2123456789abcdef0123456789abcdef');
INSERT INTO exercises VALUES(2, 1, 1746432600, 'bridge', 'bridge_1', 10, 10, NULL, NULL, 'none',
  0, 0, 90000, '3123456789abcdef0123456789abcdef');
INSERT INTO exercises VALUES(3, 2, 1746518700, 'tilt', 'tilt_1', 10, 10, NULL, NULL, 'none',
  0, 0, 60000, '4123456789abcdef0123456789abcdef');
INSERT INTO exercises VALUES(4, 2, 1746519000, 'bridge', 'bridge_1', 4, 10, NULL, NULL, 'none',
  1, 0, 30000, '5123456789abcdef0123456789abcdef');
INSERT INTO settings VALUES('rest_days_per_week', 1);
COMMIT;
