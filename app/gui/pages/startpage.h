#pragma once

#include <QWidget>

class QListWidget;
class QPushButton;

namespace poolproof::gui {

// What the window shows before a folder is open: open a folder, try the sample backend, or pick
// a recent folder. It only asks; the window does the opening.
class StartPage : public QWidget
{
    Q_OBJECT
public:
    explicit StartPage(QWidget *parent = nullptr);

    void setRecentFolders(const QStringList &folders);
    // Disables the sample button, with the reason, when no sample was found.
    void setSampleAvailable(bool available);

Q_SIGNALS:
    void openFolderRequested();
    void openSampleRequested();
    void recentFolderActivated(const QString &path);

private:
    QPushButton *m_openSample;
    QListWidget *m_recent;
    QWidget *m_recentBox;
};

} // namespace poolproof::gui
