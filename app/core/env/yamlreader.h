#pragma once

#include <QString>
#include <QStringList>

#include <vector>

namespace poolproof {

struct YamlEntry;

// A node of the YAML subset configuration files use: block and flow maps and lists, plain and
// quoted scalars, comments, block scalars (| and >), anchors, aliases and "<<" merges, several
// documents. Every scalar keeps its position, so findings can point into the file.
struct YamlNode {
    enum class Kind : quint8 { Null, Scalar, Map, List };

    Kind kind = Kind::Null;
    QString scalar; // the value of a scalar, quotes and escapes resolved
    bool quoted = false;
    bool blockScalar = false;
    int line = 0; // 1-based line of the value
    int column = 0; // 1-based column of its first character (inside the quotes)
    std::vector<YamlEntry> entries; // Map, in file order
    std::vector<YamlNode> items; // List

    bool isScalar() const { return kind == Kind::Scalar; }
    bool isMap() const { return kind == Kind::Map; }
    bool isList() const { return kind == Kind::List; }
    // The value of a map key, or nullptr.
    const YamlNode *value(QStringView key) const;
    // The scalar of a map key, or an empty string.
    QString scalarValue(QStringView key) const;
};

struct YamlEntry {
    QString key;
    int line = 0;
    int column = 0;
    YamlNode value;
};

struct YamlDocument {
    YamlNode root;
    int firstLine = 1;
};

// Reads text that may hold several documents. Never fails: what it cannot read it skips, and
// says so in *warnings (with line numbers), because a half-understood file is still worth checking.
std::vector<YamlDocument> readYaml(const QString &text, QStringList *warnings = nullptr);

} // namespace poolproof
