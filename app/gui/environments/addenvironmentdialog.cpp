#include "addenvironmentdialog.h"

#include "url/masking.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace poolproof::gui {

AddEnvironmentDialog::AddEnvironmentDialog(QWidget *parent)
    : QDialog(parent)
    , m_name(new QLineEdit(this))
    , m_url(new QLineEdit(this))
    , m_preview(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("addEnvironmentDialog"));
    setWindowTitle(tr("Add Environment"));
    m_name->setObjectName(QStringLiteral("environmentNameEdit"));
    m_name->setAccessibleName(tr("Environment name"));
    m_name->setPlaceholderText(tr("e.g. production-eu"));
    m_url->setObjectName(QStringLiteral("environmentUrlEdit"));
    m_url->setAccessibleName(tr("Connection string"));
    m_url->setPlaceholderText(tr("postgresql://user:password@host:6432/dbname?sslmode=verify-full"));
    m_url->setMinimumWidth(480);
    m_preview->setObjectName(QStringLiteral("environmentUrlPreview"));
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Connection string:"), m_url);
    auto *note = new QLabel(tr("PoolProof remembers this environment for the folder without its password: it "
                               "stores the string as shown below."),
                            this);
    note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_preview);
    layout->addWidget(note);
    layout->addWidget(m_buttons);

    connect(m_name, &QLineEdit::textChanged, this, &AddEnvironmentDialog::update);
    connect(m_url, &QLineEdit::textChanged, this, &AddEnvironmentDialog::update);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    update();
}

QString AddEnvironmentDialog::name() const
{
    return m_name->text().trimmed();
}

QString AddEnvironmentDialog::url() const
{
    return m_url->text().trimmed();
}

void AddEnvironmentDialog::update()
{
    const QString masked = maskConnectionString(url());
    m_preview->setText(masked.isEmpty() ? QString() : tr("Remembered as: %1").arg(masked));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!name().isEmpty() && !url().isEmpty());
}

} // namespace poolproof::gui
