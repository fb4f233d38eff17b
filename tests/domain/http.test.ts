import { findForbiddenKey, withoutNul } from '../../server/src/shared/http';
import { toAppError } from '../../server/src/shared/middleware';
import { AppError, ERRORS } from '../../server/src/shared/errors';

/** n nested objects: nest(1) = {}, nest(2) = { a: {} }, … (the innermost at depth n - 1) */
const nest = (n: number): Record<string, unknown> => (n <= 1 ? {} : { a: nest(n - 1) });
const nestArrays = (n: number): unknown => (n <= 1 ? [] : [nestArrays(n - 1)]);

describe('findForbiddenKey', () => {
  it('plain data: null', () => {
    expect(findForbiddenKey({ name: '张三', phone: '13812345678', tags: ['a', 'b'], nested: { ok: true, n: 1 } })).toBeNull();
    expect(findForbiddenKey([{ a: 1 }, { b: [{ c: null }] }])).toBeNull();
  });

  it('non-objects: null', () => {
    for (const value of [null, undefined, 1, 'text', true, '$where', 'a.b']) expect(findForbiddenKey(value)).toBeNull();
  });

  it('$ and . in values, or $ inside a key, are fine', () => {
    expect(findForbiddenKey({ reason: '$where a.b', price$: 1, list: ['$gt', 'x.y'] })).toBeNull();
  });

  it('a top-level key starting with $ is returned', () => {
    expect(findForbiddenKey({ $where: 'sleep(1000)' })).toBe('$where');
    expect(findForbiddenKey({ name: 'x', $set: { admin: true } })).toBe('$set');
  });

  it('a key containing . is returned', () => {
    expect(findForbiddenKey({ 'roles.0.role': 'admin' })).toBe('roles.0.role');
    expect(findForbiddenKey({ '.': 1 })).toBe('.');
  });

  it('keys nested in objects and arrays are found', () => {
    expect(findForbiddenKey({ villageCode: { $ne: null } })).toBe('$ne');
    expect(findForbiddenKey({ a: [{ ok: 1 }, { b: [{ $gt: '' }] }] })).toBe('$gt');
    expect(findForbiddenKey([[{ 'x.y': 1 }]])).toBe('x.y');
  });

  it('nesting up to the depth limit is fine, one level deeper is TOO_DEEP', () => {
    expect(findForbiddenKey(nest(17))).toBeNull();
    expect(findForbiddenKey(nest(18))).toBe('TOO_DEEP');
    expect(findForbiddenKey(nestArrays(17))).toBeNull();
    expect(findForbiddenKey(nestArrays(18))).toBe('TOO_DEEP');
    expect(findForbiddenKey(nest(5000))).toBe('TOO_DEEP');
  });

  it('a forbidden key hidden below the depth limit is still refused (as TOO_DEEP)', () => {
    let deep: Record<string, unknown> = { $where: '1' };
    for (let i = 0; i < 20; i += 1) deep = { a: deep };
    expect(findForbiddenKey(deep)).toBe('TOO_DEEP');
  });
});

describe('toAppError', () => {
  const codeOf = (err: unknown) => toAppError(err).code;
  const named = (name: string, message = 'x') => Object.assign(new Error(message), { name });

  it('an AppError passes through unchanged', () => {
    const err = new AppError('COUNSEL_VILLAGE_LIMIT', '每名法律顾问最多服务 5 个村');
    expect(toAppError(err)).toBe(err);
  });

  it('body parser errors map by status and type', () => {
    expect(
      toAppError(Object.assign(new Error('request entity too large'), { status: 413, type: 'entity.too.large' })).status,
    ).toBe(413);
    expect(codeOf({ status: 413 })).toBe('BODY_TOO_LARGE');
    expect(codeOf({ type: 'entity.too.large' })).toBe('BODY_TOO_LARGE');
    expect(codeOf(Object.assign(new Error('Unsupported Media Type'), { status: 415 }))).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(toAppError({ status: 415 }).status).toBe(415);
    expect(codeOf(Object.assign(new Error('invalid JSON'), { status: 400, type: 'entity.parse.failed' }))).toBe('INVALID_JSON');
    expect(codeOf({ type: 'entity.parse.failed' })).toBe('INVALID_JSON');
    expect(codeOf({ status: 400 })).toBe('INVALID_JSON');
  });

  it('a SyntaxError (JSON.parse) is INVALID_JSON with status 400', () => {
    let thrown: unknown;
    try {
      JSON.parse('{bad');
    } catch (err) {
      thrown = err;
    }
    expect(toAppError(thrown).code).toBe('INVALID_JSON');
    expect(toAppError(thrown).status).toBe(400);
  });

  it('mongoose CastError and ValidationError are VALIDATION_FAILED', () => {
    expect(codeOf(named('CastError', 'Cast to ObjectId failed for value "x"'))).toBe('VALIDATION_FAILED');
    expect(codeOf(named('ValidationError', 'User validation failed: name: Path `name` is required.'))).toBe('VALIDATION_FAILED');
  });

  it('database connection errors are DATABASE_UNAVAILABLE with status 503', () => {
    for (const name of ['MongoServerSelectionError', 'MongoNetworkError', 'MongoNotConnectedError', 'MongoTopologyClosedError']) {
      expect(codeOf(named(name, 'connect ECONNREFUSED 127.0.0.1:27017'))).toBe('DATABASE_UNAVAILABLE');
    }
    expect(toAppError(named('MongoServerSelectionError')).status).toBe(503);
    expect(codeOf(new Error('Operation `users.findOne()` buffering timed out after 10000ms'))).toBe('DATABASE_UNAVAILABLE');
    // the driver passes a write to a just-closed connection on as a plain socket error
    const epipe = Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' });
    expect(codeOf(epipe)).toBe('DATABASE_UNAVAILABLE');
    expect(codeOf(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe('DATABASE_UNAVAILABLE');
  });

  it('anything else is INTERNAL (500) and does not leak its message', () => {
    const secret = 'ENOENT: /srv/app/secret-config.json at Object.openSync';
    for (const err of [
      new Error(secret),
      new TypeError(secret),
      named('MongoServerError', secret),
      secret,
      null,
      undefined,
      42,
    ]) {
      const appError = toAppError(err);
      expect(appError.code).toBe('INTERNAL');
      expect(appError.status).toBe(500);
      expect(appError.message).toBe(ERRORS.INTERNAL[1]);
      expect(appError.message).not.toContain('secret');
      expect(appError.details).toBeUndefined();
    }
  });
});

describe('withoutNul', () => {
  it('drops U+0000 from every string of a body (PostgreSQL cannot store it), leaving the rest as it is', () => {
    const body = { notes: 'a\u0000b', list: ['\u0000x', 3, null], nested: { ok: true, text: '好\u0000' } };
    expect(withoutNul(body)).toEqual({ notes: 'ab', list: ['x', 3, null], nested: { ok: true, text: '好' } });
    expect(withoutNul('plain')).toBe('plain');
  });
});
