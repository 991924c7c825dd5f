# install.cmake: `cmake --install` (GNUInstallDirs) and `cpack -G DEB`.
#   bin/corequest
#   share/corequest/{levels,assets}     found by src/platform/paths.c from bin/
#   share/applications/<id>.desktop, share/metainfo/<id>.metainfo.xml
#   share/icons/hicolor/<N>x<N>/apps/<id>.png
#   share/man/man6/corequest.6.gz, share/doc/corequest/{README.md,LICENSE}

install(TARGETS corequest RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY levels/ DESTINATION ${CMAKE_INSTALL_DATADIR}/corequest/levels
  FILES_MATCHING PATTERN "*.json")
# The icons go to the icon theme, not beside the app's own assets.
install(DIRECTORY assets/ DESTINATION ${CMAKE_INSTALL_DATADIR}/corequest/assets
  PATTERN icons EXCLUDE)
install(DIRECTORY assets/icons/hicolor DESTINATION ${CMAKE_INSTALL_DATADIR}/icons)
install(FILES data/${COREQUEST_APP_ID}.desktop
  DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES data/${COREQUEST_APP_ID}.metainfo.xml
  DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)

# The man page gets the version from project(), and is installed compressed
# (Debian policy); -n keeps the .gz the same from build to build.
configure_file(data/corequest.6.in ${CMAKE_CURRENT_BINARY_DIR}/corequest.6 @ONLY)
find_program(COREQUEST_GZIP gzip REQUIRED)
set(COREQUEST_MAN ${CMAKE_CURRENT_BINARY_DIR}/corequest.6.gz)
add_custom_command(OUTPUT ${COREQUEST_MAN}
  COMMAND ${COREQUEST_GZIP} -9nc ${CMAKE_CURRENT_BINARY_DIR}/corequest.6 > ${COREQUEST_MAN}
  DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/corequest.6
  COMMENT "Compressing the man page" VERBATIM)
add_custom_target(corequest_man ALL DEPENDS ${COREQUEST_MAN})
install(FILES ${COREQUEST_MAN} DESTINATION ${CMAKE_INSTALL_MANDIR}/man6)
install(FILES README.md LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR})

# ---- cpack -G DEB: a .deb that apt-get install ./corequest_*.deb installs ----
set(CPACK_PACKAGE_NAME corequest)
set(CPACK_PACKAGE_VENDOR "The corequest authors")
set(CPACK_PACKAGE_CONTACT "corequest maintainers <maintainers@corequest.invalid>"
  CACHE STRING "Maintainer of the .deb (name <email>)")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "guided core and back strengthening routine, as a game")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
"corequest coaches you through a physical therapist's core and back
strengthening routine for low back pain, one short session a day. An
animated figure shows each exercise, a ring counts your holds, it counts
reps and sides, beeps and talks you through every move, and keeps a
forgiving daily streak. Follow it on a TV, on a laptop, or with your eyes
closed in audio-only mode; confirm reps with a gamepad or the keyboard.
corequest is not medical advice.")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/corequest/corequest")
set(CPACK_RESOURCE_FILE_LICENSE ${CMAKE_CURRENT_SOURCE_DIR}/LICENSE)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # corequest_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION games)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# Depends: worked out from the binary's libraries (dpkg-shlibdeps, dpkg-dev).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
find_program(COREQUEST_DPKG_SHLIBDEPS dpkg-shlibdeps)
if(NOT COREQUEST_DPKG_SHLIBDEPS)
  message(STATUS "dpkg-shlibdeps not found: cpack -G DEB needs dpkg-dev (tools/deps.sh --test)")
endif()
include(CPack)
