import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Select, Spin, Switch, Tag } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { ApiError, type FieldError } from '../api/client';
import { describeApiError, describeFieldError } from '../api/error-message';
import { useCurrentUser } from '../auth/auth-context';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import { useLoad } from '../shared/use-load';
import { formatIntervals, parseIntervals } from './hours-text';
import { settingsApi, weekdays, type CalendarDay, type DayKind, type Weekday, type WorkingCalendar } from './settings-api';

const kindLabel: Record<DayKind, MessageKey> = {
  workday: 'calendar.kind.workday',
  weekend: 'calendar.kind.weekend',
  holiday: 'calendar.kind.holiday',
  'makeup-workday': 'calendar.kind.makeup',
};

const weekdayLabel: Record<Weekday, MessageKey> = {
  monday: 'calendar.weekday.monday',
  tuesday: 'calendar.weekday.tuesday',
  wednesday: 'calendar.weekday.wednesday',
  thursday: 'calendar.weekday.thursday',
  friday: 'calendar.weekday.friday',
  saturday: 'calendar.weekday.saturday',
  sunday: 'calendar.weekday.sunday',
};

function Month({ month, days }: { month: number; days: CalendarDay[] }) {
  const { t, locale } = useI18n();
  const first = days[0];
  if (!first) return null;
  // Weeks start on Monday, as Chinese calendars print them.
  const [y, m, d] = first.date.split('-').map(Number);
  const lead = (new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay() + 6) % 7;
  const monthName = new Date(Date.UTC(y!, month, 1)).toLocaleString(locale, { month: 'long', timeZone: 'UTC' });
  return (
    <div className="kefu-month">
      <div className="kefu-month__name">{monthName}</div>
      <div className="kefu-month__grid" role="grid" aria-label={monthName}>
        {weekdays.map((w) => (
          <div key={w} className="kefu-month__weekday" aria-hidden="true">
            {t(weekdayLabel[w]).slice(-1)}
          </div>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          <div key={`lead-${i}`} />
        ))}
        {days.map((day) => {
          const label = `${day.date} ${t(kindLabel[day.kind])}${day.name ? ` · ${day.name}` : ''}`;
          return (
            <div key={day.date} className={`kefu-day kefu-day--${day.kind}`} title={label} aria-label={label} role="gridcell" data-kind={day.kind}>
              {Number(day.date.slice(8))}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function YearView({ calendarId }: { calendarId: string }) {
  const { t } = useI18n();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const data = useLoad((signal) => settingsApi.calendarYear(calendarId, year, signal), [calendarId, year]);
  const months = useMemo(() => {
    const byMonth: CalendarDay[][] = Array.from({ length: 12 }, () => []);
    for (const day of data.data?.days ?? []) byMonth[Number(day.date.slice(5, 7)) - 1]?.push(day);
    return byMonth;
  }, [data.data]);
  const named = (data.data?.days ?? []).filter((d) => d.kind === 'holiday' || d.kind === 'makeup-workday');
  return (
    <section className="kefu-panel" aria-labelledby="year-heading" data-testid="calendar-year">
      <div className="kefu-panel__head">
        <h3 id="year-heading" className="kefu-panel__title">{t('calendar.yearTitle', { year })}</h3>
        <div className="kefu-actions">
          <Button icon={<LeftOutlined />} onClick={() => setYear((y) => y - 1)} aria-label={t('calendar.prevYear')} />
          <Button onClick={() => setYear(new Date().getFullYear())}>{t('calendar.thisYear')}</Button>
          <Button icon={<RightOutlined />} onClick={() => setYear((y) => y + 1)} aria-label={t('calendar.nextYear')} />
        </div>
      </div>
      <div className="kefu-legend">
        {(['holiday', 'makeup-workday', 'weekend', 'workday'] as const).map((kind) => (
          <span key={kind} className="kefu-legend__item">
            <span className={`kefu-day kefu-day--${kind} kefu-legend__swatch`} />
            {t(kindLabel[kind])}
          </span>
        ))}
      </div>
      {data.status === 'error' && <Alert type="error" showIcon title={describeApiError(data.error, t)} action={<Button size="small" onClick={data.reload}>{t('common.retry')}</Button>} />}
      {data.data && !data.data.covered && <Alert type="warning" showIcon title={t('calendar.uncovered', { year })} style={{ marginBottom: 12 }} />}
      <Spin spinning={data.status === 'loading'}>
        <div className="kefu-year">
          {months.map((days, month) => (
            <Month key={month} month={month} days={days} />
          ))}
        </div>
      </Spin>
      {named.length > 0 && (
        <details className="kefu-holiday-list">
          <summary>{t('calendar.listSpecial', { count: named.length })}</summary>
          <ul>
            {named.map((day) => (
              <li key={day.date}>
                <span className="kefu-mono">{day.date}</span> <Tag color={day.kind === 'holiday' ? 'red' : 'orange'}>{t(kindLabel[day.kind])}</Tag> {day.name ?? ''}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function WeeklyHoursForm({ calendar, editable, onSaved }: { calendar: WorkingCalendar; editable: boolean; onSaved: (c: WorkingCalendar) => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const initial = calendar.spec.weeklyHours;
  const [allDay, setAllDay] = useState(initial === '24x7');
  const [texts, setTexts] = useState<Record<Weekday, string>>(() =>
    Object.fromEntries(weekdays.map((w) => [w, initial === '24x7' ? '' : formatIntervals(initial[w] ?? [])])) as Record<Weekday, string>,
  );
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const errorFor = (day: Weekday) => {
    const field = fieldErrors.find((e) => e.path === `weekly.${day}` || e.path.startsWith(`spec.weeklyHours.${day}`));
    return field && describeFieldError(field, t);
  };

  async function save() {
    setFailure(null);
    const local: FieldError[] = [];
    const hours: Partial<Record<Weekday, { start: string; end: string }[]>> = {};
    if (!allDay) {
      for (const day of weekdays) {
        const parsed = parseIntervals(texts[day]);
        if (parsed.ok) {
          if (parsed.intervals.length > 0) hours[day] = parsed.intervals;
        } else local.push({ path: `weekly.${day}`, message: t('calendar.hoursFormat') });
      }
    }
    setFieldErrors(local);
    if (local.length > 0) return;
    setSaving(true);
    try {
      const saved = await settingsApi.saveCalendar(calendar, allDay ? '24x7' : hours);
      message.success(t('calendar.saved'));
      onSaved(saved);
    } catch (error) {
      if (error instanceof ApiError && error.fields.length > 0) setFieldErrors([...error.fields]);
      setFailure(describeApiError(error, t));
    } finally {
      setSaving(false);
    }
  }

  const unplaced = fieldErrors.filter((e) => !weekdays.some((d) => e.path === `weekly.${d}` || e.path.startsWith(`spec.weeklyHours.${d}`)));
  return (
    <section className="kefu-panel" aria-labelledby="hours-heading">
      <h3 id="hours-heading" className="kefu-panel__title">
        {t('calendar.weeklyHours')}
        <span className="kefu-text-secondary kefu-panel__hint">{t('calendar.timeZone', { zone: calendar.spec.timeZone })}</span>
      </h3>
      <Form layout="horizontal" size="small" labelCol={{ flex: '88px' }} className="kefu-hours-form" onFinish={save} disabled={!editable} data-testid="weekly-hours">
        <Form.Item label={t('calendar.allDay')} htmlFor="hours-24x7">
          <Switch id="hours-24x7" checked={allDay} onChange={setAllDay} />
        </Form.Item>
        {!allDay &&
          weekdays.map((day) => (
            <Form.Item
              key={day}
              label={t(weekdayLabel[day])}
              htmlFor={`hours-${day}`}
              validateStatus={errorFor(day) ? 'error' : undefined}
              help={errorFor(day)}
            >
              <Input
                id={`hours-${day}`}
                value={texts[day]}
                onChange={(event) => setTexts((all) => ({ ...all, [day]: event.target.value }))}
                placeholder={t('calendar.closed')}
                style={{ maxWidth: 320 }}
              />
            </Form.Item>
          ))}
        {!editable && <p className="kefu-text-secondary">{t('calendar.readOnly')}</p>}
        {unplaced.map((e) => (
          <Alert key={e.path} type="error" showIcon title={`${e.path}：${describeFieldError(e, t)}`} style={{ marginBottom: 8 }} />
        ))}
        {failure && unplaced.length === 0 && <Alert type="error" showIcon title={failure} style={{ marginBottom: 8 }} />}
        {editable && (
          <Button type="primary" htmlType="submit" loading={saving}>
            {t('calendar.saveHours')}
          </Button>
        )}
      </Form>
    </section>
  );
}

export function CalendarSettings() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const editable = user.role === 'manager' || user.role === 'admin';
  const list = useLoad((signal) => settingsApi.calendars(signal), []);
  const [selectedId, setSelectedId] = useState<string | undefined>();
  const [overrides, setOverrides] = useState<Record<string, WorkingCalendar>>({});
  const calendars = (list.data?.items ?? []).map((c) => overrides[c.id] ?? c);
  useEffect(() => {
    if (selectedId === undefined && calendars.length > 0) setSelectedId((calendars.find((c) => c.isDefault) ?? calendars[0])!.id);
  }, [calendars, selectedId]);
  const selected = calendars.find((c) => c.id === selectedId);

  if (list.status === 'loading' && !list.data) return <Spin />;
  if (list.status === 'error' && !list.data) {
    return <Alert type="error" showIcon title={describeApiError(list.error, t)} action={<Button size="small" onClick={list.reload}>{t('common.retry')}</Button>} />;
  }
  if (calendars.length === 0) return <p className="kefu-text-secondary">{t('calendar.none')}</p>;
  return (
    <div data-testid="calendar-settings">
      <div className="kefu-actions kefu-actions--start" style={{ marginBottom: 12 }}>
        <label htmlFor="calendar-select">{t('calendar.choose')}</label>
        <Select
          id="calendar-select"
          value={selectedId}
          onChange={setSelectedId}
          style={{ width: 380 }}
          options={calendars.map((c) => ({ value: c.id, label: `${c.name}${c.isDefault ? ` (${t('calendar.default')})` : ''}` }))}
        />
      </div>
      {selected && (
        <>
          <YearView key={`${selected.id}-${selected.updatedAt}`} calendarId={selected.id} />
          <WeeklyHoursForm
            key={`hours-${selected.id}-${selected.updatedAt}`}
            calendar={selected}
            editable={editable}
            onSaved={(saved) => setOverrides((all) => ({ ...all, [saved.id]: saved }))}
          />
        </>
      )}
    </div>
  );
}
