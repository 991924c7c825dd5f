# install.cmake: the app as installed.  install_prefix runs `cmake --install`
# into a folder of this build and the installed binary from / (then moved
# elsewhere); install_validate runs desktop-file-validate, appstreamcli and
# man's checks on those files; install_deb builds the .deb with cpack,
# installs it with apt-get, runs it and removes it (root only: skipped,
# with the reason, otherwise).  Names start with install_.
set(INSTALL_TEST_WORK ${CMAKE_CURRENT_BINARY_DIR}/install_prefix)
set(INSTALL_TEST_ENV "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/lsan.supp")

add_test(NAME install_prefix
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/install/prefix.sh
    ${PROJECT_BINARY_DIR} ${INSTALL_TEST_WORK} ${PROJECT_SOURCE_DIR})
set_tests_properties(install_prefix PROPERTIES
  ENVIRONMENT "${INSTALL_TEST_ENV}" TIMEOUT 600 FIXTURES_SETUP installed_tree)

add_test(NAME install_validate
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/install/validate.sh ${INSTALL_TEST_WORK}/prefix)
set_tests_properties(install_validate PROPERTIES
  TIMEOUT 120 SKIP_RETURN_CODE 77 FIXTURES_REQUIRED installed_tree)

add_test(NAME install_deb
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/install/deb.sh
    ${PROJECT_BINARY_DIR} ${CMAKE_CURRENT_BINARY_DIR}/install_deb)
# RUN_SERIAL: apt and dpkg take the system's package lock.
set_tests_properties(install_deb PROPERTIES
  ENVIRONMENT "${INSTALL_TEST_ENV}" TIMEOUT 900 SKIP_RETURN_CODE 77 RUN_SERIAL ON)
