# The server helper's unit tests: API handlers, store, writer and content
# cache driven directly (no sockets), on real SQLite files in temp dirs.
# Included by tests/server/CMakeLists.txt.
if(TARGET engage_admin_lib)
  add_executable(engage_server_unit_tests
    ${CMAKE_CURRENT_LIST_DIR}/account_store_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/admission_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/api_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/comments_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/content_cache_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/decisions_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/harness.cpp
    ${CMAKE_CURRENT_LIST_DIR}/journal_log_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/metrics_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/options_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pg_migrations_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/pg_store_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/retention_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/storage_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/settings_json_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/signup_retention_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/signups_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/store_engines.cpp
    ${CMAKE_CURRENT_LIST_DIR}/store_test.cpp
    ${CMAKE_CURRENT_LIST_DIR}/writer_test.cpp
  )
  target_link_libraries(engage_server_unit_tests PRIVATE engage_admin_lib engage_test_support engage_pg_test_support
                        engage_catch_main engage_warnings)
  target_compile_definitions(engage_server_unit_tests PRIVATE ${ENGAGE_TEST_DEFINES})
  catch_discover_tests(engage_server_unit_tests TEST_PREFIX "server-unit: ")
endif()
