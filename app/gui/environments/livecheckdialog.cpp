#include "livecheckdialog.h"

#include "findings/severitystyle.h"
#include "live/livesecrets.h"
#include "live/secretstore.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTextBrowser>
#include <QVBoxLayout>
#include <QtConcurrentRun>

namespace poolproof::gui {

namespace {

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString row(const QString &name, const QString &value)
{
    return u"<tr><td style=\"padding-right:16px\"><b>" + escaped(name) + u"</b></td><td>" + escaped(value)
        + u"</td></tr>";
}

QString milliseconds(double ms)
{
    return LiveCheckDialog::tr("%1 ms").arg(QLocale().toString(ms, 'f', 1));
}

// The pooler settings that matter for transaction pooling, in this order, when the admin console answered.
const QStringList &interestingSettings()
{
    static const QStringList keys {QStringLiteral("pool_mode"),
                                   QStringLiteral("max_prepared_statements"),
                                   QStringLiteral("default_pool_size"),
                                   QStringLiteral("max_client_conn"),
                                   QStringLiteral("max_db_connections"),
                                   QStringLiteral("server_reset_query"),
                                   QStringLiteral("ignore_startup_parameters"),
                                   QStringLiteral("track_extra_parameters"),
                                   QStringLiteral("client_tls_sslmode"),
                                   QStringLiteral("server_tls_sslmode")};
    return keys;
}

} // namespace

LiveCheckDialog::LiveCheckDialog(const EnvironmentEntry &entry, QWidget *parent)
    : QDialog(parent)
    , m_entry(entry)
    , m_password(new QLineEdit(this))
    , m_adminUser(new QLineEdit(this))
    , m_adminPassword(new QLineEdit(this))
    , m_timeout(new QSpinBox(this))
    , m_keychain(new QCheckBox(tr("&Keep passwords in the system keychain"), this))
    , m_note(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_output(new QTextBrowser(this))
    , m_checkButton(new QPushButton(tr("&Check"), this))
    , m_cancelButton(new QPushButton(tr("&Stop"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Close, this))
{
    setObjectName(QStringLiteral("liveCheckDialog"));
    setWindowTitle(tr("Live Check: %1 · %2").arg(entry.environment, entry.url.key));
    resize(720, 560);
    m_password->setObjectName(QStringLiteral("livePasswordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_adminUser->setObjectName(QStringLiteral("liveAdminUserEdit"));
    m_adminUser->setAccessibleName(tr("Pooler admin user"));
    m_adminUser->setPlaceholderText(tr("optional: a PgBouncer admin_users or stats_users entry"));
    m_adminPassword->setObjectName(QStringLiteral("liveAdminPasswordEdit"));
    m_adminPassword->setEchoMode(QLineEdit::Password);
    m_adminPassword->setAccessibleName(tr("Pooler admin password"));
    m_timeout->setObjectName(QStringLiteral("liveTimeoutSpin"));
    m_timeout->setRange(2, 60);
    m_timeout->setValue(5);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setAccessibleName(tr("Connect timeout"));
    m_keychain->setObjectName(QStringLiteral("liveKeychainCheck"));
    m_keychain->setToolTip(tr("Ticked: a password left empty is taken from the system keychain, and a password "
                              "that logged in is kept there. Unticked: PoolProof removes what it kept there for "
                              "this connection."));
    m_keychain->setEnabled(SecretStore::isAvailable());
    m_keychain->setChecked(SecretStore::isAvailable()
                           && QSettings().value(QStringLiteral("live/useKeychain"), false).toBool());
    m_note->setObjectName(QStringLiteral("liveCredentialsNote"));
    m_note->setWordWrap(true);
    m_progress->setObjectName(QStringLiteral("liveProgress"));
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_output->setObjectName(QStringLiteral("liveOutput"));
    m_output->setAccessibleName(tr("Live check result"));
    m_checkButton->setObjectName(QStringLiteral("liveCheckStartButton"));
    m_checkButton->setDefault(true);
    m_cancelButton->setObjectName(QStringLiteral("liveCheckStopButton"));

    auto *target = new QLabel(u"<code>" + escaped(entry.maskedText()) + u"</code>", this);
    target->setObjectName(QStringLiteral("liveTarget"));
    target->setWordWrap(true);
    target->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *form = new QFormLayout;
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("&Admin user:"), m_adminUser);
    form->addRow(tr("Admin pass&word:"), m_adminPassword);
    form->addRow(tr("&Timeout:"), m_timeout);
    form->addRow(QString(), m_keychain);
    m_buttons->addButton(m_checkButton, QDialogButtonBox::ActionRole);
    m_buttons->addButton(m_cancelButton, QDialogButtonBox::ActionRole);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(target);
    layout->addLayout(form);
    layout->addWidget(m_note);
    layout->addWidget(m_progress);
    layout->addWidget(m_output, 1);
    layout->addWidget(m_buttons);

    connect(m_checkButton, &QPushButton::clicked, this, &LiveCheckDialog::start);
    connect(m_cancelButton, &QPushButton::clicked, this, &LiveCheckDialog::cancel);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_keychain, &QCheckBox::toggled, this, &LiveCheckDialog::updateCredentialHints);
    connect(&m_watcher, &QFutureWatcher<LiveCheckResult>::finished, this, [this] {
        m_progress->hide();
        const LiveCheckResult result = m_watcher.result();
        finishKeychainRun(result);
        showResult(result);
        updateButtons();
        Q_EMIT finished();
    });
    m_output->setHtml(u"<p>"
                      + escaped(tr("Type the password and press Check. With an admin user, PoolProof also reads "
                                   "the pooler's configuration and compares it with the files."))
                      + u"</p>");
    updateCredentialHints();
    updateButtons();
}

void LiveCheckDialog::setUseKeychain(bool use)
{
    m_keychain->setChecked(use && SecretStore::isAvailable());
}

void LiveCheckDialog::updateCredentialHints()
{
    const bool keychain = m_keychain->isChecked();
    m_password->setPlaceholderText(keychain ? tr("empty: the password kept in the system keychain")
                                            : tr("the database user's password (not stored)"));
    m_note->setText(keychain ? tr("PoolProof connects with these credentials and keeps the passwords that log in "
                                  "in the system keychain, nowhere else.")
                             : tr("PoolProof connects with these credentials for this check only and never stores "
                                  "them."));
}

LiveCheckDialog::~LiveCheckDialog()
{
    cancel();
    m_watcher.waitForFinished();
}

void LiveCheckDialog::setPassword(const QString &password)
{
    m_password->setText(password);
}

void LiveCheckDialog::setAdminCredentials(const QString &user, const QString &password)
{
    m_adminUser->setText(user);
    m_adminPassword->setText(password);
}

void LiveCheckDialog::setTimeoutSeconds(int seconds)
{
    m_timeout->setValue(seconds);
}

void LiveCheckDialog::start()
{
    if (m_watcher.isRunning())
        return;
    LiveCheckOptions options;
    options.url = m_entry.textForChecking();
    options.environment = m_entry.environment;
    options.password = m_password->text();
    options.adminUser = m_adminUser->text().trimmed();
    options.adminPassword = m_adminPassword->text();
    options.connectTimeoutSeconds = m_timeout->value();
    m_cancel = std::make_shared<std::atomic<bool>>(false);
    const std::shared_ptr<std::atomic<bool>> cancelFlag = m_cancel;
    m_result.reset();
    m_progress->show();
    m_output->setHtml(u"<p>" + escaped(tr("Connecting to %1…").arg(m_entry.maskedText())) + u"</p>");
    // The keychain is asked here, on the GUI thread: QtKeychain runs its jobs through one object
    // living in the application's thread. Its answers come quickly; each waits in a local loop.
    m_keychainRun = {};
    m_keychainRun.keep = m_keychain->isChecked();
    // Unticking the box is the way to forget: only then is the keychain asked to remove anything.
    QSettings settings;
    m_keychainRun.forget = !m_keychainRun.keep && settings.value(QStringLiteral("live/useKeychain"), false).toBool();
    settings.setValue(QStringLiteral("live/useKeychain"), m_keychainRun.keep);
    if (m_keychainRun.keep) {
        const KeychainUse use = takePasswordsFromKeychain(&options);
        if (use.passwordFromKeychain)
            m_keychainRun.notes << tr("The password came from the system keychain.");
        if (use.adminPasswordFromKeychain)
            m_keychainRun.notes << tr("The admin console password came from the system keychain.");
        m_keychainRun.error = use.error;
    }
    m_keychainRun.options = options;
    m_watcher.setFuture(QtConcurrent::run([options, cancelFlag] { return runLiveCheck(options, cancelFlag.get()); }));
    updateButtons();
}

void LiveCheckDialog::cancel()
{
    if (m_cancel)
        m_cancel->store(true);
}

void LiveCheckDialog::updateButtons()
{
    const bool running = m_watcher.isRunning();
    m_checkButton->setEnabled(!running);
    m_cancelButton->setEnabled(running);
}

QString LiveCheckDialog::resultText() const
{
    return m_output->toPlainText();
}

void LiveCheckDialog::finishKeychainRun(const LiveCheckResult &result)
{
    QString &error = m_keychainRun.error;
    if (m_keychainRun.keep && error.isEmpty()) {
        for (const QString &what : keepPasswordsInKeychain(m_keychainRun.options, result, &error))
            m_keychainRun.notes << tr("Kept in the system keychain: %1.").arg(what);
    } else if (m_keychainRun.forget && forgetPasswordsInKeychain(m_keychainRun.options, &error)) {
        m_keychainRun.notes << tr("Removed what the system keychain kept for this connection.");
    }
    if (!error.isEmpty())
        m_keychainRun.notes << tr("The system keychain could not be used: %1").arg(error);
    m_keychainRun.options = {}; // the passwords are not kept past the check
}

void LiveCheckDialog::showResult(const LiveCheckResult &result)
{
    m_result = result;
    const Severity verdict = result.verdict();
    QString html = u"<h3 style=\"color:" + SeverityStyle::color(verdict, palette()).name() + u"\">"
        + escaped(result.connected ? tr("Connected: %1").arg(SeverityStyle::name(verdict))
                                   : tr("Not connected (%1)").arg(liveFailureId(result.failure)))
        + u"</h3>";
    if (!result.error.isEmpty())
        html += u"<p>" + escaped(result.error) + u"</p>";
    html += u"<table>";
    html += row(tr("Target"), result.maskedUrl);
    html += row(tr("Reachable"),
                result.reachable ? tr("yes, something answers at %1:%2").arg(result.host, result.port) : tr("no"));
    if (result.connected) {
        html += row(tr("TLS"), result.tls ? (result.tlsProtocol.isEmpty() ? tr("on") : result.tlsProtocol) : tr("off"));
        html += row(tr("Server version"), result.serverVersion);
        if (result.serverPort > 0)
            html += row(tr("PostgreSQL's own port"), QString::number(result.serverPort));
        html += row(tr("Connect time"), milliseconds(result.connectMs));
        html += row(tr("Round trip"), milliseconds(result.roundTripMs));
    }
    if (result.pooler) {
        const PoolerInfo &pooler = *result.pooler;
        html += row(tr("Pooler"), pooler.versionText.isEmpty() ? pooler.software : pooler.versionText);
        if (!pooler.detectedBy.isEmpty())
            html += row(tr("Recognised by"), pooler.detectedBy);
        html += row(tr("Admin console"), pooler.adminAccess ? tr("answered") : tr("not used"));
        for (const QString &key : interestingSettings()) {
            if (pooler.hasSetting(key))
                html += row(key, pooler.setting(key));
        }
    }
    if (!result.effectivePoolMode.isEmpty())
        html += row(tr("Pool mode for this database"), result.effectivePoolMode);
    if (!result.effectiveProfileId.isEmpty())
        html += row(tr("Matching pooler profile"), result.effectiveProfileId);
    html += u"</table>";
    html += u"<h3>" + escaped(tr("Mismatches with the files")) + u"</h3>";
    if (result.mismatches.isEmpty())
        html += u"<p>" + escaped(result.connected ? tr("None.") : tr("Not compared: no connection.")) + u"</p>";
    for (const Finding &finding : result.mismatches) {
        html += u"<p><span style=\"color:" + SeverityStyle::color(finding.severity, palette()).name() + u"\"><b>"
            + escaped(SeverityStyle::name(finding.severity)) + u"</b></span> <b>" + escaped(finding.ruleId) + u"</b> "
            + escaped(finding.message);
        if (!finding.fix.isEmpty())
            html += u"<br><i>" + escaped(tr("Fix:")) + u"</i> " + escaped(finding.fix);
        html += u"</p>";
    }
    if (!result.notChecked.isEmpty()) {
        html += u"<h3>" + escaped(tr("Not checked")) + u"</h3><ul>";
        for (const QString &reason : result.notChecked)
            html += u"<li>" + escaped(reason) + u"</li>";
        html += u"</ul>";
    }
    if (!m_keychainRun.notes.isEmpty()) {
        html += u"<h3>" + escaped(tr("System keychain")) + u"</h3><ul>";
        for (const QString &note : std::as_const(m_keychainRun.notes))
            html += u"<li>" + escaped(note) + u"</li>";
        html += u"</ul>";
    }
    if (!result.leftBehind.isEmpty()) {
        html += u"<h3>" + escaped(tr("Left behind on the server")) + u"</h3><ul>";
        for (const QString &note : result.leftBehind)
            html += u"<li>" + escaped(note) + u"</li>";
        html += u"</ul>";
    }
    m_output->setHtml(html);
}

} // namespace poolproof::gui
