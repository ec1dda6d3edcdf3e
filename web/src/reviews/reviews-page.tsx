import { Alert, Button, Card, Input, Space, Statistic, Table, Tabs, Tag, Typography, message } from 'antd';
import { useState } from 'react';
import { Route, Routes, useNavigate, useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';
import { describeApiError } from '../api/error-message';
import { PageHeader } from '../shared/page-header';
import { useLoad } from '../shared/use-load';
import type { ReviewView } from '@contract/reviews';
import { currentMonth, pct, reasonLabels, reviewsApi } from './reviews-api';
import { DrillScreen } from './drill-screen';
import { ReviewScreen } from './review-screen';

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
        { key: 'mine', label: '我的复核', children: <Queue query={{}} /> },
        { key: 'scorecards', label: '成绩单', children: <ScorecardsView /> },
        { key: 'drills', label: '培训演练', children: <DrillsView /> },
      ]
    : [
        { key: 'coverage', label: '抽检', children: <CoverageView /> },
        { key: 'queue', label: '复核', children: <Queue query={{ status: 'pending' }} /> },
        { key: 'appeals', label: '申诉', children: <Queue query={{ appeal: 'open' }} /> },
        { key: 'agreement', label: '引擎一致性', children: <AgreementView /> },
        { key: 'scorecards', label: '成绩单', children: <ScorecardsView /> },
        { key: 'drills', label: '培训演练', children: <DrillsView /> },
      ];
  return (
    <div data-testid="reviews-page">
      <PageHeader title={t('nav.reviews')} />
      <Tabs activeKey={tab} onChange={(key) => setParams({ tab: key })} items={items} destroyOnHidden />
    </div>
  );
}

function MonthInput({ value, onChange }: { value: string; onChange: (m: string) => void }) {
  return <Input aria-label="月份" type="month" value={value} onChange={(e) => e.target.value && onChange(e.target.value)} style={{ width: 180 }} />;
}

function CoverageView() {
  const { t } = useI18n();
  const [month, setMonth] = useState(currentMonth());
  const coverage = useLoad((signal) => reviewsApi.coverage(month, signal), [month]);
  const [drawing, setDrawing] = useState(false);
  const draw = async () => {
    setDrawing(true);
    try {
      const r = await reviewsApi.sample(month);
      const added = r.added.quota + r.added.fatal + r.added.complaint;
      void message.success(added === 0 ? '抽检已是最新，没有需要补抽的来电' : `已抽取 ${added} 通（随机 ${r.added.quota}，致命差错 ${r.added.fatal}，投诉 ${r.added.complaint}）`);
      coverage.reload();
    } catch (e) {
      void message.error(describeApiError(e, t));
    } finally {
      setDrawing(false);
    }
  };
  const c = coverage.data;
  return (
    <div data-testid="review-coverage">
      <Space style={{ marginBottom: 12 }}>
        <MonthInput value={month} onChange={setMonth} />
        <Button type="primary" loading={drawing} onClick={() => void draw()}>
          抽取 / 补抽本月样本
        </Button>
        {c?.seed !== null && c?.seed !== undefined && <Typography.Text type="secondary">随机种子 {c.seed}</Typography.Text>}
      </Space>
      {coverage.status === 'error' && <Alert type="error" title={describeApiError(coverage.error, t)} />}
      {c && (
        <>
          <Space size="large" style={{ marginBottom: 12 }}>
            <Statistic title="已质检来电" value={c.totals.calls} />
            <Statistic title="已抽检" value={c.totals.sampled} />
            <Statistic title="已复核" value={c.totals.reviewed} />
            <Statistic title="致命差错来电（已抽/共）" value={`${c.fatalSampled}/${c.fatalCalls}`} />
          </Space>
          <Alert type={c.totals.shortfall === 0 ? 'success' : 'info'} title="月度抽检说明" description={c.statement} style={{ marginBottom: 12 }} />
          <Table
            rowKey="agent"
            size="small"
            pagination={false}
            dataSource={c.agents}
            columns={[
              { title: '坐席', dataIndex: 'agent' },
              { title: '已质检来电', dataIndex: 'calls' },
              { title: '已抽检', dataIndex: 'sampled' },
              { title: '抽检比例', dataIndex: 'share', render: (v: number) => <Tag color={v >= c.target ? 'green' : 'red'}>{pct(v)}</Tag> },
              { title: '已复核', dataIndex: 'reviewed' },
              { title: '复核比例', dataIndex: 'reviewedShare', render: (v: number) => pct(v) },
              { title: `距 ${pct(c.target)} 还差`, dataIndex: 'shortfall', render: (v: number) => (v === 0 ? '—' : `${v} 通`) },
            ]}
          />
        </>
      )}
    </div>
  );
}

function Queue({ query }: { query: Record<string, string> }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const [month, setMonth] = useState(currentMonth());
  const list = useLoad((signal) => reviewsApi.list({ ...query, month }, signal), [month, JSON.stringify(query)]);
  return (
    <div data-testid="review-queue">
      <Space style={{ marginBottom: 12 }}>
        <MonthInput value={month} onChange={setMonth} />
      </Space>
      {list.status === 'error' && <Alert type="error" title={describeApiError(list.error, t)} />}
      <Table<ReviewView>
        rowKey="id"
        size="small"
        loading={list.status === 'loading'}
        dataSource={list.data?.items ?? []}
        onRow={(r) => ({ onClick: () => navigate(`/reviews/${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: '通话时间', dataIndex: 'callStartedAt', render: (v: number) => new Date(v).toLocaleString('zh-CN') },
          ...(user.role === 'agent' ? [] : [{ title: '坐席', dataIndex: 'agent' }]),
          { title: '抽检原因', dataIndex: 'reason', render: (v: ReviewView['reason']) => <Tag color={v === 'fatal' ? 'red' : v === 'complaint' ? 'orange' : undefined}>{t(reasonLabels[v])}</Tag> },
          { title: '引擎得分', render: (_: unknown, r: ReviewView) => (r.engine ? r.engine.score : '（盲评）') },
          { title: '复核得分', dataIndex: 'score', render: (v: number | null) => v ?? '—' },
          { title: '复核人', dataIndex: 'reviewer', render: (v: string | null) => v ?? '未分配' },
          { title: '状态', render: (_: unknown, r: ReviewView) => (r.appeals.some((a) => a.status === 'open') ? <Tag color="orange">申诉中</Tag> : r.status === 'reviewed' ? <Tag color="green">已复核</Tag> : <Tag>待复核</Tag>) },
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
      <Typography.Paragraph type="secondary">复核员对引擎每条检查的判定：精确率＝引擎判不合格且复核员同意的比例；召回率＝复核员认定的不合格中引擎查出的比例。精确率低于 {pct(agreement.data?.precisionFloor)} 的规则标红，自动评分需人工把关。</Typography.Paragraph>
      {agreement.status === 'error' && <Alert type="error" title={describeApiError(agreement.error, t)} />}
      <Table
        rowKey="rule"
        size="small"
        pagination={false}
        dataSource={agreement.data?.rules ?? []}
        columns={[
          { title: '要求编号', dataIndex: 'rule', render: (v: string, r) => (r.flagged ? <Tag color="red">{v}</Tag> : v) },
          { title: '已复核', dataIndex: 'reviewed' },
          { title: '同意', dataIndex: 'agree' },
          { title: '精确率', dataIndex: 'precision', render: (v: number | null) => pct(v) },
          { title: '召回率', dataIndex: 'recall', render: (v: number | null) => pct(v) },
          { title: '误报', dataIndex: 'falseAlarms' },
          { title: '漏检', dataIndex: 'missed' },
        ]}
      />
    </div>
  );
}

function ScorecardsView() {
  const { t } = useI18n();
  const [month, setMonth] = useState(currentMonth());
  const cards = useLoad((signal) => reviewsApi.scorecards(month, signal), [month]);
  return (
    <div data-testid="review-scorecards">
      <Space style={{ marginBottom: 12 }}>
        <MonthInput value={month} onChange={setMonth} />
        <a href={`/api/reviews/scorecards?month=${month}&format=xlsx`}>导出 Excel</a>
        <a href={`/api/reviews/scorecards?month=${month}&format=csv`}>导出 CSV</a>
      </Space>
      {cards.status === 'error' && <Alert type="error" title={describeApiError(cards.error, t)} />}
      <Table
        rowKey="agent"
        size="small"
        pagination={false}
        dataSource={cards.data?.items ?? []}
        columns={[
          { title: '坐席', dataIndex: 'agent' },
          { title: '复核通数', dataIndex: 'reviewed' },
          { title: '复核平均分', dataIndex: 'reviewedScore', render: (v: number | null) => v ?? '—' },
          { title: '引擎平均分', dataIndex: 'engineScore', render: (v: number | null) => v ?? '—' },
          { title: '合格率', dataIndex: 'passRate', render: (v: number | null) => pct(v) },
          { title: '致命差错', dataIndex: 'fatal' },
          { title: '主要扣分项', dataIndex: 'topFailed', render: (v: Array<{ rule: string; count: number }>) => v.map((f) => `${f.rule}×${f.count}`).join('、') || '—' },
          { title: '申诉（提出/采纳）', render: (_: unknown, s) => `${s.appeals.filed}/${s.appeals.upheld}` },
          { title: '培训', dataIndex: 'trainings', render: (v: number) => <Tag color={v >= 1 ? 'green' : 'orange'}>{v} 次</Tag> },
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
  const { t } = useI18n();
  const navigate = useNavigate();
  const scenarios = useLoad((signal) => reviewsApi.scenarios(signal), []);
  const start = async (id: string) => {
    try {
      const run = await reviewsApi.startDrill(id);
      navigate(`/reviews/drills/${run.id}`);
    } catch (e) {
      void message.error(describeApiError(e, t));
    }
  };
  return (
    <div data-testid="review-drills">
      <Typography.Paragraph type="secondary">每月 1–2 次培训，每季度一次角色扮演演练：你扮演坐席，系统扮演客户，每句回复发送后即按服务标准判定。</Typography.Paragraph>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
        {(scenarios.data?.items ?? []).map((s) => (
            <Card key={s.id} size="small" title={s.title} extra={<Typography.Text type="secondary">{s.source}</Typography.Text>}>
              <Typography.Paragraph>{s.brief}</Typography.Paragraph>
              <Button type="primary" onClick={() => void start(s.id)}>
                开始演练：{s.title}
              </Button>
            </Card>
        ))}
      </div>
    </div>
  );
}
