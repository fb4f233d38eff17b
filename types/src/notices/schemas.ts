import { z } from '../zod';
import { ClientKey } from '../groups/schemas';
import { MAX_TEMPLATES_PER_REQUEST, NOTICE_KEYS, SUBSCRIBE_RESULTS } from './catalogue';

/** What the person's tap returned: wx.requestSubscribeMessage's answer per template id. */
export const RecordNoticesBody = z
  .object({
    /** made by the phone per tap: a resent request records nothing twice */
    clientKey: ClientKey,
    results: z
      // any key: one that is no template of this server is refused as NOTICE_TEMPLATE_UNKNOWN
      .record(z.string(), z.enum(SUBSCRIBE_RESULTS))
      .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= MAX_TEMPLATES_PER_REQUEST, {
        message: `每次记录 1 至 ${MAX_TEMPLATES_PER_REQUEST} 个模板的结果`,
      })
      // what the refine checks, told to the document's readers (and fuzzers)
      .openapi({ minProperties: 1, maxProperties: MAX_TEMPLATES_PER_REQUEST }),
  })
  .strict()
  .openapi('RecordNoticesBody');
export type RecordNoticesBody = z.infer<typeof RecordNoticesBody>;

export const NoticeStatus = z
  .object({
    key: z.enum(NOTICE_KEYS),
    label: z.string(),
    when: z.string(),
    templateId: z.string(),
    /** on: WeChat lets us send `quota` more; off: never asked, refused, or every send used */
    status: z.enum(['on', 'off']),
    quota: z.number().int().min(0),
    lastRefusedAt: z.string().datetime().nullable(),
  })
  .openapi('NoticeStatus');
export type NoticeStatus = z.infer<typeof NoticeStatus>;

export const NoticesReply = z.object({ items: z.array(NoticeStatus) }).openapi('NoticesReply');
export type NoticesReply = z.infer<typeof NoticesReply>;
