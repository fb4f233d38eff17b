/**
 * The record of role changes (who invited, accepted and withdrew whom, when and why): appended
 * once per event under a unique key, never changed (model.ts refuses updates and deletes).
 */
import { Types } from 'mongoose';
import type { RoleChange, RoleChangeKind } from '@vc/types';
import { ROLE_CHANGE_KIND_LABELS, ROLE_LABELS } from '@vc/types';
import { createOnce } from '../../store/duplicates';
import { RoleChangeModel, type RoleChangeDoc } from './model';
import { insidePlace, placeLevels } from './policy';
import { placeLabel, placeNames, personRef, type Person } from './people';

export interface RoleChangeEvent {
  /** what makes the event one: the same key written twice (a retry, a resumed redemption) is one entry */
  key: string;
  kind: RoleChangeKind;
  role: RoleChangeDoc['role'];
  placeCode: string;
  actor: Person;
  subject?: Person | null;
  invitationId?: Types.ObjectId | string | null;
  invitedBy?: Person | null;
  reason?: string | null;
  at?: Date;
}

export async function appendRoleChange(event: RoleChangeEvent): Promise<void> {
  await createOnce<unknown>(
    () =>
      RoleChangeModel.create({
        key: event.key,
        kind: event.kind,
        role: event.role,
        ...placeLevels(event.placeCode),
        actor: event.actor,
        subject: event.subject ?? null,
        invitationId: event.invitationId ? new Types.ObjectId(String(event.invitationId)) : null,
        invitedBy: event.invitedBy ?? null,
        reason: event.reason ?? null,
        at: event.at ?? new Date(),
      }),
    () => RoleChangeModel.findOne({ key: event.key }).lean().exec(),
  );
}

/**
 * The changes at a place and inside it, newest first, a page at a time: one indexed equality (the
 * place's level field), the time narrowing in memory, then one read of the places' names.
 */
export async function roleChangesAt(
  code: string,
  page: { before?: string; limit: number },
): Promise<{ items: RoleChange[]; nextBefore: string | null }> {
  const filter: Record<string, unknown> = { ...insidePlace(code) };
  if (page.before) filter.at = { $lt: new Date(page.before) };
  const rows = await RoleChangeModel.find(filter)
    .sort({ at: -1, _id: -1 })
    .limit(page.limit + 1)
    .lean<RoleChangeDoc[]>();
  const shown = rows.slice(0, page.limit);
  const names = await placeNames(shown.map((r) => r.placeCode));
  return {
    items: shown.map((r) => ({
      id: String(r._id),
      kind: r.kind,
      kindLabel: ROLE_CHANGE_KIND_LABELS[r.kind],
      role: r.role,
      roleLabel: ROLE_LABELS[r.role],
      placeCode: r.placeCode,
      placeName: placeLabel(r.placeCode, names),
      actor: personRef(r.actor),
      subject: r.subject ? personRef(r.subject) : null,
      invitationId: r.invitationId ? String(r.invitationId) : null,
      invitedBy: r.invitedBy ? personRef(r.invitedBy) : null,
      reason: r.reason ?? null,
      at: r.at.toISOString(),
    })),
    nextBefore: rows.length > page.limit ? shown[shown.length - 1]!.at.toISOString() : null,
  };
}
