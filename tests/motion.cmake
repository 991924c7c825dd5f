# motion.cmake: the motion detector and the trace format (pure core).
corequest_add_test(motion_detector SOURCES unit/test_motion.c LIBS corequest_core)
