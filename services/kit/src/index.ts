export * from './env.ts';
export * from './clock.ts';
export * from './logger.ts';
export * from './nats.ts';
export * from './dead-letter.ts';
export * from './health.ts';
export * from './shutdown.ts';
export * from './orphan-guard.ts';
