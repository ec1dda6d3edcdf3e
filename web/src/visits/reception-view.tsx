import { Alert, Button, Card, Checkbox, Col, Form, Input, Row, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNow } from '../desk/use-event-stream';
import { useI18n } from '../i18n/i18n-context';
import { useLoad } from '../shared/use-load';
import { DeskTag, VisitStatusTag, formatWait, visitErrorText } from './visit-labels';
import { queueNumber, visitsApi, type Visit } from './visits-api';
import { useVisitStream } from './use-visit-stream';

interface RegisterForm {
  surname?: string;
  phone?: string;
  purpose?: string;
  urgent?: boolean;
  forStaff?: string;
}

/** 前台: register an arrival and give a number; the queue with its waiting clocks; who is free. */
export function ReceptionView() {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<RegisterForm>();
  const queue = useLoad((signal) => visitsApi.list({ status: 'waiting,serving' }, signal), []);
  const desks = useLoad((signal) => visitsApi.desks(signal), []);
  const live = useVisitStream(() => {
    queue.reload();
    desks.reload();
  });
  const now = useNow(1000);
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (values: RegisterForm) => {
    setSaving(true);
    setResult(null);
    try {
      const visit = await visitsApi.register({
        visitor: { surname: values.surname ?? '', phone: values.phone?.trim() ? values.phone : null },
        purpose: values.purpose ?? '',
        urgent: values.urgent === true,
        forStaff: values.forStaff ?? null,
      });
      setResult({ ok: true, text: t('vs.registered', { number: queueNumber(visit.number) }) });
      form.resetFields();
      queue.reload();
    } catch (error) {
      setResult({ ok: false, text: visitErrorText(error, t, locale) });
    } finally {
      setSaving(false);
    }
  };

  const limit = queue.data?.waitLimitSeconds ?? 180;
  // The clock ticks in the browser between reloads: the server's seconds plus the time since it answered.
  const loadedAt = useRef(Date.now());
  useEffect(() => {
    loadedAt.current = Date.now();
  }, [queue.data]);
  const waited = (v: Visit) => (v.status === 'waiting' ? v.waitedSeconds + Math.max(0, Math.floor((now - loadedAt.current) / 1000)) : v.waitedSeconds);

  const columns: TableColumnsType<Visit> = [
    { title: t('vs.col.number'), dataIndex: 'number', width: 80, render: (n: number) => <span className="kefu-mono" style={{ fontSize: 18 }}>{queueNumber(n)}</span> },
    { title: t('vs.col.visitor'), key: 'visitor', width: 120, render: (_: unknown, v) => <Space size={4}>{v.visitor.surname}{v.urgent && <Tag color="red">{t('vs.urgentTag')}</Tag>}</Space> },
    { title: t('vs.col.purpose'), dataIndex: 'purpose', ellipsis: true },
    { title: t('vs.col.forStaff'), dataIndex: 'forStaff', width: 100, render: (s: string | null) => s ?? '—' },
    {
      title: t('vs.col.waited'),
      key: 'waited',
      width: 150,
      render: (_: unknown, v) => {
        const s = waited(v);
        return (
          <Space size={4} data-testid="wait-clock">
            <span className="kefu-mono">{formatWait(s)}</span>
            {v.status === 'waiting' && s >= limit && <Tag color="red">{t('vs.overdue')}</Tag>}
          </Space>
        );
      },
    },
    { title: t('vs.col.status'), dataIndex: 'status', width: 100, render: (s: Visit['status']) => <VisitStatusTag status={s} t={t} /> },
    { title: t('vs.col.servedBy'), dataIndex: 'servedBy', width: 100, render: (s: string | null) => s ?? '—' },
  ];

  const staffOptions = (desks.data?.items ?? []).map((d) => ({ value: d.username, label: d.displayName ?? d.username }));

  return (
    <Row gutter={16} data-testid="reception-view">
      <Col xs={24} lg={8}>
        <Card title={t('vs.register.title')} size="small">
          <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="register-form">
            <Form.Item name="surname" label={t('vs.field.surname')} rules={[{ required: true, whitespace: true, message: t('vs.field.surnameRequired') }]}>
              <Input placeholder={t('vs.field.surnameHint')} maxLength={40} />
            </Form.Item>
            <Form.Item name="phone" label={t('vs.field.phone')}>
              <Input maxLength={30} inputMode="tel" />
            </Form.Item>
            <Form.Item name="purpose" label={t('vs.field.purpose')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            <Form.Item name="forStaff" label={t('vs.field.forStaff')}>
              <Select allowClear placeholder={t('vs.field.anyone')} options={staffOptions} />
            </Form.Item>
            <Form.Item name="urgent" valuePropName="checked">
              <Checkbox>{t('vs.field.urgent')}</Checkbox>
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="register-submit">
              {t('vs.register.submit')}
            </Button>
          </Form>
          {result && <Alert style={{ marginTop: 12 }} type={result.ok ? 'success' : 'error'} showIcon title={result.text} data-testid="register-result" />}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>{t('vs.script.owner')}</Typography.Paragraph>
        </Card>
        <Card title={t('vs.desks.title')} size="small" style={{ marginTop: 16 }} data-testid="desk-board">
          {(desks.data?.items ?? []).filter((d) => d.onShift).length === 0 && <Typography.Text type="secondary">{t('vs.desks.empty')}</Typography.Text>}
          <Space orientation="vertical" style={{ width: '100%' }}>
            {(desks.data?.items ?? []).filter((d) => d.onShift).map((d) => (
              <Space key={d.username} style={{ justifyContent: 'space-between', width: '100%' }}>
                <span>{d.displayName ?? d.username}</span>
                <DeskTag desk={d} t={t} />
              </Space>
            ))}
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={16}>
        <Card title={t('vs.queue.title')} size="small" extra={<Typography.Text type="secondary">{live === 'retrying' ? t('vs.live.retrying') : t('vs.live.open')}</Typography.Text>}>
          {queue.status === 'error' && <Alert type="error" showIcon title={visitErrorText(queue.error, t, locale)} style={{ marginBottom: 12 }} />}
          <Table size="small" rowKey="id" columns={columns} dataSource={queue.data?.items ?? []} pagination={false} locale={{ emptyText: t('vs.queue.empty') }} data-testid="visit-queue" />
        </Card>
      </Col>
    </Row>
  );
}
