import { describe, expect, it } from 'vitest';
import { CallIdKey, callIdKeyOf, callIdKeyOfBytes } from './queue-log-events.js';

const bytes = (s: string): Uint8Array => Uint8Array.from(Buffer.from(`x|${s}|y`, 'latin1'));

describe('callid keys', () => {
  it('keys a callid the same from its string and from its bytes', () => {
    for (const id of ['', 'c', '1700000001.0', '1700000001.123456', '123456789012345678', '1234567890123456789', 'SIP/100-0000002a;1', 'a-much-longer-callid-than-eighteen-characters']) {
      const fromString = { ...callIdKeyOf(id, new CallIdKey()) };
      const fromBytes = { ...callIdKeyOfBytes(bytes(id), 2, 2 + id.length, new CallIdKey()) };
      expect(fromBytes).toEqual(fromString);
      expect(fromString.length).toBe(id.length);
      if (id.length > 18) expect(fromString.k0).toBeNaN();
      else expect(fromString.k0).not.toBeNaN();
    }
  });

  it('tells apart callids that differ in one character or only in length', () => {
    const keys = ['1700000001.12', '1700000001.13', '1700000001.1', '170000000.112'].map((id) => ({ ...callIdKeyOf(id, new CallIdKey()) }));
    expect(new Set(keys.map((k) => `${k.k0}/${k.k1}/${k.k2}/${k.length}`)).size).toBe(4);
  });

  it('does not pack non-ASCII callids, so they are compared as strings', () => {
    expect(callIdKeyOf('呼叫1', new CallIdKey()).k0).toBeNaN();
  });
});
