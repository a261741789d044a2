/** The audit chain: pure chain logic, key files, the stream definition and the JetStream audit log. */
export * from './chain.ts';
export * from './keys.ts';
export * from './stream.ts';
export * from './audit-log.ts';
