import { LoginDocument, type LoginMutation } from '@tessera/schema/operations';
import type { Api } from '../api/client.ts';

type User = LoginMutation['login']['user'];
const KEY = 'tessera.session';

/** Who is signed in. Kept in sessionStorage: a reload keeps the session, closing the tab ends it. */
export class Session {
  user = $state<User | null>(null);
  token = $state<string | null>(null);
  expiresAt = $state<string | null>(null);

  constructor() {
    const saved = sessionStorage.getItem(KEY);
    if (!saved) return;
    try {
      const s = JSON.parse(saved) as { user: User; token: string; expiresAt: string };
      if (Date.parse(s.expiresAt) > Date.now()) Object.assign(this, s);
      else sessionStorage.removeItem(KEY);
    } catch {
      sessionStorage.removeItem(KEY);
    }
  }

  async login(api: Api, username: string, password: string): Promise<void> {
    const { login } = await api.request(LoginDocument, { username, password });
    this.user = login.user;
    this.token = login.token;
    this.expiresAt = login.expiresAt;
    sessionStorage.setItem(KEY, JSON.stringify({ user: login.user, token: login.token, expiresAt: login.expiresAt }));
  }

  logout(): void {
    this.user = null;
    this.token = null;
    this.expiresAt = null;
    sessionStorage.removeItem(KEY);
  }
}
