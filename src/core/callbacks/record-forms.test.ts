import { describe, expect, it } from 'vitest';
import { defaultCallbackSettings } from '../standard/callback-schema.js';
import { thrownFieldErrors } from '../shared/thrown-field-errors.test-support.js';
import { validateAbsentMessage, validateCallbackReport } from './record-forms.js';
import { compileNumberWindow } from './window-rules.js';

const errorsOf = thrownFieldErrors;

// Issue #21: the forms' errors carry a code the web words in the reader's language (the bilingual sentence stays as message).
describe('CB-ABSENT and CB-REPORT name each bad field with a code', () => {
  it('the message record: who answered, what was left, when to call again', () => {
    expect(errorsOf(() => validateAbsentMessage(undefined))).toEqual([{ path: 'message', code: 'required' }]);
    expect(errorsOf(() => validateAbsentMessage({ left: '请回电', callAgainAt: 'tomorrow' }))).toEqual([
      { path: 'message.takenBy.name', code: 'required' },
      { path: 'message.takenBy.relation', code: 'required' },
      { path: 'message.callAgainAt', code: 'invalid_format', params: { format: 'instant' } },
    ]);
  });

  it('the callback report: type, satisfaction 1–5, yes/no answers', () => {
    const report = { customerName: '孙先生', contact: '13900001111', at: '2025-10-09T10:00:00+08:00', type: 'gossip', content: '回访投诉处理结果', satisfaction: 7, solved: 'yes', followUpNeeded: false, agent: 'cb-a1' };
    expect(errorsOf(() => validateCallbackReport(report))).toEqual([
      { path: 'report.type', code: 'one_of', params: { values: expect.stringContaining('mediation') } },
      { path: 'report.satisfaction', code: 'one_of', params: { values: '1–5' } },
      { path: 'report.solved', code: 'required' },
    ]);
  });
});

describe("CB-WINDOW settings' problems carry a code", () => {
  it('an interval ending before it starts, overlapping hours, a setting that needs days: working-days', () => {
    const home = defaultCallbackSettings.windows.home;
    const { problems } = compileNumberWindow('home', { ...home, hours: [{ start: '08:00', end: '12:00' }, { start: '11:00', end: '10:00' }, { start: '11:30', end: '20:00' }], afterDaysOffNotBefore: '10:00', days: 'every-day' });
    expect(problems.map(({ path, code, params }) => ({ path: path.join('.'), code, ...(params && { params }) }))).toEqual([
      { path: 'hours.1', code: 'ends_before_start', params: { start: '11:00' } },
      { path: 'hours', code: 'overlaps', params: { with: '08:00–12:00' } },
      { path: 'afterDaysOffNotBefore', code: 'only_with', params: { setting: 'days: working-days' } },
    ]);
  });
});
