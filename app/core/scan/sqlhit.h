#pragma once

#include "finding.h"
#include "sql/sqlstatement.h"

#include <QByteArray>

#include <vector>

namespace poolproof {

// A piece of SQL found in a file, ready for the parser: a .sql file's script, or the value of a
// string literal (joined with the literals concatenated to it).
struct SqlFragment {
    QByteArray text;
    std::vector<quint32> sourceOffsets; // per byte of text; empty means text starts at baseOffset verbatim
    quint32 baseOffset = 0;
    bool isScript = false; // a whole .sql file: every statement counts
    bool inQueryContext = false; // passed to a query call or named like a query

    quint32 sourceOffset(qsizetype textOffset) const
    {
        if (sourceOffsets.empty())
            return baseOffset + quint32(textOffset);
        if (textOffset < 0)
            return sourceOffsets.front();
        return sourceOffsets[std::min(size_t(textOffset), sourceOffsets.size() - 1)];
    }
};

// A statement or call of a fragment that a rule may care about.
struct SqlHit {
    const SqlStatement *statement = nullptr; // the statement it belongs to
    const SqlCall *call = nullptr; // set for function calls
    quint32 sourceOffset = 0; // where to report it in the file
    Confidence confidence = Confidence::High;
};

// Statements of a fragment, parsed by libpg_query (falling back to its scanner tokens for the
// parts that do not parse), with the confidence the classification deserves.
struct AnalyzedFragment {
    QList<SqlStatement> statements;
    QList<Confidence> confidences; // one per statement
    bool parsed = true; // false when any part needed the token fallback
    QString parseError;
};

class FragmentCache;

// cache: where texts analysed before in this scan are looked up, and new ones kept; optional.
AnalyzedFragment analyzeFragment(const SqlFragment &fragment, FragmentCache *cache = nullptr);

// Whether a literal's value might hold SQL that a rule cares about; cheap, run before decoding.
bool mayHoldSessionSql(QByteArrayView text);
// The same for the bytes [begin, end) of buffer (cheaper than on a slice: see mentionsSessionWord).
bool mayHoldSessionSql(QByteArrayView buffer, qsizetype begin, qsizetype end);
// The word-by-word part of mayHoldSessionSql(), for a text already known to mention a session
// word (see SessionWordIndex).
bool keywordsMayHoldSessionSql(QByteArrayView text);

// The first offset at or after from that is neither whitespace nor an SQL comment.
qsizetype skipSqlTrivia(QByteArrayView text, qsizetype from);

} // namespace poolproof
