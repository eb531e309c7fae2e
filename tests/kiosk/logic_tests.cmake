# Kiosk logic tests: the flow state machine, the outbox, options and sync
# against the real server. No window, no SDL.
set(_engage_kiosk_logic_test_sources
  ${CMAKE_CURRENT_LIST_DIR}/logic/coordinator_key_pin_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logic/device_profile_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logic/display_dimmer_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logic/flow_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logic/flow_choosers_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logic/flow_hours_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logic/flow_signup_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logic/outbox_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logic/options_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logic/outbox_failure_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logic/outbox_redaction_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logic/outbox_storage_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logic/runtime_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logic/sample_content.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logic/scratch_mount.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logic/server_url_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logic/staff_pin_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logic/switch_scanner_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logic/sync_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/logic/upload_rules_test.cpp
)
add_executable(engage_kiosk_logic_tests ${_engage_kiosk_logic_test_sources})
target_include_directories(engage_kiosk_logic_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(engage_kiosk_logic_tests PRIVATE engage_kiosk_logic engage_test_support
                      engage_catch_main PkgConfig::SODIUM engage_sqlite
                      engage_warnings)
target_compile_definitions(engage_kiosk_logic_tests PRIVATE ${ENGAGE_TEST_DEFINES})
catch_discover_tests(engage_kiosk_logic_tests TEST_PREFIX "kiosk logic: ")
