import type { CaseKind } from '@vc/types';
import type { KindPolicy } from '../policy';
import { booking } from './booking';
import { complaint } from './complaint';
import { legalAid } from './legal-aid';
import { mediation } from './mediation';

/** Each kind's rules (policy.ts KindPolicy). */
export const KINDS: Record<CaseKind, KindPolicy> = { legal_aid: legalAid, mediation, booking, complaint };
