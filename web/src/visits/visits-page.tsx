import { Button, Tabs } from 'antd';
import { Link, Route, Routes, useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';
import { PageHeader } from '../shared/page-header';
import { CardsView } from './cards-view';
import { DisplayScreen } from './display-screen';
import { MessagesView } from './messages-view';
import { ReceptionView } from './reception-view';
import { StaffView } from './staff-view';

export function VisitsPage() {
  return (
    <Routes>
      <Route index element={<VisitsHome />} />
      <Route path="display" element={<DisplayScreen />} />
    </Routes>
  );
}

/** 来访接待: reception, my visitors, messages; supervisors also score observation cards. */
function VisitsHome() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const lead = user.role !== 'agent';
  const tab = params.get('tab') ?? 'reception';
  const items = [
    { key: 'reception', label: t('vs.tab.reception'), children: <ReceptionView /> },
    { key: 'staff', label: t('vs.tab.staff'), children: <StaffView /> },
    { key: 'messages', label: t('vs.tab.messages'), children: <MessagesView /> },
    ...(lead ? [{ key: 'cards', label: t('vs.tab.cards'), children: <CardsView /> }] : []),
  ];
  return (
    <div data-testid="visits-page">
      <PageHeader
        title={t('nav.visits')}
        extra={
          <Link to="/kiosk/visits" target="_blank">
            <Button data-testid="open-display">{t('vs.openDisplay')}</Button>
          </Link>
        }
      />
      <Tabs activeKey={tab} onChange={(key) => setParams({ tab: key })} items={items} destroyOnHidden />
    </div>
  );
}
