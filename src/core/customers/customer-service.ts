import { timeZone } from '../calendar/time-zone.js';
import { AppError, type FieldError } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { Random } from '../shared/random.js';
import { orderedId } from './ordered-id.js';
import type { Role } from '../users/roles.js';
import { present, revealPersonalData } from '../shared/personal-data.js';
import type { AuditLog } from '../users/ports.js';
import {
  defaultContactPreferences,
  isEmail,
  lifecycleStages,
  validatePhones,
  validateTimeWindows,
  type ContactPreferences,
  type Customer,
  type LifecycleStage,
  type PhoneKind,
  type StageChange,
} from './customer.js';
import type { CustomerQuery, CustomerStore, Page } from './ports.js';

export interface CustomerInput {
  code?: string | null;
  name?: string;
  company?: string | null;
  email?: string | null;
  category?: string | null;
  vip?: boolean;
  stage?: LifecycleStage;
  tags?: string[];
  phones?: Array<{ number: string; kind?: PhoneKind }>;
  contactPreferences?: Partial<ContactPreferences>;
  note?: string | null;
  /** Why the stage changed (kept in the stage history). */
  stageReason?: string;
}

export interface CustomerActor {
  id: string | null;
  username: string | null;
  role: Role | null;
}

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

/** Runs `fn` with the customer store bound to one transaction. */
export type CustomerUnitOfWork = <T>(fn: (customers: CustomerStore) => Promise<T>) => Promise<T>;

/** A customer as it may leave the server: phones and e-mail masked unless this answer is a revealed one. */
export function presentCustomer(c: Customer, revealed: boolean): Customer {
  if (revealed) return c;
  return { ...c, phones: c.phones.map((p) => ({ ...p, number: present('phone', p.number, false) ?? '' })), email: present('email', c.email, false) };
}

const trimOrNull = (s: string | null | undefined): string | null => {
  const t = s?.trim();
  return t ? t : null;
};

/**
 * The customer database (CRM-DB): one record per person, found by any of their phone numbers.
 * A number belongs to one customer only; creating or importing a second customer with it is a
 * conflict, never a silent duplicate.
 */
export class CustomerService {
  constructor(
    private readonly deps: {
      unitOfWork: CustomerUnitOfWork;
      /** Reads outside a transaction. */
      store: CustomerStore;
      clock: Clock;
      random: Random;
      audit: AuditLog;
    },
  ) {}

  async create(input: CustomerInput, actor: CustomerActor): Promise<Customer> {
    return this.deps.unitOfWork(async (store) => {
      const now = this.deps.clock.now();
      const c = this.build(input, undefined, now);
      await this.assertUnique(store, c);
      await store.insert(c);
      await store.appendStageChange(this.stageChange(c.id, null, c.stage, now, actor, input.stageReason ?? null));
      return c;
    });
  }

  async update(id: string, patch: CustomerInput, actor: CustomerActor): Promise<Customer> {
    return this.deps.unitOfWork(async (store) => {
      const before = await store.findForUpdate(id);
      if (!before) throw AppError.notFound('Customer');
      const now = this.deps.clock.now();
      const after = this.build(patch, before, now);
      await this.assertUnique(store, after);
      await store.update(after);
      if (after.stage !== before.stage) await store.appendStageChange(this.stageChange(id, before.stage, after.stage, now, actor, patch.stageReason ?? null));
      return after;
    });
  }

  async get(id: string): Promise<Customer> {
    const c = await this.deps.store.findById(id);
    if (!c) throw AppError.notFound('Customer');
    return c;
  }

  /** The unmasked record, for a role allowed to see it; every such read is in the audit log. */
  async reveal(id: string, actor: CustomerActor, ip: string | null): Promise<Customer> {
    const c = await this.get(id);
    await revealPersonalData(this.deps, actor, { type: 'customer', id }, 'phone', ip);
    return c;
  }

  list(q: CustomerQuery): Promise<Page<Customer>> {
    return this.deps.store.list(q);
  }

  findByPhone(number: string): Promise<Customer | undefined> {
    return this.deps.store.findByPhone(number);
  }

  stageHistory(id: string): Promise<StageChange[]> {
    return this.deps.store.stageHistory(id);
  }

  /**
   * One import row: matched by customer code, else by phone. A row equal to what is stored changes
   * nothing, so importing the same file twice adds nothing the second time.
   */
  async importOne(input: CustomerInput, actor: CustomerActor): Promise<{ outcome: ImportOutcome; customer: Customer }> {
    return this.deps.unitOfWork(async (store) => {
      const now = this.deps.clock.now();
      const probe = this.build(input, undefined, now);
      let existing = probe.code ? await store.findByCode(probe.code) : undefined;
      if (!existing) {
        for (const p of probe.phones) {
          existing = await store.findByPhone(p.number);
          if (existing) break;
        }
      }
      if (!existing) {
        await this.assertUnique(store, probe);
        await store.insert(probe);
        await store.appendStageChange(this.stageChange(probe.id, null, probe.stage, now, actor, 'import'));
        return { outcome: 'created' as const, customer: probe };
      }
      // Locked and read again: a parallel change of this customer goes first or waits.
      existing = (await store.findForUpdate(existing.id)) ?? existing;
      if (existing.code && probe.code && existing.code !== probe.code) {
        throw AppError.conflict(`phone already belongs to customer ${existing.code}`, [{ path: 'phones', message: `already belongs to customer ${existing.code}`, code: 'taken', params: { by: existing.code } }]);
      }
      // Phones from the file are added to those already known, never replacing them.
      const phones = [...existing.phones];
      for (const p of probe.phones) if (!phones.some((q) => q.number === p.number)) phones.push(p);
      const merged = this.build({ ...input, phones, stage: input.stage ?? existing.stage }, existing, now);
      if (sameCustomer(existing, merged)) return { outcome: 'unchanged' as const, customer: existing };
      await this.assertUnique(store, merged);
      await store.update(merged);
      if (merged.stage !== existing.stage) await store.appendStageChange(this.stageChange(existing.id, existing.stage, merged.stage, now, actor, 'import'));
      return { outcome: 'updated' as const, customer: merged };
    });
  }

  private build(input: CustomerInput, before: Customer | undefined, now: number): Customer {
    const fields: FieldError[] = [];
    const name = input.name !== undefined ? input.name.trim() : before?.name ?? '';
    if (!name) fields.push({ path: 'name', message: 'required', code: 'required' });
    if (name.length > 100) fields.push({ path: 'name', message: 'at most 100 characters', code: 'too_long', params: { maximum: 100 } });
    const email = input.email !== undefined ? trimOrNull(input.email) : before?.email ?? null;
    if (email && !isEmail(email)) fields.push({ path: 'email', message: `"${email}" is not an e-mail address`, code: 'invalid_format', params: { format: 'email' } });
    const stage = input.stage ?? before?.stage ?? 'potential';
    if (!(lifecycleStages as readonly string[]).includes(stage)) fields.push({ path: 'stage', message: `must be one of ${lifecycleStages.join(', ')}`, code: 'one_of', params: { values: lifecycleStages.join(', ') } });
    const code = input.code !== undefined ? trimOrNull(input.code) : before?.code ?? null;
    if (code && !/^[\w.-]{1,64}$/.test(code)) fields.push({ path: 'code', message: 'letters, digits, . _ - (at most 64)', code: 'invalid_format', params: { format: 'code' } });
    const prefs: ContactPreferences = { ...defaultContactPreferences, ...before?.contactPreferences, ...input.contactPreferences };
    fields.push(...validateTimeWindows(prefs.doNotCall, 'contactPreferences.doNotCall'));
    if (typeof prefs.timeZone === 'string' && prefs.timeZone.trim() === '') prefs.timeZone = null;
    if (prefs.timeZone !== null) {
      try {
        prefs.timeZone = timeZone(prefs.timeZone, 'contactPreferences.timeZone').name;
      } catch (e) {
        if (e instanceof AppError && e.fields) fields.push(...e.fields);
        else throw e;
      }
    }
    let phones = before?.phones ?? [];
    if (input.phones !== undefined) {
      try {
        phones = validatePhones(input.phones);
      } catch (e) {
        if (e instanceof AppError && e.fields) fields.push(...e.fields);
        else throw e;
      }
    }
    if (fields.length) throw AppError.validation(`Invalid customer: ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}`, fields);
    const tags = input.tags !== undefined ? [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))] : before?.tags ?? [];
    return {
      id: before?.id ?? newId(this.deps.random, now, 'cu_'),
      code,
      name,
      company: input.company !== undefined ? trimOrNull(input.company) : before?.company ?? null,
      email,
      category: input.category !== undefined ? trimOrNull(input.category) : before?.category ?? null,
      vip: input.vip ?? before?.vip ?? false,
      stage,
      tags,
      phones,
      contactPreferences: prefs,
      note: input.note !== undefined ? trimOrNull(input.note) : before?.note ?? null,
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
    };
  }

  private async assertUnique(store: CustomerStore, c: Customer): Promise<void> {
    const fields: FieldError[] = [];
    for (const [i, p] of c.phones.entries()) {
      const holder = await store.findByPhone(p.number);
      if (holder && holder.id !== c.id) fields.push({ path: `phones.${i}.number`, message: `already belongs to customer ${holder.id} (${holder.name})`, code: 'taken', params: { by: holder.name } });
    }
    if (c.code) {
      const holder = await store.findByCode(c.code);
      if (holder && holder.id !== c.id) fields.push({ path: 'code', message: `already used by customer ${holder.id}`, code: 'taken', params: { by: holder.name } });
    }
    if (fields.length) throw AppError.conflict('A customer with this phone number or code already exists', fields);
  }

  private stageChange(customerId: string, from: LifecycleStage | null, to: LifecycleStage, at: number, actor: CustomerActor, reason: string | null): StageChange {
    return { id: orderedId(this.deps.random, at, 'cs_'), customerId, from, to, at, actorId: actor.id, actorName: actor.username, reason };
  }
}

function sameCustomer(a: Customer, b: Customer): boolean {
  const strip = (c: Customer) => JSON.stringify({ ...c, updatedAt: 0 });
  return strip(a) === strip(b);
}
