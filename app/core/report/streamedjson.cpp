#include "streamedjson.h"

#include "chunkedwrite.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace poolproof {

namespace {

// value as Qt indents it as an element of an array whose elements stand at indent.
void appendIndented(QByteArray &out, const QJsonValue &value, QByteArrayView indent)
{
    // A lone value goes through an array: QJsonDocument writes objects and arrays only.
    const QByteArray whole = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Indented);
    // "[\n" + "    " + the value's lines (deeper ones indented further) + "\n]\n".
    const QByteArrayView inner = QByteArrayView(whole).sliced(2, whole.size() - 2 - 3);
    for (qsizetype from = 0; from < inner.size();) {
        qsizetype newline = inner.indexOf('\n', from);
        if (newline < 0)
            newline = inner.size();
        if (from > 0)
            out += '\n';
        // Each line carries the four spaces of its element level, which indent replaces.
        out += indent;
        out += inner.sliced(from + 4, newline - from - 4);
        from = newline + 1;
    }
}

} // namespace

bool writeIndentedJson(const QJsonObject &document, const QString &marker, qsizetype count,
                       const std::function<QJsonValue(qsizetype)> &item,
                       const std::function<bool(QByteArrayView)> &write)
{
    const QByteArray frame = QJsonDocument(document).toJson(QJsonDocument::Indented);
    const QByteArray quoted = '"' + marker.toUtf8() + '"';
    const qsizetype at = frame.indexOf(quoted);
    const qsizetype lineStart = frame.lastIndexOf('\n', at) + 1;
    const qsizetype lineEnd = frame.indexOf('\n', at);
    if (at < 0 || lineEnd < 0 || lineEnd != at + quoted.size())
        return false; // no such marker: a caller's mistake, not something to write around
    const QByteArrayView indent = QByteArrayView(frame).sliced(lineStart, at - lineStart);
    if (!write(QByteArrayView(frame).first(lineStart)))
        return false;
    if (count == 0) // "[\n" then, as Qt writes an empty array, the closing bracket's line
        return write(QByteArrayView(frame).sliced(lineEnd + 1));
    const auto render = [&](qsizetype begin, qsizetype end, QByteArray &out) {
        for (qsizetype i = begin; i < end; ++i) {
            if (i > 0)
                out += ",\n";
            appendIndented(out, item(i), indent);
        }
    };
    return writeInChunks(count, 512, render, write) && write(QByteArrayView(frame).sliced(lineEnd));
}

} // namespace poolproof
