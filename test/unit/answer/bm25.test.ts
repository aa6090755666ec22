import { describe, expect, it } from 'vitest';
import { Bm25 } from '../../../src/answer/bm25.js';

describe('BM25 over concepts given in alternative forms', () => {
  // Two concepts asked: "city" (城市, or the rarer 直辖, 自治, 中央) and "pilot" (试点).
  const concepts = [[['城市'], ['直辖'], ['自治'], ['中央']], [['试点']]];
  const docs = [
    ['自治', '直辖', '中央', '各部委'], // names three renderings of "city", nothing of "pilot"
    ['试点', '城市', '医保', '支付'], // names both concepts
    ['医保', '结算', '回款', '交易'],
  ];
  const bm25 = new Bm25(docs);

  it('counts a concept once per document, by its best form', () => {
    const scores = bm25.scoreAlternatives(concepts);
    const one = new Bm25(docs).score(['直辖']);
    // The first document scores what its best rendering alone scores, not the sum of both.
    expect(scores[0]).toBeCloseTo(Math.max(one[0] ?? 0, bm25.score(['自治'])[0] ?? 0));
    expect(scores[0]).toBeLessThan(bm25.score(['自治', '直辖'])[0] ?? 0);
    expect(scores[2]).toBe(0);
  });

  it('ranks the document naming both concepts above one naming one concept twice over', () => {
    const scores = bm25.scoreAlternatives(concepts);
    expect(scores[1]).toBeGreaterThan(scores[0] ?? 0);
    // Summed over every form, as before, the other way round.
    const summed = bm25.score(concepts.flat(2));
    expect(summed[0]).toBeGreaterThan(summed[1] ?? 0);
  });

  it('adds up a form’s own tokens, as one form of a concept', () => {
    const scores = bm25.scoreAlternatives([[['医保', '支付']]]);
    expect(scores[1]).toBeCloseTo(bm25.score(['医保', '支付'])[1] ?? 0);
  });
});
