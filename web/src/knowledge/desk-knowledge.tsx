import { BookOutlined, ImportOutlined } from '@ant-design/icons';
import { Button, Empty, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n-context';
import { knowledgeApi, type ArticleView } from './knowledge-api';

const SUGGEST_DELAY_MS = 500;

/**
 * CP-COMPLEX on the desk: look a hard question up while the customer holds. Suggestions follow the
 * live conversation's text (the call's transcript so far and the reply being typed); a search box
 * finds anything else. "插入答复" puts an article's answer into the chat reply (and the desk cites the
 * article on the call's ticket).
 */
export function DeskKnowledge({ conversation, onInsert }: { conversation: string; onInsert: (article: ArticleView) => void }) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [suggested, setSuggested] = useState<{ items: Array<{ article: ArticleView; matched: string[] }> }>({ items: [] });
  const [found, setFound] = useState<ArticleView[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    if (!conversation.trim()) {
      setSuggested({ items: [] });
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      knowledgeApi
        .suggest(conversation, controller.signal)
        .then((r) => setSuggested({ items: r.items }))
        .catch(() => undefined);
    }, SUGGEST_DELAY_MS);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [conversation]);

  useEffect(() => {
    if (!query.trim()) {
      setFound(null);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      knowledgeApi
        .list({ q: query }, controller.signal)
        .then((r) => setFound(r.items))
        .catch(() => undefined);
    }, 300);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [query]);

  const row = (a: ArticleView, matched?: string[]) => (
    <li key={a.id} data-testid="kb-article" className="kefu-kb-item">
      <div>
        <Space size={4} wrap>
          <a onClick={() => setOpen(open === a.id ? null : a.id)}>
            <BookOutlined /> <span data-testid="kb-article-title">{a.title}</span>
          </a>
          <Tag>{a.category}</Tag>
          {a.visibility === 'internal' && <Tag color="blue">{t('kb.visibility.internal')}</Tag>}
          {a.reviewDue && <Tag color="orange">{t('kb.reviewDue')}</Tag>}
        </Space>
        {matched && matched.length > 0 && (
          <div className="kefu-text-secondary" style={{ fontSize: 12 }}>
            {t('kb.desk.because', { words: matched.slice(0, 4).join('、') })}
          </div>
        )}
        {open === a.id && (
          <div style={{ marginTop: 6 }}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }} data-testid="kb-answer">
              {a.answer}
            </Typography.Paragraph>
            {a.details && (
              <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap', fontSize: 12 }} ellipsis={{ rows: 4, expandable: true }}>
                {a.details}
              </Typography.Paragraph>
            )}
          </div>
        )}
        <Button size="small" icon={<ImportOutlined />} onClick={() => onInsert(a)} data-testid="kb-insert">
          {t('kb.desk.insert')}
        </Button>
      </div>
    </li>
  );

  return (
    <div data-testid="desk-knowledge">
      <Input.Search allowClear size="small" placeholder={t('kb.desk.search')} aria-label={t('kb.desk.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      {found ? (
        found.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('kb.empty')} data-testid="kb-search-results" />
        ) : (
          <ul className="kefu-plain-list kefu-kb-list" data-testid="kb-search-results">
            {found.slice(0, 8).map((a) => row(a))}
          </ul>
        )
      ) : suggested.items.length > 0 ? (
        <>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('kb.desk.suggested')}
          </Typography.Text>
          <ul className="kefu-plain-list kefu-kb-list" data-testid="kb-suggestions">
            {suggested.items.map((s) => row(s.article, s.matched))}
          </ul>
        </>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('kb.desk.idle')} />
      )}
    </div>
  );
}
