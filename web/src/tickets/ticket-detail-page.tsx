import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Descriptions, Empty, Input, Modal, Row, Select, Skeleton, Space, Table, Tag, Timeline, Typography, message as antdMessage } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { describeApiError } from '../api/error-message';
import { useNow } from '../desk/use-event-stream';
import { useI18n } from '../i18n/i18n-context';
import { useCurrentUser } from '../auth/auth-context';
import type { MessageKey } from '../i18n/messages';
import { PageHeader } from '../shared/page-header';
import { useLoad } from '../shared/use-load';
import { formatDueTime, formatRelative, instantInZone, PromiseTag, TicketStatusTag } from './ticket-labels';
import { formatDateTime } from '../shared/instant-format';
import { describeHistoryEntry } from './ticket-history';
import { ticketsApi, type TicketDetail, type TicketPromise } from './tickets-api';
import { TicketArticlesCard } from './ticket-articles-card';

type ActionKind = 'escalate' | 'resolve' | 'reopen' | 'close';

export function TicketDetailPage() {
  const { id = '' } = useParams();
  const { t, locale, script } = useI18n();
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
  const [renegotiating, setRenegotiating] = useState<TicketPromise | null>(null);
  const [agreedAt, setAgreedAt] = useState<Dayjs | null>(null);
  const [agreedNote, setAgreedNote] = useState('');
  const [reassigning, setReassigning] = useState(false);
  const assignees = useLoad((signal) => (reassigning ? ticketsApi.assignees(signal) : Promise.resolve(null)), [reassigning]);
  // The address is the number (what people read) or, for an old link, the id.
  const data = override && (override.ticket.number === id || override.ticket.id === id) ? override : detail.data;

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

  const zone = settings.data?.timeZone;
  const wording = { t, locale, timeZone: zone, people: data.people, settings: settings.data };

  async function assign(assigneeId: string | null) {
    try {
      setOverride(await ticketsApi.assign(tk.id, assigneeId));
      setReassigning(false);
      void messageApi.success(t('tickets.assign.done'));
    } catch (error) {
      void messageApi.error(describeApiError(error, t));
    }
  }

  async function renegotiate() {
    if (!renegotiating) return;
    if (!agreedAt) {
      setActionError(new Error(t('tickets.renegotiate.dueRequired')));
      return;
    }
    setBusy(true);
    setActionError(null);
    try {
      // The picked wall-clock time is the centre's (as every time on this page), not the browser's.
      const dueAt = instantInZone({ year: agreedAt.year(), month: agreedAt.month() + 1, day: agreedAt.date(), hour: agreedAt.hour(), minute: agreedAt.minute() }, zone);
      setOverride(await ticketsApi.renegotiate(tk.id, renegotiating.id, { dueAt, note: agreedNote.trim() || null }));
      setRenegotiating(null);
      setAgreedAt(null);
      setAgreedNote('');
      void messageApi.success(t('tickets.renegotiate.done'));
    } catch (error) {
      setActionError(error);
    } finally {
      setBusy(false);
    }
  }

  const assigneeName = tk.assigneeId ? data.people[tk.assigneeId] ?? t('tickets.history.formerUser') : null;

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
            <span className="kefu-mono" data-testid="ticket-number">{tk.number ?? '—'}</span>
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
              <Descriptions.Item label={t('tickets.col.type')}>
                {[
                  script(settings.data?.types.find((x) => x.key === tk.type)?.label ?? tk.type),
                  tk.complaintClass && (settings.data?.complaintClasses.find((x) => x.key === tk.complaintClass)?.label ?? tk.complaintClass),
                  tk.complaintGrade && (settings.data?.complaintGrades.find((x) => x.key === tk.complaintGrade)?.label ?? tk.complaintGrade),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Descriptions.Item>
              <Descriptions.Item label={t('tickets.detail.priority')}>{t(`tickets.priority.${tk.priority}` as MessageKey)}</Descriptions.Item>
              <Descriptions.Item label={t('tickets.detail.assignee')} span={2}>
                <Space size={6} wrap data-testid="ticket-assignee">
                  <span>{assigneeName ?? <span className="kefu-text-secondary">{t('tickets.assign.unassigned')}</span>}</span>
                  {tk.assigneeId !== user.id && (
                    <Button size="small" onClick={() => void assign(user.id)} data-testid="ticket-take">
                      {t('tickets.assign.take')}
                    </Button>
                  )}
                  {reassigning ? (
                    <Select
                      size="small"
                      autoFocus
                      defaultOpen
                      showSearch
                      optionFilterProp="label"
                      style={{ minWidth: 180 }}
                      placeholder={t('tickets.assign.placeholder')}
                      aria-label={t('tickets.assign.placeholder')}
                      loading={assignees.status === 'loading'}
                      data-testid="ticket-assignee-select"
                      onChange={(value: string) => void assign(value === '' ? null : value)}
                      onBlur={() => setReassigning(false)}
                      options={[
                        ...(assignees.data?.mayUnassign ? [{ value: '', label: t('tickets.assign.unassigned') }] : []),
                        ...(assignees.data?.items ?? []).filter((p) => p.id !== tk.assigneeId).map((p) => ({ value: p.id, label: p.team ? `${p.displayName}（${p.team}）` : p.displayName })),
                      ]}
                    />
                  ) : (
                    <Button size="small" type="link" onClick={() => setReassigning(true)} data-testid="ticket-reassign">
                      {t('tickets.assign.change')}
                    </Button>
                  )}
                </Space>
              </Descriptions.Item>
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
              <Descriptions.Item label={t('tickets.detail.call')}>{tk.callId ? t('tickets.history.linked') : '—'}</Descriptions.Item>
              <Descriptions.Item label={t('tickets.col.createdAt')}>{formatDateTime(tk.createdAt, locale, zone)}</Descriptions.Item>
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
                  {
                    title: t('tickets.promise.due'),
                    dataIndex: 'dueAt',
                    render: (ms: number, p) => (
                      <span className="kefu-mono" title={formatRelative(ms, now, locale)}>
                        {formatDueTime(ms, locale, zone)}
                        {p.status === 'open' ? ` (${formatRelative(ms, now, locale)})` : ''}
                      </span>
                    ),
                  },
                  {
                    title: t('tickets.promise.state'),
                    key: 'state',
                    render: (_: unknown, p) => {
                      const next = p.replacedById ? data.promises.find((x) => x.id === p.replacedById) : undefined;
                      return (
                        <Space size={4} wrap>
                          <PromiseTag promise={p} now={now} atRiskWithinMs={settings.data?.atRiskWithinMs ?? 0} />
                          {p.replacesId && <Tag color="purple">{t('tickets.promise.replaces')}</Tag>}
                          {next && <span className="kefu-text-secondary">{t('tickets.promise.replacedBy', { due: formatDueTime(next.dueAt, locale, zone) })}</span>}
                        </Space>
                      );
                    },
                  },
                  { title: t('tickets.promise.step'), dataIndex: 'escalationStep' },
                  {
                    title: '',
                    key: 'keep',
                    render: (_: unknown, p) => (
                      <Space size={4}>
                        {actions.renegotiate.includes(p.id) && (
                          <Button size="small" danger onClick={() => {
                              setActionError(null);
                              setRenegotiating(p);
                            }}
                            data-testid="promise-renegotiate"
                          >
                            {t('tickets.promise.renegotiate')}
                          </Button>
                        )}
                        {p.status === 'open' && (
                          <Button size="small" onClick={() => void keep(p)}>
                            {t('tickets.promise.keep')}
                          </Button>
                        )}
                      </Space>
                    ),
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
              items={[...data.history].reverse().map((h) => {
                const line = describeHistoryEntry(h, wording);
                return {
                  key: h.id,
                  content: (
                    <div>
                      <div>
                        <strong>{line.title}</strong>{' '}
                        <span className="kefu-text-secondary">
                          {line.actor} · {formatDueTime(h.at, locale, zone)}
                        </span>
                      </div>
                      {line.note && <div>{line.note}</div>}
                      {line.changes.map((c) => (
                        <div key={c} className="kefu-text-secondary" style={{ fontSize: 12 }}>
                          {c}
                        </div>
                      ))}
                    </div>
                  ),
                };
              })}
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
      <Modal
        open={renegotiating !== null}
        title={t('tickets.renegotiate.title')}
        onCancel={() => setRenegotiating(null)}
        onOk={() => void renegotiate()}
        confirmLoading={busy}
        okText={t('tickets.renegotiate.submit')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <div data-testid="renegotiate-form">
          <Alert type="info" showIcon title={t('tickets.renegotiate.hint')} style={{ marginBottom: 12 }} />
          <Space orientation="vertical" style={{ width: "100%" }}>
            <label>
              <div>{t('tickets.renegotiate.due')}</div>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                value={agreedAt}
                onChange={(v) => setAgreedAt(v)}
                disabledDate={(d) => d.valueOf() < now - 86_400_000}
                style={{ width: '100%' }}
                aria-label={t('tickets.renegotiate.due')}
                data-testid="renegotiate-due"
              />
            </label>
            <Input.TextArea value={agreedNote} onChange={(e) => setAgreedNote(e.target.value)} autoSize={{ minRows: 2 }} aria-label={t('tickets.renegotiate.note')} placeholder={t('tickets.renegotiate.notePlaceholder')} />
          </Space>
          {actionError !== null && <Alert type="error" showIcon title={actionError instanceof Error && !('status' in actionError) ? actionError.message : describeApiError(actionError, t)} style={{ marginTop: 8 }} />}
        </div>
      </Modal>
    </div>
  );
}
