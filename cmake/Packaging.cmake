# Packages: a Debian package and a tarball of the installed tree, made with CPack from the install
# rules (`cpack -G DEB`, `cpack -G TGZ` or plain `cpack` in the build folder).
# tests/install builds the .deb, unpacks it into a scratch root and runs what it installed.

# Documentation shipped with the programs; the rule reference is installed by app/tools.
install(FILES
    ${PROJECT_SOURCE_DIR}/README.md
    ${PROJECT_SOURCE_DIR}/docs/user-guide.md
    ${PROJECT_SOURCE_DIR}/docs/ci.md
    ${PROJECT_SOURCE_DIR}/docs/project-file.md
    ${PROJECT_SOURCE_DIR}/docs/json-schema.md
    DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/poolproof)

set(CPACK_PACKAGE_NAME poolproof)
set(CPACK_PACKAGE_VENDOR "The PoolProof developers")
set(CPACK_PACKAGE_CONTACT "The PoolProof developers <maintainers@poolproof.invalid>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_HOMEPAGE_URL "${PROJECT_HOMEPAGE_URL}")
set(CPACK_GENERATOR DEB TGZ)
# Release packages carry no debug information; the build folder keeps it.
set(CPACK_STRIP_FILES ON)
set(CPACK_SOURCE_IGNORE_FILES /build/ /\\.git/)

# Debian: /usr prefix (CPack's default for DEB), the file name dpkg tools expect, and the shared
# libraries' packages found by dpkg-shlibdeps (from dpkg-dev).
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${PROJECT_HOMEPAGE_URL}")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# What the programs load or start at run time, which dpkg-shlibdeps cannot see: git lists the
# repository's files; Qt's SQLite and PostgreSQL drivers keep the audit history and run the live
# check; the platform plugins and the SVG plugins show the window and its icons.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "git, libqt6sql6-sqlite, libqt6sql6-psql, qt6-qpa-plugins, qt6-svg-plugins")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "qt6-translations-l10n")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "${PROJECT_DESCRIPTION}
PoolProof tells a team whether its backend is ready for PgBouncer in transaction
pooling mode. It parses every piece of SQL in a repository with the PostgreSQL
parser and reports what breaks behind a transaction-mode pooler (session SET,
LISTEN, advisory locks, SQL PREPARE, WITH HOLD cursors, temporary tables, named
prepared statements), graded for the pooler you run. It also validates each
environment's connection strings as libpq and the driver read them, and exports
the audit as DATABASE.md, HTML, JSON or SARIF.
.
The package holds the desktop application (poolproof) and the command line
(poolproof-cli).")

# The tarball unpacks into poolproof-VERSION-Linux/ with bin/ and share/ inside.
set(CPACK_ARCHIVE_FILE_NAME poolproof-${PROJECT_VERSION}-Linux)
set(CPACK_INCLUDE_TOPLEVEL_DIRECTORY ON)

include(CPack)
