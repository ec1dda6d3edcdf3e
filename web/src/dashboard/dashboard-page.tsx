import { Alert, Badge, Card, Col, Empty, Row, Skeleton, Space, Table, Tag, Tooltip } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { CallPage } from '@contract/calls';
import { api } from '../api/client';
import { describeApiError } from '../api/error-message';
import { Chart } from '../charts/chart';
import type { ChartOption } from '../charts/echarts';
import { applyCallEvent, isLiveCallEvent, type CallStreamEvent, type LiveCall } from '../desk/live-call';
import { mmss } from '../desk/clocks';
import { streamedTypes, useEventStream, useNow } from '../desk/use-event-stream';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { kpiApi, startOfDay, type KpiReport } from '../reports/kpi-api';
import { PageHeader } from '../shared/page-header';
import { useLoad } from '../shared/use-load';
import { formatRelative } from '../tickets/ticket-labels';
import { formatDateTime } from '../shared/instant-format';
import { ticketsApi, type TicketListItem } from '../tickets/tickets-api';
import { figureCards, formatFigure } from './kpi-figures';
import { liveQueueRows } from './live-queue';
import { agentBoardApi, changesBoard, withLiveRings } from './agent-board';
import { AgentBoardCard } from './agent-board-card';
import { PeopleFiguresCard } from './people-figures-card';
import '../desk/desk.css';
import { useNames } from '../shared/use-names';

const REFRESH_MS = 60_000;
/** How far ahead a promise counts as at risk. */
/** Events arrive in bursts at peak; refetch at most this often because of them. */
const EVENT_REFETCH_MS = 5_000;
/** A burst of CTI events (answer, hold) becomes one read of the board. */
const BOARD_DEBOUNCE_MS = 300;
const BOARD_REFRESH_MS = 15_000;
const dashboardStreamTypes = [...streamedTypes, 'agent.signed_in', 'agent.signed_out', 'agent.state'] as const;


export function DashboardPage() {
  const { t, locale } = useI18n();
  const now = useNow(1000);
  const [refreshKey, setRefreshKey] = useState(0);
  const lastRefetch = useRef(0);
  const dayStart = startOfDay(now);
  const todayPeriod = useMemo(() => ({ from: dayStart, to: startOfDay(dayStart, 1) }), [dayStart]);
  const weekPeriod = useMemo(() => ({ from: startOfDay(dayStart, -6), to: startOfDay(dayStart, 1) }), [dayStart]);

  const total = useLoad((signal) => kpiApi.report(todayPeriod, 'total', signal), [todayPeriod, refreshKey]);
  const hourly = useLoad((signal) => kpiApi.report(todayPeriod, 'hour', signal), [todayPeriod, refreshKey]);
  const daily = useLoad((signal) => kpiApi.report(weekPeriod, 'day', signal), [weekPeriod, refreshKey]);
  const overdue = useLoad((signal) => ticketsApi.list({ overdue: true }, undefined, signal, 20), [refreshKey]);
  // "At risk" is the server's window (the pack's reminder lead time), so the card and the reminders agree.
  const atRisk = useLoad(async (signal) => {
    const { atRiskWithinMs } = await ticketsApi.settings(signal);
    const page = await ticketsApi.list({ dueWithin: `${Math.max(1, Math.ceil(atRiskWithinMs / 3600_000))}h` }, undefined, signal, 20);
    return { ...page, hours: Math.max(1, Math.ceil(atRiskWithinMs / 3600_000)) };
  }, [refreshKey]);
  const active = useLoad((signal) => ticketsApi.list({ status: 'open,in_progress,waiting_customer,reopened' }, undefined, signal, 200), [refreshKey]);
  const openCalls = useLoad((signal) => api.get<CallPage>('/api/calls', { signal, query: { outcome: 'open', from: startOfDay(dayStart, -1), limit: 200 } }), [dayStart, refreshKey]);

  // The agent-status board: read again on every event that can change a state (debounced), and
  // every BOARD_REFRESH_MS in case an event was missed; the durations tick on the server's clock.
  const [boardKey, setBoardKey] = useState(0);
  const boardTimer = useRef<number | null>(null);
  const board = useLoad(async (signal) => {
    const read = await agentBoardApi.get(signal);
    return { ...read, skewMs: read.at - Date.now() };
  }, [boardKey]);
  useEffect(() => {
    const timer = window.setInterval(() => setBoardKey((k) => k + 1), BOARD_REFRESH_MS);
    return () => {
      window.clearInterval(timer);
      if (boardTimer.current !== null) window.clearTimeout(boardTimer.current);
    };
  }, []);

  useEffect(() => {
    const timer = window.setInterval(() => setRefreshKey((k) => k + 1), REFRESH_MS);
    return () => window.clearInterval(timer);
  }, []);

  // Live calls from the stream, on top of the open calls of the last load.
  const [live, setLive] = useState<Map<string, LiveCall>>(new Map());
  const streamStatus = useEventStream(
    useCallback((event) => {
      if (changesBoard(event.type) && boardTimer.current === null) {
        boardTimer.current = window.setTimeout(() => {
          boardTimer.current = null;
          setBoardKey((k) => k + 1);
        }, BOARD_DEBOUNCE_MS);
      }
      if (isLiveCallEvent(event.type)) {
        const e = { ...(event.data as unknown as CallStreamEvent), type: event.type as CallStreamEvent['type'] };
        setLive((previous) => {
          const next = new Map(previous);
          const call = applyCallEvent(previous.get(e.callId) ?? null, e);
          if (call) next.set(e.callId, call);
          return next;
        });
      }
      if (event.type === 'call.ended' || event.type.startsWith('ticket.') || event.type === 'stream.reset') {
        const at = Date.now();
        if (at - lastRefetch.current > EVENT_REFETCH_MS) {
          lastRefetch.current = at;
          setRefreshKey((k) => k + 1);
        }
      }
    }, []),
    dashboardStreamTypes,
  );

  // A reload brings the stored state; the stream only needs to carry what changed since.
  useEffect(() => {
    if (openCalls.status === 'ok') setLive((previous) => new Map([...previous].filter(([, c]) => c.phase !== 'ended')));
  }, [openCalls.status, openCalls.data]);

  const queueRows = useMemo(() => liveQueueRows(openCalls.data?.items ?? [], live.values()), [openCalls.data, live]);
  // The live queue shows people and queues as the board and the pack name them, not by their ids.
  const names = useNames();
  // Rings the live stream shows now, laid over the board as read (AMI/ESL report a ring's start only there).
  const boardNow = board.data ? { ...board.data, agents: withLiveRings(board.data.agents, live.values(), now + board.data.skewMs) } : null;

  const waiting = queueRows.filter((r) => r.phase === 'waiting').length;
  const escalated = (active.data?.items ?? []).filter((tk) => tk.escalationLevel !== 'agent');

  const cards = total.data ? figureCards(total.data) : [];
  const totals = total.data?.groups.find((g) => g.key === 'total');

  return (
    <div className="kefu-dashboard">
      <PageHeader
        title={t('nav.dashboard')}
        extra={
          <Space>
            <Badge status={streamStatus === 'open' ? 'success' : 'processing'} text={t(`desk.stream.${streamStatus}` as MessageKey)} />
            <span className="kefu-text-secondary">{t('dashboard.updatedAt', { time: formatDateTime(now, locale, names.zone) })}</span>
          </Space>
        }
      />
      {total.status === 'error' && <Alert type="error" showIcon title={describeApiError(total.error, t)} style={{ marginBottom: 12 }} action={<a onClick={total.reload}>{t('common.retry')}</a>} />}
      <Row gutter={[12, 12]}>
        <Col span={24}>
          <Card size="small" title={t('dashboard.today')} extra={totals && <span className="kefu-text-secondary">{t('dashboard.callsToday', { offered: totals.offered, answered: totals.answered })}</span>} loading={!total.data && total.status === 'loading'}>
            <div className="kefu-kpi-grid" data-testid="kpi-figures">
              {cards.map((card) => (
                <div key={card.figure} className="kefu-kpi" data-pass={card.pass === null ? 'none' : String(card.pass)} data-figure={card.figure}>
                  <div className="kefu-kpi__label">
                    {t(`dashboard.figure.${card.figure}` as MessageKey)} <span className="kefu-mono">{card.requirement}</span>
                  </div>
                  <div className="kefu-kpi__value" data-testid={`kpi-${card.figure}`}>
                    {formatFigure(card.value, card.unit)}
                  </div>
                  <div className="kefu-kpi__target">
                    {card.target ? t('dashboard.target', { target: formatFigure(card.target.min ?? card.target.max, card.unit) }) : t('dashboard.noTarget')}
                    {card.pass === true && <Tag color="green" style={{ marginInlineStart: 6 }}>{t('dashboard.pass')}</Tag>}
                    {card.pass === false && <Tag color="red" style={{ marginInlineStart: 6 }}>{t('dashboard.fail')}</Tag>}
                    {card.reason && (
                      <Tooltip title={card.detail ?? undefined}>
                        <span style={{ marginInlineStart: 6 }}>{t(`dashboard.reason.${card.reason}` as MessageKey)}</span>
                      </Tooltip>
                    )}
                  </div>
                </div>
              ))}
            </div>
          </Card>
        </Col>
        <Col span={24}>
          <AgentBoardCard board={boardNow} loading={board.status === 'loading'} error={board.status === 'error' && !board.data ? board.error : null} now={now} skewMs={board.data?.skewMs ?? 0} queueName={names.queue} />
        </Col>
        <Col span={24}>
          <PeopleFiguresCard dayStart={dayStart} />
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('dashboard.byHour')}>
            <TrendChart report={hourly.data ?? null} loading={hourly.status === 'loading'} mode="hour" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('dashboard.byDay')}>
            <TrendChart report={daily.data ?? null} loading={daily.status === 'loading'} mode="day" />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('dashboard.queue', { waiting, total: queueRows.length })} data-testid="live-queue">
            <Table
              size="small"
              rowKey="callId"
              pagination={false}
              scroll={{ y: 280 }}
              dataSource={queueRows}
              locale={{ emptyText: t('dashboard.queueEmpty') }}
              columns={[
                { title: t('dashboard.col.queue'), dataIndex: 'queue', render: (q: string, r) => <Space size={4}>{names.queue(q)}{r.vip && <Tag color="gold">VIP</Tag>}</Space> },
                { title: t('dashboard.col.state'), dataIndex: 'phase', render: (p: string) => <span data-testid={`queue-phase-${p}`}>{t(`dashboard.queuePhase.${p}` as MessageKey)}</span> },
                { title: t('dashboard.col.agent'), dataIndex: 'agent', render: (a: string | null) => names.person(a) },
                { title: t('dashboard.col.since'), dataIndex: 'since', align: 'right', render: (s: number | null) => <span className="kefu-mono">{s === null ? '—' : mmss(now - s)}</span> },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('dashboard.atRisk', { hours: atRisk.data?.hours ?? '…' })} data-testid="promises-at-risk">
            <TicketList tickets={atRisk.data?.items ?? []} loading={atRisk.status === 'loading' && !atRisk.data} error={atRisk.status === 'error' ? atRisk.error : null} empty={t('dashboard.atRiskEmpty', { hours: atRisk.data?.hours ?? '…' })} now={now} showDue />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('dashboard.overdue')} data-testid="overdue-promises">
            <TicketList tickets={overdue.data?.items ?? []} loading={overdue.status === 'loading' && !overdue.data} error={overdue.status === 'error' ? overdue.error : null} empty={t('dashboard.overdueEmpty')} now={now} />
          </Card>
          <div style={{ height: 12 }} />
          <Card size="small" title={t('dashboard.escalations')} data-testid="escalations">
            <TicketList tickets={escalated} loading={active.status === 'loading' && !active.data} error={active.status === 'error' ? active.error : null} empty={t('dashboard.escalationsEmpty')} now={now} showLevel />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function TicketList({ tickets, loading, error, empty, now, showLevel = false, showDue = false }: { tickets: TicketListItem[]; loading: boolean; error: unknown; empty: string; now: number; showLevel?: boolean; showDue?: boolean }) {
  const { t, locale } = useI18n();
  const names = useNames();
  if (error) return <Alert type="error" showIcon title={describeApiError(error, t)} />;
  if (loading) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (tickets.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <ul className="kefu-plain-list" style={{ maxHeight: 300, overflow: 'auto' }}>
      {tickets.slice(0, 12).map((tk) => (
        <li key={tk.id}>
          <Space size={6} style={{ width: '100%', justifyContent: 'space-between' }}>
            <Link to={`/tickets/${encodeURIComponent(tk.id)}`} className="kefu-ellipsis" style={{ maxWidth: 220 }}>
              {tk.customerName} · {tk.title ?? tk.description}
            </Link>
            {showLevel ? (
              <Tag color="volcano">{t(`tickets.level.${tk.escalationLevel}` as MessageKey)}</Tag>
            ) : showDue && tk.promiseDueAt !== undefined ? (
              <Tooltip title={formatDateTime(tk.promiseDueAt, locale, names.zone)}>
                <Tag color={tk.promiseDueAt - now < 3600_000 ? 'red' : 'orange'} className="kefu-mono">
                  {formatRelative(tk.promiseDueAt, now, locale)}
                </Tag>
              </Tooltip>
            ) : (
              <span className="kefu-text-secondary">{formatRelative(tk.updatedAt, now, locale)}</span>
            )}
          </Space>
        </li>
      ))}
    </ul>
  );
}

function TrendChart({ report, loading, mode }: { report: KpiReport | null; loading: boolean; mode: 'hour' | 'day' }) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const groups = [...(report?.groups ?? [])].sort((a, b) => a.key.localeCompare(b.key));
    const label = (key: string) => (mode === 'hour' ? key.slice(-5) : key.slice(5));
    return {
      // No animation: the figures refresh every minute, and a calm screen does not redraw itself.
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 40, right: 40, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: groups.map((g) => label(g.key)) },
      yAxis: [
        { type: 'value', name: t('dashboard.chart.calls'), minInterval: 1 },
        { type: 'value', name: '%', min: 0, max: 100 },
      ],
      series: [
        { type: 'bar', name: t('dashboard.chart.offered'), data: groups.map((g) => g.offered), itemStyle: { color: '#9fb7c9' } },
        { type: 'bar', name: t('dashboard.chart.answered'), data: groups.map((g) => g.answered), itemStyle: { color: '#1f5f8b' } },
        { type: 'line', name: t('dashboard.chart.serviceLevel'), yAxisIndex: 1, data: groups.map((g) => (g.serviceLevel === null ? null : Math.round(g.serviceLevel * 1000) / 10)), itemStyle: { color: '#d48806' } },
      ],
    };
  }, [report, mode, t]);
  if (!loading && report && report.groups.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.noCalls')} />;
  return <Chart option={option} height={260} loading={loading && !report} ariaLabel={mode === 'hour' ? t('dashboard.byHour') : t('dashboard.byDay')} />;
}
