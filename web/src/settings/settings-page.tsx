import { Tabs } from 'antd';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../auth/auth-context';
import { settingsSectionsFor, type SettingsSection } from '../auth/roles';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { PageHeader } from '../shared/page-header';
import { CalendarSettings } from './calendar-settings';
import { StandardSettings } from './standard-settings';
import { UsersSettings } from './users-settings';

const sectionLabel: Record<SettingsSection, MessageKey> = {
  standard: 'settings.standard',
  calendars: 'settings.calendars',
  users: 'settings.users',
};

function SectionBody({ section }: { section: SettingsSection }) {
  switch (section) {
    case 'standard':
      return <StandardSettings />;
    case 'calendars':
      return <CalendarSettings />;
    case 'users':
      return <UsersSettings />;
  }
}

/** Each section has its own address (/settings/standard …), so a link or a reload lands on it. */
export function SettingsPage() {
  const user = useCurrentUser();
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const sections = settingsSectionsFor(user.role);
  const asked = location.pathname.split('/')[2];
  const first = sections[0];
  if (!first) return null;
  const active = sections.find((s) => s === asked);
  if (!active) return <Navigate to={`/settings/${first}`} replace />;
  return (
    <>
      <PageHeader title={t('nav.settings')} />
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(`/settings/${key}`)}
        items={sections.map((section) => ({
          key: section,
          label: t(sectionLabel[section]),
          children: section === active ? <SectionBody section={section} /> : null,
        }))}
      />
    </>
  );
}
