import type { Person } from './access.ts';

/** People of the domain specs (test fixtures): a person with a nation (or none) and roles. */
export const person = (username: string, nation: string | null, ...roles: Person['roles']): Person => ({
  username,
  nation,
  roles,
});
export const polLiaison = person('pol-liaison', 'POL', 'LIAISON');
export const polCmdr = person('pol-cmdr', 'POL', 'COMMANDER');
export const polWatch = person('pol-watch', 'POL', 'WATCH_OFFICER');
export const ukrLiaison = person('ukr-liaison', 'UKR', 'LIAISON');
export const ukrCmdr = person('ukr-cmdr', 'UKR', 'COMMANDER');
export const ukrWatch = person('ukr-watch', 'UKR', 'WATCH_OFFICER');
export const ltuLiaison = person('ltu-liaison', 'LTU', 'LIAISON');
export const admin = person('admin', null, 'ADMIN');
