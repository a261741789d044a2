/**
 * The audit chain as a contract between its one writer (the authority's audit log) and its readers
 * (the gateway's audit timeline, `./tessera audit verify`, the stack launcher): the pure chain
 * (canonical JSON, hash, seal, verify), the key files, the stream definition and the stream reader.
 */
export * from './chain.ts';
export * from './keys.ts';
export * from './reader.ts';
export * from './stream.ts';
