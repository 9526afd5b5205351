#pragma once

#include "environments/environmententry.h"

#include <QWidget>

#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSplitter;
class QTableView;
class QTextBrowser;
class QTimer;

namespace poolproof::gui {

class EnvironmentsFilterProxy;
class EnvironmentsModel;

// The repository's environments and the ones the user added, one row per connection setting
// with its masked string, verdict and issue count. Selecting a row shows its issues and
// parameters; editing its string re-checks it as the user types. Nothing is written back to the
// repository; added environments are remembered per folder without their passwords.
class EnvironmentsPage : public QWidget
{
    Q_OBJECT
public:
    explicit EnvironmentsPage(QWidget *parent = nullptr);

    // The folder changed: forget the entries, load the environments added for it.
    void setRoot(const QString &root);
    // An audit of the folder arrived (or failed, with the reason).
    void setAudit(const std::optional<poolproof::EnvironmentAudit> &audit, const QString &error = {});

    // Adds an environment and selects it; false (with the reason in the status) for an empty name
    // or string.
    bool addEnvironment(const QString &name, const QString &url);
    void removeSelectedEnvironment();
    // Selects the row of an entry of the model (source row); false when it is filtered out.
    bool selectEntry(int sourceRow);
    int currentEntryRow() const; // source row, -1 when none

    EnvironmentsModel *model() const { return m_model; }
    EnvironmentsFilterProxy *proxy() const { return m_proxy; }
    QTableView *view() const { return m_view; }
    QLineEdit *urlEdit() const { return m_urlEdit; }
    QTextBrowser *details() const { return m_details; }

    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

Q_SIGNALS:
    void statusMessage(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    QWidget *createToolbar();
    QWidget *createEditor();
    void chooseEnvironmentToAdd();
    void openLiveCheck();
    void showCurrentEntry();
    void applyEdit();
    void revertEdit();
    void storeAddedEnvironments();
    void updateSummary();
    void resizeColumns();

    EnvironmentsModel *m_model;
    EnvironmentsFilterProxy *m_proxy;
    QTableView *m_view;
    QLineEdit *m_filter;
    QCheckBox *m_problemsOnly;
    QPushButton *m_addButton;
    QPushButton *m_removeButton;
    QPushButton *m_liveCheckButton;
    QLabel *m_summary;
    QLineEdit *m_urlEdit;
    QPushButton *m_revertButton;
    QTextBrowser *m_details;
    QSplitter *m_splitter;
    QTimer *m_editTimer;
    QString m_root;
    std::optional<poolproof::EnvironmentAudit> m_audit;
    QString m_auditError;
    QList<EnvironmentEntry> m_original; // the entries as the audit checked them, for Revert
};

} // namespace poolproof::gui
