import { UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Input } from 'antd';
import { useId, useRef, useState, type ChangeEvent } from 'react';
import { ApiError, type FieldError } from '../api/client';
import { describeApiError, describeFieldError } from '../api/error-message';
import { useI18n } from '../i18n/i18n-context';
import { parseTranscriptInput, type InputLineError } from './transcript-input';

/**
 * Paste or upload transcript JSON / JSON Lines. Parse errors name their line; the server's
 * field errors (`transcripts.0.utterances.2.speaker`) are listed right under the text box.
 */
export function TranscriptUpload({
  onSubmit,
  submitLabel,
  single = false,
}: {
  onSubmit: (transcripts: unknown[]) => Promise<void>;
  submitLabel: string;
  single?: boolean;
}) {
  const { t } = useI18n();
  const textId = useId();
  const errorsId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [lineErrors, setLineErrors] = useState<InputLineError[]>([]);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function readFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (!file) return;
    setText(await file.text());
    setLineErrors([]);
    setFieldErrors([]);
    event.target.value = '';
  }

  async function submit() {
    setFailure(null);
    setFieldErrors([]);
    const parsed = parseTranscriptInput(text);
    setLineErrors(parsed.errors);
    if (parsed.errors.length > 0) return;
    if (parsed.transcripts.length === 0) {
      setFailure(t('quality.try.emptyInput'));
      return;
    }
    if (single && parsed.transcripts.length > 1) {
      setFailure(t('quality.try.oneOnly'));
      return;
    }
    setBusy(true);
    try {
      await onSubmit(parsed.transcripts);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) setFieldErrors([...error.fields]);
      setFailure(describeApiError(error, t));
    } finally {
      setBusy(false);
    }
  }

  const hasErrors = lineErrors.length > 0 || fieldErrors.length > 0;
  return (
    <div className="kefu-transcript-upload">
      <label htmlFor={textId} className="kefu-field-label">
        {t('quality.try.label')}
      </label>
      <Input.TextArea
        id={textId}
        value={text}
        onChange={(event) => setText(event.target.value)}
        autoSize={{ minRows: 8, maxRows: 18 }}
        className="kefu-code-input"
        placeholder={t('quality.try.placeholder')}
        status={hasErrors ? 'error' : undefined}
        aria-invalid={hasErrors}
        aria-describedby={hasErrors ? errorsId : undefined}
        spellCheck={false}
        data-testid="transcript-input"
      />
      {hasErrors && (
        <ul id={errorsId} className="kefu-field-errors" role="alert" data-testid="transcript-errors">
          {lineErrors.map((error) => (
            <li key={`line-${error.line}`}>{t('quality.try.lineError', { line: error.line, message: error.message })}</li>
          ))}
          {fieldErrors.map((error) => (
            <li key={`field-${error.path}`}>
              <span className="kefu-mono">{error.path}</span>：{describeFieldError(error, t)}
            </li>
          ))}
        </ul>
      )}
      <div className="kefu-actions">
        <input ref={fileInput} type="file" accept=".json,.jsonl,application/json" hidden onChange={readFile} data-testid="transcript-file" />
        <Button icon={<UploadOutlined />} onClick={() => fileInput.current?.click()}>
          {t('quality.try.upload')}
        </Button>
        <Button type="primary" loading={busy} onClick={submit} disabled={text.trim() === ''}>
          {submitLabel}
        </Button>
      </div>
      {failure && !hasErrors && <Alert type="error" showIcon title={failure} style={{ marginTop: 12 }} />}
    </div>
  );
}
