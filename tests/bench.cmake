# bench.cmake: a smoke run of the benchmark (--quick): it must exit 0 and
# print every figure's label.  Timings are measured, never asserted.
if(TARGET corequest-bench)
  corequest_add_test(bench_smoke
    SOURCES integration/test_bench_smoke.c
    ARGS $<TARGET_FILE:corequest-bench>)
  target_include_directories(bench_smoke PRIVATE ${PROJECT_SOURCE_DIR}/bench)
  add_dependencies(bench_smoke corequest-bench)
endif()
