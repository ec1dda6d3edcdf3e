import { Alert, Button, Checkbox, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useCurrentUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';
import { formatDateTime } from '../shared/instant-format';
import { useLoad } from '../shared/use-load';
import { visitErrorText } from './visit-labels';
import { visitsApi, type VisitMessage } from './visits-api';
import { useVisitStream } from './use-visit-stream';
import { useNames } from '../shared/use-names';

/** 留言转告: messages left for me (leads: everyone's), soonest deadline first; overdue ones are marked. */
export function MessagesView() {
  const { t, locale } = useI18n();
  const { zone } = useNames();
  const lead = useCurrentUser().role !== 'agent';
  const [everyone, setEveryone] = useState(lead);
  const [openOnly, setOpenOnly] = useState(true);
  const list = useLoad((signal) => visitsApi.messages({ for: everyone ? 'all' : 'me', ...(openOnly && { status: 'open' }) }, signal), [everyone, openOnly]);
  useVisitStream((e) => {
    if (e.type.startsWith('visit.message')) list.reload();
  });
  const [error, setError] = useState<string | null>(null);
  const columns: TableColumnsType<VisitMessage> = [
    { title: t('vs.col.visitor'), dataIndex: 'surname', width: 100 },
    { title: t('vs.message.for'), dataIndex: 'forStaff', width: 90 },
    { title: t('vs.message.contact'), dataIndex: 'contact', width: 140, render: (c: string) => <span className="kefu-mono">{c}</span> },
    { title: t('vs.message.content'), dataIndex: 'content', ellipsis: true, render: (c: string, m) => <Space size={4}>{m.urgent && <Tag color="red">{t('vs.urgentTag')}</Tag>}{c}</Space> },
    { title: t('vs.message.deadline'), dataIndex: 'deadline', width: 170, render: (d: number, m) => <Space size={4}><span className="kefu-mono">{formatDateTime(d, locale, zone)}</span>{m.overdue && <Tag color="red">{t('vs.message.overdue')}</Tag>}</Space> },
    {
      title: '',
      key: 'act',
      width: 90,
      render: (_: unknown, m) =>
        m.status === 'open' ? (
          <Button size="small" onClick={() => void visitsApi.passOn(m.id).then(() => list.reload(), (e: unknown) => setError(visitErrorText(e, t, locale)))}>{t('vs.message.passOn')}</Button>
        ) : (
          <Tag>{t('vs.message.passOn')}</Tag>
        ),
    },
  ];
  return (
    <div data-testid="visit-messages">
      <Space style={{ marginBottom: 12 }}>
        {lead && <Checkbox checked={everyone} onChange={(e) => setEveryone(e.target.checked)}>{t('vs.message.everyone')}</Checkbox>}
        <Checkbox checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)}>{t('cb.filter.openOnly')}</Checkbox>
      </Space>
      {(error || list.status === 'error') && <Alert type="error" showIcon title={error ?? visitErrorText(list.status === 'error' ? list.error : null, t, locale)} style={{ marginBottom: 12 }} />}
      <Table size="small" rowKey="id" columns={columns} dataSource={list.data?.items ?? []} pagination={false} locale={{ emptyText: t('vs.message.empty') }} />
    </div>
  );
}
