#include "auditfromscan.h"

#include <QCoreApplication>

namespace poolproof::gui {

namespace {

class Texts
{
    Q_DECLARE_TR_FUNCTIONS(poolproof::gui::AuditFromScan)
};

} // namespace

AuditResult auditFromScan(const ScanResult &scan, const QString &root, const QString &profileId)
{
    AuditOptions options;
    options.root = root;
    options.profileId = profileId;
    AuditResult result = poolproof::auditFromScan(scan, options);
    // The profile comes from the window's selector, and the report should say so.
    result.profileReason = Texts::tr("chosen in the window's pooler selector");
    if (result.environments)
        result.environments->profileReason = result.profileReason;
    return result;
}

} // namespace poolproof::gui
