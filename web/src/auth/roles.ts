import type { Role } from '@contract/common';
import { everyMemberOf } from '../api/contract-lists';

// Roles are the server's (core/users/roles.ts, through the contract); this list is only their order
// on screen, and names every role or the web does not type-check.
export type { Role } from '@contract/common';
export const roles = everyMemberOf<Role>()(['agent', 'supervisor', 'qa', 'manager', 'admin']);

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}

/** Navigation order is the order of this list. */
export const moduleKeys = [
  'desk',
  'dashboard',
  'quality',
  'tickets',
  'customers',
  'callbacks',
  'reports',
  'settings',
  'reviews',
  'knowledge',
  'visits',
] as const;
export type ModuleKey = (typeof moduleKeys)[number];

/**
 * Who sees which module. This only shapes the navigation: the server decides what each role may read
 * and write, and a hidden module is a convenience, never the protection.
 */
export const moduleRoles: Record<ModuleKey, readonly Role[]> = {
  desk: ['agent', 'supervisor', 'admin'],
  dashboard: ['supervisor', 'manager', 'admin'],
  quality: ['qa', 'supervisor', 'manager', 'admin'],
  tickets: roles,
  customers: roles,
  callbacks: ['agent', 'supervisor', 'manager', 'admin'],
  reports: ['supervisor', 'qa', 'manager', 'admin'],
  settings: ['qa', 'manager', 'admin'],
  // Agents read their reviews, appeal and train; reviewers and leads work the whole cycle.
  reviews: ['agent', 'supervisor', 'qa', 'manager', 'admin'],
  knowledge: ['agent', 'supervisor', 'qa', 'manager', 'admin'],
  visits: ['agent', 'supervisor', 'manager', 'admin'],
};

export function canOpenModule(role: Role, module: ModuleKey): boolean {
  return moduleRoles[module].includes(role);
}

export function modulesFor(role: Role): ModuleKey[] {
  return moduleKeys.filter((module) => canOpenModule(role, module));
}

const homeModule: Record<Role, ModuleKey> = {
  agent: 'desk',
  supervisor: 'dashboard',
  qa: 'quality',
  manager: 'dashboard',
  admin: 'dashboard',
};

/** Where a role lands after logging in: the screen its work starts from. */
export function homePathFor(role: Role): string {
  return `/${homeModule[role]}`;
}

/** Settings sections, in tab order. */
export const settingsSections = ['standard', 'calendars', 'users'] as const;
export type SettingsSection = (typeof settingsSections)[number];

/**
 * Who sees which settings section, mirroring the server's route access: the standard pack is the
 * quality team's and the administrator's (GET/PUT /api/standard); calendars are edited by managers
 * and administrators and shown read-only to QA; users and roles are the administrator's alone.
 */
const settingsSectionRoles: Record<SettingsSection, readonly Role[]> = {
  standard: ['qa', 'admin'],
  calendars: ['qa', 'manager', 'admin'],
  users: ['admin'],
};

export function settingsSectionsFor(role: Role): SettingsSection[] {
  return settingsSections.filter((section) => settingsSectionRoles[section].includes(role));
}
