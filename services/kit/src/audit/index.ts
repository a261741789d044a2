/**
 * The audit chain as a contract between its one writer (the authority's audit log) and its readers
 * (the gateway's audit timeline and notary, `./tessera audit verify`, the stack launcher): the pure
 * chain (canonical JSON, hash, seal, verify), its anchors (checkpoints signed by the notary), the key
 * files, the stream definitions and the stream reader.
 */
export * from './anchor.ts';
export * from './chain.ts';
export * from './keys.ts';
export * from './reader.ts';
export * from './stream.ts';
