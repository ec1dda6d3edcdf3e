import { Alert, Button, Card, Space, Statistic, Table, Tabs, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { Route, Routes, useNavigate, useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';
import { describeActionError } from '../api/action-error';
import { describeApiError } from '../api/error-message';
import { PageHeader } from '../shared/page-header';
import { useLoad } from '../shared/use-load';
import type { ReviewView } from '@contract/reviews';
import { currentMonth, pct, reasonLabels, reviewsApi } from './reviews-api';
import { DrillScreen } from './drill-screen';
import { ReviewScreen } from './review-screen';
import { MonthInput } from '../shared/date-inputs';
import { useNames } from '../shared/use-names';
import { formatDateTime } from '../shared/instant-format';
import { coverageStatement } from './coverage-statement';

export function ReviewsPage() {
  return (
    <Routes>
      <Route index element={<ReviewsHome />} />
      <Route path="drills/:id" element={<DrillScreen />} />
      <Route path=":id" element={<ReviewScreen />} />
    </Routes>
  );
}

/** 质检复核: the month's sample, the reviewer queue, appeals, agreement, scorecards and drills; an agent sees their own reviews, scorecard and drills. */
function ReviewsHome() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const agent = user.role === 'agent';
  const tab = params.get('tab') ?? (agent ? 'mine' : 'coverage');
  const items = agent
    ? [
        { key: 'mine', label: t('reviews.tab.mine'), children: <Queue query={{}} /> },
        { key: 'scorecards', label: t('reviews.tab.scorecards'), children: <ScorecardsView /> },
        { key: 'drills', label: t('reviews.tab.drills'), children: <DrillsView /> },
      ]
    : [
        { key: 'coverage', label: t('reviews.tab.coverage'), children: <CoverageView /> },
        { key: 'queue', label: t('reviews.tab.queue'), children: <Queue query={{ status: 'pending' }} /> },
        { key: 'appeals', label: t('reviews.tab.appeals'), children: <Queue query={{ appeal: 'open' }} /> },
        { key: 'agreement', label: t('reviews.tab.agreement'), children: <AgreementView /> },
        { key: 'scorecards', label: t('reviews.tab.scorecards'), children: <ScorecardsView /> },
        { key: 'drills', label: t('reviews.tab.drills'), children: <DrillsView /> },
      ];
  return (
    <div data-testid="reviews-page">
      <PageHeader title={t('nav.reviews')} />
      <Tabs activeKey={tab} onChange={(key) => setParams({ tab: key })} items={items} destroyOnHidden />
    </div>
  );
}

function ReviewMonth({ value, onChange }: { value: string; onChange: (m: string) => void }) {
  const { t } = useI18n();
  return <MonthInput aria-label={t('reviews.month')} value={value} onChange={(m) => m && onChange(m)} style={{ width: 180 }} />;
}

function CoverageView() {
  const { t } = useI18n();
  const names = useNames();
  const [month, setMonth] = useState(currentMonth());
  const coverage = useLoad((signal) => reviewsApi.coverage(month, signal), [month]);
  const [drawing, setDrawing] = useState(false);
  const draw = async () => {
    setDrawing(true);
    try {
      const r = await reviewsApi.sample(month);
      const added = r.added.quota + r.added.fatal + r.added.complaint;
      void message.success(added === 0 ? t('reviews.sampleUpToDate') : t('reviews.sampled', { added, quota: r.added.quota, fatal: r.added.fatal, complaint: r.added.complaint }));
      coverage.reload();
    } catch (e) {
      void message.error(describeActionError(e, t));
    } finally {
      setDrawing(false);
    }
  };
  const c = coverage.data;
  return (
    <div data-testid="review-coverage">
      <Space wrap style={{ display: 'flex', marginBottom: 12 }}>
        <ReviewMonth value={month} onChange={setMonth} />
        <Button type="primary" loading={drawing} onClick={() => void draw()}>
          {t('reviews.draw')}
        </Button>
        {c?.seed !== null && c?.seed !== undefined && <Typography.Text type="secondary">{t('reviews.seed', { seed: c.seed })}</Typography.Text>}
      </Space>
      {coverage.status === 'error' && <Alert type="error" title={describeApiError(coverage.error, t)} />}
      {c && (
        <>
          <Space size="large" wrap style={{ display: 'flex', marginBottom: 12 }}>
            <Statistic title={t('reviews.stat.calls')} value={c.totals.calls} />
            <Statistic title={t('reviews.stat.sampled')} value={c.totals.sampled} />
            <Statistic title={t('reviews.stat.reviewed')} value={c.totals.reviewed} />
            <Statistic title={t('reviews.stat.fatal')} value={`${c.fatalSampled}/${c.fatalCalls}`} />
          </Space>
          <Alert type={c.totals.shortfall === 0 ? 'success' : 'info'} title={t('reviews.statement')} description={coverageStatement(c, t, names.person)} style={{ marginBottom: 12 }} />
          <Table
            rowKey="agent"
            size="small"
            pagination={false}
            dataSource={c.agents}
            columns={[
              { title: t('reviews.col.agent'), dataIndex: 'agent', render: (a: string) => names.person(a) },
              { title: t('reviews.stat.calls'), dataIndex: 'calls' },
              { title: t('reviews.stat.sampled'), dataIndex: 'sampled' },
              { title: t('reviews.col.share'), dataIndex: 'share', render: (v: number) => <Tag color={v >= c.target ? 'green' : 'red'}>{pct(v)}</Tag> },
              { title: t('reviews.stat.reviewed'), dataIndex: 'reviewed' },
              { title: t('reviews.col.reviewedShare'), dataIndex: 'reviewedShare', render: (v: number) => pct(v) },
              { title: t('reviews.col.shortfall', { target: pct(c.target) }), dataIndex: 'shortfall', render: (v: number) => (v === 0 ? '—' : t('reviews.calls', { count: v })) },
            ]}
          />
        </>
      )}
    </div>
  );
}

function Queue({ query }: { query: Record<string, string> }) {
  const { t, locale } = useI18n();
  const names = useNames();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [month, setMonth] = useState(currentMonth());
  const list = useLoad((signal) => reviewsApi.list({ ...query, month }, signal), [month, JSON.stringify(query)]);
  return (
    <div data-testid="review-queue">
      <Space style={{ marginBottom: 12 }}>
        <ReviewMonth value={month} onChange={setMonth} />
      </Space>
      {list.status === 'error' && <Alert type="error" title={describeApiError(list.error, t)} />}
      <Table<ReviewView>
        rowKey="id"
        size="small"
        loading={list.status === 'loading'}
        dataSource={list.data?.items ?? []}
        onRow={(r) => ({ onClick: () => navigate(`/reviews/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('reviews.col.callTime'), dataIndex: 'callStartedAt', render: (v: number) => formatDateTime(v, locale, names.zone, { year: true }) },
          ...(user.role === 'agent' ? [] : [{ title: t('reviews.col.agent'), dataIndex: 'agent', render: (a: string) => names.person(a) }]),
          { title: t('reviews.col.reason'), dataIndex: 'reason', render: (v: ReviewView['reason']) => <Tag color={v === 'fatal' ? 'red' : v === 'complaint' ? 'orange' : undefined}>{t(reasonLabels[v])}</Tag> },
          { title: t('reviews.col.engineScore'), render: (_: unknown, r: ReviewView) => (r.engine ? r.engine.score : t('reviews.blind')) },
          { title: t('reviews.col.reviewScore'), dataIndex: 'score', render: (v: number | null) => v ?? '—' },
          { title: t('reviews.col.reviewer'), dataIndex: 'reviewer', render: (v: string | null) => (v === null ? t('review.unassigned') : names.person(v)) },
          {
            title: t('reviews.col.status'),
            render: (_: unknown, r: ReviewView) =>
              r.appeals.some((a) => a.status === 'open') ? <Tag color="orange">{t('reviews.status.appealing')}</Tag> : r.status === 'reviewed' ? <Tag color="green">{t('reviews.stat.reviewed')}</Tag> : <Tag>{t('review.pending')}</Tag>,
          },
        ]}
      />
    </div>
  );
}

function AgreementView() {
  const { t } = useI18n();
  const agreement = useLoad((signal) => reviewsApi.agreement(signal), []);
  return (
    <div data-testid="review-agreement">
      <Typography.Paragraph type="secondary">{t('reviews.agreementHelp', { floor: pct(agreement.data?.precisionFloor) })}</Typography.Paragraph>
      {agreement.status === 'error' && <Alert type="error" title={describeApiError(agreement.error, t)} />}
      <Table
        rowKey="rule"
        size="small"
        pagination={false}
        dataSource={agreement.data?.rules ?? []}
        columns={[
          // A rule id reads whole (CP-PLAN, not CP- / PLAN on two lines).
          { title: t('reviews.col.rule'), dataIndex: 'rule', render: (v: string, r) => (r.flagged ? <Tag color="red">{v}</Tag> : <span className="kefu-nowrap">{v}</span>) },
          { title: t('reviews.stat.reviewed'), dataIndex: 'reviewed' },
          { title: t('reviews.col.agree'), dataIndex: 'agree' },
          { title: t('reviews.col.precision'), dataIndex: 'precision', render: (v: number | null) => pct(v) },
          { title: t('reviews.col.recall'), dataIndex: 'recall', render: (v: number | null) => pct(v) },
          { title: t('reviews.col.falseAlarms'), dataIndex: 'falseAlarms' },
          { title: t('reviews.col.missed'), dataIndex: 'missed' },
        ]}
      />
    </div>
  );
}

function ScorecardsView() {
  const { t, locale } = useI18n();
  const [month, setMonth] = useState(currentMonth());
  const cards = useLoad((signal) => reviewsApi.scorecards(month, signal), [month]);
  return (
    <div data-testid="review-scorecards">
      <Space style={{ marginBottom: 12 }}>
        <ReviewMonth value={month} onChange={setMonth} />
        <a href={`/api/reviews/scorecards?month=${month}&format=xlsx&lang=${locale}`}>{t('reviews.exportXlsx')}</a>
        <a href={`/api/reviews/scorecards?month=${month}&format=csv&lang=${locale}`}>{t('reviews.exportCsv')}</a>
      </Space>
      {cards.status === 'error' && <Alert type="error" title={describeApiError(cards.error, t)} />}
      <Table
        rowKey="agent"
        size="small"
        pagination={false}
        dataSource={cards.data?.items ?? []}
        columns={[
          { title: t('reviews.col.agent'), dataIndex: 'agent', render: (v: string, s) => s.agentName ?? v },
          { title: t('reviews.col.reviewedCount'), dataIndex: 'reviewed' },
          { title: t('reviews.col.reviewedScore'), dataIndex: 'reviewedScore', render: (v: number | null) => v ?? '—' },
          { title: t('reviews.col.engineAverage'), dataIndex: 'engineScore', render: (v: number | null) => v ?? '—' },
          { title: t('reviews.col.passRate'), dataIndex: 'passRate', render: (v: number | null) => pct(v) },
          { title: t('reviews.col.fatal'), dataIndex: 'fatal' },
          { title: t('reviews.col.topFailed'), dataIndex: 'topFailed', render: (v: Array<{ rule: string; count: number }>) => (v.length === 0 ? '—' : v.map((f, i) => <span key={f.rule} className="kefu-nowrap">{i > 0 ? '、' : ''}{f.rule}×{f.count}</span>)) },
          { title: t('reviews.col.appeals'), render: (_: unknown, s) => `${s.appeals.filed}/${s.appeals.upheld}` },
          { title: t('reviews.col.trainings'), dataIndex: 'trainings', render: (v: number) => <Tag color={v >= 1 ? 'green' : 'orange'}>{t('reviews.times', { count: v })}</Tag> },
          {
            title: t('vs.scorecard.title'),
            key: 'visits',
            render: (_: unknown, s) =>
              s.visits ? (
                <span data-testid={`scorecard-visits-${s.agent}`}>
                  {t('vs.scorecard.cell', { served: s.visits.served, within: pct(s.visits.servedWithinLimit), card: s.visits.cardScore ?? '—' })}
                </span>
              ) : (
                '—'
              ),
          },
        ]}
      />
    </div>
  );
}

function DrillsView() {
  const { t, script } = useI18n();
  const navigate = useNavigate();
  const scenarios = useLoad((signal) => reviewsApi.scenarios(signal), []);
  const start = async (id: string) => {
    try {
      const run = await reviewsApi.startDrill(id);
      navigate(`/reviews/drills/${run.id}`);
    } catch (e) {
      void message.error(describeActionError(e, t));
    }
  };
  return (
    <div data-testid="review-drills">
      <Typography.Paragraph type="secondary">{t('reviews.drillsHelp')}</Typography.Paragraph>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
        {(scenarios.data?.items ?? []).map((s) => (
            <Card key={s.id} size="small" title={script(s.title)} extra={<Typography.Text type="secondary">{script(s.source)}</Typography.Text>}>
              <Typography.Paragraph>{script(s.brief)}</Typography.Paragraph>
              <Button type="primary" onClick={() => void start(s.id)}>
                {t('reviews.startDrill', { title: script(s.title) })}
              </Button>
            </Card>
        ))}
      </div>
    </div>
  );
}
