import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Form, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { Link, Route, Routes, useSearchParams } from 'react-router-dom';
import { describeApiError } from '../api/error-message';
import { useI18n } from '../i18n/i18n-context';
import { useInstantFormat } from '../shared/use-instant-format';
import type { MessageKey } from '../i18n/messages';
import { PageHeader } from '../shared/page-header';
import { useLoad } from '../shared/use-load';
import { TicketStatusTag } from './ticket-labels';
import { TicketDetailPage } from './ticket-detail-page';
import { ticketRef, ticketStatuses, ticketsApi, type TicketFilters, type TicketListItem } from './tickets-api';
import { NewTicketModal } from './new-ticket-modal';
import '../desk/desk.css';

export function TicketsPage() {
  return (
    <Routes>
      <Route index element={<TicketList />} />
      <Route path=":id" element={<TicketDetailPage />} />
    </Routes>
  );
}

interface FilterValues {
  q?: string;
  status?: string[];
  type?: string;
  mine?: boolean;
  overdue?: boolean;
}

function filtersFrom(params: URLSearchParams): TicketFilters & { mine: boolean } {
  return {
    q: params.get('q') ?? undefined,
    status: params.get('status') ?? undefined,
    type: params.get('type') ?? undefined,
    overdue: params.get('overdue') === '1',
    mine: params.get('mine') === '1',
    ...(params.get('mine') === '1' && { assignee: 'me' }),
  };
}

/** Search (Chinese words in either script), filters in the address bar, cursor paging. */
function TicketList() {
  const { t, script } = useI18n();
  const when = useInstantFormat();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad((signal) => ticketsApi.list(filters, cursor, signal), [params.toString(), cursor]);
  const settings = useLoad((signal) => ticketsApi.settings(signal), []);
  // The centre's type names are Simplified, as configured: a 繁體 reader reads them converted, like the pack's text.
  const typeLabel = useMemo(() => new Map((settings.data?.types ?? []).map((x) => [x.key, script(x.label)])), [settings.data, script]);
  const [form] = Form.useForm<FilterValues>();
  const [creating, setCreating] = useState(false);

  function apply(values: FilterValues) {
    const next = new URLSearchParams();
    if (values.q?.trim()) next.set('q', values.q.trim());
    if (values.status?.length) next.set('status', values.status.join(','));
    if (values.type) next.set('type', values.type);
    if (values.mine) next.set('mine', '1');
    if (values.overdue) next.set('overdue', '1');
    setCursors([undefined]);
    setParams(next);
  }

  // The number is what people read out; the internal id never shows.
  const columns: TableColumnsType<TicketListItem> = [
    { title: t('tickets.col.id'), dataIndex: 'number', width: 160, render: (_: unknown, tk) => <Link to={encodeURIComponent(ticketRef(tk))} className="kefu-mono">{tk.number ?? '—'}</Link> },
    { title: t('tickets.col.type'), dataIndex: 'type', width: 80, render: (type: string) => typeLabel.get(type) ?? type },
    // A long name (up to 100 characters) stays on one line, whole on hover.
    { title: t('tickets.col.customer'), dataIndex: 'customerName', width: 110, ellipsis: { showTitle: true } },
    { title: t('tickets.col.description'), dataIndex: 'description', ellipsis: true, render: (d: string, tk) => tk.title ?? d },
    { title: t('tickets.col.status'), dataIndex: 'status', width: 100, render: (s: TicketListItem['status']) => <TicketStatusTag status={s} /> },
    { title: t('tickets.col.assignee'), dataIndex: 'assigneeName', width: 100, render: (name: string | null) => name ?? <span className="kefu-text-secondary">{t('tickets.assign.unassigned')}</span> },
    { title: t('tickets.col.level'), dataIndex: 'escalationLevel', width: 100, render: (l: TicketListItem['escalationLevel']) => (l === 'agent' ? '—' : <Tag color="volcano">{t(`tickets.level.${l}` as MessageKey)}</Tag>) },
    { title: t('tickets.col.createdAt'), dataIndex: 'createdAt', width: 120, render: (ms: number) => <span className="kefu-mono">{when(ms)}</span> },
  ];

  return (
    <div data-testid="ticket-list">
      <PageHeader
        title={t('nav.tickets')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="tickets-new">
            {t('tickets.new')}
          </Button>
        }
      />
      <NewTicketModal open={creating} onClose={() => setCreating(false)} />
      <Form
        form={form}
        layout="inline"
        className="kefu-filter-row"
        initialValues={{ ...filters, status: filters.status?.split(',').filter(Boolean) }}
        onFinish={apply}
      >
        <Form.Item name="q">
          <Input.Search placeholder={t('tickets.searchPlaceholder')} aria-label={t('tickets.search')} allowClear style={{ width: 260 }} onSearch={() => form.submit()} data-testid="ticket-search" />
        </Form.Item>
        <Form.Item name="status">
          <Select mode="multiple" allowClear placeholder={t('tickets.filter.status')} aria-label={t('tickets.filter.status')} style={{ minWidth: 180 }} options={ticketStatuses.map((s) => ({ value: s, label: t(`tickets.status.${s}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="type">
          <Select allowClear placeholder={t('tickets.filter.type')} aria-label={t('tickets.filter.type')} style={{ width: 120 }} options={(settings.data?.types ?? []).map((x) => ({ value: x.key, label: script(x.label) }))} />
        </Form.Item>
        <Form.Item name="mine" valuePropName="checked">
          <Checkbox>{t('tickets.filter.mine')}</Checkbox>
        </Form.Item>
        <Form.Item name="overdue" valuePropName="checked">
          <Checkbox>{t('tickets.filter.overdue')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('tickets.filter.apply')}
        </Button>
      </Form>
      {page.status === 'error' && <Alert type="error" showIcon title={describeApiError(page.error, t)} style={{ marginBottom: 12 }} action={<a onClick={page.reload}>{t('common.retry')}</a>} />}
      <Table
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={page.data?.items ?? []}
        loading={page.status === 'loading'}
        pagination={false}
        locale={{ emptyText: filters.q ? t('tickets.noMatch', { q: filters.q }) : t('tickets.empty') }}
      />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('common.prevPage')}
        </Button>
        <Button disabled={!page.data?.nextCursor} onClick={() => page.data?.nextCursor && setCursors((c) => [...c, page.data!.nextCursor!])}>
          {t('common.nextPage')}
        </Button>
      </Space>
    </div>
  );
}
