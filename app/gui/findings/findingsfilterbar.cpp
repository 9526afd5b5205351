#include "findingsfilterbar.h"

#include "rules/rulecatalog.h"
#include "severitystyle.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QToolButton>

namespace poolproof::gui {

FindingsFilterBar::FindingsFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_groupBy(new QComboBox(this))
    , m_rule(new QComboBox(this))
    , m_search(new QLineEdit(this))
{
    setObjectName(QStringLiteral("findingsFilterBar"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *groupLabel = new QLabel(tr("&Group by:"), this);
    groupLabel->setBuddy(m_groupBy);
    m_groupBy->setObjectName(QStringLiteral("groupByCombo"));
    m_groupBy->setAccessibleName(tr("Group findings by"));
    m_groupBy->addItem(tr("Rule"), int(GroupBy::Rule));
    m_groupBy->addItem(tr("File"), int(GroupBy::File));
    m_groupBy->addItem(tr("Severity"), int(GroupBy::Severity));
    connect(m_groupBy, &QComboBox::currentIndexChanged, this,
            [this] { Q_EMIT groupByChanged(GroupBy(m_groupBy->currentData().toInt())); });
    layout->addWidget(groupLabel);
    layout->addWidget(m_groupBy);
    layout->addSpacing(12);

    addSeverityButton(Severity::Error, QStringLiteral("errorsFilterButton"), tr("Show errors"));
    addSeverityButton(Severity::Warning, QStringLiteral("warningsFilterButton"), tr("Show warnings"));
    addSeverityButton(Severity::Info, QStringLiteral("infoFilterButton"), tr("Show info findings"));
    auto *suppressed = new QToolButton(this);
    suppressed->setObjectName(QStringLiteral("suppressedFilterButton"));
    suppressed->setText(tr("Suppressed"));
    suppressed->setToolTip(tr("Show suppressed findings"));
    suppressed->setAccessibleName(tr("Show suppressed findings"));
    suppressed->setIcon(SeverityStyle::suppressedIcon(Severity::Warning));
    suppressed->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    suppressed->setCheckable(true);
    suppressed->setChecked(true);
    suppressed->setAutoRaise(true);
    connect(suppressed, &QToolButton::toggled, this, &FindingsFilterBar::suppressedToggled);
    layout->addWidget(suppressed);
    layout->addSpacing(12);

    m_rule->setObjectName(QStringLiteral("ruleFilterCombo"));
    m_rule->setAccessibleName(tr("Show findings of rule"));
    m_rule->addItem(tr("All rules"), QString());
    for (const Rule &rule : RuleCatalog::builtin().rules())
        m_rule->addItem(rule.id + u' ' + RuleCatalog::translated(rule.title), rule.id);
    m_rule->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    // Narrow at least, wider when there is room: the window must fit small screens.
    m_rule->setMinimumContentsLength(8);
    connect(m_rule, &QComboBox::currentIndexChanged, this,
            [this] { Q_EMIT ruleChanged(m_rule->currentData().toString()); });
    layout->addWidget(m_rule, 1);

    m_search->setObjectName(QStringLiteral("findingsFilter"));
    m_search->setAccessibleName(tr("Filter findings"));
    m_search->setPlaceholderText(tr("Filter by file, rule or text (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, &FindingsFilterBar::textChanged);
    layout->addWidget(m_search, 2);
}

QToolButton *FindingsFilterBar::addSeverityButton(Severity severity, const QString &objectName, const QString &toolTip)
{
    auto *button = new QToolButton(this);
    button->setObjectName(objectName);
    button->setText(SeverityStyle::pluralName(severity));
    button->setIcon(SeverityStyle::icon(severity));
    button->setToolTip(toolTip);
    button->setAccessibleName(toolTip);
    button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    button->setCheckable(true);
    button->setChecked(true);
    button->setAutoRaise(true);
    connect(button, &QToolButton::toggled, this,
            [this, severity](bool shown) { Q_EMIT severityToggled(severity, shown); });
    layout()->addWidget(button);
    return button;
}

GroupBy FindingsFilterBar::groupBy() const
{
    return GroupBy(m_groupBy->currentData().toInt());
}

void FindingsFilterBar::setGroupBy(GroupBy groupBy)
{
    m_groupBy->setCurrentIndex(m_groupBy->findData(int(groupBy)));
}

void FindingsFilterBar::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

} // namespace poolproof::gui
