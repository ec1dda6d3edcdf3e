import { Typography } from 'antd';
import { useI18n } from '../i18n/i18n-context';
import { useLoad } from '../shared/use-load';
import { queueNumber, visitsApi, type DisplayBoard } from './visits-api';
import { useVisitStream } from './use-visit-stream';

type Serving = DisplayBoard['serving'][number];

/**
 * 叫号屏, the waiting-room display: the number called last in large type with the counter (窗口) it
 * is called to, the others being served with theirs, and the numbers waiting. Surnames are masked by
 * the server; nothing else personal is shown. Reloads on every walk-in event (server-sent events).
 * `kiosk`: the whole screen of a wall display (`/kiosk/visits`, no menus), sized by the viewport so
 * it reads from across the room.
 */
export function DisplayScreen({ kiosk = false }: { kiosk?: boolean }) {
  const { t } = useI18n();
  const board = useLoad((signal) => visitsApi.display(signal), []);
  const live = useVisitStream(() => board.reload());
  const [latest, ...others] = board.data?.serving ?? [];
  const waiting = board.data?.waiting ?? [];
  const where = (s: Serving) => s.counter ?? s.staffName ?? t('vs.display.counterFallback');
  const callText = (s: Serving) => (s.counter || s.staffName ? t('vs.display.nowServingAt', { number: queueNumber(s.number), counter: where(s) }) : t('vs.display.nowServing', { number: queueNumber(s.number) }));
  const size = (vw: number, px: number) => (kiosk ? `max(${px}px, ${vw}vw)` : px);
  const frame = kiosk
    ? { position: 'fixed' as const, inset: 0, padding: '3vh 4vw', display: 'flex', flexDirection: 'column' as const }
    : { borderRadius: 8, padding: 32, minHeight: 480 };
  return (
    <div data-testid="visit-display" style={{ ...frame, background: '#0b3d2e', color: '#fff', overflow: 'hidden' }}>
      <Typography.Title level={3} style={{ color: '#cfe8dc', marginTop: 0, fontSize: size(2.4, 24) }}>{t('vs.display.title')}</Typography.Title>
      <div data-testid="display-now-serving" style={{ fontSize: size(7, 64), fontWeight: 700, textAlign: 'center', margin: kiosk ? '4vh 0' : '32px 0', lineHeight: 1.2 }}>
        {latest ? (
          <>
            <span data-testid="display-called-number">{callText(latest)}</span>
            <div style={{ fontSize: size(3, 28), fontWeight: 400 }}>{latest.surname}</div>
          </>
        ) : (
          t('vs.display.idle')
        )}
      </div>
      <div style={{ display: 'flex', gap: '4vw', fontSize: size(2.6, 24), flex: kiosk ? 1 : undefined }}>
        <div style={{ flex: 1 }}>
          <div style={{ color: '#cfe8dc' }}>{t('vs.display.serving')}</div>
          <div data-testid="display-serving" className="kefu-mono">
            {others.map((s) => (
              <div key={s.number}>
                {queueNumber(s.number)} → {where(s)}
              </div>
            ))}
            {others.length === 0 && '—'}
          </div>
        </div>
        <div style={{ flex: 2 }}>
          <div style={{ color: '#cfe8dc' }}>{t('vs.display.waiting')}</div>
          <div data-testid="display-waiting" className="kefu-mono">
            {waiting.map((w) => (
              <span key={w.number} style={{ marginRight: '2vw', display: 'inline-block' }}>
                {queueNumber(w.number)} {w.surname}
              </span>
            ))}
            {waiting.length === 0 && '—'}
          </div>
        </div>
      </div>
      <div style={{ marginTop: 24, fontSize: size(1.2, 12), color: '#9fc7b4', display: 'flex', justifyContent: 'space-between' }}>
        <span>{kiosk ? t('vs.display.kioskHint') : ''}</span>
        <span>{live === 'retrying' ? t('vs.live.retrying') : t('vs.live.open')}</span>
      </div>
    </div>
  );
}
