#include "pgdump.h"

namespace poolproof {

namespace {

// The next line of text from pos, without its line break; pos moves past it.
QByteArrayView nextLine(QByteArrayView text, qsizetype &pos)
{
    const qsizetype start = pos;
    qsizetype end = text.indexOf('\n', start);
    if (end < 0)
        end = text.size();
    pos = end + 1;
    QByteArrayView line = text.sliced(start, end - start);
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

} // namespace

bool isPgDumpOutput(QByteArrayView script)
{
    // The header comes first, or the opening settings do: a few lines settle it either way.
    qsizetype pos = 0;
    int statements = 0;
    for (int lines = 0; lines < 40 && pos < script.size(); ++lines) {
        const QByteArrayView line = nextLine(script, pos).trimmed();
        if (line.isEmpty())
            continue;
        if (line.startsWith("--")) {
            if (line.startsWith("-- PostgreSQL database dump")
                || line.startsWith("-- PostgreSQL database cluster dump"))
                return true;
            continue;
        }
        // pg_dump has opened with these two since PostgreSQL 9.3.
        if (statements == 0 && line == "SET statement_timeout = 0;") {
            ++statements;
            continue;
        }
        return statements == 1 && line == "SET lock_timeout = 0;";
    }
    return false;
}

bool isPgDumpSessionLine(QByteArrayView line)
{
    return line.startsWith("SET ") || line.startsWith("SELECT pg_catalog.set_config(");
}

} // namespace poolproof
