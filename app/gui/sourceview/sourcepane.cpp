#include "sourcepane.h"

#include "noticebar.h"
#include "sourcefile.h"
#include "sourceview.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace poolproof::gui {

namespace {
// About 10 ms of work per piece in a debug build: the event loop runs between pieces.
constexpr qsizetype pieceChars = 128 * 1024;
} // namespace

SourcePane::SourcePane(QWidget *parent)
    : QWidget(parent)
    , m_fileLabel(new QLabel(this))
    , m_syntaxLabel(new QLabel(this))
    , m_notice(new NoticeBar(this))
    , m_view(new SourceView(this))
{
    setObjectName(QStringLiteral("sourcePane"));
    m_view->setObjectName(QStringLiteral("sourceView"));
    m_notice->setObjectName(QStringLiteral("sourceNotice"));
    m_fileLabel->setObjectName(QStringLiteral("sourceFileLabel"));
    m_fileLabel->setAccessibleName(tr("File shown"));
    m_fileLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_syntaxLabel->setObjectName(QStringLiteral("syntaxLabel"));
    m_syntaxLabel->setAccessibleName(tr("Syntax"));
    m_syntaxLabel->setForegroundRole(QPalette::PlaceholderText);

    auto *header = new QHBoxLayout;
    header->setContentsMargins(4, 2, 4, 2);
    header->addWidget(m_fileLabel, 1);
    header->addWidget(m_syntaxLabel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(header);
    layout->addWidget(m_notice);
    layout->addWidget(m_view, 1);

    connect(m_view, &SourceView::definitionChanged, m_syntaxLabel, &QLabel::setText);
    m_fillTimer.setInterval(0);
    connect(&m_fillTimer, &QTimer::timeout, this, &SourcePane::appendNextPiece);
    clear();
}

SourcePane::~SourcePane() = default;

bool SourcePane::openFile(const QString &path, const QString &displayName, QString *error)
{
    ++m_loadId;
    m_fillTimer.stop();
    m_pendingText.clear();
    m_marks.clear();
    m_lineToShow = 0;
    m_notice->hide();
    const QFileInfo info(path);
    m_fileLabel->setText(displayName.isEmpty() ? QDir::toNativeSeparators(path) : displayName);
    m_fileLabel->setToolTip(QDir::toNativeSeparators(path));
    if (info.isFile() && info.size() > largeFileBytes) {
        startLargeFile(path);
        return true;
    }
    m_loading = false;
    m_view->setHighlightingEnabled(true);
    QString message;
    if (!m_view->openFile(path, &message)) {
        m_path.clear();
        m_fileLabel->setText(message);
        if (error)
            *error = message;
        return false;
    }
    m_path = path;
    Q_EMIT fileLoaded(path);
    return true;
}

void SourcePane::clear()
{
    ++m_loadId;
    m_fillTimer.stop();
    m_pendingText.clear();
    m_loading = false;
    m_path.clear();
    m_marks.clear();
    m_notice->hide();
    m_view->setSource(QString(), QString());
    m_fileLabel->setText(tr("No file selected"));
    m_fileLabel->setToolTip(QString());
    m_syntaxLabel->clear();
}

void SourcePane::setMarks(const QList<LineMark> &marks, int lineToShow)
{
    m_marks = marks;
    m_lineToShow = lineToShow;
    if (!m_loading)
        applyMarks();
}

void SourcePane::applyMarks()
{
    m_view->setLineMarks(m_marks);
    if (m_lineToShow > 0)
        m_view->showLine(m_lineToShow);
}

void SourcePane::startLargeFile(const QString &path)
{
    m_path = path;
    m_loading = true;
    m_view->setHighlightingEnabled(false);
    m_view->setSource(path, QString());
    m_view->setLineMarks({});
    m_notice->showNotice(tr("This file is large (%1): it is shown without syntax highlighting so that the window stays "
                            "responsive. Loading…")
                             .arg(QLocale().formattedDataSize(QFileInfo(path).size())));
    const quint64 loadId = m_loadId;
    auto *watcher = new QFutureWatcher<SourceText>(this);
    connect(watcher, &QFutureWatcher<SourceText>::finished, this, [this, watcher, loadId] {
        watcher->deleteLater();
        largeFileRead(loadId, watcher->result());
    });
    // Reading and decoding megabytes is the part that may block on a slow disk: off the GUI thread.
    watcher->setFuture(QtConcurrent::run([path] { return readSourceFile(path); }));
}

void SourcePane::largeFileRead(quint64 loadId, const SourceText &source)
{
    if (loadId != m_loadId)
        return; // another file was opened meanwhile
    if (!source.ok) {
        const QString path = m_path;
        m_loading = false;
        m_path.clear();
        m_notice->hide();
        m_fileLabel->setText(source.error);
        Q_EMIT loadFailed(path, source.error);
        return;
    }
    m_pendingText = source.text;
    m_pendingOffset = 0;
    m_fillTimer.start();
}

void SourcePane::appendNextPiece()
{
    // Pieces end after a line break, so that each lands as whole lines.
    qsizetype end = qMin(m_pendingOffset + pieceChars, m_pendingText.size());
    if (end < m_pendingText.size()) {
        const qsizetype lineEnd = m_pendingText.indexOf(u'\n', end);
        end = lineEnd < 0 ? m_pendingText.size() : lineEnd + 1;
    }
    m_view->appendSourceText(m_pendingText.mid(m_pendingOffset, end - m_pendingOffset));
    m_pendingOffset = end;
    if (m_pendingOffset >= m_pendingText.size())
        finishLoading();
}

void SourcePane::finishLoading()
{
    m_fillTimer.stop();
    m_pendingText.clear();
    m_loading = false;
    m_notice->showNotice(tr("This file is large (%1): it is shown without syntax highlighting so that the window stays "
                            "responsive.")
                             .arg(QLocale().formattedDataSize(QFileInfo(m_path).size())));
    applyMarks();
    Q_EMIT fileLoaded(m_path);
}

} // namespace poolproof::gui
