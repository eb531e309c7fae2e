# The server's systemd unit and its sysusers.d/tmpfiles.d snippets
# (hardware/systemd/), checked offline by verify_units.sh. Label "systemd".
# Included by tests/server/CMakeLists.txt once engage-admin is a target.
add_test(NAME "systemd: the engage-admin units verify, sandbox and score"
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/verify_units.sh ${ENGAGE_SOURCE_ROOT}
                 $<TARGET_FILE:engage-admin>)
set_tests_properties("systemd: the engage-admin units verify, sandbox and score" PROPERTIES
  LABELS systemd SKIP_RETURN_CODE 77)

# The kiosk appliance's unit, display timer and provisioning script (hardware/).
add_test(NAME "systemd: the engage-kiosk units verify and the provisioning scripts lint clean"
         COMMAND ${CMAKE_CURRENT_LIST_DIR}/verify_kiosk_units.sh ${ENGAGE_SOURCE_ROOT})
set_tests_properties("systemd: the engage-kiosk units verify and the provisioning scripts lint clean"
  PROPERTIES LABELS systemd SKIP_RETURN_CODE 77)
