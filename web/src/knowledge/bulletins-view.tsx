import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { describeApiError } from '../api/error-message';
import { placeFieldErrors } from './form-errors';
import { useI18n } from '../i18n/i18n-context';
import { useInstantFormat } from '../shared/use-instant-format';
import { useNames } from '../shared/use-names';
import { centreDate } from '../shared/instant-format';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../shared/use-load';
import { agentApi, bulletinsApi, type BulletinView, type ShiftStartsView } from './knowledge-api';
import { DateInput, TimeInput } from '../shared/date-inputs';

interface BulletinForm {
  title: string;
  body: string;
  kind: BulletinView['kind'];
  effectiveDate: string;
  untilDate?: string;
  audience?: string;
}

/** PH-NOTIFY: the bulletins, publishing (supervisors) and who has read them. */
export function BulletinsView({ canPublish }: { canPublish: boolean }) {
  const { t } = useI18n();
  const when = useInstantFormat();
  const list = useLoad((signal) => bulletinsApi.list(signal), []);
  const [editing, setEditing] = useState<BulletinView | 'new' | null>(null);
  const [report, setReport] = useState<BulletinView | null>(null);
  const [shifts, setShifts] = useState(false);

  return (
    <div data-testid="bulletins">
      {canPublish && (
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" onClick={() => setEditing('new')} data-testid="bulletin-new">
            {t('bulletin.publish')}
          </Button>
          <Button onClick={() => setShifts(true)} data-testid="shift-starts">
            {t('shift.title')}
          </Button>
        </Space>
      )}
      {list.status === 'error' && <Alert type="error" showIcon title={describeApiError(list.error, t)} />}
      <Table<BulletinView>
        rowKey="id"
        size="small"
        loading={list.status === 'loading'}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('bulletin.empty') }}
        expandable={{ expandedRowRender: (b) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{b.body}</Typography.Paragraph> }}
        columns={[
          { title: t('bulletin.field.title'), dataIndex: 'title' },
          { title: t('bulletin.field.kind'), dataIndex: 'kind', width: 100, render: (k: BulletinView['kind']) => <Tag>{t(`bulletin.kind.${k}` as MessageKey)}</Tag> },
          {
            title: t('bulletin.field.effective'),
            width: 210,
            render: (_: unknown, b) => (
              <Space size={4} wrap>
                {b.effectiveDate}
                {b.untilDate && `～${b.untilDate}`}
                {b.inForce && <Tag color="green">{t('bulletin.inForce')}</Tag>}
                {b.backdated && <Tag color="orange">{t('bulletin.backdated')}</Tag>}
              </Space>
            ),
          },
          { title: t('bulletin.field.audience'), dataIndex: 'audience', width: 140, render: (a: string[]) => (a.length ? a.join('、') : t('bulletin.everyone')) },
          { title: t('kb.field.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
          { title: t('kb.field.updatedAt'), dataIndex: 'updatedAt', width: 130, render: (v: number) => when(v) },
          ...(canPublish
            ? [
                {
                  title: '',
                  width: 160,
                  render: (_: unknown, b: BulletinView) => (
                    <Space>
                      <a onClick={() => setReport(b)} data-testid="bulletin-report">{t('bulletin.report')}</a>
                      <a onClick={() => setEditing(b)}>{t('kb.edit')}</a>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && (
        <BulletinEditor
          bulletin={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            list.reload();
          }}
        />
      )}
      {report && <ReadReportDrawer bulletin={report} onClose={() => setReport(null)} />}
      {shifts && <ShiftStartsEditor onClose={() => setShifts(false)} />}
    </div>
  );
}

/** The bulletin form's items, named as the server names their field errors (`audience.3` is a team within the one text box). */
const bulletinFieldNames = ['title', 'body', 'kind', 'effectiveDate', 'untilDate', 'audience'] as const;

function BulletinEditor({ bulletin, onClose, onSaved }: { bulletin: BulletinView | null; onClose: () => void; onSaved: () => void }) {
  const names = useNames();
  const { t } = useI18n();
  const [form] = Form.useForm<BulletinForm>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(v: BulletinForm) {
    setSaving(true);
    setError(null);
    const body = {
      title: v.title,
      body: v.body,
      kind: v.kind,
      effectiveDate: v.effectiveDate,
      untilDate: v.untilDate || null,
      audience: (v.audience ?? '').split(/[,，、\s]+/).filter(Boolean),
    };
    try {
      if (bulletin) await bulletinsApi.edit(bulletin.id, { ...body, version: bulletin.version });
      else await bulletinsApi.publish(body);
      onSaved();
    } catch (e) {
      const placed = placeFieldErrors(e, bulletinFieldNames, t, (path) => (path.startsWith('audience.') ? t('bulletin.field.audience') : ''));
      form.setFields(placed.fields as never);
      setError(placed.notice);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal open title={bulletin ? t('kb.edit') : t('bulletin.publish')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} width={600} okText={t('bulletin.publishOk')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      {bulletin && <Alert type="info" showIcon title={t('bulletin.editHint')} style={{ marginBottom: 8 }} />}
      <Form<BulletinForm>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={
          bulletin
            ? { title: bulletin.title, body: bulletin.body, kind: bulletin.kind, effectiveDate: bulletin.effectiveDate, untilDate: bulletin.untilDate ?? '', audience: bulletin.audience.join('、') }
            : { kind: 'policy', effectiveDate: centreDate(names.zone) }
        }
      >
        <Form.Item name="title" label={t('bulletin.field.title')} rules={[{ required: true, message: t('bulletin.required.title') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="body" label={t('bulletin.field.body')} rules={[{ required: true, message: t('bulletin.required.body') }]}>
          <Input.TextArea autoSize={{ minRows: 4 }} maxLength={20000} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="kind" label={t('bulletin.field.kind')}>
            <Select style={{ width: 140 }} options={(['product', 'policy', 'notice'] as const).map((k) => ({ value: k, label: t(`bulletin.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="effectiveDate" label={t('bulletin.field.effective')} rules={[{ required: true, message: t('bulletin.required.effective') }]}>
            <DateInput style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="untilDate" label={t('bulletin.field.until')}>
            <DateInput style={{ width: 160 }} />
          </Form.Item>
        </Space>
        <Form.Item name="audience" label={t('bulletin.field.audience')} extra={t('bulletin.audienceHint')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReadReportDrawer({ bulletin, onClose }: { bulletin: BulletinView; onClose: () => void }) {
  const { t } = useI18n();
  const when = useInstantFormat();
  const report = useLoad((signal) => bulletinsApi.report(bulletin.id, signal), [bulletin.id]);
  const r = report.data;
  return (
    <Drawer open size={720} title={t('bulletin.reportTitle', { title: bulletin.title, version: bulletin.version })} onClose={onClose}>
      {report.status === 'error' && <Alert type="error" showIcon title={describeApiError(report.error, t)} />}
      {r && (
        <div data-testid="bulletin-read-report">
          <Typography.Paragraph>{t('bulletin.reportSummary', { acknowledged: r.acknowledged, addressed: r.addressed })}</Typography.Paragraph>
          <Table
            rowKey="userId"
            size="small"
            pagination={false}
            dataSource={r.rows}
            columns={[
              { title: t('bulletin.report.agent'), render: (_: unknown, row) => `${row.displayName || row.username}（${row.username}）` },
              { title: t('bulletin.field.audience'), dataIndex: 'team', render: (v: string | null) => v ?? '—' },
              {
                title: t('bulletin.report.ackedAt'),
                dataIndex: 'ackedAt',
                render: (v: number | null, row) =>
                  v !== null ? (
                    <Space size={4} wrap>
                      {when(v)}
                      {row.ackedAfterFirstCall && <Tag color="orange">{t('bulletin.report.ackedAfterCall')}</Tag>}
                    </Space>
                  ) : (
                    <Tag color="red">{row.ackedVersion ? t('bulletin.report.readOlder', { version: row.ackedVersion }) : t('bulletin.report.unread')}</Tag>),
              },
              { title: t('bulletin.report.shiftStart'), dataIndex: 'shiftStart', render: (v: number | null) => (v === null ? <Typography.Text type="secondary">{t('bulletin.report.noShift')}</Typography.Text> : when(v)) },
              {
                title: t('bulletin.report.signedInAt'),
                dataIndex: 'signedInAt',
                render: (v: number | null, row) => (
                  <Space size={4} wrap>
                    {when(v)}
                    {row.signedInLate && <Tag color="red">{t('bulletin.report.signedInLate', { minutes: r.earlyMinutes })}</Tag>}
                  </Space>
                ),
              },
              {
                title: t('bulletin.report.callsBefore'),
                dataIndex: 'callsBeforeAck',
                render: (v: number, row) =>
                  v > 0 ? (
                    <Space size={4} wrap>
                      <Tag color="orange">{v}</Tag>
                      {row.firstCallAt !== null && <Typography.Text type="secondary">{t('bulletin.report.firstCall', { time: when(row.firstCallAt) })}</Typography.Text>}
                    </Space>
                  ) : (
                    0
                  ),
              },
            ]}
          />
        </div>
      )}
    </Drawer>
  );
}

interface ShiftForm {
  default?: string;
  earlyMinutes: number;
  teams?: Array<{ name?: string; time?: string }>;
  agents?: Array<{ name?: string; time?: string }>;
}

const toRows = (m: Record<string, string>) => Object.entries(m).map(([name, time]) => ({ name, time }));
const toMap = (rows: ShiftForm['teams']) => Object.fromEntries((rows ?? []).filter((r) => r.name?.trim() && r.time).map((r) => [r.name!.trim(), r.time!]));

/** PH-NOTIFY's roster, as little as the check needs: when shifts start (default, per team, per agent) and how early to sign in. */
function ShiftStartsEditor({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const current = useLoad((signal) => agentApi.shiftStarts(signal), []);
  const [form] = Form.useForm<ShiftForm>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(v: ShiftForm) {
    setSaving(true);
    setError(null);
    try {
      await agentApi.saveShiftStarts({ default: v.default || null, earlyMinutes: v.earlyMinutes, teams: toMap(v.teams), agents: toMap(v.agents) });
      onClose();
    } catch (e) {
      // A team's or an agent's time is named by the team or the agent (`teams.一组`), not by its row.
      const placed = placeFieldErrors(e, ['default', 'earlyMinutes'], t, (path) => path.split('.').slice(1).join('.') || path);
      form.setFields(placed.fields as never);
      setError(placed.notice);
    } finally {
      setSaving(false);
    }
  }

  const list = (name: 'teams' | 'agents', label: string) => (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          <Typography.Text strong>{t(name === 'teams' ? 'shift.teams' : 'shift.agents')}</Typography.Text>
          {fields.map((f) => (
            <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
              <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: label }]}>
                <Input placeholder={label} aria-label={label} maxLength={100} style={{ width: 180 }} />
              </Form.Item>
              <Form.Item name={[f.name, 'time']} rules={[{ required: true, message: t('shift.time') }]}>
                <TimeInput aria-label={t('shift.time')} style={{ width: 130 }} />
              </Form.Item>
              <MinusCircleOutlined onClick={() => remove(f.name)} />
            </Space>
          ))}
          <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 12 }}>
            {t('shift.add')}
          </Button>
        </>
      )}
    </Form.List>
  );

  const s: ShiftStartsView | undefined = current.data;
  return (
    <Modal open title={t('shift.title')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} okText={t('kb.save')} width={520}>
      <Typography.Paragraph type="secondary">{t('shift.hint')}</Typography.Paragraph>
      {current.status === 'error' && <Alert type="error" showIcon title={describeApiError(current.error, t)} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="shift-save-error" />}
      {s && (
        <Form<ShiftForm> form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ default: s.default ?? '', earlyMinutes: s.earlyMinutes, teams: toRows(s.teams), agents: toRows(s.agents) }}>
          <Space wrap>
            <Form.Item name="default" label={t('shift.default')}>
              <TimeInput style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="earlyMinutes" label={t('shift.earlyMinutes')}>
              <InputNumber min={0} max={120} style={{ width: 140 }} />
            </Form.Item>
          </Space>
          {list('teams', t('shift.team'))}
          {list('agents', t('shift.agent'))}
        </Form>
      )}
    </Modal>
  );
}
