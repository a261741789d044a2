/** The web server's configuration, read once. */
export const webEnv = {
  /** GraphQL endpoint as the browser should reach it, when it is not port GATEWAY_PORT of the page's host. */
  gatewayUrl: process.env.GATEWAY_URL ?? null,
  /** Port of the gateway on the page's host (default 4000). */
  gatewayPort: Number(process.env.GATEWAY_PORT ?? 4000),
};
