import { Api, gatewayUrl } from './api/client.ts';
import { Session } from './state/session.svelte.ts';
import { Settings } from './state/settings.svelte.ts';

/** The app's long-lived objects, created once in the browser. */
export interface App {
  api: Api;
  session: Session;
  settings: Settings;
}

let app: Promise<App> | undefined;

export function getApp(): Promise<App> {
  app ??= gatewayUrl().then((url) => ({ api: new Api(url), session: new Session(), settings: new Settings() }));
  return app;
}
