#pragma once

#include "findingsmodel.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QToolButton;

namespace poolproof::gui {

// The row above the findings tree: grouping, severity toggles, a rule and a search text. It only
// says what the user chose; the page applies it to the model and the proxy.
class FindingsFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit FindingsFilterBar(QWidget *parent = nullptr);

    GroupBy groupBy() const;
    void setGroupBy(GroupBy groupBy);
    QLineEdit *searchField() const { return m_search; }
    void focusSearch();

Q_SIGNALS:
    void groupByChanged(poolproof::gui::GroupBy groupBy);
    void severityToggled(poolproof::Severity severity, bool shown);
    void suppressedToggled(bool shown);
    void ruleChanged(const QString &ruleId);
    void textChanged(const QString &text);

private:
    QToolButton *addSeverityButton(poolproof::Severity severity, const QString &objectName, const QString &toolTip);

    QComboBox *m_groupBy;
    QComboBox *m_rule;
    QLineEdit *m_search;
};

} // namespace poolproof::gui
