import type { AppContext } from '../../app.js';

/**
 * Fills an empty database with believable demo data so every screen has something to show.
 * Runs once: a marker in settings keeps a restart from adding it twice.
 */
export async function seedDemoData(ctx: AppContext, say: (m: string) => void): Promise<void> {
  if (await ctx.settings.get('demo.seeded')) return;
  const people: Array<[string, string, 'agent' | 'supervisor' | 'qa' | 'manager', string]> = [
    ['zhou', '小周', 'agent', '热线一组'],
    ['li', '李娜', 'agent', '热线一组'],
    ['wang', '王强', 'agent', '热线二组'],
    ['chen', '陈主管', 'supervisor', '热线一组'],
    ['lin', '林质检', 'qa', '质检组'],
    ['zhao', '赵经理', 'manager', '管理部'],
  ];
  for (const [username, displayName, role, team] of people) {
    await ctx.users.createUser({ username, displayName, role, team, password: 'kefu-demo-2026' });
  }
  await ctx.settings.put('demo.seeded', { at: ctx.clock.now() }, ctx.clock.now());
  say('演示数据已生成：坐席 zhou / li / wang，主管 chen，质检 lin，经理 zhao（密码均为 kefu-demo-2026）。');
}
