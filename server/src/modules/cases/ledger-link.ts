import type { Types } from 'mongoose';
import type { CaseStepBody } from '@vc/types';
import type { Principal } from '../../shared/principal';
import { userById } from '../users/queries';
import { submit as submitLedgerEntry } from '../ledger/entries';
import type { CaseDoc } from './model';
import { id } from './record';

/**
 * The ledger entry a step is worth, by the ledger's own rules (ledger/entries.ts submit): a counsel's
 * mediation session or settlement (参与调解), a kept booking (法律咨询, the villager served). A
 * mediator who is not a counsel keeps no ledger. Idempotent by its client key, so a retried step
 * finds the same entry.
 */
export async function ledgerEntryFor(
  principal: Principal,
  doc: CaseDoc,
  body: CaseStepBody,
  now: Date,
): Promise<Types.ObjectId | null> {
  const times = 'startAt' in body && body.startAt && body.endAt ? { startAt: body.startAt, endAt: body.endAt } : null;
  if (!times || !principal.grants.some((g) => g.role === 'counsel' && g.placeCode === doc.villageCode)) return null;
  const kind = doc.kind === 'mediation' ? 'mediation' : 'consultation';
  const applicant = await userById(doc.applicantId);
  const summary =
    doc.kind === 'mediation'
      ? `人民调解（${body.act === 'settle' ? '调解结果' : '调解记录'}）：${'text' in body ? body.text : ''}`
      : `预约服务（${applicant?.name ?? '村民'}）：${'text' in body ? body.text : ''}`;
  const { entry } = await submitLedgerEntry(
    principal,
    {
      clientKey: `case-${String(doc._id)}-${body.clientKey}`.slice(0, 64),
      villageCode: doc.villageCode,
      kind,
      mode: 'on_site',
      ...times,
      summary: summary.slice(0, 2000),
    },
    now,
  );
  return id(entry.id);
}
