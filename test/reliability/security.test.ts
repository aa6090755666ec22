import { desc, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { questions } from '../../db/schema.js';
import { postSigned, slackSignature } from '../../src/sandbox/signing.js';
import { ACTION_SHARE, ACTION_VOTE_UP } from '../../src/slack/blocks/answer.js';
import { callsOf, responsesOf, startTestSandbox, type TestSandbox } from '../fakes/sandbox.js';
import { buttonRequest, commandRequest } from './support.js';

/** Request signatures under tampering, and who may do what: member, lead, admin and outsider against every action. */
let sandbox: TestSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.close());

const helpCommand = () =>
  commandRequest({
    command: '/plan',
    text: 'help',
    user: 'U_JLY_1',
    channel: 'C_JLY',
    responseUrl: sandbox.session.responseUrl('U_JLY_1', 'C_JLY'),
  });

const flipHex = (sig: string, at: number) => {
  const i = 3 + (at % (sig.length - 3));
  const c = sig[i] === '0' ? '1' : '0';
  return sig.slice(0, i) + c + sig.slice(i + 1);
};

describe('signatures and timestamps under tampering', () => {
  it('any tampered signature, body, timestamp or replay older than five minutes gets 401 and sets nothing off', async () => {
    const calls = sandbox.session.fake.calls.length;
    const tamper = fc.oneof(
      fc.record({ kind: fc.constant('flip-signature' as const), at: fc.nat() }),
      fc.record({
        kind: fc.constant('replay' as const),
        ageSeconds: fc.integer({ min: 301, max: 60 * 60 * 24 * 400 }),
      }),
      fc.record({
        kind: fc.constant('body-changed' as const),
        at: fc.nat(),
        text: fc.string({ minLength: 1, maxLength: 4 }),
      }),
      fc.record({
        kind: fc.constant('timestamp-changed' as const),
        by: fc.integer({ min: -299, max: 299 }).filter((n) => n !== 0),
      }),
      fc.record({
        kind: fc.constant('other-version' as const),
        version: fc.constantFrom('v1=', 'V0=', 'v0:', '', 'sha256='),
      }),
      fc.record({
        kind: fc.constant('junk-timestamp' as const),
        ts: fc.constantFrom('', 'abc', '1e9', '-1', '99999999999999999999', ' 0x10'),
      }),
    );
    await fc.assert(
      fc.asyncProperty(tamper, async (t) => {
        const req = helpCommand();
        const now = Math.floor(Date.now() / 1000);
        let res: { status: number };
        switch (t.kind) {
          case 'flip-signature':
            res = await postSigned(sandbox.session.eventsUrl, sandbox.session.signingSecret, req, {
              timestamp: now,
              signature: flipHex(slackSignature(sandbox.session.signingSecret, now, req.body), t.at),
            });
            break;
          case 'replay':
            // A captured request, correctly signed at the time, sent again later.
            res = await postSigned(sandbox.session.eventsUrl, sandbox.session.signingSecret, req, {
              timestamp: now - t.ageSeconds,
            });
            break;
          case 'body-changed': {
            const signature = slackSignature(sandbox.session.signingSecret, now, req.body);
            const pos = t.at % req.body.length;
            const body = req.body.slice(0, pos) + t.text + req.body.slice(pos);
            if (body === req.body) return;
            res = await postSigned(
              sandbox.session.eventsUrl,
              sandbox.session.signingSecret,
              { ...req, body },
              { timestamp: now, signature },
            );
            break;
          }
          case 'timestamp-changed': {
            const signature = slackSignature(sandbox.session.signingSecret, now, req.body);
            res = await postSigned(sandbox.session.eventsUrl, sandbox.session.signingSecret, req, {
              timestamp: now + t.by,
              signature,
            });
            break;
          }
          case 'other-version': {
            const signature = slackSignature(sandbox.session.signingSecret, now, req.body).replace('v0=', t.version);
            res = await postSigned(sandbox.session.eventsUrl, sandbox.session.signingSecret, req, {
              timestamp: now,
              signature,
            });
            break;
          }
          case 'junk-timestamp':
            res = await fetch(sandbox.session.eventsUrl, {
              method: 'POST',
              headers: {
                'content-type': req.contentType,
                'x-slack-request-timestamp': t.ts,
                'x-slack-signature': slackSignature(sandbox.session.signingSecret, now, req.body),
              },
              body: req.body,
            });
            break;
        }
        expect(res.status).toBe(401);
      }),
      { numRuns: 400 },
    );
    expect(await sandbox.session.settle()).toEqual([]);
    expect(sandbox.session.fake.calls.length).toBe(calls);
  });

  it('the same request, fresh and untampered, is accepted (so the refusals above are about the tampering)', async () => {
    const res = await postSigned(sandbox.session.eventsUrl, sandbox.session.signingSecret, helpCommand());
    expect(res.status).toBe(200);
    expect(responsesOf(await sandbox.session.settle())).toHaveLength(1);
  });
});

type Who = 'member' | 'lead' | 'admin' | 'outsider';
const PEOPLE: Record<Who, { user: string; channel: string }> = {
  member: { user: 'U_JLY_1', channel: 'C_JLY' },
  lead: { user: 'U_JLY_LEAD', channel: 'C_JLY' },
  admin: { user: 'U_ADMIN', channel: 'C_KEJI' },
  outsider: { user: 'U_GUEST', channel: 'C_GENERAL' },
};

/** One action tried by one person: resolves to whether it was allowed, judged by its effect, not only its words. */
type Attempt = (who: Who) => Promise<boolean>;

const replyText = (events: Awaited<ReturnType<TestSandbox['run']>>) =>
  responsesOf(events)
    .map((r) => String(r.text ?? ''))
    .join('\n');
const REFUSED = /无权|只有|只能|not permitted|may not/;

let memberQuestionId = 0;

const ACTIONS: Record<string, { attempt: Attempt; allowed: Record<Who, boolean> }> = {
  '/plan <question>': {
    allowed: { member: true, lead: true, admin: true, outsider: true },
    attempt: async (who) => {
      const events = await sandbox.run({
        as: PEOPLE[who].user,
        channel: PEOPLE[who].channel,
        command: '/plan',
        text: '科技投入不低于多少?',
      });
      return replyText(events).includes('5%');
    },
  },
  '/plan stats': {
    allowed: { member: false, lead: false, admin: true, outsider: false },
    attempt: async (who) => {
      const events = await sandbox.run({
        as: PEOPLE[who].user,
        channel: PEOPLE[who].channel,
        command: '/plan',
        text: 'stats',
      });
      const text = replyText(events);
      return !REFUSED.test(text) && JSON.stringify(responsesOf(events)).includes('提问');
    },
  },
  'vote on an answer': {
    allowed: { member: true, lead: true, admin: true, outsider: true },
    attempt: async (who) => {
      const { user, channel } = PEOPLE[who];
      const req = buttonRequest({
        user,
        channel,
        actionId: ACTION_VOTE_UP,
        value: String(memberQuestionId),
        responseUrl: sandbox.session.responseUrl(user, channel),
      });
      return replyText(await sandbox.session.deliver(req, user)).includes('感谢反馈');
    },
  },
  "share the member's own /plan answer": {
    allowed: { member: true, lead: false, admin: false, outsider: false },
    attempt: async (who) => {
      const { user } = PEOPLE[who];
      const req = buttonRequest({
        user,
        channel: 'C_JLY',
        actionId: ACTION_SHARE,
        value: String(memberQuestionId),
        responseUrl: sandbox.session.responseUrl(user, 'C_JLY'),
      });
      const events = await sandbox.session.deliver(req, user);
      return callsOf(events, 'chat.postMessage').length === 1 && !REFUSED.test(replyText(events));
    },
  },
  // Members and leads have it recorded; the admin, who belongs to no unit, is asked to pick the unit in the modal.
  '/progress <indicator> <value> in 计量院 channel': {
    allowed: { member: true, lead: true, admin: true, outsider: false },
    attempt: async (who) => {
      const text = replyText(
        await sandbox.run({ as: PEOPLE[who].user, channel: 'C_JLY', command: '/progress', text: '科技投入 4%' }),
      );
      return text.length > 0 && !REFUSED.test(text) && (who === 'admin' || text.includes('已记录'));
    },
  },
  '/report': {
    allowed: { member: true, lead: true, admin: true, outsider: false },
    attempt: async (who) => {
      const events = await sandbox.run({
        as: PEOPLE[who].user,
        channel: PEOPLE[who].channel,
        command: '/report',
        text: who === 'admin' ? 'jly' : '',
      });
      return callsOf(events, 'views.open').length === 1;
    },
  },
  '/plan export 2016H1': {
    allowed: { member: false, lead: true, admin: true, outsider: false },
    attempt: async (who) => {
      const before = sandbox.session.fake.uploads.length;
      await sandbox.run({
        as: PEOPLE[who].user,
        channel: PEOPLE[who].channel,
        command: '/plan',
        text: 'export 2016H1 csv',
      });
      return sandbox.session.fake.uploads.length === before + 1;
    },
  },
};

describe('the authorization matrix: member, lead, admin and outsider against every action', () => {
  beforeAll(async () => {
    await sandbox.run({ as: 'U_JLY_1', channel: 'C_JLY', command: '/plan', text: '年度考核里科技工作占多少分?' });
    const [row] = await sandbox.booted.deps.db
      .select()
      .from(questions)
      .where(eq(questions.userId, 'U_JLY_1'))
      .orderBy(desc(questions.id))
      .limit(1);
    memberQuestionId = row?.id ?? 0;
  });

  for (const [name, { attempt, allowed }] of Object.entries(ACTIONS)) {
    for (const who of Object.keys(PEOPLE) as Who[]) {
      it(`${name}: the ${who} is ${allowed[who] ? 'allowed' : 'refused'}`, async () => {
        expect(await attempt(who)).toBe(allowed[who]);
      });
    }
  }
});
