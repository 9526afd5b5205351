#pragma once

#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonValue>

#include <functional>

namespace poolproof {

// Writes QJsonDocument(document).toJson(QJsonDocument::Indented) byte for byte, but for one
// array whose only element is the string marker: that array gets count items instead, item(i)
// each, rendered on every core and handed to write in pieces as they are ready. A large report is
// never held whole, neither as text nor as a QJsonObject. Stops at the first piece write refuses
// and returns false.
bool writeIndentedJson(const QJsonObject &document, const QString &marker, qsizetype count,
                       const std::function<QJsonValue(qsizetype)> &item,
                       const std::function<bool(QByteArrayView)> &write);

} // namespace poolproof
