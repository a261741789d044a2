export * from './hostile-messages.ts';
export * from './bus.ts';
export * from './stack.ts';
