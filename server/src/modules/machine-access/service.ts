import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import {
  MACHINE_TOKEN_PATTERN,
  MACHINE_TOKEN_PREFIX,
  ROUTES,
  type IssuedMachineCredential,
  type MachineCallListReply,
  type MachineCredential,
  type RouteContract,
} from '@vc/types';
import { AppError } from '../../shared/errors';
import { inBeijing } from '../../shared/periods';
import type { Principal } from '../../shared/principal';
import type { MachineIdentity } from '../../shared/scope';
import { isDuplicateKey } from '../../store/duplicates';
import { placeByCode } from '../places/lookup';
import { userById } from '../users/queries';
import { CallModel, CredentialModel, RevocationModel, type CallDoc, type CredentialDoc, type RevocationDoc } from './model';
import { isManagedUnder, manageRefusal, needsTouch } from './policy';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const dayOf = (at: Date): string => inBeijing(at).format('YYYY-MM-DD');

function describe(doc: CredentialDoc): MachineCredential {
  return {
    id: String(doc._id),
    name: doc.name,
    placeCode: doc.placeCode,
    placeName: doc.placeName,
    secretHint: doc.secretHint,
    createdAt: doc.createdAt.toISOString(),
    createdBy: { id: String(doc.createdBy), name: doc.createdByName },
    revokedAt: doc.revokedAt ? doc.revokedAt.toISOString() : null,
    revokedBy: doc.revokedBy ? { id: String(doc.revokedBy), name: doc.revokedByName ?? '' } : null,
    revokeReason: doc.revokeReason,
    lastUsedAt: doc.lastUsedAt ? doc.lastUsedAt.toISOString() : null,
  };
}

function assertMayManage(principal: Principal, placeCode: string): void {
  const refusal = manageRefusal(principal.grants, placeCode);
  if (refusal) throw new AppError(refusal);
}

async function nameOf(userId: string): Promise<string> {
  const user = await userById(userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  return user.name;
}

/** Issues a credential for a province or county; the secret is in this reply only. */
export async function issue(principal: Principal, placeCode: string, name: string): Promise<IssuedMachineCredential> {
  assertMayManage(principal, placeCode);
  const [place, byName] = await Promise.all([placeByCode(placeCode), nameOf(principal.userId)]);
  if (!place) throw new AppError('PLACE_NOT_FOUND');
  const secret = `${MACHINE_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  const created = await CredentialModel.create({
    name,
    placeCode,
    placeName: place.name,
    provinceCode: placeCode.slice(0, 2),
    secretHash: sha256(secret),
    secretHint: `${MACHINE_TOKEN_PREFIX}…${secret.slice(-4)}`,
    createdBy: new Types.ObjectId(principal.userId),
    createdByName: byName,
  });
  return { credential: describe(created.toObject<CredentialDoc>()), secret };
}

/** A county's credentials, or a province's with its counties', newest first (one indexed query). */
export async function list(principal: Principal, placeCode: string): Promise<MachineCredential[]> {
  assertMayManage(principal, placeCode);
  const filter = placeCode.length === 2 ? { provinceCode: placeCode } : { placeCode };
  const docs = await CredentialModel.find(filter).lean<CredentialDoc[]>();
  return docs.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).map(describe);
}

/** A credential managed under `placeCode`, or CREDENTIAL_NOT_FOUND (also for one of another place). */
async function credentialUnder(placeCode: string, credentialId: string): Promise<CredentialDoc> {
  const doc = await CredentialModel.findById(credentialId).lean<CredentialDoc>();
  if (!doc || !isManagedUnder(placeCode, doc.placeCode)) throw new AppError('MACHINE_CREDENTIAL_NOT_FOUND');
  return doc;
}

const mirror = (revocation: RevocationDoc) =>
  CredentialModel.updateOne(
    { _id: revocation._id },
    {
      $set: {
        revokedAt: revocation.at,
        revokedBy: revocation.by,
        revokedByName: revocation.byName,
        revokeReason: revocation.reason,
      },
    },
  );

/**
 * Revokes a credential: it stops working at once. Exactly one revocation is recorded (the unique
 * `_id` of RevocationModel); a second one is refused, and first copies the recorded revocation onto
 * the credential again, which finishes a revocation whose process stopped between the two writes.
 */
export async function revoke(
  principal: Principal,
  placeCode: string,
  credentialId: string,
  reason: string,
): Promise<MachineCredential> {
  assertMayManage(principal, placeCode);
  const doc = await credentialUnder(placeCode, credentialId);
  if (doc.revokedAt) throw new AppError('MACHINE_CREDENTIAL_REVOKED');
  const revocation: RevocationDoc = {
    _id: doc._id,
    at: new Date(),
    by: new Types.ObjectId(principal.userId),
    byName: await nameOf(principal.userId),
    reason,
  };
  try {
    await RevocationModel.create(revocation);
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    const first = await RevocationModel.findById(doc._id).lean<RevocationDoc>();
    if (first) await mirror(first);
    throw new AppError('MACHINE_CREDENTIAL_REVOKED');
  }
  await mirror(revocation);
  return describe({
    ...doc,
    revokedAt: revocation.at,
    revokedBy: revocation.by,
    revokedByName: revocation.byName,
    revokeReason: reason,
  });
}

const summaries = new Map(Object.values(ROUTES as Record<string, RouteContract>).map((r) => [r.id, r.summary]));

/** One Beijing day of a credential's calls, newest first, at most `limit` (one indexed query). */
export async function calls(
  principal: Principal,
  placeCode: string,
  credentialId: string,
  query: { date?: string; limit: number },
): Promise<MachineCallListReply> {
  assertMayManage(principal, placeCode);
  const doc = await credentialUnder(placeCode, credentialId);
  const date = query.date ?? dayOf(new Date());
  const rows = await CallModel.find({ credentialId: doc._id, day: date }).lean<CallDoc[]>();
  // ids break ties between calls of the same millisecond (an ObjectId grows within a process)
  rows.sort((a, b) => b.at.getTime() - a.at.getTime() || String(b._id).localeCompare(String(a._id)));
  return {
    date,
    truncated: rows.length > query.limit,
    items: rows.slice(0, query.limit).map((r) => ({
      at: r.at.toISOString(),
      routeId: r.routeId,
      routeSummary: summaries.get(r.routeId) ?? '',
      placeCode: r.placeCode,
      status: r.status,
      requestId: r.requestId,
    })),
  };
}

/**
 * The credential a presented secret belongs to (one lookup by its hash, a unique index), or null
 * when there is none. Its last use is written at most once a minute.
 */
export async function machineCaller(
  secret: string,
  now = new Date(),
): Promise<{ identity: MachineIdentity; revoked: boolean } | null> {
  if (!MACHINE_TOKEN_PATTERN.test(secret)) return null;
  const doc = await CredentialModel.findOne({ secretHash: sha256(secret) }).lean<CredentialDoc>();
  if (!doc) return null;
  const identity = { credentialId: String(doc._id), placeCode: doc.placeCode };
  if (doc.revokedAt) return { identity, revoked: true };
  if (needsTouch(doc.lastUsedAt, now)) await CredentialModel.updateOne({ _id: doc._id }, { $set: { lastUsedAt: now } });
  return { identity, revoked: false };
}

export interface MachineCallRecord {
  credentialId: string;
  routeId: string;
  placeCode: string | null;
  status: number;
  requestId: string;
  at: Date;
}

/** Stores one call, after it was answered: one insert. */
export async function recordCall(call: MachineCallRecord): Promise<void> {
  await CallModel.create({ ...call, credentialId: new Types.ObjectId(call.credentialId), day: dayOf(call.at) });
}
