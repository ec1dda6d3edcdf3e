import { Tabs } from 'antd';
import { useCurrentUser } from '../auth/auth-context';
import { settingsSectionsFor, type SettingsSection } from '../auth/roles';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { ComingSoon } from '../shared/coming-soon';
import { PageHeader } from '../shared/page-header';

const sectionCopy: Record<SettingsSection, { label: MessageKey; summary: MessageKey }> = {
  standard: { label: 'settings.standard', summary: 'settings.standard.summary' },
  calendars: { label: 'settings.calendars', summary: 'settings.calendars.summary' },
  users: { label: 'settings.users', summary: 'settings.users.summary' },
};

export function SettingsPage() {
  const user = useCurrentUser();
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t('nav.settings')} />
      <Tabs
        items={settingsSectionsFor(user.role).map((section) => ({
          key: section,
          label: t(sectionCopy[section].label),
          children: <ComingSoon summary={sectionCopy[section].summary} />,
        }))}
      />
    </>
  );
}
