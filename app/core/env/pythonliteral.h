#pragma once

#include <QString>

#include <vector>

namespace poolproof {

// A Python expression as far as settings files need it: literals, dicts, lists, names, calls and
// subscripts; anything else is Other. Strings keep where their text starts.
struct PyValue {
    enum class Kind : quint8 { Other, String, Number, Name, Call, Subscript, Dict, List };

    Kind kind = Kind::Other;
    QString text; // String: the value; Name/Call/Subscript: the dotted name ("os.environ.get")
    bool formatted = false; // an f-string: {...} parts are expressions
    int line = 0; // 1-based, where the string's text starts
    int column = 0;
    std::vector<PyValue> items; // List items; Dict values; Call positional arguments; Subscript index
    std::vector<PyValue> keys; // Dict keys
    std::vector<QString> keywordNames; // Call keyword arguments
    std::vector<PyValue> keywordValues;

    const PyValue *dictValue(QStringView key) const;
    const PyValue *keyword(QStringView name) const;
};

// Parses the expression that starts at offset in text (e.g. right after "DATABASES =").
PyValue parsePythonExpression(const QString &text, qsizetype offset);

} // namespace poolproof
