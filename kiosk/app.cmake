# engage-kiosk: the program people touch (SDL2 + Dear ImGui 1.86, SDL_Renderer).
#   engage_kiosk_imgui_backends  the SDL2 and SDL_Renderer backends Debian ships as
#                                sources (compiled without our warning flags)
#   engage_kiosk_app             platform, widgets, screens, script runner (tests link it)
#   engage-kiosk                 main.cpp
find_package(SDL2 REQUIRED)
if(NOT TARGET PkgConfig::IMGUI)
  pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
endif()
if(NOT TARGET PkgConfig::FREETYPE)
  pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)
endif()

set(ENGAGE_IMGUI_BACKENDS_DIR /usr/share/doc/libimgui-dev/examples/backends
    CACHE PATH "Dear ImGui backend sources (libimgui-dev)")
add_library(engage_kiosk_imgui_backends STATIC
  ${ENGAGE_IMGUI_BACKENDS_DIR}/imgui_impl_sdl.cpp
  ${ENGAGE_IMGUI_BACKENDS_DIR}/imgui_impl_sdlrenderer.cpp)
target_include_directories(engage_kiosk_imgui_backends PUBLIC /usr/include/imgui/backends)
# libimgui.a was built with FreeType support; link it after ImGui.
target_link_libraries(engage_kiosk_imgui_backends PUBLIC PkgConfig::IMGUI SDL2::SDL2
                      PkgConfig::FREETYPE)

add_library(engage_kiosk_app STATIC
  ${CMAKE_CURRENT_LIST_DIR}/platform/platform.cpp
  ${CMAKE_CURRENT_LIST_DIR}/platform/redraw_scheduler.cpp
  ${CMAKE_CURRENT_LIST_DIR}/platform/screenshot.cpp
  ${CMAKE_CURRENT_LIST_DIR}/platform/service_notifier.cpp
  ${CMAKE_CURRENT_LIST_DIR}/platform/terminal_echo.cpp
  ${CMAKE_CURRENT_LIST_DIR}/widgets/big_button.cpp
  ${CMAKE_CURRENT_LIST_DIR}/widgets/icons.cpp
  ${CMAKE_CURRENT_LIST_DIR}/widgets/keyboard_focus.cpp
  ${CMAKE_CURRENT_LIST_DIR}/widgets/keyboard_layouts.cpp
  ${CMAKE_CURRENT_LIST_DIR}/widgets/on_screen_keyboard.cpp
  ${CMAKE_CURRENT_LIST_DIR}/widgets/qr_view.cpp
  ${CMAKE_CURRENT_LIST_DIR}/widgets/shapes.cpp
  ${CMAKE_CURRENT_LIST_DIR}/widgets/text_block.cpp
  ${CMAKE_CURRENT_LIST_DIR}/widgets/theme.cpp
  ${CMAKE_CURRENT_LIST_DIR}/widgets/widget_registry.cpp
  ${CMAKE_CURRENT_LIST_DIR}/screens/kiosk_ui.cpp
  ${CMAKE_CURRENT_LIST_DIR}/screens/screen_context.cpp
  ${CMAKE_CURRENT_LIST_DIR}/screens/start_again_screen.cpp
  ${CMAKE_CURRENT_LIST_DIR}/screens/top_bar.cpp
  ${CMAKE_CURRENT_LIST_DIR}/screens/attract_screen.cpp
  ${CMAKE_CURRENT_LIST_DIR}/screens/language_screen.cpp
  ${CMAKE_CURRENT_LIST_DIR}/screens/home_screen.cpp
  ${CMAKE_CURRENT_LIST_DIR}/screens/form_list_screen.cpp
  ${CMAKE_CURRENT_LIST_DIR}/screens/form_intro_screen.cpp
  ${CMAKE_CURRENT_LIST_DIR}/screens/question_screen.cpp
  ${CMAKE_CURRENT_LIST_DIR}/screens/review_screen.cpp
  ${CMAKE_CURRENT_LIST_DIR}/screens/consent_screen.cpp
  ${CMAKE_CURRENT_LIST_DIR}/screens/signup_unavailable_screen.cpp
  ${CMAKE_CURRENT_LIST_DIR}/screens/closed_screen.cpp
  ${CMAKE_CURRENT_LIST_DIR}/screens/thank_you_screen.cpp
  ${CMAKE_CURRENT_LIST_DIR}/screens/help_now_screen.cpp
  ${CMAKE_CURRENT_LIST_DIR}/screens/about_screen.cpp
  ${CMAKE_CURRENT_LIST_DIR}/screens/still_there_screen.cpp
  ${CMAKE_CURRENT_LIST_DIR}/screens/staff_pin_screen.cpp
  ${CMAKE_CURRENT_LIST_DIR}/screens/staff_screen.cpp
  ${CMAKE_CURRENT_LIST_DIR}/script/script.cpp
)
target_include_directories(engage_kiosk_app PUBLIC ${ENGAGE_SOURCE_ROOT})
target_link_libraries(engage_kiosk_app
  PUBLIC engage_kiosk_logic engage_kiosk_media engage_kiosk_imgui_backends engage_core
  # ICU: the keyboards' grapheme clusters (Delete), letter cases, Ethiopic syllables.
  PRIVATE PkgConfig::ICU engage_warnings)
# sd_notify for the service manager's readiness and watchdog (issue 13).
if(NOT TARGET PkgConfig::SYSTEMD)
  pkg_check_modules(SYSTEMD REQUIRED IMPORTED_TARGET libsystemd)
endif()
target_link_libraries(engage_kiosk_app PRIVATE PkgConfig::SYSTEMD)
# stb_image_write's implementation comes from Debian's libstb (pkg-config stb).
if(NOT TARGET PkgConfig::STB)
  pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
endif()
# PUBLIC: the app tests read screenshots back with stb_image.
target_link_libraries(engage_kiosk_app PUBLIC PkgConfig::STB)

# zero_on_free.cpp replaces the global operator new/delete: the program only.
add_executable(engage-kiosk ${CMAKE_CURRENT_LIST_DIR}/main.cpp
                            ${CMAKE_CURRENT_LIST_DIR}/platform/zero_on_free.cpp)
target_link_libraries(engage-kiosk PRIVATE engage_kiosk_app engage_warnings)
