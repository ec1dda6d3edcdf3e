import { closeSync, openSync, writeSync } from 'node:fs';

/** A deterministic centre for bench:kpi and bench:import: 40 agents, 3 queues, a call every ~2 s, every outcome represented. */
export function generateQueueLog(path: string, lines: number): number {
  const fd = openSync(path, 'w');
  let out = '';
  let written = 0;
  let t = 1_700_000_000;
  let seed = 42;
  const rnd = (n: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed % n;
  };
  const queues = ['Support', 'Billing', 'VIP'];
  const emit = (s: string): void => {
    out += s + '\n';
    written++;
    if (out.length > 1 << 20) {
      writeSync(fd, out);
      out = '';
    }
  };
  let call = 0;
  while (written < lines) {
    t += 1 + rnd(3);
    const id = `${t}.${call++}`;
    const q = queues[rnd(3)] as string;
    const agent = `PJSIP/${100 + rnd(40)}`;
    emit(`${t}|${id}|${q}|NONE|ENTERQUEUE||1380013${rnd(10_000)}|1`);
    const r = rnd(100);
    if (r < 10) emit(`${t + 15}|${id}|${q}|${agent}|RINGNOANSWER|15000`);
    if (r < 75) {
      const wait = rnd(40);
      const ring = 1 + rnd(20);
      const talk = 20 + rnd(400);
      emit(`${t + wait}|${id}|${q}|${agent}|CONNECT|${wait}|${id}1|${ring}`);
      if (r < 3) emit(`${t + wait + talk}|${id}|${q}|${agent}|BLINDTRANSFER|8001|default|${wait}|${talk}|1`);
      else emit(`${t + wait + talk}|${id}|${q}|${agent}|${r % 2 === 0 ? 'COMPLETECALLER' : 'COMPLETEAGENT'}|${wait}|${talk}|1`);
    } else if (r < 92) emit(`${t + 30}|${id}|${q}|NONE|ABANDON|1|1|${rnd(120)}`);
    else if (r < 97) emit(`${t + 300}|${id}|${q}|NONE|EXITWITHTIMEOUT|1|1|300`);
    else emit(`${t + 1}|${id}|${q}|NONE|EXITEMPTY|1|1|1`);
    if (call % 500 === 0) emit(`${t}|NONE|${q}|${agent}|PAUSE|lunch`);
  }
  writeSync(fd, out);
  closeSync(fd);
  return written;
}
