#pragma once

class QCoreApplication;
class QLocale;

namespace poolproof {

// Installs PoolProof's and Qt's own translations for the locale (the system's when not given).
// The language can be forced with the POOLPROOF_LANGUAGE environment variable, e.g. "de" or "en".
void installTranslations(QCoreApplication &app);
void installTranslations(QCoreApplication &app, const QLocale &locale);

} // namespace poolproof
