# Kiosk app tests: pure parts (theme contrast, script parser, widget registry)
# and the real engage-kiosk program run headless with scripts, whose
# screenshots stay in <build>/screenshots/kiosk-app/ for people to look at.
if(NOT TARGET engage-kiosk)
  return()
endif()
if(NOT TARGET engage_test_support)
  add_subdirectory(${CMAKE_CURRENT_LIST_DIR}/../support ${CMAKE_BINARY_DIR}/tests/support)
endif()
add_executable(engage_kiosk_app_tests
  ${CMAKE_CURRENT_LIST_DIR}/app/about_you_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/cage_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/easy_words_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/kiosk_app_fixture.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/form_chooser_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/keyboard_layouts_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/keyboards_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/layout_matrix_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/languages_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/memory_wipe_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/notify_socket.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/profile_screenshots_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/read_aloud_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/scale_faces_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/redraw_scheduler_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/screens_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/staff_portrait_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/switch_scan_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/switch_visit_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/text_question_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/theme_and_script_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/typography_test.cpp
  ${CMAKE_CURRENT_LIST_DIR}/app/watchdog_test.cpp
  # The server's sample content as a bundle (shared with the logic tests).
  ${CMAKE_CURRENT_LIST_DIR}/logic/sample_content.cpp
)
target_include_directories(engage_kiosk_app_tests PRIVATE ${CMAKE_CURRENT_LIST_DIR}
                           ${CMAKE_CURRENT_LIST_DIR}/app)
# ICU: the keyboard test normalises the sample content (NFC) and asks letter categories.
if(NOT TARGET PkgConfig::ICU)
  pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
endif()
target_link_libraries(engage_kiosk_app_tests PRIVATE engage_kiosk_app engage_test_support
                      engage_catch_main PkgConfig::ICU engage_warnings)
target_compile_definitions(engage_kiosk_app_tests PRIVATE ${ENGAGE_TEST_DEFINES})
add_dependencies(engage_kiosk_app_tests engage-kiosk)
catch_discover_tests(engage_kiosk_app_tests TEST_PREFIX "kiosk app: ")
