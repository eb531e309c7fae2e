# engage_kiosk_media tests: catalogues (every language has every key), RTL
# display text, fonts (every catalogue character has a glyph), shaping against
# hb-shape (libharfbuzz-bin), line breaks, digits, QR codes
# (decoded back with zbar when libzbar-dev is installed), speech samples.
pkg_check_modules(ZBAR IMPORTED_TARGET zbar)
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)

add_executable(engage-kiosk-media-tests
  ${CMAKE_CURRENT_LIST_DIR}/media/catalogue_tests.cpp
  ${CMAKE_CURRENT_LIST_DIR}/media/display_text_tests.cpp
  ${CMAKE_CURRENT_LIST_DIR}/media/fonts_tests.cpp
  ${CMAKE_CURRENT_LIST_DIR}/media/plural_rules_tests.cpp
  ${CMAKE_CURRENT_LIST_DIR}/media/qr_code_tests.cpp
  ${CMAKE_CURRENT_LIST_DIR}/media/shaping_tests.cpp
  ${CMAKE_CURRENT_LIST_DIR}/media/speaker_tests.cpp
  ${CMAKE_CURRENT_LIST_DIR}/media/text_image.cpp
)
target_compile_definitions(engage-kiosk-media-tests PRIVATE ${ENGAGE_TEST_DEFINES}
  ENGAGE_MEDIA_TEST_OUT="${CMAKE_CURRENT_BINARY_DIR}/media-out"
  # The kiosk's shaped text beside hb-view's, for people to compare.
  ENGAGE_SHAPING_SHOTS="${CMAKE_BINARY_DIR}/screenshots/shaping")
pkg_check_modules(HARFBUZZ REQUIRED IMPORTED_TARGET harfbuzz)
target_link_libraries(engage-kiosk-media-tests PRIVATE engage_kiosk_media engage_catch_main
  PkgConfig::IMGUI PkgConfig::HARFBUZZ engage_warnings)
if(ZBAR_FOUND)
  target_compile_definitions(engage-kiosk-media-tests PRIVATE ENGAGE_HAVE_ZBAR=1)
  target_link_libraries(engage-kiosk-media-tests PRIVATE PkgConfig::ZBAR)
endif()
catch_discover_tests(engage-kiosk-media-tests TEST_PREFIX "media: ")
