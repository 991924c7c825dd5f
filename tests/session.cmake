# session.cmake: tests of the session engine, the replay parser and --simulate.
# All named session_*; session_simulate runs the real corequest binary.
corequest_add_test(session_engine SOURCES unit/test_session.c LIBS corequest_core)
corequest_add_test(session_replay SOURCES unit/test_replay.c LIBS corequest_core)
corequest_add_test(session_daily_speed SOURCES integration/test_session_speed.c
  LIBS corequest_core)
corequest_add_test(session_simulate SOURCES integration/test_session_simulate.c
  LIBS corequest_core ARGS $<TARGET_FILE:corequest>)
add_dependencies(session_simulate corequest)
corequest_add_test(session_guidance SOURCES unit/test_guidance.c
  LIBS corequest_core corequest_test_support)
corequest_add_test(session_motion SOURCES unit/test_session_motion.c LIBS corequest_core)
