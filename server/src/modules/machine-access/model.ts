import { Schema, model } from 'mongoose';
import type { Stored } from '../../store/documents';

/**
 * A machine credential: read access for a provincial or 12348 system to the reports of one place
 * (a province or a county) and the places inside it. Never deleted: revoking records when, who and
 * why. Only the secret's SHA-256 is stored (the secret is 32 random bytes, shown once at issue), so
 * a leaked database does not leak working credentials.
 */
const credentialFields = {
  /** which system uses it, e.g. 辽宁省12348平台 */
  name: { type: String, required: true },
  placeCode: { type: String, required: true },
  /** the place's name when issued (places are never renamed: the importer only inserts) */
  placeName: { type: String, required: true },
  /** the place's first two digits, so a province lists its own and its counties' by one equality */
  provinceCode: { type: String, required: true },
  secretHash: { type: String, required: true },
  /** 'vcm_…' and the secret's last four characters */
  secretHint: { type: String, required: true },
  createdAt: { type: Date, default: () => new Date() },
  createdBy: { type: Schema.Types.ObjectId, required: true },
  /** names as they were when the act was done, so a list reads no people */
  createdByName: { type: String, required: true },
  /** mirrors the credential's one revocation (RevocationModel), which decides it */
  revokedAt: { type: Date, default: null },
  revokedBy: { type: Schema.Types.ObjectId, default: null },
  revokedByName: { type: String, default: null },
  revokeReason: { type: String, default: null },
  /** the last call, to the minute (written at most once a minute: service.ts touch) */
  lastUsedAt: { type: Date, default: null },
};
const credentialSchema = new Schema(credentialFields, { collection: 'machine_credentials', versionKey: false });
credentialSchema.index({ secretHash: 1 }, { unique: true });
credentialSchema.index({ placeCode: 1 });
credentialSchema.index({ provinceCode: 1 });
export const CredentialModel = model('MachineCredential', credentialSchema);
export type CredentialDoc = Stored<typeof credentialFields>;

/**
 * The revocation of a credential, `_id` = the credential's id: the unique `_id` lets exactly one of
 * two concurrent revocations win (the embedded engine does not serialise conditional updates), so
 * who revoked it and why is never overwritten.
 */
const revocationFields = {
  _id: { type: Schema.Types.ObjectId, required: true },
  at: { type: Date, required: true },
  by: { type: Schema.Types.ObjectId, required: true },
  byName: { type: String, required: true },
  reason: { type: String, required: true },
};
const revocationSchema = new Schema(revocationFields, { collection: 'machine_credential_revocations', versionKey: false });
export const RevocationModel = model('MachineCredentialRevocation', revocationSchema);
export type RevocationDoc = Stored<typeof revocationFields>;

/** One call by a machine credential (one insert per call), listed per credential and Beijing day. */
const callFields = {
  credentialId: { type: Schema.Types.ObjectId, required: true },
  /** the Beijing day of `at`, 'YYYY-MM-DD': lists read one day by equality (no range scans) */
  day: { type: String, required: true },
  at: { type: Date, required: true },
  routeId: { type: String, required: true },
  placeCode: { type: String, default: null },
  status: { type: Number, required: true },
  requestId: { type: String, required: true },
};
const callSchema = new Schema(callFields, { collection: 'machine_calls', versionKey: false });
callSchema.index({ credentialId: 1, day: 1 });
export const CallModel = model('MachineCall', callSchema);
export type CallDoc = Stored<typeof callFields>;
