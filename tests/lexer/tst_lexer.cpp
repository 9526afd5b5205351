#include "lexer/lexer.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

using namespace poolproof;
using namespace Qt::StringLiterals;

namespace {

const LanguageSpec &language(const QString &id)
{
    const LanguageSpec *spec = languageById(id);
    if (!spec)
        qFatal("unknown language %s", qPrintable(id));
    return *spec;
}

QByteArray bytes(QByteArrayView source, quint32 begin, quint32 end)
{
    return source.sliced(begin, end - begin).toByteArray();
}

// "C:text" for a comment, "S:text" for a string (the content between the delimiters), each
// string followed by "H:text" for its holes; in region order.
QStringList describe(const QString &id, const QByteArray &source)
{
    const LexedFile file = lex(language(id), source);
    QStringList out;
    for (const LexedRegion &region : file.regions) {
        const QString prefix = region.kind == RegionKind::Comment ? u"C:"_s : u"S:"_s;
        out << prefix + QString::fromUtf8(bytes(source, region.contentBegin, region.contentEnd));
        for (quint32 i = 0; i < region.holeCount; ++i) {
            const LexedHole &hole = file.holes[region.firstHole + i];
            out << u"H:"_s + QString::fromUtf8(bytes(source, hole.begin, hole.end));
        }
    }
    return out;
}

QString flagNames(quint8 flags)
{
    static const std::pair<quint8, QString> names[] = {
        {RegionFlag::RawString, u"raw"_s},       {RegionFlag::Interpolated, u"interpolated"_s},
        {RegionFlag::Heredoc, u"heredoc"_s},     {RegionFlag::Template, u"template"_s},
        {RegionFlag::DollarQuoted, u"dollar"_s}, {RegionFlag::Character, u"char"_s},
        {RegionFlag::ByteString, u"bytes"_s},    {RegionFlag::Sigil, u"sigil"_s},
    };
    QStringList out;
    for (const auto &[flag, name] : names) {
        if (flags & flag)
            out << name;
    }
    return out.join(u' ');
}

const LexedRegion *nthString(const LexedFile &file, int n)
{
    for (const LexedRegion &region : file.regions) {
        if (region.kind == RegionKind::String && n-- == 0)
            return &region;
    }
    return nullptr;
}

// What must hold for any input: ranges inside the file and ordered, regions nested only inside
// holes, holes inside their string, decoded offsets inside the content.
QString checkInvariants(const LanguageSpec &spec, QByteArrayView source, const LexedFile &file,
                        size_t decodeLimit = std::numeric_limits<size_t>::max())
{
    const quint32 size = quint32(source.size());
    std::vector<const LexedRegion *> open;
    quint32 previousBegin = 0;
    for (size_t i = 0; i < file.regions.size(); ++i) {
        const LexedRegion &r = file.regions[i];
        if (!(r.begin <= r.contentBegin && r.contentBegin <= r.contentEnd && r.contentEnd <= r.end && r.end <= size))
            return u"region %1 has bad ranges %2 %3 %4 %5"_s.arg(i)
                .arg(r.begin)
                .arg(r.contentBegin)
                .arg(r.contentEnd)
                .arg(r.end);
        if (r.begin < previousBegin)
            return u"region %1 out of order"_s.arg(i);
        previousBegin = r.begin;
        if (size_t(r.firstHole) + r.holeCount > file.holes.size())
            return u"region %1 has bad holes"_s.arg(i);
        quint32 holeFloor = r.contentBegin;
        for (quint32 h = 0; h < r.holeCount; ++h) {
            const LexedHole &hole = file.holes[r.firstHole + h];
            if (!(holeFloor <= hole.begin && hole.begin <= hole.codeBegin && hole.codeBegin <= hole.codeEnd
                  && hole.codeEnd <= hole.end && hole.end <= r.contentEnd))
                return u"region %1 hole %2 has bad ranges"_s.arg(i).arg(h);
            holeFloor = hole.end;
        }
        while (!open.empty() && open.back()->end <= r.begin)
            open.pop_back();
        if (!open.empty()) {
            const LexedRegion &outer = *open.back();
            bool inHole = false;
            for (quint32 h = 0; h < outer.holeCount && !inHole; ++h) {
                const LexedHole &hole = file.holes[outer.firstHole + h];
                inHole = hole.begin <= r.begin && r.end <= hole.end;
            }
            if (!inHole)
                return u"region %1 overlaps region %2 outside its holes"_s.arg(i).arg(&outer - file.regions.data());
        }
        if (r.holeCount > 0)
            open.push_back(&r);
        if (i >= decodeLimit)
            continue;
        const DecodedString decoded = decodeString(spec, source, file, r);
        if (decoded.sourceOffsets.size() != size_t(decoded.text.size()))
            return u"region %1 decodes to mismatched offsets"_s.arg(i);
        for (const quint32 offset : decoded.sourceOffsets) {
            if (offset < r.contentBegin || offset >= r.contentEnd)
                return u"region %1 decodes to offset %2 outside its content"_s.arg(i).arg(offset);
        }
    }
    std::vector<int> seen(file.regions.size(), 0);
    for (const std::vector<int> &group : concatenatedGroups(spec, source, file)) {
        for (size_t k = 0; k < group.size(); ++k) {
            if (group[k] < 0 || size_t(group[k]) >= file.regions.size() || (k > 0 && group[k] <= group[k - 1]))
                return u"bad concatenation group"_s;
            ++seen[size_t(group[k])];
        }
    }
    for (size_t i = 0; i < file.regions.size(); ++i) {
        if (seen[i] != (file.regions[i].kind == RegionKind::String ? 1 : 0))
            return u"region %1 is in %2 concatenation groups"_s.arg(i).arg(seen[i]);
    }
    return {};
}

} // namespace

class TestLexer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void regions_data();
    void regions();
    void flags_data();
    void flags();
    void decode_data();
    void decode();
    void decodeOffsets();
    void concatenation_data();
    void concatenation();
    void fileNames_data();
    void fileNames();
    void languageIds();
    void robustness_data();
    void robustness();
    void randomInput();
    void languageOutsideTheTableLexesAlike();
};

void TestLexer::regions_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QStringList>("expected");
    const auto row = [](const char *name, const QString &id, const QByteArray &source, const QStringList &expected) {
        QTest::newRow(name) << id << source << expected;
    };

    // JavaScript / TypeScript
    const QString js = u"javascript"_s;
    row("js line comment", js, QByteArrayLiteral("x = 1; // SET search_path"), {u"C: SET search_path"_s});
    row("js block comment", js, QByteArrayLiteral("a /* b\n c */ d"), {u"C: b\n c "_s});
    row("js quotes", js, QByteArrayLiteral("q('SET x', \"a\\\"b\")"), {u"S:SET x"_s, u"S:a\\\"b"_s});
    row("js comment marker in string", js, QByteArrayLiteral("s = \"// no\" // yes"), {u"S:// no"_s, u"C: yes"_s});
    row("js quote in comment", js, QByteArrayLiteral("// don't\nx = \"a\""), {u"C: don't"_s, u"S:a"_s});
    row("js template holes", js, QByteArrayLiteral("`SET ${name} TO ${value}`"),
        {u"S:SET ${name} TO ${value}"_s, u"H:${name}"_s, u"H:${value}"_s});
    row("js nested template", js, QByteArrayLiteral("`a ${b ? `c ${d}` : \"}\"} e`"),
        {u"S:a ${b ? `c ${d}` : \"}\"} e"_s, u"H:${b ? `c ${d}` : \"}\"}"_s, u"S:c ${d}"_s, u"H:${d}"_s, u"S:}"_s});
    row("js braces in hole", js, QByteArrayLiteral("`${ {a: 1}.a }!`"), {u"S:${ {a: 1}.a }!"_s, u"H:${ {a: 1}.a }"_s});
    row("js comment in hole", js, QByteArrayLiteral("`${a /* } */}`"),
        {u"S:${a /* } */}"_s, u"H:${a /* } */}"_s, u"C: } "_s});
    row("js multiline template", js, QByteArrayLiteral("`SELECT\n1`"), {u"S:SELECT\n1"_s});
    row("js escaped template", js, QByteArrayLiteral("`\\${x} \\` y`"), {u"S:\\${x} \\` y"_s});
    row("js regex with quotes", js, QByteArrayLiteral("s.replace(/['\"]/g, '')"), {u"S:"_s});
    row("js regex after return", js, QByteArrayLiteral("return /\"/.test(s) // c"), {u"C: c"_s});
    row("js regex class slash", js, QByteArrayLiteral("x = /[/\"]/; y = \"z\""), {u"S:z"_s});
    row("js regex line start", js, QByteArrayLiteral("f()\n/'/.test(x)"), {});
    row("js division", js, QByteArrayLiteral("a = b / 2; s = \"it's\"; t = c / 3"), {u"S:it's"_s});
    row("js division after paren", js, QByteArrayLiteral("(a) / 2; 'q'; b[0] / 3"), {u"S:q"_s});
    row("js division after string", js, QByteArrayLiteral("'a' / 2; \"b\" / 3"), {u"S:a"_s, u"S:b"_s});
    row("js unterminated quote ends at line", js, QByteArrayLiteral("x = 'abc\ny = \"d\""), {u"S:abc"_s, u"S:d"_s});
    row("js unterminated template", js, QByteArrayLiteral("`a ${b"), {u"S:a ${b"_s, u"H:${b"_s});
    row("js unterminated block comment", js, QByteArrayLiteral("/* a 'b'"), {u"C: a 'b'"_s});
    row("js jsx closing tag", js, QByteArrayLiteral("x = <p>a</p> // c"), {u"C: c"_s});
    row("js private field is code", js, QByteArrayLiteral("this.#x = 'y'"), {u"S:y"_s});

    // Python
    const QString py = u"python"_s;
    row("py comment", py, QByteArrayLiteral("x = 1  # SET x"), {u"C: SET x"_s});
    row("py hash in string", py, QByteArrayLiteral("\"a # b\"  # c"), {u"S:a # b"_s, u"C: c"_s});
    row("py quotes", py, QByteArrayLiteral("'a' \"b\""), {u"S:a"_s, u"S:b"_s});
    row("py triple", py, QByteArrayLiteral("\"\"\"SET\n'x'\"\"\" '''it's \"y\"'''"),
        {u"S:SET\n'x'"_s, u"S:it's \"y\""_s});
    row("py prefixes", py, QByteArrayLiteral("r\"\\d\" b'x' f\"{y}\" rb'z' BR\"w\" Rf\"{q}\" u'v'"),
        {u"S:\\d"_s, u"S:x"_s, u"S:{y}"_s, u"H:{y}"_s, u"S:z"_s, u"S:w"_s, u"S:{q}"_s, u"H:{q}"_s, u"S:v"_s});
    row("py prefixed triple", py, QByteArrayLiteral("f'''a {b}\n'''"), {u"S:a {b}\n"_s, u"H:{b}"_s});
    row("py fstring literal braces", py, QByteArrayLiteral("f\"{{x}} {y}\""), {u"S:{{x}} {y}"_s, u"H:{y}"_s});
    row("py fstring format spec", py, QByteArrayLiteral("f\"{v:>{w}} {d['k']!r} {e:'^9}\""),
        {u"S:{v:>{w}} {d['k']!r} {e:'^9}"_s, u"H:{v:>{w}}"_s, u"H:{d['k']!r}"_s, u"H:{e:'^9}"_s, u"S:k"_s});
    row("py fstring same quotes", py, QByteArrayLiteral("f\"{x[\"a\"]}\""),
        {u"S:{x[\"a\"]}"_s, u"H:{x[\"a\"]}"_s, u"S:a"_s});
    row("py fstring slice colon", py, QByteArrayLiteral("f'{a[1:2]}'"), {u"S:{a[1:2]}"_s, u"H:{a[1:2]}"_s});
    row("py raw escaped quote", py, QByteArrayLiteral("r\"a\\\"b\""), {u"S:a\\\"b"_s});
    row("py keyword is no prefix", py, QByteArrayLiteral("if\"x\" in y: pass"), {u"S:x"_s});
    row("py name is no prefix", py, QByteArrayLiteral("bar('x')"), {u"S:x"_s});
    row("py unterminated ends at line", py, QByteArrayLiteral("'abc\nd = \"e\""), {u"S:abc"_s, u"S:e"_s});
    row("py unterminated hole ends at line", py, QByteArrayLiteral("f\"{x\ny = 'z'"), {u"S:{x"_s, u"H:{x"_s, u"S:z"_s});
    row("py unterminated triple", py, QByteArrayLiteral("'''a\n# b"), {u"S:a\n# b"_s});

    // Go
    const QString go = u"go"_s;
    row("go comments", go, QByteArrayLiteral("// a\n/* b */ x"), {u"C: a"_s, u"C: b "_s});
    row("go strings", go, QByteArrayLiteral("\"a\\\"b\" `raw\n\"x\"` '\\''"),
        {u"S:a\\\"b"_s, u"S:raw\n\"x\""_s, u"S:\\'"_s});
    row("go rune quote", go, QByteArrayLiteral("r := '\"' // c"), {u"S:\""_s, u"C: c"_s});
    row("go raw backslash", go, QByteArrayLiteral("`C:\\path` + \"x\""), {u"S:C:\\path"_s, u"S:x"_s});

    // Java
    const QString java = u"java"_s;
    row("java basics", java, QByteArrayLiteral("\"a\" + 'b' // c /* d */"), {u"S:a"_s, u"S:b"_s, u"C: c /* d */"_s});
    row("java text block", java, QByteArrayLiteral("q = \"\"\"\n    SELECT \"x\"\n    \"\"\";"),
        {u"S:    SELECT \"x\"\n    "_s});
    row("java text block escaped quotes", java, QByteArrayLiteral("\"\"\"\n  a \\\"\"\" b\n  \"\"\""),
        {u"S:  a \\\"\"\" b\n  "_s});
    row("java char quote", java, QByteArrayLiteral("c = '\"'; s = \"x\""), {u"S:\""_s, u"S:x"_s});

    // Kotlin
    const QString kt = u"kotlin"_s;
    row("kt nested comment", kt, QByteArrayLiteral("/* a /* b */ c */ \"d\""), {u"C: a /* b */ c "_s, u"S:d"_s});
    row("kt templates", kt, QByteArrayLiteral("\"SET $name TO ${value + 1}\""),
        {u"S:SET $name TO ${value + 1}"_s, u"H:$name"_s, u"H:${value + 1}"_s});
    row("kt raw template", kt, QByteArrayLiteral("\"\"\"\n|SELECT $x \\n\n\"\"\""),
        {u"S:\n|SELECT $x \\n\n"_s, u"H:$x"_s});
    row("kt raw greedy close", kt, QByteArrayLiteral("\"\"\"a\"\"\"\" + \"b\""), {u"S:a\""_s, u"S:b"_s});
    row("kt dollar digit", kt, QByteArrayLiteral("\"cost: $5\""), {u"S:cost: $5"_s});
    row("kt string in hole", kt, QByteArrayLiteral("\"${m[\"k\"]}\""),
        {u"S:${m[\"k\"]}"_s, u"H:${m[\"k\"]}"_s, u"S:k"_s});

    // Ruby
    const QString rb = u"ruby"_s;
    row("rb comment", rb, QByteArrayLiteral("x = 1 # c"), {u"C: c"_s});
    row("rb begin end", rb, QByteArrayLiteral("=begin\nSET 'x'\n=end\ny = 'z'"), {u"C:\nSET 'x'\n"_s, u"S:z"_s});
    row("rb begin not at line start", rb, QByteArrayLiteral("a =begin\n'x'"), {u"S:x"_s});
    row("rb interpolation", rb, QByteArrayLiteral("\"SET #{name} TO #{v}\""),
        {u"S:SET #{name} TO #{v}"_s, u"H:#{name}"_s, u"H:#{v}"_s});
    row("rb string in hole", rb, QByteArrayLiteral("\"a #{h[\"k\"]} b\""),
        {u"S:a #{h[\"k\"]} b"_s, u"H:#{h[\"k\"]}"_s, u"S:k"_s});
    row("rb single quotes", rb, QByteArrayLiteral("'a #{b}' # c"), {u"S:a #{b}"_s, u"C: c"_s});
    row("rb multiline string", rb, QByteArrayLiteral("\"a\nb\""), {u"S:a\nb"_s});
    row("rb percent literals", rb, QByteArrayLiteral("%q(a (b) c); %Q{x #{y}}; %w[a b]; x = %(p); %i<s>"),
        {u"S:a (b) c"_s, u"S:x #{y}"_s, u"H:#{y}"_s, u"S:a b"_s, u"S:p"_s, u"S:s"_s});
    row("rb percent other delimiter", rb, QByteArrayLiteral("x = %q|a'b| # c"), {u"S:a'b"_s, u"C: c"_s});
    row("rb modulo", rb, QByteArrayLiteral("x = a % (b) + 'c'; y = 10%3; z = (a) %(b)"), {u"S:c"_s});
    row("rb squiggly heredoc", rb, QByteArrayLiteral("q = <<~SQL\n  SET x\nSQL\nz = 'w'"),
        {u"S:  SET x\n"_s, u"S:w"_s});
    row("rb heredoc rest of line", rb, QByteArrayLiteral("conn.exec(<<-SQL.strip, 'arg')\n  SET y\n  SQL\n"),
        {u"S:arg"_s, u"S:  SET y\n"_s});
    row("rb two heredocs", rb, QByteArrayLiteral("f(<<~A, <<~B)\n  one\nA\n  two\nB\n'after'"),
        {u"S:  one\n"_s, u"S:  two\n"_s, u"S:after"_s});
    row("rb raw heredoc", rb, QByteArrayLiteral("<<~'SQL'\n  #{not} here\nSQL"), {u"S:  #{not} here\n"_s});
    row("rb heredoc holes", rb, QByteArrayLiteral("<<~SQL\n  SET #{x}\nSQL"), {u"S:  SET #{x}\n"_s, u"H:#{x}"_s});
    row("rb bare heredoc", rb, QByteArrayLiteral("x = <<SQL\nSET z\nSQL"), {u"S:SET z\n"_s});
    row("rb heredoc opener comment", rb, QByteArrayLiteral("<<~SQL # note\n  body\nSQL"),
        {u"C: note"_s, u"S:  body\n"_s});
    row("rb shift is code", rb, QByteArrayLiteral("a << b; c <<d; class << self; e = \"f\""), {u"S:f"_s});
    row("rb question char", rb, QByteArrayLiteral("c == ?\" ; s = \"x\""), {u"S:x"_s});
    row("rb ternary is no char", rb, QByteArrayLiteral("x = a ?\"y\":\"n\""), {u"S:y"_s, u"S:n"_s});
    row("rb regex", rb, QByteArrayLiteral("s =~ /[\"'#]/ ? \"y\" : 'n'"), {u"S:y"_s, u"S:n"_s});
    row("rb unterminated heredoc", rb, QByteArrayLiteral("<<~SQL\nSET x"), {u"S:SET x"_s});

    // Elixir
    const QString ex = u"elixir"_s;
    row("ex comment and holes", ex, QByteArrayLiteral("# c\n\"a #{b} c\""), {u"C: c"_s, u"S:a #{b} c"_s, u"H:#{b}"_s});
    row("ex heredoc", ex, QByteArrayLiteral("\"\"\"\n  SET \"x\"\n  \"\"\""), {u"S:  SET \"x\"\n"_s});
    row("ex sigils", ex, QByteArrayLiteral("~s(a \"b\") ~r/[#\"]/i ~w[a b] ~c'x'"),
        {u"S:a \"b\""_s, u"S:[#\"]"_s, u"S:a b"_s, u"S:x"_s});
    row("ex sigil delimiters", ex, QByteArrayLiteral("~s<a> ~s{b} ~s|c| ~s'd' ~s\"e\" ~s[f] ~s/g/ ~s(h)"),
        {u"S:a"_s, u"S:b"_s, u"S:c"_s, u"S:d"_s, u"S:e"_s, u"S:f"_s, u"S:g"_s, u"S:h"_s});
    row("ex uppercase heredoc sigil", ex, QByteArrayLiteral("~S\"\"\"\n  raw #{x}\n  \"\"\""), {u"S:  raw #{x}\n"_s});
    row("ex uppercase sigil", ex, QByteArrayLiteral("~S(#{x}) ~HTML(<p>\"</p>)"), {u"S:#{x}"_s, u"S:<p>\"</p>"_s});
    row("ex sigil hole", ex, QByteArrayLiteral("~s(SET #{x})"), {u"S:SET #{x}"_s, u"H:#{x}"_s});
    row("ex charlist", ex, QByteArrayLiteral("'abc' # d"), {u"S:abc"_s, u"C: d"_s});
    row("ex question char", ex, QByteArrayLiteral("x = ?\" ; y = \"z\" ; valid?(\"w\")"), {u"S:z"_s, u"S:w"_s});

    // C#
    const QString cs = u"csharp"_s;
    row("cs basics", cs, QByteArrayLiteral("// c\n/* d */ \"a\\\"b\" 'c'"),
        {u"C: c"_s, u"C: d "_s, u"S:a\\\"b"_s, u"S:c"_s});
    row("cs verbatim", cs, QByteArrayLiteral("@\"C:\\x \"\"q\"\"\" + \"y\""), {u"S:C:\\x \"\"q\"\""_s, u"S:y"_s});
    row("cs interpolated", cs, QByteArrayLiteral("$\"SET {name} TO {v,5:N2} {{lit}}\""),
        {u"S:SET {name} TO {v,5:N2} {{lit}}"_s, u"H:{name}"_s, u"H:{v,5:N2}"_s});
    row("cs verbatim interpolated", cs, QByteArrayLiteral("$@\"a {b}\" @$\"c\n{d}\""),
        {u"S:a {b}"_s, u"H:{b}"_s, u"S:c\n{d}"_s, u"H:{d}"_s});
    row("cs raw", cs, QByteArrayLiteral("\"\"\"\n    SELECT \"x\"\n    \"\"\";"), {u"S:    SELECT \"x\""_s});
    row("cs raw interpolated", cs, QByteArrayLiteral("$$\"\"\"{\"a\": {{v}}}\"\"\""),
        {u"S:{\"a\": {{v}}}"_s, u"H:{{v}}"_s});
    row("cs raw single line", cs, QByteArrayLiteral("\"\"\"a \"b\" c\"\"\""), {u"S:a \"b\" c"_s});
    row("cs strings in hole", cs, QByteArrayLiteral("$\"{(a ? \"x\" : \"y\")}\""),
        {u"S:{(a ? \"x\" : \"y\")}"_s, u"H:{(a ? \"x\" : \"y\")}"_s, u"S:x"_s, u"S:y"_s});
    row("cs global alias in hole", cs, QByteArrayLiteral("$\"{global::A.B}\""),
        {u"S:{global::A.B}"_s, u"H:{global::A.B}"_s});

    // Rust
    const QString rs = u"rust"_s;
    row("rs nested comment", rs, QByteArrayLiteral("/* a /* b */ c */ x"), {u"C: a /* b */ c "_s});
    row("rs raw strings", rs, QByteArrayLiteral("r\"a\\b\" r#\"x \"y\" z\"# r##\"a\"#b\"##"),
        {u"S:a\\b"_s, u"S:x \"y\" z"_s, u"S:a\"#b"_s});
    row("rs byte strings", rs, QByteArrayLiteral("b\"x\" br#\"y\"# b'z' c\"w\""),
        {u"S:x"_s, u"S:y"_s, u"S:z"_s, u"S:w"_s});
    row("rs lifetimes", rs, QByteArrayLiteral("fn f<'a>(x: &'a str) -> char { 'a' }"), {u"S:a"_s});
    row("rs char escapes", rs, QByteArrayLiteral("['\\n', '\\'', '\\u{1F600}', '\"', '\xc3\xa9']"),
        {u"S:\\n"_s, u"S:\\'"_s, u"S:\\u{1F600}"_s, u"S:\""_s, u"S:\u00e9"_s});
    row("rs label", rs, QByteArrayLiteral("'outer: loop { break 'outer; } \"s\""), {u"S:s"_s});
    row("rs multiline string", rs, QByteArrayLiteral("\"a\nb\""), {u"S:a\nb"_s});
    row("rs raw identifier", rs, QByteArrayLiteral("let r#type = \"x\";"), {u"S:x"_s});

    // PHP
    const QString php = u"php"_s;
    row("php inline html", php, QByteArrayLiteral("<p>it's</p><?php echo 'a'; ?><p>\"b\"</p>"), {u"S:a"_s});
    row("php comments", php, QByteArrayLiteral("<?php // c\n# d\n#[Attr]\n/* e */"),
        {u"C: c"_s, u"C: d"_s, u"C: e "_s});
    row("php close tag ends comment", php, QByteArrayLiteral("<?php // c ?> it's <?php 'x';"), {u"C: c "_s, u"S:x"_s});
    row("php interpolation", php, QByteArrayLiteral("<?php \"SET $name {$obj->v} ${x} $a[0] $o->p\";"),
        {u"S:SET $name {$obj->v} ${x} $a[0] $o->p"_s, u"H:$name"_s, u"H:{$obj->v}"_s, u"H:${x}"_s, u"H:$a[0]"_s,
         u"H:$o->p"_s});
    row("php heredoc", php, QByteArrayLiteral("<?php $q = <<<SQL\n    SET $x\n    SQL;\n'y';"),
        {u"S:    SET $x"_s, u"H:$x"_s, u"S:y"_s});
    row("php nowdoc", php, QByteArrayLiteral("<?php <<<'SQL'\nSET $x\nSQL;"), {u"S:SET $x"_s});
    row("php single quotes", php, QByteArrayLiteral("<?php 'a\\'b $c';"), {u"S:a\\'b $c"_s});
    row("php short echo tag", php, QByteArrayLiteral("<a href=\"x\"><?= \"y\" ?></a>"), {u"S:y"_s});
    row("php no tag is html", php, QByteArrayLiteral("<p>\"x\" // y</p>"), {});

    // SQL
    const QString sql = u"sql"_s;
    row("sql comments and quotes", sql, QByteArrayLiteral("-- c\nSELECT 'a''b' /* x /* y */ z */"),
        {u"C: c"_s, u"S:a''b"_s, u"C: x /* y */ z "_s});
    row("sql escape strings", sql, QByteArrayLiteral("E'a\\'b' e'c\\\\'"), {u"S:a\\'b"_s, u"S:c\\\\"_s});
    row("sql plain backslash", sql, QByteArrayLiteral("'a\\' -- c"), {u"S:a\\"_s, u"C: c"_s});
    row("sql quoted identifiers", sql, QByteArrayLiteral("SELECT \"a--b\", \"c\"\"d\", 'e'"), {u"S:e"_s});
    row("sql dollar quote", sql, QByteArrayLiteral("$$BEGIN 'x' -- y\nEND$$"), {u"S:BEGIN 'x' -- y\nEND"_s});
    row("sql tagged dollar quote", sql, QByteArrayLiteral("$fn$ $$ inner $$ $fn$"), {u"S: $$ inner $$ "_s});
    row("sql parameter", sql, QByteArrayLiteral("SELECT $1, 'a'"), {u"S:a"_s});
    row("sql unicode string", sql, QByteArrayLiteral("U&'d\\0061t'"), {u"S:d\\0061t"_s});
    row("sql dollar in name", sql, QByteArrayLiteral("SELECT a$b$ FROM t; 'x'"), {u"S:x"_s});
    row("sql unterminated dollar", sql, QByteArrayLiteral("$a$ x"), {u"S: x"_s});

    // YAML
    const QString yaml = u"yaml"_s;
    row("yaml comments", yaml, QByteArrayLiteral("key: value # c\nurl: http://x#y"), {u"C: c"_s});
    row("yaml quotes", yaml, QByteArrayLiteral("a: \"x # y\"\nb: 'it''s' # z"),
        {u"S:x # y"_s, u"S:it''s"_s, u"C: z"_s});
    row("yaml apostrophe in plain", yaml, QByteArrayLiteral("msg: don't # c"), {u"C: c"_s});
    row("yaml block scalar", yaml, QByteArrayLiteral("sql: |\n  SET x;\n  # not a comment\nnext: 1 # c"),
        {u"S:  SET x;\n  # not a comment"_s, u"C: c"_s});
    row("yaml folded with comment", yaml, QByteArrayLiteral("q: >- # note\n  a\n\n  b\n"),
        {u"C: note"_s, u"S:  a\n\n  b"_s});
    row("yaml block in sequence", yaml, QByteArrayLiteral("- query: |\n    SELECT 1\n  other: 'x'"),
        {u"S:    SELECT 1"_s, u"S:x"_s});
    row("yaml sequence quotes", yaml, QByteArrayLiteral("- \"a\"\n- 'b'\n- [c, \"d\"]"),
        {u"S:a"_s, u"S:b"_s, u"S:d"_s});
    row("yaml pipe in value", yaml, QByteArrayLiteral("cmd: a | b\n"), {});

    // .env and shell
    const QString sh = u"shell"_s;
    row("env comment", sh, QByteArrayLiteral("KEY=value # c\n# full"), {u"C: c"_s, u"C: full"_s});
    row("env quoted hash", sh, QByteArrayLiteral("KEY=\"a#b\" # c"), {u"S:a#b"_s, u"C: c"_s});
    row("env hash in value", sh, QByteArrayLiteral("KEY=a#b"), {});
    row("env single quotes", sh, QByteArrayLiteral("URL='postgres://u:p@h/db'"), {u"S:postgres://u:p@h/db"_s});
    row("env interpolation", sh, QByteArrayLiteral("export DSN=\"host=${HOST} port=$PORT\""),
        {u"S:host=${HOST} port=$PORT"_s, u"H:${HOST}"_s, u"H:$PORT"_s});
    row("env apostrophe in value", sh, QByteArrayLiteral("A=it's"), {});

    // INI
    const QString ini = u"ini"_s;
    row("ini comments", ini, QByteArrayLiteral("; comment\n# another\n[db]\ndsn = host=x;port=5 ; note"),
        {u"C: comment"_s, u"C: another"_s, u"C: note"_s});
    row("ini quoted", ini, QByteArrayLiteral("name = \"a;b\" ; c"), {u"S:a;b"_s, u"C: c"_s});
    row("ini apostrophe", ini, QByteArrayLiteral("path = it's"), {});

    // TOML
    const QString toml = u"toml"_s;
    row("toml basics", toml, QByteArrayLiteral("# c\nname = \"a # b\""), {u"C: c"_s, u"S:a # b"_s});
    row("toml multiline", toml, QByteArrayLiteral("s = \"\"\"\nmulti\nline\"\"\"\nl = '''\nC:\\x'''"),
        {u"S:multi\nline"_s, u"S:C:\\x"_s});
    row("toml literal", toml, QByteArrayLiteral("p = 'C:\\path' # c"), {u"S:C:\\path"_s, u"C: c"_s});

    // Java properties
    const QString props = u"properties"_s;
    row("properties comments", props, QByteArrayLiteral("# c\n  ! d\nkey=value # not\nurl='jdbc:x'"),
        {u"C: c"_s, u"C: d"_s});
    row("properties continuation", props, QByteArrayLiteral("key=a \\\n# not a comment\n# comment"), {u"C: comment"_s});

    // XML
    const QString xml = u"xml"_s;
    row("xml comment and attributes", xml, QByteArrayLiteral("<!-- c --><a b=\"x\" c = 'y'>don't \"z\"</a>"),
        {u"C: c "_s, u"S:x"_s, u"S:y"_s});
    row("xml multiline comment", xml, QByteArrayLiteral("<!-- multi\nline -->"), {u"C: multi\nline "_s});

    // JSON
    row("json strings", u"json"_s, QByteArrayLiteral("{\"a\": \"b // c\", \"d\": 1}"),
        {u"S:a"_s, u"S:b // c"_s, u"S:d"_s});
    row("jsonc comments", u"jsonc"_s, QByteArrayLiteral("{\"a\": 1 // c\n/* d */}"), {u"S:a"_s, u"C: c"_s, u"C: d "_s});
}

void TestLexer::regions()
{
    QFETCH(QString, language);
    QFETCH(QByteArray, source);
    QFETCH(QStringList, expected);
    // Joined, so that a failure shows the whole difference.
    QCOMPARE(describe(language, source).join(u" | "), expected.join(u" | "));
    const LexedFile file = lex(::language(language), source);
    const QString problem = checkInvariants(::language(language), source, file);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestLexer::flags_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QString>("flags");

    QTest::newRow("js template") << u"javascript"_s << QByteArrayLiteral("`a`") << u"interpolated template"_s;
    QTest::newRow("js plain") << u"javascript"_s << QByteArrayLiteral("'a'") << u""_s;
    QTest::newRow("py raw bytes") << u"python"_s << QByteArrayLiteral("rb'a'") << u"raw bytes"_s;
    QTest::newRow("py fstring") << u"python"_s << QByteArrayLiteral("F'a'") << u"interpolated"_s;
    QTest::newRow("py triple") << u"python"_s << QByteArrayLiteral("'''a'''") << u"heredoc"_s;
    QTest::newRow("go raw") << u"go"_s << QByteArrayLiteral("`a`") << u"raw"_s;
    QTest::newRow("go rune") << u"go"_s << QByteArrayLiteral("'a'") << u"char"_s;
    QTest::newRow("java text block") << u"java"_s << QByteArrayLiteral("\"\"\"\na\"\"\"") << u"heredoc"_s;
    QTest::newRow("kt raw") << u"kotlin"_s << QByteArrayLiteral("\"\"\"a\"\"\"") << u"raw interpolated heredoc"_s;
    QTest::newRow("rb heredoc") << u"ruby"_s << QByteArrayLiteral("<<~A\nx\nA") << u"interpolated heredoc"_s;
    QTest::newRow("rb raw heredoc") << u"ruby"_s << QByteArrayLiteral("<<~'A'\nx\nA") << u"raw heredoc"_s;
    QTest::newRow("rb percent") << u"ruby"_s << QByteArrayLiteral("%w[a]") << u"sigil"_s;
    QTest::newRow("ex raw sigil") << u"elixir"_s << QByteArrayLiteral("~S(a)") << u"raw sigil"_s;
    QTest::newRow("cs verbatim") << u"csharp"_s << QByteArrayLiteral("@\"a\"") << u"raw"_s;
    QTest::newRow("cs verbatim interpolated") << u"csharp"_s << QByteArrayLiteral("$@\"a\"") << u"raw interpolated"_s;
    QTest::newRow("cs raw") << u"csharp"_s << QByteArrayLiteral("\"\"\"a\"\"\"") << u"raw"_s;
    QTest::newRow("rs char") << u"rust"_s << QByteArrayLiteral("'a'") << u"char"_s;
    QTest::newRow("rs byte char") << u"rust"_s << QByteArrayLiteral("b'a'") << u"char bytes"_s;
    QTest::newRow("rs raw bytes") << u"rust"_s << QByteArrayLiteral("br#\"a\"#") << u"raw bytes"_s;
    QTest::newRow("php nowdoc") << u"php"_s << QByteArrayLiteral("<?php <<<'A'\nx\nA;") << u"raw heredoc"_s;
    QTest::newRow("sql dollar") << u"sql"_s << QByteArrayLiteral("$$a$$") << u"raw dollar"_s;
    QTest::newRow("yaml block") << u"yaml"_s << QByteArrayLiteral("a: |\n  x\n") << u"raw heredoc"_s;
}

void TestLexer::flags()
{
    QFETCH(QString, language);
    QFETCH(QByteArray, source);
    QFETCH(QString, flags);
    const LexedFile file = lex(::language(language), source);
    const LexedRegion *region = nthString(file, 0);
    QVERIFY(region);
    QCOMPARE(flagNames(region->flags), flags);
}

void TestLexer::decode_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QByteArray>("expected");
    const auto row = [](const char *name, const QString &id, const QByteArray &source, const QByteArray &expected) {
        QTest::newRow(name) << id << source << expected;
    };

    const QString js = u"javascript"_s;
    row("js escapes", js, QByteArrayLiteral("'a\\nb\\t\\x41\\u0042\\u{1F600}\\'\\\\\\q'"),
        QByteArrayLiteral("a\nb\tAB\xf0\x9f\x98\x80'\\q"));
    row("js template holes", js, QByteArrayLiteral("`SET ${a} = ${b}`"), QByteArrayLiteral("SET $1 = $2"));
    row("js line continuation", js, QByteArrayLiteral("'a\\\nb'"), QByteArrayLiteral("ab"));
    row("js surrogate pair", js, QByteArrayLiteral("\"\\uD83D\\uDE00\""), QByteArrayLiteral("\xf0\x9f\x98\x80"));
    row("js crlf template", js, QByteArrayLiteral("`a\r\nb`"), QByteArrayLiteral("a\nb"));
    const QString py = u"python"_s;
    row("py raw", py, QByteArrayLiteral("r\"\\d+\\n\""), QByteArrayLiteral("\\d+\\n"));
    row("py unknown escape kept", py, QByteArrayLiteral("\"\\d\\n\""), QByteArrayLiteral("\\d\n"));
    row("py fstring", py, QByteArrayLiteral("f\"{{a}} {b} {c!r:>5}\""), QByteArrayLiteral("{a} $1 $2"));
    row("py octal and hex", py, QByteArrayLiteral("b\"\\101\\x42\""), QByteArrayLiteral("AB"));
    row("go raw", u"go"_s, QByteArrayLiteral("`a\\nb`"), QByteArrayLiteral("a\\nb"));
    const QString java = u"java"_s;
    row("java text block", java, QByteArrayLiteral("\"\"\"\n    SELECT a,\n      b   \n    FROM t\n    \"\"\""),
        QByteArrayLiteral("SELECT a,\n  b\nFROM t\n"));
    row("java text block closed on text", java, QByteArrayLiteral("\"\"\"\n    x\n    y\"\"\""),
        QByteArrayLiteral("x\ny"));
    row("java text block closing indent", java, QByteArrayLiteral("\"\"\"\n    x\n  \"\"\""),
        QByteArrayLiteral("  x\n"));
    row("java text block continuation", java, QByteArrayLiteral("\"\"\"\n    a \\\n    b\"\"\""),
        QByteArrayLiteral("a b"));
    row("kt template", u"kotlin"_s, QByteArrayLiteral("\"a $b ${c}\""), QByteArrayLiteral("a $1 $2"));
    row("kt literal dollar", u"kotlin"_s, QByteArrayLiteral("\"SELECT ${'$'}1\""), QByteArrayLiteral("SELECT $1"));
    row("kt raw", u"kotlin"_s, QByteArrayLiteral("\"\"\"\\d $x\"\"\""), QByteArrayLiteral("\\d $1"));
    const QString rb = u"ruby"_s;
    row("rb single quotes", rb, QByteArrayLiteral("'a\\'b\\\\c\\n'"), QByteArrayLiteral("a'b\\c\\n"));
    row("rb double quotes", rb, QByteArrayLiteral("\"tab\\there #{x}\""), QByteArrayLiteral("tab\there $1"));
    row("rb squiggly heredoc", rb, QByteArrayLiteral("<<~SQL\n    SELECT 1\n      FROM t\nSQL"),
        QByteArrayLiteral("SELECT 1\n  FROM t\n"));
    row("rb dash heredoc", rb, QByteArrayLiteral("<<-SQL\n    SELECT 1\n    SQL"), QByteArrayLiteral("    SELECT 1\n"));
    row("rb percent q", rb, QByteArrayLiteral("%q(a\\)b (c))"), QByteArrayLiteral("a)b (c)"));
    const QString ex = u"elixir"_s;
    row("ex heredoc", ex, QByteArrayLiteral("\"\"\"\n    SET x\n      y\n    \"\"\""),
        QByteArrayLiteral("SET x\n  y\n"));
    row("ex uppercase sigil", ex, QByteArrayLiteral("~S(a\\nb)"), QByteArrayLiteral("a\\nb"));
    row("ex sigil hole", ex, QByteArrayLiteral("~s(a #{b}\\n)"), QByteArrayLiteral("a $1\n"));
    const QString cs = u"csharp"_s;
    row("cs verbatim", cs, QByteArrayLiteral("@\"C:\\x \"\"q\"\"\""), QByteArrayLiteral("C:\\x \"q\""));
    row("cs interpolated", cs, QByteArrayLiteral("$\"{{a}} {b:N2} {c}\""), QByteArrayLiteral("{a} $1 $2"));
    row("cs raw", cs, QByteArrayLiteral("\"\"\"\n    SELECT \"x\"\n      FROM t\n    \"\"\""),
        QByteArrayLiteral("SELECT \"x\"\n  FROM t"));
    row("cs raw interpolated", cs, QByteArrayLiteral("$$\"\"\"{\"a\": {{v}}}\"\"\""), QByteArrayLiteral("{\"a\": $1}"));
    const QString rs = u"rust"_s;
    row("rs raw", rs, QByteArrayLiteral("r#\"a\\n\"b\"\"#"), QByteArrayLiteral("a\\n\"b\""));
    row("rs escapes", rs, QByteArrayLiteral("\"a\\u{48}\\x49\""), QByteArrayLiteral("aHI"));
    const QString php = u"php"_s;
    row("php single quotes", php, QByteArrayLiteral("<?php 'a\\'b\\n'"), QByteArrayLiteral("a'b\\n"));
    row("php double quotes", php, QByteArrayLiteral("<?php \"a\\tb $c {$d} \\q\""),
        QByteArrayLiteral("a\tb $1 $2 \\q"));
    row("php heredoc", php, QByteArrayLiteral("<?php <<<SQL\n    SET $x\n      y\n    SQL;"),
        QByteArrayLiteral("SET $1\n  y"));
    const QString sql = u"sql"_s;
    row("sql doubled quote", sql, QByteArrayLiteral("'it''s'"), QByteArrayLiteral("it's"));
    row("sql escape string", sql, QByteArrayLiteral("E'a\\nb\\'c'''"), QByteArrayLiteral("a\nb'c'"));
    row("sql unicode string", sql, QByteArrayLiteral("U&'d\\0061t\\+000061'"), QByteArrayLiteral("data"));
    row("sql dollar quote", sql, QByteArrayLiteral("$f$a'b$f$"), QByteArrayLiteral("a'b"));
    const QString yaml = u"yaml"_s;
    row("yaml single", yaml, QByteArrayLiteral("a: 'it''s'"), QByteArrayLiteral("it's"));
    row("yaml double", yaml, QByteArrayLiteral("a: \"x\\ty\""), QByteArrayLiteral("x\ty"));
    row("yaml literal block", yaml, QByteArrayLiteral("a: |\n  line1\n    line2\nb: 1"),
        QByteArrayLiteral("line1\n  line2"));
    row("yaml folded block", yaml, QByteArrayLiteral("a: >\n  one\n  two\n\n  three\n"),
        QByteArrayLiteral("one two\nthree"));
    row("shell double", u"shell"_s, QByteArrayLiteral("A=\"a\\\"b \\$c ${d} \\n\""),
        QByteArrayLiteral("a\"b $c $1 \\n"));
    row("shell single", u"shell"_s, QByteArrayLiteral("A='a\\nb'"), QByteArrayLiteral("a\\nb"));
    row("xml entities", u"xml"_s, QByteArrayLiteral("<a b=\"x &lt; &amp;y&#65;&#x42;&bogus;\">"),
        QByteArrayLiteral("x < &yAB&bogus;"));
    row("toml multiline", u"toml"_s, QByteArrayLiteral("a = \"\"\"\nx\\ty\"\"\""), QByteArrayLiteral("x\ty"));
}

void TestLexer::decode()
{
    QFETCH(QString, language);
    QFETCH(QByteArray, source);
    QFETCH(QByteArray, expected);
    const LanguageSpec &spec = ::language(language);
    const LexedFile file = lex(spec, source);
    const LexedRegion *region = nthString(file, 0);
    QVERIFY(region);
    const DecodedString decoded = decodeString(spec, source, file, *region);
    QCOMPARE(decoded.text, expected);
    QCOMPARE(decoded.sourceOffsets.size(), size_t(decoded.text.size()));
}

void TestLexer::decodeOffsets()
{
    const LanguageSpec &js = *languageById(u"javascript");
    const QByteArray escaped = QByteArrayLiteral("x = 'a\\nb'");
    LexedFile file = lex(js, escaped);
    DecodedString decoded = decodeString(js, escaped, file, file.regions.at(0));
    QCOMPARE(decoded.text, QByteArrayLiteral("a\nb"));
    QCOMPARE(decoded.sourceOffsets, (std::vector<quint32> {5, 6, 8}));

    const QByteArray holes = QByteArrayLiteral("`x${y}z`");
    file = lex(js, holes);
    decoded = decodeString(js, holes, file, file.regions.at(0));
    QCOMPARE(decoded.text, QByteArrayLiteral("x$1z"));
    QCOMPARE(decoded.sourceOffsets, (std::vector<quint32> {1, 2, 2, 6}));

    // Multi-byte text keeps one offset per byte.
    const QByteArray utf8 = QByteArrayLiteral("'\xc3\xa9t\xc3\xa9'");
    file = lex(js, utf8);
    decoded = decodeString(js, utf8, file, file.regions.at(0));
    QCOMPARE(decoded.sourceOffsets, (std::vector<quint32> {1, 2, 3, 4, 5}));

    // Stripped indentation: "FROM" starts at the source's column 6 of its line.
    const LanguageSpec &rb = *languageById(u"ruby");
    const QByteArray heredoc = QByteArrayLiteral("<<~SQL\n    SELECT 1\n      FROM t\nSQL");
    file = lex(rb, heredoc);
    decoded = decodeString(rb, heredoc, file, file.regions.at(0));
    const qsizetype from = decoded.text.indexOf("FROM");
    QCOMPARE(decoded.sourceOffsets.at(size_t(from)), quint32(heredoc.indexOf("FROM")));

    // Holes are numbered on across a concatenated group.
    const QByteArray group = QByteArrayLiteral("`a${x}` + `b${y}`");
    file = lex(js, group);
    const std::vector<std::vector<int>> groups = concatenatedGroups(js, group, file);
    QCOMPARE(groups.size(), size_t(1));
    decoded = decodeConcatenated(js, group, file, groups.front());
    QCOMPARE(decoded.text, QByteArrayLiteral("a$1b$2"));
    QCOMPARE(decoded.sourceOffsets.at(4), quint32(group.lastIndexOf('$')));
}

void TestLexer::concatenation_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QByteArray>("source");
    QTest::addColumn<QStringList>("groups");
    const auto row = [](const char *name, const QString &id, const QByteArray &source, const QStringList &groups) {
        QTest::newRow(name) << id << source << groups;
    };

    const QString js = u"javascript"_s;
    row("js plus", js, QByteArrayLiteral("q(\"SET \" + 'search_path' + ` to x`)"), {u"SET search_path to x"_s});
    row("js plus across comments", js, QByteArrayLiteral("'a' +\n // c\n /* d */ 'b'"), {u"ab"_s});
    row("js no adjacency", js, QByteArrayLiteral("['a', 'b']; 'c' 'd'"), {u"a"_s, u"b"_s, u"c"_s, u"d"_s});
    row("js code between", js, QByteArrayLiteral("'a' + x + 'b'"), {u"a"_s, u"b"_s});
    row("js two operators", js, QByteArrayLiteral("'a' + + 'b'"), {u"a"_s, u"b"_s});
    row("js nested in hole", js, QByteArrayLiteral("`${'a' + 'b'}` + 'c'"), {u"$1c"_s, u"ab"_s});
    const QString py = u"python"_s;
    row("py adjacent", py, QByteArrayLiteral("(\"SET \"\n 'search_path')"), {u"SET search_path"_s});
    row("py continuation and plus", py, QByteArrayLiteral("\"a\" \\\n \"b\" + f\"{c}\""), {u"ab$1"_s});
    row("py comma", py, QByteArrayLiteral("f('a', 'b')"), {u"a"_s, u"b"_s});
    row("py comment between", py, QByteArrayLiteral("('a'  # c\n 'b')"), {u"ab"_s});
    row("php dot", u"php"_s, QByteArrayLiteral("<?php $q = 'SET ' . \"search_path\";"), {u"SET search_path"_s});
    row("php plus is no concatenation", u"php"_s, QByteArrayLiteral("<?php 'a' + 'b';"), {u"a"_s, u"b"_s});
    row("rb adjacency", u"ruby"_s, QByteArrayLiteral("\"SET \" 'x'"), {u"SET x"_s});
    row("rb continuation", u"ruby"_s, QByteArrayLiteral("\"a\" \\\n\"b\" + 'c'"), {u"abc"_s});
    row("rb heredoc stands alone", u"ruby"_s, QByteArrayLiteral("q = <<~A + \"x\"\nbody\nA"), {u"x"_s, u"body\n"_s});
    row("ex diamond", u"elixir"_s, QByteArrayLiteral("\"a\" <> \"b\""), {u"ab"_s});
    row("java plus", u"java"_s, QByteArrayLiteral("\"a\" +\n \"b\""), {u"ab"_s});
    row("java char is no string", u"java"_s, QByteArrayLiteral("'a' + \"b\""), {u"a"_s, u"b"_s});
    row("go plus", u"go"_s, QByteArrayLiteral("\"a\" + `b`"), {u"ab"_s});
    row("kt plus", u"kotlin"_s, QByteArrayLiteral("\"a\" + \"\"\"b\"\"\""), {u"ab"_s});
    row("cs plus", u"csharp"_s, QByteArrayLiteral("\"a\" + @\"b\" + $\"{c}\""), {u"ab$1"_s});
    row("cs no adjacency", u"csharp"_s, QByteArrayLiteral("\"a\" \"b\""), {u"a"_s, u"b"_s});
    row("sql newline adjacency", u"sql"_s, QByteArrayLiteral("'a'\n'b'"), {u"ab"_s});
    row("sql same line", u"sql"_s, QByteArrayLiteral("'a' 'b'"), {u"a"_s, u"b"_s});
    row("sql pipes", u"sql"_s, QByteArrayLiteral("'a' || 'b'"), {u"ab"_s});
    row("rs none", u"rust"_s, QByteArrayLiteral("\"a\" \"b\" + \"c\""), {u"a"_s, u"b"_s, u"c"_s});
}

void TestLexer::concatenation()
{
    QFETCH(QString, language);
    QFETCH(QByteArray, source);
    QFETCH(QStringList, groups);
    const LanguageSpec &spec = ::language(language);
    const LexedFile file = lex(spec, source);
    QStringList actual;
    for (const std::vector<int> &group : concatenatedGroups(spec, source, file))
        actual << QString::fromUtf8(decodeConcatenated(spec, source, file, group).text);
    QCOMPARE(actual, groups);
}

void TestLexer::fileNames_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("language");

    const std::pair<QString, QString> names[] = {
        {u"app.ts"_s, u"javascript"_s},
        {u"view.tsx"_s, u"javascript"_s},
        {u"view.jsx"_s, u"javascript"_s},
        {u"main.js"_s, u"javascript"_s},
        {u"esm.mjs"_s, u"javascript"_s},
        {u"common.cjs"_s, u"javascript"_s},
        {u"types.mts"_s, u"javascript"_s},
        {u"db.py"_s, u"python"_s},
        {u"stubs.pyi"_s, u"python"_s},
        {u"main.go"_s, u"go"_s},
        {u"Repo.java"_s, u"java"_s},
        {u"Repo.kt"_s, u"kotlin"_s},
        {u"build.gradle.kts"_s, u"kotlin"_s},
        {u"app.rb"_s, u"ruby"_s},
        {u"tasks.rake"_s, u"ruby"_s},
        {u"Gemfile"_s, u"ruby"_s},
        {u"lib/repo.ex"_s, u"elixir"_s},
        {u"test/repo_test.exs"_s, u"elixir"_s},
        {u"Repo.cs"_s, u"csharp"_s},
        {u"src/lib.rs"_s, u"rust"_s},
        {u"index.php"_s, u"php"_s},
        {u"src/db/Schema.SQL"_s, u"sql"_s},
        {u"ci.yml"_s, u"yaml"_s},
        {u"compose.yaml"_s, u"yaml"_s},
        {u".env"_s, u"shell"_s},
        {u"deploy/.env.production"_s, u"shell"_s},
        {u"prod.env"_s, u"shell"_s},
        {u"run.sh"_s, u"shell"_s},
        {u"pgbouncer.ini"_s, u"ini"_s},
        {u"setup.cfg"_s, u"ini"_s},
        {u"postgresql.conf"_s, u"ini"_s},
        {u"pyproject.toml"_s, u"toml"_s},
        {u"Pipfile"_s, u"toml"_s},
        {u"application.properties"_s, u"properties"_s},
        {u"pom.xml"_s, u"xml"_s},
        {u"App.csproj"_s, u"xml"_s},
        {u"web.config"_s, u"xml"_s},
        {u"package.json"_s, u"json"_s},
        {u"tsconfig.json"_s, u"jsonc"_s},
        {u"C:\\src\\App.cs"_s, u"csharp"_s},
        {u"notes.txt"_s, QString()},
        {u"README"_s, QString()},
        {u"dir/"_s, QString()},
    };
    for (const auto &[fileName, id] : names)
        QTest::newRow(qPrintable(fileName)) << fileName << id;
}

void TestLexer::fileNames()
{
    QFETCH(QString, fileName);
    QFETCH(QString, language);
    const LanguageSpec *spec = languageForFileName(fileName);
    QCOMPARE(spec ? languageId(*spec) : QString(), language);
}

void TestLexer::languageIds()
{
    QCOMPARE(allLanguages().size(), size_t(19));
    for (const LanguageSpec &spec : allLanguages())
        QCOMPARE(languageById(languageId(spec)), &spec);
    QCOMPARE(languageById(u"typescript"_s), languageById(u"javascript"_s));
    QCOMPARE(languageById(u"PY"_s), languageById(u"python"_s));
    QCOMPARE(languageById(u"dotenv"_s), languageById(u"shell"_s));
    QCOMPARE(languageById(u"c#"_s), languageById(u"csharp"_s));
    QVERIFY(!languageById(u"cobol"_s));
}

void TestLexer::robustness_data()
{
    QTest::addColumn<QByteArray>("source");
    // A megabyte of what hurts most; less of the rest keeps the debug run short.
    constexpr int large = 1 << 20;
    constexpr int medium = 1 << 17;
    const auto repeated = [](QByteArrayView unit, int size, QByteArrayView prefix = {}) {
        QByteArray out = prefix.toByteArray();
        while (out.size() < size)
            out += unit;
        return out;
    };
    QTest::newRow("block comment openers") << repeated("/*", large);
    QTest::newRow("double quotes") << repeated("\"", large);
    QTest::newRow("dollar braces") << repeated("${", medium);
    QTest::newRow("dollar braces in template") << repeated("${", large, "`");
    QTest::newRow("nested templates") << repeated("`${", medium);
    QTest::newRow("single quotes") << repeated("'", medium);
    QTest::newRow("backticks") << repeated("`", medium);
    QTest::newRow("hash braces in string") << repeated("\"#{", medium);
    QTest::newRow("fstring holes") << repeated("f\"{", medium);
    QTest::newRow("csharp holes") << repeated("$\"{", medium);
    QTest::newRow("kotlin holes") << repeated("\"${", medium);
    QTest::newRow("php holes") << repeated("\"{$", medium, "<?php ");
    QTest::newRow("braces") << repeated("{", medium);
    QTest::newRow("dollar dollar") << repeated("$$", medium);
    QTest::newRow("dollar tags") << repeated("$a$", medium);
    QTest::newRow("backslashes") << repeated("\\", medium);
    QTest::newRow("heredoc openers") << repeated("<<~A ", medium);
    QTest::newRow("heredoc openers on lines") << repeated("<<~A\n", medium);
    QTest::newRow("php heredocs") << repeated("<<<A\n", medium, "<?php ");
    QTest::newRow("percent literals") << repeated("%q(", medium);
    QTest::newRow("sigils") << repeated("~s(", medium);
    QTest::newRow("triple quotes") << repeated("\"\"\"\n", medium);
    QTest::newRow("raw hashes") << repeated("r#\"", medium);
    QTest::newRow("slashes") << repeated("/", medium);
    QTest::newRow("regex openers") << repeated("(/[", medium);
    QTest::newRow("yaml blocks") << repeated("a: |\n ", medium);
    QTest::newRow("newlines") << repeated("\n", medium);
    QTest::newRow("spaces then slash") << repeated(" ", medium) + "/";
    QTest::newRow("invalid utf8") << repeated("\xff\xfe\xc3\x28\xe2\x82\x28'\"`", medium);
    QTest::newRow("nul bytes") << repeated(QByteArrayView("\0'\"\0/*\0", 7), medium);
    QTest::newRow("question marks") << repeated("?", medium);
    QTest::newRow("empty") << QByteArray();
}

void TestLexer::robustness()
{
    QFETCH(QByteArray, source);
    for (const LanguageSpec &spec : allLanguages()) {
        QElapsedTimer timer;
        timer.start();
        const LexedFile file = lex(spec, source);
        // Generous for debug and sanitizer builds; a quadratic case takes minutes.
        QVERIFY2(timer.elapsed() < 3000, qPrintable(languageId(spec) + u" took %1 ms"_s.arg(timer.elapsed())));
        // Decoding every one of half a million regions would only test the allocator.
        const QString problem = checkInvariants(spec, source, file, 2000);
        QVERIFY2(problem.isEmpty(), qPrintable(languageId(spec) + u": "_s + problem));
    }
}

void TestLexer::randomInput()
{
    // Short inputs built from the bytes that matter to some language, every one lexed by every
    // language: the invariants must hold and nothing may read out of bounds.
    static const char alphabet[] = "\"'`/*#{}$@%<~?|>=-[]():;!\\\n rbfEU&\xc3\xa9\x80\xff";
    QRandomGenerator random(20240611);
    for (int round = 0; round < 1500; ++round) {
        QByteArray source(random.bounded(1, 48), Qt::Uninitialized);
        for (char &c : source)
            c = alphabet[random.bounded(int(sizeof(alphabet) - 1))];
        for (const LanguageSpec &spec : allLanguages()) {
            const LexedFile file = lex(spec, source);
            const QString problem = checkInvariants(spec, source, file);
            QVERIFY2(problem.isEmpty(),
                     qPrintable(languageId(spec) + u": "_s + problem + u" in "_s
                                + QString::fromLatin1(source.toPercentEncoding())));
        }
    }
}

void TestLexer::languageOutsideTheTableLexesAlike()
{
    // A language that is not one of the built-in table's own entries (a copy here) makes its
    // string plans itself, file by file: it must lex exactly as the shared plans do.
    static const char alphabet[] = "\"'`/*#{}$@%<~?|>=-[]():;!\\\n rbfEU&sql";
    QRandomGenerator random(20261127);
    for (const LanguageSpec &spec : allLanguages()) {
        const LanguageSpec copy = spec;
        for (int round = 0; round < 200; ++round) {
            QByteArray source(random.bounded(1, 96), Qt::Uninitialized);
            for (char &c : source)
                c = alphabet[random.bounded(int(sizeof(alphabet) - 1))];
            const LexedFile shared = lex(spec, source);
            const LexedFile own = lex(copy, source);
            QCOMPARE(own.regions.size(), shared.regions.size());
            for (size_t i = 0; i < own.regions.size(); ++i) {
                const LexedRegion &a = own.regions[i];
                const LexedRegion &b = shared.regions[i];
                QVERIFY2(a.kind == b.kind && a.begin == b.begin && a.end == b.end && a.contentBegin == b.contentBegin
                             && a.contentEnd == b.contentEnd && a.holeCount == b.holeCount && a.flags == b.flags,
                         qPrintable(languageId(spec) + u": "_s + QString::fromLatin1(source.toPercentEncoding())));
            }
        }
    }
}

QTEST_GUILESS_MAIN(TestLexer)
#include "tst_lexer.moc"
