import { describe, expect, it } from 'vitest';
import {
  isSensitiveAuditKey,
  REDACTED_CHANGED,
  REDACTED_SET,
  redactAudit,
  redactAuditJson,
} from './audit.ts';

// An audit row records THAT a sensitive field was set or changed, never its value.

describe('audit redaction', () => {
  it('knows the sensitive keys in any spelling, and leaves ordinary ones alone', () => {
    for (const key of [
      'dietary_needs',
      'dietaryNeeds',
      'Dietary-Needs',
      'token',
      'token_hash',
      'tokenHash',
      'code',
      'code_hash',
      'cookie',
      'cookieValue',
      'session',
      'id_hash',
      'password',
      'secret',
      '_csrf',
      'csrf_token',
      'session_id_hash',
      'smtp_password',
      'apiKey',
    ]) {
      expect(isSensitiveAuditKey(key), key).toBe(true);
    }
    for (const key of [
      'status',
      'participant_name',
      'address_postal_code',
      'cvr',
      'ean',
      'kontostreng',
      'cancel_reason',
      'method',
      'number',
      'bankAccount',
      'invoicePrefix',
      'registration_id',
    ]) {
      expect(isSensitiveAuditKey(key), key).toBe(false);
    }
  });

  it('replaces a set value by [udfyldt] and keeps an unset one, at any depth, in arrays too', () => {
    const after = {
      status: 'confirmed',
      dietary_needs: 'Vegetar, nøddeallergi',
      lang: 'da',
      nested: { deeper: [{ token: 'abc', ok: 1 }, { code_hash: 'f00' }], code: null },
      empty: { dietary_needs: '' },
    };
    const copy = structuredClone(after);
    expect(redactAudit(undefined, after)).toEqual({
      before: undefined,
      after: {
        status: 'confirmed',
        dietary_needs: REDACTED_SET,
        lang: 'da',
        nested: { deeper: [{ token: REDACTED_SET, ok: 1 }, { code_hash: REDACTED_SET }], code: null },
        empty: { dietary_needs: '' },
      },
    });
    // The caller's object is not touched.
    expect(after).toEqual(copy);
  });

  it('replaces a whole object or array under a sensitive key', () => {
    expect(redactAudit(undefined, { session: { id: 's', expires: 'x' }, secret: ['a', 'b'] }).after).toEqual({
      session: REDACTED_SET,
      secret: REDACTED_SET,
    });
  });

  it('tells set, kept, changed and erased apart between before and after', () => {
    expect(redactAudit({ dietary_needs: null }, { dietary_needs: 'Vegan' })).toEqual({
      before: { dietary_needs: null },
      after: { dietary_needs: REDACTED_SET },
    });
    expect(redactAudit({ dietary_needs: 'Vegan' }, { dietary_needs: 'Vegan' })).toEqual({
      before: { dietary_needs: REDACTED_SET },
      after: { dietary_needs: REDACTED_SET },
    });
    expect(redactAudit({ dietary_needs: 'Vegan' }, { dietary_needs: 'Halal' })).toEqual({
      before: { dietary_needs: REDACTED_SET },
      after: { dietary_needs: REDACTED_CHANGED },
    });
    expect(redactAudit({ dietary_needs: 'Vegan' }, { dietary_needs: null })).toEqual({
      before: { dietary_needs: REDACTED_SET },
      after: { dietary_needs: null },
    });
  });

  it('stores values as JSON would (dates as text), and passes non-objects through', () => {
    expect(redactAudit(undefined, { at: new Date('2026-01-01T00:00:00Z'), n: 3 }).after).toEqual({
      at: '2026-01-01T00:00:00.000Z',
      n: 3,
    });
    expect(redactAudit('text', 42)).toEqual({ before: 'text', after: 42 });
    expect(redactAudit(undefined, undefined)).toEqual({ before: undefined, after: undefined });
  });

  it('redacts stored JSON texts; text that is not JSON is not kept', () => {
    expect(redactAuditJson(null, '{"dietary_needs":"Kosher","status":"confirmed"}')).toEqual({
      before_json: null,
      after_json: '{"dietary_needs":"[udfyldt]","status":"confirmed"}',
    });
    expect(redactAuditJson('{"token":"abc"}', 'not json: Kosher')).toEqual({
      before_json: '{"token":"[udfyldt]"}',
      after_json: null,
    });
    expect(redactAuditJson('{"status":"offered"}', '{"status":"expired"}')).toEqual({
      before_json: '{"status":"offered"}',
      after_json: '{"status":"expired"}',
    });
  });
});
