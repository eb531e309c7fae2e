# Run-time data files (docs/architecture.md, "Assets"): one list of what is
# installed to <prefix>/share/engage and by which package, used twice:
#   - install rules (components admin and kiosk, packaged by cmake/packaging.cmake);
#   - the build tree's share/engage, symbolic links into the source tree, so a
#     program in build/bin finds its assets the way an installed one does
#     (find_asset() in core/include/engage/assets.hpp) and edits to the
#     source files show without a rebuild.
# Included by the top-level CMakeLists.txt before any target exists.

include(GNUInstallDirs)

# Where find_asset() looks last (baked into core/src/assets.cpp).
set(ENGAGE_BUILD_ASSETS_DIR ${CMAKE_BINARY_DIR}/share/engage)

# engage_asset(NAME SOURCE COMPONENT): <prefix>/share/engage/NAME is the
# source file or folder SOURCE (relative to the source root), in COMPONENT's package.
function(engage_asset name source component)
  set(_from ${CMAKE_SOURCE_DIR}/${source})
  if(NOT EXISTS ${_from})
    message(FATAL_ERROR "engage_asset: ${source} does not exist")
  endif()
  get_filename_component(_parent ${ENGAGE_BUILD_ASSETS_DIR}/${name} DIRECTORY)
  file(MAKE_DIRECTORY ${_parent})
  file(CREATE_LINK ${_from} ${ENGAGE_BUILD_ASSETS_DIR}/${name} SYMBOLIC)
  get_filename_component(_dest ${CMAKE_INSTALL_DATADIR}/engage/${name} DIRECTORY)
  if(IS_DIRECTORY ${_from})
    get_filename_component(_leaf ${name} NAME)
    # The folder's files, not its README: the README describes the source tree.
    install(DIRECTORY ${_from}/ DESTINATION ${CMAKE_INSTALL_DATADIR}/engage/${name}
            COMPONENT ${component} PATTERN README.md EXCLUDE)
  else()
    install(FILES ${_from} DESTINATION ${_dest} COMPONENT ${component})
  endif()
endfunction()

# The kiosk's UI text, one catalogue per language (i18n/README.md). It stays
# at the top of the source tree, where translators and docs expect it.
engage_asset(i18n i18n kiosk)

# The demo's sample content (serve --sample): JSON read at run time.
engage_asset(sample assets/sample admin)

# The kiosk's device profiles (hardware/profiles/README.md): engage-kiosk --profile NAME.
engage_asset(profiles hardware/profiles kiosk)
