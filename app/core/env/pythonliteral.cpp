#include "pythonliteral.h"

#include <QList>

namespace poolproof {

namespace {

struct Token {
    enum class Kind : quint8 { End, String, Number, Name, Op };
    Kind kind = Kind::End;
    QString text;
    bool formatted = false;
    int line = 0;
    int column = 0;
};

class Lexer
{
public:
    Lexer(const QString &text, qsizetype offset)
        : m_text(text)
        , m_pos(offset)
    {
        for (qsizetype i = 0; i < offset && i < text.size(); ++i) {
            if (text[i] == u'\n') {
                ++m_line;
                m_lineStart = i + 1;
            }
        }
    }

    Token next();

private:
    void newline(qsizetype at)
    {
        ++m_line;
        m_lineStart = at + 1;
    }
    const QString &m_text;
    qsizetype m_pos;
    int m_line = 1;
    qsizetype m_lineStart = 0;
};

Token Lexer::next()
{
    const qsizetype n = m_text.size();
    while (m_pos < n) {
        const QChar c = m_text[m_pos];
        if (c == u'\n') {
            newline(m_pos);
            ++m_pos;
        } else if (c.isSpace() || (c == u'\\' && m_pos + 1 < n && m_text[m_pos + 1] == u'\n')) {
            ++m_pos;
        } else if (c == u'#') {
            while (m_pos < n && m_text[m_pos] != u'\n')
                ++m_pos;
        } else {
            break;
        }
    }
    Token token;
    if (m_pos >= n)
        return token;
    const QChar c = m_text[m_pos];
    // String, with optional prefix (r, b, u, f and combinations).
    qsizetype prefixEnd = m_pos;
    while (prefixEnd < n && prefixEnd - m_pos < 2 && QStringLiteral("rRbBuUfF").contains(m_text[prefixEnd]))
        ++prefixEnd;
    if (prefixEnd < n && (m_text[prefixEnd] == u'"' || m_text[prefixEnd] == u'\'')) {
        const QString prefix = m_text.mid(m_pos, prefixEnd - m_pos).toLower();
        const bool raw = prefix.contains(u'r');
        const QChar quote = m_text[prefixEnd];
        const bool triple = prefixEnd + 2 < n && m_text[prefixEnd + 1] == quote && m_text[prefixEnd + 2] == quote;
        qsizetype p = prefixEnd + (triple ? 3 : 1);
        token.kind = Token::Kind::String;
        token.formatted = prefix.contains(u'f');
        token.line = m_line;
        token.column = int(p - m_lineStart) + 1;
        while (p < n) {
            if (m_text[p] == u'\\' && p + 1 < n) {
                const QChar escaped = m_text[p + 1];
                if (raw)
                    token.text += m_text[p] + QString(escaped);
                else
                    token.text += escaped == u'n' ? QChar(u'\n') : escaped == u't' ? QChar(u'\t') : escaped;
                p += 2;
                continue;
            }
            if (m_text[p] == quote && (!triple || (p + 2 < n && m_text[p + 1] == quote && m_text[p + 2] == quote))) {
                p += triple ? 3 : 1;
                break;
            }
            if (m_text[p] == u'\n') {
                if (!triple)
                    break;
                newline(p);
            }
            token.text += m_text[p++];
        }
        m_pos = p;
        return token;
    }
    token.line = m_line;
    token.column = int(m_pos - m_lineStart) + 1;
    if (c.isLetter() || c == u'_') {
        token.kind = Token::Kind::Name;
        while (m_pos < n && (m_text[m_pos].isLetterOrNumber() || m_text[m_pos] == u'_'))
            token.text += m_text[m_pos++];
        return token;
    }
    if (c.isDigit()) {
        token.kind = Token::Kind::Number;
        while (m_pos < n && (m_text[m_pos].isLetterOrNumber() || m_text[m_pos] == u'.' || m_text[m_pos] == u'_'))
            token.text += m_text[m_pos++];
        return token;
    }
    token.kind = Token::Kind::Op;
    if (c == u'*' && m_pos + 1 < n && m_text[m_pos + 1] == u'*') {
        token.text = QStringLiteral("**");
        m_pos += 2;
        return token;
    }
    token.text = c;
    ++m_pos;
    return token;
}

class Parser
{
public:
    Parser(const QString &text, qsizetype offset)
        : m_lexer(text, offset)
    {
        advance();
    }
    PyValue expression();

private:
    void advance() { m_token = m_lexer.next(); }
    bool isOp(QStringView op) const { return m_token.kind == Token::Kind::Op && m_token.text == op; }
    PyValue primary();
    void skipToSeparator();

    Lexer m_lexer;
    Token m_token;
    int m_depth = 0;
};

void Parser::skipToSeparator()
{
    int depth = 0;
    while (m_token.kind != Token::Kind::End) {
        if (m_token.kind == Token::Kind::Op) {
            if (m_token.text == u"(" || m_token.text == u"[" || m_token.text == u"{")
                ++depth;
            else if (m_token.text == u")" || m_token.text == u"]" || m_token.text == u"}") {
                if (depth == 0)
                    return;
                --depth;
            } else if (depth == 0 && (m_token.text == u"," || m_token.text == u":")) {
                return;
            }
        }
        advance();
    }
}

PyValue Parser::primary()
{
    PyValue value;
    if (++m_depth > 64) {
        skipToSeparator();
        --m_depth;
        return value;
    }
    switch (m_token.kind) {
    case Token::Kind::String:
        value.kind = PyValue::Kind::String;
        value.text = m_token.text;
        value.formatted = m_token.formatted;
        value.line = m_token.line;
        value.column = m_token.column;
        advance();
        // "a" "b" is one string.
        while (m_token.kind == Token::Kind::String) {
            value.text += m_token.text;
            value.formatted = value.formatted || m_token.formatted;
            advance();
        }
        break;
    case Token::Kind::Number:
        value.kind = PyValue::Kind::Number;
        value.text = m_token.text;
        value.line = m_token.line;
        value.column = m_token.column;
        advance();
        break;
    case Token::Kind::Name:
        value.kind = PyValue::Kind::Name;
        value.text = m_token.text;
        value.line = m_token.line;
        value.column = m_token.column;
        advance();
        break;
    case Token::Kind::Op:
        if (isOp(u"{") || isOp(u"[") || isOp(u"(")) {
            const QString close = isOp(u"{") ? QStringLiteral("}")
                : isOp(u"[")                 ? QStringLiteral("]")
                                             : QStringLiteral(")");
            value.kind = isOp(u"{") ? PyValue::Kind::Dict : PyValue::Kind::List;
            value.line = m_token.line;
            value.column = m_token.column;
            advance();
            while (m_token.kind != Token::Kind::End && !isOp(close)) {
                if (isOp(u",")) {
                    advance();
                    continue;
                }
                if (isOp(u"**")) {
                    advance();
                    expression();
                    continue;
                }
                PyValue item = expression();
                if (value.kind == PyValue::Kind::Dict && isOp(u":")) {
                    advance();
                    value.keys.push_back(std::move(item));
                    value.items.push_back(expression());
                } else if (value.kind == PyValue::Kind::Dict) {
                    // a set literal; not a dict after all
                    value.kind = PyValue::Kind::Other;
                } else {
                    value.items.push_back(std::move(item));
                }
                if (!isOp(u",") && !isOp(close))
                    skipToSeparator();
            }
            if (isOp(close))
                advance();
            if (close == u")" && value.items.size() == 1)
                value = PyValue(value.items.front()); // parentheses around one expression
            break;
        }
        advance();
        break;
    case Token::Kind::End: break;
    }
    // Trailers: .name, (arguments), [index]
    while (true) {
        if (isOp(u".")
            && (value.kind == PyValue::Kind::Name || value.kind == PyValue::Kind::Call
                || value.kind == PyValue::Kind::Subscript)) {
            advance();
            if (m_token.kind != Token::Kind::Name)
                break;
            value.text += u'.' + m_token.text;
            value.kind = PyValue::Kind::Name;
            value.items.clear();
            advance();
        } else if (isOp(u"(")) {
            PyValue call;
            call.kind = PyValue::Kind::Call;
            call.text = value.text;
            call.line = value.line;
            call.column = value.column;
            advance();
            while (m_token.kind != Token::Kind::End && !isOp(u")")) {
                if (isOp(u",")) {
                    advance();
                    continue;
                }
                if (m_token.kind == Token::Kind::Name) {
                    // keyword argument?
                    const Token name = m_token;
                    PyValue argument = expression();
                    if (isOp(u"=") && argument.kind == PyValue::Kind::Name && argument.text == name.text) {
                        advance();
                        call.keywordNames.push_back(name.text);
                        call.keywordValues.push_back(expression());
                    } else {
                        call.items.push_back(std::move(argument));
                    }
                } else {
                    call.items.push_back(expression());
                }
                if (!isOp(u",") && !isOp(u")"))
                    skipToSeparator();
                if (isOp(u":"))
                    advance();
            }
            if (isOp(u")"))
                advance();
            value = std::move(call);
        } else if (isOp(u"[")) {
            PyValue subscript;
            subscript.kind = PyValue::Kind::Subscript;
            subscript.text = value.text;
            subscript.line = value.line;
            subscript.column = value.column;
            advance();
            subscript.items.push_back(expression());
            while (m_token.kind != Token::Kind::End && !isOp(u"]"))
                advance();
            if (isOp(u"]"))
                advance();
            value = std::move(subscript);
        } else {
            break;
        }
    }
    --m_depth;
    return value;
}

PyValue Parser::expression()
{
    PyValue value = primary();
    // Binary operators: "a" + "b" stays a string, anything else is beyond this reader.
    while (m_token.kind == Token::Kind::Op
           && (isOp(u"+") || isOp(u"%") || isOp(u"|") || isOp(u"or") || isOp(u"-") || isOp(u"*"))) {
        const bool plus = isOp(u"+");
        advance();
        const PyValue right = primary();
        if (plus && value.kind == PyValue::Kind::String && right.kind == PyValue::Kind::String) {
            value.text += right.text;
        } else {
            value = PyValue();
        }
    }
    // "x or y", "x if c else y": keep the first operand.
    while (m_token.kind == Token::Kind::Name
           && (m_token.text == u"or" || m_token.text == u"if" || m_token.text == u"else")) {
        advance();
        primary();
    }
    return value;
}

} // namespace

const PyValue *PyValue::dictValue(QStringView key) const
{
    for (size_t i = 0; i < keys.size() && i < items.size(); ++i) {
        if (keys[i].kind == Kind::String && keys[i].text == key)
            return &items[i];
    }
    return nullptr;
}

const PyValue *PyValue::keyword(QStringView name) const
{
    for (size_t i = 0; i < keywordNames.size(); ++i) {
        if (keywordNames[i] == name)
            return &keywordValues[i];
    }
    return nullptr;
}

PyValue parsePythonExpression(const QString &text, qsizetype offset)
{
    Parser parser(text, offset);
    return parser.expression();
}

} // namespace poolproof
