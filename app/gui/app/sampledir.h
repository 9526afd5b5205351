#pragma once

#include <QString>

namespace poolproof::gui {

// Where the bundled sample backend (examples/freshtrack-backend) is: POOLPROOF_SAMPLE_DIR, the
// installed copy under share/poolproof/examples, or the source tree next to a development build.
// Empty when none of them exists.
QString sampleBackendDir();

} // namespace poolproof::gui
