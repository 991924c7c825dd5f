# desktop.cmake: corequest as a desktop app: the command line (a table of
# cases, and the real binary's one-line errors with exit status 2), one copy
# per save (the lock, and two real copies), the window in the background
# (pushed SDL window events), the screensaver and the app's name for the
# desktop, the sleep inhibitor over D-Bus, where files are found, and the
# launcher's icons.  Names start with desktop_; the install tests are
# in install.cmake.

corequest_add_test(desktop_options
  SOURCES integration/test_desktop_options.c
  LIBS corequest_app
  ARGS $<TARGET_FILE:corequest>)
target_compile_definitions(desktop_options PRIVATE COREQUEST_TEST_VERSION="${PROJECT_VERSION}")

corequest_add_test(desktop_instance
  SOURCES integration/test_desktop_instance.c
  LIBS corequest_app
  ARGS $<TARGET_FILE:corequest>)

corequest_add_test(desktop_window
  SOURCES integration/test_desktop_window.c
  LIBS corequest_app)

corequest_add_test(desktop_paths
  SOURCES integration/test_desktop_paths.c
  LIBS corequest_app)

corequest_add_test(desktop_icons
  SOURCES integration/test_desktop_icons.c
  LIBS corequest_app)

# A private dbus-daemon stands in for the system bus; needs libsystemd.
if(SYSTEMD_FOUND)
  corequest_add_test(desktop_sleep_inhibit
    SOURCES integration/test_desktop_sleep.c
    LIBS corequest_app)
  set_tests_properties(desktop_sleep_inhibit PROPERTIES SKIP_RETURN_CODE 77)
endif()
