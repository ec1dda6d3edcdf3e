import { Alert, Button, Card, Col, Descriptions, Form, Input, Radio, Rate, Row, Skeleton, Space, Tag, Tooltip, Typography, message as antdMessage } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { describeActionError } from '../api/action-error';
import { describeApiError, describeFieldError } from '../api/error-message';
import { ApiError, type FieldError } from '../api/client';
import { useCurrentUser } from '../auth/auth-context';
import { useNow } from '../desk/use-event-stream';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { PageHeader } from '../shared/page-header';
import { useLoad } from '../shared/use-load';
import { formatDateTime } from '../shared/instant-format';
import { attemptOutcomes, callbacksApi, formatClock, type AttemptOutcome, type TaskDetail } from './callbacks-api';
import { CallableTag, TaskStatusTag, targetReason } from './callback-labels';
import { useNames } from '../shared/use-names';

interface ReportValues {
  contact: string;
  content: string;
  opinions?: string;
  satisfaction: number;
  solved: boolean;
  followUpNeeded: boolean;
}

interface MessageValues {
  name: string;
  relation: string;
  left: string;
  callAgainAt?: string;
  otherContact?: string;
}

/** The report's and the message's fields go beside their inputs (the attempt's handler puts them there); the rest in the alert. */
const placedBesideInput = (f: FieldError): boolean => f.path.startsWith('report.') || f.path.startsWith('message.');

/** The callback screen: script with the customer's name, customer card, ticket, call button, CB-3MIN clock, outcome and its form. */
export function CallbackScreen() {
  const { id = '' } = useParams();
  const { t, locale, script } = useI18n();
  const names = useNames();
  const user = useCurrentUser();
  const detail = useLoad((signal) => callbacksApi.get(id, signal), [id]);
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<AttemptOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [reportForm] = Form.useForm<ReportValues>();
  const [messageForm] = Form.useForm<MessageValues>();
  const [messageApi, holder] = antdMessage.useMessage();
  const now = useNow(1000);
  const [assignee, setAssignee] = useState('');

  if (!detail.data) {
    if (detail.status === 'error') return <Alert type="error" showIcon title={describeApiError(detail.error, t)} action={<Link to="/callbacks">{t('cb.back')}</Link>} />;
    return <Skeleton active />;
  }
  const d: TaskDetail = detail.data;
  const task = d.task;
  const seconds = startedAt === null ? 0 : (now - startedAt) / 1000;
  const over = seconds > d.callLimitSeconds;
  const callable = task.callableNow.callable && task.status !== 'closed';
  const reason = locale === 'en' ? task.callableNow.reasonEn : task.callableNow.reason && script(task.callableNow.reason);

  async function send(body: Parameters<typeof callbacksApi.attempt>[1]) {
    setBusy(true);
    setError(null);
    try {
      const r = await callbacksApi.attempt(task.id, body);
      void messageApi.success(t('cb.saved', { result: t(`cb.outcome.${body.outcome}` as MessageKey) }));
      if (r.reopen) void messageApi.warning(t('cb.reopened'));
      setStartedAt(null);
      setOutcome(null);
      detail.reload();
    } catch (e) {
      setError(e);
      // The server names each missing field: show it beside that field.
      if (e instanceof ApiError) {
        const form = body.outcome === 'reached' ? reportForm : messageForm;
        const prefix = body.outcome === 'reached' ? 'report.' : 'message.';
        const names: Record<string, string> = { 'takenBy.name': 'name', 'takenBy.relation': 'relation' };
        form.setFields(e.fields.filter((f) => f.path.startsWith(prefix)).map((f) => ({ name: names[f.path.slice(prefix.length)] ?? f.path.slice(prefix.length), errors: [describeFieldError(f, t)] })) as never);
      }
    } finally {
      setBusy(false);
    }
  }

  async function assign() {
    setError(null);
    try {
      const r = await callbacksApi.assign(task.id, assignee.trim());
      void messageApi.success(t('cb.assigned', { agent: names.person(r.task.agent) }));
      setAssignee('');
      detail.reload();
    } catch (e) {
      setError(e);
    }
  }

  const submitReport = (v: ReportValues) =>
    send({ outcome: 'reached', report: { customerName: task.target.customerName, contact: v.contact, at: Date.now(), type: d.type, content: v.content, opinions: v.opinions ?? '', satisfaction: v.satisfaction, solved: v.solved, followUpNeeded: v.followUpNeeded, agent: user.username } });
  const submitMessage = (v: MessageValues) =>
    send({ outcome: 'absent', message: { takenBy: { name: v.name, relation: v.relation }, left: v.left, ...(v.callAgainAt?.trim() && { callAgainAt: v.callAgainAt.trim() }), ...(v.otherContact?.trim() && { otherContact: v.otherContact.trim() }) } });
  const required = [{ required: true, message: t('cb.required') }];
  const yesNo = [
    { value: true, label: t('cb.yes') },
    { value: false, label: t('cb.no') },
  ];

  return (
    <div data-testid="callback-screen">
      {holder}
      <PageHeader title={t('cb.screen.title', { name: task.target.customerName })} extra={<Link to="/callbacks">{t('cb.back')}</Link>} />
      <Row gutter={16}>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('cb.customer')} style={{ marginBottom: 12 }} data-testid="callback-customer">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('cb.col.customer')}>{task.target.customerName}</Descriptions.Item>
              <Descriptions.Item label={t('cb.col.number')}>
                <span className="kefu-mono">{task.target.number}</span> <Tag>{t(task.target.numberKind === 'home' ? 'cb.numberKind.home' : 'cb.numberKind.work')}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('cb.reason')}>{targetReason(task.target, locale, script)}</Descriptions.Item>
              <Descriptions.Item label={t('cb.col.due')}>
                <span className="kefu-mono">{task.due.first} — {task.due.last}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('cb.col.planned')}>{formatDateTime(task.plannedAt, locale, names.zone)}</Descriptions.Item>
              <Descriptions.Item label={t('cb.col.status')}>
                <TaskStatusTag status={task.status} />
              </Descriptions.Item>
              <Descriptions.Item label={t('cb.col.agent')}>{names.person(task.agent)}</Descriptions.Item>
            </Descriptions>
            {user.role !== 'agent' && task.status !== 'closed' && (
              <Space.Compact style={{ marginTop: 8 }}>
                <Input placeholder={t('cb.assign')} aria-label={t('cb.assign')} value={assignee} onChange={(e) => setAssignee(e.target.value)} style={{ width: 160 }} />
                <Button disabled={!assignee.trim()} onClick={() => void assign()}>
                  {t('cb.assign')}
                </Button>
              </Space.Compact>
            )}
          </Card>
          {d.ticket && (
            <Card size="small" title={t('cb.ticket')} style={{ marginBottom: 12 }} data-testid="callback-ticket">
              <Link to={`/tickets/${encodeURIComponent(d.ticket.id)}`}>{d.ticket.title ?? d.ticket.description}</Link> <Tag>{t(`tickets.status.${d.ticket.status}` as MessageKey)}</Tag>
            </Card>
          )}
        </Col>
        <Col xs={24} lg={15}>
          <Card size="small" title={`${t('cb.script')} · ${d.script.name}`} style={{ marginBottom: 12 }} data-testid="callback-script">
            <Typography.Paragraph>
              <Typography.Text strong>{t('cb.opening')}：</Typography.Text>
              {d.script.opening}
            </Typography.Paragraph>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{d.script.script}</Typography.Paragraph>
            {d.script.extra && <Typography.Paragraph type="secondary">{d.script.extra}</Typography.Paragraph>}
          </Card>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Space align="start" size="large" wrap>
              <CallableTag value={task.callableNow} />
              <Tooltip title={callable ? undefined : reason}>
                <Button type="primary" disabled={!callable || startedAt !== null} onClick={() => setStartedAt(Date.now())} data-testid="call-button">
                  {t('cb.call')}
                </Button>
              </Tooltip>
              {!callable && reason && (
                <Typography.Text type="danger" data-testid="call-disabled-reason">
                  {reason}
                </Typography.Text>
              )}
              {startedAt !== null && (
                <Space orientation="vertical" size={0} data-testid="call-clock">
                  <Typography.Text type="secondary">{t('cb.clock')}</Typography.Text>
                  <Typography.Text strong type={over ? 'danger' : undefined} className="kefu-mono" style={{ fontSize: 20 }}>
                    {formatClock(seconds)}
                  </Typography.Text>
                  {over && <Typography.Text type="danger">{t('cb.overLimit')}</Typography.Text>}
                </Space>
              )}
            </Space>
          </Card>
          {d.calls.length > 0 && (
            <Card size="small" title={t('cb.calls.title')} style={{ marginBottom: 12 }} data-testid="task-calls">
              {d.calls.map((c) => (
                <Space key={c.id} wrap style={{ display: 'flex', marginBottom: 6 }}>
                  <Typography.Text>{formatDateTime(c.startedAt, locale, names.zone)}</Typography.Text>
                  <Tag color={c.answered ? 'green' : 'default'}>{t(c.answered ? 'cb.calls.answered' : 'cb.calls.unanswered')}</Tag>
                  {c.talkSeconds !== null && <Typography.Text type="secondary">{t('cb.calls.talk', { duration: formatClock(c.talkSeconds) })}</Typography.Text>}
                  {c.checks.length === 0 && c.answered && <Typography.Text type="secondary">{t('cb.calls.notJudged')}</Typography.Text>}
                  {c.checks.map((k) => (
                    <Tooltip key={k.rule} title={k.message}>
                      <Tag color={k.ok === true ? 'green' : k.ok === false ? 'red' : 'default'}>
                        {k.rule} {t(k.ok === true ? 'cb.calls.ok' : k.ok === false ? 'cb.calls.failed' : 'cb.calls.na')}
                      </Tag>
                    </Tooltip>
                  ))}
                </Space>
              ))}
            </Card>
          )}
          {startedAt !== null && (
            <Card size="small" title={t('cb.outcome')} style={{ marginBottom: 12 }}>
              <Space wrap data-testid="outcome-buttons">
                {attemptOutcomes.map((o) => (
                  <Button
                    key={o}
                    type={outcome === o ? 'primary' : 'default'}
                    disabled={busy}
                    onClick={() => {
                      setOutcome(o);
                      if (o !== 'reached' && o !== 'absent') void send({ outcome: o });
                    }}
                  >
                    {t(`cb.outcome.${o}` as MessageKey)}
                  </Button>
                ))}
              </Space>
            </Card>
          )}
          {error !== null && <Alert type="error" showIcon title={describeActionError(error, t, { placed: placedBesideInput })} style={{ marginBottom: 12 }} />}
          {outcome === 'reached' && (
            <Card size="small" title={t('cb.report.title')} data-testid="report-form">
              <Form form={reportForm} layout="vertical" onFinish={submitReport} initialValues={{ contact: t('cb.report.contactSelf') }}>
                <Form.Item name="contact" label={t('cb.report.contact')} rules={required}>
                  <Input />
                </Form.Item>
                <Form.Item name="content" label={t('cb.report.content')} rules={required}>
                  <Input.TextArea rows={3} />
                </Form.Item>
                <Form.Item name="opinions" label={t('cb.report.opinions')}>
                  <Input.TextArea rows={2} />
                </Form.Item>
                <Form.Item name="satisfaction" label={t('cb.report.satisfaction')} rules={required}>
                  <Rate count={5} />
                </Form.Item>
                <Form.Item name="solved" label={t('cb.report.solved')} rules={required}>
                  <Radio.Group options={yesNo} />
                </Form.Item>
                <Form.Item name="followUpNeeded" label={t('cb.report.followUp')} rules={required}>
                  <Radio.Group options={yesNo} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy} data-testid="report-submit">
                  {t('cb.submit')}
                </Button>
              </Form>
            </Card>
          )}
          {outcome === 'absent' && (
            <Card size="small" title={t('cb.message.title')} data-testid="message-form">
              <Form form={messageForm} layout="vertical" onFinish={submitMessage}>
                <Form.Item name="name" label={t('cb.message.name')} rules={required}>
                  <Input />
                </Form.Item>
                <Form.Item name="relation" label={t('cb.message.relation')} rules={required}>
                  <Input />
                </Form.Item>
                <Form.Item name="left" label={t('cb.message.left')} rules={required}>
                  <Input.TextArea rows={2} />
                </Form.Item>
                <Form.Item name="callAgainAt" label={t('cb.message.callAgainAt')}>
                  <Input />
                </Form.Item>
                <Form.Item name="otherContact" label={t('cb.message.otherContact')}>
                  <Input />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={busy}>
                  {t('cb.submit')}
                </Button>
              </Form>
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}
