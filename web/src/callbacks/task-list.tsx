import { Alert, Checkbox, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { describeApiError } from '../api/error-message';
import { useCurrentUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';
import { useLoad } from '../shared/use-load';

/** A supervisor's list holds a campaign's every task (120 and more): pages of 50 past that. */
const TASKS_PER_PAGE = 50;
import { formatDateTime } from '../shared/instant-format';
import { callbacksApi, type CallbackTask } from './callbacks-api';
import { CallableTag, TaskStatusTag, targetReason } from './callback-labels';
import { useNames } from '../shared/use-names';

/** The agent's list: due today, callable now or why not, the next window. */
export function TaskList() {
  const { t, locale, script } = useI18n();
  const names = useNames();
  const user = useCurrentUser();
  const [today, setToday] = useState(true);
  const [mine, setMine] = useState(user.role === 'agent');
  const [openOnly, setOpenOnly] = useState(true);
  const filters = { ...(today && { due: 'today' }), ...(mine && { agent: 'me' }), ...(openOnly && { status: 'pending,retry' }) };
  const page = useLoad((signal) => callbacksApi.list(filters, signal), [today, mine, openOnly]);

  const columns: TableColumnsType<CallbackTask> = [
    { title: t('cb.col.customer'), dataIndex: ['target', 'customerName'], width: 120, render: (name: string, task) => <Link to={encodeURIComponent(task.id)} data-testid="task-link">{name}</Link> },
    { title: t('cb.col.number'), dataIndex: ['target', 'number'], width: 140, render: (n: string) => <span className="kefu-mono">{n}</span> },
    { title: t('cb.reason'), dataIndex: ['target', 'reason'], ellipsis: true, render: (_: string, task) => targetReason(task.target, locale, script) },
    { title: t('cb.col.due'), key: 'due', width: 190, render: (_: unknown, task) => <span className="kefu-mono">{task.due.first} — {task.due.last}{task.late && <Tag color="red" style={{ marginLeft: 4 }}>{t('cb.late')}</Tag>}</span> },
    { title: t('cb.col.planned'), dataIndex: 'plannedAt', width: 120, render: (ms: number | null) => <span className="kefu-mono">{formatDateTime(ms, locale, names.zone)}</span> },
    { title: t('cb.col.callable'), key: 'callable', width: 230, render: (_: unknown, task) => <CallableTag value={task.callableNow} /> },
    { title: t('cb.col.agent'), dataIndex: 'agent', width: 90, render: (a: string | null) => names.person(a) },
    { title: t('cb.col.status'), dataIndex: 'status', width: 90, render: (s: CallbackTask['status']) => <TaskStatusTag status={s} /> },
  ];

  return (
    <div data-testid="callback-task-list">
      <Space style={{ marginBottom: 12 }}>
        <Checkbox checked={today} onChange={(e) => setToday(e.target.checked)}>{t('cb.filter.today')}</Checkbox>
        <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)}>{t('cb.filter.mine')}</Checkbox>
        <Checkbox checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)}>{t('cb.filter.openOnly')}</Checkbox>
      </Space>
      {page.status === 'error' && <Alert type="error" showIcon title={describeApiError(page.error, t)} style={{ marginBottom: 12 }} />}
      {page.data?.nextCursor && <Alert type="warning" showIcon title={t('cb.listCut', { count: page.data.items.length })} style={{ marginBottom: 12 }} />}
      <Table size="small" rowKey="id" columns={columns} dataSource={page.data?.items ?? []} loading={page.status === 'loading'} pagination={(page.data?.items.length ?? 0) > TASKS_PER_PAGE ? { pageSize: TASKS_PER_PAGE, showSizeChanger: false } : false} locale={{ emptyText: t('cb.empty') }} />
    </div>
  );
}
