import tsCharacters from 'opencc-js/dict/TSCharacters';
import twVariantsRev from 'opencc-js/dict/TWVariantsRev';
import hkVariantsRev from 'opencc-js/dict/HKVariantsRev';
import cjkCompatibility from 'opencc-js/dict/CJK_Compatibility_Ideographs';

/**
 * Character folds built once at load from OpenCC's Traditional→Simplified dictionaries.
 *
 * Matching only needs both scripts to land on the SAME text, not a linguistically perfect
 * conversion, so a per-character table is enough and keeps one output character per input
 * character (offsets stay trivial). Where OpenCC offers several Simplified candidates (乾 → 乾/干)
 * we take the first one that differs from the source: the fold is applied to Simplified input
 * too, so any choice is consistent on both sides.
 */

function parseDict(dict: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of dict.split('|')) {
    const [from, ...candidates] = entry.split(' ');
    if (!from || candidates.length === 0) continue;
    const to = candidates.find((c) => c !== from) ?? candidates[0];
    if (to !== undefined && to !== from) map.set(from, to);
  }
  return map;
}

// Folds OpenCC leaves to its phrase tables or does not cover, seen in real service text.
const EXTRA_CHAR_FOLDS: Record<string, string> = {
  妳: '你',
  祢: '你',
  瞭: '了',
  // OpenCC converts these only inside phrases (回覆→回复, 諮詢→咨询, 憑藉→凭借).
  覆: '复',
  諮: '咨',
  谘: '咨',
  藉: '借',
  沈: '沉',
  彷: '仿',
  甦: '苏',
  // Variants that are both current in Simplified text: OpenCC maps 帳→帐 but 賬→账, and centres
  // write 账单 and 帐单 alike. One search form (账) so 帳單, 帐单, 賬單 and 账单 all meet.
  帐: '账',
  帳: '账',
};

/** Equal-length phrase folds applied after the character table (Taiwanese 甚麼 = 什么). */
export const PHRASE_FOLDS: ReadonlyArray<readonly [string, string]> = [['甚么', '什么']];

/** code point → replacement string (one code point), for every character that changes. */
export function buildCharFolds(): Map<number, string> {
  const variants = new Map<string, string>([...parseDict(cjkCompatibility), ...parseDict(hkVariantsRev), ...parseDict(twVariantsRev)]);
  const ts = parseDict(tsCharacters);
  const folds = new Map<number, string>();
  const add = (from: string, to: string): void => {
    const cp = from.codePointAt(0);
    if (cp === undefined || from === to) return;
    folds.set(cp, to);
  };
  const extra = new Map(Object.entries(EXTRA_CHAR_FOLDS));
  const step = (c: string): string => {
    const e = extra.get(c);
    if (e !== undefined) return e;
    const v = variants.get(c) ?? c;
    return ts.get(v) ?? v;
  };
  // Iterate to a fixed point so that folding is idempotent: Simplified 么 and Traditional 麼 must
  // end on the same character even though the dictionaries chain through a variant (么→幺).
  const fold = (c: string): string => {
    let cur = c;
    for (let i = 0; i < 8; i++) {
      const next = step(cur);
      if (next === cur) break;
      cur = next;
    }
    return cur;
  };
  for (const c of new Set([...variants.keys(), ...ts.keys(), ...extra.keys()])) add(c, fold(c));
  return folds;
}
