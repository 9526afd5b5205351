#pragma once

#include "scan/finding.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace poolproof {

class UrlAnalysis;
struct PoolerHint;

// The machine-readable form of one checked string, shared by the CLI, the GUI and the exports.
// States separately whether libpq accepts the string ("libpqAccepts", with libpq's own message
// when not) and whether the reading driver does; findings follow. Everything is masked.
QJsonObject urlAnalysisToJson(const UrlAnalysis &analysis, const PoolerHint &pooler);
QJsonObject urlFindingToJson(const Finding &finding);
QJsonArray urlFindingsToJson(const QList<Finding> &findings);

// "path:line:col: severity: message [PB520]", the way compilers report.
QString compilerStyleLine(const Finding &finding);

} // namespace poolproof
