# desktop.cmake: corequest as a desktop app: where files are found.
# Names start with desktop_; the install tests are in install.cmake.

corequest_add_test(desktop_paths
  SOURCES integration/test_desktop_paths.c
  LIBS corequest_app)
