#include "startpage.h"

#include <QDir>
#include <QFileInfo>
#include <QIcon>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace poolproof::gui {

StartPage::StartPage(QWidget *parent)
    : QWidget(parent)
    , m_openSample(new QPushButton(tr("Open the &Sample Backend"), this))
    , m_recent(new QListWidget(this))
    , m_recentBox(new QWidget(this))
{
    setObjectName(QStringLiteral("startPage"));
    setAccessibleName(tr("Start"));

    auto *logo = new QLabel(this);
    logo->setPixmap(QIcon(QStringLiteral(":/icons/poolproof.svg")).pixmap(96, 96));
    logo->setAlignment(Qt::AlignCenter);
    auto *title = new QLabel(tr("PoolProof"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 2.2);
    titleFont.setWeight(QFont::DemiBold);
    title->setFont(titleFont);
    title->setAlignment(Qt::AlignCenter);
    auto *subtitle
        = new QLabel(tr("Is your backend ready for PgBouncer in transaction pooling mode? Open its folder: "
                        "PoolProof reads the code and the SQL in it and tells you what breaks behind the pooler, "
                        "why, and how to fix it."),
                     this);
    subtitle->setWordWrap(true);
    subtitle->setAlignment(Qt::AlignCenter);

    auto *openFolder = new QPushButton(style()->standardIcon(QStyle::SP_DirOpenIcon), tr("&Open Folder…"), this);
    openFolder->setObjectName(QStringLiteral("openFolderButton"));
    openFolder->setAccessibleName(tr("Open a folder to scan"));
    openFolder->setDefault(true);
    openFolder->setMinimumHeight(openFolder->sizeHint().height() * 5 / 4);
    connect(openFolder, &QPushButton::clicked, this, &StartPage::openFolderRequested);
    m_openSample->setObjectName(QStringLiteral("openSampleButton"));
    m_openSample->setAccessibleName(tr("Open the sample backend"));
    m_openSample->setIcon(style()->standardIcon(QStyle::SP_FileDialogContentsView));
    m_openSample->setToolTip(tr("FreshTrack, a small Node.js backend with typical transaction-pooling problems"));
    m_openSample->setMinimumHeight(openFolder->minimumHeight());
    connect(m_openSample, &QPushButton::clicked, this, &StartPage::openSampleRequested);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(openFolder);
    buttons->addWidget(m_openSample);
    buttons->addStretch();

    auto *recentTitle = new QLabel(tr("Recent folders"), m_recentBox);
    QFont recentFont = recentTitle->font();
    recentFont.setWeight(QFont::DemiBold);
    recentTitle->setFont(recentFont);
    m_recent->setObjectName(QStringLiteral("recentFoldersList"));
    m_recent->setAccessibleName(tr("Recent folders"));
    m_recent->setMaximumHeight(m_recent->sizeHintForRow(0) > 0 ? m_recent->sizeHintForRow(0) * 8 : 200);
    connect(m_recent, &QListWidget::itemActivated, this,
            [this](QListWidgetItem *item) { Q_EMIT recentFolderActivated(item->data(Qt::UserRole).toString()); });
    auto *recentLayout = new QVBoxLayout(m_recentBox);
    recentLayout->setContentsMargins(0, 0, 0, 0);
    recentLayout->addWidget(recentTitle);
    recentLayout->addWidget(m_recent);

    auto *hint = new QLabel(tr("You can also drop a folder onto this window."), this);
    hint->setAlignment(Qt::AlignCenter);
    hint->setForegroundRole(QPalette::PlaceholderText);

    // A centred column of limited width, as on the welcome pages of IDEs.
    auto *column = new QWidget(this);
    column->setMaximumWidth(640);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->setSpacing(14);
    columnLayout->addWidget(logo);
    columnLayout->addWidget(title);
    columnLayout->addWidget(subtitle);
    columnLayout->addSpacing(10);
    columnLayout->addLayout(buttons);
    columnLayout->addSpacing(10);
    columnLayout->addWidget(m_recentBox);
    columnLayout->addWidget(hint);

    auto *outer = new QHBoxLayout;
    outer->addStretch();
    outer->addWidget(column, 1);
    outer->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addStretch();
    layout->addLayout(outer);
    layout->addStretch(2);
    setRecentFolders({});
}

void StartPage::setRecentFolders(const QStringList &folders)
{
    m_recent->clear();
    for (const QString &folder : folders) {
        auto *item = new QListWidgetItem(style()->standardIcon(QStyle::SP_DirIcon),
                                         QFileInfo(folder).fileName() + u"   —   " + QDir::toNativeSeparators(folder),
                                         m_recent);
        item->setData(Qt::UserRole, folder);
        item->setToolTip(QDir::toNativeSeparators(folder));
    }
    m_recentBox->setVisible(!folders.isEmpty());
}

void StartPage::setSampleAvailable(bool available)
{
    m_openSample->setEnabled(available);
    if (!available)
        m_openSample->setToolTip(
            tr("The sample backend was not found next to the program (set POOLPROOF_SAMPLE_DIR)."));
}

} // namespace poolproof::gui
