# libpg_query: the PostgreSQL parser as a library. It ships no CMake package, so find it here.
find_path(PG_QUERY_INCLUDE_DIR NAMES pg_query.h REQUIRED)
find_library(PG_QUERY_LIBRARY NAMES pg_query REQUIRED)
# The scanner's token stream comes as protobuf; its C types need protobuf-c's header.
find_path(PROTOBUF_C_INCLUDE_DIR NAMES protobuf-c/protobuf-c.h REQUIRED)

add_library(PgQuery::PgQuery UNKNOWN IMPORTED)
set_target_properties(PgQuery::PgQuery PROPERTIES
    IMPORTED_LOCATION "${PG_QUERY_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${PG_QUERY_INCLUDE_DIR};${PG_QUERY_INCLUDE_DIR}/pg_query;${PROTOBUF_C_INCLUDE_DIR}")
message(STATUS "libpg_query: ${PG_QUERY_LIBRARY}")
