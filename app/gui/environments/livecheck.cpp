#include "livecheck.h"

#include "livecheckdialog.h"

namespace poolproof::gui {

bool liveCheckAvailable()
{
    return true;
}

void openLiveCheckDialog(const EnvironmentEntry &entry, QWidget *parent)
{
    LiveCheckDialog dialog(entry, parent);
    dialog.exec();
}

} // namespace poolproof::gui
