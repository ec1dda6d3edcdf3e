import { Alert, Button, Card, Col, Row, Space, Statistic, Table, type TableColumnsType } from 'antd';
import { describeApiError } from '../api/error-message';
import { useI18n } from '../i18n/i18n-context';
import { useLoad } from '../shared/use-load';
import { callbacksApi, type AgentSummary } from './callbacks-api';
import { useNames } from '../shared/use-names';

const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** The supervisor's view: reached rate, satisfaction, overdue, by agent; the two lists as files. */
export function SupervisorView() {
  const { t, locale } = useI18n();
  const names = useNames();
  const summary = useLoad((signal) => callbacksApi.summary(undefined, signal), []);
  const s = summary.data;
  const columns: TableColumnsType<AgentSummary> = [
    { title: t('cb.col.agent'), dataIndex: 'agent', render: (a: string, row) => (row.assigned ? names.person(a) : t('cb.sup.unassigned')) },
    { title: t('cb.sup.tasks'), dataIndex: 'tasks', width: 90 },
    { title: t('cb.sup.reached'), dataIndex: 'reached', width: 90 },
    { title: t('cb.sup.open'), dataIndex: 'open', width: 90 },
    { title: t('cb.sup.overdue'), dataIndex: 'overdue', width: 110 },
    { title: t('cb.sup.satisfaction'), dataIndex: 'satisfaction', width: 110, render: (x: number | null) => x ?? '—' },
  ];
  return (
    <div data-testid="callback-supervisor">
      {summary.status === 'error' && <Alert type="error" showIcon title={describeApiError(summary.error, t)} />}
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col span={6}><Card size="small"><Statistic title={t('cb.sup.tasks')} value={s?.tasks ?? 0} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={t('cb.sup.reachedRate')} value={percent(s?.reachedRate ?? null)} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={t('cb.sup.satisfaction')} value={s?.satisfaction ?? '—'} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title={t('cb.sup.overdue')} value={s?.overdue ?? 0} styles={s?.overdue ? { content: { color: '#cf1322' } } : undefined} /></Card></Col>
      </Row>
      <Space style={{ marginBottom: 12 }}>
        <Button href={callbacksApi.exportUrl('targets', 'xlsx', locale)}>{t('cb.export.targets')}</Button>
        <Button href={callbacksApi.exportUrl('reports', 'xlsx', locale)}>{t('cb.export.reports')}</Button>
      </Space>
      <Table size="small" rowKey="agent" columns={columns} dataSource={s?.byAgent ?? []} loading={summary.status === 'loading'} pagination={false} />
    </div>
  );
}
