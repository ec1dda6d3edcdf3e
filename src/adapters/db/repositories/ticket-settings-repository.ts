import type { Clock } from '../../../core/shared/clock.js';
import type { TicketSettingsStore } from '../../../core/tickets/ports.js';
import { parseTicketSettings, type TicketSettings } from '../../../core/tickets/ticket-settings.js';
import type { SettingsRepository } from './settings-repository.js';

export const TICKET_SETTINGS_KEY = 'tickets.settings';

/**
 * Ticket settings stored in the settings table (editable by admins), with the pack defaults
 * for anything missing. Cached in the process: every ticket request reads them.
 */
export class TicketSettingsRepository implements TicketSettingsStore {
  private cached: TicketSettings | undefined;
  constructor(
    private readonly settings: SettingsRepository,
    private readonly clock: Clock,
  ) {}

  async get(): Promise<TicketSettings> {
    this.cached ??= parseTicketSettings(await this.settings.get<unknown>(TICKET_SETTINGS_KEY));
    return this.cached;
  }

  async isStored(): Promise<boolean> {
    return (await this.settings.get<unknown>(TICKET_SETTINGS_KEY)) !== undefined;
  }

  async put(input: unknown): Promise<TicketSettings> {
    const parsed = parseTicketSettings(input);
    await this.settings.put(TICKET_SETTINGS_KEY, parsed, this.clock.now());
    this.cached = parsed;
    return parsed;
  }

  /** Forget the cache (another process changed the settings). */
  invalidate(): void {
    this.cached = undefined;
  }
}
