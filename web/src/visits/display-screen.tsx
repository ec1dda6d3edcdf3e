import { Typography } from 'antd';
import { useI18n } from '../i18n/i18n-context';
import { useLoad } from '../shared/use-load';
import { queueNumber, visitsApi } from './visits-api';
import { useVisitStream } from './use-visit-stream';

/**
 * 叫号屏, the waiting-room display: the number called last in large type, the others being served,
 * and the numbers waiting. Surnames are masked by the server; nothing else personal is shown.
 * Reloads on every walk-in event (server-sent events).
 */
export function DisplayScreen() {
  const { t } = useI18n();
  const board = useLoad((signal) => visitsApi.display(signal), []);
  const live = useVisitStream(() => board.reload());
  const [latest, ...others] = board.data?.serving ?? [];
  const waiting = board.data?.waiting ?? [];
  return (
    <div data-testid="visit-display" style={{ background: '#0b3d2e', color: '#fff', borderRadius: 8, padding: 32, minHeight: 480 }}>
      <Typography.Title level={3} style={{ color: '#cfe8dc', marginTop: 0 }}>{t('vs.display.title')}</Typography.Title>
      <div data-testid="display-now-serving" style={{ fontSize: 64, fontWeight: 700, textAlign: 'center', margin: '32px 0' }}>
        {latest ? (
          <>
            <span data-testid="display-called-number">{t('vs.display.nowServing', { number: queueNumber(latest.number) })}</span>
            <div style={{ fontSize: 28, fontWeight: 400 }}>{latest.surname}</div>
          </>
        ) : (
          t('vs.display.idle')
        )}
      </div>
      <div style={{ display: 'flex', gap: 48, fontSize: 24 }}>
        <div style={{ flex: 1 }}>
          <div style={{ color: '#cfe8dc' }}>{t('vs.display.serving')}</div>
          <div data-testid="display-serving" className="kefu-mono">{others.map((s) => queueNumber(s.number)).join('  ') || '—'}</div>
        </div>
        <div style={{ flex: 2 }}>
          <div style={{ color: '#cfe8dc' }}>{t('vs.display.waiting')}</div>
          <div data-testid="display-waiting" className="kefu-mono">
            {waiting.map((w) => (
              <span key={w.number} style={{ marginRight: 24 }}>
                {queueNumber(w.number)} {w.surname}
              </span>
            ))}
            {waiting.length === 0 && '—'}
          </div>
        </div>
      </div>
      <div style={{ marginTop: 24, fontSize: 12, color: '#9fc7b4' }}>{live === 'retrying' ? t('vs.live.retrying') : t('vs.live.open')}</div>
    </div>
  );
}
