import { api } from '../api/client';
import type { Page } from '@contract/common';
import { everyMemberOf } from '../api/contract-lists';

// The customer shapes are the server's (src/contract/customers.ts); a change there is a type error here.
export type { Customer, CustomerOverview, StageChange, SatisfactionPoint, LifecycleStage, PhoneKind } from '@contract/customers';
import type { Customer, CustomerOverview, LifecycleStage } from '@contract/customers';

/** Filter options, in the order the screens show them. */
export const lifecycleStages = everyMemberOf<LifecycleStage>()(['potential', 'new', 'loyal', 'referrer']);

export interface CustomerFilters {
  q?: string;
  stage?: string;
  vip?: boolean;
}

const customerPath = (id: string) => `/api/customers/${encodeURIComponent(id)}`;

export const customersApi = {
  list(filters: CustomerFilters, cursor: string | undefined, signal?: AbortSignal, limit = 50): Promise<Page<Customer>> {
    return api.get<Page<Customer>>('/api/customers', {
      signal,
      query: { q: filters.q || undefined, stage: filters.stage || undefined, vip: filters.vip ? 'true' : undefined, limit, cursor },
    });
  },
  overview(id: string, signal?: AbortSignal): Promise<CustomerOverview> {
    return api.get<CustomerOverview>(`${customerPath(id)}/overview`, { signal });
  },
  /** Audited on the server as customer.pii_read. */
  reveal(id: string): Promise<Customer> {
    return api.get<Customer>(customerPath(id), { query: { reveal: 'pii' } });
  },
};

/** Customer lookup by the caller's number: the list search matches phone numbers. */
export async function findCustomerByPhone(phone: string, signal?: AbortSignal): Promise<Customer | null> {
  const digits = phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  if (digits.length < 5) return null;
  const page = await customersApi.list({ q: digits }, undefined, signal, 2);
  return page.items[0] ?? null;
}
