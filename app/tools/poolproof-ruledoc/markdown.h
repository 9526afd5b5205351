#pragma once

#include <QString>

namespace poolproof::ruledoc {

// Prose from the catalog as Markdown text: characters that Markdown would read as markup are
// escaped, so a "*" or "<name>" in a rule's text is shown as written.
QString escapedProse(const QString &text);

// A table cell: prose with "|" escaped and line breaks folded.
QString tableCell(const QString &text);

// An inline code span that shows text verbatim, whatever backticks it contains.
QString codeSpan(const QString &text);

// A fenced code block with a language tag; the fence is longer than any backtick run inside.
QString codeBlock(const QString &text, const QString &language);

// A link; the label is escaped prose, the target is kept as it is.
QString link(const QString &label, const QString &url);

} // namespace poolproof::ruledoc
