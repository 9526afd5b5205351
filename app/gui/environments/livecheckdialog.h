#pragma once

#include "environmententry.h"
#include "live/livecheck.h"

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <memory>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTextBrowser;

namespace poolproof::gui {

// Connects to the database or pooler of one environment setting and shows what it found:
// reachability, TLS, server version, round trip, the pooler's configuration and where it
// disagrees with the files. The passwords typed here go to the check and nowhere else.
class LiveCheckDialog : public QDialog
{
    Q_OBJECT
public:
    explicit LiveCheckDialog(const EnvironmentEntry &entry, QWidget *parent = nullptr);
    ~LiveCheckDialog() override;

    void setPassword(const QString &password);
    void setAdminCredentials(const QString &user, const QString &password);
    void setTimeoutSeconds(int seconds);
    void start();
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }
    // The result shown, once a check has finished.
    const std::optional<poolproof::LiveCheckResult> &result() const { return m_result; }
    QString resultText() const;

Q_SIGNALS:
    void finished();

private:
    void showResult(const poolproof::LiveCheckResult &result);
    void updateButtons();

    EnvironmentEntry m_entry;
    QLineEdit *m_password;
    QLineEdit *m_adminUser;
    QLineEdit *m_adminPassword;
    QSpinBox *m_timeout;
    QProgressBar *m_progress;
    QTextBrowser *m_output;
    QPushButton *m_checkButton;
    QPushButton *m_cancelButton;
    QDialogButtonBox *m_buttons;
    QFutureWatcher<poolproof::LiveCheckResult> m_watcher;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::optional<poolproof::LiveCheckResult> m_result;
};

} // namespace poolproof::gui
