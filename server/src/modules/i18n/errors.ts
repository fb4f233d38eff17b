import { isLanguage } from '@vc/types/src/i18n/languages';
import type { AppContext } from '../../shared/http';
import { languageOfPerson } from '../accounts/service';
import { translatedError } from './resources';

/** The header the mini-program sends with every request: the language the person reads now. */
export const LANGUAGE_HEADER = 'x-vc-language';

/**
 * An error's message in the person's language: the one the phone says it shows, else the one their
 * account keeps while their county offers it (a call without the header, e.g. from a shared link). Chinese when neither is a
 * translation or the translation lacks the code; a reply that is not in the catalogue's words
 * (a validation detail) becomes the code's general message in that language.
 */
export async function errorInLanguage(code: string, ctx: AppContext): Promise<string | undefined> {
  const asked = ctx.get(LANGUAGE_HEADER);
  if (isLanguage(asked)) return translatedError(asked, code);
  const userId = ctx.state.principal?.userId;
  const kept = userId ? await languageOfPerson(userId) : null;
  return isLanguage(kept) ? translatedError(kept, code) : undefined;
}
