import { BookOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Select, Space, Tag, Typography, message as antdMessage } from 'antd';
import { useEffect, useState } from 'react';
import { describeApiError } from '../api/error-message';
import { useI18n } from '../i18n/i18n-context';
import { useInstantFormat } from '../shared/use-instant-format';
import { knowledgeApi, type ArticleView } from '../knowledge/knowledge-api';
import { useLoad } from '../shared/use-load';
import { ticketsApi } from './tickets-api';

/**
 * The knowledge articles a ticket cites (issue #17): what the answer given came from. Citing and
 * removing go to the ticket's history, so `onChanged` reloads the ticket.
 */
export function TicketArticlesCard({ ticketId, onChanged }: { ticketId: string; onChanged: () => void }) {
  const { t } = useI18n();
  const when = useInstantFormat();
  const linked = useLoad((signal) => ticketsApi.articles(ticketId, signal), [ticketId]);
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<ArticleView[]>([]);
  const [busy, setBusy] = useState(false);
  const [messageApi, holder] = antdMessage.useMessage();

  useEffect(() => {
    if (!query.trim()) {
      setOptions([]);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      knowledgeApi
        .list({ q: query }, controller.signal)
        .then((r) => setOptions(r.items.slice(0, 10)))
        .catch(() => undefined);
    }, 300);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  async function change(run: () => Promise<unknown>, done?: string) {
    setBusy(true);
    try {
      await run();
      if (done) void messageApi.success(done);
      linked.reload();
      onChanged();
    } catch (error) {
      void messageApi.error(describeApiError(error, t));
    } finally {
      setBusy(false);
    }
  }

  const items = linked.data?.items ?? [];
  const cited = new Set(items.map((a) => a.articleId));
  return (
    <Card size="small" title={t('tickets.articles.title')} data-testid="ticket-articles">
      {holder}
      {linked.status === 'error' && <Alert type="error" showIcon title={describeApiError(linked.error, t)} action={<a onClick={linked.reload}>{t('common.retry')}</a>} />}
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('tickets.articles.none')} />
      ) : (
        <ul className="kefu-plain-list kefu-kb-list">
          {items.map((a) => (
            <li key={a.articleId} className="kefu-kb-item" data-testid="ticket-article">
              <Space size={6} wrap>
                <BookOutlined />
                <Typography.Text strong>{a.title}</Typography.Text>
                <Tag>{a.category}</Tag>
                <Tag>v{a.version}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('tickets.articles.by', { name: a.linkedByName ?? t('tickets.history.system'), time: when(a.linkedAt) })}
                </Typography.Text>
                <Button size="small" type="link" danger disabled={busy} onClick={() => void change(() => ticketsApi.unlinkArticle(ticketId, a.articleId))}>
                  {t('tickets.articles.unlink')}
                </Button>
              </Space>
            </li>
          ))}
        </ul>
      )}
      <Select<string>
        showSearch={{ filterOption: false, onSearch: setQuery }}
        value={null}
        style={{ width: '100%', marginTop: 8 }}
        placeholder={t('tickets.articles.search')}
        aria-label={t('tickets.articles.search')}
        disabled={busy}
        notFoundContent={query.trim() ? t('kb.empty') : null}
        options={options.filter((a) => !cited.has(a.id)).map((a) => ({ value: a.id, label: `${a.title}（${a.category}）` }))}
        onSelect={(articleId) => {
          const article = options.find((a) => a.id === articleId);
          setQuery('');
          void change(() => ticketsApi.linkArticle(ticketId, articleId), t('tickets.articles.linked', { title: article?.title ?? '' }));
        }}
        data-testid="ticket-article-search"
      />
    </Card>
  );
}
