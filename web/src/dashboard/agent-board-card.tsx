import { Alert, Card, Empty, Skeleton, Space, Tag } from 'antd';
import { describeApiError } from '../api/error-message';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { stateColors, stateCounts, stateDuration, type AgentBoard } from './agent-board';

/**
 * 坐席状态: one tile per agent with the state and how long it has lasted (ticking every second on
 * the server's clock). Tiles wrap, so a 390 px phone shows two columns and a wall screen many.
 */
export function AgentBoardCard({
  board,
  loading,
  error,
  now,
  skewMs,
  queueName,
}: {
  board: AgentBoard | null;
  loading: boolean;
  error: unknown;
  now: number;
  skewMs: number;
  /** The pack's names for the PBX's queue ids (服务热线 for hotline). */
  queueName: (id: string) => string;
}) {
  const { t } = useI18n();
  const rows = board?.agents ?? [];
  const counts = stateCounts(rows);
  return (
    <Card
      size="small"
      title={t('dashboard.board.title')}
      data-testid="agent-board"
      extra={
        board && (
          <span className="kefu-text-secondary" data-testid="agent-board-counts">
            {t('dashboard.board.counts', { onCall: counts.talking + counts.on_hold, wrapUp: counts.wrap_up, idle: counts.idle, signedIn: rows.filter((r) => r.signedIn).length })}
          </span>
        )
      }
    >
      {error ? (
        <Alert type="error" showIcon title={describeApiError(error, t)} />
      ) : loading && !board ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dashboard.board.empty')} />
      ) : (
        <div className="kefu-agent-board">
          {rows.map((r) => (
            <div key={r.userId} className="kefu-agent-tile" data-testid={`agent-${r.username}`} data-state={r.state}>
              <div className="kefu-agent-tile__head">
                <span className="kefu-ellipsis" title={r.username}>
                  {r.name || r.username}
                </span>
                {r.team && <span className="kefu-text-secondary kefu-ellipsis">{r.team}</span>}
              </div>
              <Space size={4} wrap>
                <Tag color={r.state === 'wrap_up' && r.overdue ? 'red' : stateColors[r.state]} data-testid="agent-state">
                  {t(`dashboard.board.state.${r.state}` as MessageKey)}
                </Tag>
                <span className="kefu-mono" data-testid="agent-duration">
                  {stateDuration(r, now, skewMs)}
                </span>
              </Space>
              {(r.queue || (r.state === 'wrap_up' && r.overdue)) && (
                <div className="kefu-text-secondary kefu-agent-tile__note">
                  {r.queue && queueName(r.queue)}
                  {r.state === 'wrap_up' && r.overdue && <span style={{ color: '#cf1322', marginInlineStart: 4 }}>{t('dashboard.board.overdue', { minutes: board?.wrapUpLimitMinutes ?? 5 })}</span>}
                </div>
              )}
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}
