#pragma once

#include "languagespec.h"
#include "lexedfile.h"

#include <QByteArray>
#include <QByteArrayView>

#include <vector>

namespace poolproof {

// Splits a source file (UTF-8 bytes, valid or not) into comment and string regions; everything
// else is code. One pass over the bytes, linear in the input whatever it contains.
LexedFile lex(const LanguageSpec &language, QByteArrayView source);

// A string's value as the program sees it: escapes resolved, block indentation removed, and each
// interpolation hole replaced by a positional parameter "$1", "$2", ... so that PostgreSQL's
// parser accepts it. sourceOffsets[i] is the source byte that text[i] came from: the escape
// sequence or hole it stands for, or the byte itself.
struct DecodedString {
    QByteArray text;
    std::vector<quint32> sourceOffsets;
};

DecodedString decodeString(const LanguageSpec &language, QByteArrayView source, const LexedFile &file,
                           const LexedRegion &region);

// The value of a group from concatenatedGroups(): the regions' values joined, holes numbered on
// across the whole group.
DecodedString decodeConcatenated(const LanguageSpec &language, QByteArrayView source, const LexedFile &file,
                                 const std::vector<int> &group);

// Joins the string literals the language concatenates: adjacent literals (Python, Ruby, SQL across
// a newline), or literals separated only by whitespace, comments, line continuations and one
// concatenation operator ("+", PHP ".", Elixir "<>", SQL "||"). Returns groups of indices into
// file.regions, each in source order; every string region is in exactly one group.
std::vector<std::vector<int>> concatenatedGroups(const LanguageSpec &language, QByteArrayView source,
                                                 const LexedFile &file);

// The pieces of concatenatedGroups(), for callers that need the groups of a few literals only:
// for each region, the string literal before it at the same depth (in the same hole) that it
// may join, or -1 (comments, character literals, the first literal of a hole) ...
std::vector<int> previousLiterals(const LexedFile &file);
// ... and whether two such literals do join (what stands between them allows it).
bool literalsJoin(const LanguageSpec &language, QByteArrayView source, const LexedFile &file, int first, int second);

} // namespace poolproof
