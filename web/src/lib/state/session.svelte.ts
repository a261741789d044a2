import { LoginDocument, RefreshTokenDocument, type LoginMutation } from '@tessera/schema/operations';
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
    this.#store(login);
  }

  /** Exchange the token for a fresh one a few minutes before it expires, for as long as the page is open. */
  keepAlive(api: Api): () => void {
    const timer = setInterval(() => {
      if (!this.token || !this.expiresAt || Date.parse(this.expiresAt) - Date.now() > 5 * 60_000) return;
      api.request(RefreshTokenDocument, {}, this.token).then(
        ({ refreshToken }) => this.#store(refreshToken),
        () => undefined, // an expired session ends at the next refused request
      );
    }, 30_000);
    return () => clearInterval(timer);
  }

  #store(login: { user: User; token: string; expiresAt: string }): void {
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
