import { Alert, Button, Drawer, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography, message as antdMessage } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { TicketStatusTag } from '../tickets/ticket-labels';
import { describeApiError } from '../api/error-message';
import { placeFieldErrors } from './form-errors';
import { useI18n } from '../i18n/i18n-context';
import { useInstantFormat } from '../shared/use-instant-format';
import { useLoad } from '../shared/use-load';
import { knowledgeApi, type ArticleDiff, type ArticleView } from './knowledge-api';
import { DateInput } from '../shared/date-inputs';

interface ArticleForm {
  title: string;
  answer: string;
  details?: string;
  category?: string;
  visibility: 'internal' | 'public';
  reviewDate?: string;
  note?: string;
}

export function ArticlesView({ canWrite }: { canWrite: boolean }) {
  const { t } = useI18n();
  const when = useInstantFormat();
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<string | undefined>();
  const [reviewDue, setReviewDue] = useState(false);
  const [selected, setSelected] = useState<ArticleView | null>(null);
  const [editing, setEditing] = useState<ArticleView | 'new' | null>(null);
  const list = useLoad((signal) => knowledgeApi.list({ q, ...(category && { category }), reviewDue }, signal), [q, category, reviewDue]);
  const categories = useLoad((signal) => import('../api/client').then(({ api }) => api.get<{ items: Array<{ category: string; count: number }> }>('/api/knowledge/categories', { signal })), [list.data]);

  return (
    <div data-testid="kb-articles">
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search allowClear placeholder={t('kb.search')} aria-label={t('kb.search')} onSearch={setQ} style={{ width: 280 }} data-testid="kb-search" />
        <Select allowClear placeholder={t('kb.category')} style={{ width: 160 }} value={category} onChange={setCategory} options={(categories.data?.items ?? []).map((c) => ({ value: c.category, label: `${c.category}（${c.count}）` }))} />
        <Space size={4}>
          <Switch size="small" checked={reviewDue} onChange={setReviewDue} />
          {t('kb.onlyReviewDue')}
        </Space>
        {canWrite && (
          <Button type="primary" onClick={() => setEditing('new')} data-testid="kb-new">
            {t('kb.new')}
          </Button>
        )}
      </Space>
      {list.status === 'error' && <Alert type="error" showIcon title={describeApiError(list.error, t)} action={<a onClick={list.reload}>{t('common.retry')}</a>} />}
      <Table<ArticleView>
        rowKey="id"
        size="small"
        loading={list.status === 'loading'}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('kb.empty') }}
        onRow={(a) => ({ onClick: () => setSelected(a), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('kb.field.title'), dataIndex: 'title', render: (v: string) => <a data-testid="kb-row-title">{v}</a> },
          { title: t('kb.category'), dataIndex: 'category', width: 120 },
          { title: t('kb.field.visibility'), dataIndex: 'visibility', width: 100, render: (v: ArticleView['visibility']) => (v === 'public' ? <Tag color="green">{t('kb.visibility.public')}</Tag> : <Tag color="blue">{t('kb.visibility.internal')}</Tag>) },
          { title: t('kb.field.version'), dataIndex: 'version', width: 70, render: (v: number) => `v${v}` },
          { title: t('kb.field.reviewDate'), dataIndex: 'reviewDate', width: 150, render: (v: string | null, a) => (v ? <Space size={4}>{v}{a.reviewDue && <Tag color="orange">{t('kb.reviewDue')}</Tag>}</Space> : '—') },
          { title: t('kb.field.updatedAt'), dataIndex: 'updatedAt', width: 130, render: (v: number) => when(v) },
        ]}
      />
      <ArticleDrawer
        article={selected}
        canWrite={canWrite}
        onClose={() => setSelected(null)}
        onEdit={(a) => setEditing(a)}
        onChanged={(a) => {
          setSelected(a);
          list.reload();
        }}
      />
      {editing && (
        <ArticleEditor
          article={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(a) => {
            setEditing(null);
            setSelected(a);
            list.reload();
          }}
        />
      )}
    </div>
  );
}

function ArticleDrawer({ article, canWrite, onClose, onEdit, onChanged }: { article: ArticleView | null; canWrite: boolean; onClose: () => void; onEdit: (a: ArticleView) => void; onChanged: (a: ArticleView) => void }) {
  const { t } = useI18n();
  const when = useInstantFormat();
  const versions = useLoad((signal) => (article ? knowledgeApi.versions(article.id, signal) : Promise.resolve({ items: [] })), [article?.id, article?.version]);
  const [diff, setDiff] = useState<ArticleDiff | null>(null);
  const [messageApi, holder] = antdMessage.useMessage();
  if (!article) return null;

  async function restore(version: number) {
    if (!article) return;
    try {
      onChanged(await knowledgeApi.restore(article.id, version, article.version));
      void messageApi.success(t('kb.restored', { version }));
    } catch (error) {
      void messageApi.error(describeApiError(error, t));
    }
  }

  return (
    <Drawer open size={640} title={article.title} onClose={onClose} extra={canWrite && <Button onClick={() => onEdit(article)} data-testid="kb-edit">{t('kb.edit')}</Button>}>
      {holder}
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag>{article.category}</Tag>
        <Tag>v{article.version}</Tag>
        {article.reviewDue && <Tag color="orange">{t('kb.reviewDue')}</Tag>}
      </Space>
      <Typography.Title level={5}>{t('kb.field.answer')}</Typography.Title>
      <Typography.Paragraph copyable style={{ whiteSpace: 'pre-wrap' }} data-testid="kb-drawer-answer">
        {article.answer}
      </Typography.Paragraph>
      {article.details && (
        <>
          <Typography.Title level={5}>{t('kb.field.details')}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{article.details}</Typography.Paragraph>
        </>
      )}
      <CitedBy articleId={article.id} />
      <Typography.Title level={5}>{t('kb.versions')}</Typography.Title>
      <ul className="kefu-plain-list kefu-kb-list" data-testid="kb-versions">
        {(versions.data?.items ?? []).map((v) => (
          <li key={v.version} className="kefu-kb-item">
            <Space size={6} wrap>
              <b>v{v.version}</b>
              <span>{when(v.editedAt)}</span>
              {v.note && <Typography.Text type="secondary">{v.note}</Typography.Text>}
              {v.version > 1 && <a onClick={() => void knowledgeApi.diff(article.id, v.version - 1, v.version).then(setDiff)}>{t('kb.diff')}</a>}
              {canWrite && v.version !== article.version && <a onClick={() => void restore(v.version)}>{t('kb.restore')}</a>}
            </Space>
          </li>
        ))}
      </ul>
      <Modal open={diff !== null} onCancel={() => setDiff(null)} footer={null} width={640} title={diff ? t('kb.diffTitle', { from: diff.from, to: diff.to }) : ''}>
        {diff?.fields.map((f) => (
          <div key={f.field} style={{ marginBottom: 8 }}>
            <b>{f.field}</b>
            {f.lines ? (
              <pre className="kefu-kb-diff">
                {f.lines.map((l, i) => (
                  <div key={i} style={{ background: l.op === 'add' ? '#e6ffed' : l.op === 'remove' ? '#ffeef0' : undefined }}>
                    {l.op === 'add' ? '+ ' : l.op === 'remove' ? '- ' : '  '}
                    {l.text}
                  </div>
                ))}
              </pre>
            ) : (
              <div>
                {f.from ?? '—'} → {f.to ?? '—'}
              </div>
            )}
          </div>
        ))}
      </Modal>
    </Drawer>
  );
}

/** The article form's items, named as the server names their field errors. */
const articleFieldNames = ['title', 'answer', 'details', 'category', 'visibility', 'reviewDate', 'note'] as const;

function ArticleEditor({ article, onClose, onSaved }: { article: ArticleView | null; onClose: () => void; onSaved: (a: ArticleView) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ArticleForm>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(v: ArticleForm) {
    setSaving(true);
    setError(null);
    const body = { title: v.title, answer: v.answer, details: v.details ?? null, category: v.category || undefined, visibility: v.visibility, reviewDate: v.reviewDate || null };
    try {
      onSaved(article ? await knowledgeApi.edit(article.id, { ...body, version: article.version, ...(v.note && { note: v.note }) }) : await knowledgeApi.create(body));
    } catch (e) {
      const placed = placeFieldErrors(e, articleFieldNames, t);
      form.setFields(placed.fields as never);
      setError(placed.notice);
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal open title={article ? t('kb.edit') : t('kb.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} width={640} okText={t('kb.save')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} data-testid="kb-save-error" />}
      <Form<ArticleForm>
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={
          article
            ? { title: article.title, answer: article.answer, details: article.details ?? undefined, category: article.category, visibility: article.visibility, reviewDate: article.reviewDate ?? '' }
            : { visibility: 'internal' }
        }
      >
        <Form.Item name="title" label={t('kb.field.title')} rules={[{ required: true, message: t('kb.required.title') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="answer" label={t('kb.field.answer')} extra={t('kb.answerHint')} rules={[{ required: true, message: t('kb.required.answer') }]}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={5000} />
        </Form.Item>
        <Form.Item name="details" label={t('kb.field.details')}>
          <Input.TextArea autoSize={{ minRows: 3 }} maxLength={20000} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="category" label={t('kb.category')}>
            <Input maxLength={50} style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="visibility" label={t('kb.field.visibility')}>
            <Select style={{ width: 160 }} options={[{ value: 'internal', label: t('kb.visibility.internal') }, { value: 'public', label: t('kb.visibility.public') }]} />
          </Form.Item>
          <Form.Item name="reviewDate" label={t('kb.field.reviewDate')}>
            <DateInput style={{ width: 160 }} />
          </Form.Item>
        </Space>
        {article && (
          <Form.Item name="note" label={t('kb.field.note')}>
            <Input maxLength={500} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** The tickets citing the article that the reader may see (team privacy), with how many there are. */
function CitedBy({ articleId }: { articleId: string }) {
  const { t } = useI18n();
  const when = useInstantFormat();
  const citing = useLoad((signal) => knowledgeApi.citingTickets(articleId, signal), [articleId]);
  const page = citing.data;
  return (
    <div data-testid="kb-cited-by">
      <Typography.Title level={5}>{t('kb.citedBy')}</Typography.Title>
      {citing.status === 'error' && <Alert type="error" showIcon title={describeApiError(citing.error, t)} />}
      {page &&
        (page.total === 0 ? (
          <Typography.Paragraph type="secondary">{t('kb.citedByNone')}</Typography.Paragraph>
        ) : (
          <>
            <Typography.Paragraph type="secondary" data-testid="kb-cited-count">
              {t('kb.citedByCount', { count: page.total })}
            </Typography.Paragraph>
            <ul className="kefu-plain-list kefu-kb-list">
              {page.items.map((tk) => (
                <li key={tk.id} className="kefu-kb-item">
                  <Space size={6} wrap>
                    <Link to={`/tickets/${encodeURIComponent(tk.id)}`} className="kefu-mono">
                      {tk.id}
                    </Link>
                    <TicketStatusTag status={tk.status} />
                    <span>{tk.title ?? tk.description.slice(0, 40)}</span>
                    <Typography.Text type="secondary">{when(tk.createdAt)}</Typography.Text>
                  </Space>
                </li>
              ))}
            </ul>
          </>
        ))}
    </div>
  );
}
