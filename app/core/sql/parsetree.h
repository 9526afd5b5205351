#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <functional>

namespace poolproof::parsetree {

// libpg_query's JSON wraps every node as {"NodeName": {...fields}}.
QString nodeName(const QJsonObject &node);
QJsonObject nodeBody(const QJsonObject &node);

// The text of a String node ({"String": {"sval": "..."}}), empty for anything else.
QString stringValue(const QJsonValue &value);
// A dotted name from a list of String nodes, e.g. funcname ["pg_catalog", "pg_advisory_lock"].
QString qualifiedName(const QJsonValue &list);
// The last part of such a name, lower case: how functions are matched whatever the schema.
QString unqualifiedName(const QJsonValue &list);

// Calls visit(name, body) for every node below value, depth first, the node itself included.
void walk(const QJsonValue &value, const std::function<void(const QString &, const QJsonObject &)> &visit);

} // namespace poolproof::parsetree
