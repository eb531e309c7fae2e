# End to end: the real engage-admin server with sample content and the real
# engage-kiosk program, headless, driven by --script files (DESIGN §10, §11).
add_executable(engage_kiosk_e2e_tests
  ${CMAKE_CURRENT_LIST_DIR}/e2e/kiosk_process.cpp
  ${CMAKE_CURRENT_LIST_DIR}/e2e/visit_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/e2e/power_cut_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/e2e/resilience_test.cpp
)
target_include_directories(engage_kiosk_e2e_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(engage_kiosk_e2e_tests PRIVATE engage_kiosk_logic engage_test_support
                      engage_catch_main engage_warnings)
target_compile_definitions(engage_kiosk_e2e_tests PRIVATE ${ENGAGE_TEST_DEFINES})
# The programs under test must be built before these tests run.
if(TARGET engage-kiosk)
  add_dependencies(engage_kiosk_e2e_tests engage-kiosk)
endif()
if(TARGET engage-admin)
  add_dependencies(engage_kiosk_e2e_tests engage-admin)
endif()
catch_discover_tests(engage_kiosk_e2e_tests TEST_PREFIX "kiosk e2e: ")
