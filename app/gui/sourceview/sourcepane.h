#pragma once

#include "linemark.h"

#include <QTimer>
#include <QWidget>

class QLabel;

namespace poolproof::gui {

class NoticeBar;
class SourceView;
struct SourceText;

// The source side of the findings page: a header naming the file, a notice bar, and the view.
// Small files are shown at once, highlighted. Large ones are read on a worker thread and filled
// into the view piece by piece without highlighting, so the window never stops responding.
class SourcePane : public QWidget
{
    Q_OBJECT
public:
    // Above this size a file is loaded in the background and shown without highlighting.
    static constexpr qint64 largeFileBytes = 512 * 1024;

    explicit SourcePane(QWidget *parent = nullptr);
    ~SourcePane() override;

    SourceView *view() const { return m_view; }
    NoticeBar *noticeBar() const { return m_notice; }

    // Shows a file, titled with displayName (e.g. its path inside the scanned folder). Returns
    // false, with the reason, when it cannot be read; a large file's reading errors come later,
    // through loadFailed().
    bool openFile(const QString &path, const QString &displayName, QString *error = nullptr);
    void clear();
    // Marks lines and scrolls to one of them (0: keep the position); waits for a file that is
    // still loading.
    void setMarks(const QList<LineMark> &marks, int lineToShow = 0);

    QString filePath() const { return m_path; }
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    void fileLoaded(const QString &path);
    void loadFailed(const QString &path, const QString &error);

private:
    void startLargeFile(const QString &path);
    void largeFileRead(quint64 loadId, const SourceText &source);
    void appendNextPiece();
    void finishLoading();
    void applyMarks();

    QLabel *m_fileLabel;
    QLabel *m_syntaxLabel;
    NoticeBar *m_notice;
    SourceView *m_view;
    QTimer m_fillTimer;
    QString m_path;
    QString m_pendingText; // what a large file still has to add to the view
    qsizetype m_pendingOffset = 0;
    quint64 m_loadId = 0; // a newer load makes an older one's result stale
    bool m_loading = false;
    QList<LineMark> m_marks;
    int m_lineToShow = 0;
};

} // namespace poolproof::gui
