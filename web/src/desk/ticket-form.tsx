import { Alert, Button, Form, Input, Select, Space } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../api/client';
import { describeApiError, describeFieldError } from '../api/error-message';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { ticketPriorities, ticketRef, type NewTicket, type TicketDetail, type TicketSettings } from '../tickets/tickets-api';

export interface TicketFormValues {
  type: string;
  customerName?: string;
  contactPhone?: string;
  description?: string;
  complaintClass?: string;
  complaintGrade?: string;
  priority?: string;
}

const fieldNames = ['type', 'customerName', 'contactPhone', 'description', 'complaintClass', 'complaintGrade', 'priority'] as const;

/**
 * The ticket of the call (PH-RECORD): the fields its type requires are marked and checked before
 * sending; the server's own checks (a vague description, an unknown number) come back next to
 * their fields.
 */
export function TicketForm({
  settings,
  prefill,
  callId,
  callEndedAt,
  customerId,
  created,
  onCreate,
}: {
  settings: TicketSettings;
  /** `contactPhoneHint`: the caller's masked number, shown when the server fills in the full one. */
  prefill: { customerName?: string; contactPhone?: string; contactPhoneHint?: string };
  callId: string | null;
  callEndedAt: number | null;
  customerId: string | null;
  created: TicketDetail | null;
  onCreate: (input: NewTicket) => Promise<TicketDetail>;
}) {
  const { t, script } = useI18n();
  const [form] = Form.useForm<TicketFormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const type = Form.useWatch('type', form) ?? settings.types[0]?.key ?? '';
  const required = useMemo(() => new Set<string>(settings.types.find((x) => x.key === type)?.requiredFields ?? []), [settings, type]);
  const isComplaint = type === 'complaint' || required.has('complaintClass');

  useEffect(() => {
    // A new caller fills in only what the agent has not typed yet.
    const current = form.getFieldsValue();
    form.setFieldsValue({
      customerName: current.customerName || prefill.customerName,
      contactPhone: current.contactPhone || prefill.contactPhone,
    });
  }, [prefill.customerName, prefill.contactPhone, form]);

  async function submit(values: TicketFormValues) {
    setSaving(true);
    setError(null);
    try {
      await onCreate({
        type: values.type,
        customerName: values.customerName?.trim() || null,
        contactPhone: values.contactPhone?.trim() || null,
        description: values.description?.trim() ?? '',
        complaintClass: isComplaint ? values.complaintClass || null : null,
        complaintGrade: isComplaint ? values.complaintGrade || null : null,
        priority: (values.priority as NewTicket['priority']) ?? 'normal',
        customerId,
        callId,
        callEndedAt,
        channel: callId ? 'phone' : 'other',
      });
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.fields.length > 0) {
        form.setFields(
          fieldNames.flatMap((name) => {
            const field = e.fieldError(name, `body.${name}`);
            return field ? [{ name, errors: [describeFieldError(field, t)] }] : [];
          }),
        );
      }
    } finally {
      setSaving(false);
    }
  }

  if (created) {
    return (
      <Alert
        type="success"
        showIcon
        data-testid="ticket-created"
        title={t('desk.ticket.created', { id: ticketRef(created.ticket) })}
        action={<Link to={`/tickets/${encodeURIComponent(ticketRef(created.ticket))}`}>{t('desk.ticket.openCreated')}</Link>}
      />
    );
  }

  const requiredRule = (name: string, label: MessageKey) => (required.has(name) ? [{ required: true, whitespace: true, message: t('desk.ticket.required', { field: t(label) }) }] : []);

  return (
    <Form form={form} layout="vertical" size="small" onFinish={submit} initialValues={{ type: settings.types[0]?.key, priority: 'normal' }} data-testid="ticket-form" requiredMark>
      <Space.Compact block style={{ gap: 8 }}>
        <Form.Item name="type" label={t('desk.ticket.type')} style={{ flex: 1 }} rules={[{ required: true }]}>
          <Select options={settings.types.map((x) => ({ value: x.key, label: script(x.label) }))} />
        </Form.Item>
        <Form.Item name="priority" label={t('desk.ticket.priority')} style={{ flex: 1 }}>
          <Select options={ticketPriorities.map((p) => ({ value: p, label: t(`tickets.priority.${p}` as MessageKey) }))} />
        </Form.Item>
      </Space.Compact>
      <Space.Compact block style={{ gap: 8 }}>
        <Form.Item name="customerName" label={t('desk.ticket.customerName')} style={{ flex: 1 }} rules={requiredRule('customerName', 'desk.ticket.customerName')}>
          <Input maxLength={100} />
        </Form.Item>
        {/* The server fills in a known customer's or the call's number (agents see numbers masked), so it may stay empty. */}
        <Form.Item name="contactPhone" label={t('desk.ticket.contactPhone')} style={{ flex: 1 }} rules={customerId || callId ? [] : requiredRule('contactPhone', 'desk.ticket.contactPhone')}>
          <Input maxLength={40} inputMode="tel" placeholder={customerId || callId ? prefill.contactPhoneHint : undefined} />
        </Form.Item>
      </Space.Compact>
      {isComplaint && (
        <Space.Compact block style={{ gap: 8 }}>
          <Form.Item name="complaintClass" label={t('desk.ticket.complaintClass')} style={{ flex: 1 }} rules={requiredRule('complaintClass', 'desk.ticket.complaintClass')}>
            <Select allowClear options={settings.complaintClasses.map((x) => ({ value: x.key, label: x.label }))} />
          </Form.Item>
          <Form.Item name="complaintGrade" label={t('desk.ticket.complaintGrade')} style={{ flex: 1 }} rules={requiredRule('complaintGrade', 'desk.ticket.complaintGrade')}>
            <Select allowClear options={settings.complaintGrades.map((x) => ({ value: x.key, label: `${x.label}（${x.replyLimit}）` }))} />
          </Form.Item>
        </Space.Compact>
      )}
      <Form.Item name="description" label={t('desk.ticket.description')} rules={requiredRule('description', 'desk.ticket.description')} extra={t('desk.ticket.descriptionHint')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={20000} />
      </Form.Item>
      {error !== null && !(error instanceof ApiError && error.fields.length > 0) && <Alert type="error" showIcon title={describeApiError(error, t)} style={{ marginBottom: 8 }} />}
      <Button type="primary" htmlType="submit" loading={saving} data-testid="ticket-submit">
        {t('desk.ticket.submit')}
      </Button>
    </Form>
  );
}
