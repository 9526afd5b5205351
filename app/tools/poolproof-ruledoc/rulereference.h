#pragma once

#include <QList>
#include <QString>

namespace poolproof {
class RuleCatalog;
struct Rule;
} // namespace poolproof

namespace poolproof::ruledoc {

// One generated Markdown file of the rule reference.
struct Page {
    QString fileName; // "PB101.md", "README.md"
    QString text;
};

// The whole reference for a catalog: one page per rule and the index README.md, in a fixed order.
// The output depends on the catalog only (no date, no path), so it can be compared byte for byte.
QList<Page> ruleReference(const RuleCatalog &catalog);

// The fence tag for one of a rule's examples: the language of the code the rule's detector reads
// when it reads only one, "sql" for what the PostgreSQL parser accepts, "js" for node-postgres
// calls, else "text".
QString exampleLanguage(const Rule &rule, const QString &example);

} // namespace poolproof::ruledoc
