import { describe, expect, it } from 'vitest';
import { hasKey, t } from '../../src/messages/index.js';
import { SETTABLE } from '../../src/schedule/config.js';

describe('the message catalogues', () => {
  it('name every schedule field an admin may set, with how to write it, in both languages', () => {
    for (const field of Object.keys(SETTABLE)) {
      for (const key of [`field.${field}`, `field.${field}.how`]) {
        expect(hasKey(key), key).toBe(true);
        if (hasKey(key)) {
          expect(t('zh', key)).not.toBe('');
          expect(t('en', key)).not.toBe('');
        }
      }
    }
  });
});
