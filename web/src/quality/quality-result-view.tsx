import { AimOutlined } from '@ant-design/icons';
import { Button, Col, Empty, Popover, Row, Tag } from 'antd';
import { lazy, Suspense, useMemo, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { CallTimelineBar } from './call-timeline-bar';
import { formatOffset } from './call-timeline';
import { findingAnchorId, findingsByUtterance, markUtterance, type Finding } from './highlight';
import { failedChecks, type Check, type QualityResult, type Severity, type Transcript, type TranscriptEvent } from './quality-types';
import { speechRateView } from './speech-rate';
import { RecordingPlayer, useRecordingSync, type RecordingSync } from './recording-player';

const SpeechRateChart = lazy(() => import('./speech-rate-chart'));

export const severityColor: Record<Severity, string> = {
  fatal: 'red',
  critical: 'volcano',
  major: 'orange',
  minor: 'gold',
  info: 'default',
};

export const severityLabel: Record<Severity, MessageKey> = {
  fatal: 'quality.severity.fatal',
  critical: 'quality.severity.critical',
  major: 'quality.severity.major',
  minor: 'quality.severity.minor',
  info: 'quality.severity.info',
};

const speakerLabel: Record<string, MessageKey> = { agent: 'quality.party.agent', customer: 'quality.party.customer' };

function FindingCard({ check }: { check: Check }) {
  const { t, script } = useI18n();
  return (
    <div className="kefu-finding-card">
      <div>
        <Tag color={severityColor[check.severity]}>{t(severityLabel[check.severity])}</Tag>
        <span className="kefu-mono">{check.rule}</span>
        {check.points > 0 && <span className="kefu-text-secondary"> · {t('quality.points', { points: check.points })}</span>}
      </div>
      <div className="kefu-finding-card__message">{script(check.message)}</div>
      {check.suggestion && (
        <div className="kefu-finding-card__suggestion" data-testid="suggestion">
          <strong>{t('quality.suggestion')}</strong>
          {script(check.suggestion)}
        </div>
      )}
    </div>
  );
}

/** A quote a check points at: focusable, with the finding on hover, focus and click. */
function Mark({ findings, children, flashId }: { findings: Finding[]; children: ReactNode; flashId: string | null }) {
  const { script } = useI18n();
  const worst = [...findings].sort((a, b) => severityRank(a.check.severity) - severityRank(b.check.severity))[0]!;
  const ids = findings.map((f) => findingAnchorId(f.checkIndex, f.evidenceIndex));
  return (
    <Popover
      trigger={['hover', 'focus', 'click']}
      content={
        <div className="kefu-finding-popover">
          {findings.map((f) => (
            <FindingCard key={`${f.checkIndex}-${f.evidenceIndex}`} check={f.check} />
          ))}
        </div>
      }
    >
      <mark
        id={ids[0]}
        data-finding-ids={ids.join(' ')}
        data-rule={findings.map((f) => f.check.rule).join(' ')}
        tabIndex={0}
        className={`kefu-mark kefu-mark--${worst.check.severity}${ids.some((id) => id === flashId) ? ' kefu-mark--flash' : ''}`}
        aria-label={findings.map((f) => script(`${f.check.rule} ${f.check.message}${f.check.suggestion ? ' ' + f.check.suggestion : ''}`)).join('；')}
      >
        {children}
      </mark>
    </Popover>
  );
}

function severityRank(severity: Severity): number {
  return ['fatal', 'critical', 'major', 'minor', 'info'].indexOf(severity);
}

function TranscriptView({ transcript, result, flashId, sync }: { transcript: Transcript; result: QualityResult; flashId: string | null; sync: RecordingSync }) {
  const { t } = useI18n();
  const byUtterance = useMemo(() => findingsByUtterance(result), [result]);
  if (transcript.utterances.length === 0) return <Empty description={t('quality.transcript.empty')} />;
  return (
    <ol className="kefu-transcript" data-testid="transcript">
      {transcript.utterances.map((utterance, index) => {
        const marks = markUtterance(utterance.text, byUtterance.get(index) ?? []);
        const missingIds = marks.missing.map((f) => findingAnchorId(f.checkIndex, f.evidenceIndex));
        const line = sync.lineProps(index);
        return (
          <li
            key={index}
            id={missingIds[0]}
            className={`kefu-utterance kefu-utterance--${utterance.speaker === 'agent' ? 'agent' : 'customer'}${missingIds.some((id) => id === flashId) ? ' kefu-mark--flash' : ''}${line.className ? ` ${line.className}` : ''}`}
            data-finding-ids={missingIds.join(' ')}
            data-utterance={line['data-utterance']}
            aria-current={line['aria-current']}
            onClick={line.onClick}
            onKeyDown={line.onKeyDown}
            tabIndex={missingIds.length > 0 || line.tabIndex === 0 ? 0 : undefined}
          >
            <div className="kefu-utterance__meta">
              <span>{speakerLabel[utterance.speaker] ? t(speakerLabel[utterance.speaker]!) : utterance.speaker}</span>
              {utterance.start !== undefined && <span className="kefu-mono">{formatOffset(utterance.start)}</span>}
              <span className="kefu-text-secondary">#{index + 1}</span>
            </div>
            <div className="kefu-utterance__text">
              {marks.segments.map((segment) =>
                segment.findings.length === 0 ? (
                  <span key={segment.from}>{segment.text}</span>
                ) : (
                  <Mark key={segment.from} findings={segment.findings} flashId={flashId}>
                    {segment.text}
                  </Mark>
                ),
              )}
            </div>
            {marks.missing.length > 0 && (
              <div className="kefu-utterance__missing">
                {marks.missing.map((f) => (
                  <Popover key={`${f.checkIndex}-${f.evidenceIndex}`} trigger={['hover', 'focus', 'click']} content={<FindingCard check={f.check} />}>
                    <Tag color={severityColor[f.check.severity]} tabIndex={0} className="kefu-missing-tag">
                      {t('quality.missingHere', { rule: f.check.rule })}
                    </Tag>
                  </Popover>
                ))}
              </div>
            )}
          </li>
        );
      })}
    </ol>
  );
}

export interface ResultHeaderFacts {
  agent?: string | null;
  when?: string | null;
  channel?: string | null;
}

/** The whole quality view of one interaction: used by the call page and by the 试检 tool. */
export function QualityResultView({
  transcript,
  result,
  events,
  facts,
  recordingUrl,
}: {
  transcript: Transcript;
  result: QualityResult;
  /** The call's events, drawn when the transcript carries none. */
  events?: readonly TranscriptEvent[];
  facts?: ResultHeaderFacts;
  /** A stored call's recording (null: it has none); absent where there is no call (试检). */
  recordingUrl?: string | null | undefined;
}) {
  const { t, script } = useI18n();
  const [flashId, setFlashId] = useState<string | null>(null);
  const failed = useMemo(() => failedChecks(result), [result]);
  const notApplicable = result.checks.filter((c) => c.ok === null);
  const passed = result.checks.filter((c) => c.ok === true);
  const speech = useMemo(() => speechRateView(result), [result]);
  // The transcript's events are what the inspection judged (the server copies the call's events into
  // a transcript that has none), so the bar shows those; the call's own events only as a fallback.
  const timelineEvents = transcript.events && transcript.events.length > 0 ? transcript.events : (events ?? []);
  const sync = useRecordingSync(transcript.utterances, timelineEvents, typeof recordingUrl === 'string');

  function jumpTo(check: Check) {
    const index = result.checks.indexOf(check);
    const id = findingAnchorId(index, 0);
    const element = document.querySelector<HTMLElement>(`[data-finding-ids~="${id}"]`);
    if (!element) return;
    element.scrollIntoView({ block: 'center', behavior: 'smooth' });
    element.focus({ preventScroll: true });
    setFlashId(id);
    window.setTimeout(() => setFlashId((current) => (current === id ? null : current)), 1600);
  }

  return (
    <div className="kefu-quality-view" data-testid="quality-result">
      <div className="kefu-score-bar">
        <div className={`kefu-score${result.fatal ? ' kefu-score--fatal' : ''}`} data-testid="score">
          <span className="kefu-score__value">{result.score}</span>
          <span className="kefu-score__label">{t('quality.score')}</span>
        </div>
        {result.fatal && <Tag color="red">{t('quality.fatal')}</Tag>}
        <dl className="kefu-facts">
          <dt>{t('quality.standardVersion')}</dt>
          <dd className="kefu-mono" data-testid="standard-version">{result.standard}</dd>
          {facts?.agent && (
            <>
              <dt>{t('quality.agent')}</dt>
              <dd>{facts.agent}</dd>
            </>
          )}
          {facts?.when && (
            <>
              <dt>{t('quality.time')}</dt>
              <dd>{facts.when}</dd>
            </>
          )}
          <dt>{t('quality.checks')}</dt>
          <dd>{t('quality.checkCounts', { failed: failed.length, passed: passed.length, na: notApplicable.length })}</dd>
        </dl>
      </div>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <section className="kefu-panel" aria-labelledby="transcript-heading">
            <h3 id="transcript-heading" className="kefu-panel__title">{t('quality.transcript')}</h3>
            {recordingUrl !== undefined && <RecordingPlayer url={recordingUrl} sync={sync} hint={transcript.utterances.length > 0} />}
            <TranscriptView transcript={transcript} result={result} flashId={flashId} sync={sync} />
          </section>
          <section className="kefu-panel" aria-labelledby="timeline-heading">
            <h3 id="timeline-heading" className="kefu-panel__title">{t('quality.timeline')}</h3>
            <CallTimelineBar events={timelineEvents} />
          </section>

          <section className="kefu-panel" aria-labelledby="rate-heading">
            <h3 id="rate-heading" className="kefu-panel__title">
              {t('quality.rate')}
              {speech.kind === 'measured' && (
                <span className="kefu-text-secondary kefu-panel__hint" data-testid="rate-band">
                  {t('quality.rate.band', { min: speech.rate.min, max: speech.rate.max })} · {t('quality.rate.applied', { lower: speech.rate.lower, upper: speech.rate.upper })}
                  {speech.rate.relaxed && t('quality.rate.relaxed')}
                </span>
              )}
            </h3>
            {speech.kind === 'measured' ? (
              <Suspense fallback={<div style={{ height: 220 }} />}>
                <SpeechRateChart rate={speech.rate} />
              </Suspense>
            ) : (
              <p className="kefu-text-secondary">{speech.kind === 'not_applicable' ? speech.reason : speech.kind === 'not_recorded' ? t('quality.rate.notRecorded') : t('quality.rate.none')}</p>
            )}
          </section>
        </Col>
        <Col xs={24} lg={10}>
          <section className="kefu-panel" aria-labelledby="failed-heading">
            <h3 id="failed-heading" className="kefu-panel__title">{t('quality.failedChecks', { count: failed.length })}</h3>
            {failed.length === 0 ? (
              <p className="kefu-text-secondary">{t('quality.noFailures')}</p>
            ) : (
              <ul className="kefu-check-list" data-testid="failed-checks">
                {failed.map((check) => (
                  <li key={check.rule + check.message} className="kefu-check-list__item">
                    <FindingCard check={check} />
                    {check.evidence.length > 0 && (
                      <Button size="small" type="link" icon={<AimOutlined />} onClick={() => jumpTo(check)}>
                        {t('quality.jumpToQuote')}
                        {check.evidence[0]?.at != null ? ` ${formatOffset(check.evidence[0].at)}` : ''}
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {notApplicable.length > 0 && (
            <section className="kefu-panel kefu-panel--muted" aria-labelledby="na-heading">
              <h3 id="na-heading" className="kefu-panel__title">{t('quality.notApplicable', { count: notApplicable.length })}</h3>
              <ul className="kefu-check-list kefu-check-list--muted" data-testid="na-checks">
                {notApplicable.map((check) => (
                  <li key={check.rule}>
                    <span className="kefu-mono">{check.rule}</span> {script(check.reason ?? check.message)}
                  </li>
                ))}
              </ul>
            </section>
          )}
          {passed.length > 0 && (
            <details className="kefu-panel kefu-panel--muted">
              <summary>{t('quality.passed', { count: passed.length })}</summary>
              <ul className="kefu-check-list kefu-check-list--muted">
                {passed.map((check) => (
                  <li key={check.rule}>
                    <span className="kefu-mono">{check.rule}</span> {script(check.message)}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </Col>
      </Row>

    </div>
  );
}
