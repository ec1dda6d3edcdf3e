import { PhoneFilled } from '@ant-design/icons';
import { Alert, Badge, Card, Col, Empty, Row, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api/client';
import { describeApiError } from '../api/error-message';
import { useCurrentUser } from '../auth/auth-context';
import { customersApi, findCustomerByPhone, type CustomerOverview } from '../customers/customers-api';
import { useI18n } from '../i18n/i18n-context';
import { useInstantFormat } from '../shared/use-instant-format';
import type { MessageKey } from '../i18n/messages';
import { PageHeader } from '../shared/page-header';
import { useLoad } from '../shared/use-load';
import { ticketsApi, type TicketDetail } from '../tickets/tickets-api';
import { CallSummaryForm } from './call-summary-form';
import { mmss } from './clocks';
import { CustomerCard } from './customer-card';
import { applyCallEvent, isLiveCallEvent, type CallStreamEvent, type LiveCall } from './live-call';
import { ReplyComposer } from './reply-composer';
import { fillScript, scriptsApi, scriptSteps, type ScriptStep, type StandardScripts } from './scripts';
import { TicketForm } from './ticket-form';
import { useEventStream, useNow } from './use-event-stream';
import { WrapUpClock } from './wrap-up-clock';
import { ReadyGate } from '../knowledge/ready-gate';
import { DeskKnowledge } from '../knowledge/desk-knowledge';
import type { AgentStateView, ArticleView } from '../knowledge/knowledge-api';
import './desk.css';

interface CallInfo {
  /** Masked (138****5678) for every role: the server's one masking policy. */
  caller: string | null;
  vip: boolean;
  queue: string;
  /** The customer the server linked to the caller's number, if any. */
  customerId?: string | null;
  /** What was said so far, when the PBX posted a transcript: the knowledge panel suggests from it. */
  transcript?: { utterances?: Array<{ text: string }> } | null;
}

/** A masked number cannot be searched for; the stored call's customer link is used instead. */
const isMasked = (n: string) => n.includes('*');

type ScriptTab = ScriptStep | 'taboo';

export function DeskPage() {
  const { t } = useI18n();
  const when = useInstantFormat();
  const user = useCurrentUser();
  const now = useNow(1000);
  const [call, setCall] = useState<LiveCall | null>(null);
  const [callInfo, setCallInfo] = useState<CallInfo | null>(null);
  const [customer, setCustomer] = useState<{ loading: boolean; error: unknown; overview: CustomerOverview | null }>({ loading: false, error: null, overview: null });
  const [ticket, setTicket] = useState<TicketDetail | null>(null);
  const [ticketSavedAt, setTicketSavedAt] = useState<number | null>(null);
  const [summarySavedAt, setSummarySavedAt] = useState<number | null>(null);
  const [scriptStep, setScriptStep] = useState<ScriptTab>('opening');
  const [agentState, setAgentState] = useState<AgentStateView | null>(null);
  const [replyDraft, setReplyDraft] = useState('');
  const [inserted, setInserted] = useState<{ text: string; key: number } | null>(null);
  // Articles whose answer went into a reply on this call: cited on its ticket once there is one.
  const [usedArticles, setUsedArticles] = useState<string[]>([]);
  const settings = useLoad((signal) => ticketsApi.settings(signal), []);
  // The pack's wording for every role (GET /api/standard/scripts), so agents read the standard in force.
  const scripts = useLoad((signal) => scriptsApi.get(signal), []);

  const streamStatus = useEventStream(
    useCallback((event) => {
      if (!isLiveCallEvent(event.type)) return;
      setCall((current) => applyCallEvent(current, { ...(event.data as unknown as CallStreamEvent), type: event.type as CallStreamEvent['type'] }));
    }, []),
  );

  const lookupCustomer = useCallback(async (query: string) => {
    setCustomer({ loading: true, error: null, overview: null });
    try {
      const found = /\d{5,}/.test(query) ? await findCustomerByPhone(query) : (await customersApi.list({ q: query }, undefined, undefined, 1)).items[0] ?? null;
      setCustomer({ loading: false, error: null, overview: found ? await customersApi.overview(found.id) : null });
    } catch (error) {
      setCustomer({ loading: false, error, overview: null });
    }
  }, []);

  const showCustomer = useCallback(async (id: string) => {
    setCustomer({ loading: true, error: null, overview: null });
    try {
      setCustomer({ loading: false, error: null, overview: await customersApi.overview(id) });
    } catch (error) {
      setCustomer({ loading: false, error, overview: null });
    }
  }, []);

  /** Who is calling, from the stored call: the server links it to the customer by the full number. */
  const lookupByCall = useCallback(
    async (info: CallInfo) => {
      if (info.customerId) await showCustomer(info.customerId);
      else if (info.caller && !isMasked(info.caller)) await lookupCustomer(info.caller);
      else setCustomer({ loading: false, error: null, overview: null });
    },
    [showCustomer, lookupCustomer],
  );

  // A new call: fresh form and clocks, then who is calling.
  const callKey = call?.callId ?? null;
  const storedId = call?.id ?? null;
  const answered = call?.answered ?? false;
  useEffect(() => {
    setTicket(null);
    setTicketSavedAt(null);
    setSummarySavedAt(null);
    setCallInfo(null);
    setScriptStep('opening');
    setUsedArticles([]);
  }, [callKey]);

  const streamedCaller = call?.caller ?? null;
  const streamedCustomer = call?.customerId ?? null;
  const streamedVip = call?.vip ?? false;
  useEffect(() => {
    // Screen pop: the ringing event carries the caller's number, so the customer card is looked
    // up before the agent picks up.
    if (!streamedCaller) return;
    setCallInfo((prev) => prev ?? { caller: streamedCaller, vip: streamedVip, queue: call?.queue ?? '' });
    // The stream masks the number (one masking policy) and names the customer it belongs to.
    if (streamedCustomer) void showCustomer(streamedCustomer);
    else if (!isMasked(streamedCaller)) void lookupCustomer(streamedCaller);
  }, [streamedCaller, streamedCustomer, callKey]);

  useEffect(() => {
    // Once answered the call is the agent's: read the stored call for what the stream did not say.
    if (!storedId || !answered) return;
    const controller = new AbortController();
    api
      .get<CallInfo>(`/api/calls/${encodeURIComponent(storedId)}`, { signal: controller.signal })
      .then((info) => {
        setCallInfo({ caller: info.caller, vip: info.vip, queue: info.queue, customerId: info.customerId ?? null, transcript: info.transcript ?? null });
        void lookupByCall(info);
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [storedId, answered, lookupByCall]);

  const overview = customer.overview;
  const customerTitle = overview?.customer.name ?? '';
  const scriptNames = { variables: scripts.data?.variables ?? {}, agentName: user.displayName || user.username, customerTitle };

  const limits = settings.data ?? { ticketWithinMinutes: 3, summaryWithinMinutes: 5 };
  const ended = call?.phase === 'ended' && call.answered && call.endedAt !== null;

  async function createTicket(input: Parameters<typeof ticketsApi.create>[0]) {
    const detail = await ticketsApi.create(input);
    setTicket(detail);
    setTicketSavedAt(Date.now());
    // The answers given from the knowledge base before the ticket existed: cite them on it now.
    for (const articleId of usedArticles) await ticketsApi.linkArticle(detail.ticket.id, articleId).catch(() => undefined);
    return detail;
  }

  /** An article's answer goes into the reply, and the article is cited on the call's ticket (now, or when it is created). */
  function insertArticle(article: ArticleView) {
    setInserted({ text: article.answer, key: Date.now() });
    if (ticket) void ticketsApi.linkArticle(ticket.ticket.id, article.id).catch(() => undefined);
    else setUsedArticles((used) => (used.includes(article.id) ? used : [...used, article.id]));
  }

  async function saveSummary(summary: { problemType: string; solution: string; satisfaction: number | null }) {
    if (!ticket) return;
    const detail = await ticketsApi.update(ticket.ticket.id, { summary });
    setTicket(detail);
    setSummarySavedAt(Date.now());
  }

  async function appendToTicket(text: string) {
    if (!ticket) return;
    const detail = await ticketsApi.update(ticket.ticket.id, { description: `${ticket.ticket.description}\n${text}` });
    setTicket(detail);
  }

  // The live conversation's text for the knowledge suggestions: the call's transcript and the reply being typed.
  const conversation = [...(callInfo?.transcript?.utterances ?? []).map((u) => u.text), replyDraft].join('\n');

  const phaseColor = { ringing: 'processing', talking: 'success', on_hold: 'warning', transferring: 'processing', ended: 'default' } as const;

  return (
    <div className="kefu-desk">
      <PageHeader
        title={t('nav.desk')}
        extra={
          <Space size={12} wrap>
          <ReadyGate onChange={setAgentState} />
          <Badge
            status={streamStatus === 'open' ? 'success' : streamStatus === 'connecting' ? 'processing' : 'error'}
            text={t(`desk.stream.${streamStatus}` as MessageKey)}
            data-testid="stream-status"
          />
          </Space>
        }
      />
      {agentState && agentState.state !== 'ready' && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('ready.notReadyHint')} data-testid="not-ready-hint" />}
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('desk.call.title')} data-testid="live-call">
            {!call ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.call.waiting')} />
            ) : (
              <div>
                <Space size={8} wrap>
                  <PhoneFilled style={{ color: '#1f5f8b' }} />
                  <Typography.Text strong className="kefu-mono" style={{ fontSize: 18 }} data-testid="live-caller">
                    {callInfo?.caller ?? t('desk.call.callerUnknown')}
                  </Typography.Text>
                  {callInfo?.vip && <Tag color="gold">VIP</Tag>}
                  <Badge status={phaseColor[call.phase]} text={t(`desk.call.phase.${call.phase}` as MessageKey)} data-testid="live-phase" />
                </Space>
                <dl className="kefu-facts">
                  <dt>{t('desk.call.queue')}</dt>
                  <dd>{call.queue || callInfo?.queue || '—'}</dd>
                  <dt>{t('desk.call.callId')}</dt>
                  <dd className="kefu-mono">{call.callId}</dd>
                  <dt>{t('desk.call.answeredAt')}</dt>
                  <dd>{when(call.answeredAt)}</dd>
                  <dt>{t('desk.call.duration')}</dt>
                  <dd className="kefu-mono">{call.answeredAt !== null ? mmss((call.endedAt ?? now) - call.answeredAt) : '—'}</dd>
                  {call.holdSince !== null && (
                    <>
                      <dt>{t('desk.call.holding')}</dt>
                      <dd className="kefu-mono">{mmss(now - call.holdSince)}</dd>
                    </>
                  )}
                  {call.endedBy && (
                    <>
                      <dt>{t('desk.call.endedBy')}</dt>
                      <dd>{t(`desk.call.by.${call.endedBy}` as MessageKey)}</dd>
                    </>
                  )}
                </dl>
                {call.phase === 'ended' && !call.answered && <Alert type="info" showIcon title={t('desk.call.missed')} />}
              </div>
            )}
            {ended && call.endedAt !== null && (
              <div className="kefu-desk-clocks">
                <WrapUpClock label={t('desk.clock.ticket', { minutes: limits.ticketWithinMinutes })} startedAt={call.endedAt} limitMinutes={limits.ticketWithinMinutes} now={now} doneAt={ticketSavedAt} testId="wrapup-clock" />
                <WrapUpClock label={t('desk.clock.summary', { minutes: limits.summaryWithinMinutes })} startedAt={call.endedAt} limitMinutes={limits.summaryWithinMinutes} now={now} doneAt={summarySavedAt} testId="summary-clock" />
              </div>
            )}
          </Card>
          <div style={{ height: 12 }} />
          <CustomerCard overview={overview} loading={customer.loading} error={customer.error} caller={callInfo?.caller ?? null} onLookup={(q) => void lookupCustomer(q)} />
        </Col>
        <Col xs={24} lg={9}>
          <Card size="small" title={t('desk.script.title')} data-testid="scripts">
            <Segmented
              size="small"
              block
              className="kefu-script-steps"
              value={scriptStep}
              onChange={(value) => setScriptStep(value as ScriptTab)}
              options={[...scriptSteps, 'taboo' as const].map((step) => ({ value: step, label: t(`desk.script.${step}` as MessageKey) }))}
            />
            <ScriptBody scripts={scripts.data ?? null} status={scripts.status} error={scripts.status === 'error' ? scripts.error : null} reload={scripts.reload} tab={scriptStep} names={scriptNames} />
          </Card>
          <div style={{ height: 12 }} />
          <Card size="small" title={t('desk.ticket.title')}>
            {settings.status === 'error' && !settings.data ? (
              <Alert type="error" showIcon title={t('desk.ticket.settingsFailed')} action={<a onClick={settings.reload}>{t('common.retry')}</a>} />
            ) : !settings.data ? (
              <Skeleton active />
            ) : (
              <TicketForm
                key={callKey ?? 'no-call'}
                settings={settings.data}
                prefill={{
                  customerName: overview?.customer.name,
                  contactPhone: callInfo?.caller && !isMasked(callInfo.caller) ? callInfo.caller : undefined,
                  contactPhoneHint: callInfo?.caller ?? undefined,
                }}
                callId={call?.callId ?? null}
                callEndedAt={call?.endedAt ?? null}
                customerId={overview?.customer.id ?? null}
                created={ticket}
                onCreate={createTicket}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={7}>
          <Card size="small" title={t('desk.summary.title')}>
            <CallSummaryForm key={callKey ?? 'no-call'} ticket={ticket} onSave={saveSummary} />
          </Card>
          <div style={{ height: 12 }} />
          <Card size="small" title={t('desk.reply.title')}>
            <ReplyComposer onAppendToTicket={ticket ? appendToTicket : null} taboo={scripts.data?.taboo ?? []} inserted={inserted} onTextChange={setReplyDraft} />
          </Card>
          <div style={{ height: 12 }} />
          <Card size="small" title={t('kb.desk.title')}>
            <DeskKnowledge conversation={conversation} onInsert={insertArticle} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function ScriptBody({
  scripts,
  status,
  error,
  reload,
  tab,
  names,
}: {
  scripts: StandardScripts | null;
  status: string;
  error: unknown;
  reload: () => void;
  tab: ScriptTab;
  names: Parameters<typeof fillScript>[1];
}) {
  // The pack's wording in the reader's script (zh-TW: Traditional); the names filled in after, as stored.
  const { t, script } = useI18n();
  if (!scripts) {
    if (status === 'error') return <Alert type="error" showIcon style={{ marginTop: 8 }} title={t('desk.script.loadFailed')} description={describeApiError(error, t)} action={<a onClick={reload}>{t('common.retry')}</a>} />;
    return <Skeleton active paragraph={{ rows: 2 }} />;
  }
  if (tab === 'taboo') {
    return (
      <ul className="kefu-plain-list kefu-desk-taboo" data-testid="taboo-list" style={{ marginTop: 8, maxHeight: 220, overflow: 'auto' }}>
        {scripts.taboo.map((entry) => (
          <li key={entry.set}>
            <Typography.Text type="danger">{script(entry.phrases.slice(0, 4).join('、'))}</Typography.Text>
            {entry.replacement && <div className="kefu-text-secondary">{t('desk.script.tabooSay', { replacement: script(entry.replacement) })}</div>}
          </li>
        ))}
      </ul>
    );
  }
  const step = scripts.steps[tab];
  return (
    <>
      <p className="kefu-desk-script" data-testid="script-text">
        {fillScript(script(step.text), names)}
      </p>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {step.parts.filter((p) => p.inText).map((p) => p.requirement).join(' · ')} · {t('desk.script.from', { standard: script(scripts.standard) })}
      </Typography.Text>
    </>
  );
}
