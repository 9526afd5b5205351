#pragma once

namespace poolproof::cli {

// The exit-code convention of every command.
enum ExitCode : int {
    ExitOk = 0, // nothing reached the threshold
    ExitFindings = 1, // something reached the threshold
    ExitUsageError = 2, // bad arguments or unreadable input; the message names the cause
};

} // namespace poolproof::cli
