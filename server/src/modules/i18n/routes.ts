import type { Handlers } from '../../shared/http';
import type { i18nRoutes } from '@vc/types/src/i18n/routes';
import { bundlesOf } from './resources';

export function i18nHandlers(): Handlers<typeof i18nRoutes> {
  return {
    languageResources: ({ params }) => Promise.resolve({ language: params.language, bundles: bundlesOf(params.language) }),
  };
}
