import { api } from '../api/client';
import type { Page, Ticket } from '../tickets/tickets-api';
import type { CallSummary } from '@contract/calls';

/** The customer shapes of `src/adapters/http/routes/customers.ts`. */
export const lifecycleStages = ['potential', 'new', 'loyal', 'referrer'] as const;
export type LifecycleStage = (typeof lifecycleStages)[number];

export interface Customer {
  id: string;
  code: string | null;
  name: string;
  company: string | null;
  email: string | null;
  category: string | null;
  vip: boolean;
  stage: LifecycleStage;
  tags: string[];
  phones: { number: string; kind: 'mobile' | 'home' | 'work' | 'other' }[];
  contactPreferences: {
    preferredPhone: string | null;
    doNotCall: { start: string; end: string }[];
    consentToCallbacks: boolean;
    consentToMarketing: boolean;
  };
  note: string | null;
  createdAt: number;
  updatedAt: number;
  masked: boolean;
}

export interface StageChange {
  id: string;
  from: string | null;
  to: string;
  at: number;
  actorName: string | null;
  reason: string | null;
}

export interface CustomerOverview {
  customer: Customer;
  stageHistory: StageChange[];
  tickets: Ticket[];
  satisfaction: { at: number; ticketId: string; satisfaction: number }[];
  /** The customer's calls, newest first (numbers masked); an agent gets the calls they answered. */
  calls: CallSummary[];
}

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
