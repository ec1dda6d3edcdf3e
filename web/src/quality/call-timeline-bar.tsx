import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { buildTimeline, formatOffset, type PhaseKind } from './call-timeline';
import type { TranscriptEvent } from './quality-types';

const phaseLabel: Record<PhaseKind, MessageKey> = {
  ringing: 'quality.timeline.ringing',
  talking: 'quality.timeline.talking',
  hold: 'quality.timeline.hold',
  transfer: 'quality.timeline.transfer',
};

const eventLabel: Record<string, MessageKey> = {
  ring: 'quality.event.ring',
  answer: 'quality.event.answer',
  hold: 'quality.event.hold',
  unhold: 'quality.event.unhold',
  transfer: 'quality.event.transfer',
  transfer_answered: 'quality.event.transfer_answered',
  hangup: 'quality.event.hangup',
};

const partyLabel: Record<string, MessageKey> = {
  agent: 'quality.party.agent',
  customer: 'quality.party.customer',
  system: 'quality.party.system',
};

/**
 * The call's events as one horizontal bar: ringing, talking, holds and the transfer leg as coloured
 * stretches, every event as a tick. The same facts are listed as text below it for screen readers.
 */
export function CallTimelineBar({ events }: { events: readonly TranscriptEvent[] }) {
  const { t } = useI18n();
  const timeline = buildTimeline(events);
  if (timeline.span <= 0) {
    return <p className="kefu-text-secondary" data-testid="timeline-empty">{t('quality.timeline.none')}</p>;
  }
  const left = (at: number) => `${((at - timeline.start) / timeline.span) * 100}%`;
  const width = (from: number, to: number) => `${Math.max(0.4, ((to - from) / timeline.span) * 100)}%`;
  const describe = (type: string, by?: string, to?: string) => {
    const label = eventLabel[type] ? t(eventLabel[type]) : type;
    if (type === 'hangup' && by && partyLabel[by]) return `${label}（${t(partyLabel[by])}）`;
    if (type === 'transfer' && to) return `${label} → ${to}`;
    return label;
  };
  return (
    <div className="kefu-timeline" data-testid="call-timeline">
      <div className="kefu-timeline__bar" aria-hidden="true">
        {timeline.phases.map((phase, index) => (
          <div
            key={`${phase.kind}-${index}`}
            className={`kefu-timeline__phase kefu-timeline__phase--${phase.kind}`}
            style={{ left: left(phase.from), width: width(phase.from, phase.to) }}
            title={`${t(phaseLabel[phase.kind])} ${formatOffset(phase.from - timeline.start)}–${formatOffset(phase.to - timeline.start)}`}
          />
        ))}
        {timeline.markers.map((marker, index) => (
          <div
            key={`${marker.type}-${index}`}
            className={`kefu-timeline__tick kefu-timeline__tick--${marker.type}`}
            style={{ left: left(marker.at) }}
            title={`${formatOffset(marker.at - timeline.start)} ${describe(marker.type, marker.by, marker.to)}`}
          />
        ))}
      </div>
      <div className="kefu-timeline__legend">
        {(['ringing', 'talking', 'hold', 'transfer'] as const)
          .filter((kind) => timeline.phases.some((p) => p.kind === kind))
          .map((kind) => (
            <span key={kind} className="kefu-timeline__legend-item">
              <span className={`kefu-timeline__swatch kefu-timeline__phase--${kind}`} />
              {t(phaseLabel[kind])}
            </span>
          ))}
        {timeline.hungUpBy && partyLabel[timeline.hungUpBy] && (
          <strong data-testid="hung-up-by">{t('quality.timeline.hungUpBy', { party: t(partyLabel[timeline.hungUpBy]!) })}</strong>
        )}
      </div>
      <ol className="kefu-timeline__events">
        {timeline.markers.map((marker, index) => (
          <li key={index}>
            <span className="kefu-mono">{formatOffset(marker.at - timeline.start)}</span> {describe(marker.type, marker.by, marker.to)}
          </li>
        ))}
      </ol>
    </div>
  );
}
