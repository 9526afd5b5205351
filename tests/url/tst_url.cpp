#include "rules/rulecatalog.h"
#include "url/connectionstring.h"
#include "url/libpqrules.h"
#include "url/masking.h"
#include "url/urilayout.h"
#include "url/urlanalysis.h"
#include "url/urlcheck.h"
#include "url/urljson.h"
#include "url/valuereference.h"

#include <QFile>
#include <QJsonDocument>
#include <QMap>
#include <QTest>

#include <libpq-fe.h>

using namespace Qt::StringLiterals;

// Connection strings: libpq's own parser and checks, PoolProof's positions, dialects, masking
// and the per-string policy rules.
class TestUrl : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void libpqRegression_data();
    void libpqRegression();
    void libpqParse_data();
    void libpqParse();
    void layoutAgreesWithLibpq_data();
    void layoutAgreesWithLibpq();
    void connectChecks_data();
    void connectChecks();
    void explanations_data();
    void explanations();
    void dangerousParses_data();
    void dangerousParses();
    void keywordVersions_data();
    void keywordVersions();
    void dialects_data();
    void dialects();
    void references_data();
    void references();
    void masking_data();
    void masking();
    void plantedPasswordNeverShows_data();
    void plantedPasswordNeverShows();
    void policy_data();
    void policy();
    void findingFields();
    void ruleCatalog();
};

namespace {

using Options = QMap<QString, QString>;

// libpq's options as keyword -> value, with clear values (the tests compare with libpq's).
Options optionsOf(const poolproof::ConnectionString &parsed)
{
    Options result;
    for (const poolproof::ConnectionOption &option : parsed.options())
        result.insert(option.keyword, parsed.revealedValue(option.keyword));
    return result;
}

Options optionsFrom(const QString &spec)
{
    Options result;
    for (const QString &pair : spec.split(u';', Qt::SkipEmptyParts)) {
        const qsizetype equals = pair.indexOf(u'=');
        result.insert(pair.left(equals), pair.mid(equals + 1));
    }
    return result;
}

// The line libpq_uri_regress prints: non-empty options in libpq's order, then (local)/(inet).
QString regressLine(const poolproof::ConnectionString &parsed)
{
    QStringList parts;
    bool local = true;
    for (const poolproof::ConnectionOption &option : parsed.options()) {
        const QString value = parsed.revealedValue(option.keyword);
        if (value.isEmpty())
            continue;
        parts << option.keyword + u"='" + value + u'\'';
        if (option.keyword == u"hostaddr" || (option.keyword == u"host" && !value.startsWith(u'/')))
            local = false;
    }
    parts << (local ? u"(local)"_s : u"(inet)"_s);
    return parts.join(u' ');
}

QList<QStringList> readTsv(const QString &name)
{
    QList<QStringList> rows;
    QFile file(QStringLiteral(POOLPROOF_TEST_DATA_DIR "/") + name);
    if (!file.open(QIODevice::ReadOnly))
        return rows;
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    for (const QString &line : lines) {
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        // A plain tab split: some cases have significant blanks.
        rows.append(line.split(u'\t'));
    }
    return rows;
}

QStringList ruleIds(const QList<poolproof::UrlIssue> &issues)
{
    QStringList ids;
    for (const poolproof::UrlIssue &issue : issues)
        ids << issue.ruleId;
    return ids;
}

QStringList ruleIds(const QList<poolproof::Finding> &findings)
{
    QStringList ids;
    for (const poolproof::Finding &finding : findings)
        ids << finding.ruleId;
    return ids;
}

const poolproof::UrlIssue *issueOf(const QList<poolproof::UrlIssue> &issues, QStringView ruleId)
{
    for (const poolproof::UrlIssue &issue : issues) {
        if (issue.ruleId == ruleId)
            return &issue;
    }
    return nullptr;
}

poolproof::UrlAnalysisOptions asLibpq()
{
    poolproof::UrlAnalysisOptions options;
    options.context = poolproof::DialectContext {poolproof::Dialect::Libpq, true, u"test"_s};
    return options;
}

} // namespace

void TestUrl::libpqRegression_data()
{
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QString>("expectedStdout");
    QTest::addColumn<QString>("expectedStderr");
    QTest::addColumn<QString>("libpq15Stdout");
    QTest::addColumn<QString>("libpq15Stderr");
    const QList<QStringList> rows = readTsv(u"libpq-uri-regress.tsv"_s);
    QVERIFY2(rows.size() == 63, "libpq-uri-regress.tsv: 62 cases and a header");
    QMap<QString, QStringList> differences;
    for (const QStringList &row : readTsv(u"libpq17-differences.tsv"_s)) {
        QCOMPARE(row.size(), 5);
        const bool applies
            = row.at(4) == u"all" || row.at(4).toInt() == poolproof::ConnectionString::libpqMajorVersion();
        if (applies)
            differences.insert(row.at(0), row);
    }
    for (qsizetype i = 1; i < rows.size(); ++i) {
        const QStringList &row = rows.at(i);
        QCOMPARE(row.size(), 4);
        const QStringList difference = differences.value(row.at(0));
        QTest::addRow("%d: %s", int(i), qPrintable(row.at(0)))
            << row.at(0) << (difference.isEmpty() ? row.at(1) : difference.at(1))
            << (difference.isEmpty() ? row.at(2) : difference.at(2)) << row.at(1) << row.at(2);
    }
}

void TestUrl::libpqRegression()
{
    QFETCH(QString, uri);
    QFETCH(QString, expectedStdout);
    QFETCH(QString, expectedStderr);
    QFETCH(QString, libpq15Stdout);
    QFETCH(QString, libpq15Stderr);
    const poolproof::ConnectionString parsed = poolproof::ConnectionString::parse(uri);
    if (expectedStderr.isEmpty()) {
        QVERIFY2(parsed.isAccepted(), qPrintable(parsed.libpqError()));
        QCOMPARE(regressLine(parsed), expectedStdout);
    } else {
        QVERIFY(!parsed.isAccepted());
        QCOMPARE(parsed.libpqError(), expectedStderr);
    }
    // A recorded difference really differs from libpq 15's expectation.
    if (expectedStdout != libpq15Stdout || expectedStderr != libpq15Stderr)
        QVERIFY(expectedStdout + expectedStderr != libpq15Stdout + libpq15Stderr);
    // The analysis reports the same verdict and message as libpq's parser.
    const poolproof::UrlAnalysis analysis = poolproof::UrlAnalysis::analyze(uri, asLibpq());
    QCOMPARE(analysis.libpqParses(), parsed.isAccepted());
    if (!parsed.isAccepted())
        QCOMPARE(analysis.libpqMessage(), parsed.libpqError());
}

void TestUrl::libpqParse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("accepted");
    QTest::addColumn<QString>("expected"); // options "k=v;k=v", or libpq's message

    QTest::newRow("ipv6 list") << u"postgresql://[2001:db8::1]:5433,[2001:db8::2]:5434/app"_s << true
                               << u"dbname=app;host=2001:db8::1,2001:db8::2;port=5433,5434"_s;
    QTest::newRow("ipv6 and ipv4") << u"postgresql://[::1]:5432,127.0.0.1:5433/app"_s << true
                                   << u"dbname=app;host=::1,127.0.0.1;port=5432,5433"_s;
    QTest::newRow("ipv6 without brackets") << u"postgresql://::1:5432/app"_s << true << u"dbname=app;port=:1:5432"_s;
    QTest::newRow("three hosts") << u"postgresql://h1:5432,h2:5433,h3:5434/app?target_session_attrs=read-write"_s
                                 << true
                                 << u"dbname=app;host=h1,h2,h3;port=5432,5433,5434;target_session_attrs=read-write"_s;
    QTest::newRow("port on second host") << u"postgresql://h1,h2:5433/app"_s << true
                                         << u"dbname=app;host=h1,h2;port=,5433"_s;
    QTest::newRow("encoded comma") << u"postgresql://a%2Cb:5432,c/db"_s << true << u"dbname=db;host=a,b,c;port=5432,"_s;
    QTest::newRow("socket in host") << u"postgresql://%2Fvar%2Frun%2Fpostgresql/app"_s << true
                                    << u"dbname=app;host=/var/run/postgresql"_s;
    QTest::newRow("socket as parameter") << u"postgresql:///app?host=/tmp&port=6432"_s << true
                                         << u"dbname=app;host=/tmp;port=6432"_s;
    QTest::newRow("encoded at") << u"postgresql://app%40corp:p%40ss@db/app"_s << true
                                << u"user=app@corp;password=p@ss;dbname=app;host=db"_s;
    QTest::newRow("encoded blank") << u"postgresql://db/my%20app"_s << true << u"dbname=my app;host=db"_s;
    QTest::newRow("%00") << u"postgresql://db/app%00"_s << false
                         << u"forbidden value %00 in percent-encoded value: \"app%00\""_s;
    QTest::newRow("bad escape") << u"postgresql://%zz@db"_s << false << u"invalid percent-encoded token: \"%zz\""_s;
    QTest::newRow("port out of range parses")
        << u"postgresql://db:99999/app"_s << true << u"dbname=app;host=db;port=99999"_s;
    QTest::newRow("unknown parameter") << u"postgresql://db/app?unknown=1"_s << false
                                       << u"invalid URI query parameter: \"unknown\""_s;
    QTest::newRow("prisma parameter") << u"postgresql://db/app?pgbouncer=true"_s << false
                                      << u"invalid URI query parameter: \"pgbouncer\""_s;
    QTest::newRow("ssl=true") << u"postgresql://db/app?ssl=true"_s << true << u"dbname=app;host=db;sslmode=require"_s;
    QTest::newRow("ssl=false") << u"postgresql://h?ssl=false"_s << false << u"invalid URI query parameter: \"ssl\""_s;
    QTest::newRow("requiressl") << u"postgresql://db/app?requiressl=1"_s << true
                                << u"dbname=app;host=db;sslmode=require"_s;
    QTest::newRow("blank in value") << u"postgresql://db/app?application_name=my app"_s << true
                                    << u"dbname=app;host=db;application_name=my app"_s;
    QTest::newRow("trailing blank") << u"postgresql://db/app "_s << true << u"dbname=app ;host=db"_s;
    QTest::newRow("encoded options") << u"postgresql://db/app?options=-c%20search_path%3Dx"_s << true
                                     << u"dbname=app;host=db;options=-c search_path=x"_s;
    QTest::newRow("raw = in value") << u"postgresql://db/app?options=-c search_path=x"_s << false
                                    << u"extra key/value separator \"=\" in URI query parameter: \"options\""_s;
    QTest::newRow("colon in password") << u"postgresql://u:pa:ss@db/app"_s << true
                                       << u"user=u;password=pa:ss;dbname=app;host=db"_s;
    QTest::newRow("hash in password") << u"postgresql://u:pa#ss@h/db"_s << true
                                      << u"user=u;password=pa#ss;dbname=db;host=h"_s;
    QTest::newRow("at in password") << u"postgresql://app:p@ss@h/db"_s << true
                                    << u"user=app;password=p;dbname=db;host=ss@h"_s;
    QTest::newRow("slash in password") << u"postgresql://app:pa/ss@h/db"_s << true
                                       << u"dbname=ss@h/db;host=app;port=pa"_s;
    QTest::newRow("question mark before at")
        << u"postgres://db?application_name=me@corp"_s << true << u"user=db?application_name=me;host=corp"_s;
    QTest::newRow("upper-case scheme") << u"POSTGRES://db/app"_s << false
                                       << u"missing \"=\" after \"POSTGRES://db/app\" in connection info string"_s;
    QTest::newRow("jdbc") << u"jdbc:postgresql://db/app?user=x"_s << false
                          << u"invalid connection option \"jdbc:postgresql://db/app?user\""_s;
    QTest::newRow("sqlalchemy") << u"postgresql+asyncpg://u@db/app"_s << false
                                << u"missing \"=\" after \"postgresql+asyncpg://u@db/app\" in connection info string"_s;
    QTest::newRow("keyword/value") << u"host=db port=6432 dbname=app"_s << true << u"dbname=app;host=db;port=6432"_s;
    QTest::newRow("blanks around =") << u"host = db  port= 6432 dbname =app"_s << true
                                     << u"dbname=app;host=db;port=6432"_s;
    QTest::newRow("quoted with escape") << u"host=db password='it\\'s'"_s << true << u"password=it's;host=db"_s;
    QTest::newRow("quoted blank") << u"host='db' application_name='a b'"_s << true << u"host=db;application_name=a b"_s;
    QTest::newRow("unknown keyword") << u"host=db nosuchkey=1"_s << false
                                     << u"invalid connection option \"nosuchkey\""_s;
    QTest::newRow("missing =") << u"host"_s << false << u"missing \"=\" after \"host\" in connection info string"_s;
    QTest::newRow("unterminated") << u"host=db password='abc"_s << false
                                  << u"unterminated quoted string in connection info string"_s;
    QTest::newRow("empty") << QString() << true << QString();
    QTest::newRow("dbname parameter wins")
        << u"postgresql://db/app?dbname=other"_s << true << u"dbname=other;host=db"_s;
    QTest::newRow("host parameter wins") << u"postgresql://db/app?host=other"_s << true << u"dbname=app;host=other"_s;
    QTest::newRow("last occurrence wins") << u"postgresql://db/app?sslmode=verify-full&sslmode=disable"_s << true
                                          << u"dbname=app;host=db;sslmode=disable"_s;
    QTest::newRow("libpq 16 keyword") << u"postgresql://db/app?load_balance_hosts=random"_s << true
                                      << u"dbname=app;host=db;load_balance_hosts=random"_s;
    QTest::newRow("libpq 18 keyword") << u"postgresql://db/app?min_protocol_version=3.2"_s << false
                                      << u"invalid URI query parameter: \"min_protocol_version\""_s;
    QTest::newRow("encoded & in password")
        << u"postgresql://u@db/app?password=secret%26x"_s << true << u"user=u;password=secret&x;dbname=app;host=db"_s;
    QTest::newRow("empty parameter") << u"postgres://db?&a=b"_s << false
                                     << u"missing key/value separator \"=\" in URI query parameter: \"\""_s;
    QTest::newRow("sslrootcert=system") << u"postgresql://db/app?sslrootcert=system"_s << true
                                        << u"dbname=app;host=db;sslrootcert=system"_s;
}

void TestUrl::libpqParse()
{
    QFETCH(QString, text);
    QFETCH(bool, accepted);
    QFETCH(QString, expected);
    const poolproof::ConnectionString parsed = poolproof::ConnectionString::parse(text);
    QCOMPARE(parsed.isAccepted(), accepted);
    if (accepted)
        QCOMPARE(optionsOf(parsed), optionsFrom(expected));
    else
        QCOMPARE(parsed.libpqError(), expected);
}

void TestUrl::layoutAgreesWithLibpq_data()
{
    // Every accepted URI of both corpora: PoolProof's own walk over the string finds the same
    // hosts, ports, user and database as libpq (that is what findings point at).
    QTest::addColumn<QString>("uri");
    const QList<QStringList> rows = readTsv(u"libpq-uri-regress.tsv"_s);
    for (qsizetype i = 1; i < rows.size(); ++i) {
        if (rows.at(i).at(2).isEmpty() && poolproof::uriPrefixLength(rows.at(i).at(0)) > 0)
            QTest::addRow("regress %d", int(i)) << rows.at(i).at(0);
    }
    for (const QString &uri : {u"postgresql://[2001:db8::1]:5433,[2001:db8::2]:5434/app"_s,
                               u"postgresql://h1,h2:5433/app"_s, u"postgresql://app:p@ss@h/db"_s,
                               u"postgresql://app:pa/ss@h/db"_s, u"postgres://db?application_name=me@corp"_s,
                               u"postgresql:///app?host=/tmp&port=6432"_s, u"postgresql://app%40corp:p%40ss@db/app"_s,
                               u"postgresql://::1:5432/app"_s, u"postgresql://u@h1:1,h2:2,h3:3/db?dbname=x"_s})
        QTest::addRow("%s", qPrintable(uri)) << uri;
}

void TestUrl::layoutAgreesWithLibpq()
{
    QFETCH(QString, uri);
    if (uri.contains(u"  "))
        return; // the blank-trimming rows are rejected by libpq 17
    const poolproof::ConnectionString parsed = poolproof::ConnectionString::parse(uri);
    if (!parsed.isAccepted())
        return;
    const poolproof::UrlAnalysis analysis = poolproof::UrlAnalysis::analyze(uri, asLibpq());
    const poolproof::ConnectionFacts &facts = analysis.facts();
    QStringList hosts;
    QStringList ports;
    bool anyPort = false;
    for (const poolproof::ConnectionEndpoint &endpoint : facts.endpoints) {
        hosts << endpoint.host.value;
        ports << endpoint.port.value;
        anyPort = anyPort || endpoint.port.present;
    }
    QCOMPARE(hosts.join(u','),
             parsed.revealedValue(u"host").isEmpty() ? parsed.revealedValue(u"hostaddr")
                                                     : parsed.revealedValue(u"host"));
    const QString libpqPort = parsed.revealedValue(u"port");
    if (anyPort && libpqPort.split(u',').size() > 1)
        QCOMPARE(ports.join(u','), libpqPort);
    else if (anyPort)
        QCOMPARE(ports.first(), libpqPort);
    QCOMPARE(facts.user.value, parsed.revealedValue(u"user"));
    QCOMPARE(facts.dbname.value, parsed.revealedValue(u"dbname"));
}

void TestUrl::connectChecks_data()
{
    QTest::addColumn<QString>("conninfo");
    QTest::addColumn<QString>("message"); // empty: libpq goes on to connect

    // Socket paths as hosts, so that libpq itself can be asked without any network.
    QTest::newRow("port too large") << u"host=/nonexistent port=99999"_s << u"invalid port number: \"99999\""_s;
    QTest::newRow("port 0") << u"host=/nonexistent port=0"_s << u"invalid port number: \"0\""_s;
    QTest::newRow("port negative") << u"host=/nonexistent port=-1"_s << u"invalid port number: \"-1\""_s;
    QTest::newRow("port not a number") << u"host=/nonexistent port=abc"_s
                                       << u"invalid integer value \"abc\" for connection option \"port\""_s;
    QTest::newRow("port with blanks") << u"host=/nonexistent port=' 6432 '"_s << QString();
    QTest::newRow("port with plus") << u"host=/nonexistent port=+5432"_s << QString();
    QTest::newRow("ports for hosts") << u"host=/a,/b,/c port=5432,5433"_s
                                     << u"could not match 2 port numbers to 3 hosts"_s;
    QTest::newRow("one port for all") << u"host=/a,/b,/c port=5432"_s << QString();
    QTest::newRow("empty port slot") << u"host=/a,/b port=5432,"_s << QString();
    QTest::newRow("hosts for hostaddrs") << u"host=/a,/b hostaddr=10.0.0.1"_s
                                         << u"could not match 2 host names to 1 hostaddr values"_s;
    QTest::newRow("sslmode") << u"host=/nonexistent sslmode=true"_s << u"invalid sslmode value: \"true\""_s;
    QTest::newRow("gssencmode") << u"host=/nonexistent gssencmode=on"_s << u"invalid gssencmode value: \"on\""_s;
    QTest::newRow("channel_binding") << u"host=/nonexistent channel_binding=yes"_s
                                     << u"invalid channel_binding value: \"yes\""_s;
    QTest::newRow("target_session_attrs") << u"host=/nonexistent target_session_attrs=readwrite"_s
                                          << u"invalid target_session_attrs value: \"readwrite\""_s;
    QTest::newRow("load_balance_hosts") << u"host=/nonexistent load_balance_hosts=on"_s
                                        << u"invalid load_balance_hosts value: \"on\""_s;
    QTest::newRow("sslnegotiation") << u"host=/nonexistent sslnegotiation=tls"_s
                                    << u"invalid sslnegotiation value: \"tls\""_s;
    QTest::newRow("direct with prefer")
        << u"host=/nonexistent sslnegotiation=direct sslmode=prefer"_s
        << u"weak sslmode \"prefer\" may not be used with sslnegotiation=direct (use \"require\", \"verify-ca\", or \"verify-full\")"_s;
    QTest::newRow("direct with default")
        << u"host=/nonexistent sslnegotiation=direct"_s
        << u"weak sslmode \"prefer\" may not be used with sslnegotiation=direct (use \"require\", \"verify-ca\", or \"verify-full\")"_s;
    QTest::newRow("direct with require") << u"host=/nonexistent sslnegotiation=direct sslmode=require"_s << QString();
    QTest::newRow("sslcertmode") << u"host=/nonexistent sslcertmode=maybe"_s
                                 << u"invalid sslcertmode value: \"maybe\""_s;
    QTest::newRow("require_auth mixed")
        << u"host=/nonexistent require_auth=md5,!password"_s
        << u"negative require_auth method \"!password\" cannot be mixed with non-negative methods"_s;
    QTest::newRow("require_auth mixed 2")
        << u"host=/nonexistent require_auth=!md5,password"_s
        << u"require_auth method \"password\" cannot be mixed with negative methods"_s;
    QTest::newRow("require_auth twice") << u"host=/nonexistent require_auth=md5,md5"_s
                                        << u"require_auth method \"md5\" is specified more than once"_s;
    QTest::newRow("require_auth none twice") << u"host=/nonexistent require_auth=none,none"_s
                                             << u"require_auth method \"none\" is specified more than once"_s;
    QTest::newRow("require_auth unknown")
        << u"host=/nonexistent require_auth=kerberos"_s << u"invalid require_auth value: \"kerberos\""_s;
    QTest::newRow("require_auth fine") << u"host=/nonexistent require_auth=scram-sha-256,none"_s << QString();
    QTest::newRow("tls version") << u"host=/nonexistent ssl_min_protocol_version=TLSv1.4"_s
                                 << u"invalid \"ssl_min_protocol_version\" value: \"TLSv1.4\""_s;
    QTest::newRow("tls range against default")
        << u"host=/nonexistent ssl_max_protocol_version=TLSv1.1"_s << u"invalid SSL protocol version range"_s;
    QTest::newRow("tls range")
        << u"host=/nonexistent ssl_min_protocol_version=tlsv1.3 ssl_max_protocol_version=TLSv1.2"_s
        << u"invalid SSL protocol version range"_s;
    QTest::newRow("system root with require")
        << u"host=/nonexistent sslrootcert=system sslmode=require"_s
        << u"weak sslmode \"require\" may not be used with sslrootcert=system (use \"verify-full\")"_s;
    QTest::newRow("system root alone") << u"host=/nonexistent sslrootcert=system"_s << QString();
}

void TestUrl::connectChecks()
{
    QFETCH(QString, conninfo);
    QFETCH(QString, message);
    const poolproof::ConnectionString parsed = poolproof::ConnectionString::parse(conninfo);
    QVERIFY(parsed.isAccepted());
    const QList<poolproof::LibpqCheckFailure> failures = poolproof::checkLikeLibpqConnect(parsed);
    QCOMPARE(failures.isEmpty() ? QString() : failures.first().message, message);

    // libpq itself, stopped before it reaches the network: a socket folder that does not exist.
    PGconn *connection = PQconnectStart(conninfo.toUtf8().constData());
    QVERIFY(connection);
    const QString libpq = QString::fromUtf8(PQerrorMessage(connection)).trimmed();
    PQfinish(connection);
    if (message.isEmpty())
        QVERIFY2(libpq.startsWith(u"connection to server on socket"), qPrintable(libpq));
    else
        QCOMPARE(libpq, message);
}

void TestUrl::explanations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("ruleId");
    QTest::addColumn<int>("offset"); // 0-based character position of the part at fault
    QTest::addColumn<QString>("words"); // in the explanation

    QTest::newRow("unknown parameter") << u"postgresql://db/app?unknown=1"_s << u"PB501"_s << 20
                                       << u"libpq has no parameter \"unknown\""_s;
    QTest::newRow("prisma parameter") << u"postgresql://db/app?pgbouncer=true"_s << u"PB501"_s << 20
                                      << u"it is a Prisma parameter"_s;
    QTest::newRow("pgx parameter") << u"postgresql://db/app?x=1&pool_max_conns=5"_s << u"PB501"_s << 20 << u"\"x\""_s;
    QTest::newRow("newer keyword") << u"postgresql://db/app?min_protocol_version=3.2"_s << u"PB501"_s << 20
                                   << u"libpq has it from version 18 on"_s;
    QTest::newRow("ssl=false") << u"postgresql://db/app?ssl=false"_s << u"PB501"_s << 20 << u"sslmode=disable"_s;
    QTest::newRow("port range") << u"postgresql://db:65536/app"_s << u"PB501"_s << 16 << u"outside 1-65535"_s;
    QTest::newRow("port text") << u"postgresql://db:abc/app"_s << u"PB501"_s << 16 << u"is not a number"_s;
    QTest::newRow("second port") << u"postgresql://a:5432,b:0/app"_s << u"PB501"_s << 22 << u"the port 0"_s;
    QTest::newRow("port count") << u"host=db port=6432,6433"_s << u"PB501"_s << 13 << u"one port for all hosts"_s;
    QTest::newRow("upper case scheme") << u"POSTGRES://db/app"_s << u"PB501"_s << 0 << u"lower case"_s;
    QTest::newRow("misspelt scheme") << u"postgre://db/app"_s << u"PB501"_s << 0 << u"\"postgre://\""_s;
    QTest::newRow("sslmode value") << u"postgresql://db/app?sslmode=true"_s << u"PB501"_s << 28
                                   << u"sslmode must be one of"_s;
    QTest::newRow("open bracket") << u"postgresql://[::1/app"_s << u"PB501"_s << 13 << u"no closing \"]\""_s;
    QTest::newRow("empty bracket") << u"postgresql://[]/app"_s << u"PB501"_s << 13 << u"no IPv6 address"_s;
    QTest::newRow("after bracket") << u"postgres://[::1]z"_s << u"PB501"_s << 16 << u"\"z\" follows the IPv6 address"_s;
    QTest::newRow("raw =") << u"postgresql://db/app?options=-csearch_path=x"_s << u"PB501"_s << 41 << u"%3D"_s;
    QTest::newRow("missing =") << u"postgresql://db/app?zzz"_s << u"PB501"_s << 20 << u"has no \"=\""_s;
    QTest::newRow("bad escape") << u"postgresql://%zz@db"_s << u"PB501"_s << 13 << u"%25"_s;
    QTest::newRow("%00") << u"postgresql://db/a%00b"_s << u"PB501"_s << 17 << u"NUL byte"_s;
    QTest::newRow("unknown keyword") << u"host=db nosuchkey=1"_s << u"PB501"_s << 8
                                     << u"libpq has no keyword \"nosuchkey\""_s;
    QTest::newRow("missing = keyword") << u"host=db dbname"_s << u"PB501"_s << 8 << u"not followed by \"=\""_s;
    QTest::newRow("unterminated") << u"host=db password='abc"_s << u"PB501"_s << 17 << u"never closed"_s;
    QTest::newRow("require_auth") << u"postgresql://db/app?require_auth=md5,md5"_s << u"PB501"_s << 33
                                  << u"each method once"_s;
    QTest::newRow("tls range") << u"postgresql://db/app?ssl_max_protocol_version=TLSv1.1"_s << u"PB501"_s << 45
                               << u"lower than ssl_min_protocol_version"_s;
}

void TestUrl::explanations()
{
    QFETCH(QString, text);
    QFETCH(QString, ruleId);
    QFETCH(int, offset);
    QFETCH(QString, words);
    const poolproof::UrlAnalysis analysis = poolproof::UrlAnalysis::analyze(text, asLibpq());
    QVERIFY(!analysis.libpqAccepts());
    const poolproof::UrlIssue *issue = issueOf(analysis.issues(), ruleId);
    QVERIFY2(issue, qPrintable(ruleIds(analysis.issues()).join(u',')));
    QCOMPARE(issue->span.offset, offset);
    QVERIFY2(issue->message.contains(words), qPrintable(issue->message));
    // libpq's own message is quoted as it is.
    QVERIFY2(issue->message.contains(analysis.libpqMessage()), qPrintable(issue->message));
}

void TestUrl::dangerousParses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("subject");
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("severity");

    QTest::newRow("@ in password") << u"postgresql://app:p@ss@h/db"_s << u"password"_s << 18
                                   << int(poolproof::Severity::Error);
    QTest::newRow("@ in user") << u"postgresql://me@corp:pw@h/db"_s << u"user"_s << 15
                               << int(poolproof::Severity::Error);
    QTest::newRow("/ in password") << u"postgresql://app:pa/ss@h/db"_s << u"password"_s << 19
                                   << int(poolproof::Severity::Error);
    QTest::newRow("? before @") << u"postgres://db?application_name=me@corp"_s << u"user"_s << 13
                                << int(poolproof::Severity::Error);
    QTest::newRow("? in password") << u"postgresql://u:p?ss@h/db"_s << u"password"_s << 16
                                   << int(poolproof::Severity::Warning);
    QTest::newRow("# in password") << u"postgresql://u:pa#ss@h/db"_s << u"password"_s << 17
                                   << int(poolproof::Severity::Warning);
    QTest::newRow("# in dbname") << u"postgresql://h/db#1"_s << u"fragment"_s << 17
                                 << int(poolproof::Severity::Warning);
    QTest::newRow("blank in dbname") << u"postgresql://h/app "_s << u"whitespace"_s << 18
                                     << int(poolproof::Severity::Warning);
    QTest::newRow("blank in value") << u"postgresql://h/app?application_name=my app"_s << u"whitespace"_s << 38
                                    << int(poolproof::Severity::Warning);
    QTest::newRow("repeated parameter") << u"postgresql://h/app?sslmode=verify-full&sslmode=disable"_s << u"sslmode"_s
                                        << 39 << int(poolproof::Severity::Warning);
}

void TestUrl::dangerousParses()
{
    QFETCH(QString, text);
    QFETCH(QString, subject);
    QFETCH(int, offset);
    QFETCH(int, severity);
    const poolproof::UrlAnalysis analysis = poolproof::UrlAnalysis::analyze(text, asLibpq());
    QVERIFY(analysis.libpqParses());
    const poolproof::UrlIssue *issue = issueOf(analysis.issues(), u"PB502");
    QVERIFY2(issue, qPrintable(ruleIds(analysis.issues()).join(u',')));
    QCOMPARE(issue->subject, subject);
    QCOMPARE(issue->span.offset, offset);
    QCOMPARE(int(issue->cap), severity);

    // The encoded form is read as meant and raises nothing.
    QString encoded = text;
    encoded.replace(u"p@ss"_s, u"p%40ss"_s).replace(u"me@corp:"_s, u"me%40corp:"_s).replace(u"pa/ss"_s, u"pa%2Fss"_s);
    encoded.replace(u"me@corp"_s, u"me%40corp"_s).replace(u"p?ss"_s, u"p%3Fss"_s).replace(u"pa#ss"_s, u"pa%23ss"_s);
    encoded.replace(u"db#1"_s, u"db%231"_s).replace(u"app "_s, u"app"_s).replace(u"my app"_s, u"my%20app"_s);
    encoded.replace(u"&sslmode=disable"_s, QString());
    QVERIFY2(!issueOf(poolproof::UrlAnalysis::analyze(encoded, asLibpq()).issues(), u"PB502"), qPrintable(encoded));
}

void TestUrl::keywordVersions_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("version");
    QTest::addColumn<bool>("flagged");

    QTest::newRow("require_auth on 15") << u"postgresql://db/app?require_auth=scram-sha-256"_s << 15 << true;
    QTest::newRow("require_auth on 16") << u"postgresql://db/app?require_auth=scram-sha-256"_s << 16 << false;
    QTest::newRow("load_balance_hosts on 15") << u"host=db load_balance_hosts=random"_s << 15 << true;
    QTest::newRow("sslnegotiation on 16") << u"postgresql://db/app?sslnegotiation=postgres"_s << 16 << true;
    QTest::newRow("sslnegotiation on 17") << u"postgresql://db/app?sslnegotiation=postgres"_s << 17 << false;
    QTest::newRow("channel_binding on 12") << u"postgresql://db/app?channel_binding=require"_s << 12 << true;
    QTest::newRow("read-only on 13") << u"postgresql://db/app?target_session_attrs=read-only"_s << 13 << true;
    QTest::newRow("read-write on 13") << u"postgresql://db/app?target_session_attrs=read-write"_s << 13 << false;
    QTest::newRow("system root on 15") << u"postgresql://db/app?sslrootcert=system"_s << 15 << true;
    QTest::newRow("gssencmode on 11") << u"postgresql://db/app?gssencmode=disable"_s << 11 << true;
}

void TestUrl::keywordVersions()
{
    QFETCH(QString, text);
    QFETCH(int, version);
    QFETCH(bool, flagged);
    poolproof::UrlAnalysisOptions options = asLibpq();
    options.libpqVersion = version;
    const poolproof::UrlAnalysis analysis = poolproof::UrlAnalysis::analyze(text, options);
    QCOMPARE(analysis.libpqVersion(), version);
    QCOMPARE(bool(issueOf(analysis.issues(), u"PB503")), flagged);
    // The older libpq rejects the whole string, in its own words; sslrootcert=system only
    // becomes a file name there.
    QCOMPARE(analysis.libpqAccepts(), !flagged || text.contains(u"sslrootcert"));
    QCOMPARE(analysis.libpqVerdictVersion(), qMin(version, poolproof::ConnectionString::libpqMajorVersion()));
    if (!analysis.libpqAccepts())
        QVERIFY2(analysis.libpqMessage().startsWith(u"invalid "), qPrintable(analysis.libpqMessage()));
    QCOMPARE(poolproof::libpqKeywordSince(u"require_auth"), 16);
    QCOMPARE(poolproof::libpqKeywordSince(u"no_such_keyword"), -1);
}

void TestUrl::dialects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("context"); // dialect id given by the setting's context, or empty
    QTest::addColumn<QString>("dialect");
    QTest::addColumn<bool>("libpqAccepts");
    QTest::addColumn<bool>("driverAccepts");
    QTest::addColumn<QString>("rules"); // rule ids expected among the issues, ";"-separated

    QTest::newRow("jdbc") << u"jdbc:postgresql://db:6432/app?user=app&prepareThreshold=0&preferQueryMode=simple"_s
                          << QString() << u"jdbc"_s << false << true << u"PB504"_s;
    QTest::newRow("jdbc userinfo") << u"jdbc:postgresql://app:pw@db:6432/app"_s << QString() << u"jdbc"_s << false
                                   << false << u"PB504;PB505"_s;
    QTest::newRow("jdbc no slash") << u"jdbc:postgresql://db:6432"_s << QString() << u"jdbc"_s << false << false
                                   << u"PB505"_s;
    QTest::newRow("jdbc two slashes") << u"jdbc:postgresql://db:6432/app/x"_s << QString() << u"jdbc"_s << false
                                      << false << u"PB505"_s;
    QTest::newRow("jdbc bad port") << u"jdbc:postgresql://db:99999/app"_s << QString() << u"jdbc"_s << false << false
                                   << u"PB505"_s;
    QTest::newRow("jdbc multi host") << u"jdbc:postgresql://h1:5432,h2:5433/app?targetServerType=primary"_s << QString()
                                     << u"jdbc"_s << false << true << u"PB504"_s;
    QTest::newRow("psycopg2") << u"postgresql+psycopg2://u@db:6432/app?sslmode=verify-full"_s << QString()
                              << u"sqlalchemy+psycopg2"_s << false << true << u"PB504"_s;
    QTest::newRow("psycopg bad port") << u"postgresql+psycopg://u@db:0/app"_s << QString() << u"sqlalchemy+psycopg"_s
                                      << false << false << u"PB501;PB504"_s;
    QTest::newRow("asyncpg sslmode") << u"postgresql+asyncpg://u@db:6432/app?sslmode=require"_s << QString()
                                     << u"sqlalchemy+asyncpg"_s << false << false << u"PB505"_s;
    QTest::newRow("asyncpg ssl") << u"postgresql+asyncpg://u@db:6432/app?ssl=require&prepared_statement_cache_size=0"_s
                                 << QString() << u"sqlalchemy+asyncpg"_s << false << true << u"PB504"_s;
    QTest::newRow("prisma by parameter")
        << u"postgresql://u@db:6432/app?pgbouncer=true&connection_limit=5&pool_timeout=10"_s << QString() << u"prisma"_s
        << false << true << u"PB504"_s;
    QTest::newRow("prisma schema") << u"postgresql://u@db:6432/app?schema=tenant&sslaccept=strict&sslmode=require"_s
                                   << QString() << u"prisma"_s << false << true << u"PB504"_s;
    QTest::newRow("prisma by context") << u"postgresql://u@db:6432/app"_s << u"prisma"_s << u"prisma"_s << true << true
                                       << QString();
    QTest::newRow("prisma verify-full") << u"postgresql://u@db:6432/app?sslmode=verify-full"_s << u"prisma"_s
                                        << u"prisma"_s << true << true << u"PB505"_s;
    QTest::newRow("pgx pool") << u"postgres://u@db:6432/app?pool_max_conns=10&default_query_exec_mode=exec"_s
                              << QString() << u"pgx"_s << false << true << u"PB504"_s;
    QTest::newRow("pgx bad mode") << u"postgres://u@db:6432/app?default_query_exec_mode=fast"_s << QString() << u"pgx"_s
                                  << false << false << u"PB505"_s;
    QTest::newRow("pgx keyword/value") << u"host=db port=6432 dbname=app statement_cache_capacity=0"_s << u"pgx"_s
                                       << u"pgx"_s << false << true << u"PB504"_s;
    QTest::newRow("node-postgres") << u"postgres://u@db:6432/app?sslmode=no-verify"_s << QString() << u"node-postgres"_s
                                   << false << true << u"PB504"_s;
    QTest::newRow("node-postgres multi host")
        << u"postgres://u@h1:5432,h2/app"_s << u"node-postgres"_s << u"node-postgres"_s << true << false << u"PB505"_s;
    QTest::newRow("node-postgres hash") << u"postgres://u:pa#ss@db/app"_s << u"node-postgres"_s << u"node-postgres"_s
                                        << true << false << u"PB502;PB505"_s;
    QTest::newRow("node-postgres ignores")
        << u"postgres://u@db:6432/app?pgbouncer=true&sslmode=verify-full"_s << u"node-postgres"_s << u"node-postgres"_s
        << false << true << u"PB504;PB505"_s;
    QTest::newRow("postgres.js") << u"postgres://u@db:6432/app?prepare=false&idle_timeout=20"_s << QString()
                                 << u"postgres-js"_s << false << true << u"PB504"_s;
    QTest::newRow("lib/pq") << u"postgres://u@db:6432/app?binary_parameters=yes"_s << QString() << u"lib-pq"_s << false
                            << true << u"PB504"_s;
    QTest::newRow("asyncpg plain") << u"postgres://u@db:6432/app?sslmode=verify"_s << u"asyncpg"_s << u"asyncpg"_s
                                   << false << false << u"PB504;PB505"_s;
    QTest::newRow("npgsql")
        << u"Host=db;Port=6432;Database=app;Username=u;SSL Mode=VerifyFull;No Reset On Close=true;Max Auto Prepare=0;Pooling=true"_s
        << QString() << u"npgsql"_s << false << true << u"PB504"_s;
    QTest::newRow("npgsql unknown") << u"Host=db;Database=app;Username=u;Sslmodes=Require"_s << QString() << u"npgsql"_s
                                    << false << false << u"PB505"_s;
    QTest::newRow("npgsql trust")
        << u"Server=db;Port=6432;Database=app;User Id=u;SSL Mode=Require;Trust Server Certificate=true"_s << QString()
        << u"npgsql"_s << false << true << u"PB504"_s;
    QTest::newRow("plain libpq") << u"postgresql://u@db:6432/app?sslmode=verify-full"_s << QString() << u"libpq"_s
                                 << true << true << QString();
}

void TestUrl::dialects()
{
    QFETCH(QString, text);
    QFETCH(QString, context);
    QFETCH(QString, dialect);
    QFETCH(bool, libpqAccepts);
    QFETCH(bool, driverAccepts);
    QFETCH(QString, rules);
    poolproof::UrlAnalysisOptions options;
    if (!context.isEmpty())
        options.context = poolproof::DialectContext {poolproof::dialectFromId(context), true, u"test"_s};
    const poolproof::UrlAnalysis analysis = poolproof::UrlAnalysis::analyze(text, options);
    QCOMPARE(poolproof::dialectId(analysis.dialect()), dialect);
    QCOMPARE(analysis.libpqAccepts(), libpqAccepts);
    QCOMPARE(analysis.driverAccepts(), driverAccepts);
    if (!libpqAccepts)
        QVERIFY(!analysis.libpqMessage().isEmpty());
    const QStringList found = ruleIds(analysis.issues());
    for (const QString &rule : rules.split(u';', Qt::SkipEmptyParts))
        QVERIFY2(found.contains(rule), qPrintable(found.join(u',')));
}

void TestUrl::references_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("whole");
    QTest::addColumn<QString>("name");

    QTest::newRow("${}") << u"${DATABASE_URL}"_s << true << u"DATABASE_URL"_s;
    QTest::newRow("${:-}") << u"${DATABASE_URL:-postgres://localhost/app}"_s << true << u"DATABASE_URL"_s;
    QTest::newRow("$NAME") << u"$DATABASE_URL"_s << true << u"DATABASE_URL"_s;
    QTest::newRow("$(NAME)") << u"$(DATABASE_URL)"_s << true << u"DATABASE_URL"_s;
    QTest::newRow("helm") << u"{{ .Values.databaseUrl }}"_s << true << u".Values.databaseUrl"_s;
    QTest::newRow("windows") << u"%DATABASE_URL%"_s << true << u"DATABASE_URL"_s;
    QTest::newRow("prisma env") << u"env(\"DATABASE_URL\")"_s << true << u"DATABASE_URL"_s;
    QTest::newRow("ruby ENV") << u"ENV['DATABASE_URL']"_s << true << u"DATABASE_URL"_s;
    QTest::newRow("erb") << u"<%= ENV[\"DATABASE_URL\"] %>"_s << true << u"ENV[\"DATABASE_URL\"]"_s;
    QTest::newRow("in a URL") << u"postgresql://app:${DB_PASSWORD}@db/app"_s << false << u"DB_PASSWORD"_s;
    QTest::newRow("lower-case $ is a password") << u"postgresql://app:p$ssword@db/app"_s << false << QString();
}

void TestUrl::references()
{
    QFETCH(QString, value);
    QFETCH(bool, whole);
    QFETCH(QString, name);
    QCOMPARE(poolproof::isWholeReference(value), whole);
    const QList<poolproof::ValueReference> found = poolproof::findReferences(value);
    QCOMPARE(found.isEmpty() ? QString() : found.first().name, name);
    // A placeholder keeps the libpq reading of the rest, and maps positions back.
    const poolproof::PlaceholderText placeholders = poolproof::PlaceholderText::from(value);
    QCOMPARE(placeholders.restored(placeholders.text()), value);
    if (!found.isEmpty()) {
        const qsizetype at = placeholders.text().indexOf(u"ppvalueref0"_s);
        QCOMPARE(placeholders.originalOffset(at), found.first().span.offset);
    }
}

void TestUrl::masking_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("masked");

    QTest::newRow("uri") << u"postgresql://user:secret@host:6432/db"_s << u"postgresql://user:****@host:6432/db"_s;
    QTest::newRow("no password") << u"postgresql://user@host/db"_s << u"postgresql://user@host/db"_s;
    QTest::newRow("empty password") << u"postgresql://user:@host/db"_s << u"postgresql://user:@host/db"_s;
    QTest::newRow("@ in password") << u"postgresql://app:p@ss@h/db"_s << u"postgresql://app:****@h/db"_s;
    QTest::newRow("/ in password") << u"postgresql://app:pa/ss@h/db"_s << u"postgresql://app:****@h/db"_s;
    QTest::newRow("email in parameter") << u"postgresql://u:pw@h/db?application_name=me@corp"_s
                                        << u"postgresql://u:****@h/db?application_name=me@corp"_s;
    QTest::newRow("parameters") << u"postgresql://u:pw@h/db?password=x&sslpassword=y&sslmode=require"_s
                                << u"postgresql://u:****@h/db?password=****&sslpassword=****&sslmode=require"_s;
    QTest::newRow("reference") << u"postgresql://u:${DB_PASSWORD}@h/db"_s << u"postgresql://u:****@h/db"_s;
    QTest::newRow("keyword/value") << u"host=h password=secret dbname=d"_s << u"host=h password=**** dbname=d"_s;
    QTest::newRow("quoted") << u"host=h password='a b c' dbname=d"_s << u"host=h password='****' dbname=d"_s;
    QTest::newRow("unquoted blank") << u"host=h password=a b dbname=d"_s << u"host=h password=**** **** dbname=d"_s;
    QTest::newRow("npgsql") << u"Host=h;Username=u;Password=secret;Database=d"_s
                            << u"Host=h;Username=u;Password=****;Database=d"_s;
    QTest::newRow("npgsql quoted") << u"Server=h;User Id=u;Pwd=\"se;cret\";"_s << u"Server=h;User Id=u;Pwd=\"****\";"_s;
    QTest::newRow("npgsql ssl password") << u"Host=h;SSL Password=abc;Database=d"_s
                                         << u"Host=h;SSL Password=****;Database=d"_s;
    QTest::newRow("jdbc") << u"jdbc:postgresql://h/db?user=u&password=secret&ssl=true"_s
                          << u"jdbc:postgresql://h/db?user=u&password=****&ssl=true"_s;
    QTest::newRow("jdbc no authority") << u"jdbc:postgresql:db?user=u&password=secret"_s
                                       << u"jdbc:postgresql:db?user=u&password=****"_s;
    QTest::newRow("sqlalchemy") << u"postgresql+asyncpg://u:secret@h/db"_s << u"postgresql+asyncpg://u:****@h/db"_s;
}

void TestUrl::masking()
{
    QFETCH(QString, text);
    QFETCH(QString, masked);
    QCOMPARE(poolproof::maskConnectionString(text), masked);
    const poolproof::UrlAnalysis analysis = poolproof::UrlAnalysis::analyze(text);
    QCOMPARE(analysis.masked(), masked);
    QCOMPARE(analysis.revealedForConnection(), text);
    QCOMPARE(poolproof::SecretValue(text, poolproof::SecretValue::Kind::ConnectionString).masked(), masked);
}

void TestUrl::plantedPasswordNeverShows_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("context");
    // Each string hides "Pl4ntedS3cret" (or its halves around a special character).
    QTest::newRow("@") << u"postgresql://app:Pl4nted@S3cret9@db/app"_s << QString();
    QTest::newRow("/") << u"postgresql://app:Pl4nted/S3cret9@db/app"_s << QString();
    QTest::newRow("bad escape") << u"postgresql://app:Pl4nted%zzS3cret9@db/app"_s << QString();
    QTest::newRow("%00") << u"postgresql://app:Pl4nted%00S3cret9@db/app"_s << QString();
    QTest::newRow("#") << u"postgresql://app:Pl4nted#S3cret9@db/app"_s << QString();
    QTest::newRow("?") << u"postgresql://app:Pl4nted?S3cret9@db/app"_s << QString();
    QTest::newRow("? and /") << u"postgresql://u:Pl4nted?a=b/S3cret9@h/db"_s << QString();
    QTest::newRow("colon and bad port") << u"postgresql://app:Pl4nted:S3cret9@db:abc/app"_s << QString();
    QTest::newRow("open bracket") << u"postgresql://app:Pl4nted@S3cret9@[::1/app"_s << QString();
    QTest::newRow("parameter") << u"postgresql://app@db/app?password=Pl4nted%zzS3cret9"_s << QString();
    QTest::newRow("keyword blank") << u"host=db password=Pl4nted S3cret9"_s << QString();
    QTest::newRow("keyword unterminated") << u"host=db password='Pl4nted S3cret9"_s << QString();
    QTest::newRow("jdbc userinfo") << u"jdbc:postgresql://app:Pl4nted@S3cret9@db:5432/app"_s << QString();
    QTest::newRow("jdbc parameter") << u"jdbc:postgresql://db/app?user=u&password=Pl4nted%zzS3cret9"_s << QString();
    QTest::newRow("asyncpg") << u"postgresql+asyncpg://app:Pl4nted@S3cret9@db/app?sslmode=require"_s << QString();
    QTest::newRow("prisma") << u"postgresql://app:Pl4nted@S3cret9@db:6432/app?pgbouncer=true"_s << QString();
    QTest::newRow("node") << u"postgres://app:Pl4nted#S3cret9@db/app"_s << u"node-postgres"_s;
    QTest::newRow("npgsql") << u"Host=db;Username=u;Password=\"Pl4nted;S3cret9\";Database=d;Bogus=1"_s << QString();
    // A URL read by a driver whose grammar takes it for keywords: the first "keyword" runs
    // through the password, and the driver's complaint names it, masked.
    QTest::newRow("url read as npgsql keywords")
        << u"postgresql://a:Pl4ntedxS3cret9@db/app?x=1;Host=db"_s << u"npgsql"_s;
    QTest::newRow("jdbc parameter through a password")
        << u"jdbc:postgresql://db/app?postgresql://a:Pl4ntedxS3cret9@h=1"_s << QString();
}

void TestUrl::plantedPasswordNeverShows()
{
    QFETCH(QString, text);
    QFETCH(QString, context);
    poolproof::UrlAnalysisOptions options;
    if (!context.isEmpty())
        options.context = poolproof::DialectContext {poolproof::dialectFromId(context), true, u"test"_s};
    poolproof::PolicyContext policy;
    policy.environment = u"production"_s;
    policy.poolerExpected = true;
    poolproof::UrlSite site;
    site.value = poolproof::SourceLocation {u".env"_s, 1, 14, 0, 0};
    site.key = u"DATABASE_URL"_s;
    const poolproof::CheckedUrl checked = poolproof::checkConnectionString(text, options, policy, site);
    const poolproof::UrlAnalysis &analysis = checked.analysis;
    QStringList shown {analysis.masked(),
                       analysis.libpqMessage(),
                       analysis.driverMessage(),
                       analysis.libpqView().libpqError(),
                       analysis.libpqView().masked(),
                       analysis.libpqView().value(u"password")};
    for (const poolproof::UrlIssue &issue : analysis.issues())
        shown << issue.message << issue.fix << issue.subject;
    for (const poolproof::Finding &finding : checked.findings)
        shown << finding.message << finding.fix << finding.snippet << finding.subject;
    for (const poolproof::ConnectionOption &option : analysis.libpqView().options())
        shown << option.value;
    shown << QString::fromUtf8(QJsonDocument(poolproof::urlAnalysisToJson(analysis, checked.pooler)).toJson());
    shown << QString::fromUtf8(QJsonDocument(poolproof::urlFindingsToJson(checked.findings)).toJson());
    for (const QString &text2 : std::as_const(shown)) {
        QVERIFY2(!text2.contains(u"Pl4nted"), qPrintable(text2));
        QVERIFY2(!text2.contains(u"S3cret9"), qPrintable(text2));
    }
}

void TestUrl::policy_data()
{
    QTest::addColumn<QString>("rule");
    QTest::addColumn<QString>("failing");
    QTest::addColumn<QString>("fixed");
    QTest::addColumn<QString>("environment");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QString>("driver");
    QTest::addColumn<bool>("poolerExpected");
    QTest::addColumn<QString>("failingPooler"); // pgbouncer.ini: "-" none, "tls:MODE", "ignore:PARAMETER"
    QTest::addColumn<QString>("fixedPooler");

    // A production URL that passes every check, varied one setting at a time.
    const QString good
        = u"postgresql://app:${DB_PASSWORD}@db-pooler.internal:6432/app?sslmode=verify-full&connect_timeout=5&application_name=api"_s;
    const auto with = [&](const QString &from, const QString &to) { return QString(good).replace(from, to); };
    QTest::newRow("PB501") << u"PB501"_s << with(u":6432"_s, u":65536"_s) << good << u"production"_s << u"application"_s
                           << QString() << QString() << true << u"-"_s << u"-"_s;
    QTest::newRow("PB502") << u"PB502"_s << with(u"${DB_PASSWORD}"_s, u"${DB_PASSWORD}@x"_s) << good << u"production"_s
                           << u"application"_s << QString() << QString() << true << u"-"_s << u"-"_s;
    QTest::newRow("PB504") << u"PB504"_s << good + u"&connection_limit=5"_s << good << u"production"_s
                           << u"application"_s << QString() << u"prisma"_s << true << u"-"_s << u"-"_s;
    QTest::newRow("PB505")
        << u"PB505"_s << u"postgresql+asyncpg://app@db-pooler.internal:6432/app?sslmode=verify-full"_s
        << u"postgresql+asyncpg://app@db-pooler.internal:6432/app?ssl=verify-full&prepared_statement_cache_size=0"_s
        << u"production"_s << u"application"_s << QString() << QString() << true << u"-"_s << u"-"_s;
    QTest::newRow("PB510") << u"PB510"_s << with(u"db-pooler.internal:6432"_s, u"db-primary.internal:5432"_s) << good
                           << u"production"_s << u"application"_s << QString() << QString() << true << u"-"_s << u"-"_s;
    QTest::newRow("PB510 staging") << u"PB510"_s << with(u"db-pooler.internal:6432"_s, u"db-primary.internal:5432"_s)
                                   << good << u"staging"_s << u"application"_s << QString() << QString() << true
                                   << u"-"_s << u"-"_s;
    QTest::newRow("PB511") << u"PB511"_s << good << with(u"db-pooler.internal:6432"_s, u"db-primary.internal:5432"_s)
                           << u"production"_s << u"migration"_s << QString() << QString() << true << u"-"_s << u"-"_s;
    QTest::newRow("PB520 require") << u"PB520"_s << with(u"verify-full"_s, u"require"_s) << good << u"production"_s
                                   << u"application"_s << QString() << QString() << true << u"-"_s << u"-"_s;
    QTest::newRow("PB520 absent") << u"PB520"_s << with(u"sslmode=verify-full&"_s, QString()) << good << u"production"_s
                                  << u"application"_s << QString() << QString() << true << u"-"_s << u"-"_s;
    QTest::newRow("PB520 system root") << u"PB520"_s << with(u"verify-full"_s, u"verify-ca"_s)
                                       << with(u"sslmode=verify-full"_s, u"sslrootcert=system"_s) << u"production"_s
                                       << u"application"_s << QString() << QString() << true << u"-"_s << u"-"_s;
    QTest::newRow("PB520 npgsql")
        << u"PB520"_s
        << u"Host=db-pooler;Port=6432;Database=app;Username=app;SSL Mode=VerifyFull;Trust Server Certificate=true;Application Name=api;No Reset On Close=true"_s
        << u"Host=db-pooler;Port=6432;Database=app;Username=app;SSL Mode=VerifyFull;Application Name=api;No Reset On Close=true"_s
        << u"production"_s << u"application"_s << QString() << QString() << true << u"-"_s << u"-"_s;
    QTest::newRow("PB521") << u"PB521"_s << with(u"db-pooler.internal"_s, u"localhost"_s) << good << u"production"_s
                           << u"application"_s << QString() << QString() << true << u"-"_s << u"-"_s;
    QTest::newRow("PB521 socket") << u"PB521"_s << with(u"db-pooler.internal"_s, u"%2Fvar%2Frun%2Fpostgresql"_s) << good
                                  << u"production"_s << u"application"_s << QString() << QString() << true << u"-"_s
                                  << u"-"_s;
    QTest::newRow("PB522") << u"PB522"_s << with(u"${DB_PASSWORD}"_s, u"hunter2"_s) << good << u"production"_s
                           << u"application"_s << QString() << QString() << true << u"-"_s << u"-"_s;
    QTest::newRow("PB522 helm") << u"PB522"_s << with(u"${DB_PASSWORD}"_s, u"hunter2"_s)
                                << with(u"${DB_PASSWORD}"_s, u"{{ .Values.db.password }}"_s) << u"production"_s
                                << u"application"_s << QString() << QString() << true << u"-"_s << u"-"_s;
    QTest::newRow("PB523 user") << u"PB523"_s << with(u"app:"_s, u"postgres:"_s) << good << u"production"_s
                                << u"application"_s << QString() << QString() << true << u"-"_s << u"-"_s;
    QTest::newRow("PB523 password") << u"PB523"_s << with(u"${DB_PASSWORD}"_s, u"changeme"_s)
                                    << with(u"${DB_PASSWORD}"_s, u"x8Jq2vLm"_s) << u"production"_s << u"application"_s
                                    << QString() << QString() << true << u"-"_s << u"-"_s;
    QTest::newRow("PB524") << u"PB524"_s << with(u"&connect_timeout=5"_s, QString()) << good << u"production"_s
                           << u"application"_s << QString() << QString() << true << u"-"_s << u"-"_s;
    QTest::newRow("PB524 zero") << u"PB524"_s << with(u"connect_timeout=5"_s, u"connect_timeout=0"_s) << good
                                << u"production"_s << u"application"_s << QString() << QString() << true << u"-"_s
                                << u"-"_s;
    QTest::newRow("PB525") << u"PB525"_s << with(u"&application_name=api"_s, QString()) << good << u"production"_s
                           << u"application"_s << QString() << QString() << true << u"-"_s << u"-"_s;
    QTest::newRow("PB526") << u"PB526"_s << with(u"6432/app"_s, u"6432/postgres"_s) << good << u"production"_s
                           << u"application"_s << QString() << QString() << true << u"-"_s << u"-"_s;
    QTest::newRow("PB527") << u"PB527"_s << good << good << u"production"_s << u"application"_s << QString()
                           << QString() << true << u"tls:disable"_s << u"tls:require"_s;
    QTest::newRow("PB530 prisma needed") << u"PB530"_s << good << good + u"&pgbouncer=true"_s << u"production"_s
                                         << u"application"_s << u"pgbouncer-legacy"_s << u"prisma"_s << true << u"-"_s
                                         << u"-"_s;
    QTest::newRow("PB530 prisma not needed")
        << u"PB530"_s << good + u"&pgbouncer=true"_s << good << u"production"_s << u"application"_s
        << u"pgbouncer-1.24"_s << u"prisma"_s << true << u"-"_s << u"-"_s;
    QTest::newRow("PB530 jdbc")
        << u"PB530"_s << u"jdbc:postgresql://db-pooler:6543/app?sslmode=verify-full&ApplicationName=api"_s
        << u"jdbc:postgresql://db-pooler:6543/app?sslmode=verify-full&ApplicationName=api&prepareThreshold=0"_s
        << u"production"_s << u"application"_s << u"supavisor"_s << QString() << true << u"-"_s << u"-"_s;
    QTest::newRow("PB530 pgx describe_exec")
        << u"PB530"_s << good + u"&default_query_exec_mode=describe_exec"_s << good + u"&default_query_exec_mode=exec"_s
        << u"production"_s << u"application"_s << QString() << u"pgx"_s << true << u"-"_s << u"-"_s;
    QTest::newRow("PB530 postgres.js") << u"PB530"_s << good << good + u"&prepare=false"_s << u"production"_s
                                       << u"application"_s << u"pgcat"_s << u"postgres-js"_s << true << u"-"_s
                                       << u"-"_s;
    QTest::newRow("PB530 npgsql")
        << u"PB530"_s
        << u"Host=db-pooler;Port=6432;Database=app;Username=app;SSL Mode=VerifyFull;Application Name=api;Max Auto Prepare=20"_s
        << u"Host=db-pooler;Port=6432;Database=app;Username=app;SSL Mode=VerifyFull;Application Name=api;Max Auto Prepare=0;No Reset On Close=true"_s
        << u"production"_s << u"application"_s << u"azure-pgbouncer"_s << QString() << true << u"-"_s << u"-"_s;
    QTest::newRow("PB530 asyncpg")
        << u"PB530"_s << u"postgresql+asyncpg://app@db-pooler:6543/app?ssl=verify-full"_s
        << u"postgresql+asyncpg://app@db-pooler:6543/app?ssl=verify-full&prepared_statement_cache_size=0"_s
        << u"production"_s << u"application"_s << u"supavisor"_s << QString() << true << u"-"_s << u"-"_s;
    QTest::newRow("PB531 pgx") << u"PB531"_s << good + u"&search_path=tenant"_s << good << u"production"_s
                               << u"application"_s << QString() << u"pgx"_s << true << u"-"_s << u"-"_s;
    QTest::newRow("PB531 options") << u"PB531"_s << good + u"&options=-c%20statement_timeout%3D5s"_s
                                   << good + u"&options=-c%20TimeZone%3DUTC"_s << u"production"_s << u"application"_s
                                   << QString() << QString() << true << u"-"_s << u"-"_s;
    QTest::newRow("PB531 jdbc") << u"PB531"_s
                                << u"jdbc:postgresql://db-pooler:6432/app?sslmode=verify-full&ApplicationName=api"_s
                                << u"jdbc:postgresql://db-pooler:6432/app?sslmode=verify-full&ApplicationName=api"_s
                                << u"production"_s << u"application"_s << QString() << QString() << true << u"-"_s
                                << u"ignore:extra_float_digits"_s;
    QTest::newRow("PB531 jdbc currentSchema")
        << u"PB531"_s
        << u"jdbc:postgresql://db-pooler:6432/app?sslmode=verify-full&ApplicationName=api&currentSchema=t"_s
        << u"jdbc:postgresql://db-pooler:6432/app?sslmode=verify-full&ApplicationName=api"_s << u"production"_s
        << u"application"_s << QString() << QString() << true << u"ignore:extra_float_digits"_s
        << u"ignore:extra_float_digits"_s;
    QTest::newRow("PB531 node statement_timeout")
        << u"PB531"_s << good + u"&statement_timeout=5000"_s << good << u"production"_s << u"application"_s << QString()
        << u"node-postgres"_s << true << u"-"_s << u"-"_s;
}

void TestUrl::policy()
{
    QFETCH(QString, rule);
    QFETCH(QString, failing);
    QFETCH(QString, fixed);
    QFETCH(QString, environment);
    QFETCH(QString, role);
    QFETCH(QString, profile);
    QFETCH(QString, driver);
    QFETCH(bool, poolerExpected);
    QFETCH(QString, failingPooler);
    QFETCH(QString, fixedPooler);

    const auto run = [&](const QString &text, const QString &pooler) {
        poolproof::UrlAnalysisOptions options;
        if (!driver.isEmpty())
            options.context = poolproof::DialectContext {poolproof::dialectFromId(driver), true, u"test"_s};
        poolproof::PolicyContext context;
        context.environment = environment;
        context.kind = poolproof::environmentKindFromName(environment);
        context.role = role == u"migration" ? poolproof::UrlRole::Migration : poolproof::UrlRole::Application;
        context.profile = profile.isEmpty() ? nullptr : poolproof::RuleCatalog::builtin().profile(profile);
        context.poolerExpected = poolerExpected;
        context.poolerExpectedReason = u"the test says so"_s;
        if (pooler != u"-") {
            poolproof::PoolerSettings settings;
            settings.path = u"pgbouncer.ini"_s;
            if (pooler.startsWith(u"ignore:"))
                settings.ignoreStartupParameters = {pooler.mid(7)};
            else
                settings.clientTlsSslmode = pooler.mid(4);
            context.pooler = settings;
        }
        poolproof::UrlSite site;
        site.value = poolproof::SourceLocation {u".env.production"_s, 3, 14, 0, 0};
        site.key = u"DATABASE_URL"_s;
        site.environment = environment;
        return ruleIds(poolproof::checkConnectionString(text, options, context, site).findings);
    };
    const QStringList fired = run(failing, failingPooler);
    QVERIFY2(fired.contains(rule), qPrintable(u"failing: "_s + fired.join(u',')));
    const QStringList silent = run(fixed, fixedPooler);
    QVERIFY2(!silent.contains(rule), qPrintable(u"fixed: "_s + silent.join(u',')));
}

void TestUrl::findingFields()
{
    poolproof::PolicyContext context;
    context.environment = u"production"_s;
    context.profile = poolproof::RuleCatalog::builtin().profile(u"rds-proxy");
    poolproof::UrlSite site;
    site.value = poolproof::SourceLocation {u"deploy/.env.production"_s, 7, 14, 0, 0};
    site.key = u"DATABASE_URL"_s;
    site.environment = u"production"_s;
    const QString text
        = u"postgresql://app:${DB_PASSWORD}@db.proxy-abc.eu-west-1.rds.amazonaws.com:5432/app?sslmode=require&connect_timeout=5&application_name=api"_s;
    const poolproof::CheckedUrl checked = poolproof::checkConnectionString(text, {}, context, site);
    QCOMPARE(checked.findings.size(), 1);
    const poolproof::Finding &finding = checked.findings.first();
    QCOMPARE(finding.ruleId, u"PB520"_s);
    QCOMPARE(finding.severity, poolproof::Severity::Warning); // require: at most a warning
    QCOMPARE(finding.location.path, u"deploy/.env.production"_s);
    QCOMPARE(finding.location.line, 7);
    QCOMPARE(finding.location.column, 14 + int(text.indexOf(u"require")));
    QCOMPARE(finding.environment, u"production"_s);
    QCOMPARE(finding.subject, u"sslmode"_s);
    QVERIFY(finding.snippet.contains(u"app:****@"));
    QVERIFY(!finding.fix.isEmpty());
    QCOMPARE(finding.fingerprint.size(), 40);
    QVERIFY(checked.pooler.viaPooler); // RDS Proxy host
    // The fingerprint does not depend on the line.
    site.value.line = 70;
    QCOMPARE(poolproof::checkConnectionString(text, {}, context, site).findings.first().fingerprint,
             finding.fingerprint);
    QCOMPARE(poolproof::compilerStyleLine(finding),
             u"deploy/.env.production:7:%1: warning: "_s.arg(finding.location.column) + finding.message
                 + u" [PB520]"_s);
}

void TestUrl::ruleCatalog()
{
    const poolproof::RuleCatalog &catalog = poolproof::RuleCatalog::builtin();
    for (const QString &id : {u"PB501"_s, u"PB502"_s, u"PB503"_s, u"PB504"_s, u"PB505"_s, u"PB510"_s, u"PB511"_s,
                              u"PB520"_s, u"PB521"_s, u"PB522"_s, u"PB523"_s, u"PB524"_s, u"PB525"_s, u"PB526"_s,
                              u"PB527"_s, u"PB530"_s, u"PB531"_s, u"PB540"_s, u"PB541"_s}) {
        const poolproof::Rule *rule = catalog.rule(id);
        QVERIFY2(rule, qPrintable(id));
        QCOMPARE(rule->category, u"connection-string"_s);
        QVERIFY(!rule->summary.isEmpty() && !rule->explanation.isEmpty() && !rule->fix.isEmpty());
        QVERIFY(!rule->references.isEmpty());
        for (auto it = rule->severities.constBegin(); it != rule->severities.constEnd(); ++it)
            QVERIFY2(it.key() == u"default" || catalog.profile(it.key()), qPrintable(it.key()));
        // Examples never show a password.
        QVERIFY(!rule->failingExample.contains(u"hunter2"));
    }
    QCOMPARE(catalog.rule(u"PB531")->severityFor(u"supavisor"_s), poolproof::Severity::Warning);
    QCOMPARE(catalog.rule(u"PB531")->severityFor(u"pgbouncer-1.24"_s), poolproof::Severity::Error);
}

QTEST_GUILESS_MAIN(TestUrl)
#include "tst_url.moc"
