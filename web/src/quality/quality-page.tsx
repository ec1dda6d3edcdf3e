import { Tabs } from 'antd';
import { Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n/i18n-context';
import { PageHeader } from '../shared/page-header';
import { CallList } from './call-list';
import { CallQualityPage } from './call-quality-page';
import { TryInspectPage } from './try-inspect-page';

function QualityHome() {
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const active = location.pathname.replace(/\/$/, '').endsWith('/try') ? 'try' : 'calls';
  return (
    <>
      <PageHeader title={t('nav.quality')} />
      <Tabs
        activeKey={active}
        onChange={(key) => navigate(key === 'try' ? '/quality/try' : '/quality')}
        items={[
          { key: 'calls', label: t('quality.tab.calls'), children: active === 'calls' ? <CallList /> : null },
          { key: 'try', label: t('quality.tab.try'), children: active === 'try' ? <TryInspectPage /> : null },
        ]}
      />
    </>
  );
}

export function QualityPage() {
  return (
    <Routes>
      <Route path="calls/:id" element={<CallQualityPage />} />
      <Route path="*" element={<QualityHome />} />
    </Routes>
  );
}
