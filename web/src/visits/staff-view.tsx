import { Alert, Button, Card, Checkbox, Col, Empty, Form, Input, List, Modal, Radio, Row, Select, Space, Switch, Table, Tabs, Tag, Timeline, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useNow } from '../desk/use-event-stream';
import { useCurrentUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { formatDateTime } from '../shared/instant-format';
import { useLoad } from '../shared/use-load';
import { DeskTag, VisitStatusTag, formatWait, visitErrorText } from './visit-labels';
import { queueNumber, visitsApi, type Desk, type Visit } from './visits-api';
import { useVisitStream, type VisitStreamEvent } from './use-visit-stream';
import { useNames } from '../shared/use-names';

type Notice = { ok: boolean; text: string } | null;
/** Runs an action, then says what was done (from its answer when given a function) or what went wrong. */
type Run = <T>(work: () => Promise<T>, ok: string | ((result: T) => string)) => Promise<void>;

/**
 * 我的接待: my desk state; the 3-minute alerts meant for me (with the VS-BUSY2 steps when I am on the
 * phone); the queue with 叫号; the visit in hand with hand-off (and the held call), message,
 * escalation, complaint and seeing off; calls I put on hold, to resume or mark lost.
 */
export function StaffView() {
  const { t, locale } = useI18n();
  const me = useCurrentUser().username;
  const visits = useLoad((signal) => visitsApi.list({ status: 'waiting,serving' }, signal), []);
  const desks = useLoad((signal) => visitsApi.desks(signal), []);
  const [alerts, setAlerts] = useState<VisitStreamEvent['data'][]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [apology, setApology] = useState(false);
  useVisitStream((e) => {
    if ((e.type === 'visit.alert' || e.type === 'visit.alert.supervisor') && (e.data.staff === me || e.data.staff === null || e.data.staff === undefined)) setAlerts((a) => [e.data, ...a].slice(0, 5));
    visits.reload();
    desks.reload();
  });

  const all = visits.data?.items ?? [];
  const myDesk: Desk | undefined = desks.data?.items.find((d) => d.username === me);
  const current = all.find((v) => v.status === 'serving' && v.servedBy === me);
  const selected = all.find((v) => v.id === selectedId) ?? current;
  const held = all.filter((v) => v.heldCall?.by === me && v.heldCall.outcome === 'on_hold');
  const waiting = all.filter((v) => v.status === 'waiting').sort((a, b) => Number(b.forStaff === me) - Number(a.forStaff === me));
  const colleagues = (desks.data?.items ?? []).filter((d) => d.onShift && d.username !== me && d.state !== 'out');

  const run: Run = async (work, ok) => {
    setNotice(null);
    try {
      const result = await work();
      setNotice({ ok: true, text: typeof ok === 'function' ? ok(result) : ok });
      visits.reload();
      desks.reload();
    } catch (error) {
      setNotice({ ok: false, text: visitErrorText(error, t, locale) });
    }
  };

  const callNumber = (v: Visit) =>
    run(async () => {
      const r = await visitsApi.call(v.id);
      setApology(r.apologise);
      setSelectedId(v.id);
    }, t('vs.action.called') + ' ' + queueNumber(v.number));

  const columns: TableColumnsType<Visit> = [
    { title: t('vs.col.number'), dataIndex: 'number', width: 80, render: (n: number) => <span className="kefu-mono">{queueNumber(n)}</span> },
    { title: t('vs.col.visitor'), key: 'v', width: 110, render: (_: unknown, v) => <Space size={4}>{v.visitor.surname}{v.urgent && <Tag color="red">{t('vs.urgentTag')}</Tag>}</Space> },
    { title: t('vs.col.purpose'), dataIndex: 'purpose', ellipsis: true },
    { title: t('vs.col.forStaff'), dataIndex: 'forStaff', width: 90, render: (s: string | null) => s ?? '—' },
    { title: t('vs.col.waited'), key: 'w', width: 120, render: (_: unknown, v) => <Space size={4}><span className="kefu-mono">{formatWait(v.waitedSeconds)}</span>{v.overdue && <Tag color="red">{t('vs.overdue')}</Tag>}</Space> },
    {
      title: '',
      key: 'act',
      width: 150,
      render: (_: unknown, v) => (
        <Space>
          <Button size="small" type="primary" onClick={() => void callNumber(v)} data-testid={`call-${v.number}`}>{t('vs.call')}</Button>
          <Button size="small" onClick={() => setSelectedId(v.id)}>{t('vs.handoff')}</Button>
        </Space>
      ),
    },
  ];

  return (
    <div data-testid="staff-view">
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text strong>{t('vs.my.state')}</Typography.Text>
        {myDesk && <DeskTag desk={myDesk} t={t} />}
        <Radio.Group
          value={myDesk?.state === 'serving' ? undefined : myDesk?.state}
          onChange={(e) => void run(() => visitsApi.setMyDesk({ state: e.target.value as 'free' | 'on_phone' | 'out' }), t(`vs.desk.${e.target.value as string}` as MessageKey))}
          optionType="button"
          options={(['free', 'on_phone', 'out'] as const).map((s) => ({ value: s, label: t(`vs.desk.${s}`) }))}
          data-testid="desk-state"
        />
        <Switch checked={myDesk?.onShift ?? false} onChange={(on) => void run(() => visitsApi.setMyDesk({ onShift: on }), on ? t('vs.my.onShift') : t('vs.desk.offShift'))} />
        <span>{t('vs.my.onShift')}</span>
        <span>{t('vs.my.counter')}</span>
        <Input
          key={myDesk?.counter ?? ''}
          defaultValue={myDesk?.counter ?? ''}
          placeholder={t('vs.my.counterPlaceholder')}
          maxLength={20}
          style={{ width: 140 }}
          data-testid="desk-counter"
          onBlur={(e) => {
            const value = e.target.value.trim();
            if (value !== (myDesk?.counter ?? '')) void run(() => visitsApi.setMyDesk({ counter: value || null }), t('vs.my.counterSaved'));
          }}
        />
      </Space>
      {alerts.map((a, i) => (
        <Alert
          key={i}
          type="warning"
          showIcon
          closable
          style={{ marginBottom: 8 }}
          data-testid="visit-alert"
          title={a.urgent ? t('vs.alert.urgent', { number: queueNumber(Number(a.number)) }) : t('vs.alert.title', { number: queueNumber(Number(a.number)), minutes: Math.floor(Number(a.waitedSeconds) / 60) })}
          description={a.staffState === 'on_phone' ? `${t('vs.alert.onPhone')} ${t('vs.script.busy2')}` : t('vs.alert.busy')}
        />
      ))}
      {notice && <Alert type={notice.ok ? 'success' : 'error'} showIcon title={notice.text} style={{ marginBottom: 12 }} data-testid="staff-notice" />}
      <Row gutter={16}>
        <Col xs={24} lg={13}>
          <Card size="small" title={t('vs.queue.title')}>
            <Table size="small" rowKey="id" columns={columns} dataSource={waiting} pagination={false} locale={{ emptyText: t('vs.queue.empty') }} data-testid="staff-queue" />
          </Card>
          {held.length > 0 && (
            <Card size="small" title={t('vs.held.title')} style={{ marginTop: 16 }} data-testid="held-calls">
              {held.map((v) => (
                <Space key={v.id} wrap style={{ marginBottom: 8 }}>
                  <span className="kefu-mono">{v.heldCall?.number ?? '—'}</span>
                  {v.heldCall && <HeldTimer heldAt={v.heldCall.heldAt} />}
                  <Typography.Text type="secondary">{t('vs.script.resume')}</Typography.Text>
                  <Button size="small" type="primary" onClick={() => void run(() => visitsApi.heldCall(v.id, 'resumed'), t('vs.held.resumed'))}>{t('vs.held.resumed')}</Button>
                  <Button size="small" danger onClick={() => void run(() => visitsApi.heldCall(v.id, 'lost'), (r) => (r.heldCall?.callbackTaskId ? t('vs.held.callback', { id: r.heldCall.callbackTaskId }) : t('vs.held.lost')))}>{t('vs.held.lost')}</Button>
                </Space>
              ))}
            </Card>
          )}
        </Col>
        <Col xs={24} lg={11}>
          <Card size="small" title={selected ? t('vs.current.title', { number: queueNumber(selected.number), surname: selected.visitor.surname }) : t('vs.tab.staff')} data-testid="visit-card">
            {!selected && <Empty description={t('vs.current.none')} />}
            {selected && (
              <VisitActions
                key={selected.id}
                visit={selected}
                apology={apology && selected.id === current?.id}
                colleagues={colleagues}
                onPhone={myDesk?.state === 'on_phone'}
                run={run}
              />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function VisitActions({ visit, apology, colleagues, onPhone, run }: { visit: Visit; apology: boolean; colleagues: Desk[]; onPhone: boolean; run: Run }) {
  const { t, locale } = useI18n();
  const { zone } = useNames();
  const [to, setTo] = useState<string | undefined>();
  const [intro, setIntro] = useState('');
  const [hold, setHold] = useState(onPhone);
  const [number, setNumber] = useState('');
  const [consent, setConsent] = useState(true);
  const [message, setMessage] = useState({ contact: '', content: '', urgent: false, for: visit.forStaff ?? '' });
  const [reason, setReason] = useState('');
  const [complaint, setComplaint] = useState('');
  const name = (u: string) => colleagues.find((c) => c.username === u)?.displayName ?? u;

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <VisitStatusTag status={visit.status} t={t} />
        <Typography.Text>{visit.purpose}</Typography.Text>
        {visit.visitor.phone && <span className="kefu-mono">{visit.visitor.phone}</span>}
      </Space>
      {apology && <Alert type="info" showIcon title={t('vs.script.switch')} data-testid="apology-script" />}
      <Tabs
        size="small"
        items={[
          {
            key: 'handoff',
            label: t('vs.handoff'),
            children: (
              <Form layout="vertical">
                <Form.Item label={t('vs.handoff.to')}>
                  <Select value={to} onChange={(u: string) => { setTo(u); setIntro(t('vs.handoff.introDefault', { name: name(u) })); }} options={colleagues.map((c) => ({ value: c.username, label: c.displayName ?? c.username }))} data-testid="handoff-to" />
                </Form.Item>
                <Form.Item label={t('vs.handoff.intro')}>
                  <Input value={intro} onChange={(e) => setIntro(e.target.value)} maxLength={500} />
                </Form.Item>
                <Checkbox checked={hold} onChange={(e) => setHold(e.target.checked)}>{t('vs.handoff.holdCall')}</Checkbox>
                {hold && (
                  <Space style={{ marginTop: 8 }} wrap>
                    <Input placeholder={t('vs.handoff.callerNumber')} value={number} onChange={(e) => setNumber(e.target.value)} maxLength={30} style={{ width: 180 }} />
                    <Checkbox checked={consent} onChange={(e) => setConsent(e.target.checked)}>{t('vs.handoff.consent')}</Checkbox>
                  </Space>
                )}
                {hold && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('vs.script.busy2')}</Typography.Paragraph>}
                <Button type="primary" style={{ marginTop: 8 }} disabled={!to} onClick={() => void run(() => visitsApi.handOff(visit.id, { to, introduction: intro, ...(hold && { heldCall: { number: number || null, consent } }) }), t('vs.handoff.done', { name: to ? name(to) : '' }))}>
                  {t('vs.handoff')}
                </Button>
              </Form>
            ),
          },
          {
            key: 'message',
            label: t('vs.message'),
            children: (
              <Form layout="vertical">
                <Form.Item label={t('vs.message.for')}><Input value={message.for} onChange={(e) => setMessage({ ...message, for: e.target.value })} maxLength={100} /></Form.Item>
                <Form.Item label={t('vs.message.contact')}><Input value={message.contact} onChange={(e) => setMessage({ ...message, contact: e.target.value })} maxLength={100} /></Form.Item>
                <Form.Item label={t('vs.message.content')}><Input.TextArea rows={2} value={message.content} onChange={(e) => setMessage({ ...message, content: e.target.value })} maxLength={2000} /></Form.Item>
                <Checkbox checked={message.urgent} onChange={(e) => setMessage({ ...message, urgent: e.target.checked })}>{t('vs.message.urgent')}</Checkbox>
                <div>
                  <Button type="primary" style={{ marginTop: 8 }} onClick={() => void run(() => visitsApi.message(visit.id, { for: message.for || null, contact: message.contact, content: message.content, urgent: message.urgent }), (r) => t('vs.message.done', { time: formatDateTime(r.message.deadline, locale, zone) }))}>{t('vs.message')}</Button>
                </div>
              </Form>
            ),
          },
          {
            key: 'escalate',
            label: t('vs.escalate'),
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Input.TextArea rows={2} placeholder={t('vs.escalate.reason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} />
                <Button onClick={() => void run(() => visitsApi.escalate(visit.id, { reason }), t('vs.escalate'))}>{t('vs.escalate')}</Button>
              </Space>
            ),
          },
          {
            key: 'id-copy',
            label: t('vs.idCopy.tab'),
            children: <IdCopies visitId={visit.id} />,
          },
          {
            key: 'complaint',
            label: t('vs.complaint'),
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Input.TextArea rows={3} placeholder={t('vs.complaint.description')} value={complaint} onChange={(e) => setComplaint(e.target.value)} maxLength={5000} />
                <Button onClick={() => void run(() => visitsApi.complaint(visit.id, { description: complaint }), (r) => t('vs.complaint.done', { id: r.ticketId }))}>{t('vs.complaint')}</Button>
              </Space>
            ),
          },
        ]}
      />
      {visit.status === 'serving' && (
        <Space>
          <Button onClick={() => void run(() => visitsApi.finish(visit.id), t('vs.script.bye'))} data-testid="finish-visit">{t('vs.finish')}</Button>
          <Typography.Text type="secondary">{t('vs.script.bye')}</Typography.Text>
        </Space>
      )}
      <Typography.Text strong>{t('vs.history')}</Typography.Text>
      <Timeline
        items={visit.history.map((h) => ({
          content: (
            <span>
              <span className="kefu-mono">{formatDateTime(h.at, locale, zone)}</span> {t(`vs.action.${h.action}` as MessageKey)}
              {h.by ? ` · ${h.by}` : ''}
              {h.to ? ` → ${h.to}` : ''}
              {h.note ? `：${h.note}` : ''}
            </span>
          ),
        }))}
      />
    </Space>
  );
}

/** The caller's time on hold while the visitor is handed over (VS-BUSY2), ticking each second. */
function HeldTimer({ heldAt }: { heldAt: number }) {
  const { t } = useI18n();
  const seconds = Math.max(0, Math.floor((useNow(1000) - heldAt) / 1000));
  return (
    <Tag color="orange" className="kefu-mono" data-testid="held-timer">
      {t('vs.held.timer', { time: formatWait(seconds) })}
    </Tag>
  );
}

/** Reads a chosen file as base64 (without the data: prefix). */
function fileAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/**
 * VS-PRIVACY: keep a copy of the visitor's ID only when the matter needs it (with its purpose); the
 * server seals it and deletes it after the retention period. Opening one (roles the server allows:
 * `mayView`) shows the watermarked image the server draws, and the server logs the view.
 */
function IdCopies({ visitId }: { visitId: string }) {
  const { t, locale } = useI18n();
  const { zone } = useNames();
  const copies = useLoad((signal) => visitsApi.idCopies(visitId, signal), [visitId]);
  const [purpose, setPurpose] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [notice, setNotice] = useState<Notice>(null);
  const [open, setOpen] = useState<{ id: string; purpose: string } | null>(null);
  const store = async () => {
    setNotice(null);
    try {
      await visitsApi.storeIdCopy(visitId, { purpose, content: file ? await fileAsBase64(file) : '' });
      setNotice({ ok: true, text: t('vs.idCopy.saved') });
      setPurpose('');
      setFile(null);
      copies.reload();
    } catch (error) {
      setNotice({ ok: false, text: visitErrorText(error, t, locale) });
    }
  };
  const list = copies.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="id-copies">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('vs.idCopy.note', { days: list?.retentionDays ?? 30 })}</Typography.Paragraph>
      <Input addonBefore={t('vs.idCopy.purpose')} placeholder={t('vs.idCopy.purposePlaceholder')} value={purpose} onChange={(e) => setPurpose(e.target.value)} maxLength={100} />
      <label>
        <span style={{ marginRight: 8 }}>{t('vs.idCopy.file')}</span>
        <input type="file" accept="image/jpeg,image/png" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="id-copy-file" />
      </label>
      <Button type="primary" onClick={() => void store()} data-testid="id-copy-upload">{t('vs.idCopy.upload')}</Button>
      {notice && <Alert type={notice.ok ? 'success' : 'error'} showIcon title={notice.text} />}
      <List
        size="small"
        dataSource={list?.items ?? []}
        locale={{ emptyText: t('vs.idCopy.none') }}
        renderItem={(c) => (
          <List.Item
            actions={[
              list?.mayView ? (
                <Button key="view" size="small" onClick={() => setOpen({ id: c.id, purpose: c.purpose })} data-testid="id-copy-view">{t('vs.idCopy.view')}</Button>
              ) : (
                <Typography.Text key="view" type="secondary">{t('vs.idCopy.noView')}</Typography.Text>
              ),
            ]}
          >
            <Space orientation="vertical" size={0}>
              <Typography.Text>{c.purpose}</Typography.Text>
              <Typography.Text type="secondary">{t('vs.idCopy.storedBy', { who: c.storedBy, time: formatDateTime(c.storedAt, locale, zone) })}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
      <Modal open={open !== null} onCancel={() => setOpen(null)} footer={null} width={760} title={open ? t('vs.idCopy.viewerTitle', { purpose: open.purpose }) : ''} destroyOnHidden>
        {open && <img src={visitsApi.idCopyUrl(open.id)} alt={t('vs.idCopy.viewerTitle', { purpose: open.purpose })} style={{ width: '100%' }} data-testid="id-copy-image" />}
      </Modal>
    </Space>
  );
}
