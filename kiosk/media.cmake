# engage_kiosk_media: speech (espeak-ng), QR codes (libqrencode), UI string
# catalogues, and the text pipeline: bidi (FriBiDi), shaping (HarfBuzz),
# glyphs (FreeType), line breaks and native digits (ICU), and a small ImGui atlas. Headers are included as
# "kiosk/<area>/<file>.hpp" from the source root.
pkg_check_modules(ESPEAK_NG REQUIRED IMPORTED_TARGET espeak-ng)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
pkg_check_modules(FRIBIDI REQUIRED IMPORTED_TARGET fribidi)
pkg_check_modules(HARFBUZZ REQUIRED IMPORTED_TARGET harfbuzz)
pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
# ICU over libunibreak for UAX #14: see docs/architecture.md (text pipeline).
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)

add_library(engage_kiosk_media STATIC
  ${CMAKE_CURRENT_LIST_DIR}/help/qr_code.cpp
  ${CMAKE_CURRENT_LIST_DIR}/i18n/catalogue.cpp
  ${CMAKE_CURRENT_LIST_DIR}/i18n/content_coverage.cpp
  ${CMAKE_CURRENT_LIST_DIR}/i18n/plural_rules.cpp
  ${CMAKE_CURRENT_LIST_DIR}/speech/speaker.cpp
  ${CMAKE_CURRENT_LIST_DIR}/speech/wav_file.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text/digits.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text/display_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text/font_faces.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text/fonts.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text/glyph_cache.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text/line_breaks.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text/shaped_text.cpp
  ${CMAKE_CURRENT_LIST_DIR}/text/text_pipeline.cpp
)
target_include_directories(engage_kiosk_media PUBLIC ${ENGAGE_SOURCE_ROOT})
target_link_libraries(engage_kiosk_media
  PUBLIC engage_core Threads::Threads
  PRIVATE PkgConfig::ESPEAK_NG PkgConfig::QRENCODE PkgConfig::FRIBIDI PkgConfig::HARFBUZZ
          PkgConfig::FREETYPE PkgConfig::ICU PkgConfig::IMGUI engage_warnings)
