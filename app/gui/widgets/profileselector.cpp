#include "profileselector.h"

#include "rules/rulecatalog.h"

namespace poolproof::gui {

ProfileSelector::ProfileSelector(QWidget *parent)
    : QComboBox(parent)
{
    setObjectName(QStringLiteral("profileCombo"));
    setAccessibleName(tr("Pooler profile"));
    setToolTip(tr("The pooler (and version) the findings are graded for"));
    setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (const PoolerProfile &profile : RuleCatalog::builtin().profiles()) {
        addItem(RuleCatalog::translated(profile.name), profile.id);
        setItemData(count() - 1, RuleCatalog::translated(profile.description), Qt::ToolTipRole);
    }
    connect(this, &QComboBox::currentIndexChanged, this, [this] { Q_EMIT profileChosen(profileId()); });
}

QString ProfileSelector::profileId() const
{
    return currentData().toString();
}

void ProfileSelector::setProfileId(const QString &profileId)
{
    const QSignalBlocker blocker(this);
    setCurrentIndex(findData(profileId));
}

} // namespace poolproof::gui
