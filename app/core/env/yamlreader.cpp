#include "yamlreader.h"

#include <QCoreApplication>
#include <QHash>

namespace poolproof {

namespace {

class YamlText
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::YamlReader)
public:
    static QString skipped(int line) { return tr("line %1: not understood, skipped").arg(line); }
    static QString unknownAlias(int line, const QString &name)
    {
        return tr("line %1: unknown alias *%2").arg(line).arg(name);
    }
};

struct Line {
    int number = 0; // 1-based
    int indent = 0; // leading blanks
    QString raw; // the line as written
    QString content; // without indentation and comment, trailing blanks removed
    int column = 1; // 1-based column of content[0]
};

bool startsToken(const QString &text, qsizetype i)
{
    if (i == 0)
        return true;
    const QChar before = text[i - 1];
    return before.isSpace() || before == u'[' || before == u'{' || before == u',' || before == u':' || before == u'-';
}

// The line without its comment: "#" after a blank (or at the start), outside quotes.
QString stripComment(const QString &text)
{
    QChar quote;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (!quote.isNull()) {
            if (quote == u'"' && c == u'\\') {
                ++i;
                continue;
            }
            if (c == quote) {
                if (quote == u'\'' && i + 1 < text.size() && text[i + 1] == u'\'') {
                    ++i;
                    continue;
                }
                quote = QChar();
            }
            continue;
        }
        if ((c == u'"' || c == u'\'') && startsToken(text, i)) {
            quote = c;
            continue;
        }
        if (c == u'#' && (i == 0 || text[i - 1].isSpace()))
            return text.left(i);
    }
    return text;
}

QString unescapeDouble(QStringView text)
{
    QString result;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text[i] != u'\\' || i + 1 >= text.size()) {
            result += text[i];
            continue;
        }
        const QChar next = text[++i];
        switch (next.unicode()) {
        case u'n': result += u'\n'; break;
        case u't': result += u'\t'; break;
        case u'r': result += u'\r'; break;
        case u'0': result += QChar(0); break;
        case u'u':
            if (i + 4 < text.size()) {
                bool ok = false;
                const ushort code = text.mid(i + 1, 4).toUShort(&ok, 16);
                if (ok) {
                    result += QChar(code);
                    i += 4;
                    break;
                }
            }
            result += next;
            break;
        default: result += next; break;
        }
    }
    return result;
}

class Parser
{
public:
    Parser(const QList<Line> &lines, QStringList *warnings)
        : m_lines(lines)
        , m_warnings(warnings)
    {
    }
    YamlNode parseDocument();

private:
    bool atEnd() const { return m_pos >= m_lines.size(); }
    void skipBlank();
    YamlNode parseBlock(int minIndent);
    YamlNode parseMap(int indent);
    YamlNode parseList(int indent);
    YamlNode parseValue(QString text, int line, int column, int parentIndent);
    YamlNode parseBlockScalar(const QString &header, int line, int parentIndent);
    YamlNode parseFlow(const QString &text, qsizetype &pos, int line, int column);
    YamlNode plainScalar(const QString &text, int line, int column, int parentIndent);
    static bool splitKey(const QString &content, QString *key, qsizetype *restAt, qsizetype *keyEnd);
    void warn(const QString &message)
    {
        if (m_warnings)
            m_warnings->append(message);
    }

    QList<Line> m_lines;
    QStringList *m_warnings;
    qsizetype m_pos = 0;
    QHash<QString, YamlNode> m_anchors;
};

void Parser::skipBlank()
{
    while (!atEnd() && m_lines.at(m_pos).content.isEmpty())
        ++m_pos;
}

YamlNode Parser::parseDocument()
{
    YamlNode root = parseBlock(0);
    skipBlank();
    // Anything left at a lower indentation than expected: try to read it as more of the root.
    while (!atEnd()) {
        const Line &line = m_lines.at(m_pos);
        warn(YamlText::skipped(line.number));
        ++m_pos;
        skipBlank();
    }
    return root;
}

bool Parser::splitKey(const QString &content, QString *key, qsizetype *restAt, qsizetype *keyEnd)
{
    if (content.isEmpty())
        return false;
    qsizetype colon = -1;
    if (content[0] == u'"' || content[0] == u'\'') {
        const QChar quote = content[0];
        qsizetype close = 1;
        while (close < content.size()) {
            if (quote == u'"' && content[close] == u'\\') {
                close += 2;
                continue;
            }
            if (content[close] == quote) {
                if (quote == u'\'' && close + 1 < content.size() && content[close + 1] == u'\'') {
                    close += 2;
                    continue;
                }
                break;
            }
            ++close;
        }
        if (close >= content.size())
            return false;
        qsizetype after = close + 1;
        while (after < content.size() && content[after] == u' ')
            ++after;
        if (after >= content.size() || content[after] != u':')
            return false;
        if (after + 1 < content.size() && !content[after + 1].isSpace())
            return false;
        const QStringView inner = QStringView(content).mid(1, close - 1);
        *key = quote == u'"' ? unescapeDouble(inner)
                             : inner.toString().replace(QStringLiteral("''"), QStringLiteral("'"));
        *keyEnd = close + 1;
        colon = after;
    } else {
        if (content.startsWith(u"- ") || content == u"-" || content.startsWith(u'[') || content.startsWith(u'{')
            || content.startsWith(u'|') || content.startsWith(u'>'))
            return false;
        // "key: value" or "key:" at the end; a colon inside {{ }} or in "http://" does not count.
        int braces = 0;
        for (qsizetype i = 0; i < content.size(); ++i) {
            const QChar c = content[i];
            if (c == u'{')
                ++braces;
            else if (c == u'}')
                --braces;
            else if (c == u':' && braces <= 0
                     && (i + 1 == content.size() || content[i + 1] == u' ' || content[i + 1] == u'\t')) {
                colon = i;
                break;
            }
        }
        if (colon <= 0)
            return false;
        *key = content.left(colon).trimmed();
        *keyEnd = colon;
    }
    *restAt = colon + 1;
    return true;
}

YamlNode Parser::parseBlock(int minIndent)
{
    skipBlank();
    if (atEnd())
        return {};
    const Line &line = m_lines.at(m_pos);
    if (line.indent < minIndent)
        return {};
    const int indent = line.indent;
    if (line.content == u"-" || line.content.startsWith(u"- "))
        return parseList(indent);
    QString key;
    qsizetype restAt = 0;
    qsizetype keyEnd = 0;
    if (splitKey(line.content, &key, &restAt, &keyEnd))
        return parseMap(indent);
    ++m_pos;
    return parseValue(line.content, line.number, line.column, indent - 1);
}

YamlNode Parser::parseMap(int indent)
{
    YamlNode map;
    map.kind = YamlNode::Kind::Map;
    map.line = m_lines.at(m_pos).number;
    map.column = m_lines.at(m_pos).column;
    const auto insert = [&map](YamlEntry entry, bool keepExisting) {
        for (YamlEntry &existing : map.entries) {
            if (existing.key == entry.key) {
                if (!keepExisting)
                    existing = std::move(entry);
                return;
            }
        }
        map.entries.push_back(std::move(entry));
    };
    while (true) {
        skipBlank();
        if (atEnd())
            break;
        const Line line = m_lines.at(m_pos);
        if (line.indent < indent)
            break;
        if (line.indent > indent) {
            warn(YamlText::skipped(line.number));
            ++m_pos;
            continue;
        }
        QString key;
        qsizetype restAt = 0;
        qsizetype keyEnd = 0;
        if (!splitKey(line.content, &key, &restAt, &keyEnd))
            break;
        ++m_pos;
        QString rest = line.content.mid(restAt);
        const qsizetype lead = rest.size() - QStringView(rest).trimmed().size() == 0 ? 0 : rest.indexOf(rest.trimmed());
        rest = rest.trimmed();
        YamlNode value = parseValue(rest, line.number, line.column + int(restAt + qMax(qsizetype(0), lead)), indent);
        if (key == u"<<") {
            // Merge keys: the merged map's entries, unless the map sets them itself.
            const auto merge = [&](const YamlNode &source) {
                for (const YamlEntry &entry : source.entries)
                    insert(entry, true);
            };
            if (value.isMap())
                merge(value);
            for (const YamlNode &item : value.items)
                merge(item);
            continue;
        }
        YamlEntry entry;
        entry.key = key;
        entry.line = line.number;
        entry.column = line.column;
        entry.value = std::move(value);
        insert(std::move(entry), false);
    }
    return map;
}

YamlNode Parser::parseList(int indent)
{
    YamlNode list;
    list.kind = YamlNode::Kind::List;
    list.line = m_lines.at(m_pos).number;
    list.column = m_lines.at(m_pos).column;
    while (true) {
        skipBlank();
        if (atEnd())
            break;
        Line &line = m_lines[m_pos];
        if (line.indent != indent || !(line.content == u"-" || line.content.startsWith(u"- ")))
            break;
        const QString rest = line.content.mid(1);
        const qsizetype lead
            = rest.size() - QStringView(rest).trimmed().size() == 0 ? rest.size() : rest.indexOf(rest.trimmed());
        if (rest.trimmed().isEmpty()) {
            ++m_pos;
            list.items.push_back(parseBlock(indent + 1));
            continue;
        }
        // "- key: value" opens a map (or "- - x" a list) whose indentation is where the item starts.
        line.indent = indent + 1 + int(lead);
        line.column += 1 + int(lead);
        line.content = rest.trimmed();
        list.items.push_back(parseBlock(line.indent));
    }
    return list;
}

YamlNode Parser::parseValue(QString text, int line, int column, int parentIndent)
{
    QString anchor;
    // Tags and anchors in front of the value.
    while (text.startsWith(u'!') || text.startsWith(u'&')) {
        qsizetype end = text.indexOf(u' ');
        if (end < 0)
            end = text.size();
        if (text.startsWith(u'&'))
            anchor = text.mid(1, end - 1);
        const qsizetype next = end < text.size() ? end + 1 : end;
        column += int(next);
        text = text.mid(next).trimmed();
    }
    YamlNode node;
    if (text.startsWith(u'*')) {
        const QString name = text.mid(1).trimmed();
        const auto it = m_anchors.constFind(name);
        if (it != m_anchors.constEnd())
            node = *it;
        else
            warn(YamlText::unknownAlias(line, name));
    } else if (text.isEmpty()) {
        skipBlank();
        if (!atEnd()) {
            const Line &next = m_lines.at(m_pos);
            if (next.indent > parentIndent)
                node = parseBlock(next.indent);
            else if (next.indent == parentIndent && parentIndent >= 0
                     && (next.content == u"-" || next.content.startsWith(u"- ")))
                node = parseList(next.indent);
        }
    } else if (text.startsWith(u'|') || text.startsWith(u'>')) {
        node = parseBlockScalar(text, line, parentIndent);
    } else if ((text.startsWith(u'[') || text.startsWith(u'{')) && !text.startsWith(u"{{")) {
        // A flow collection may continue on the next lines until its brackets close.
        QString flow = text;
        int depth = 0;
        const auto balance = [&depth](const QString &part) {
            for (const QChar c : part) {
                if (c == u'[' || c == u'{')
                    ++depth;
                else if (c == u']' || c == u'}')
                    --depth;
            }
        };
        balance(flow);
        while (depth > 0 && !atEnd()) {
            const QString more = m_lines.at(m_pos).content;
            ++m_pos;
            balance(more);
            flow += u' ' + more;
        }
        qsizetype pos = 0;
        node = parseFlow(flow, pos, line, column);
    } else if (text.startsWith(u'"') || text.startsWith(u'\'')) {
        const QChar quote = text[0];
        QString joined = text;
        // A quoted scalar can go on over several lines.
        const auto closed = [quote](const QString &s) {
            for (qsizetype i = 1; i < s.size(); ++i) {
                if (quote == u'"' && s[i] == u'\\') {
                    ++i;
                    continue;
                }
                if (s[i] == quote) {
                    if (quote == u'\'' && i + 1 < s.size() && s[i + 1] == u'\'') {
                        ++i;
                        continue;
                    }
                    return i;
                }
            }
            return qsizetype(-1);
        };
        while (closed(joined) < 0 && !atEnd()) {
            joined += u' ' + m_lines.at(m_pos).raw.trimmed();
            ++m_pos;
        }
        const qsizetype close = closed(joined);
        const QStringView inner = QStringView(joined).mid(1, close < 0 ? joined.size() - 1 : close - 1);
        node.kind = YamlNode::Kind::Scalar;
        node.quoted = true;
        node.scalar = quote == u'"' ? unescapeDouble(inner)
                                    : inner.toString().replace(QStringLiteral("''"), QStringLiteral("'"));
        node.line = line;
        node.column = column + 1;
    } else {
        node = plainScalar(text, line, column, parentIndent);
    }
    if (!anchor.isEmpty())
        m_anchors.insert(anchor, node);
    return node;
}

YamlNode Parser::plainScalar(const QString &text, int line, int column, int parentIndent)
{
    YamlNode node;
    node.kind = YamlNode::Kind::Scalar;
    node.scalar = text;
    node.line = line;
    node.column = column;
    // Continuation lines, more indented and not a new key, fold into one line.
    while (!atEnd()) {
        const Line &next = m_lines.at(m_pos);
        if (next.content.isEmpty() || next.indent <= parentIndent)
            break;
        QString key;
        qsizetype restAt = 0;
        qsizetype keyEnd = 0;
        if (splitKey(next.content, &key, &restAt, &keyEnd) || next.content.startsWith(u"- "))
            break;
        node.scalar += u' ' + next.content;
        ++m_pos;
    }
    if (node.scalar == u"~" || node.scalar == u"null" || node.scalar == u"Null" || node.scalar == u"NULL")
        node.kind = YamlNode::Kind::Null;
    return node;
}

YamlNode Parser::parseBlockScalar(const QString &header, int line, int parentIndent)
{
    YamlNode node;
    node.kind = YamlNode::Kind::Scalar;
    node.blockScalar = true;
    node.line = line + 1;
    const bool folded = header.startsWith(u'>');
    const bool keep = header.contains(u'+');
    const bool strip = header.contains(u'-');
    int blockIndent = -1;
    QStringList lines;
    while (!atEnd()) {
        const Line &next = m_lines.at(m_pos);
        const bool blank = next.raw.trimmed().isEmpty();
        if (!blank) {
            if (next.indent <= parentIndent)
                break;
            if (blockIndent < 0) {
                blockIndent = next.indent;
                node.column = next.indent + 1;
                node.line = next.number;
            }
            if (next.indent < blockIndent)
                break;
        }
        lines << (blank ? QString() : next.raw.mid(blockIndent));
        ++m_pos;
    }
    // Trailing blank lines belong to the scalar only with "+".
    qsizetype trailing = 0;
    while (!lines.isEmpty() && lines.last().isEmpty()) {
        lines.removeLast();
        ++trailing;
    }
    node.scalar = lines.join(folded ? u' ' : u'\n');
    if (!strip && !lines.isEmpty())
        node.scalar += u'\n';
    if (keep)
        node.scalar += QString(trailing, u'\n');
    return node;
}

YamlNode Parser::parseFlow(const QString &text, qsizetype &pos, int line, int column)
{
    const auto skipSpaces = [&] {
        while (pos < text.size() && text[pos].isSpace())
            ++pos;
    };
    skipSpaces();
    YamlNode node;
    node.line = line;
    node.column = column + int(pos);
    if (pos >= text.size())
        return node;
    const QChar open = text[pos];
    if (open == u'[' || open == u'{') {
        const QChar close = open == u'[' ? u']' : u'}';
        node.kind = open == u'[' ? YamlNode::Kind::List : YamlNode::Kind::Map;
        ++pos;
        while (true) {
            skipSpaces();
            if (pos >= text.size())
                break;
            if (text[pos] == close) {
                ++pos;
                break;
            }
            if (text[pos] == u',') {
                ++pos;
                continue;
            }
            const qsizetype before = pos;
            if (node.kind == YamlNode::Kind::List) {
                node.items.push_back(parseFlow(text, pos, line, column));
            } else {
                YamlEntry entry;
                entry.line = line;
                entry.column = column + int(pos);
                const YamlNode key = parseFlow(text, pos, line, column);
                entry.key = key.scalar;
                skipSpaces();
                if (pos < text.size() && text[pos] == u':') {
                    ++pos;
                    entry.value = parseFlow(text, pos, line, column);
                }
                node.entries.push_back(std::move(entry));
            }
            // Malformed input ("[a: :]") must not stall the reader: step over what was not understood.
            if (pos == before)
                ++pos;
        }
        return node;
    }
    node.kind = YamlNode::Kind::Scalar;
    if (open == u'"' || open == u'\'') {
        qsizetype end = pos + 1;
        while (end < text.size()) {
            if (open == u'"' && text[end] == u'\\') {
                end += 2;
                continue;
            }
            if (text[end] == open) {
                if (open == u'\'' && end + 1 < text.size() && text[end + 1] == u'\'') {
                    end += 2;
                    continue;
                }
                break;
            }
            ++end;
        }
        const QStringView inner = QStringView(text).mid(pos + 1, qMin(end, text.size()) - pos - 1);
        node.scalar = open == u'"' ? unescapeDouble(inner)
                                   : inner.toString().replace(QStringLiteral("''"), QStringLiteral("'"));
        node.quoted = true;
        node.column = column + int(pos) + 1;
        pos = qMin(end + 1, text.size());
        return node;
    }
    const qsizetype start = pos;
    while (pos < text.size() && text[pos] != u',' && text[pos] != u']' && text[pos] != u'}'
           && !(text[pos] == u':' && (pos + 1 >= text.size() || text[pos + 1].isSpace() || text[pos + 1] == u',')))
        ++pos;
    node.scalar = text.mid(start, pos - start).trimmed();
    return node;
}

} // namespace

const YamlNode *YamlNode::value(QStringView key) const
{
    for (const YamlEntry &entry : entries) {
        if (entry.key == key)
            return &entry.value;
    }
    return nullptr;
}

QString YamlNode::scalarValue(QStringView key) const
{
    const YamlNode *node = value(key);
    return node && node->isScalar() ? node->scalar : QString();
}

std::vector<YamlDocument> readYaml(const QString &text, QStringList *warnings)
{
    std::vector<YamlDocument> documents;
    QList<Line> current;
    int firstLine = 1;
    const auto flush = [&] {
        bool any = false;
        for (const Line &line : std::as_const(current))
            any = any || !line.content.isEmpty();
        if (any) {
            Parser parser(current, warnings);
            documents.push_back({parser.parseDocument(), firstLine});
        }
        current.clear();
    };
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString raw = lines.at(i);
        if (raw.endsWith(u'\r'))
            raw.chop(1);
        if (raw.startsWith(u"---") || raw == u"...") {
            flush();
            firstLine = int(i) + 2;
            const QString rest = raw.mid(3).trimmed();
            if (raw.startsWith(u"---") && !rest.isEmpty() && !rest.startsWith(u'#')) {
                // "--- value" on the separator line itself.
                Line line {int(i) + 1, 4, raw, stripComment(rest).trimmed(), 5};
                current.append(line);
            }
            continue;
        }
        Line line;
        line.number = int(i) + 1;
        line.raw = raw;
        int indent = 0;
        while (indent < raw.size() && (raw[indent] == u' ' || raw[indent] == u'\t'))
            ++indent;
        line.indent = indent;
        line.column = indent + 1;
        line.content = stripComment(raw.mid(indent));
        while (!line.content.isEmpty() && line.content.back().isSpace())
            line.content.chop(1);
        // Directives ("%YAML") and template lines ("{{- if ... }}") are not data.
        if (line.content.startsWith(u'%') || line.content.startsWith(u"{{"))
            line.content.clear();
        current.append(line);
    }
    flush();
    return documents;
}

} // namespace poolproof
