import { z } from './zod';

/** Every error reply has this shape; `code` is stable, `message` is for people (Chinese). */
export const ErrorReply = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'VALIDATION_FAILED' }),
      message: z.string().openapi({ example: '请求内容不符合要求' }),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
  })
  .openapi('ErrorReply');
export type ErrorReply = z.infer<typeof ErrorReply>;

export const OkReply = z.object({ ok: z.literal(true) }).openapi('OkReply');
export type OkReply = z.infer<typeof OkReply>;

export const EmptyQuery = z.object({}).strict();
