import { describe, expect, it } from 'vitest';
import { ApiKeys, hashApiKey } from './auth';

describe('ApiKeys', () => {
  const keys = new ApiKeys([{ name: 'web', sha256: hashApiKey('s3cret') }]);

  it('accepts a configured key, anonymous without a header, refuses unknown keys and malformed headers', () => {
    expect(keys.required).toBe(true);
    expect(keys.authenticate('Bearer s3cret', '1.2.3.4')).toEqual({
      ok: true,
      principal: { id: 'key:web', authenticated: true, keyName: 'web' },
    });
    expect(keys.authenticate(undefined, '1.2.3.4')).toEqual({
      ok: true,
      principal: { id: 'ip:1.2.3.4', authenticated: false },
    });
    expect(keys.authenticate('Bearer nope', '1.2.3.4')).toEqual({
      ok: false,
      message: 'the API key is not valid',
    });
    expect(keys.authenticate('Basic abc', '1.2.3.4').ok).toBe(false);
    expect(new ApiKeys([]).required).toBe(false);
  });
});
