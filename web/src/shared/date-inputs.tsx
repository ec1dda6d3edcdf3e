import { DatePicker, TimePicker } from 'antd';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import type { CSSProperties } from 'react';

/**
 * Date, month and time fields that read in the reader's language whatever the browser's own is. A
 * native `<input type="date">` is drawn by the browser in *its* language (mm/dd/yyyy in an English
 * Chrome) however the page is set; antd's pickers follow the app's locale (ConfigProvider + dayjs,
 * see app.tsx). They take and give the same plain strings the API uses (`2026-03-02`, `2026-03`,
 * `08:30`; '' when empty), so they drop into a Form.Item where a native input was.
 */
interface StringInputProps {
  value?: string | undefined;
  onChange?: ((value: string) => void) | undefined;
  id?: string | undefined;
  style?: CSSProperties | undefined;
  'aria-label'?: string | undefined;
  allowClear?: boolean | undefined;
  placeholder?: string | undefined;
}

dayjs.extend(customParseFormat);

const DAY = 'YYYY-MM-DD';
const MONTH = 'YYYY-MM';
const TIME = 'HH:mm';

function parsed(value: string | undefined, format: string) {
  if (!value) return null;
  const d = dayjs(value, format, true);
  return d.isValid() ? d : null;
}

export function DateInput({ value, onChange, allowClear = true, ...rest }: StringInputProps) {
  return <DatePicker {...rest} allowClear={allowClear} value={parsed(value, DAY)} onChange={(d) => onChange?.(d ? d.format(DAY) : '')} />;
}

export function MonthInput({ value, onChange, allowClear = false, ...rest }: StringInputProps) {
  return <DatePicker {...rest} picker="month" allowClear={allowClear} value={parsed(value, MONTH)} onChange={(d) => onChange?.(d ? d.format(MONTH) : '')} />;
}

export function TimeInput({ value, onChange, allowClear = true, ...rest }: StringInputProps) {
  return <TimePicker {...rest} format={TIME} needConfirm={false} allowClear={allowClear} value={parsed(value, TIME)} onChange={(d) => onChange?.(d ? d.format(TIME) : '')} />;
}
