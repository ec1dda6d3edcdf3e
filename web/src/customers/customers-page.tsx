import { EyeOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, Descriptions, Empty, Form, Input, Row, Select, Skeleton, Space, Table, Tag, Timeline, Tooltip, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, Route, Routes, useParams, useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../auth/auth-context';
import { describeApiError } from '../api/error-message';
import { useI18n } from '../i18n/i18n-context';
import { useInstantFormat } from '../shared/use-instant-format';
import type { MessageKey } from '../i18n/messages';
import { PageHeader } from '../shared/page-header';
import { useLoad } from '../shared/use-load';
import { TicketStatusTag } from '../tickets/ticket-labels';
import { NewTicketModal } from '../tickets/new-ticket-modal';
import { ticketRef } from '../tickets/tickets-api';
import { SatisfactionSparkline, StageTag, VipTag } from './customer-labels';
import { CustomerCalls } from './customer-calls';
import { customersApi, lifecycleStages, type Customer, type CustomerFilters } from './customers-api';
import '../desk/desk.css';

export function CustomersPage() {
  return (
    <Routes>
      <Route index element={<CustomerList />} />
      <Route path=":id" element={<CustomerDetail />} />
    </Routes>
  );
}

function CustomerList() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters: CustomerFilters = { q: params.get('q') ?? undefined, stage: params.get('stage') ?? undefined, vip: params.get('vip') === '1' };
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad((signal) => customersApi.list(filters, cursor, signal), [params.toString(), cursor]);
  const [form] = Form.useForm<CustomerFilters>();

  function apply(values: CustomerFilters) {
    const next = new URLSearchParams();
    if (values.q?.trim()) next.set('q', values.q.trim());
    if (values.stage) next.set('stage', values.stage);
    if (values.vip) next.set('vip', '1');
    setCursors([undefined]);
    setParams(next);
  }

  const columns: TableColumnsType<Customer> = [
    {
      title: t('customers.col.name'),
      dataIndex: 'name',
      render: (name: string, c) => (
        <Space size={4}>
          <Link to={encodeURIComponent(c.id)}>{name}</Link>
          {c.vip && <VipTag />}
        </Space>
      ),
    },
    { title: t('customers.col.code'), dataIndex: 'code', render: (v: string | null) => <span className="kefu-mono">{v ?? '—'}</span> },
    { title: t('customers.col.company'), dataIndex: 'company', render: (v: string | null) => v ?? '—' },
    { title: t('customers.col.stage'), dataIndex: 'stage', render: (s: Customer['stage']) => <StageTag stage={s} /> },
    { title: t('customers.col.phone'), dataIndex: 'phones', render: (p: Customer['phones']) => <span className="kefu-mono">{p[0]?.number ?? '—'}</span> },
    { title: t('customers.col.tags'), dataIndex: 'tags', render: (tags: string[]) => tags.map((tag) => <Tag key={tag}>{tag}</Tag>) },
  ];

  return (
    <div data-testid="customer-list">
      <PageHeader title={t('nav.customers')} />
      <Form form={form} layout="inline" className="kefu-filter-row" initialValues={filters} onFinish={apply}>
        <Form.Item name="q">
          <Input.Search placeholder={t('customers.searchPlaceholder')} aria-label={t('customers.search')} allowClear style={{ width: 260 }} onSearch={() => form.submit()} />
        </Form.Item>
        <Form.Item name="stage">
          <Select allowClear placeholder={t('customers.col.stage')} aria-label={t('customers.col.stage')} style={{ width: 130 }} options={lifecycleStages.map((s) => ({ value: s, label: t(`customers.stage.${s}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="vip" valuePropName="checked">
          <Checkbox>{t('customers.vipOnly')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('tickets.filter.apply')}
        </Button>
      </Form>
      {page.status === 'error' && <Alert type="error" showIcon title={describeApiError(page.error, t)} style={{ marginBottom: 12 }} action={<a onClick={page.reload}>{t('common.retry')}</a>} />}
      <Table size="small" rowKey="id" columns={columns} dataSource={page.data?.items ?? []} loading={page.status === 'loading'} pagination={false} locale={{ emptyText: filters.q ? t('tickets.noMatch', { q: filters.q }) : t('customers.empty') }} />
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


function CustomerDetail() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const when = useInstantFormat();
  const user = useCurrentUser();
  const overview = useLoad((signal) => customersApi.overview(id, signal), [id]);
  const [revealed, setRevealed] = useState<Customer | null>(null);
  const [revealError, setRevealError] = useState<unknown>(null);
  const [revealing, setRevealing] = useState(false);
  const [newTicket, setNewTicket] = useState(false);

  if (!overview.data) {
    if (overview.status === 'error') return <Alert type="error" showIcon title={describeApiError(overview.error, t)} action={<Link to="/customers">{t('customers.backToList')}</Link>} />;
    return <Skeleton active />;
  }
  const data = overview.data;
  const c = revealed && revealed.id === data.customer.id ? revealed : data.customer;
  // Who may reveal is the server's rule; the session answer says what this user may.
  const canReveal = user.mayReveal.includes('phone');

  async function reveal() {
    setRevealing(true);
    setRevealError(null);
    try {
      setRevealed(await customersApi.reveal(id));
    } catch (error) {
      setRevealError(error);
    } finally {
      setRevealing(false);
    }
  }

  const revealButton = c.masked ? (
    canReveal ? (
      <Tooltip title={t('customers.revealAudited')}>
        <Button size="small" icon={<EyeOutlined />} loading={revealing} onClick={() => void reveal()} data-testid="reveal-pii">
          {t('customers.reveal')}
        </Button>
      </Tooltip>
    ) : (
      <span className="kefu-text-secondary">{t('customers.revealNotAllowed')}</span>
    )
  ) : (
    <Tag color="orange">{t('customers.revealedAudited')}</Tag>
  );

  return (
    <div data-testid="customer-detail">
      <PageHeader
        title={
          <Space>
            <Link to="/customers">{t('nav.customers')}</Link>
            <span>/</span>
            <span>{c.name}</span>
            {c.vip && <VipTag />}
            <StageTag stage={c.stage} />
          </Space>
        }
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setNewTicket(true)} data-testid="customer-new-ticket">
            {t('customers.newTicket')}
          </Button>
        }
      />
      <NewTicketModal open={newTicket} onClose={() => setNewTicket(false)} customer={{ id: data.customer.id, name: data.customer.name }} />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('customers.profile')} extra={revealButton}>
            {revealError !== null && <Alert type="error" showIcon title={describeApiError(revealError, t)} style={{ marginBottom: 8 }} />}
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t('customers.col.code')}>{c.code ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('customers.col.company')}>{c.company ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('customers.col.phone')}>
                <span className="kefu-mono" data-testid="customer-phones">
                  {c.phones.map((p) => `${p.number}（${t(`customers.phoneKind.${p.kind}` as MessageKey)}）`).join('、') || '—'}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t('customers.email')}><span className="kefu-mono">{c.email ?? '—'}</span></Descriptions.Item>
              <Descriptions.Item label={t('customers.category')}>{c.category ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('customers.col.tags')}>{c.tags.map((tag) => <Tag key={tag}>{tag}</Tag>)}</Descriptions.Item>
              <Descriptions.Item label={t('customers.preferences')}>
                {[c.contactPreferences.consentToCallbacks ? t('customers.consentCallbacks') : t('customers.noCallbacks'), ...c.contactPreferences.doNotCall.map((w) => t('customers.doNotCall', { start: w.start, end: w.end })), ...(c.contactPreferences.timeZone ? [t('customers.timeZone', { zone: c.contactPreferences.timeZone })] : [])].join('；')}
              </Descriptions.Item>
              <Descriptions.Item label={t('customers.note')}>{c.note ?? '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          <div style={{ height: 12 }} />
          <Card size="small" title={t('customers.satisfaction')}>
            {data.satisfaction.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.customer.noSatisfaction')} /> : <SatisfactionSparkline points={data.satisfaction} label={t('customers.satisfaction')} />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('customers.tickets', { count: data.tickets.length })}>
            <Table
              size="small"
              rowKey="id"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={data.tickets}
              locale={{ emptyText: t('customers.noTickets') }}
              columns={[
                { title: t('tickets.col.id'), dataIndex: 'number', render: (_: unknown, tk) => <Link to={`/tickets/${encodeURIComponent(ticketRef(tk))}`} className="kefu-mono">{tk.number ?? '—'}</Link> },
                { title: t('tickets.col.createdAt'), dataIndex: 'createdAt', render: (ms: number) => <span className="kefu-mono">{when(ms)}</span> },
                { title: t('tickets.col.description'), dataIndex: 'description', ellipsis: true, render: (d: string, tk) => <Link to={`/tickets/${encodeURIComponent(ticketRef(tk))}`}>{tk.title ?? d}</Link> },
                { title: t('tickets.col.status'), dataIndex: 'status', render: (s) => <TicketStatusTag status={s} /> },
              ]}
            />
          </Card>
          <div style={{ height: 12 }} />
          <CustomerCalls calls={data.calls} />
          <div style={{ height: 12 }} />
          <Card size="small" title={t('customers.stageHistory')}>
            {data.stageHistory.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.noStageHistory')} />
            ) : (
              <Timeline
                items={data.stageHistory.map((s) => ({
                  key: s.id,
                  content: `${when(s.at)} · ${s.from ? t(`customers.stage.${s.from}` as MessageKey) : '∅'} → ${t(`customers.stage.${s.to}` as MessageKey)}${s.reason ? ` · ${s.reason}` : ''}`,
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
