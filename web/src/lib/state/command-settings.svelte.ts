import {
  CommandSettingsDocument,
  RequestAutonomyChangeDocument,
  RevokeStandingAuthorityDocument,
  type AutonomyMode,
  type CommandSettingsQuery,
  type EffectorClass,
} from '@tessera/schema/operations';
import type { SignedInApi } from '../api/client.ts';
import { attempt, errorMessage } from '../api/errors.ts';

/**
 * A commander's settings for the nation: autonomy modes in force and standing authorities, reloaded
 * every few seconds while shown, and what a commander does with them: ask for an autonomy change
 * (an authorization request), revoke a standing authority.
 */
export class CommandSettings {
  settings = $state.raw<CommandSettingsQuery | null>(null);
  error = $state<string | null>(null);
  #api: SignedInApi;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(api: SignedInApi) {
    this.#api = api;
  }

  start(everyMs = 5000): void {
    void this.load();
    this.#timer = setInterval(() => void this.load(), everyMs);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async load(): Promise<void> {
    try {
      this.settings = await this.#api.request(CommandSettingsDocument, {});
      this.error = null;
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  /** Opens a request to change an effector class's autonomy: null when opened, else why not. */
  requestAutonomyChange(effectorClass: EffectorClass, to: AutonomyMode, reason: string): Promise<string | null> {
    return attempt(() => this.#api.request(RequestAutonomyChangeDocument, { effectorClass, to, reason }));
  }

  /** Revokes a standing authority of the nation: null when revoked, else why not. */
  revoke(id: string): Promise<string | null> {
    return attempt(async () => {
      await this.#api.request(RevokeStandingAuthorityDocument, { id });
      await this.load();
    });
  }
}
