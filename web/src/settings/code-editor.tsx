import { forwardRef, useImperativeHandle, useRef, type UIEvent } from 'react';
import type { PackLineError } from './settings-api';

export interface CodeEditorHandle {
  /** Moves the caret to the start of a 1-based line and scrolls it into view. */
  goToLine(line: number): void;
}

interface CodeEditorProps {
  value: string;
  onChange?: (value: string) => void;
  readOnly?: boolean;
  errors?: readonly PackLineError[];
  ariaLabel: string;
  describedBy?: string;
  rows?: number;
}

const lineHeight = 20;

/**
 * A plain textarea with a line-number gutter that scrolls with it; lines with a validation error are
 * marked in the gutter. No editor library: the pack is YAML a centre edits a few lines of at a time.
 */
export const CodeEditor = forwardRef<CodeEditorHandle, CodeEditorProps>(function CodeEditor(
  { value, onChange, readOnly = false, errors = [], ariaLabel, describedBy, rows = 28 },
  ref,
) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lineCount = value.split('\n').length;
  const errorLines = new Map<number, string>();
  for (const error of errors) errorLines.set(error.line, [errorLines.get(error.line), error.message].filter(Boolean).join('\n'));

  useImperativeHandle(ref, () => ({
    goToLine(line: number) {
      const element = textarea.current;
      if (!element) return;
      const lines = element.value.split('\n');
      const offset = lines.slice(0, Math.max(0, line - 1)).reduce((sum, text) => sum + text.length + 1, 0);
      element.focus();
      element.setSelectionRange(offset, offset + (lines[line - 1]?.length ?? 0));
      element.scrollTop = Math.max(0, (line - 5) * lineHeight);
    },
  }));

  function syncScroll(event: UIEvent<HTMLTextAreaElement>) {
    if (gutter.current) gutter.current.scrollTop = event.currentTarget.scrollTop;
  }

  return (
    <div className={`kefu-code-editor${errors.length > 0 ? ' kefu-code-editor--invalid' : ''}`} style={{ height: rows * lineHeight + 16 }}>
      <div ref={gutter} className="kefu-code-editor__gutter" aria-hidden="true">
        {Array.from({ length: lineCount }, (_, index) => {
          const message = errorLines.get(index + 1);
          return (
            <div key={index} className={message ? 'kefu-code-editor__line kefu-code-editor__line--error' : 'kefu-code-editor__line'} title={message} data-error-line={message ? index + 1 : undefined}>
              {index + 1}
            </div>
          );
        })}
        <div style={{ height: 40 }} />
      </div>
      <textarea
        ref={textarea}
        className="kefu-code-editor__text"
        value={value}
        readOnly={readOnly}
        onChange={(event) => onChange?.(event.target.value)}
        onScroll={syncScroll}
        spellCheck={false}
        wrap="off"
        aria-label={ariaLabel}
        aria-describedby={describedBy}
        aria-invalid={errors.length > 0}
        data-testid="pack-editor"
      />
    </div>
  );
});
