# pose.cmake: the figure's kinematics (core/pose.c) against the shipped
# level files, without SDL: contacts and key angles at every phase.
corequest_add_test(pose_contacts
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_pose.c
  LIBS corequest_core)
# The intro's demonstration rep, timed by the session core.
corequest_add_test(pose_intro_demo
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_demo.c
  LIBS corequest_core)
