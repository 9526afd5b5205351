#pragma once

#include <QMainWindow>

class QLabel;

namespace poolproof::gui {

class SourceView;

// The application window: menus, status bar, and the page shown in its centre.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    // Shows a file in the source view; reports failure in the status bar.
    bool openFile(const QString &path);
    SourceView *sourceView() const { return m_sourceView; }

private:
    void chooseFile();
    void setupMenus();

    SourceView *m_sourceView;
    QLabel *m_syntaxLabel;
};

} // namespace poolproof::gui
