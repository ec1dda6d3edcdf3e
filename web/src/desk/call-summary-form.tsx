import { Alert, Button, Form, Input, Rate } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { describeApiError, describeFieldError } from '../api/error-message';
import { useI18n } from '../i18n/i18n-context';
import type { TicketDetail } from '../tickets/tickets-api';

interface SummaryValues {
  problemType?: string;
  solution?: string;
  satisfaction?: number;
}

/** PH-SUMMARY5: the call summary (problem type, solution, satisfaction), saved on the call's ticket. */
export function CallSummaryForm({ ticket, onSave }: { ticket: TicketDetail | null; onSave: (summary: { problemType: string; solution: string; satisfaction: number | null }) => Promise<void> }) {
  const { t } = useI18n();
  const [form] = Form.useForm<SummaryValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const saved = ticket?.ticket.summary ?? null;

  if (saved) {
    return <Alert type="success" showIcon data-testid="summary-saved" title={t('desk.summary.saved')} description={`${saved.problemType} · ${saved.solution}`} />;
  }

  async function submit(values: SummaryValues) {
    setSaving(true);
    setError(null);
    try {
      await onSave({ problemType: values.problemType?.trim() ?? '', solution: values.solution?.trim() ?? '', satisfaction: values.satisfaction ? values.satisfaction : null });
    } catch (e) {
      setError(e);
      if (e instanceof ApiError) {
        form.setFields(
          (['problemType', 'solution', 'satisfaction'] as const).flatMap((name) => {
            const field = e.fieldError(`summary.${name}`, `body.summary.${name}`);
            return field ? [{ name, errors: [describeFieldError(field, t)] }] : [];
          }),
        );
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <Form form={form} layout="vertical" size="small" onFinish={submit} data-testid="summary-form" disabled={!ticket}>
      {!ticket && <div className="kefu-text-secondary" style={{ marginBottom: 8 }}>{t('desk.summary.needsTicket')}</div>}
      <Form.Item name="problemType" label={t('desk.summary.problemType')} rules={[{ required: true, whitespace: true, message: t('desk.summary.problemTypeRequired') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="solution" label={t('desk.summary.solution')} rules={[{ required: true, whitespace: true, message: t('desk.summary.solutionRequired') }]}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} />
      </Form.Item>
      <Form.Item name="satisfaction" label={t('desk.summary.satisfaction')}>
        <Rate count={5} />
      </Form.Item>
      {error !== null && !(error instanceof ApiError && error.fields.length > 0) && <Alert type="error" showIcon title={describeApiError(error, t)} style={{ marginBottom: 8 }} />}
      <Button type="primary" htmlType="submit" loading={saving}>
        {t('desk.summary.submit')}
      </Button>
    </Form>
  );
}
