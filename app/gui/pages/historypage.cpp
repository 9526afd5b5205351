#include "historypage.h"

#include "history/historymodel.h"

#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace poolproof::gui {

namespace {

QTableView *makeTable(QWidget *parent, const QString &objectName, const QString &accessibleName)
{
    auto *view = new QTableView(parent);
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

} // namespace

HistoryPage::HistoryPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new HistoryModel(this))
    , m_changes(new ScanChangesModel(this))
    , m_summary(new QLabel(this))
    , m_changesTitle(new QLabel(tr("<b>Since the previous scan</b>"), this))
    , m_scansView(makeTable(this, QStringLiteral("historyScansView"), tr("Recorded scans")))
    , m_changesView(makeTable(this, QStringLiteral("historyChangesView"), tr("Changes since the previous scan")))
    , m_splitter(new QSplitter(Qt::Vertical, this))
{
    setObjectName(QStringLiteral("historyPage"));
    setAccessibleName(tr("History"));
    m_summary->setObjectName(QStringLiteral("historySummary"));
    m_summary->setAccessibleName(tr("Summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_scansView->setModel(m_model);
    // Counts are narrow: the table keeps to its columns rather than stretching the last one.
    m_scansView->horizontalHeader()->setStretchLastSection(false);
    m_changesView->setModel(m_changes);

    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(6, 6, 6, 0);
    topLayout->addWidget(m_summary);
    topLayout->addWidget(m_scansView, 1);
    auto *bottom = new QWidget(this);
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(6, 0, 6, 6);
    bottomLayout->addWidget(m_changesTitle);
    bottomLayout->addWidget(m_changesView, 1);
    m_splitter->setObjectName(QStringLiteral("historySplitter"));
    m_splitter->addWidget(top);
    m_splitter->addWidget(bottom);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({350, 450});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);
    setRoot(QString());
}

void HistoryPage::setRoot(const QString &root)
{
    if (root == m_root && !root.isEmpty())
        return;
    m_root = root;
    m_model->setRows({});
    m_changes->clear();
    m_summary->setText(root.isEmpty() ? tr("Open a folder: every complete scan of it is recorded here, so that each "
                                           "scan shows what is new and what was fixed.")
                                      : tr("Reading the history of %1…").arg(QDir::toNativeSeparators(root)));
}

void HistoryPage::setSnapshot(const HistorySnapshot &snapshot)
{
    m_model->setRows(snapshot.rows);
    if (snapshot.previous && snapshot.recorded)
        m_changes->setComparison(snapshot.comparison);
    else
        m_changes->clear();
    for (int column = 0; column < HistoryModel::ColumnCount; ++column) {
        m_scansView->resizeColumnToContents(column);
        // Room around the numbers, so that they do not touch the next column.
        if (column >= HistoryModel::FindingsColumn)
            m_scansView->setColumnWidth(column, m_scansView->columnWidth(column) + 16);
    }
    for (int column = 0; column < ScanChangesModel::MessageColumn; ++column)
        m_changesView->resizeColumnToContents(column);
    if (!m_model->rows().isEmpty())
        m_scansView->selectRow(0);

    QString text;
    if (!snapshot.error.isEmpty()) {
        text = tr("The history could not be used: %1").arg(snapshot.error);
    } else if (snapshot.recorded && snapshot.previous) {
        const HistoryEntry &previous = *snapshot.previous;
        const QString when = QLocale().toString(previous.date.toLocalTime(), QLocale::ShortFormat);
        // Whole sentences, with and without the commit: no fragment to translate on its own.
        text = previous.commit.isEmpty()
            ? tr("Compared with the scan of %1 · New: %2 · Fixed: %3").arg(when)
            : tr("Compared with the scan of %1 (commit %2) · New: %3 · Fixed: %4").arg(when, previous.commit.left(10));
        text = text.arg(snapshot.comparison.added.size()).arg(snapshot.comparison.fixed.size());
    } else if (snapshot.recorded) {
        text = tr("The first recorded scan of this folder with this pooler profile: the next scan will show what is "
                  "new and what was fixed.");
    } else {
        text = tr("Recorded scans of this folder: %1").arg(snapshot.rows.size());
    }
    m_summary->setText(text);
    m_changesTitle->setVisible(snapshot.recorded && snapshot.previous);
}

QString HistoryPage::summary() const
{
    return m_summary->text();
}

} // namespace poolproof::gui
