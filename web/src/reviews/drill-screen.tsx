import { Alert, Button, Card, Empty, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useI18n } from '../i18n/i18n-context';
import { describeApiError } from '../api/error-message';
import { useLoad } from '../shared/use-load';
import type { DrillFinding, DrillRunView } from '@contract/reviews';
import { reviewsApi } from './reviews-api';

function FindingTags({ findings }: { findings: DrillFinding[] }) {
  const { t, script } = useI18n();
  if (findings.length === 0) return <Typography.Text type="secondary">{t('drill.noFindings')}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {findings.map((f) => (
        <Tag key={f.rule} color={f.ok ? 'green' : f.severity === 'fatal' ? 'red' : 'orange'} title={f.suggestion ? t('drill.suggestion', { suggestion: script(f.suggestion) }) : undefined}>
          {f.ok ? '✓' : '✗'} {script(f.message)}
        </Tag>
      ))}
    </Space>
  );
}

/** QA-TRAIN: the trainee types the agent's replies; the quality engine judges each one as it is sent, and the whole call at the end. */
export function DrillScreen() {
  const { id = '' } = useParams();
  const { t, script } = useI18n();
  const navigate = useNavigate();
  const loaded = useLoad((signal) => Promise.all([reviewsApi.getDrill(id, signal), reviewsApi.scenarios(signal)]), [id]);
  const [run, setRun] = useState<DrillRunView | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const current = run ?? loaded.data?.[0] ?? null;
  const scenario = loaded.data?.[1].items.find((s) => s.id === current?.scenario);
  if (!current) return loaded.status === 'error' ? <Alert type="error" title={describeApiError(loaded.error, t)} /> : <Card loading />;

  const send = async () => {
    if (!text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      setRun(await reviewsApi.reply(current.id, text.trim()));
      setText('');
    } catch (e) {
      setError(describeApiError(e, t));
    } finally {
      setBusy(false);
    }
  };
  const finish = async () => {
    setBusy(true);
    try {
      setRun(await reviewsApi.finish(current.id));
    } catch (e) {
      setError(describeApiError(e, t));
    } finally {
      setBusy(false);
    }
  };
  const judgementAt = new Map(current.judgements.map((j) => [j.utterance, j]));
  const last = current.judgements.at(-1);

  return (
    <div data-testid="drill-screen">
      <Space style={{ marginBottom: 12 }}>
        <Button onClick={() => navigate('/reviews?tab=drills')}>{t('drill.back')}</Button>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('drill.title', { title: scenario ? script(scenario.title) : current.scenario })}
        </Typography.Title>
      </Space>
      {scenario && <Alert type="info" showIcon title={t('drill.brief')} description={script(scenario.brief)} style={{ marginBottom: 12 }} />}
      <Card size="small" title={t('drill.call')} extra={last && <span>{t('drill.currentScore')} {last.fatal ? <Tag color="red">{t('drill.fatalZero')}</Tag> : <Tag>{t('drill.points', { points: last.score })}</Tag>}</span>}>
        {current.lines.length === 0 && <Empty description={t('drill.ringing')} />}
        <div data-testid="drill-lines">
          {current.lines.map((l, i) => ({ ...l, i })).map((l) => (
            <div key={l.i} data-testid={l.speaker === 'agent' ? 'drill-agent-line' : 'drill-customer-line'} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
              <Typography.Text strong>{l.speaker === 'agent' ? t('drill.you') : t('drill.customer')}：</Typography.Text>
              <Typography.Text>{l.speaker === 'agent' ? l.text : script(l.text)}</Typography.Text>
              {l.speaker === 'agent' && (
                <div data-testid="drill-reply-judgement" style={{ marginTop: 4 }}>
                  <FindingTags findings={judgementAt.get(l.i)?.findings ?? []} />
                </div>
              )}
            </div>
          ))}
        </div>
        {current.ended && current.finishedAt === null && <Alert type="warning" title={t('drill.ended')} style={{ marginTop: 8 }} />}
        {!current.ended && current.finishedAt === null && (
          <Space.Compact style={{ width: '100%', marginTop: 12 }}>
            <Input.TextArea
              aria-label={t('drill.replyLabel')}
              data-testid="drill-input"
              value={text}
              autoSize={{ minRows: 1, maxRows: 4 }}
              onChange={(e) => setText(e.target.value)}
              onPressEnter={(e) => {
                if (!e.shiftKey) {
                  e.preventDefault();
                  void send();
                }
              }}
              placeholder={t('drill.placeholder')}
            />
            <Button type="primary" data-testid="drill-send" loading={busy} onClick={() => void send()}>
              {t('drill.send')}
            </Button>
          </Space.Compact>
        )}
        {error && <Alert type="error" title={error} style={{ marginTop: 8 }} />}
        {current.finishedAt === null && (
          <Button data-testid="drill-finish" style={{ marginTop: 12 }} onClick={() => void finish()} disabled={busy || current.lines.length === 0}>
            {t('drill.finish')}
          </Button>
        )}
      </Card>
      {current.result && (
        <Card size="small" title={t('drill.result')} style={{ marginTop: 12 }} data-testid="drill-result">
          <Typography.Paragraph>
            {t('drill.score')} <Typography.Text strong>{current.result.score}</Typography.Text> {t('drill.pointsUnit')}
            {current.result.fatal && <Tag color="red" style={{ marginLeft: 8 }}>{t('drill.fatal')}</Tag>}
          </Typography.Paragraph>
          <Space size={[4, 4]} wrap>
            {current.result.checks
              .filter((c) => c.ok !== null)
              .map((c) => (
                <Tag key={c.rule} color={c.ok ? 'green' : c.severity === 'fatal' ? 'red' : 'orange'}>
                  {c.ok ? '✓' : '✗'} {script(c.message)}
                </Tag>
              ))}
          </Space>
          {scenario && <Alert type="success" style={{ marginTop: 12 }} title={t('drill.model')} description={script(scenario.model)} />}
        </Card>
      )}
    </div>
  );
}
