/**
 * The person's copy of their own data (PIPL: the right to copy, issue 13 item 3): one query per
 * collection, whatever the amount of data (a person's lists are bounded by their own activity).
 */
import { Types } from 'mongoose';
import type { DataCopy } from '@vc/types';
import { AppError } from '../../shared/errors';
import { userById, villageBindingsOf } from '../users/queries';
import { revealsAbout } from '../counsel/queries';
import { askedBy } from '../consultations/queries';
import { postsBy } from '../groups/queries';
import { entriesOf } from '../ledger/queries';
import { casesOf } from '../cases/queries';
import { consentsOf } from './queries';

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export async function dataCopy(userId: string): Promise<DataCopy> {
  const id = new Types.ObjectId(userId);
  const user = await userById(id);
  if (!user) throw new AppError('USER_NOT_FOUND');
  const places = [user.villageCode ?? '', ...user.roles.map((r) => r.placeCode)].filter(Boolean);
  const counsel = user.roles.some((r) => r.role === 'counsel');
  const [bindings, consents, consultations, posts, entries, reveals, cases] = await Promise.all([
    villageBindingsOf(userId),
    consentsOf(userId),
    askedBy(id),
    postsBy(id, places),
    counsel ? entriesOf(id) : Promise.resolve([]),
    counsel ? revealsAbout(id) : Promise.resolve([]),
    casesOf(userId),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    profile: {
      id: String(user._id),
      name: user.name,
      phone: user.phone ?? null,
      avatarUrl: user.avatarUrl ?? null,
      createdAt: iso(user.createdAt),
      villageCode: user.villageCode ?? null,
      residentStatus: user.villageCode ? (user.residentStatus ?? 'confirmed') : null,
      roles: user.roles.map((r) => ({ role: r.role, placeCode: r.placeCode })),
    },
    villageHistory: bindings.map((b) => ({
      villageCode: b.villageCode,
      previousVillageCode: b.previousVillageCode ?? null,
      via: b.via,
      at: b.at.toISOString(),
    })),
    consents: consents.map((c) => ({ version: c.version, at: c.at.toISOString(), via: c.via })),
    consultations: consultations.map((c) => ({
      id: String(c._id),
      villageCode: c.villageCode,
      question: c.question,
      status: c.status,
      createdAt: c.createdAt.toISOString(),
      closedAt: iso(c.closedAt),
    })),
    groupPosts: posts.map((p) => ({ groupCode: p.groupCode, seq: p.seq, text: p.text, state: p.state, at: p.at.toISOString() })),
    ledgerEntries: entries.map((e) => ({
      id: String(e._id),
      villageCode: e.villageCode,
      kind: e.kind,
      startAt: e.startAt.toISOString(),
      endAt: e.endAt.toISOString(),
      summary: e.summary,
      status: e.status,
    })),
    contactReveals: reveals.map((r) => ({ villageCode: r.villageCode, at: r.at.toISOString() })),
    ...cases,
  };
}
