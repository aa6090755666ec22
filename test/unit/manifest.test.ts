import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { METHOD_PARAMS } from '../../src/sandbox/fake-slack-params.js';

// Slack's published app-manifest schema, vendored (see test/fixtures/slack/README.md for where it came from).
const schema = JSON.parse(readFileSync('test/fixtures/slack/manifest.schema.json', 'utf8')) as object;
const manifestText = readFileSync('manifest.yaml', 'utf8');

function validate(manifest: unknown) {
  // strict: false — the schema carries keywords of Slack's own (`_note`, `regex`) that ajv would otherwise refuse.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  const check = ajv.compile(schema);
  const ok = check(manifest);
  return { ok, errors: (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`) };
}

describe('manifest.yaml, as "Create New App → From an app manifest" reads it', () => {
  it('is valid against Slack’s app-manifest schema', () => {
    const result = validate(parseYaml(manifestText));
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('would be refused with the short description it used to have', () => {
    const manifest = parseYaml(manifestText) as { display_information: { long_description: string } };
    manifest.display_information.long_description = '依据计划原文回答问题。'.repeat(10);
    const result = validate(manifest);
    expect(result.ok).toBe(false);
    expect(result.errors.join('\n')).toContain('/display_information/long_description must NOT have fewer than 175');
  });

  it('asks only for scopes that the Web API methods and events it uses need', () => {
    const manifest = parseYaml(manifestText) as {
      oauth_config: { scopes: { bot: string[] } };
      settings: { event_subscriptions: { bot_events: string[] } };
    };
    const scopes = manifest.oauth_config.scopes.bot;
    for (const unused of ['channels:read', 'groups:read', 'im:read']) expect(scopes).not.toContain(unused);
    // users.lookupByEmail resolves people entered by e-mail; Slack grants users:read.email only with users:read.
    expect(scopes).toEqual(expect.arrayContaining(['users:read', 'users:read.email']));
    // Every subscribed message event has its history scope.
    const events = manifest.settings.event_subscriptions.bot_events;
    if (events.includes('message.channels')) expect(scopes).toContain('channels:history');
    if (events.includes('message.groups')) expect(scopes).toContain('groups:history');
    if (events.includes('message.im')) expect(scopes).toContain('im:history');
    expect(Object.keys(METHOD_PARAMS)).toContain('users.lookupByEmail');
  });
});
