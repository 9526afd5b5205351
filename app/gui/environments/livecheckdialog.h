#pragma once

#include "environmententry.h"
#include "live/livecheck.h"

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <memory>

class QCheckBox;
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
// disagrees with the files. The passwords typed here go to the check and, only when the user
// ticks it, to the system keychain.
class LiveCheckDialog : public QDialog
{
    Q_OBJECT
public:
    explicit LiveCheckDialog(const EnvironmentEntry &entry, QWidget *parent = nullptr);
    ~LiveCheckDialog() override;

    void setPassword(const QString &password);
    void setAdminCredentials(const QString &user, const QString &password);
    void setTimeoutSeconds(int seconds);
    // Ticked: an empty password is taken from the system keychain and one that logged in is kept
    // there; unticked: what was kept for this connection is removed. Remembered across runs.
    void setUseKeychain(bool use);
    void start();
    void cancel();
    bool isRunning() const { return m_watcher.isRunning(); }
    // The result shown, once a check has finished.
    const std::optional<poolproof::LiveCheckResult> &result() const { return m_result; }
    QString resultText() const;

Q_SIGNALS:
    void finished();

private:
    // What the keychain is asked around one check.
    struct KeychainRun {
        bool keep = false; // take missing passwords from it, keep those that log in
        bool forget = false; // the box was just unticked: remove what it kept
        poolproof::LiveCheckOptions options; // the check's, until it has finished
        QStringList notes; // translated, shown with the result
        QString error;
    };

    void finishKeychainRun(const poolproof::LiveCheckResult &result);
    void showResult(const poolproof::LiveCheckResult &result);
    void updateButtons();
    void updateCredentialHints();

    EnvironmentEntry m_entry;
    QLineEdit *m_password;
    QLineEdit *m_adminUser;
    QLineEdit *m_adminPassword;
    QSpinBox *m_timeout;
    QCheckBox *m_keychain;
    QLabel *m_note;
    QProgressBar *m_progress;
    QTextBrowser *m_output;
    QPushButton *m_checkButton;
    QPushButton *m_cancelButton;
    QDialogButtonBox *m_buttons;
    QFutureWatcher<poolproof::LiveCheckResult> m_watcher;
    KeychainRun m_keychainRun;
    std::shared_ptr<std::atomic<bool>> m_cancel;
    std::optional<poolproof::LiveCheckResult> m_result;
};

} // namespace poolproof::gui
