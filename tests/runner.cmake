# runner.cmake: the session runner (src/save/runner.c), which every shell
# carries its sessions through, and the clinical rules it applies.

corequest_add_test(runner_session
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_runner.c
  LIBS corequest_save corequest_core)

# The streak day is decided in one function: runner_streak_day, called only
# from runner.c, and tracker_session_end (which records the decision) is
# called only from runner.c.  A shell that decides on its own fails this.
add_test(NAME runner_one_streak_rule
  COMMAND ${CMAKE_COMMAND} -DSRC=${PROJECT_SOURCE_DIR}/src
          -P ${CMAKE_CURRENT_SOURCE_DIR}/support/runner_one_rule.cmake)
