import { api } from '../api/client';
import type { Role } from '../auth/roles';

export interface ActiveStandard {
  version: number;
  label: string;
  source: string;
  createdAt: number;
  createdBy: string | null;
  comment: string | null;
}

export interface StandardVersion {
  version: number;
  packId: string;
  comment: string | null;
  createdAt: number;
  createdBy: string | null;
}

export interface HoursInterval {
  start: string;
  end: string;
}

export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof weekdays)[number];
export type WeeklyHours = '24x7' | Partial<Record<Weekday, HoursInterval[]>>;

export interface CalendarSpec {
  timeZone: string;
  weeklyHours: WeeklyHours;
  makeUpDayHours?: HoursInterval[];
  observeOfficialHolidays?: boolean;
  overrides?: unknown[];
}

export interface WorkingCalendar {
  id: string;
  name: string;
  isDefault: boolean;
  spec: CalendarSpec;
  updatedAt: number;
  updatedBy: string | null;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup-workday';

export interface CalendarDay {
  date: string;
  workday: boolean;
  kind: DayKind;
  name?: string;
  hours: HoursInterval[];
  decidedBy: 'weekly-hours' | 'official' | 'override';
}

export interface CalendarYear {
  calendarId: string;
  year: number;
  timeZone: string;
  covered: boolean;
  days: CalendarDay[];
}

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  team: string | null;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  displayName?: string;
  team?: string | null;
}

export const settingsApi = {
  standard: (signal?: AbortSignal) => api.get<ActiveStandard>('/api/standard', { signal }),
  saveStandard: (source: string, comment: string) =>
    api.put<{ version: number; label: string }>('/api/standard', { source, ...(comment.trim() && { comment: comment.trim() }) }),
  versions: (signal?: AbortSignal) => api.get<{ items: StandardVersion[] }>('/api/standard/versions', { signal }),
  version: (version: number, signal?: AbortSignal) =>
    api.get<StandardVersion & { source: string }>(`/api/standard/versions/${version}`, { signal }),

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
  updateUser: (id: string, patch: Partial<Pick<UserRecord, 'role' | 'displayName' | 'team' | 'active'>>) =>
    api.patch<UserRecord>(`/api/users/${encodeURIComponent(id)}`, patch),
  issueToken: (id: string, name: string) => api.post<{ token: string }>(`/api/users/${encodeURIComponent(id)}/tokens`, { name }),
  tokens: (id: string, signal?: AbortSignal) => api.get<{ items: TokenRecord[] }>(`/api/users/${encodeURIComponent(id)}/tokens`, { signal }),
  revokeToken: (id: string, tokenId: string) => api.delete<void>(`/api/users/${encodeURIComponent(id)}/tokens/${encodeURIComponent(tokenId)}`),
  setPassword: (id: string, change: { password: string; revokeTokens: boolean; currentPassword?: string }) =>
    api.put<{ revokedTokens: number }>(`/api/users/${encodeURIComponent(id)}/password`, change),
};

/** An API token as the server lists it: never the secret. */
export interface TokenRecord {
  id: string;
  name: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}
