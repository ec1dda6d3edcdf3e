import { Tag } from 'antd';
import { ApiError } from '../api/client';
import { describeApiError, describeFieldError } from '../api/error-message';
import type { Translate } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import type { Desk, VisitStatus } from './visits-api';

const statusColor: Record<VisitStatus, string> = { waiting: 'gold', serving: 'blue', finished: 'default' };

export function VisitStatusTag({ status, t }: { status: VisitStatus; t: Translate }) {
  return <Tag color={statusColor[status]}>{t(`vs.status.${status}` as MessageKey)}</Tag>;
}

const deskColor: Record<Desk['state'], string> = { free: 'green', serving: 'blue', on_phone: 'orange', out: 'default' };

export function DeskTag({ desk, t }: { desk: Pick<Desk, 'state' | 'onShift'> & Partial<Pick<Desk, 'onLiveCall'>>; t: Translate }) {
  if (!desk.onShift) return <Tag>{t('vs.desk.offShift')}</Tag>;
  // On the phone because the telephone system says so (CTI), not by hand.
  if (desk.state === 'on_phone' && desk.onLiveCall) return <Tag color={deskColor.on_phone} data-testid="desk-live-call">{t('vs.desk.liveCall')}</Tag>;
  return <Tag color={deskColor[desk.state]}>{t(`vs.desk.${desk.state}` as MessageKey)}</Tag>;
}

/** mm:ss of a waiting clock. */
export function formatWait(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * The server's own sentence for bad input (it names the field in Chinese, then English): the part in
 * the reader's language. Other errors as everywhere else.
 */
/** The registration form's labels by the request's field path. */
const visitFieldLabels: Readonly<Record<string, MessageKey>> = {
  'visitor.surname': 'vs.field.surname',
  'visitor.phone': 'vs.field.phone',
  purpose: 'vs.field.purpose',
  forStaff: 'vs.field.forStaff',
};

export function visitErrorText(error: unknown, t: Translate, locale: string): string {
  if (error instanceof ApiError && (error.code === 'VALIDATION' || error.code === 'CONFLICT' || error.code === 'NOT_FOUND')) {
    const field = error.fields[0];
    if (field?.code && field.code !== 'invalid') {
      // Named by the form's label where the path is one of the registration form's fields (来访人姓氏：请填写此项).
      const subject = visitFieldLabels[field.path];
      const text = describeFieldError(field, t);
      return subject ? t('fieldError.subject', { subject: t(subject), text }) : text;
    }
    const text = field?.message ?? error.message;
    const [zh, en] = text.split(' / ');
    return (locale === 'en' ? en : zh) ?? text;
  }
  return describeApiError(error, t);
}
