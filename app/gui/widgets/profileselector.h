#pragma once

#include <QComboBox>

namespace poolproof::gui {

// The pooler profiles of the rule catalog, by their translated names, with each profile's
// description as its tooltip. Says when the user picks another one.
class ProfileSelector : public QComboBox
{
    Q_OBJECT
public:
    explicit ProfileSelector(QWidget *parent = nullptr);

    QString profileId() const;
    // Shows the profile without announcing it: the choice came from elsewhere.
    void setProfileId(const QString &profileId);

Q_SIGNALS:
    void profileChosen(const QString &profileId);
};

} // namespace poolproof::gui
