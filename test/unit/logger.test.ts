import { describe, expect, it } from 'vitest';
import { createLogger, redact } from '../../src/logger.js';

describe('the logger', () => {
  it('when a line carries a Slack token, an API key or a database password, they are redacted', () => {
    const text =
      'token xoxb-123-456-abc app xapp-1-A0-xyz key sk-proj_abcdefgh1234 db postgres://planbot:hunter2@db:5432/x';
    const out = redact(text);
    for (const secret of ['xoxb-123-456-abc', 'xapp-1-A0-xyz', 'sk-proj_abcdefgh1234', 'hunter2'])
      expect(out).not.toContain(secret);
    expect(out).toContain('postgres://planbot:[redacted]@db:5432/x');
  });

  it('when a configured secret appears anywhere in a record, even inside an error, it is replaced', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', secrets: ['my-signing-secret'], write: (l) => lines.push(l) });
    logger.error('request failed', {
      error: new Error('bad signature for my-signing-secret'),
      header: 'my-signing-secret',
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('my-signing-secret');
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 'error', msg: 'request failed' });
  });

  it('when the level is warn, info and debug lines are not written', () => {
    const lines: string[] = [];
    const logger = createLogger({ level: 'warn', write: (l) => lines.push(l) });
    logger.debug('a');
    logger.info('b');
    logger.warn('c');
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['c']);
  });
});

describe('the logger for a terminal', () => {
  it('when the format is pretty, a line is readable text with its level and message, still redacted', () => {
    const lines: string[] = [];
    const logger = createLogger({ format: 'pretty', secrets: ['pretty-secret'], write: (l) => lines.push(l) });
    logger.warn('slot skipped', { job: 'reminders', note: 'key pretty-secret' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/WARN/);
    expect(lines[0]).toContain('slot skipped');
    expect(lines[0]).toContain('reminders');
    expect(lines[0]).not.toContain('pretty-secret');
    expect(() => JSON.parse(lines[0] ?? '')).toThrow();
  });

  it('when the format is json, each line is one object with a level name and an ISO time', () => {
    const lines: string[] = [];
    createLogger({ format: 'json', write: (l) => lines.push(l) }).info('started', { port: 3000 });
    const record = JSON.parse(lines[0] ?? '{}');
    expect(record).toMatchObject({ level: 'info', msg: 'started', port: 3000 });
    expect(new Date(record.time).toISOString()).toBe(record.time);
  });
});
