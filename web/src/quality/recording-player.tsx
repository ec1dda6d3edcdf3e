import { Alert } from 'antd';
import { useCallback, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { useI18n } from '../i18n/i18n-context';
import type { TranscriptEvent, Utterance } from './quality-types';
import { audioSecondsOf, recordingStartMs, utteranceAtSecond } from './recording-sync';

export interface RecordingSync {
  audioRef: RefObject<HTMLAudioElement | null>;
  /** The utterance being heard, -1 for none. */
  active: number;
  onTimeUpdate(): void;
  /** Plays from utterance `index` (a click on its line). */
  seek(index: number): void;
  /** What a transcript line needs to follow the audio and to be clicked or pressed (Enter, Space) to play from there. */
  lineProps(index: number): {
    className: string;
    'aria-current': 'true' | undefined;
    'data-utterance': number;
    onClick(): void;
    onKeyDown(e: KeyboardEvent): void;
    tabIndex: number | undefined;
  };
}

/**
 * The transcript following the audio: while it plays the line being spoken is marked (timeupdate →
 * the utterance whose [start, end) holds the time), and a line clicked seeks the audio there and plays.
 * `playable` false (no recording): the lines stay as they were.
 */
export function useRecordingSync(utterances: readonly Utterance[], events: readonly TranscriptEvent[] | undefined, playable: boolean): RecordingSync {
  const audioRef = useRef<HTMLAudioElement | null>(null);
  const [active, setActive] = useState(-1);
  const startMs = useMemo(() => recordingStartMs(events), [events]);
  const onTimeUpdate = useCallback(() => {
    const audio = audioRef.current;
    if (audio) setActive(utteranceAtSecond(utterances, audio.currentTime, startMs));
  }, [utterances, startMs]);
  const seek = useCallback(
    (index: number) => {
      const audio = audioRef.current;
      const u = utterances[index];
      const at = u === undefined ? null : audioSecondsOf(u, startMs);
      if (!audio || at === null) return;
      audio.currentTime = at;
      setActive(index);
      // A click is the user's gesture, so the browser lets it play; a refusal leaves the position set.
      void audio.play().catch(() => undefined);
    },
    [utterances, startMs],
  );
  const lineProps = useCallback(
    (index: number) => ({
      className: !playable ? '' : index === active ? 'kefu-playable kefu-speaking' : 'kefu-playable',
      'aria-current': playable && index === active ? ('true' as const) : undefined,
      'data-utterance': index,
      onClick: () => {
        if (playable) seek(index);
      },
      onKeyDown: (e: KeyboardEvent) => {
        // Only the line's own keys: a finding's popover inside it keeps Enter for itself.
        if (!playable || e.target !== e.currentTarget || (e.key !== 'Enter' && e.key !== ' ')) return;
        e.preventDefault();
        seek(index);
      },
      tabIndex: playable ? 0 : undefined,
    }),
    [active, playable, seek],
  );
  return { audioRef, active, onTimeUpdate, seek, lineProps };
}

/**
 * The call's recording: the browser's own player loading it from where the PBX serves it (Kefu
 * stores no audio). `url` null: a quiet line saying the call has none.
 */
export function RecordingPlayer({ url, sync, hint = true }: { url: string | null; sync: RecordingSync; hint?: boolean }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  if (url === null) {
    return (
      <p className="kefu-text-secondary kefu-recording--none" data-testid="no-recording">
        {t('quality.recording.none')}
      </p>
    );
  }
  return (
    <div className="kefu-recording" data-testid="recording">
      <span className="kefu-recording__label">{t('quality.recording')}</span>
      <audio
        ref={sync.audioRef}
        controls
        preload="metadata"
        src={url}
        aria-label={t('quality.recording')}
        onTimeUpdate={sync.onTimeUpdate}
        onSeeked={sync.onTimeUpdate}
        onLoadedMetadata={() => setFailed(false)}
        onError={() => setFailed(true)}
      />
      {hint && <span className="kefu-text-secondary kefu-recording__hint">{t('quality.recording.hint')}</span>}
      {failed && <Alert type="warning" showIcon title={t('quality.recording.failed')} />}
    </div>
  );
}
