# save.cmake: the progress rules, the SQLite save and its tracker, the kill
# test, and the history tools (--history, --export-csv, --report).

corequest_add_test(progress_rules
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_progress.c
  LIBS corequest_save corequest_core)


corequest_add_test(save_store
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_save.c
  LIBS corequest_save corequest_core)

corequest_add_test(save_kill
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/integration/test_kill.c
  LIBS corequest_save corequest_core)

corequest_add_test(save_tools
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_save_tools.c
  LIBS corequest_app)

# The same kills with the real `corequest --simulate --data-dir DIR` as the
# child (it prints a line after each exercise is committed).
add_test(NAME save_kill_binary COMMAND save_kill $<TARGET_FILE:corequest>)
set_tests_properties(save_kill_binary PROPERTIES
  ENVIRONMENT "SDL_VIDEODRIVER=dummy;SDL_AUDIODRIVER=dummy;LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/lsan.supp"
  TIMEOUT 300)

# The real binary against kills inside creation and migration, two copies
# on one folder, a save held locked for longer than a session, a kill
# between the journal merge and its clearing, and odd --data-dir values.
corequest_add_test(save_faults
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/integration/test_save_faults.c
  LIBS corequest_save corequest_core
  ARGS $<TARGET_FILE:corequest>)
add_dependencies(save_faults corequest)

# --report FILE.pdf: one A4 page from a scripted month, read back with
# poppler's pdfinfo and pdftotext when they are there (deps.sh --test).
find_program(PDFTOTEXT_EXE pdftotext)
find_program(PDFINFO_EXE pdfinfo)
if(NOT PDFTOTEXT_EXE OR NOT PDFINFO_EXE)
  message(STATUS "pdftotext/pdfinfo not found: report_pdf checks the page count only")
  set(PDFTOTEXT_EXE "")
  set(PDFINFO_EXE "")
endif()
corequest_add_test(report_pdf
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_report_pdf.c
  LIBS corequest_app
  ENV "TEST_PDFTOTEXT=${PDFTOTEXT_EXE}" "TEST_PDFINFO=${PDFINFO_EXE}")

# The weekly check of everyday things: when it is due, its words, the trend.
corequest_add_test(tolerance_check
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_tolerance.c
  LIBS corequest_core)
