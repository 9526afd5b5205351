#include "lexer/lexer.h"

#include <QTest>

using namespace poolproof;
using namespace Qt::StringLiterals;

class TestLexer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void smoke();
};

void TestLexer::smoke()
{
    const LanguageSpec *js = languageById(u"javascript");
    QVERIFY(js);
    const LexedFile file = lex(*js, "x = 'a' // c");
    QCOMPARE(file.regions.size(), size_t(2));
}

QTEST_GUILESS_MAIN(TestLexer)
#include "tst_lexer.moc"
