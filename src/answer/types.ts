/** The shapes shared by retrieval, extractive answering and the model path. */

export type Lang = 'zh' | 'en';

/** A cited span: `section` is the section label (CONTRACT §2), `quote` a verbatim span of the plan text. */
export interface Citation {
  section: string;
  quote: string;
}

/** What every answer path returns; `planbot ask --json` prints the first four fields. */
export interface Answer {
  answer: string;
  grounded: boolean;
  mode: 'llm' | 'extractive';
  citations: Citation[];
  lang: Lang;
  /** A short note for the user, e.g. that the model was unreachable and the answer is extractive. */
  note?: string;
  /** When not grounded: labels of the nearest sections, to point the asker somewhere. */
  nearest?: string[];
  /**
   * Why a model answer was replaced by the extractive one: the model was unreachable, its quotes could not be
   * found in the plan, its answer held a figure its quotes do not hold, or it recited its instructions.
   */
  fallback?: ModelFallback;
  /**
   * How much of the question the plan's best passage covers (0–1, the question's words weighted by how rare they are
   * in this plan): set by the extractive path, to choose among several plans (`planFit`).
   */
  fit?: number;
  /** A reply to small talk (你好, 谢谢, how to use the bot), not an answer from the plan: there is nothing to rate. */
  social?: true;
}

export type ModelFallback = 'unavailable' | 'quotes' | 'figures' | 'leak';

/** A retrievable span of the plan: a sentence or a paragraph, with the section it sits in. */
export interface Passage {
  id: string;
  /** Section label, as in CONTRACT §2, e.g. `一、(三) 代表性指标`. */
  section: string;
  text: string;
  kind: 'sentence' | 'paragraph';
}

export interface ScoredPassage extends Passage {
  score: number;
}

/** One earlier turn of a thread, oldest first, so follow-ups can be understood. */
export interface Turn {
  role: 'user' | 'assistant';
  text: string;
}

export interface AskOptions {
  offline?: boolean;
  history?: Turn[];
  /** Called with each new chunk of a model answer as it streams. */
  onDelta?: (chunk: string) => void | Promise<void>;
}

export interface Answerer {
  ask(question: string, options?: AskOptions): Promise<Answer>;
}
