import { useEffect, useState } from 'react';
import type { Names } from '@contract/names';
import { api } from '../api/client';
import { useI18n } from '../i18n/i18n-context';

/**
 * People and queues as the centre calls them (`GET /api/names`): lists name agents by username and
 * queues by PBX id, screens show 小周 and 服务热线. Read once per page load and shared by every list
 * (names change rarely; a new colleague shows by username until the next load).
 */
let loaded: Promise<Names> | undefined;
/** The names once read: a screen opened later starts with them (its first render, e.g. a form's initial values, too). */
let known: Names | undefined;

function loadNames(): Promise<Names> {
  loaded ??= api.get<Names>('/api/names').then((n) => (known = n)).catch((e: unknown) => {
    // A failed read is tried again by the next screen that asks; until then ids are shown.
    loaded = undefined;
    throw e;
  });
  return loaded;
}

export interface NameOf {
  /** The display name of a username; the username itself when unknown; '—' for none. */
  person: (username: string | null | undefined) => string;
  /** The pack's name of a queue id; the id when the pack names none; '—' for none. */
  queue: (id: string | null | undefined) => string;
  /** The people the reader may see, for pickers: value the username, label the name. */
  people: { value: string; label: string }[];
  /** The centre's time zone (undefined until read: the browser's zone meanwhile). */
  zone: string | undefined;
}

// Queue names are the centre's labels (converted for a 繁體 reader, like the pack's text); people's names are kept as written.
const ids = (names: Names | undefined, script: (text: string) => string): NameOf => ({
  person: (u) => (u ? (names?.people[u] ?? u) : '—'),
  queue: (q) => (q ? script(names?.queues[q] ?? q) : '—'),
  people: Object.entries(names?.people ?? {}).map(([value, label]) => ({ value, label: label === value ? value : `${label} (${value})` })),
  zone: names?.timeZone,
});

export function useNames(): NameOf {
  const [names, setNames] = useState<Names | undefined>(known);
  useEffect(() => {
    let live = true;
    loadNames().then(
      (n) => live && setNames(n),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const { script } = useI18n();
  return ids(names, script);
}

/** Forget the names read: a sign-in or sign-out on this page (the next user may read other names). */
export function forgetNames(): void {
  loaded = undefined;
  known = undefined;
}
