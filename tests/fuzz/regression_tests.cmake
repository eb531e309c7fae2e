# The fuzz targets' saved inputs replayed in the normal suite (g++, and the
# sanitizer builds): regression_test.cpp. Included by tests/CMakeLists.txt when
# both programs are built, since the targets reach into kiosk and server code.
# The fuzzers themselves are a separate clang project: CMakeLists.txt here.
add_executable(engage_fuzz_regression_tests
  ${CMAKE_CURRENT_LIST_DIR}/regression_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/batch_parser_fuzz.cpp
  ${CMAKE_CURRENT_LIST_DIR}/content_bundle_fuzz.cpp
  ${CMAKE_CURRENT_LIST_DIR}/redaction_fuzz.cpp
  ${CMAKE_CURRENT_LIST_DIR}/kiosk_config_fuzz.cpp
  ${CMAKE_CURRENT_LIST_DIR}/server_config_fuzz.cpp
  ${CMAKE_CURRENT_LIST_DIR}/kiosk_script_fuzz.cpp
  ${CMAKE_CURRENT_LIST_DIR}/display_text_fuzz.cpp
  # Only the parsers, not their libraries: engage_admin_lib and engage_kiosk_app
  # would bring Beast and SDL into a test that needs neither.
  ${ENGAGE_SOURCE_ROOT}/admin-server/cli/options.cpp
  ${ENGAGE_SOURCE_ROOT}/kiosk/script/script.cpp
  ${ENGAGE_SOURCE_ROOT}/kiosk/widgets/widget_registry.cpp
)
target_include_directories(engage_fuzz_regression_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}
                           ${ENGAGE_SOURCE_ROOT} ${ENGAGE_SOURCE_ROOT}/admin-server)
target_compile_definitions(engage_fuzz_regression_tests PRIVATE ${ENGAGE_TEST_DEFINES}
                           ENGAGE_FUZZ_REGRESSION=1)
target_link_libraries(engage_fuzz_regression_tests PRIVATE engage_kiosk_logic engage_kiosk_media
                      engage_core engage_catch_main engage_warnings)
catch_discover_tests(engage_fuzz_regression_tests TEST_PREFIX "fuzz: ")
