#include "syntaxrepository.h"

#include <KSyntaxHighlighting/Repository>

namespace poolproof::gui {

KSyntaxHighlighting::Repository &syntaxRepository()
{
    static KSyntaxHighlighting::Repository repository;
    return repository;
}

} // namespace poolproof::gui
