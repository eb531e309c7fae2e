# Runs `bench-ingest --quick` (with -DSTORE=postgresql: on a private
# PostgreSQL cluster); passes when it exits 0 and prints both ratio lines.
# Called by ctest with -DBENCH=<path to bench-ingest>.
set(args --quick)
if(STORE)
  list(APPEND args --store ${STORE})
endif()
execute_process(COMMAND ${BENCH} ${args} RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
message("${out}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "bench-ingest --quick exited ${rc}: ${err}")
endif()
foreach(line "ratio batched server / raw batched: " "ratio single-item server")
  string(FIND "${out}" "${line}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "bench-ingest --quick printed no line with '${line}'")
  endif()
endforeach()
