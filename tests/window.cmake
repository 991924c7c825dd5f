# The window: screen stack, layout, figure, input, the layout test (every
# screen's text measured at five sizes: window_screens), the cached static
# layer, golden frames, the demo, screenshots, and the no-display path.
# All headless (dummy video, software renderer); see tests/data/golden/README.md
# for regenerating the golden frames.
set(WINDOW_TEST_LIBS corequest_app)

corequest_add_test(window_screen_stack
  SOURCES integration/test_window_stack.c LIBS ${WINDOW_TEST_LIBS})
corequest_add_test(window_layout
  SOURCES integration/test_window_layout.c LIBS ${WINDOW_TEST_LIBS})
corequest_add_test(window_figure
  SOURCES integration/test_window_figure.c LIBS ${WINDOW_TEST_LIBS})
corequest_add_test(window_input
  SOURCES integration/test_window_input.c LIBS ${WINDOW_TEST_LIBS})
corequest_add_test(window_screens
  SOURCES integration/test_window_screens.c LIBS ${WINDOW_TEST_LIBS})
corequest_add_test(window_golden
  SOURCES integration/test_window_golden.c LIBS ${WINDOW_TEST_LIBS})
corequest_add_test(window_demo
  SOURCES integration/test_window_demo.c LIBS ${WINDOW_TEST_LIBS})
corequest_add_test(window_assets
  SOURCES integration/test_window_assets.c LIBS ${WINDOW_TEST_LIBS})
corequest_add_test(window_no_display
  SOURCES integration/test_window_no_display.c LIBS ${WINDOW_TEST_LIBS})
# The layer's direction, read from the sources (tests/support/one_way_layer.cmake).
add_test(NAME window_one_way_layer
  COMMAND ${CMAKE_COMMAND} -DSRC=${PROJECT_SOURCE_DIR}/src -P ${CMAKE_CURRENT_SOURCE_DIR}/support/one_way_layer.cmake)
corequest_add_test(window_backdrop
  SOURCES integration/test_window_backdrop.c LIBS ${WINDOW_TEST_LIBS})
corequest_add_test(window_pose_shots
  SOURCES integration/test_window_poses.c LIBS ${WINDOW_TEST_LIBS})
corequest_add_test(window_intro_demo
  SOURCES integration/test_window_intro_demo.c LIBS ${WINDOW_TEST_LIBS})
