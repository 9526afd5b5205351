#pragma once

#include <QByteArrayView>

namespace poolproof {

// Whether a SQL script is pg_dump's (or pg_dumpall's) output: its header comment, or, where a
// tool has stripped the comments (Rails' db/structure.sql), the settings every dump opens with.
// Its session settings are meant for the one session that restores it.
bool isPgDumpOutput(QByteArrayView script);

// Whether a line of such a script is one of the settings pg_dump writes for that session: a SET,
// SET SESSION AUTHORIZATION or set_config() call at the start of the line, as pg_dump lays them
// out.
bool isPgDumpSessionLine(QByteArrayView line);

} // namespace poolproof
