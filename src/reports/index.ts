export * from './inputs';
export * from './read-messages';
export * from './coverage';
export * from './access-matrix';
export * from './summary';
export * from './living-doc';
export * from './build';
export { esc, csvField, md, mdFence } from './escape';
export { benchmarkSummary } from './benchmark';
