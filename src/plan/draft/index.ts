export { draftTargets } from './draft.js';
export { applyRefinements, type Refinement, refineDraft } from './refine.js';
export type { Comparator, DraftIndicator } from './types.js';
