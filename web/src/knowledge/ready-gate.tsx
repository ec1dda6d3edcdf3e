import { CheckCircleFilled, NotificationOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Modal, Space, Tag, Typography, message as antdMessage } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../api/client';
import { describeApiError } from '../api/error-message';
import { useI18n } from '../i18n/i18n-context';
import { useInstantFormat } from '../shared/use-instant-format';
import type { MessageKey } from '../i18n/messages';
import { agentApi, bulletinsApi, type AgentStateView, type BulletinView } from './knowledge-api';

/** How often the desk asks whether a bulletin was published or edited meanwhile. */
const RECHECK_MS = 120_000;

/**
 * PH-NOTIFY on the desk: the agent's ready state (就绪 / 未就绪) and the day's bulletins. Going
 * ready is refused by the server (409) while a bulletin in force is unacknowledged; the gate then
 * shows them one by one, each with "我已阅读", and goes ready once all are read. An edited bulletin
 * (found on the periodic check) asks again.
 */
export function ReadyGate({ onChange }: { onChange?: (state: AgentStateView | null) => void }) {
  const { t } = useI18n();
  const when = useInstantFormat();
  const [state, setState] = useState<AgentStateView | null>(null);
  const [pending, setPending] = useState<BulletinView[]>([]);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [messageApi, holder] = antdMessage.useMessage();

  const update = useCallback(
    (s: AgentStateView) => {
      setState(s);
      onChange?.(s);
    },
    [onChange],
  );

  const showPending = useCallback(async () => {
    setPending((await bulletinsApi.pending()).items);
    setOpen(true);
  }, []);

  const refresh = useCallback(async () => {
    const s = await agentApi.me();
    update(s);
    if (s.pending > 0) await showPending();
  }, [update, showPending]);

  useEffect(() => {
    void refresh().catch(() => undefined);
    const timer = window.setInterval(() => void refresh().catch(() => undefined), RECHECK_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);

  async function goReady() {
    setBusy('ready');
    try {
      update(await agentApi.ready());
      setOpen(false);
      void messageApi.success(t('ready.nowReady'));
    } catch (error) {
      if (error instanceof ApiError && error.code === 'CONFLICT') await showPending();
      else void messageApi.error(describeApiError(error, t));
    } finally {
      setBusy(null);
    }
  }

  async function goNotReady() {
    setBusy('not-ready');
    try {
      update(await agentApi.notReady());
    } catch (error) {
      void messageApi.error(describeApiError(error, t));
    } finally {
      setBusy(null);
    }
  }

  async function acknowledge(b: BulletinView) {
    setBusy(b.id);
    try {
      const result = await bulletinsApi.ack(b.id);
      setPending((list) => list.filter((x) => x.id !== b.id));
      if (state) update({ ...state, pending: result.pending });
    } catch (error) {
      void messageApi.error(describeApiError(error, t));
    } finally {
      setBusy(null);
    }
  }

  const ready = state?.state === 'ready' && state.pending === 0;
  return (
    <>
      {holder}
      <Space size={8} data-testid="ready-gate" data-state={ready ? 'ready' : 'not_ready'}>
        <Tag color={ready ? 'green' : 'default'} data-testid="ready-state">
          {ready ? t('ready.state.ready') : t('ready.state.notReady')}
        </Tag>
        {state?.signedInAt != null && <Typography.Text type="secondary">{t('ready.signedInAt', { time: when(state.signedInAt) })}</Typography.Text>}
        {state?.shiftStart != null && <Typography.Text type="secondary" data-testid="shift-start">{t('ready.shiftStart', { time: when(state.shiftStart) })}</Typography.Text>}
        {state && state.pending > 0 && (
          <Button size="small" icon={<NotificationOutlined />} onClick={() => void showPending().catch((e: unknown) => void messageApi.error(describeApiError(e, t)))} data-testid="open-bulletins">
            {t('ready.unread', { count: state.pending })}
          </Button>
        )}
        {ready ? (
          <Button size="small" loading={busy === 'not-ready'} onClick={() => void goNotReady()} data-testid="not-ready-button">
            {t('ready.goNotReady')}
          </Button>
        ) : (
          <Button size="small" type="primary" loading={busy === 'ready'} disabled={!state || state.pending > 0} onClick={() => void goReady()} data-testid="ready-button">
            {t('ready.goReady')}
          </Button>
        )}
      </Space>
      <Modal
        open={open}
        title={t('ready.bulletins.title')}
        onCancel={() => setOpen(false)}
        width={640}
        footer={
          <Space>
            <Button onClick={() => setOpen(false)}>{t('ready.bulletins.later')}</Button>
            <Button type="primary" disabled={pending.length > 0} loading={busy === 'ready'} onClick={() => void goReady()} data-testid="bulletins-ready">
              {t('ready.goReady')}
            </Button>
          </Space>
        }
      >
        <div data-testid="bulletin-gate">
          {pending.length === 0 ? (
            <Alert type="success" showIcon icon={<CheckCircleFilled />} title={t('ready.bulletins.allRead')} />
          ) : (
            <>
              <Typography.Paragraph type="secondary">{t('ready.bulletins.intro')}</Typography.Paragraph>
              {pending.map((b) => (
                <Card key={`${b.id}-${b.version}`} size="small" style={{ marginBottom: 8 }} data-testid="pending-bulletin" title={b.title}
                  extra={<Tag>{t(`bulletin.kind.${b.kind}` as MessageKey)}</Tag>}>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{b.body}</Typography.Paragraph>
                  <Space wrap>
                    <Typography.Text type="secondary">{t('bulletin.effective', { date: b.effectiveDate })}</Typography.Text>
                    {b.version > 1 && <Tag color="orange">{t('bulletin.edited', { version: b.version })}</Tag>}
                    <Button type="primary" size="small" loading={busy === b.id} onClick={() => void acknowledge(b)} data-testid="ack-bulletin">
                      {t('ready.bulletins.ack')}
                    </Button>
                  </Space>
                </Card>
              ))}
            </>
          )}
        </div>
      </Modal>
    </>
  );
}
