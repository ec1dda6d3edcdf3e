import { ClockCircleOutlined } from '@ant-design/icons';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { readClock } from './clocks';

const colors = { running: '#1f5f8b', warning: '#d48806', overdue: '#cf1322', done: '#389e0d' } as const;

/** A countdown from hang-up: PH-TICKET3 (3 min) or PH-SUMMARY5 (5 min); stops when the work is saved. */
export function WrapUpClock({ label, startedAt, limitMinutes, now, doneAt, testId }: { label: string; startedAt: number; limitMinutes: number; now: number; doneAt: number | null; testId: string }) {
  const { t } = useI18n();
  const reading = readClock(startedAt, limitMinutes, now, doneAt);
  const stateText = t(`desk.clock.${reading.state}` as MessageKey);
  return (
    <div className="kefu-desk-clock" data-testid={testId} data-state={reading.state} style={{ borderColor: colors[reading.state] }}>
      <ClockCircleOutlined style={{ color: colors[reading.state] }} />
      <span className="kefu-desk-clock__label">{label}</span>
      <span className="kefu-desk-clock__time" style={{ color: colors[reading.state] }} role="timer" aria-label={`${label} ${reading.text}`}>
        {reading.text}
      </span>
      <span className="kefu-desk-clock__state">{stateText}</span>
    </div>
  );
}
