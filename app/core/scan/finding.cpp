#include "finding.h"

namespace poolproof {

QString severityId(Severity severity)
{
    switch (severity) {
    case Severity::Ok: return QStringLiteral("ok");
    case Severity::Info: return QStringLiteral("info");
    case Severity::Warning: return QStringLiteral("warning");
    case Severity::Error: return QStringLiteral("error");
    }
    return {};
}

std::optional<Severity> severityFromId(QStringView id)
{
    if (id == u"ok")
        return Severity::Ok;
    if (id == u"info" || id == u"note")
        return Severity::Info;
    if (id == u"warning")
        return Severity::Warning;
    if (id == u"error")
        return Severity::Error;
    return std::nullopt;
}

QString confidenceId(Confidence confidence)
{
    switch (confidence) {
    case Confidence::Low: return QStringLiteral("low");
    case Confidence::Medium: return QStringLiteral("medium");
    case Confidence::High: return QStringLiteral("high");
    }
    return {};
}

} // namespace poolproof
