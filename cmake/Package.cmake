# Installation (`cmake --install`) and the Debian package: `cpack` in the
# build tree writes dbleak_<version>_<arch>.deb. The plugin's directory is
# fixed so that documentation and scripts can name it:
# clang-tidy-22 --load=/usr/lib/dbleak/dbleak-tidy-plugin.so.

# The man page is written by hand from docs/driver.md; only the version is
# filled in. Debian installs man pages compressed.
set(DBLEAK_MAN ${PROJECT_BINARY_DIR}/docs/dbleak.1)
configure_file(${PROJECT_SOURCE_DIR}/docs/dbleak.1 ${DBLEAK_MAN} @ONLY)
add_custom_command(OUTPUT ${DBLEAK_MAN}.gz
  COMMAND gzip -9nkf ${DBLEAK_MAN}
  DEPENDS ${DBLEAK_MAN}
  VERBATIM)
add_custom_target(dbleak-man ALL DEPENDS ${DBLEAK_MAN}.gz)
install(FILES ${DBLEAK_MAN}.gz DESTINATION share/man/man1)

# README.md next to docs/ keeps the links between them working.
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION share/doc/dbleak)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION share/doc/dbleak/docs
  FILES_MATCHING PATTERN "*.md" PATTERN "*.yml")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME dbleak)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "static analyzer for database handle lifetime bugs in C and C++")
set(CPACK_PACKAGE_DESCRIPTION
  "Finds connections, results, statements, replies and transactions that some
path forgets to release (libpq, SQLite, MySQL/MariaDB, ODBC, hiredis,
libmongoc, libpqxx, SOCI). Contains the dbleak command for projects and CI,
the dbleak-* checks as a clang-tidy-22 plugin and, when built, dbleak-clangd.")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "dbleak developers" CACHE STRING
  "Maintainer field of the Debian package")
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# gzip rather than xz: packing takes seconds instead of minutes.
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
set(CPACK_STRIP_FILES ON)
# dpkg-shlibdeps turns what the binaries link (libLLVM.so.22.1,
# libclang-cpp.so.22.1, libstdc++) into the exact Debian packages.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Pinned to the installed releases, as clang-tidy-22 pins them: the plugin
# runs inside clang-tidy on clang's C++ API, which keeps no ABI between
# builds (and libllvm's shlibs file gives no version at all); clang's builtin
# headers (stddef.h, ...) are no library dpkg-shlibdeps could find, but every
# translation unit needs those of the clang the binaries link.
set(DBLEAK_PINNED)
foreach(Pkg libllvm${LLVM_VERSION_MAJOR} libclang-common-${LLVM_VERSION_MAJOR}-dev)
  execute_process(COMMAND dpkg-query -W -f=\${Version} ${Pkg}
    OUTPUT_VARIABLE Version RESULT_VARIABLE Result ERROR_QUIET)
  if(Result EQUAL 0 AND Version)
    list(APPEND DBLEAK_PINNED "${Pkg} (= ${Version})")
  else()
    list(APPEND DBLEAK_PINNED ${Pkg})
  endif()
endforeach()
list(JOIN DBLEAK_PINNED ", " CPACK_DEBIAN_PACKAGE_DEPENDS)
# The plugin is for the stock clang-tidy of the same release.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "clang-tidy-${LLVM_VERSION_MAJOR}")
include(CPack)
