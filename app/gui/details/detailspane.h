#pragma once

#include "scan/finding.h"

#include <QTextBrowser>

#include <optional>

namespace poolproof::gui {

// The rule behind the current finding: why it breaks on the chosen pooler, what to do instead,
// examples, symptoms, references and its grade on every pooler. Links open in the browser.
class DetailsPane : public QTextBrowser
{
    Q_OBJECT
public:
    explicit DetailsPane(QWidget *parent = nullptr);

    void setProfileId(const QString &profileId);
    QString profileId() const { return m_profileId; }
    void showFinding(const poolproof::Finding &finding);
    void showRule(const QString &ruleId);
    void showPlaceholder();
    // The rule shown, or empty.
    QString ruleId() const { return m_ruleId; }

protected:
    void changeEvent(QEvent *event) override;
    QVariant loadResource(int type, const QUrl &name) override;

private:
    void render();

    QString m_profileId;
    QString m_ruleId;
    std::optional<poolproof::Finding> m_finding;
};

} // namespace poolproof::gui
