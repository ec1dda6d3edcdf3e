import { Space, Tag, Typography } from 'antd';
import { useI18n } from '../i18n/i18n-context';
import type { Locale, MessageKey } from '../i18n/messages';
import { formatDateTime } from '../shared/instant-format';
import { useNames } from '../shared/use-names';
import type { CallableNow, TaskStatus } from './callbacks-api';

const statusColor: Record<TaskStatus, string> = { pending: 'blue', retry: 'gold', closed: 'default' };

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useI18n();
  return <Tag color={statusColor[status]}>{t(`cb.status.${status}` as MessageKey)}</Tag>;
}

/** Callable now, or why not (the CB-WINDOW rule's reason in the centre's language), and when next. */
export function CallableTag({ value }: { value: CallableNow }) {
  const { t, locale } = useI18n();
  const { zone } = useNames();
  const reason = locale === 'en' ? value.reasonEn : value.reason;
  return (
    <Space orientation="vertical" size={0} data-testid="callable-now">
      <Tag color={value.callable ? 'green' : 'red'}>{value.callable ? t('cb.callable') : t('cb.notCallable')}</Tag>
      {reason && <Typography.Text type="secondary">{reason}</Typography.Text>}
      {!value.callable && (
        <Typography.Text type="secondary" className="kefu-mono">
          {value.next !== null ? t('cb.next', { time: formatDateTime(value.next, locale, zone) }) : t('cb.noNext')}
        </Typography.Text>
      )}
    </Space>
  );
}

/** Why the rule chose this customer, in the reader's language (the server keeps it in both; 繁體 converted). */
export function targetReason(target: { reason: string; reasonEn?: string | undefined }, locale: Locale, script: (text: string) => string): string {
  return locale === 'en' ? (target.reasonEn ?? target.reason) : script(target.reason);
}
