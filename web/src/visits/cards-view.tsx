import { Alert, Button, Card, Col, Form, Input, InputNumber, Row, Select, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { useLoad } from '../shared/use-load';
import { useNames } from '../shared/use-names';
import { centreDate } from '../shared/instant-format';
import { formatWait, visitErrorText } from './visit-labels';
import { visitsApi, type ScorecardList } from './visits-api';

/**
 * 观察卡: a supervisor scores what software cannot see (greeting, tea, posture, …) for a staff member
 * per shift; each staff member's scorecard; and the day's reception figures.
 */
export function CardsView() {
  const { t, locale, script } = useI18n();
  const names = useNames();
  const cards = useLoad((signal) => visitsApi.scorecards(signal), []);
  const desks = useLoad((signal) => visitsApi.desks(signal), []);
  const figures = useLoad((signal) => visitsApi.figures(signal), []);
  const [staff, setStaff] = useState<string | undefined>();
  const [scores, setScores] = useState<Record<string, number | null>>({});
  const [note, setNote] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const items = cards.data?.cardItems ?? [];
  // The shift day is the centre's date (its zone), not the browser's.
  const today = centreDate(names.zone);

  const save = async () => {
    try {
      const given = Object.fromEntries(Object.entries(scores).filter((e): e is [string, number] => typeof e[1] === 'number'));
      await visitsApi.recordCard({ staff, shiftDay: today, scores: given, note: note || null });
      setResult({ ok: true, text: t('vs.cards.saved') });
      setScores({});
      cards.reload();
    } catch (error) {
      setResult({ ok: false, text: visitErrorText(error, t, locale) });
    }
  };
  const f = figures.data;
  type Row = ScorecardList['items'][number];
  return (
    <Row gutter={16} data-testid="visit-cards">
      <Col xs={24}>
        <Card size="small" style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col span={4}><Statistic title={t('vs.figures.visitors')} value={f?.visitors ?? 0} /></Col>
            <Col span={4}><Statistic title={t('vs.figures.p50')} value={f?.waitP50Seconds != null ? formatWait(f.waitP50Seconds) : '—'} /></Col>
            <Col span={4}><Statistic title={t('vs.figures.p90')} value={f?.waitP90Seconds != null ? formatWait(f.waitP90Seconds) : '—'} /></Col>
            <Col span={4}><Statistic title={t('vs.figures.within')} value={f?.servedWithinLimit != null ? `${Math.round(f.servedWithinLimit * 100)}%` : '—'} /></Col>
            <Col span={4}><Statistic title={t('vs.figures.handOffs')} value={f?.handOffs ?? 0} /></Col>
            <Col span={4}><Statistic title={t('vs.figures.overdue')} value={f?.messagesOverdue ?? 0} /></Col>
          </Row>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" title={t('vs.tab.cards')}>
          <Form layout="vertical">
            <Form.Item label={t('vs.cards.staff')}>
              <Select value={staff} onChange={setStaff} options={(desks.data?.items ?? []).map((d) => ({ value: d.username, label: d.displayName ?? d.username }))} />
            </Form.Item>
            <Typography.Paragraph type="secondary">{t('vs.cards.scoreHint')}</Typography.Paragraph>
            {items.map((i) => (
              <Form.Item key={i.id} label={`${script(i.label)}（${i.id}）`} style={{ marginBottom: 8 }}>
                <InputNumber min={0} max={2} precision={0} value={scores[i.id] ?? null} onChange={(v) => setScores({ ...scores, [i.id]: v })} />
              </Form.Item>
            ))}
            <Form.Item label={t('vs.cards.shiftDay')}><Input value={today} disabled /></Form.Item>
            <Input.TextArea rows={2} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
            <Button type="primary" style={{ marginTop: 8 }} onClick={() => void save()}>{t('vs.cards.submit')}</Button>
          </Form>
          {result && <Alert style={{ marginTop: 12 }} type={result.ok ? 'success' : 'error'} showIcon title={result.text} />}
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Table<Row>
          size="small"
          rowKey="staff"
          dataSource={cards.data?.items ?? []}
          pagination={false}
          columns={[
            { title: t('vs.cards.staff'), dataIndex: 'staff' },
            { title: t('vs.cards.count'), dataIndex: 'cards', width: 80 },
            { title: t('vs.cards.score'), dataIndex: 'score', width: 90, render: (s: number) => `${s}` },
          ]}
        />
      </Col>
    </Row>
  );
}
