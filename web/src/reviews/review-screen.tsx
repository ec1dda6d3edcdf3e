import { Alert, Button, Card, Checkbox, Descriptions, Input, InputNumber, Radio, Space, Tag, Timeline, Typography, message } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useCurrentUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { describeActionError, itemOfList } from '../api/action-error';
import { describeApiError } from '../api/error-message';
import { useLoad } from '../shared/use-load';
import type { ReviewView } from '@contract/reviews';
import { appealStatusLabels, reasonLabels, reviewsApi } from './reviews-api';
import { RecordingPlayer, useRecordingSync } from '../quality/recording-player';
import { useNames } from '../shared/use-names';
import { formatDateTime } from '../shared/instant-format';

type Verdicts = Record<string, { verdict: 'agree' | 'disagree'; comment: string }>;

/** One review: the call's transcript, the engine's checks with the reviewer's verdict on each, and the appeal. */
export function ReviewScreen() {
  const { id = '' } = useParams();
  const { t, script, locale } = useI18n();
  const names = useNames();
  const when = (ms: number) => formatDateTime(ms, locale, names.zone, { year: true });
  const navigate = useNavigate();
  const user = useCurrentUser();
  const loaded = useLoad((signal) => reviewsApi.get(id, signal, locale === 'en' ? 'en' : undefined), [id, locale]);
  const [review, setReview] = useState<ReviewView | null>(null);
  const [verdicts, setVerdicts] = useState<Verdicts>({});
  const [score, setScore] = useState<number | null>(null);
  const [appealing, setAppealing] = useState<Record<string, string>>({});
  const [decision, setDecision] = useState<{ decision: 'accept' | 'partly' | 'reject'; comment: string; rules: string[] }>({ decision: 'accept', comment: '', rules: [] });
  const opened = useRef(Date.now());
  // After an action the screen shows the review the server answered with; the engine's checks always
  // come from the latest load, which a change of language re-words (`?lang=`).
  const latest = loaded.data?.review;
  // (A blind load has no checks: the submitted review's answer has them until the reload after it lands.)
  const r = review ? (latest && latest.id === review.id ? { ...review, engine: latest.engine ?? review.engine } : review) : (latest ?? null);
  // Verdicts are filled from the server once per review: a reload for another language must not
  // throw away what the reviewer has chosen and not yet submitted.
  const filledFor = useRef<string | null>(null);
  const heard = loaded.data?.call;
  const utterances = useMemo(() => heard?.transcript?.utterances ?? [], [heard]);
  const sync = useRecordingSync(utterances, heard?.transcript?.events && heard.transcript.events.length > 0 ? heard.transcript.events : heard?.events, typeof heard?.recordingUrl === 'string');

  useEffect(() => {
    const v = loaded.data?.review;
    if (!v || filledFor.current === v.id) return;
    filledFor.current = v.id;
    const next: Verdicts = {};
    for (const c of v.engine?.checks ?? []) if (c.ok !== null) next[c.rule] = { verdict: 'agree', comment: '' };
    for (const x of v.verdicts) next[x.rule] = { verdict: x.verdict, comment: x.comment ?? '' };
    setVerdicts(next);
  }, [loaded.data]);

  if (!r) return loaded.status === 'error' ? <Alert type="error" title={describeApiError(loaded.error, t)} /> : <Card loading />;
  const call = loaded.data?.call;
  const reviewer = user.role !== 'agent';
  // `rules`: the checks of the list the request sent, so an error on `verdicts.2.comment` names its check.
  const act = async (fn: () => Promise<ReviewView>, done: string, rules: readonly string[] = []) => {
    try {
      setReview(await fn());
      // Read again: a submitted blind review now shows the engine's checks, worded for this reader.
      loaded.reload();
      void message.success(done);
    } catch (e) {
      void message.error(describeActionError(e, t, { subject: itemOfList(rules) }));
    }
  };
  const openAppeal = r.appeals.find((a) => a.status === 'open');

  return (
    <div data-testid="review-screen">
      <Space style={{ marginBottom: 12 }}>
        <Button onClick={() => navigate(-1)}>{t('review.back')}</Button>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('review.title', { agent: names.person(r.agent) })}
        </Typography.Title>
        <Tag>{t(reasonLabels[r.reason])}</Tag>
        {r.status === 'reviewed' ? <Tag color="green">{t('review.reviewedScore', { score: r.score ?? '—' })}</Tag> : <Tag>{t('review.pending')}</Tag>}
      </Space>
      <Descriptions size="small" column={4} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('review.callTime')}>{when(r.callStartedAt)}</Descriptions.Item>
        <Descriptions.Item label={t('review.engineScore')}>{r.engine ? `${r.engine.score}${r.engine.fatal ? t('review.engineFatal') : ''}` : t('review.blindScore')}</Descriptions.Item>
        <Descriptions.Item label={t('review.reviewer')}>{r.reviewer === null ? t('review.unassigned') : names.person(r.reviewer)}</Descriptions.Item>
        <Descriptions.Item label={t('review.timeSpent')}>{t('review.minutes', { minutes: Math.round(r.timeSpentMs / 60000) })}</Descriptions.Item>
      </Descriptions>
      <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 12 }}>
        <Card size="small" title={t('review.transcript')}>
          {call && <RecordingPlayer url={call.recordingUrl} sync={sync} hint={utterances.length > 0} />}
          <div data-testid="review-transcript">
            {utterances.map((u, i) => {
              const line = sync.lineProps(i);
              return (
                <div key={i} {...line} className={`kefu-review-line${line.className ? ` ${line.className}` : ''}`}>
                  <Typography.Text strong>{t(u.speaker === 'agent' ? 'review.speaker.agent' : u.speaker === 'customer' ? 'review.speaker.customer' : 'review.speaker.system')}：</Typography.Text>
                  {u.text}
                </div>
              );
            })}
          </div>
        </Card>
        <Card size="small" title={r.engine ? t('review.checksWithVerdicts') : t('review.checksHidden')}>
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
                    {r.failed.includes(c.rule) && r.status === 'reviewed' && <Tag color="red">{t('review.deducted')}</Tag>}
                  </Space>
                  {reviewer && r.status === 'pending' && (
                    <div style={{ marginTop: 4 }}>
                      <Radio.Group size="small" value={v.verdict} onChange={(e) => setVerdicts({ ...verdicts, [c.rule]: { ...v, verdict: e.target.value as 'agree' | 'disagree' } })}>
                        <Radio.Button value="agree">{t('review.agree')}</Radio.Button>
                        <Radio.Button value="disagree">{t('review.disagree')}</Radio.Button>
                      </Radio.Group>
                      {v.verdict === 'disagree' && <Input size="small" aria-label={t('review.reasonLabel', { rule: c.rule })} placeholder={t('review.disagreeReason')} value={v.comment} onChange={(e) => setVerdicts({ ...verdicts, [c.rule]: { ...v, comment: e.target.value } })} style={{ marginTop: 4 }} />}
                    </div>
                  )}
                  {user.role === 'agent' && r.failed.includes(c.rule) && r.appealUntil !== null && (
                    <Space style={{ marginTop: 4 }}>
                      <Checkbox checked={c.rule in appealing} onChange={(e) => setAppealing(e.target.checked ? { ...appealing, [c.rule]: '' } : Object.fromEntries(Object.entries(appealing).filter(([k]) => k !== c.rule)))}>
                        {t('review.appealThis')}
                      </Checkbox>
                      {c.rule in appealing && <Input size="small" placeholder={t('review.appealReason')} value={appealing[c.rule]} onChange={(e) => setAppealing({ ...appealing, [c.rule]: e.target.value })} />}
                    </Space>
                  )}
                </div>
              );
            })}
          </div>
          {reviewer && r.status === 'pending' && (
            <Space style={{ marginTop: 12 }}>
              <span>{t('review.finalScore')}</span>
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
                    t('review.submitted'),
                    Object.keys(verdicts),
                  )
                }
              >
                {t('review.submit')}
              </Button>
            </Space>
          )}
          {user.role === 'agent' && r.status === 'reviewed' && (
            <Space style={{ marginTop: 12 }}>
              {r.acknowledgedAt === null && (
                <Button type="primary" onClick={() => void act(() => reviewsApi.ack(r.id), t('review.acknowledged'))}>
                  {t('review.acknowledge')}
                </Button>
              )}
              {Object.keys(appealing).length > 0 && (
                <Button onClick={() => void act(() => reviewsApi.appeal(r.id, Object.entries(appealing).map(([rule, reason]) => ({ rule, reason }))), t('review.appealSubmitted'), Object.keys(appealing))}>{t('review.submitAppeal')}</Button>
              )}
              {r.appealUntil !== null && <Typography.Text type="secondary">{t('review.appealUntil', { time: when(r.appealUntil) })}</Typography.Text>}
            </Space>
          )}
        </Card>
      </div>
      {(r.appeals.length > 0 || r.history.length > 0) && (
        <Card size="small" title={t('review.appealsAndHistory')} style={{ marginTop: 12 }}>
          {r.appeals.map((a) => (
            <Alert
              key={a.id}
              style={{ marginBottom: 8 }}
              type={a.status === 'open' ? 'warning' : a.status === 'rejected' ? 'error' : 'success'}
              title={t(a.level === 1 ? 'review.appealLevel1' : 'review.appealLevel2', { status: t(appealStatusLabels[a.status]) })}
              description={`${a.checks.map((c) => `${c.rule}：${c.reason}`).join('；')}${a.comment ? t('review.rulingComment', { comment: a.comment }) : ''}`}
            />
          ))}
          {openAppeal && reviewer && user.username !== r.reviewer && (
            <Space wrap>
              <Radio.Group value={decision.decision} onChange={(e) => setDecision({ ...decision, decision: e.target.value as 'accept' | 'partly' | 'reject' })}>
                <Radio value="accept">{t('review.decision.accept')}</Radio>
                <Radio value="partly">{t('review.decision.partly')}</Radio>
                <Radio value="reject">{t('review.decision.reject')}</Radio>
              </Radio.Group>
              {decision.decision === 'partly' && <Checkbox.Group options={openAppeal.checks.map((c) => c.rule)} value={decision.rules} onChange={(v) => setDecision({ ...decision, rules: v as string[] })} />}
              <Input aria-label={t('review.ruling')} placeholder={t('review.ruling')} value={decision.comment} onChange={(e) => setDecision({ ...decision, comment: e.target.value })} style={{ width: 280 }} />
              <Button type="primary" onClick={() => void act(() => reviewsApi.decide(r.id, { decision: decision.decision, comment: decision.comment, ...(decision.decision === 'partly' && { rules: decision.rules }) }), t('review.decided'), decision.decision === 'partly' ? decision.rules : [])}>
                {t('review.decide')}
              </Button>
            </Space>
          )}
          <Timeline
            style={{ marginTop: 12 }}
            items={r.history.map((h) => ({ content: `${when(h.at)} ${h.by ?? t('review.speaker.system')} ${h.kind in historyLabels ? t(historyLabels[h.kind]!) : h.kind}${h.note ? `：${h.note}` : ''}` }))}
          />
        </Card>
      )}
    </div>
  );
}

const historyLabels: Record<string, MessageKey> = {
  drawn: 'review.history.drawn',
  assigned: 'review.history.assigned',
  reviewed: 'review.history.reviewed',
  acknowledged: 'review.history.acknowledged',
  appealed: 'review.history.appealed',
  decided: 'review.history.decided',
};
