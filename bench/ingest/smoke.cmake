# Runs `bench-ingest --quick` (with -DSTORE=postgresql: on a private
# PostgreSQL cluster); passes when it exits 0 and prints both ratio lines.
# With -DFSYNC_DELAY_US=N (and one measurement only): also that the
# emulated slow storage slowed the raw one-row commits, which cannot beat
# one commit per N microseconds when the preloaded library works.
# Called by ctest with -DBENCH=<path to bench-ingest>.
set(args --quick)
if(STORE)
  list(APPEND args --store ${STORE})
endif()
if(FSYNC_DELAY_US)
  list(APPEND args --fsync-delay-us ${FSYNC_DELAY_US} --only "batches of 1, 16")
endif()
execute_process(COMMAND ${BENCH} ${args} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
message("${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "bench-ingest --quick exited ${rc}: ${err}")
endif()
set(lines "ratio single-item server")
if(NOT FSYNC_DELAY_US) # --only leaves the batched measurement out
  list(APPEND lines "ratio batched server / raw batched: ")
endif()
foreach(line ${lines})
  string(FIND "${out}" "${line}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "bench-ingest --quick printed no line with '${line}'")
  endif()
endforeach()
if(FSYNC_DELAY_US)
  string(REGEX MATCH "1 row per commit +median +([0-9]+)" found "${out}")
  if(NOT found)
    message(FATAL_ERROR "bench-ingest printed no raw one-row-per-commit median")
  endif()
  math(EXPR bound "1000000 / ${FSYNC_DELAY_US}")
  if(CMAKE_MATCH_1 GREATER bound)
    message(FATAL_ERROR "raw one-row commits ran at ${CMAKE_MATCH_1}/s, more than one per "
                        "${FSYNC_DELAY_US} us: the slow-fsync library was not in effect")
  endif()
endif()
