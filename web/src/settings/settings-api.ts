import { api } from '../api/client';
import { everyMemberOf } from '../api/contract-lists';

// The settings shapes are the server's (src/contract/standard.ts, calendars.ts, users.ts); a change
// there is a type error here.
export type { ActiveStandard, StandardVersion, StandardVersionSource, SavedStandard, PackLineError } from '@contract/standard';
export type { HoursInterval, WeeklyHours, CalendarSpec, WorkingCalendar, DayKind, CalendarDay, CalendarYear, Weekday } from '@contract/calendars';
export type { UserRecord, NewUser, UserPatch, TokenRecord, IssuedToken, PasswordChange, PasswordChanged } from '@contract/users';
import type { ActiveStandard, StandardVersion, StandardVersionSource, SavedStandard } from '@contract/standard';
import type { CalendarYear, Weekday, WeeklyHours, WorkingCalendar } from '@contract/calendars';
import type { IssuedToken, NewUser, PasswordChange, PasswordChanged, TokenRecord, UserPatch, UserRecord } from '@contract/users';

/** The week as a Chinese calendar prints it, Monday first. */
export const weekdays = everyMemberOf<Weekday>()(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

export const settingsApi = {
  standard: (signal?: AbortSignal) => api.get<ActiveStandard>('/api/standard', { signal }),
  saveStandard: (source: string, comment: string) =>
    api.put<SavedStandard>('/api/standard', { source, ...(comment.trim() && { comment: comment.trim() }) }),
  versions: (signal?: AbortSignal) => api.get<{ items: StandardVersion[] }>('/api/standard/versions', { signal }),
  version: (version: number, signal?: AbortSignal) =>
    api.get<StandardVersionSource>(`/api/standard/versions/${version}`, { signal }),

  calendars: (signal?: AbortSignal) => api.get<{ items: WorkingCalendar[] }>('/api/calendars', { signal }),
  calendarYear: (id: string, year: number, signal?: AbortSignal) =>
    api.get<CalendarYear>(`/api/calendars/${encodeURIComponent(id)}/days`, { signal, query: { year } }),
  saveCalendar: (calendar: WorkingCalendar, weeklyHours: WeeklyHours) =>
    api.put<WorkingCalendar>(`/api/calendars/${encodeURIComponent(calendar.id)}`, {
      name: calendar.name,
      spec: { ...calendar.spec, weeklyHours },
    }),

  users: (signal?: AbortSignal) => api.get<{ items: UserRecord[] }>('/api/users', { signal }),
  createUser: (user: NewUser) => api.post<UserRecord>('/api/users', user),
  updateUser: (id: string, patch: UserPatch) =>
    api.patch<UserRecord>(`/api/users/${encodeURIComponent(id)}`, patch),
  issueToken: (id: string, name: string) => api.post<IssuedToken>(`/api/users/${encodeURIComponent(id)}/tokens`, { name }),
  tokens: (id: string, signal?: AbortSignal) => api.get<{ items: TokenRecord[] }>(`/api/users/${encodeURIComponent(id)}/tokens`, { signal }),
  revokeToken: (id: string, tokenId: string) => api.delete<void>(`/api/users/${encodeURIComponent(id)}/tokens/${encodeURIComponent(tokenId)}`),
  setPassword: (id: string, change: PasswordChange) =>
    api.put<PasswordChanged>(`/api/users/${encodeURIComponent(id)}/password`, change),
};
