import { readFileSync } from 'node:fs';
import { buildSchema, type GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SCHEMA_FILE } from '../../../codegen';
import {
  API_ERROR_CODES,
  ApiError,
  fromGraphQLErrors,
  messageFor,
  TRANSPORT_ERROR_CODES,
  userMessage,
  type ApiErrorCode,
} from './errors';

/** `enum ErrorCode` of the API's schema. */
function schemaErrorCodes(): string[] {
  const type = buildSchema(readFileSync(SCHEMA_FILE, 'utf8')).getType('ErrorCode') as GraphQLEnumType;
  return type.getValues().map((v) => v.name);
}

describe('error mapping', () => {
  it("knows exactly the API's codes (ErrorCode in the schema) and the transport's", () => {
    const apiCodes = API_ERROR_CODES.filter((c) => !TRANSPORT_ERROR_CODES.includes(c));
    expect([...apiCodes].sort()).toEqual(schemaErrorCodes().sort());
  });

  it('has a message for every code', () => {
    for (const code of API_ERROR_CODES.filter((c) => c !== 'UNKNOWN')) {
      const message = messageFor(code);
      expect(message, code).not.toBe(messageFor('UNKNOWN'));
      expect(message).toMatch(/[.…]$/);
    }
    expect(messageFor('UNKNOWN' satisfies ApiErrorCode)).toMatch(/[.…]$/);
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

  it('shows the limit a refusal names (work budget, rate limit) and words damaged data in our terms', () => {
    const budget = fromGraphQLErrors([
      {
        message: 'this request asks for 800 units of work (images rendered); the limit is 64 per request',
        extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'workPerRequest' },
      },
    ]);
    expect(budget.userMessage).toBe(
      'This request asks for 800 units of work (images rendered); the limit is 64 per request.',
    );
    const damaged = fromGraphQLErrors([
      { message: 'records/image/abc.json: invalid JSON at 12', extensions: { code: 'RECORD_CORRUPT' } },
    ]);
    expect(damaged.userMessage).toBe('This item is damaged in storage and cannot be shown.');
    const blob = fromGraphQLErrors([{ message: 'sha256 mismatch', extensions: { code: 'BLOB_CORRUPT' } }]);
    expect(blob.userMessage).toMatch(/damaged/);
    expect(blob.userMessage).not.toContain('sha256');
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
