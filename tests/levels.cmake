# levels.cmake: the level loader, the shipped pack, the level tools of the
# corequest binary, and the loader's fuzz target (libFuzzer with clang-14).

corequest_add_test(levels_load
  SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/unit/test_levels_load.c
  LIBS corequest_core)

# ---- the real binary ----
set(LEVELS_TOOL_ENV "LSAN_OPTIONS=suppressions=${CMAKE_CURRENT_SOURCE_DIR}/lsan.supp")
set(LEVELS_EXPECT ${CMAKE_CURRENT_SOURCE_DIR}/data/levels_cli/expect.cmake)

add_test(NAME levels_check_shipped
  COMMAND corequest --check-levels ${PROJECT_SOURCE_DIR}/levels)
set_tests_properties(levels_check_shipped PROPERTIES ENVIRONMENT "${LEVELS_TOOL_ENV}")

# levels_check_* and levels_list_* below run through expect.cmake so that both
# the exit status and the output are checked (a crash is never a pass).
function(levels_expect name status)
  cmake_parse_arguments(E "" "STDOUT;STDERR" "ARGS" ${ARGN})
  set(defs -DEXE=$<TARGET_FILE:corequest> -DEXPECT_STATUS=${status})
  set(i 1)
  foreach(a ${E_ARGS})
    list(APPEND defs "-DARG${i}=${a}")
    math(EXPR i "${i} + 1")
  endforeach()
  if(E_STDOUT)
    list(APPEND defs "-DEXPECT_STDOUT=${E_STDOUT}")
  endif()
  if(E_STDERR)
    list(APPEND defs "-DEXPECT_STDERR=${E_STDERR}")
  endif()
  add_test(NAME ${name} COMMAND ${CMAKE_COMMAND} ${defs} -P ${LEVELS_EXPECT})
  set_tests_properties(${name} PROPERTIES ENVIRONMENT "${LEVELS_TOOL_ENV}" TIMEOUT 120)
endfunction()

levels_expect(levels_check_shipped_counts 0
  ARGS --check-levels ${PROJECT_SOURCE_DIR}/levels
  STDOUT "8 tracks and 21 levels loaded; 0 errors")
levels_expect(levels_check_bad_pack 1
  ARGS --check-levels ${CMAKE_CURRENT_SOURCE_DIR}/data/levels_syntax
  STDOUT "broken\\.json:5:[0-9]+: JSON syntax.*2 tracks and 3 levels loaded; 1 error in 1 file")
levels_expect(levels_check_duplicate_across_files 1
  ARGS --check-levels ${CMAKE_CURRENT_SOURCE_DIR}/data/levels_dup_across
  STDOUT "b_second\\.json: levels\\[1\\]\\.id: duplicate level id \"alpha_2\"")
levels_expect(levels_check_missing_folder 1
  ARGS --check-levels ${CMAKE_CURRENT_SOURCE_DIR}/data/levels_no_such_folder
  STDOUT "cannot read the level folder")
levels_expect(levels_list_shipped 0
  ARGS --list-levels --levels ${PROJECT_SOURCE_DIR}/levels
  STDOUT "1\\. Pelvic tilts.*Level 3: Pelvic tilt, 20 times.*Unlocks level 2 after all reps with no pain on 3 different days, once you rate it \"too easy\".*8\\. Glute kickbacks.*Pain rules \\(from the pack's rules file.*a pain stop scored 7 of 10 or more.*left out")
levels_expect(levels_list_bad_pack_still_lists_good_tracks 1
  ARGS --list-levels --levels ${CMAKE_CURRENT_SOURCE_DIR}/data/levels_unknown_key
  STDOUT "1\\. Track alpha.*2\\. Track zulu"
  STDERR "bad\\.json: levels\\[0\\]\\.repz: unknown key")

# ---- fuzzing ----
# The replay driver is built by the ordinary compiler, so the corpus (the
# shipped pack, the fixtures and tests/fuzz/corpus) is replayed everywhere.
add_executable(levels_fuzz_replay
  ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_levels.c
  ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_replay_main.c)
target_link_libraries(levels_fuzz_replay PRIVATE corequest_core)
file(GLOB LEVELS_FIXTURE_DIRS LIST_DIRECTORIES true CONFIGURE_DEPENDS
  ${CMAKE_CURRENT_SOURCE_DIR}/data/levels_*)
list(FILTER LEVELS_FIXTURE_DIRS EXCLUDE REGEX "levels_cli$")
add_test(NAME levels_fuzz_replay COMMAND levels_fuzz_replay
  ${PROJECT_SOURCE_DIR}/levels ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus ${LEVELS_FIXTURE_DIRS})
set_tests_properties(levels_fuzz_replay PROPERTIES ENVIRONMENT "${LEVELS_TOOL_ENV}")

find_program(COREQUEST_CLANG14 clang-14)
if(COREQUEST_CLANG14)
  set(LEVELS_FUZZER ${CMAKE_CURRENT_BINARY_DIR}/fuzz_levels)
  set(LEVELS_FUZZ_SOURCES
    ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_levels.c
    ${PROJECT_SOURCE_DIR}/src/core/levels_load.c
    ${PROJECT_SOURCE_DIR}/src/core/motion.c
    ${PROJECT_SOURCE_DIR}/src/core/program.c
    ${PROJECT_SOURCE_DIR}/src/core/prompts.c)
  add_custom_command(OUTPUT ${LEVELS_FUZZER}
    COMMAND ${COREQUEST_CLANG14} -g -O1 -std=c11 -D_POSIX_C_SOURCE=200809L
      -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
      -I${PROJECT_SOURCE_DIR}/src/core ${JANSSON_CFLAGS}
      ${LEVELS_FUZZ_SOURCES} ${JANSSON_LDFLAGS} -lm -o ${LEVELS_FUZZER}
    DEPENDS ${LEVELS_FUZZ_SOURCES}
      ${PROJECT_SOURCE_DIR}/src/core/levels_load.h
      ${PROJECT_SOURCE_DIR}/src/core/motion.h
      ${PROJECT_SOURCE_DIR}/src/core/program.h
      ${PROJECT_SOURCE_DIR}/src/core/prompts.h
    COMMENT "Building the level loader fuzzer with clang-14"
    COMMAND_EXPAND_LISTS VERBATIM)
  add_custom_target(fuzz_levels ALL DEPENDS ${LEVELS_FUZZER})

  # Deterministic: a fresh corpus copied from levels/ every run, a fixed
  # seed and a fixed number of runs.  New inputs go to the build folder.
  set(LEVELS_FUZZ_WORK ${CMAKE_CURRENT_BINARY_DIR}/fuzz_levels_corpus)
  add_test(NAME levels_fuzz_smoke
    COMMAND sh -c "rm -rf \"$1\" && mkdir -p \"$1\" && cp \"$2\"/*.json \"$1\"/ && exec \"$0\" -seed=1 -runs=20000 -timeout=10 -dict=\"$3\" -artifact_prefix=\"$4\" \"$1\""
      ${LEVELS_FUZZER} ${LEVELS_FUZZ_WORK} ${PROJECT_SOURCE_DIR}/levels
      ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/levels.dict ${CMAKE_CURRENT_BINARY_DIR}/fuzz_levels_)
  set_tests_properties(levels_fuzz_smoke PROPERTIES TIMEOUT 300)
else()
  message(STATUS "clang-14 not found: levels_fuzz_smoke is skipped (levels_fuzz_replay still runs)")
endif()

# ---- --check-motion: a motion trace replayed through a sensed session ----
levels_expect(motion_check_shipped_trace 0
  ARGS --check-motion ${CMAKE_CURRENT_SOURCE_DIR}/data/motion/bridge_1-slipped-hold.trace
       --levels ${PROJECT_SOURCE_DIR}/levels
  STDOUT "reps counted by the pad: 10 of 10.holds: 11, of 5 s each; 1 slipped and was done again.*every rep was counted by the pad alone")
levels_expect(motion_check_each_side_trace 0
  ARGS --check-motion ${CMAKE_CURRENT_SOURCE_DIR}/data/motion/clamshell_1.trace
       --levels ${PROJECT_SOURCE_DIR}/levels
  STDOUT "reps counted by the pad: 10 of 10 \\(left 10, right 10\\).*start positions found: 2")
levels_expect(motion_check_no_lift 1
  ARGS --check-motion ${CMAKE_CURRENT_SOURCE_DIR}/data/motion_cli/bridge_1-no-lift.trace
       --levels ${PROJECT_SOURCE_DIR}/levels
  STDOUT "reps counted by the pad: 0 of 10.*the pad missed 10 reps")
levels_expect(motion_check_broken_line 1
  ARGS --check-motion ${CMAKE_CURRENT_SOURCE_DIR}/data/motion_cli/broken.trace
       --levels ${PROJECT_SOURCE_DIR}/levels
  STDERR "broken\\.trace:4: field ay: expected a number")
levels_expect(motion_check_level_without_profile 1
  ARGS --check-motion ${CMAKE_CURRENT_SOURCE_DIR}/data/motion_cli/no-profile.trace
       --levels ${PROJECT_SOURCE_DIR}/levels
  STDERR "no-profile\\.trace:2: level 'pelvic_tilt_1' has no motion profile")
# A recorded daily session holds one part per sensed exercise, clocks going
# on; here two shipped traces one after the other (each from its own 0).
file(READ ${CMAKE_CURRENT_SOURCE_DIR}/data/motion/bridge_2.trace MOTION_PART_A)
file(READ ${CMAKE_CURRENT_SOURCE_DIR}/data/motion/kickback_1.trace MOTION_PART_B)
file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/two-exercises.trace "${MOTION_PART_A}${MOTION_PART_B}")
levels_expect(motion_check_two_exercises 0
  ARGS --check-motion ${CMAKE_CURRENT_BINARY_DIR}/two-exercises.trace
       --levels ${PROJECT_SOURCE_DIR}/levels
  STDOUT "level bridge_2.*reps counted by the pad: 8 of 8.*level kickback_1.*reps counted by the pad: 10 of 10.*2 exercises in the trace: every rep of each was counted")
