#pragma once

#include <QString>

#include <system_error>

namespace poolproof {

// An errno value in the system's words ("Permission denied"), for messages that name the cause.
inline QString systemError(int code)
{
    return QString::fromStdString(std::generic_category().message(code));
}

} // namespace poolproof
