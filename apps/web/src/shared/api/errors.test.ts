import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@styleclip/api-contract';
import { ApiError, fromGraphQLErrors, messageFor, userMessage } from './errors';

describe('error mapping', () => {
  it('has a message for every code of the API', () => {
    for (const code of Object.values(ErrorCode)) {
      const message = messageFor(code);
      expect(message, code).not.toBe(messageFor('UNKNOWN'));
      expect(message).toMatch(/[.…]$/);
    }
  });

  it('maps extensions.code and hides technical server messages', () => {
    const e = fromGraphQLErrors([
      { message: 'storage at s3://bucket/x unavailable', extensions: { code: 'STORAGE_UNAVAILABLE' } },
    ]);
    expect(e).toBeInstanceOf(ApiError);
    expect(e.code).toBe('STORAGE_UNAVAILABLE');
    expect(e.userMessage).not.toContain('s3://');
    expect(e.retryable).toBe(true);
  });

  it('shows the server message for invalid input, as a sentence', () => {
    const e = fromGraphQLErrors([
      { message: 'alphas must have 1–16 values', extensions: { code: 'BAD_USER_INPUT' } },
    ]);
    expect(e.userMessage).toBe('Alphas must have 1–16 values.');
  });

  it('explains INVERSION_NOT_CONFIGURED and keeps the upload', () => {
    const e = fromGraphQLErrors([{ message: 'x', extensions: { code: 'INVERSION_NOT_CONFIGURED' } }]);
    expect(e.userMessage).toMatch(/inversion model/);
    expect(e.userMessage).toMatch(/kept/);
  });

  it('treats unknown codes and non-API errors generically', () => {
    expect(fromGraphQLErrors([{ message: 'boom', extensions: { code: 'WHATEVER' } }]).code).toBe('UNKNOWN');
    expect(userMessage(new TypeError('x'))).toBe(messageFor('UNKNOWN'));
  });
});
