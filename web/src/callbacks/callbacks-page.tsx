import { Tabs } from 'antd';
import { Route, Routes, useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';
import { PageHeader } from '../shared/page-header';
import { CallbackScreen } from './callback-screen';
import { CampaignsView } from './campaigns-view';
import { SupervisorView } from './supervisor-view';
import { TaskList } from './task-list';
import '../desk/desk.css';

export function CallbacksPage() {
  return (
    <Routes>
      <Route index element={<CallbacksHome />} />
      <Route path=":id" element={<CallbackScreen />} />
    </Routes>
  );
}

/** 回访: the agent's tasks; supervisors also see campaigns and the team's figures. */
function CallbacksHome() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const lead = user.role !== 'agent';
  const tab = params.get('tab') ?? 'tasks';
  const items = [
    { key: 'tasks', label: t('cb.tab.tasks'), children: <TaskList /> },
    ...(lead
      ? [
          { key: 'campaigns', label: t('cb.tab.campaigns'), children: <CampaignsView /> },
          { key: 'supervisor', label: t('cb.tab.supervisor'), children: <SupervisorView /> },
        ]
      : []),
  ];
  return (
    <div data-testid="callbacks-page">
      <PageHeader title={t('nav.callbacks')} />
      <Tabs activeKey={tab} onChange={(key) => setParams({ tab: key })} items={items} destroyOnHidden />
    </div>
  );
}
