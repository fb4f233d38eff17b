import { ERRORS, type ErrorCode } from '@vc/types';

export { ERRORS, type ErrorCode };

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: { path: string; message: string }[],
    /** seconds, for 429 and 503 (sent as Retry-After) */
    readonly retryAfter?: number,
  ) {
    super(message ?? ERRORS[code][1]);
    this.status = ERRORS[code][0];
  }
}
