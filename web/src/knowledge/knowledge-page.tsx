import { Tabs } from 'antd';
import { useState } from 'react';
import { useCurrentUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';
import { PageHeader } from '../shared/page-header';
import { ArticlesView } from './articles-view';
import { BulletinsView } from './bulletins-view';

const writers = new Set(['supervisor', 'qa', 'manager', 'admin']);
const leads = new Set(['supervisor', 'manager', 'admin']);

/** 知识库与公告: articles (search in either script, versions, review dates) and the shift bulletins. */
export function KnowledgePage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const [tab, setTab] = useState<'articles' | 'bulletins'>('articles');
  return (
    <div>
      <PageHeader title={t('nav.knowledge')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as 'articles' | 'bulletins')}
        items={[
          { key: 'articles', label: t('kb.tab.articles'), children: <ArticlesView canWrite={writers.has(user.role)} /> },
          { key: 'bulletins', label: t('kb.tab.bulletins'), children: <BulletinsView canPublish={leads.has(user.role)} /> },
        ]}
      />
    </div>
  );
}
