# engage_kiosk_logic: the visit's state machine, the offline outbox, sync with
# the server, options/config and the runtime that wires them for the app.
# No SDL and no ImGui here, so all of it is testable without a window.
# Headers are included as "kiosk/<area>/<file>.hpp" from the source root.
set(_engage_kiosk_logic_sources
  ${CMAKE_CURRENT_LIST_DIR}/flow/flow.cpp
  ${CMAKE_CURRENT_LIST_DIR}/flow/signup_sealing.cpp
  ${CMAKE_CURRENT_LIST_DIR}/input/scan_mode.cpp
  ${CMAKE_CURRENT_LIST_DIR}/input/switch_scanner.cpp
  ${CMAKE_CURRENT_LIST_DIR}/outbox/outbox.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config/options.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config/device_profile.cpp
  ${CMAKE_CURRENT_LIST_DIR}/config/data_dir.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sync/coordinator_key_pin.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sync/http_client.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sync/server_url.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sync/sync_client.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sync/upload_rules.cpp
  ${CMAKE_CURRENT_LIST_DIR}/runtime/display_dimmer.cpp
  ${CMAKE_CURRENT_LIST_DIR}/runtime/kiosk_runtime.cpp
  ${CMAKE_CURRENT_LIST_DIR}/staff/pin_checker.cpp
  ${CMAKE_CURRENT_LIST_DIR}/staff/pin_lockout.cpp
)
add_library(engage_kiosk_logic STATIC ${_engage_kiosk_logic_sources})
target_include_directories(engage_kiosk_logic PUBLIC ${ENGAGE_SOURCE_ROOT})
find_package(OpenSSL REQUIRED)
target_link_libraries(engage_kiosk_logic
  PUBLIC engage_core Threads::Threads
  # Boost::url: the kiosk's server address parser (kiosk/sync/server_url.cpp).
  PRIVATE engage_sqlite PkgConfig::SODIUM OpenSSL::SSL OpenSSL::Crypto Boost::url
          engage_warnings)
