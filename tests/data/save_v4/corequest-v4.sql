-- A corequest save at schema version 4, as SQL text (the test builds the
-- .db from it), written by `corequest --simulate` on 2026-12-02 and then
-- given a pain stop (bridge_1, rated 6 in the low back) and a "checked
-- with a therapist" row.  Version 5 adds the weekly check (tolerance).
CREATE TABLE sessions( id INTEGER PRIMARY KEY, start_utc INTEGER NOT NULL, end_utc INTEGER, local_day INTEGER NOT NULL, utc_offset_s INTEGER NOT NULL, finished INTEGER NOT NULL DEFAULT 0, row_key TEXT);
INSERT INTO sessions VALUES(1,1796251508,1796252651,20789,0,1,'40263b2d21c9c97955f22029a5c632e7');
CREATE TABLE exercises( id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL REFERENCES sessions(id), at_utc INTEGER NOT NULL, track_id TEXT NOT NULL, level_id TEXT NOT NULL, reps_done INTEGER NOT NULL, reps_target INTEGER NOT NULL, reps_left INTEGER, reps_right INTEGER, sides TEXT, pain INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0, duration_ms INTEGER NOT NULL DEFAULT 0, row_key TEXT, rating TEXT, rating_default INTEGER NOT NULL DEFAULT 0, pain_score INTEGER, pain_place TEXT, pain_after INTEGER NOT NULL DEFAULT 0);
INSERT INTO exercises VALUES(1,1,1796251650,'pelvic_tilt','pelvic_tilt_1',10,10,NULL,NULL,'none',0,0,131890,'75e52c5b7304973c8d8653bb1e64ff27','just_right',1,NULL,NULL,0);
INSERT INTO exercises VALUES(2,1,1796251807,'toe_taps','toe_taps_1',10,10,10,10,'alternating',0,0,116830,'99110bb9bc3ac1733122d241dae25eef','just_right',1,NULL,NULL,0);
INSERT INTO exercises VALUES(3,1,1796251967,'bridge','bridge_1',3,10,NULL,NULL,'none',1,0,119430,'6f0d5104b2ee7e24e8cbbc286326f6c4','just_right',1,6,'low_back',0);
INSERT INTO exercises VALUES(4,1,1796252106,'heel_taps','heel_taps_1',10,10,10,10,'alternating',0,0,99010,'c78c5fc93bb9c9c12c45eb432ca7f0ed','just_right',1,NULL,NULL,0);
INSERT INTO exercises VALUES(5,1,1796252224,'superman','superman_1',8,8,NULL,NULL,'none',0,0,77730,'5844ac579108ae17b1b647d9c71f2d2c','just_right',1,NULL,NULL,0);
INSERT INTO exercises VALUES(6,1,1796252360,'swimmers','swimmers_1',10,10,10,10,'alternating',0,0,95050,'d7a2b4f7499e8c7467cff4d5ece74591','just_right',1,NULL,NULL,0);
INSERT INTO exercises VALUES(7,1,1796252501,'clamshell','clamshell_1',10,10,10,10,'each_side',0,0,100770,'ea5e114afaca0187567795cec29e74df','just_right',1,NULL,NULL,0);
INSERT INTO exercises VALUES(8,1,1796252643,'kickback','kickback_1',10,10,10,10,'each_side',0,0,101430,'d4983a5cd54df3478deb23d90862a379','just_right',1,NULL,NULL,0);
CREATE TABLE unlocks( level_id TEXT PRIMARY KEY, local_day INTEGER NOT NULL, at_utc INTEGER NOT NULL);
CREATE TABLE choices( track_id TEXT PRIMARY KEY, level_id TEXT);
CREATE TABLE settings( name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE therapist_checked( at_utc INTEGER NOT NULL, local_day INTEGER NOT NULL);
INSERT INTO therapist_checked VALUES(1796251513,20789);
CREATE UNIQUE INDEX sessions_by_key ON sessions(row_key);
CREATE INDEX exercises_by_session ON exercises(session_id);
CREATE UNIQUE INDEX exercises_by_key ON exercises(row_key);
PRAGMA application_id=1129411444;
PRAGMA user_version=4;
