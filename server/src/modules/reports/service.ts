/**
 * Reports (举报, issue 13): a person reports a group message or a consultation reply they can read;
 * the township's moderators (its township staff) dismiss the report or remove the content, with
 * a reason; the reporter follows the status. The content is removed through its own module
 * (groups: a moderator's removal, on the group's record; consultations: the reply is read by its
 * writer alone), so each keeps its own record of who removed what and why.
 */
import { Types } from 'mongoose';
import type { Report, ReportBody, ReportDecisionBody, ReportStatus } from '@vc/types';
import { AppError } from '../../shared/errors';
import type { Principal } from '../../shared/principal';
import { createOnce } from '../../store/duplicates';
import type { ContentCheck } from '../content-check/text';
import { removeReply, replyForReport } from '../consultations/queries';
import { visibleMessage } from '../groups/log';
import { moderatingOffice, type ModeratingOffice } from '../groups/membership-rule';
import { removeMessage } from '../groups/moderation';
import { ReportModel, type ReportDoc } from './model';

function describe(d: ReportDoc): Report {
  return {
    id: String(d._id),
    target: d.target,
    groupCode: d.groupCode,
    seq: d.seq,
    consultationId: d.consultationId ? String(d.consultationId) : null,
    n: d.n,
    excerpt: d.excerpt,
    authorName: d.authorName,
    reason: d.reason,
    text: d.text,
    status: d.status,
    decisionReason: d.decisionReason,
    at: d.at.toISOString(),
    decidedAt: d.decidedAt?.toISOString() ?? null,
  };
}

type Target = Pick<
  ReportDoc,
  | 'targetKey'
  | 'target'
  | 'groupCode'
  | 'seq'
  | 'consultationId'
  | 'n'
  | 'townshipCode'
  | 'countyCode'
  | 'authorId'
  | 'authorName'
  | 'excerpt'
>;

/** Once per reporter and text: a repeat answers the first report (created false). */
async function file(principal: Principal, target: Target, body: ReportBody) {
  const reporterId = new Types.ObjectId(principal.userId);
  const key = { reporterId, targetKey: target.targetKey };
  const { doc, created } = await createOnce(
    async () =>
      (
        await ReportModel.create({ ...key, ...target, reason: body.reason, text: body.text ?? null, status: 'open' })
      ).toObject<ReportDoc>(),
    () => ReportModel.findOne(key).lean<ReportDoc>(),
  );
  return { report: describe(doc), created };
}

/** The township whose staff moderate the group; null for a county group (the county staff moderate it). */
function townshipOfGroup(groupCode: string): string | null {
  const office = moderatingOffice(groupCode);
  return 'townshipCode' in office ? office.townshipCode : null;
}

export async function reportGroupMessage(principal: Principal, groupCode: string, seq: number, body: ReportBody) {
  const message = await visibleMessage(groupCode, seq);
  if (message.authorId && String(message.authorId) === principal.userId) throw new AppError('REPORT_OWN_CONTENT');
  return file(
    principal,
    {
      targetKey: `group:${groupCode}:${seq}`,
      target: 'group_message',
      groupCode,
      seq,
      consultationId: null,
      n: null,
      townshipCode: townshipOfGroup(groupCode),
      countyCode: groupCode.slice(0, 6),
      authorId: message.authorId ?? null,
      authorName: message.authorName,
      excerpt: message.text ?? '',
    },
    body,
  );
}

export async function reportConsultationReply(principal: Principal, consultationId: string, n: number, body: ReportBody) {
  const reply = await replyForReport(principal, consultationId, n);
  return file(
    principal,
    {
      targetKey: `consultation:${consultationId}:${n}`,
      target: 'consultation_reply',
      groupCode: null,
      seq: null,
      consultationId: new Types.ObjectId(consultationId),
      n,
      townshipCode: reply.townshipCode,
      countyCode: reply.countyCode,
      authorId: reply.authorId,
      authorName: reply.authorName,
      excerpt: reply.text,
    },
    body,
  );
}

export async function mine(principal: Principal): Promise<Report[]> {
  const docs = await ReportModel.find({ reporterId: new Types.ObjectId(principal.userId) })
    .sort({ at: -1 })
    .limit(200)
    .lean<ReportDoc[]>();
  return docs.map(describe);
}

export async function ofTownship(townshipCode: string, status: ReportStatus): Promise<Report[]> {
  const docs = await ReportModel.find({ townshipCode, status }).sort({ at: 1 }).limit(200).lean<ReportDoc[]>();
  return docs.map(describe);
}

/** A county group's reports (no township): for the county's staff, its moderators. */
export async function ofCounty(countyCode: string, status: ReportStatus): Promise<Report[]> {
  const docs = await ReportModel.find({ countyCode, townshipCode: null, status }).sort({ at: 1 }).limit(200).lean<ReportDoc[]>();
  return docs.map(describe);
}

/** Removes the reported content; content already removed (by another report or a moderator) stays removed. */
async function removeContent(principal: Principal, report: ReportDoc, reason: string, check: ContentCheck): Promise<void> {
  if (report.target === 'consultation_reply') {
    await removeReply(String(report.consultationId), report.n!, principal.userId, reason);
    return;
  }
  try {
    await removeMessage(principal, report.groupCode!, report.seq!, `举报处理：${reason}`, check);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'MESSAGE_ALREADY_REMOVED')) throw err;
  }
}

/** Whose moderators decide: a township's (its village and township groups, its consultations), or a county's (its county groups). */
export type Moderators = ModeratingOffice;
const moderates = (where: Moderators, report: ReportDoc) =>
  'townshipCode' in where
    ? report.townshipCode === where.townshipCode
    : report.townshipCode === null && report.countyCode === where.countyCode;

/**
 * Decided once: the report is claimed by a conditional update (a second decision finds it
 * decided), then the content is removed when that was the decision.
 */
export async function decide(
  principal: Principal,
  where: Moderators,
  reportId: string,
  body: ReportDecisionBody,
  check: ContentCheck,
) {
  const report = await ReportModel.findById(reportId).lean<ReportDoc>();
  if (!report || !moderates(where, report)) throw new AppError('REPORT_NOT_FOUND');
  if (report.status !== 'open') throw new AppError('REPORT_DECIDED');
  const decided = {
    status: body.decision === 'remove' ? ('removed' as const) : ('dismissed' as const),
    decidedBy: new Types.ObjectId(principal.userId),
    decidedAt: new Date(),
    decisionReason: body.reason,
  };
  const result = await ReportModel.updateOne({ _id: report._id, status: 'open' }, { $set: decided });
  if (result.modifiedCount === 0) throw new AppError('REPORT_DECIDED');
  if (body.decision === 'remove') await removeContent(principal, report, body.reason, check);
  return describe({ ...report, ...decided });
}
