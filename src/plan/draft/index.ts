export { draftTargets } from './draft.js';
export type { Comparator, DraftIndicator } from './types.js';
