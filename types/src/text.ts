/**
 * Text fields with length limits, counted in Unicode code points (countChars in constants.ts says
 * why code points and not grapheme clusters). zod's own `.min(n)`, `.max(n)` and `.length(n)` on
 * strings count UTF-16 units, so an 11-character name of astral CJK characters (22 units) would be
 * refused by a 20-character limit: every string length limit in the contracts is made here instead.
 * tests/domain/text-length.test.ts fails on a zod length check left anywhere in the route contracts.
 */
import { z } from './zod';
import { countChars } from './constants';

export interface CharLimits {
  /** fewest characters (none when absent) */
  min?: number;
  /** most characters */
  max: number;
  /** the refusal when shorter than `min` (default: 不能为空 / 至少N个字) */
  tooShort?: string;
  /** the refusal when longer than `max` (default: 不能超过N个字) */
  tooLong?: string;
}

export interface TextLimits extends CharLimits {
  /** trim surrounding whitespace before counting (default); off for identifiers taken as given */
  trim?: boolean;
}

/**
 * A string schema held to `min`..`max` code points. The count is a refinement, which
 * zod-to-openapi cannot read, so the limits are written into the document explicitly: JSON
 * Schema's minLength/maxLength mean code points too, so the document says exactly what is checked.
 */
export function limitChars<T extends z.ZodType<string, z.ZodTypeDef, unknown>>(
  schema: T,
  { min, max, tooShort, tooLong }: CharLimits,
) {
  return schema
    .superRefine((value, ctx) => {
      const length = countChars(value);
      if (min !== undefined && length < min)
        ctx.addIssue({
          code: z.ZodIssueCode.too_small,
          type: 'string',
          minimum: min,
          inclusive: true,
          message: tooShort ?? (min === 1 ? '不能为空' : `至少${min}个字`),
        });
      if (length > max)
        ctx.addIssue({
          code: z.ZodIssueCode.too_big,
          type: 'string',
          maximum: max,
          inclusive: true,
          message: tooLong ?? `不能超过${max}个字`,
        });
    })
    .openapi({ ...(min !== undefined ? { minLength: min } : {}), maxLength: max });
}

/** A text field: trimmed (unless told otherwise), then held to its limits in code points. */
export const text = ({ trim = true, ...limits }: TextLimits) => limitChars(trim ? z.string().trim() : z.string(), limits);
