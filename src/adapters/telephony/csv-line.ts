/**
 * Splits one CSV line into fields, forgiving the quoting PBXs actually write. Asterisk and
 * PBXware emit caller ids like `""Agent-1115" <1115>"` — a quote that neither doubles nor ends
 * the field — which a strict RFC 4180 parser turns into shifted columns. Here a quote inside a
 * quoted field ends it only when followed by a comma or the end of the line; any other lone quote
 * is kept as text. Rows never span lines (neither cdr_csv nor queue_log writes newlines in fields),
 * so line numbers stay true.
 */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  const n = line.length;
  let i = 0;
  for (;;) {
    if (i < n && line.charCodeAt(i) === 34) {
      // Quoted field.
      let value = '';
      let j = i + 1;
      let segment = j;
      for (;;) {
        if (j >= n) {
          value += line.slice(segment, n);
          i = n;
          break;
        }
        if (line.charCodeAt(j) === 34) {
          const next = j + 1 < n ? line.charCodeAt(j + 1) : -1;
          if (next === -1 || next === 44) {
            value += line.slice(segment, j);
            i = j + 1;
            break;
          }
          if (next === 34) {
            // A doubled quote is one quote; `"",` at the end closes after the escaped quote only if
            // what follows the pair is not a field end, else it is an empty string closing.
            const after = j + 2 < n ? line.charCodeAt(j + 2) : -1;
            if (j === i + 1 && (after === 44 || after === -1)) {
              i = j + 1;
              break;
            }
            value += line.slice(segment, j + 1);
            j += 2;
            segment = j;
            continue;
          }
          // A lone quote in the middle of a field: keep it.
          j++;
          continue;
        }
        j++;
      }
      fields.push(value);
    } else {
      const comma = line.indexOf(',', i);
      const end = comma === -1 ? n : comma;
      fields.push(line.slice(i, end));
      i = end;
    }
    if (i >= n) break;
    // line[i] is a comma (or garbage after a closing quote: skip to the next comma).
    if (line.charCodeAt(i) !== 44) {
      const comma = line.indexOf(',', i);
      if (comma === -1) break;
      i = comma;
    }
    i++;
    if (i === n) {
      fields.push('');
      break;
    }
  }
  return fields;
}
