import { AppError, ERRORS, type ErrorCode } from '../../server/src/shared/errors';

const entries = Object.entries(ERRORS) as [ErrorCode, readonly [number, string]][];

describe('ERRORS catalogue', () => {
  it('is not empty', () => {
    expect(entries.length).toBeGreaterThan(10);
  });

  it.each(entries)('%s has a 4xx/5xx status and a Chinese message', (code, [status, message]) => {
    expect(code).toMatch(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/);
    expect(Number.isInteger(status)).toBe(true);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(600);
    expect(message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('has the codes the access check and the error mapping throw', () => {
    for (const code of [
      'UNAUTHENTICATED',
      'FORBIDDEN',
      'OUT_OF_JURISDICTION',
      'SESSION_EXPIRED',
      'VALIDATION_FAILED',
      'FORBIDDEN_KEY',
      'INVALID_JSON',
      'BODY_TOO_LARGE',
      'UNSUPPORTED_MEDIA_TYPE',
      'DATABASE_UNAVAILABLE',
      'INTERNAL',
      'ROUTE_NOT_FOUND',
    ]) {
      expect(ERRORS).toHaveProperty(code);
    }
    expect(ERRORS.UNAUTHENTICATED[0]).toBe(401);
    expect(ERRORS.FORBIDDEN[0]).toBe(403);
    expect(ERRORS.OUT_OF_JURISDICTION[0]).toBe(403);
    expect(ERRORS.INTERNAL[0]).toBe(500);
    expect(ERRORS.DATABASE_UNAVAILABLE[0]).toBe(503);
  });

  it('messages are distinct, so people can tell failures apart', () => {
    const messages = entries.map(([, [, message]]) => message);
    expect(new Set(messages).size).toBe(messages.length);
  });
});

describe('AppError', () => {
  it('takes status and message from the catalogue', () => {
    const err = new AppError('OUT_OF_JURISDICTION');
    expect(err).toBeInstanceOf(Error);
    expect(err.code).toBe('OUT_OF_JURISDICTION');
    expect(err.status).toBe(403);
    expect(err.message).toBe(ERRORS.OUT_OF_JURISDICTION[1]);
  });

  it('keeps a specific message and details', () => {
    const details = [{ path: 'name', message: '姓名不能为空' }];
    const err = new AppError('VALIDATION_FAILED', '请求内容不符合要求：姓名不能为空', details);
    expect(err.status).toBe(400);
    expect(err.message).toBe('请求内容不符合要求：姓名不能为空');
    expect(err.details).toEqual(details);
  });
});
