#pragma once

#include <pg_query.h>
#include <pg_query.pb-c.h>

namespace poolproof {

// libpg_query's parse of a text as a protobuf tree, unpacked by protobuf-c; both are freed
// however the caller's function returns. tree stays null when the text did not parse.
struct ParsedTree {
    explicit ParsedTree(const char *text)
        : result(pg_query_parse_protobuf(text))
    {
        if (!result.error) {
            tree = pg_query__parse_result__unpack(nullptr, result.parse_tree.len,
                                                  reinterpret_cast<const uint8_t *>(result.parse_tree.data));
        }
    }
    ~ParsedTree()
    {
        if (tree)
            pg_query__parse_result__free_unpacked(tree, nullptr);
        pg_query_free_protobuf_parse_result(result);
    }
    ParsedTree(const ParsedTree &) = delete;
    ParsedTree &operator=(const ParsedTree &) = delete;

    PgQueryProtobufParseResult result;
    PgQuery__ParseResult *tree = nullptr;
};

} // namespace poolproof
