-- A corequest save at schema version 1, as SQL text (the test builds the
-- .db from it).  Version 1 kept UTC start times only: no local day, no UTC
-- offset, no per-side reps, no sides, and no table of level choices.
-- Times are chosen for TZ=Europe/Berlin (CET, UTC+1, in March 2024):
--   session 1  2024-03-08 07:30 local  -> day 2024-03-08
--   session 2  2024-03-10 01:30 local  -> day 2024-03-09 (before 04:00)
--   session 3  2024-03-10 18:00 local  -> day 2024-03-10 (bridge pain stop)
--   session 4  2024-03-11 19:00 local  -> day 2024-03-11, ended early
PRAGMA application_id = 1129411444;
PRAGMA user_version = 1;
BEGIN;
CREATE TABLE sessions(
  id INTEGER PRIMARY KEY,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  finished INTEGER NOT NULL DEFAULT 0);
CREATE TABLE results(
  id INTEGER PRIMARY KEY,
  session_id INTEGER NOT NULL REFERENCES sessions(id),
  track_id TEXT NOT NULL,
  level_id TEXT NOT NULL,
  reps_done INTEGER NOT NULL,
  reps_target INTEGER NOT NULL,
  pain INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,
  duration_ms INTEGER NOT NULL DEFAULT 0,
  ended_at INTEGER NOT NULL);
CREATE TABLE unlocks(
  level_id TEXT PRIMARY KEY,
  unlocked_at INTEGER NOT NULL);
CREATE TABLE settings(
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL);

INSERT INTO settings(name, value) VALUES
  ('day_start_hour', 4), ('rest_days_per_week', 2), ('voice_volume', 70),
  ('a_setting_from_long_ago', 5);

INSERT INTO sessions(id, started_at, ended_at, finished) VALUES
  (1, 1709879400, 1709880300, 1),
  (2, 1710030600, 1710031800, 1),
  (3, 1710090000, 1710091200, 1),
  (4, 1710180000, 1710180300, 0);

INSERT INTO results(id, session_id, track_id, level_id, reps_done, reps_target,
                    pain, skipped, duration_ms, ended_at) VALUES
  (1, 1, 'tilt', 'tilt_1', 10, 10, 0, 0, 95000, 1709879600),
  (2, 1, 'bridge', 'bridge_1', 10, 10, 0, 0, 120000, 1709879800),
  (3, 2, 'tilt', 'tilt_1', 10, 10, 0, 0, 94000, 1710030800),
  (4, 3, 'tilt', 'tilt_1', 10, 10, 0, 0, 97000, 1710090200),
  (5, 3, 'bridge', 'bridge_1', 3, 10, 1, 0, 31000, 1710090400),
  (6, 4, 'tilt', 'tilt_2', 6, 10, 0, 0, 60000, 1710180200);

INSERT INTO unlocks(level_id, unlocked_at) VALUES ('tilt_2', 1710090200);
COMMIT;
