import { describe, expect, it } from 'vitest';
import { FakeWorkspace } from '../../../src/sandbox/fake-slack-state.js';

const workspace = () =>
  new FakeWorkspace({
    directory: {
      users: [{ id: 'U_A', name: 'a', realName: 'A' }],
      channels: [{ id: 'C_A', name: 'a', members: ['U_A'] }],
    },
    botUserId: 'U_PLANBOT',
    botId: 'B_PLANBOT',
    teamId: 'T_PLANBOT',
    now: () => new Date('2016-06-20T09:00:00+08:00'),
  });

describe('the fake workspace’s message history', () => {
  it('keeps a conversation in ts order, whatever order its messages arrive in', () => {
    const ws = workspace();
    for (const ts of ['1466384400.000010', '1466384400.000002', '1466384401.000001', '1466384399.999999'])
      ws.addMessage({ channel: 'C_A', user: 'U_A', text: ts, ts });
    expect(ws.messages('C_A').map((m) => m.ts)).toEqual([
      '1466384399.999999',
      '1466384400.000002',
      '1466384400.000010',
      '1466384401.000001',
    ]);
  });

  it('keeps ten thousand messages appended one by one, in the order they came', () => {
    const ws = workspace();
    for (let i = 0; i < 10_000; i++) ws.addMessage({ channel: 'C_A', user: 'U_A', text: `m${i}` });
    const texts = ws.messages('C_A').map((m) => m.text);
    expect(texts).toHaveLength(10_000);
    expect(texts[0]).toBe('m0');
    expect(texts[9_999]).toBe('m9999');
  });
});
