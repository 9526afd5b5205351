#pragma once

namespace KSyntaxHighlighting {
class Repository;
}

namespace poolproof::gui {

// The syntax definitions and themes, loaded once: loading them takes a noticeable moment.
KSyntaxHighlighting::Repository &syntaxRepository();

} // namespace poolproof::gui
