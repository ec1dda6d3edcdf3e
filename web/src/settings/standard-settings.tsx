import { Alert, App, Button, Form, Input, Select, Spin, Table, Tag } from 'antd';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiError } from '../api/client';
import { describeApiError, describeFieldError } from '../api/error-message';
import { useI18n } from '../i18n/i18n-context';
import { useInstantFormat } from '../shared/use-instant-format';
import { useLoad } from '../shared/use-load';
import { CodeEditor, type CodeEditorHandle } from './code-editor';
import { diffLines, withContext } from './line-diff';
import { settingsApi, type PackLineError, type StandardVersion } from './settings-api';

function PackEditor({ onSaved }: { onSaved: () => void }) {
  const { t } = useI18n();
  const when = useInstantFormat();
  const { message } = App.useApp();
  const active = useLoad((signal) => settingsApi.standard(signal), []);
  const editor = useRef<CodeEditorHandle>(null);
  const errorsId = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<PackLineError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  if (active.status === 'loading' && !active.data) return <Spin />;
  if (active.status === 'error' && !active.data) {
    return <Alert type="error" showIcon title={describeApiError(active.error, t)} action={<Button size="small" onClick={active.reload}>{t('common.retry')}</Button>} />;
  }
  const current = active.data!;
  const editing = draft !== null;
  // What is wrong, worded from its code in the author's language (and again when they switch it).
  const shown = errors.map((error): PackLineError => ({ ...error, message: describeFieldError(error, t) }));

  async function save() {
    if (draft === null) return;
    setSaving(true);
    setFailure(null);
    try {
      const saved = await settingsApi.saveStandard(draft, comment);
      setErrors([]);
      setDraft(null);
      setComment('');
      message.success(t('standard.saved', { version: saved.version }));
      active.reload();
      onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) {
        // The server puts each error of a pack sent as text at its line (PUT /api/standard).
        const located = error.fields.map((field): PackLineError => ({ ...field, line: field.line ?? 1, place: field.place ?? field.path }));
        setErrors(located);
        setFailure(t('standard.invalid', { count: located.length }));
        if (located[0]) editor.current?.goToLine(located[0].line);
      } else {
        setFailure(describeApiError(error, t));
      }
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="kefu-panel" aria-labelledby="pack-heading">
      <div className="kefu-panel__head">
        <h3 id="pack-heading" className="kefu-panel__title">
          {t('standard.inForce')} <Tag className="kefu-mono">{current.label}</Tag>
          <span className="kefu-text-secondary kefu-panel__hint">
            {t('standard.savedBy', { version: current.version, who: current.createdBy ?? t('standard.builtIn'), when: when(current.createdAt, { year: true }) })}
          </span>
        </h3>
        {!editing && (
          <Button type="primary" onClick={() => setDraft(current.source)}>
            {t('standard.edit')}
          </Button>
        )}
      </div>
      <CodeEditor
        ref={editor}
        value={draft ?? current.source}
        onChange={(value) => setDraft(value)}
        readOnly={!editing}
        errors={shown}
        ariaLabel={t('standard.source')}
        describedBy={errors.length > 0 ? errorsId : undefined}
      />
      {errors.length > 0 && (
        <ul id={errorsId} className="kefu-field-errors" role="alert" data-testid="pack-errors">
          {shown.map((error, index) => (
            <li key={index}>
              <Button type="link" size="small" onClick={() => editor.current?.goToLine(error.line)}>
                {t('standard.line', { line: error.line })}
              </Button>
              <span className="kefu-mono">{error.place}</span>：{error.message}
            </li>
          ))}
        </ul>
      )}
      {editing && (
        <Form layout="vertical" className="kefu-save-form" onFinish={save}>
          <Form.Item label={t('standard.comment')} htmlFor="standard-comment">
            <Input id="standard-comment" value={comment} maxLength={500} onChange={(event) => setComment(event.target.value)} placeholder={t('standard.commentPlaceholder')} />
          </Form.Item>
          {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
          <div className="kefu-actions">
            <Button
              onClick={() => {
                setDraft(null);
                setErrors([]);
                setFailure(null);
              }}
            >
              {t('common.cancel')}
            </Button>
            <Button type="primary" htmlType="submit" loading={saving} disabled={draft === current.source}>
              {t('standard.save')}
            </Button>
          </div>
        </Form>
      )}
    </section>
  );
}

function VersionDiff({ versions }: { versions: StandardVersion[] }) {
  const { t } = useI18n();
  const newest = versions[0]?.version;
  const [pair, setPair] = useState<{ from?: number; to?: number }>({});
  useEffect(() => {
    if (newest !== undefined) setPair({ from: versions[1]?.version ?? newest, to: newest });
  }, [newest, versions]);
  const { from, to } = pair;
  const sources = useLoad(
    async (signal) => {
      if (from === undefined || to === undefined) return null;
      const [a, b] = await Promise.all([settingsApi.version(from, signal), settingsApi.version(to, signal)]);
      return { a: a.source, b: b.source };
    },
    [from, to],
  );
  const shown = useMemo(() => (sources.data ? withContext(diffLines(sources.data.a, sources.data.b), 3) : []), [sources.data]);
  const options = versions.map((v) => ({ value: v.version, label: `v${v.version}${v.comment ? ` · ${v.comment}` : ''}` }));

  return (
    <section className="kefu-panel" aria-labelledby="diff-heading">
      <h3 id="diff-heading" className="kefu-panel__title">{t('standard.diff')}</h3>
      <div className="kefu-actions kefu-actions--start">
        <label>
          {t('standard.diffFrom')}{' '}
          <Select aria-label={t('standard.diffFrom')} value={from} onChange={(value: number) => setPair((p) => ({ ...p, from: value }))} options={options} style={{ width: 220 }} />
        </label>
        <label>
          {t('standard.diffTo')}{' '}
          <Select aria-label={t('standard.diffTo')} value={to} onChange={(value: number) => setPair((p) => ({ ...p, to: value }))} options={options} style={{ width: 220 }} />
        </label>
      </div>
      {sources.status === 'error' && <Alert type="error" showIcon title={describeApiError(sources.error, t)} />}
      {sources.status === 'loading' && <Spin />}
      {sources.status === 'ok' && sources.data && (
        shown.length === 0 ? (
          <p className="kefu-text-secondary">{t('standard.noDifference')}</p>
        ) : (
          <pre className="kefu-diff" data-testid="pack-diff">
            {shown.map((line, index) =>
              line === null ? (
                <div key={index} className="kefu-diff__skip">⋯</div>
              ) : (
                <div key={index} className={`kefu-diff__line kefu-diff__line--${line.kind}`}>
                  <span className="kefu-diff__num">{line.kind === 'added' ? '' : line.oldLine}</span>
                  <span className="kefu-diff__num">{line.kind === 'removed' ? '' : line.newLine}</span>
                  <span className="kefu-diff__sign">{line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ' '}</span>
                  {line.text}
                </div>
              ),
            )}
          </pre>
        )
      )}
    </section>
  );
}

export function StandardSettings() {
  const { t } = useI18n();
  const when = useInstantFormat();
  const history = useLoad((signal) => settingsApi.versions(signal), []);
  const versions = history.data?.items ?? [];
  return (
    <div data-testid="standard-settings">
      <PackEditor onSaved={history.reload} />
      <section className="kefu-panel" aria-labelledby="history-heading">
        <h3 id="history-heading" className="kefu-panel__title">{t('standard.history')}</h3>
        {history.status === 'error' && <Alert type="error" showIcon title={describeApiError(history.error, t)} />}
        <Table<StandardVersion>
          size="small"
          rowKey="version"
          loading={history.status === 'loading'}
          dataSource={versions}
          pagination={versions.length > 10 ? { pageSize: 10 } : false}
          locale={{ emptyText: t('standard.noHistory') }}
          columns={[
            { title: t('standard.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
            { title: t('standard.packId'), dataIndex: 'packId', render: (v: string) => <span className="kefu-mono">{v}</span> },
            { title: t('standard.comment'), dataIndex: 'comment', render: (v: string | null) => v ?? '—' },
            { title: t('standard.by'), dataIndex: 'createdBy', render: (v: string | null) => v ?? '—' },
            { title: t('standard.when'), dataIndex: 'createdAt', render: (v: number) => when(v, { year: true }) },
          ]}
        />
      </section>
      {versions.length > 0 && <VersionDiff versions={versions} />}
    </div>
  );
}
