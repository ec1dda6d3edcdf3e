import { defaultTicketSettings } from './ticket-settings.js';
import type { TicketSettingsStore } from './ports.js';

/**
 * Teams became private by default (issue #12). An install that already has tickets but never
 * stored its ticket settings has worked with open teams: that is written down as its setting,
 * so an upgrade changes nothing under its users (an admin closes the teams with one setting).
 * A new install stores nothing here and gets the private default.
 */
export async function keepOpenTeamsOfExistingInstall(settings: TicketSettingsStore, hasTickets: () => Promise<boolean>): Promise<void> {
  if ((await settings.isStored()) || !(await hasTickets())) return;
  await settings.put({ ...defaultTicketSettings, teamsPrivate: false });
}
