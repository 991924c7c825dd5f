# expect.cmake: runs EXE with ARG1..ARG4 and checks its exit status and output.
# cmake -DEXE=... -DARG1=... -DEXPECT_STATUS=1 [-DEXPECT_STDOUT=regex]
#       [-DEXPECT_STDERR=regex] -P expect.cmake
set(args)
foreach(i 1 2 3 4)
  if(DEFINED ARG${i})
    list(APPEND args "${ARG${i}}")
  endif()
endforeach()
execute_process(COMMAND "${EXE}" ${args}
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("--- stdout ---\n${out}--- stderr ---\n${err}--- exit status: ${status}")
if(NOT "${status}" STREQUAL "${EXPECT_STATUS}")
  message(FATAL_ERROR "exit status ${status}, expected ${EXPECT_STATUS}")
endif()
if(DEFINED EXPECT_STDOUT AND NOT out MATCHES "${EXPECT_STDOUT}")
  message(FATAL_ERROR "stdout does not match: ${EXPECT_STDOUT}")
endif()
if(DEFINED EXPECT_STDERR AND NOT err MATCHES "${EXPECT_STDERR}")
  message(FATAL_ERROR "stderr does not match: ${EXPECT_STDERR}")
endif()
