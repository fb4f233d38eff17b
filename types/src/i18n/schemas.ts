import { z } from '../zod';
import { LANGUAGES } from './languages';

export const LanguageCode = z.enum(LANGUAGES).openapi('Language', {
  description: 'zh-Hans 简体中文（默认）、mn-Mong 传统蒙古文、bo 藏文',
});

export const LanguageParams = z.object({ language: LanguageCode });

/**
 * A language's resource files, one object per namespace (keys as in the Chinese files; a key a
 * translation lacks falls back to Chinese). Each translated file carries `_meta`: who translated it
 * and whether a native speaker has reviewed it.
 */
export const LanguageResources = z
  .object({
    language: LanguageCode,
    bundles: z.record(z.string(), z.record(z.string(), z.unknown())),
  })
  .openapi('LanguageResources');
export type LanguageResources = z.infer<typeof LanguageResources>;
