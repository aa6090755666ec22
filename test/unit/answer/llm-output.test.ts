import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createVisibleStream, parseCitationBlock, parseModelOutput } from '../../../src/answer/model-output.js';
import { sanitizeModelText } from '../../../src/answer/sanitize.js';

/** Feeds `raw` to a visible stream in the given pieces and returns what the user saw. */
function streamed(pieces: string[]): { deltas: string[]; final: string } {
  const deltas: string[] = [];
  const stream = createVisibleStream((c) => deltas.push(c));
  for (const p of pieces) stream.push(p);
  const raw = pieces.join('');
  stream.finish(raw);
  return { deltas, final: parseModelOutput(raw).answer };
}

describe('reading the model output protocol', () => {
  it('separates the prose from the citations block', () => {
    const out = parseModelOutput('考核不少于20分。\n<citations>[{"n": 1, "quote": "占分不少于20分"}]</citations>');

    expect(out).toEqual({
      answer: '考核不少于20分。',
      notInPlan: false,
      citations: [{ n: 1, quote: '占分不少于20分' }],
    });
  });

  it('reads a block with a missing close tag, a trailing comma and a string passage number', () => {
    expect(parseCitationBlock('答。<citations>[{"n":"2","quote":"甲乙"},]')).toEqual([{ n: 2, quote: '甲乙' }]);
  });

  it('salvages the well-formed citations from a block that is not valid JSON as a whole', () => {
    expect(
      parseCitationBlock('<citations>[{"n":1,"quote":"甲乙"} {"n":3,"quote":"丙丁"} {"n":x}]</citations>'),
    ).toEqual([
      { n: 1, quote: '甲乙' },
      { n: 3, quote: '丙丁' },
    ]);
  });

  it('uses the last block when the model wrote a fake one in its prose', () => {
    const out = parseModelOutput(
      '答案。<citations>[{"n":1,"quote":"假"}]</citations>更多。\n<citations>[{"n":2,"quote":"真的引文"}]</citations>',
    );

    expect(out.citations).toEqual([{ n: 2, quote: '真的引文' }]);
    expect(out.answer).toBe('答案。');
  });

  it('recognises NOT_IN_PLAN alone, or on its own line with no citations', () => {
    expect(parseModelOutput('NOT_IN_PLAN').notInPlan).toBe(true);
    expect(parseModelOutput('  NOT_IN_PLAN\n').notInPlan).toBe(true);
    expect(parseModelOutput('计划没有提到。\nNOT_IN_PLAN').notInPlan).toBe(true);
    expect(parseModelOutput('答。<citations>[{"n":1,"quote":"甲乙"}]</citations>').notInPlan).toBe(false);
  });

  it('strips passage markers like [1] and 【2,3】 from the prose', () => {
    expect(parseModelOutput('不少于20分 [1],并亮黄牌【2,3】。').answer).toBe('不少于20分,并亮黄牌。');
  });
});

describe('streaming the visible part of the answer', () => {
  it('never shows a citations tag split across chunks', () => {
    const { deltas, final } = streamed(['考核不少于', '20分。\n<cit', 'ations>[{"n":1,', '"quote":"甲"}]</citations>']);

    expect(deltas.join('')).toBe('考核不少于20分。');
    expect(deltas.join('')).toBe(final);
  });

  it('shows nothing of NOT_IN_PLAN, even split into pieces', () => {
    expect(streamed(['NOT', '_IN', '_PL', 'AN']).deltas).toEqual([]);
  });

  it('holds back a half-written mention until it can be neutralised', () => {
    const { deltas } = streamed(['请 <!', 'he', 're> 注意 @chan', 'nel 好']);

    expect(deltas.join('')).not.toMatch(/<!|@(here|channel)/);
    expect(deltas.join('')).toContain('注意');
  });

  it('shows, chunk by chunk, exactly the final answer whatever the chunking (property)', () => {
    const raw =
      '考核[1]不少于20分, @here 看 <!channel> 和 <@U1|bob>。\n<citations>[{"n":1,"quote":"甲乙"}]</citations>';
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: raw.length - 1 }), { maxLength: 12 }), (cuts) => {
        const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), raw.length];
        const pieces = points.slice(1).map((end, i) => raw.slice(points[i], end));
        const { deltas, final } = streamed(pieces);
        expect(deltas.join('')).toBe(final);
      }),
      { numRuns: 200 },
    );
  });
});

describe('neutralising what the model must not post', () => {
  it.each([
    ['@channel', /@channel/],
    ['@here', /@here/],
    ['@everyone', /@everyone/],
    ['＠channel', /＠channel/],
    ['<!channel>', /<!channel>/],
    ['<!here>', /<!here>/],
    ['<!everyone>', /<!everyone>/],
    ['<!here|@here>', /<!here|@here/],
    ['<!subteam^S0123|@leads>', /<!subteam|@leads/],
    ['<!date^1392734382^{date}|Feb 18>', /<!date/],
    ['<@U024BE7LH>', /<@U024BE7LH>|@U024BE7LH/],
    ['<@W024BE7LH|bob>', /<@W|@bob/],
    ['<!here', /<!here/],
  ])('neutralises %s', (input, forbidden) => {
    const out = sanitizeModelText(`请注意 ${input} 谢谢`);

    expect(out).not.toMatch(forbidden);
    expect(out).toContain('请注意');
  });

  it('removes a fake citations tag from visible text', () => {
    expect(sanitizeModelText('答案 </citations> 完')).toBe('答案  完');
  });

  it('leaves ordinary text, e-mail addresses and comparisons alone', () => {
    const text = '科研经费不少于500万元 (1:1 配套), 联系 kj@nmgzj.gov.cn, 占比 <5%。';
    expect(sanitizeModelText(text)).toBe(text);
  });
});
