import { describe, expect, it } from 'vitest';
import { canOpenModule, homePathFor, moduleKeys, modulesFor, roles, settingsSectionsFor } from './roles';

describe('role-aware navigation', () => {
  it('never shows an agent the settings, the dashboard or reports', () => {
    expect(modulesFor('agent')).toEqual(['desk', 'tickets', 'customers', 'callbacks', 'reviews', 'knowledge', 'visits']);
  });

  it('shows an administrator every module', () => {
    expect(modulesFor('admin')).toEqual([...moduleKeys]);
  });

  it('lands every role on a module it may open', () => {
    for (const role of roles) {
      const home = homePathFor(role).slice(1);
      expect(moduleKeys.some((module) => module === home && canOpenModule(role, module))).toBe(true);
    }
  });

  it('keeps users and roles to administrators and the standard pack to QA and administrators', () => {
    expect(settingsSectionsFor('admin')).toEqual(['standard', 'calendars', 'users']);
    expect(settingsSectionsFor('qa')).toEqual(['standard', 'calendars']);
    expect(settingsSectionsFor('manager')).toEqual(['calendars']);
  });

  it('gives every role that opens settings at least one section', () => {
    for (const role of roles) {
      if (canOpenModule(role, 'settings')) expect(settingsSectionsFor(role).length).toBeGreaterThan(0);
    }
  });
});
