#pragma once

#include <QDialog>

class QComboBox;

namespace poolproof::gui {

// Preferences that need a restart to take effect: for now the language of the interface.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    QString language() const; // "", "en" or "de"
    void setLanguage(const QString &language);
    // Stores the choices (on OK).
    void apply();

private:
    QComboBox *m_language;
};

} // namespace poolproof::gui
