/** Okapi BM25 over pre-tokenised documents, with an inverted index so a query touches only matching documents. */
export class Bm25 {
  private readonly postings = new Map<string, { doc: number[]; tf: number[] }>();
  private readonly lengths: Float64Array;
  private readonly avgLength: number;
  constructor(
    docs: string[][],
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {
    this.lengths = Float64Array.from(docs, (d) => d.length);
    this.avgLength = docs.reduce((sum, d) => sum + d.length, 0) / Math.max(1, docs.length);
    docs.forEach((tokens, doc) => {
      const counts = new Map<string, number>();
      for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [t, tf] of counts) {
        const list = this.postings.get(t) ?? { doc: [], tf: [] };
        if (list.doc.length === 0) this.postings.set(t, list);
        list.doc.push(doc);
        list.tf.push(tf);
      }
    });
  }

  /**
   * Scores concepts given in several alternative forms (an English word's Chinese renderings: city → 城市, 直辖): each
   * concept counts once per document, by its best form, as a form's own tokens add up. Summed over every form, a
   * document naming several renderings of one word (自治区、直辖市) would outweigh one that names the concept asked.
   */
  scoreAlternatives(concepts: string[][][]): Float64Array {
    const n = this.lengths.length;
    const scores = new Float64Array(n);
    const form = new Float64Array(n);
    const best = new Float64Array(n);
    for (const forms of concepts) {
      if (forms.length === 1) {
        this.addTo(scores, forms[0] ?? []);
        continue;
      }
      const touched: number[] = [];
      for (const f of forms) {
        const matched: number[] = [];
        this.addTo(form, f, matched);
        for (const d of matched) {
          const v = form[d] ?? 0;
          if (v > (best[d] ?? 0)) {
            if (best[d] === 0) touched.push(d);
            best[d] = v;
          }
          form[d] = 0;
        }
      }
      for (const d of touched) {
        scores[d] = (scores[d] ?? 0) + (best[d] ?? 0);
        best[d] = 0;
      }
    }
    return scores;
  }

  score(query: string[]): Float64Array {
    const scores = new Float64Array(this.lengths.length);
    this.addTo(scores, query);
    return scores;
  }

  /** Adds the query's BM25 score to each matching document's entry of `scores`, listing them in `touched` if given. */
  private addTo(scores: Float64Array, query: string[], touched?: number[]): void {
    const n = this.lengths.length;
    for (const t of new Set(query)) {
      const list = this.postings.get(t);
      if (!list) continue;
      const idf = Math.log(1 + (n - list.doc.length + 0.5) / (list.doc.length + 0.5));
      for (let j = 0; j < list.doc.length; j++) {
        const d = list.doc[j] ?? 0;
        const tf = list.tf[j] ?? 0;
        const norm = this.k1 * (1 - this.b + (this.b * (this.lengths[d] ?? 0)) / this.avgLength);
        if (touched && scores[d] === 0) touched.push(d);
        scores[d] = (scores[d] ?? 0) + (idf * tf * (this.k1 + 1)) / (tf + norm);
      }
    }
  }
}
