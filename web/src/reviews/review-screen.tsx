import { Alert, Button, Card, Checkbox, Descriptions, Input, InputNumber, Radio, Space, Tag, Timeline, Typography, message } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useCurrentUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';
import { describeApiError } from '../api/error-message';
import { useLoad } from '../shared/use-load';
import type { ReviewView } from '@contract/reviews';
import { appealStatusLabels, reasonLabels, reviewsApi } from './reviews-api';

type Verdicts = Record<string, { verdict: 'agree' | 'disagree'; comment: string }>;

/** One review: the call's transcript, the engine's checks with the reviewer's verdict on each, and the appeal. */
export function ReviewScreen() {
  const { id = '' } = useParams();
  const { t, script } = useI18n();
  const navigate = useNavigate();
  const user = useCurrentUser();
  const loaded = useLoad((signal) => reviewsApi.get(id, signal), [id]);
  const [review, setReview] = useState<ReviewView | null>(null);
  const [verdicts, setVerdicts] = useState<Verdicts>({});
  const [score, setScore] = useState<number | null>(null);
  const [appealing, setAppealing] = useState<Record<string, string>>({});
  const [decision, setDecision] = useState<{ decision: 'accept' | 'partly' | 'reject'; comment: string; rules: string[] }>({ decision: 'accept', comment: '', rules: [] });
  const opened = useRef(Date.now());
  const r = review ?? loaded.data?.review ?? null;

  useEffect(() => {
    const v = loaded.data?.review;
    if (!v) return;
    const next: Verdicts = {};
    for (const c of v.engine?.checks ?? []) if (c.ok !== null) next[c.rule] = { verdict: 'agree', comment: '' };
    for (const x of v.verdicts) next[x.rule] = { verdict: x.verdict, comment: x.comment ?? '' };
    setVerdicts(next);
  }, [loaded.data]);

  if (!r) return loaded.status === 'error' ? <Alert type="error" title={describeApiError(loaded.error, t)} /> : <Card loading />;
  const call = loaded.data?.call;
  const reviewer = user.role !== 'agent';
  const act = async (fn: () => Promise<ReviewView>, done: string) => {
    try {
      setReview(await fn());
      void message.success(done);
    } catch (e) {
      void message.error(describeApiError(e, t));
    }
  };
  const openAppeal = r.appeals.find((a) => a.status === 'open');

  return (
    <div data-testid="review-screen">
      <Space style={{ marginBottom: 12 }}>
        <Button onClick={() => navigate(-1)}>返回</Button>
        <Typography.Title level={5} style={{ margin: 0 }}>
          复核 · 坐席 {r.agent}
        </Typography.Title>
        <Tag>{reasonLabels[r.reason]}</Tag>
        {r.status === 'reviewed' ? <Tag color="green">已复核 {r.score} 分</Tag> : <Tag>待复核</Tag>}
      </Space>
      <Descriptions size="small" column={4} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="通话时间">{new Date(r.callStartedAt).toLocaleString('zh-CN')}</Descriptions.Item>
        <Descriptions.Item label="引擎得分">{r.engine ? `${r.engine.score}${r.engine.fatal ? '（致命差错）' : ''}` : '盲评中，复核完成后显示'}</Descriptions.Item>
        <Descriptions.Item label="复核人">{r.reviewer ?? '未分配'}</Descriptions.Item>
        <Descriptions.Item label="用时">{Math.round(r.timeSpentMs / 60000)} 分钟</Descriptions.Item>
      </Descriptions>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
        <Card size="small" title="通话记录">
          {(call?.transcript?.utterances ?? []).map((u, i) => (
            <div key={i} style={{ padding: '4px 0' }}>
              <Typography.Text strong>{u.speaker === 'agent' ? '坐席' : u.speaker === 'customer' ? '客户' : '系统'}：</Typography.Text>
              {u.text}
            </div>
          ))}
        </Card>
        <Card size="small" title={r.engine ? '引擎检查与复核判定' : '盲评：引擎判定已隐藏'}>
          <div data-testid="review-checks">
            {(r.engine?.checks ?? [])
              .filter((c) => c.ok !== null)
              .map((c) => {
              const v = verdicts[c.rule] ?? { verdict: 'agree' as const, comment: '' };
              return (
                <div key={c.rule} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0' }}>
                  <Space wrap>
                    <Tag color={c.ok ? 'green' : c.severity === 'fatal' ? 'red' : 'orange'}>{c.rule}</Tag>
                    <span>{script(c.message)}</span>
                    {r.failed.includes(c.rule) && r.status === 'reviewed' && <Tag color="red">扣分</Tag>}
                  </Space>
                  {reviewer && r.status === 'pending' && (
                    <div style={{ marginTop: 4 }}>
                      <Radio.Group size="small" value={v.verdict} onChange={(e) => setVerdicts({ ...verdicts, [c.rule]: { ...v, verdict: e.target.value as 'agree' | 'disagree' } })}>
                        <Radio.Button value="agree">同意</Radio.Button>
                        <Radio.Button value="disagree">不同意</Radio.Button>
                      </Radio.Group>
                      {v.verdict === 'disagree' && <Input size="small" aria-label={`${c.rule} 理由`} placeholder="不同意的理由" value={v.comment} onChange={(e) => setVerdicts({ ...verdicts, [c.rule]: { ...v, comment: e.target.value } })} style={{ marginTop: 4 }} />}
                    </div>
                  )}
                  {user.role === 'agent' && r.failed.includes(c.rule) && r.appealUntil !== null && (
                    <Space style={{ marginTop: 4 }}>
                      <Checkbox checked={c.rule in appealing} onChange={(e) => setAppealing(e.target.checked ? { ...appealing, [c.rule]: '' } : Object.fromEntries(Object.entries(appealing).filter(([k]) => k !== c.rule)))}>
                        申诉此项
                      </Checkbox>
                      {c.rule in appealing && <Input size="small" placeholder="申诉理由" value={appealing[c.rule]} onChange={(e) => setAppealing({ ...appealing, [c.rule]: e.target.value })} />}
                    </Space>
                  )}
                </div>
              );
            })}
          </div>
          {reviewer && r.status === 'pending' && (
            <Space style={{ marginTop: 12 }}>
              <span>最终得分（可不填，按判定计算）</span>
              <InputNumber min={0} max={100} value={score} onChange={(v) => setScore(v)} />
              <Button
                type="primary"
                onClick={() =>
                  void act(
                    () =>
                      reviewsApi.patch(r.id, {
                        verdicts: Object.entries(verdicts).map(([rule, v]) => ({ rule, verdict: v.verdict, ...(v.comment && { comment: v.comment }) })),
                        ...(score !== null && { score }),
                        timeSpentMs: Date.now() - opened.current,
                        submit: true,
                      }),
                    '复核已提交',
                  )
                }
              >
                提交复核
              </Button>
            </Space>
          )}
          {user.role === 'agent' && r.status === 'reviewed' && (
            <Space style={{ marginTop: 12 }}>
              {r.acknowledgedAt === null && (
                <Button type="primary" onClick={() => void act(() => reviewsApi.ack(r.id), '已确认复核结果')}>
                  确认已阅
                </Button>
              )}
              {Object.keys(appealing).length > 0 && (
                <Button onClick={() => void act(() => reviewsApi.appeal(r.id, Object.entries(appealing).map(([rule, reason]) => ({ rule, reason }))), '申诉已提交')}>提交申诉</Button>
              )}
              {r.appealUntil !== null && <Typography.Text type="secondary">申诉截止 {new Date(r.appealUntil).toLocaleString('zh-CN')}</Typography.Text>}
            </Space>
          )}
        </Card>
      </div>
      {(r.appeals.length > 0 || r.history.length > 0) && (
        <Card size="small" title="申诉与处理记录" style={{ marginTop: 12 }}>
          {r.appeals.map((a) => (
            <Alert
              key={a.id}
              style={{ marginBottom: 8 }}
              type={a.status === 'open' ? 'warning' : a.status === 'rejected' ? 'error' : 'success'}
              title={`${a.level === 1 ? '一级' : '二级'}申诉 · ${appealStatusLabels[a.status]}`}
              description={`${a.checks.map((c) => `${c.rule}：${c.reason}`).join('；')}${a.comment ? `（裁决意见：${a.comment}）` : ''}`}
            />
          ))}
          {openAppeal && reviewer && user.username !== r.reviewer && (
            <Space wrap>
              <Radio.Group value={decision.decision} onChange={(e) => setDecision({ ...decision, decision: e.target.value as 'accept' | 'partly' | 'reject' })}>
                <Radio value="accept">采纳</Radio>
                <Radio value="partly">部分采纳</Radio>
                <Radio value="reject">驳回</Radio>
              </Radio.Group>
              {decision.decision === 'partly' && <Checkbox.Group options={openAppeal.checks.map((c) => c.rule)} value={decision.rules} onChange={(v) => setDecision({ ...decision, rules: v as string[] })} />}
              <Input aria-label="裁决意见" placeholder="裁决意见" value={decision.comment} onChange={(e) => setDecision({ ...decision, comment: e.target.value })} style={{ width: 280 }} />
              <Button type="primary" onClick={() => void act(() => reviewsApi.decide(r.id, { decision: decision.decision, comment: decision.comment, ...(decision.decision === 'partly' && { rules: decision.rules }) }), '已裁决')}>
                提交裁决
              </Button>
            </Space>
          )}
          <Timeline
            style={{ marginTop: 12 }}
            items={r.history.map((h) => ({ children: `${new Date(h.at).toLocaleString('zh-CN')} ${h.by ?? '系统'} ${historyLabels[h.kind] ?? h.kind}${h.note ? `：${h.note}` : ''}` }))}
          />
        </Card>
      )}
    </div>
  );
}

const historyLabels: Record<string, string> = { drawn: '抽取', assigned: '分配', reviewed: '完成复核', acknowledged: '坐席确认', appealed: '提出申诉', decided: '裁决' };
