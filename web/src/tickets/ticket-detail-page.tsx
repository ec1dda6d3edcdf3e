import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Empty, Input, Modal, Row, Skeleton, Space, Table, Tag, Timeline, Typography, message as antdMessage } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { describeApiError } from '../api/error-message';
import { useNow } from '../desk/use-event-stream';
import { useI18n } from '../i18n/i18n-context';
import { useCurrentUser } from '../auth/auth-context';
import type { MessageKey } from '../i18n/messages';
import { PageHeader } from '../shared/page-header';
import { useLoad } from '../shared/use-load';
import { formatDateTime, formatRelative, PromiseTag, TicketStatusTag } from './ticket-labels';
import { ticketsApi, type TicketDetail, type TicketHistoryEntry, type TicketPromise } from './tickets-api';
import { TicketArticlesCard } from './ticket-articles-card';

type ActionKind = 'escalate' | 'resolve' | 'reopen' | 'close';

function describeChange(entry: TicketHistoryEntry): string {
  if (!entry.changes) return '';
  return Object.entries(entry.changes)
    .map(([field, change]) => `${field}: ${short(change.from)} → ${short(change.to)}`)
    .join('；');
}

function short(value: unknown): string {
  if (value === null || value === undefined || value === '') return '∅';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

export function TicketDetailPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const now = useNow(30_000);
  const detail = useLoad((signal) => ticketsApi.get(id, signal), [id]);
  const settings = useLoad((signal) => ticketsApi.settings(signal), []);
  const [override, setOverride] = useState<TicketDetail | null>(null);
  const [action, setAction] = useState<ActionKind | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [messageApi, holder] = antdMessage.useMessage();
  const user = useCurrentUser();
  const [revealed, setRevealed] = useState<TicketDetail | null>(null);
  const [revealing, setRevealing] = useState(false);
  const data = override && override.ticket.id === id ? override : detail.data;

  if (!data) {
    if (detail.status === 'error')
      return (
        <>
          <PageHeader title={t('tickets.detail.title')} />
          <Alert type="error" showIcon title={describeApiError(detail.error, t)} action={<Link to="/tickets">{t('tickets.backToList')}</Link>} />
        </>
      );
    return <Skeleton active />;
  }

  const tk = data.ticket;
  // What the ticket offers now is the server's status flow, sent with the ticket.
  const actions = data.actions;
  // Numbers come masked; a role the masking policy lets reveal may ask, and the server audits it.
  const shownPhone = revealed && revealed.ticket.id === tk.id ? revealed.ticket.contactPhone : tk.contactPhone;
  async function reveal() {
    setRevealing(true);
    try {
      setRevealed(await ticketsApi.reveal(id));
    } catch (error) {
      void messageApi.error(describeApiError(error, t));
    } finally {
      setRevealing(false);
    }
  }

  async function run() {
    if (!action) return;
    setBusy(true);
    setActionError(null);
    try {
      const text = note.trim() || null;
      const next =
        action === 'escalate' ? await ticketsApi.escalate(tk.id, text) : action === 'resolve' ? await ticketsApi.resolve(tk.id, text) : action === 'reopen' ? await ticketsApi.reopen(tk.id, text) : await ticketsApi.close(tk.id, text);
      setOverride(next);
      setAction(null);
      setNote('');
      void messageApi.success(t(`tickets.action.${action}.done` as MessageKey));
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
    }
  }

  async function keep(promise: TicketPromise) {
    try {
      setOverride(await ticketsApi.keepPromise(tk.id, promise.id));
    } catch (error) {
      void messageApi.error(describeApiError(error, t));
    }
  }

  const actionButton = (kind: ActionKind, enabled: boolean, primary = false) =>
    enabled ? (
      <Button key={kind} type={primary ? 'primary' : 'default'} danger={kind === 'escalate'} onClick={() => setAction(kind)} data-testid={`ticket-${kind}`}>
        {t(`tickets.action.${kind}` as MessageKey)}
      </Button>
    ) : null;

  return (
    <div data-testid="ticket-detail">
      {holder}
      <PageHeader
        title={
          <Space>
            <Link to="/tickets">{t('nav.tickets')}</Link>
            <span>/</span>
            <span className="kefu-mono">{tk.id}</span>
            <TicketStatusTag status={tk.status} />
            {tk.escalationLevel !== 'agent' && <Tag color="volcano">{t(`tickets.level.${tk.escalationLevel}` as MessageKey)}</Tag>}
          </Space>
        }
        extra={<Space>{[actionButton('resolve', actions.resolve, true), actionButton('escalate', actions.escalate), actionButton('reopen', actions.reopen), actionButton('close', actions.close)]}</Space>}
      />
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('tickets.detail.title')}>
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={t('tickets.col.type')}>{tk.type}{tk.complaintClass ? ` · ${tk.complaintClass}` : ''}{tk.complaintGrade ? ` · ${tk.complaintGrade}` : ''}</Descriptions.Item>
              <Descriptions.Item label={t('tickets.detail.priority')}>{t(`tickets.priority.${tk.priority}` as MessageKey)}</Descriptions.Item>
              <Descriptions.Item label={t('tickets.col.customer')}>
                {tk.customerId ? <Link to={`/customers/${encodeURIComponent(tk.customerId)}`}>{tk.customerName}</Link> : tk.customerName || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('tickets.detail.phone')}>
                <Space size={6}>
                  <span className="kefu-mono" data-testid="ticket-phone">{shownPhone ?? '—'}</span>
                  {tk.contactPhone && user.mayReveal.includes('phone') && shownPhone === tk.contactPhone && (
                    <Button size="small" type="link" icon={<EyeOutlined />} loading={revealing} onClick={() => void reveal()} title={t('customers.revealAudited')} data-testid="ticket-reveal-pii">
                      {t('customers.reveal')}
                    </Button>
                  )}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('tickets.detail.channel')}>{t(`tickets.channel.${tk.channel}` as MessageKey)}</Descriptions.Item>
              <Descriptions.Item label={t('tickets.detail.call')}><span className="kefu-mono">{tk.callId ?? '—'}</span></Descriptions.Item>
              <Descriptions.Item label={t('tickets.col.createdAt')}>{formatDateTime(tk.createdAt, locale)}</Descriptions.Item>
              <Descriptions.Item label={t('tickets.detail.reopened')}>{tk.reopenCount}</Descriptions.Item>
              <Descriptions.Item label={t('tickets.col.description')} span={2}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{tk.description}</Typography.Paragraph>
              </Descriptions.Item>
              <Descriptions.Item label={t('tickets.detail.summary')} span={2}>
                {tk.summary ? `${tk.summary.problemType} · ${tk.summary.solution}${tk.summary.satisfaction ? ` · ${tk.summary.satisfaction}/5` : ''}` : <span className="kefu-text-secondary">{t('tickets.detail.noSummary')}</span>}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <div style={{ height: 12 }} />
          <Card size="small" title={t('tickets.detail.promises')} data-testid="ticket-promises">
            {data.promises.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.detail.noPromises')} />
            ) : (
              <Table
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={data.promises}
                columns={[
                  { title: t('tickets.promise.kind'), dataIndex: 'kind', render: (k: string) => t(`tickets.promiseKind.${k}` as MessageKey) },
                  { title: t('tickets.promise.due'), dataIndex: 'dueAt', render: (ms: number, p) => <span className="kefu-mono" title={formatRelative(ms, now, locale)}>{formatDateTime(ms, locale)}{p.status === 'open' ? ` (${formatRelative(ms, now, locale)})` : ''}</span> },
                  { title: t('tickets.promise.state'), key: 'state', render: (_: unknown, p) => <PromiseTag promise={p} now={now} atRiskWithinMs={settings.data?.atRiskWithinMs ?? 0} /> },
                  { title: t('tickets.promise.step'), dataIndex: 'escalationStep' },
                  {
                    title: '',
                    key: 'keep',
                    render: (_: unknown, p) =>
                      p.status === 'open' ? (
                        <Button size="small" onClick={() => void keep(p)}>
                          {t('tickets.promise.keep')}
                        </Button>
                      ) : null,
                  },
                ]}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <TicketArticlesCard
            ticketId={tk.id}
            onChanged={() => {
              // The history gained an entry: read the ticket again.
              setOverride(null);
              detail.reload();
            }}
          />
          <div style={{ height: 12 }} />
          <Card size="small" title={t('tickets.detail.history')} data-testid="ticket-history">
            <Timeline
              items={[...data.history].reverse().map((h) => ({
                key: h.id,
                content: (
                  <div>
                    <div>
                      <strong>{t(`tickets.history.${h.action}` as MessageKey) || h.action}</strong>{' '}
                      <span className="kefu-text-secondary">
                        {h.actorName ?? t('tickets.history.system')} · {formatDateTime(h.at, locale)}
                      </span>
                    </div>
                    {h.note && <div>{h.note}</div>}
                    {h.changes && <div className="kefu-text-secondary" style={{ fontSize: 12 }}>{describeChange(h)}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <Modal
        open={action !== null}
        title={action ? t(`tickets.action.${action}` as MessageKey) : ''}
        onCancel={() => setAction(null)}
        onOk={() => void run()}
        confirmLoading={busy}
        okText={t('tickets.action.confirm')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Input.TextArea
          autoFocus
          value={note}
          onChange={(e) => setNote(e.target.value)}
          autoSize={{ minRows: 3 }}
          aria-label={t('tickets.action.note')}
          placeholder={action ? t(`tickets.action.${action}.placeholder` as MessageKey) : ''}
        />
        {actionError !== null && <Alert type="error" showIcon title={describeApiError(actionError, t)} style={{ marginTop: 8 }} />}
      </Modal>
    </div>
  );
}
