# Install rules and the .deb packages (issue 13). From the build folder:
#   cpack -G DEB      → engage-admin_<version>_<arch>.deb, engage-kiosk_<version>_<arch>.deb
# Two components, one package each:
#   admin  engage-admin, its systemd units (hardware/systemd), sysusers.d and
#          tmpfiles.d snippets, share/engage/sample, docs
#   kiosk  engage-kiosk, share/engage/i18n, docs
# Assets are declared in cmake/assets.cmake (same components). Included last
# by the top-level CMakeLists.txt, once the programs are targets.
# tests/packaging/ builds, lists, installs and runs the packages.

include(GNUInstallDirs)

# `cpack` and `cmake --install` install what the build made and never start a
# build of everything themselves (the package test runs cpack inside ctest).
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)

set(ENGAGE_MAINTAINER "Engage developers <engage@example.org>"
    CACHE STRING "Maintainer: field of the .deb packages (set your own when you publish them)")
set(_debian ${CMAKE_CURRENT_LIST_DIR}/debian)
set(_components "")

# Debian's layout: /usr/lib/systemd/system etc. even under another prefix
# they are relative to it, so `cmake --install --prefix /tmp/x` stays inside /tmp/x.
set(_systemd_units lib/systemd/system)
set(_sysusers lib/sysusers.d)
set(_tmpfiles lib/tmpfiles.d)

# engage_package_docs(COMPONENT PACKAGE FILE...): /usr/share/doc/PACKAGE/ gets
# the copyright file, a Debian changelog and FILE... (from the source root).
# The version has no Debian revision (a native package), so the changelog is
# changelog.gz, not changelog.Debian.gz (Policy 12.7).
function(engage_package_docs component package)
  set(_doc ${CMAKE_INSTALL_DATADIR}/doc/${package})
  install(FILES ${_debian}/copyright DESTINATION ${_doc} COMPONENT ${component})
  # Compressed with -n (no name or time stamp) so the package is reproducible.
  set(_changelog ${CMAKE_BINARY_DIR}/packaging/${package}/changelog)
  # The configure time, or SOURCE_DATE_EPOCH when set (string(TIMESTAMP) honours it).
  string(TIMESTAMP _date "%a, %d %b %Y %H:%M:%S +0000" UTC)
  file(WRITE ${_changelog}
"${package} (${PROJECT_VERSION}) unstable; urgency=medium

  * Built from the Engage source tree by CPack; see
    /usr/share/doc/${package}/CHANGELOG.md.gz for what changed.

 -- ${ENGAGE_MAINTAINER}  ${_date}
")
  add_custom_command(OUTPUT ${_changelog}.gz
    COMMAND gzip -9 -n -f -k ${_changelog}
    DEPENDS ${_changelog} VERBATIM)
  add_custom_target(engage_changelog_${component} ALL DEPENDS ${_changelog}.gz)
  install(FILES ${_changelog}.gz DESTINATION ${_doc} COMPONENT ${component})
  # Policy 12.3: documentation over 4 kB is compressed.
  foreach(_f IN LISTS ARGN)
    get_filename_component(_name ${_f} NAME)
    set(_gz ${CMAKE_BINARY_DIR}/packaging/${package}/${_name}.gz)
    add_custom_command(OUTPUT ${_gz}
      COMMAND gzip -9 -n -c ${CMAKE_SOURCE_DIR}/${_f} > ${_gz}
      DEPENDS ${CMAKE_SOURCE_DIR}/${_f} VERBATIM)
    add_custom_target(engage_doc_${component}_${_name} ALL DEPENDS ${_gz})
    install(FILES ${_gz} DESTINATION ${_doc} COMPONENT ${component})
  endforeach()
endfunction()

# engage_man_page(COMPONENT PAGE): docs/man/PAGE (a roff page, section from
# its suffix) compressed into /usr/share/man/manN/ (Policy 12.1).
function(engage_man_page component page)
  string(REGEX REPLACE ".*\\.([0-9])$" "\\1" _section ${page})
  set(_gz ${CMAKE_BINARY_DIR}/packaging/man/${page}.gz)
  add_custom_command(OUTPUT ${_gz}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/packaging/man
    COMMAND gzip -9 -n -c ${CMAKE_SOURCE_DIR}/docs/man/${page} > ${_gz}
    DEPENDS ${CMAKE_SOURCE_DIR}/docs/man/${page} VERBATIM)
  add_custom_target(engage_man_${page} ALL DEPENDS ${_gz})
  install(FILES ${_gz} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${_section} COMPONENT ${component})
endfunction()

if(ENGAGE_BUILD_SERVER)
  list(APPEND _components admin)
  engage_man_page(admin engage-admin.1)
  install(TARGETS engage-admin RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT admin)
  install(FILES ${CMAKE_SOURCE_DIR}/hardware/systemd/engage-admin.service
                ${CMAKE_SOURCE_DIR}/hardware/systemd/engage-admin-backup.service
                ${CMAKE_SOURCE_DIR}/hardware/systemd/engage-admin-backup.timer
          DESTINATION ${_systemd_units} COMPONENT admin)
  install(FILES ${CMAKE_SOURCE_DIR}/hardware/systemd/engage-admin.sysusers.conf
          DESTINATION ${_sysusers} RENAME engage-admin.conf COMPONENT admin)
  install(FILES ${CMAKE_SOURCE_DIR}/hardware/systemd/engage-admin.tmpfiles.conf
          DESTINATION ${_tmpfiles} RENAME engage-admin.conf COMPONENT admin)
  # Optional, so not in /usr/lib/systemd/system/engage-admin.service.d/ (it
  # would always apply): docs/operators.md says when to copy it to /etc.
  install(FILES ${CMAKE_SOURCE_DIR}/hardware/systemd/engage-admin.service.d/low-port.conf
          DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/engage-admin/examples COMPONENT admin)
  engage_package_docs(admin engage-admin docs/operators.md docs/privacy.md CHANGELOG.md
                      README.md)
endif()

if(ENGAGE_BUILD_KIOSK)
  list(APPEND _components kiosk)
  install(TARGETS engage-kiosk RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT kiosk)
  engage_man_page(kiosk engage-kiosk.1)
  engage_package_docs(kiosk engage-kiosk docs/privacy.md CHANGELOG.md README.md)
endif()

# hardware/profiles: installed by engage_asset(profiles ...) in cmake/assets.cmake.

# --- CPack: one .deb per component.
set(CPACK_PACKAGE_NAME engage)
set(CPACK_PACKAGE_VENDOR "Engage")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT ${ENGAGE_MAINTAINER})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_DIRECTORY ${CMAKE_BINARY_DIR}/packages)
set(CPACK_COMPONENTS_ALL ${_components})
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER ${ENGAGE_MAINTAINER})
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "https://example.invalid/engage"
    CACHE STRING "Homepage: field of the .deb packages")
set(CPACK_DEBIAN_PACKAGE_RELEASE "")
# Depends: from the shared libraries the programs link (dpkg-shlibdeps, dpkg-dev).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
# Maintainer scripts are 0755, conffiles 0644, whatever the checkout's modes.
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Stripped programs, like any Debian package (their symbols stay in the build tree).
set(CPACK_STRIP_FILES ON)

set(CPACK_DEBIAN_ADMIN_PACKAGE_NAME engage-admin)
set(CPACK_DEBIAN_ADMIN_PACKAGE_SECTION net)
# Not found by dpkg-shlibdeps: the units call these at run time.
set(CPACK_DEBIAN_ADMIN_PACKAGE_DEPENDS "systemd | systemd-standalone-sysusers")
set(CPACK_COMPONENT_ADMIN_DISPLAY_NAME "engage-admin")
# CPack indents the lines after the synopsis itself.
set(CPACK_COMPONENT_ADMIN_DESCRIPTION
"Engage admin server: kiosk API, staff web app, backups
The server Engage kiosks upload anonymous feedback to, with the web app
staff and the Board use to publish forms and read results. Runs as a
sandboxed systemd service (engage-admin.service) with a nightly backup
timer; see /usr/share/doc/engage-admin/operators.md.gz.")
set(CPACK_DEBIAN_ADMIN_PACKAGE_CONTROL_EXTRA ${_debian}/engage-admin/postinst)

set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME engage-kiosk)
set(CPACK_DEBIAN_KIOSK_PACKAGE_SECTION x11)
# The fonts are read as files (kiosk/text/fonts.hpp), so dpkg-shlibdeps cannot see them.
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS "fonts-noto-core")
set(CPACK_COMPONENT_KIOSK_DISPLAY_NAME "engage-kiosk")
set(CPACK_COMPONENT_KIOSK_DESCRIPTION
"Engage kiosk: touchscreen feedback for day centres
The full-screen program people touch to answer a centre's forms and polls,
in their own language, with speech. Keeps answers in an offline outbox and
uploads them anonymously to an Engage admin server.")

include(CPack)
