#include "environmentspage.h"

#include "environments/addedenvironments.h"
#include "environments/addenvironmentdialog.h"
#include "environments/environmentdetailshtml.h"
#include "environments/environmentsfilterproxy.h"
#include "environments/environmentsmodel.h"
#include "environments/livecheck.h"
#include "rules/rulecatalog.h"

#include <QCheckBox>
#include <QDataStream>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace poolproof::gui {

namespace {

constexpr quint32 stateVersion = 1;
// Long enough not to re-check on every key of a fast typist, short enough to feel immediate.
constexpr int recheckDelayMs = 150;

} // namespace

EnvironmentsPage::EnvironmentsPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new EnvironmentsModel(this))
    , m_proxy(new EnvironmentsFilterProxy(this))
    , m_view(new QTableView(this))
    , m_filter(new QLineEdit(this))
    , m_problemsOnly(new QCheckBox(tr("&Problems only"), this))
    , m_addButton(new QPushButton(tr("&Add Environment…"), this))
    , m_removeButton(new QPushButton(tr("&Remove"), this))
    , m_liveCheckButton(new QPushButton(tr("Check &Live…"), this))
    , m_summary(new QLabel(this))
    , m_urlEdit(new QLineEdit(this))
    , m_revertButton(new QPushButton(tr("Re&vert"), this))
    , m_details(new QTextBrowser(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_editTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("environmentsPage"));
    setAccessibleName(tr("Environments"));
    m_proxy->setSourceModel(m_model);

    m_view->setObjectName(QStringLiteral("environmentsView"));
    m_view->setAccessibleName(tr("Environments"));
    m_view->setModel(m_proxy);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(-1, Qt::AscendingOrder); // the audit's order until a header is clicked
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideMiddle);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(false);
    m_view->horizontalHeader()->setSectionResizeMode(EnvironmentsModel::UrlColumn, QHeaderView::Stretch);

    m_summary->setObjectName(QStringLiteral("environmentsSummary"));
    m_summary->setAccessibleName(tr("Summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_details->setObjectName(QStringLiteral("environmentDetails"));
    m_details->setAccessibleName(tr("Environment details"));
    m_details->setOpenLinks(false);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(6, 6, 6, 0);
    topLayout->setSpacing(4);
    topLayout->addWidget(createToolbar());
    topLayout->addWidget(m_summary);
    topLayout->addWidget(m_view, 1);

    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(6, 0, 6, 6);
    bottomLayout->setSpacing(4);
    bottomLayout->addWidget(createEditor());
    bottomLayout->addWidget(m_details, 1);

    m_splitter->setObjectName(QStringLiteral("environmentsSplitter"));
    m_splitter->addWidget(top);
    m_splitter->addWidget(bottom);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setSizes({320, 480});
    m_splitter->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    m_editTimer->setSingleShot(true);
    m_editTimer->setInterval(recheckDelayMs);
    connect(m_editTimer, &QTimer::timeout, this, &EnvironmentsPage::applyEdit);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &EnvironmentsPage::showCurrentEntry);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &EnvironmentsPage::updateSummary);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &EnvironmentsPage::updateSummary);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &EnvironmentsPage::updateSummary);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &EnvironmentsPage::updateSummary);
    showCurrentEntry();
    updateSummary();
}

QWidget *EnvironmentsPage::createToolbar()
{
    auto *bar = new QWidget(this);
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    m_filter->setObjectName(QStringLiteral("environmentsFilter"));
    m_filter->setAccessibleName(tr("Filter environments"));
    m_filter->setPlaceholderText(tr("Filter by environment, setting, file or host…"));
    m_filter->setClearButtonEnabled(true);
    m_problemsOnly->setObjectName(QStringLiteral("problemsOnlyCheck"));
    m_problemsOnly->setToolTip(tr("Show only settings with a warning or an error"));
    m_addButton->setObjectName(QStringLiteral("addEnvironmentButton"));
    m_addButton->setToolTip(tr("Check a connection string that is not in the repository, e.g. from a deployment"));
    m_removeButton->setObjectName(QStringLiteral("removeEnvironmentButton"));
    m_removeButton->setToolTip(tr("Forget the selected environment you added"));
    m_liveCheckButton->setObjectName(QStringLiteral("liveCheckButton"));
    m_liveCheckButton->setToolTip(tr("Connect to the database or pooler and compare what it says with the files"));
    layout->addWidget(m_filter, 1);
    layout->addWidget(m_problemsOnly);
    layout->addSpacing(12);
    layout->addWidget(m_addButton);
    layout->addWidget(m_removeButton);
    layout->addWidget(m_liveCheckButton);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &EnvironmentsFilterProxy::setTextFilter);
    connect(m_problemsOnly, &QCheckBox::toggled, m_proxy, &EnvironmentsFilterProxy::setProblemsOnly);
    connect(m_addButton, &QPushButton::clicked, this, &EnvironmentsPage::chooseEnvironmentToAdd);
    connect(m_removeButton, &QPushButton::clicked, this, &EnvironmentsPage::removeSelectedEnvironment);
    connect(m_liveCheckButton, &QPushButton::clicked, this, &EnvironmentsPage::openLiveCheck);
    m_liveCheckButton->setVisible(liveCheckAvailable());
    return bar;
}

QWidget *EnvironmentsPage::createEditor()
{
    auto *editor = new QWidget(this);
    auto *layout = new QVBoxLayout(editor);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *row = new QHBoxLayout;
    auto *label = new QLabel(tr("&Connection string:"), editor);
    label->setBuddy(m_urlEdit);
    m_urlEdit->setObjectName(QStringLiteral("environmentUrlEditor"));
    m_urlEdit->setAccessibleName(tr("Connection string of the selected setting"));
    m_urlEdit->setClearButtonEnabled(true);
    m_revertButton->setObjectName(QStringLiteral("revertEnvironmentButton"));
    m_revertButton->setToolTip(tr("Back to the string in the repository"));
    row->addWidget(label);
    row->addWidget(m_urlEdit, 1);
    row->addWidget(m_revertButton);
    auto *note = new QLabel(tr("Checked as you type. Passwords show as ****; edits stay in this window and never "
                               "change the repository. Environments you add are remembered for this folder without "
                               "their passwords."),
                            editor);
    note->setObjectName(QStringLiteral("environmentEditNote"));
    note->setWordWrap(true);
    QFont small = note->font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    note->setFont(small);
    note->setForegroundRole(QPalette::PlaceholderText);
    layout->addLayout(row);
    layout->addWidget(note);
    connect(m_urlEdit, &QLineEdit::textEdited, m_editTimer, qOverload<>(&QTimer::start));
    connect(m_urlEdit, &QLineEdit::editingFinished, this, [this] {
        if (m_editTimer->isActive()) {
            m_editTimer->stop();
            applyEdit();
        }
    });
    connect(m_revertButton, &QPushButton::clicked, this, &EnvironmentsPage::revertEdit);
    return editor;
}

void EnvironmentsPage::setRoot(const QString &root)
{
    if (root == m_root)
        return;
    m_root = root;
    m_audit.reset();
    m_auditError.clear();
    m_original.clear();
    QList<EnvironmentEntry> entries;
    for (const AddedEnvironment &added : AddedEnvironments::load(root))
        entries.append(userEntry(added.name, added.maskedUrl, nullptr));
    m_model->setEntries(entries);
    resizeColumns();
}

void EnvironmentsPage::setAudit(const std::optional<EnvironmentAudit> &audit, const QString &error)
{
    m_audit = audit;
    m_auditError = error;
    const int current = currentEntryRow();
    m_original = audit ? entriesFromAudit(*audit) : QList<EnvironmentEntry>();
    QList<EnvironmentEntry> entries = m_original;
    // The added environments are checked again in the audit's context (its profile and poolers).
    for (const AddedEnvironment &added : AddedEnvironments::load(m_root))
        entries.append(userEntry(added.name, added.maskedUrl, m_audit ? &*m_audit : nullptr));
    m_model->setEntries(entries);
    resizeColumns();
    if (!selectEntry(current < 0 ? 0 : qMin(current, int(entries.size()) - 1)))
        showCurrentEntry();
    updateSummary();
}

bool EnvironmentsPage::addEnvironment(const QString &name, const QString &url)
{
    if (name.trimmed().isEmpty() || url.trimmed().isEmpty()) {
        Q_EMIT statusMessage(tr("An environment needs a name and a connection string."));
        return false;
    }
    m_model->appendEntry(userEntry(name, url.trimmed(), m_audit ? &*m_audit : nullptr));
    storeAddedEnvironments();
    m_filter->clear();
    m_problemsOnly->setChecked(false);
    selectEntry(m_model->rowCount() - 1);
    Q_EMIT statusMessage(tr("Added %1; remembered for this folder without its password.").arg(name.trimmed()));
    return true;
}

void EnvironmentsPage::removeSelectedEnvironment()
{
    const int row = currentEntryRow();
    if (row < 0 || !m_model->entries().at(row).userAdded)
        return;
    m_model->removeEntry(row);
    storeAddedEnvironments();
    showCurrentEntry();
}

void EnvironmentsPage::openLiveCheck()
{
    const int row = currentEntryRow();
    if (row >= 0)
        openLiveCheckDialog(m_model->entries().at(row), this);
}

void EnvironmentsPage::chooseEnvironmentToAdd()
{
    AddEnvironmentDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        addEnvironment(dialog.name(), dialog.url());
}

bool EnvironmentsPage::selectEntry(int sourceRow)
{
    if (sourceRow < 0 || sourceRow >= m_model->rowCount())
        return false;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(sourceRow, 0));
    if (!index.isValid())
        return false;
    m_view->setCurrentIndex(index);
    m_view->scrollTo(index);
    return true;
}

int EnvironmentsPage::currentEntryRow() const
{
    const QModelIndex index = m_proxy->mapToSource(m_view->currentIndex());
    return index.isValid() ? index.row() : -1;
}

void EnvironmentsPage::showCurrentEntry()
{
    // A pending edit belongs to the row that was current when it was typed.
    m_editTimer->stop();
    const int row = currentEntryRow();
    const EnvironmentEntry *entry = row >= 0 ? &m_model->entries().at(row) : nullptr;
    m_urlEdit->setEnabled(entry);
    m_removeButton->setEnabled(entry && entry->userAdded);
    m_revertButton->setEnabled(entry && entry->edited);
    m_liveCheckButton->setEnabled(entry && entry->checked);
    m_urlEdit->setProperty("entryRow", row);
    if (!entry) {
        m_urlEdit->clear();
        m_urlEdit->setPlaceholderText(QString());
        m_details->setHtml(u"<p>" + tr("Select a setting to see its issues and parameters.").toHtmlEscaped() + u"</p>");
        return;
    }
    m_urlEdit->setText(entry->text);
    m_urlEdit->setPlaceholderText(
        entry->url.state == ValueState::DefinedElsewhere
            ? tr("Defined elsewhere (%1): type the value to check it").arg(entry->url.reference)
            : tr("Type a connection string to check it"));
    m_details->setHtml(environmentDetailsHtml(*entry, palette()));
}

void EnvironmentsPage::applyEdit()
{
    const int row = m_urlEdit->property("entryRow").toInt();
    if (row < 0 || row >= m_model->rowCount())
        return;
    EnvironmentEntry entry = m_model->entries().at(row);
    const QString text = m_urlEdit->text();
    if (text == entry.text)
        return;
    recheckEntry(entry, text);
    m_model->updateEntry(row, entry);
    if (entry.userAdded)
        storeAddedEnvironments();
    m_revertButton->setEnabled(entry.edited);
    m_details->setHtml(environmentDetailsHtml(entry, palette()));
}

void EnvironmentsPage::revertEdit()
{
    const int row = currentEntryRow();
    if (row < 0 || row >= m_original.size())
        return;
    m_model->updateEntry(row, m_original.at(row));
    showCurrentEntry();
}

void EnvironmentsPage::storeAddedEnvironments()
{
    if (m_root.isEmpty())
        return;
    QList<AddedEnvironment> added;
    for (const EnvironmentEntry &entry : m_model->entries()) {
        if (entry.userAdded)
            added.append({entry.environment, entry.maskedText()});
    }
    AddedEnvironments::save(m_root, added);
}

void EnvironmentsPage::updateSummary()
{
    if (m_root.isEmpty()) {
        m_summary->setText(tr("Open a folder to see its environments."));
        return;
    }
    if (!m_audit && !m_auditError.isEmpty()) {
        m_summary->setText(tr("The environments could not be read: %1").arg(m_auditError));
        return;
    }
    QStringList environments;
    int errors = 0;
    int warnings = 0;
    int infos = 0;
    for (const EnvironmentEntry &entry : m_model->entries()) {
        if (!environments.contains(entry.environment))
            environments << entry.environment;
        errors += entry.verdict() == Severity::Error;
        warnings += entry.verdict() == Severity::Warning;
        infos += entry.verdict() == Severity::Info;
    }
    QStringList parts;
    if (m_audit) {
        const PoolerProfile *profile = RuleCatalog::builtin().profile(m_audit->profileId);
        parts << tr("Pooler profile: %1 (%2)")
                     .arg(profile ? RuleCatalog::translated(profile->name) : m_audit->profileId,
                          m_audit->profileReason);
    } else {
        parts << tr("Reading the environments…");
    }
    // Label and number, as on the findings page: no plural forms to get wrong.
    parts << tr("Environments: %1").arg(environments.size()) << tr("Settings: %1").arg(m_model->rowCount())
          << tr("Errors: %1").arg(errors) << tr("Warnings: %1").arg(warnings) << tr("Info: %1").arg(infos);
    m_summary->setText(parts.join(QStringLiteral(" · ")));
}

void EnvironmentsPage::resizeColumns()
{
    QHeaderView *header = m_view->horizontalHeader();
    for (int column = 0; column < EnvironmentsModel::ColumnCount; ++column) {
        if (column != EnvironmentsModel::UrlColumn)
            m_view->resizeColumnToContents(column);
    }
    header->resizeSection(EnvironmentsModel::SettingColumn,
                          qMin(header->sectionSize(EnvironmentsModel::SettingColumn), 260));
}

QByteArray EnvironmentsPage::saveState() const
{
    QByteArray state;
    QDataStream stream(&state, QIODevice::WriteOnly);
    stream << stateVersion << m_splitter->saveState() << m_problemsOnly->isChecked();
    return state;
}

void EnvironmentsPage::restoreState(const QByteArray &state)
{
    QDataStream stream(state);
    quint32 version = 0;
    QByteArray splitter;
    bool problemsOnly = false;
    stream >> version >> splitter >> problemsOnly;
    if (stream.status() != QDataStream::Ok || version != stateVersion)
        return;
    m_splitter->restoreState(splitter);
    m_problemsOnly->setChecked(problemsOnly);
}

void EnvironmentsPage::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // The details' colours follow the palette (light or dark).
    if (event->type() == QEvent::PaletteChange)
        showCurrentEntry();
}

} // namespace poolproof::gui
