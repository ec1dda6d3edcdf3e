import { Alert, Button, Card, Form, Input, InputNumber, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { describeActionError } from '../api/action-error';
import { describeApiError } from '../api/error-message';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../shared/use-load';
import { callbacksApi, callbackTypes, type Campaign, type CampaignInput, type CallbackType } from './callbacks-api';

/** The rules a campaign is made with here; campaigns made through the API may use any selection kind. */
const ruleKinds = ['low-satisfaction', 'random', 'cold', 'after-solved'] as const;
/** Every selection kind's words: a Record over the contract's campaign type, so a kind the server adds fails to compile here. */
const selectionWords: Record<Campaign['selection']['kind'], MessageKey> = {
  'low-satisfaction': 'cb.rule.low-satisfaction',
  random: 'cb.rule.random',
  cold: 'cb.rule.cold',
  'after-solved': 'cb.rule.after-solved',
  'further-service': 'cb.rule.further-service',
};
type RuleKind = (typeof ruleKinds)[number];

interface CampaignValues {
  name: string;
  type: CallbackType;
  kind: RuleKind;
  from?: string;
  to?: string;
  size?: number;
  days?: number;
  periodFrom: string;
  periodTo: string;
  ownerTeam: string;
}

/** Offsets are part of the instant: a date typed as YYYY-MM-DD means the centre's midnight (UTC+8). */
const instantOf = (date: string | undefined) => (date ? `${date}T00:00:00+08:00` : undefined);

function inputOf(v: CampaignValues): CampaignInput {
  const selection: Record<string, unknown> = { kind: v.kind };
  if (v.kind === 'low-satisfaction' || v.kind === 'after-solved') Object.assign(selection, { from: instantOf(v.from), to: instantOf(v.to) });
  if (v.kind === 'random') Object.assign(selection, { by: 'code', size: v.size ?? 10, seed: 1 });
  if (v.kind === 'cold' && v.days) selection.days = v.days;
  return { name: v.name, type: v.type, selection, period: { from: v.periodFrom, to: v.periodTo }, ownerTeam: v.ownerTeam };
}

/** Campaigns: create with a rule (preview first: count, sample, skipped by reason), plan (dry run first), progress. */
export function CampaignsView() {
  const { t } = useI18n();
  const list = useLoad((signal) => callbacksApi.campaigns(signal), []);
  const [form] = Form.useForm<CampaignValues>();
  const kind = Form.useWatch('kind', form) ?? 'low-satisfaction';
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const skippedText = (s: Record<string, number>) => Object.entries(s).map(([k, n]) => `${k} ${n}`).join('，');
  async function run(fn: () => Promise<string>) {
    setError(null);
    setNote(null);
    try {
      setNote(await fn());
    } catch (e) {
      setError(e);
    }
  }
  const preview = () =>
    run(async () => {
      const p = await callbacksApi.preview(inputOf(await form.validateFields()));
      return p.empty ? p.empty.reason : t('cb.campaign.previewResult', { count: p.count, matched: p.matched, skipped: skippedText(p.skipped) });
    });
  const create = () =>
    run(async () => {
      const r = await callbacksApi.create(inputOf(await form.validateFields()));
      list.reload();
      return `${r.campaign.name}：${t('cb.campaign.previewResult', { count: r.selection.count, matched: r.selection.matched, skipped: skippedText(r.selection.skipped) })}`;
    });
  const plan = (c: Campaign, dryRun: boolean) =>
    run(async () => {
      const r = await callbacksApi.plan(c.id, dryRun);
      if (!dryRun) list.reload();
      return `${c.name}${dryRun ? `（${t('cb.campaign.dryRun')}）` : ''}：${t('cb.campaign.planResult', { planned: r.summary.planned, already: r.summary.alreadyPlanned })}`;
    });

  const columns: TableColumnsType<Campaign> = [
    { title: t('cb.campaign.name'), dataIndex: 'name' },
    { title: t('cb.campaign.type'), dataIndex: 'type', width: 100, render: (type: CallbackType) => t(`cb.type.${type}` as MessageKey) },
    { title: t('cb.campaign.rule'), dataIndex: ['selection', 'kind'], width: 150, render: (k: Campaign['selection']['kind']) => t(selectionWords[k]) },
    { title: t('cb.campaign.period'), key: 'period', width: 200, render: (_: unknown, c) => <span className="kefu-mono">{c.period.from} — {c.period.to}</span> },
    { title: t('cb.campaign.team'), dataIndex: 'ownerTeam', width: 100 },
    { title: t('cb.campaign.progress'), key: 'progress', width: 160, render: (_: unknown, c) => (c.lastPlan ? t('cb.campaign.planResult', { planned: c.lastPlan.planned, already: c.lastPlan.alreadyPlanned }) : '—') },
    {
      title: '',
      key: 'actions',
      width: 170,
      render: (_: unknown, c) => (
        <Space>
          <Button size="small" onClick={() => void plan(c, true)}>{t('cb.campaign.dryRun')}</Button>
          <Button size="small" type="primary" onClick={() => void plan(c, false)} data-testid="plan-button">{t('cb.campaign.plan')}</Button>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="callback-campaigns">
      <Card size="small" title={t('cb.campaign.new')} style={{ marginBottom: 12 }}>
        <Form form={form} layout="inline" initialValues={{ type: 'mediation', kind: 'low-satisfaction', ownerTeam: 'callback', size: 10 }} style={{ rowGap: 8 }}>
          <Form.Item name="name" label={t('cb.campaign.name')} rules={[{ required: true, message: t('cb.required') }]}>
            <Input style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="type" label={t('cb.campaign.type')}>
            <Select style={{ width: 120 }} options={callbackTypes.map((x) => ({ value: x, label: t(`cb.type.${x}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="kind" label={t('cb.campaign.rule')}>
            <Select style={{ width: 180 }} options={ruleKinds.map((x) => ({ value: x, label: t(`cb.rule.${x}` as MessageKey) }))} />
          </Form.Item>
          {(kind === 'low-satisfaction' || kind === 'after-solved') && (
            <>
              <Form.Item name="from" label={t('cb.rule.from')} rules={[{ required: true, message: t('cb.required') }]}>
                <Input placeholder="YYYY-MM-DD" style={{ width: 120 }} />
              </Form.Item>
              <Form.Item name="to" label={t('cb.rule.to')} rules={[{ required: true, message: t('cb.required') }]}>
                <Input placeholder="YYYY-MM-DD" style={{ width: 120 }} />
              </Form.Item>
            </>
          )}
          {kind === 'random' && (
            <Form.Item name="size" label={t('cb.rule.size')}>
              <InputNumber min={1} max={100000} />
            </Form.Item>
          )}
          {kind === 'cold' && (
            <Form.Item name="days" label={t('cb.rule.days')}>
              <InputNumber min={1} max={3650} />
            </Form.Item>
          )}
          <Form.Item name="periodFrom" label={t('cb.campaign.period')} rules={[{ required: true, message: t('cb.required') }]}>
            <Input placeholder="YYYY-MM-DD" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="periodTo" rules={[{ required: true, message: t('cb.required') }]}>
            <Input placeholder="YYYY-MM-DD" style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="ownerTeam" label={t('cb.campaign.team')} rules={[{ required: true, message: t('cb.required') }]}>
            <Input style={{ width: 120 }} />
          </Form.Item>
          <Space>
            <Button onClick={() => void preview()}>{t('cb.campaign.preview')}</Button>
            <Button type="primary" onClick={() => void create()}>{t('cb.campaign.create')}</Button>
          </Space>
        </Form>
        {note && <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }} data-testid="campaign-note">{note}</Typography.Paragraph>}
        {error !== null && <Alert type="error" showIcon title={describeActionError(error, t)} style={{ marginTop: 8 }} />}
      </Card>
      {list.status === 'error' && <Alert type="error" showIcon title={describeApiError(list.error, t)} />}
      <Table size="small" rowKey="id" columns={columns} dataSource={list.data?.items ?? []} loading={list.status === 'loading'} pagination={false} locale={{ emptyText: t('cb.campaign.empty') }} />
    </div>
  );
}
