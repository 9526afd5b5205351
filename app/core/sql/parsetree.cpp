#include "parsetree.h"

#include <QJsonArray>

namespace poolproof::parsetree {

QString nodeName(const QJsonObject &node)
{
    return node.size() == 1 ? node.constBegin().key() : QString();
}

QJsonObject nodeBody(const QJsonObject &node)
{
    return node.size() == 1 ? node.constBegin().value().toObject() : QJsonObject();
}

QString stringValue(const QJsonValue &value)
{
    const QJsonObject node = value.toObject();
    if (nodeName(node) != u"String")
        return {};
    return nodeBody(node).value(u"sval").toString();
}

QString qualifiedName(const QJsonValue &list)
{
    QStringList parts;
    const QJsonArray array = list.toArray();
    for (const QJsonValue &part : array)
        parts << stringValue(part);
    return parts.join(u'.');
}

QString unqualifiedName(const QJsonValue &list)
{
    const QJsonArray array = list.toArray();
    return array.isEmpty() ? QString() : stringValue(array.last()).toLower();
}

void walk(const QJsonValue &value, const std::function<void(const QString &, const QJsonObject &)> &visit)
{
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array)
            walk(item, visit);
        return;
    }
    if (!value.isObject())
        return;
    const QJsonObject object = value.toObject();
    // A node is an object with one key that starts with a capital letter; any other object is a body.
    if (object.size() == 1 && object.constBegin().key().front().isUpper() && object.constBegin().value().isObject()) {
        visit(object.constBegin().key(), object.constBegin().value().toObject());
        walk(object.constBegin().value(), visit);
        return;
    }
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        walk(it.value(), visit);
}

} // namespace poolproof::parsetree
