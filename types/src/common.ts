import { z } from './zod';

/** Which part of a request was refused, and why (VALIDATION_FAILED). */
export const ErrorDetail = z.object({ path: z.string(), message: z.string() }).openapi('ErrorDetail');

/** Every error reply has this shape; `code` is stable, `message` is for people (Chinese). */
export const ErrorReply = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'VALIDATION_FAILED' }),
      message: z.string().openapi({ example: '请求内容不符合要求' }),
      details: z.array(ErrorDetail).optional(),
      /** on 5xx replies: the request's id (also its X-Request-Id header), to find it in the server's log */
      requestId: z.string().optional().openapi({ example: '3f2b8c1e-6a4d-4e0f-9b7a-2c5d8e1f0a3b' }),
    }),
  })
  .openapi('ErrorReply');
export type ErrorReply = z.infer<typeof ErrorReply>;

export const OkReply = z.object({ ok: z.literal(true) }).openapi('OkReply');
export type OkReply = z.infer<typeof OkReply>;

export const EmptyQuery = z.object({}).strict();
