import type { Role } from './roles.js';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Team (班组) the user belongs to; ticket visibility can be limited to it. */
  team: string | null;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface UserWithSecret extends User {
  passwordHash: string;
}

/** Usernames are login names: letters, digits, `._-`, 2–64 characters (工号 like A017 fit). */
export const usernamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;
