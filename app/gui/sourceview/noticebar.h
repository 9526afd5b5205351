#pragma once

#include <QFrame>

class QLabel;

namespace poolproof::gui {

// A thin bar above a view that says why the view behaves differently, e.g. "highlighting is off
// for this large file". Informational only: the user can close it.
class NoticeBar : public QFrame
{
    Q_OBJECT
public:
    explicit NoticeBar(QWidget *parent = nullptr);

    void showNotice(const QString &text);
    QString text() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColors();

    QLabel *m_icon;
    QLabel *m_text;
};

} // namespace poolproof::gui
