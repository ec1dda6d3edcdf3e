/**
 * Counts sign-in attempts per client address in a sliding minute. In memory, per process: enough
 * to stop password guessing against one server; behind a proxy set trustProxy so the address is
 * the client's.
 *
 * An attempt is counted when it starts, before the password hash (~100 ms), and given back only if
 * it succeeds. Checking first and recording the failure after the hash let every parallel request
 * pass the check before any had failed: 200 simultaneous guesses were 200 tries, not 20.
 */
export class LoginRateLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly maxPerMinute: number,
    private readonly now: () => number,
  ) {}

  /**
   * Takes a place for one attempt, or answers undefined when the address has used them all.
   * Check and take happen in one synchronous step, so concurrent requests cannot both get the last place.
   */
  begin(key: string): LoginAttempt | undefined {
    const list = this.recent(key);
    if (list.length >= this.maxPerMinute) return undefined;
    const at = this.now();
    list.push(at);
    this.attempts.set(key, list);
    if (this.attempts.size > 10_000) this.sweep();
    return { succeeded: () => this.forget(key, at) };
  }

  /** Seconds until the oldest attempt leaves the window. */
  retryAfterSeconds(key: string): number {
    const oldest = this.recent(key)[0];
    return oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + 60_000 - this.now()) / 1000));
  }

  private forget(key: string, at: number): void {
    const list = this.attempts.get(key);
    const i = list?.indexOf(at) ?? -1;
    if (list && i >= 0) list.splice(i, 1);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - 60_000;
    const list = (this.attempts.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length === 0) this.attempts.delete(key);
    return list;
  }

  private sweep(): void {
    for (const key of [...this.attempts.keys()]) this.recent(key);
  }
}

export interface LoginAttempt {
  /** The sign-in succeeded: its place is given back, so only failures use up the allowance. */
  succeeded(): void;
}
