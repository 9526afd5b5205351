#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace poolproof::gui {

// Asks for an environment's name and connection string. The string is shown masked below the
// field, as it will be remembered.
class AddEnvironmentDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AddEnvironmentDialog(QWidget *parent = nullptr);

    QString name() const;
    QString url() const;

private:
    void update();

    QLineEdit *m_name;
    QLineEdit *m_url;
    QLabel *m_preview;
    QDialogButtonBox *m_buttons;
};

} // namespace poolproof::gui
