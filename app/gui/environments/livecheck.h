#pragma once

class QWidget;

namespace poolproof::gui {

struct EnvironmentEntry;

// Whether this build can check a connection live (connect to the database or pooler and compare
// what it reports with the files). The Environments page hides its "Check Live…" button when not.
bool liveCheckAvailable();

// Asks for the password (and optionally the pooler's admin credentials), runs the live check of
// the entry's connection string on a worker thread and shows what it found.
void openLiveCheckDialog(const EnvironmentEntry &entry, QWidget *parent);

} // namespace poolproof::gui
