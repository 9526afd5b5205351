#include "fuzztargets.h"

#include "env/projectfile.h"

#include <QString>

using namespace Qt::StringLiterals;

// Input: the bytes of a .poolproof.json. Parsing either succeeds or says why; the globs it
// declares are then matched against a few paths, since they come from the file too.
namespace poolproof::fuzz {

int projectFileOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray json(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const std::optional<ProjectFile> file = ProjectFile::parse(json, u"/fuzz/.poolproof.json"_s, &error);
    fuzzCheck(file.has_value() || !error.isEmpty(), "a rejected project file says why");
    if (!file)
        return 0;

    static const QString paths[]
        = {u"app/db.py"_s, u"deploy/prod/.env"_s, u"a/b/c/d/e/f/g/h.sql"_s, u".env"_s, u"vendor/x/y.go"_s};
    for (const QString &path : paths) {
        (void)file->isExcluded(path);
        for (const ProjectEnvironment &environment : file->environments) {
            (void)file->environment(environment.name);
            for (const QString &glob : environment.sources)
                (void)matchesGlob(glob, path);
        }
    }
    return 0;
}

} // namespace poolproof::fuzz
