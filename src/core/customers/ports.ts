import type { Customer, LifecycleStage, StageChange } from './customer.js';
import type { NumberMatching } from '../search/search-text.js';

export interface CustomerQuery {
  q?: string;
  /** How digits in `q` match; whole numbers unless the reader may see them (numberMatchingFor). */
  numbers?: NumberMatching;
  stage?: LifecycleStage;
  vip?: boolean;
  category?: string;
  tag?: string;
  limit: number;
  cursor?: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

// What the customers module needs from storage; src/adapters/db repositories satisfy it.
export interface CustomerStore {
  insert(c: Customer): Promise<void>;
  update(c: Customer): Promise<void>;
  findById(id: string): Promise<Customer | undefined>;
  /** Reads the customer for a change and holds it until the commit (PostgreSQL: FOR UPDATE), so parallel changes run one after another. */
  findForUpdate(id: string): Promise<Customer | undefined>;
  findByCode(code: string): Promise<Customer | undefined>;
  /** The customer holding this (normalized) number, if any. */
  findByPhone(number: string): Promise<Customer | undefined>;
  list(q: CustomerQuery): Promise<Page<Customer>>;
  appendStageChange(c: StageChange): Promise<void>;
  stageHistory(customerId: string): Promise<StageChange[]>;
}
