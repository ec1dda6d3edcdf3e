export const roles = ['agent', 'supervisor', 'qa', 'manager', 'admin'] as const;
export type Role = (typeof roles)[number];

export function isRole(x: unknown): x is Role {
  return typeof x === 'string' && (roles as readonly string[]).includes(x);
}

/** Chinese names of the roles, as a centre says them. */
export const roleLabels: Record<Role, string> = {
  agent: '坐席',
  supervisor: '班长/主管',
  qa: '质检员',
  manager: '经理',
  admin: '系统管理员',
};
