import { WarningFilled } from '@ant-design/icons';
import { Alert, Button, Input, Popconfirm, Space, Typography, message as antdMessage } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import { describeApiError } from '../api/error-message';
import { useI18n } from '../i18n/i18n-context';
import type { QualityResult } from '../quality/quality-types';
import type { TabooEntry } from './scripts';
import { draftTranscript, tabooFlags, type TabooFlag } from './taboo-check';

const CHECK_DELAY_MS = 400;

type CheckState = { status: 'idle' } | { status: 'checking' } | { status: 'checked'; text: string; flags: TabooFlag[] } | { status: 'error'; error: unknown };

/**
 * A chat reply or a note, checked against the standard while it is typed (PH-TABOO): a taboo
 * phrase is flagged before it is sent, with the standard's replacement wording one click away.
 */
export function ReplyComposer({
  onAppendToTicket,
  taboo,
  inserted,
  onTextChange,
}: {
  onAppendToTicket: ((text: string) => Promise<void>) | null;
  taboo: readonly TabooEntry[];
  /** A knowledge article's answer to add to the reply (a new key each time it is chosen). */
  inserted?: { text: string; key: number } | null;
  onTextChange?: (text: string) => void;
}) {
  const { t, locale, script } = useI18n();
  const [text, setText] = useState('');
  const [check, setCheck] = useState<CheckState>({ status: 'idle' });
  const [sending, setSending] = useState(false);
  const [messageApi, holder] = antdMessage.useMessage();
  const latest = useRef('');
  // Read at check time: the list arriving later must not re-run a check already done.
  const tabooRef = useRef(taboo);
  tabooRef.current = taboo;

  useEffect(() => {
    if (inserted) setText((current) => (current.trim() ? `${current.trimEnd()}\n${inserted.text}` : inserted.text));
  }, [inserted?.key]);

  useEffect(() => {
    onTextChange?.(text);
  }, [text]);

  useEffect(() => {
    latest.current = text;
    if (!text.trim()) {
      setCheck({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      setCheck({ status: 'checking' });
      api
        .post<QualityResult>('/api/qa/inspect', draftTranscript(text), { query: { lang: locale === 'en' ? 'en' : 'zh' }, signal: controller.signal })
        .then((result) => {
          if (latest.current === text) setCheck({ status: 'checked', text, flags: tabooFlags(result, tabooRef.current) });
        })
        .catch((error: unknown) => {
          if (!controller.signal.aborted) setCheck({ status: 'error', error });
        });
    }, CHECK_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [text, locale]);

  const flags = check.status === 'checked' && check.text === text ? check.flags : [];
  const upToDate = check.status === 'checked' && check.text === text;

  function applySuggestion(flag: TabooFlag) {
    if (!flag.suggestion) return;
    // Replace the whole sentence around the quote: the suggested wording is a sentence of its own.
    const before = text.slice(0, flag.from);
    const after = text.slice(flag.to);
    const start = Math.max(before.search(/[^。！？!?；;\n]*$/), 0);
    const endMatch = /[。！？!?；;\n]/.exec(after);
    const end = endMatch ? flag.to + endMatch.index + 1 : text.length;
    // The replacement in the script the agent reads it in (a zh-TW agent writes Traditional).
    setText(text.slice(0, start) + script(flag.suggestion) + text.slice(end));
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      void messageApi.success(t('desk.reply.copied'));
    } catch {
      void messageApi.error(t('desk.reply.copyFailed'));
    }
  }

  async function append() {
    if (!onAppendToTicket) return;
    setSending(true);
    try {
      await onAppendToTicket(text.trim());
      setText('');
      void messageApi.success(t('desk.reply.appended'));
    } catch (error) {
      void messageApi.error(describeApiError(error, t));
    } finally {
      setSending(false);
    }
  }

  const blocked = flags.length > 0;
  const sendLabel = onAppendToTicket ? t('desk.reply.appendToTicket') : t('desk.reply.copy');
  const send = onAppendToTicket ? append : copy;

  return (
    <div data-testid="reply-composer">
      {holder}
      <Input.TextArea
        value={text}
        onChange={(e) => setText(e.target.value)}
        autoSize={{ minRows: 3, maxRows: 8 }}
        placeholder={t('desk.reply.placeholder')}
        aria-label={t('desk.reply.label')}
        status={blocked ? 'warning' : undefined}
        maxLength={5000}
      />
      <div className="kefu-desk-reply__status" aria-live="polite">
        {check.status === 'checking' && <Typography.Text type="secondary">{t('desk.reply.checking')}</Typography.Text>}
        {upToDate && flags.length === 0 && <Typography.Text type="success">{t('desk.reply.clean')}</Typography.Text>}
        {check.status === 'error' && <Typography.Text type="danger">{t('desk.reply.checkFailed', { reason: describeApiError(check.error, t) })}</Typography.Text>}
      </div>
      {flags.map((flag, i) => (
        <Alert
          key={`${flag.from}-${i}`}
          type="warning"
          icon={<WarningFilled />}
          showIcon
          data-testid="taboo-flag"
          style={{ marginTop: 6 }}
          title={t('desk.reply.taboo', { quote: flag.quote })}
          description={
            <>
              <div>{flag.suggestion ? t('desk.reply.suggestion', { suggestion: script(flag.suggestion) }) : script(flag.message)}</div>
              {flag.suggestion && (
                <Button size="small" style={{ marginTop: 6 }} onClick={() => applySuggestion(flag)}>
                  {t('desk.reply.useSuggestion')}
                </Button>
              )}
            </>
          }
        />
      ))}
      <Space style={{ marginTop: 8 }}>
        {blocked ? (
          <Popconfirm title={t('desk.reply.sendAnyway')} onConfirm={() => void send()} okText={t('desk.reply.sendAnywayOk')} cancelText={t('desk.reply.sendAnywayCancel')}>
            <Button disabled={!text.trim()} loading={sending}>
              {sendLabel}
            </Button>
          </Popconfirm>
        ) : (
          <Button type="primary" disabled={!text.trim()} loading={sending} onClick={() => void send()}>
            {sendLabel}
          </Button>
        )}
        {onAppendToTicket && (
          <Button disabled={!text.trim()} onClick={() => void copy()}>
            {t('desk.reply.copy')}
          </Button>
        )}
      </Space>
    </div>
  );
}
