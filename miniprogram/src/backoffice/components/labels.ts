import type { CaseKind } from '@vc/types';
import { t } from '../../shared/i18n';

/** What a sampled service was (the kind of a call-back item): a consultation or a case's kind. */
export function callbackKindLabel(kind: string): string {
  if (kind === 'consultation') return t('backoffice:kind.consultation');
  return t(`labels:caseKind.${kind as CaseKind}`, { defaultValue: kind });
}

/** A share as a percentage, or — when there is nothing to divide by. */
export const percent = (share: number | null): string => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);
