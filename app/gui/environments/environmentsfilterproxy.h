#pragma once

#include <QSortFilterProxyModel>

namespace poolproof::gui {

// Filters the environments table by text (environment, setting, file, masked string) and,
// optionally, to the settings with a warning or an error; sorts each column naturally.
class EnvironmentsFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit EnvironmentsFilterProxy(QObject *parent = nullptr);

    void setTextFilter(const QString &text);
    void setProblemsOnly(bool problemsOnly);
    bool problemsOnly() const { return m_problemsOnly; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_text;
    bool m_problemsOnly = false;
};

} // namespace poolproof::gui
