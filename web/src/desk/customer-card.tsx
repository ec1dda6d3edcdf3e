import { Alert, Card, Empty, Input, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { describeApiError } from '../api/error-message';
import { SatisfactionSparkline, StageTag, VipTag } from '../customers/customer-labels';
import type { CustomerOverview } from '../customers/customers-api';
import { useI18n } from '../i18n/i18n-context';
import { useInstantFormat } from '../shared/use-instant-format';
import { TicketStatusTag } from '../tickets/ticket-labels';

const openStatuses = new Set(['open', 'in_progress', 'waiting_customer', 'reopened']);

/** Who is calling: VIP, lifecycle stage, last contacts, open tickets, satisfaction trend (CRM-DB). */
export function CustomerCard({
  overview,
  loading,
  error,
  caller,
  onLookup,
}: {
  overview: CustomerOverview | null;
  loading: boolean;
  error: unknown;
  caller: string | null;
  onLookup: (phoneOrName: string) => void;
}) {
  const { t } = useI18n();
  const when = useInstantFormat();
  const [query, setQuery] = useState('');

  const lookup = (
    <Input.Search
      size="small"
      placeholder={t('desk.customer.lookupPlaceholder')}
      aria-label={t('desk.customer.lookup')}
      value={query}
      onChange={(e) => setQuery(e.target.value)}
      onSearch={(value) => value.trim() && onLookup(value.trim())}
      enterButton={t('desk.customer.lookupButton')}
      allowClear
    />
  );

  let body;
  if (loading) body = <Skeleton active paragraph={{ rows: 4 }} />;
  else if (error) body = <Alert type="error" showIcon title={describeApiError(error, t)} />;
  else if (!overview)
    body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={caller ? t('desk.customer.unknownCaller', { caller }) : t('desk.customer.none')} />;
  else {
    const c = overview.customer;
    const openTickets = overview.tickets.filter((tk) => openStatuses.has(tk.status));
    const recent = [...overview.tickets].sort((a, b) => b.createdAt - a.createdAt).slice(0, 3);
    body = (
      <div data-testid="customer-card-body">
        <Space size={6} wrap>
          <Typography.Text strong style={{ fontSize: 16 }}>
            <Link to={`/customers/${encodeURIComponent(c.id)}`}>{c.name}</Link>
          </Typography.Text>
          {c.vip && <VipTag />}
          <StageTag stage={c.stage} />
          {c.company && <Typography.Text type="secondary">{c.company}</Typography.Text>}
        </Space>
        <dl className="kefu-facts">
          <dt>{t('desk.customer.phone')}</dt>
          <dd className="kefu-mono">{c.phones.map((p) => p.number).join('、') || '—'}</dd>
          <dt>{t('desk.customer.openTickets')}</dt>
          <dd>{openTickets.length}</dd>
          <dt>{t('desk.customer.satisfaction')}</dt>
          <dd>
            {overview.satisfaction.length === 0 ? (
              <Typography.Text type="secondary">{t('desk.customer.noSatisfaction')}</Typography.Text>
            ) : (
              <SatisfactionSparkline points={overview.satisfaction} label={t('desk.customer.satisfaction')} />
            )}
          </dd>
        </dl>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('desk.customer.lastContacts')}
        </Typography.Text>
        {recent.length === 0 ? (
          <div className="kefu-text-secondary">{t('desk.customer.noContacts')}</div>
        ) : (
          <ul className="kefu-plain-list">
            {recent.map((tk) => (
              <li key={tk.id}>
                <Space size={6} style={{ width: '100%' }}>
                  <span className="kefu-text-secondary kefu-mono">{when(tk.createdAt)}</span>
                  <TicketStatusTag status={tk.status} />
                  <Link to={`/tickets/${encodeURIComponent(tk.id)}`} className="kefu-ellipsis">
                    {tk.title ?? tk.description}
                  </Link>
                </Space>
              </li>
            ))}
          </ul>
        )}
      </div>
    );
  }

  return (
    <Card size="small" title={t('desk.customer.title')} data-testid="customer-card">
      <div style={{ marginBottom: 8 }}>{lookup}</div>
      {body}
    </Card>
  );
}
