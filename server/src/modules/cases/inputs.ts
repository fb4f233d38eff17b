/**
 * What people send to open or act on a case, checked before anything is written: the kind's
 * fields (legal aid's matter against the county's list, a booking's time, the counsel a complaint
 * names), a step's fields (a due date, the lawyer, new times), and WeChat's check of the texts.
 */
import { Types } from 'mongoose';
import type { CaseStepBody, OpenCaseBody } from '@vc/types';
import { AppError } from '../../shared/errors';
import { inBeijing } from '../../shared/periods';
import { userById, isCounselOf } from '../users/queries';
import { villageHasCounsel } from '../counsel/queries';
import { countyPolicy } from '../county-policy/service';
import { SCENE, type ContentCheck } from '../content-check/text';
import { checkEligibility } from './kinds/legal-aid';

/** Refuses text WeChat does not clearly pass: case texts go to handlers, who should not review them first. */
export async function requireClean(check: ContentCheck, userId: string, texts: readonly (string | undefined)[]) {
  const text = texts.filter(Boolean).join('\n');
  if (!text) return;
  const writer = await userById(userId);
  const verdict = await check(writer?.openid ?? '', text, SCENE.comment);
  if (verdict === 'check_unavailable') throw new AppError('CONTENT_CHECK_UNAVAILABLE');
  if (verdict !== 'pass') throw new AppError('CASE_TEXT_RISKY');
}

/** A booked or proposed time: in the future, within 60 days, 8:00–18:00 Beijing time. */
export function bookingTimeValid(at: Date, now: Date): boolean {
  const local = inBeijing(at);
  const minutes = local.hour() * 60 + local.minute();
  return at > now && at.getTime() - now.getTime() <= 60 * 24 * 3600_000 && minutes >= 8 * 60 && minutes <= 18 * 60;
}

/** The kind's fields of a new case, and the counsel it concerns. */
export async function detailsOf(body: OpenCaseBody, countyCode: string, villageCode: string, now: Date) {
  const policy = await countyPolicy(countyCode);
  switch (body.kind) {
    case 'legal_aid': {
      const answers = { ...body, receivesAssistance: body.receivesAssistance ?? false };
      const check = checkEligibility(answers, policy);
      if (!check.matterCovered) throw new AppError('CASE_MATTER_NOT_COVERED');
      return {
        details: {
          matter: body.matter,
          householdSize: body.householdSize,
          monthlyIncome: body.monthlyIncome,
          receivesAssistance: answers.receivesAssistance,
          account: body.account,
          likely: check.likely,
          incomePerPerson: check.incomePerPerson,
          threshold: check.threshold,
        },
        counselId: null,
        texts: [body.account],
      };
    }
    case 'mediation':
      return {
        details: {
          disputeKind: body.disputeKind,
          account: body.account,
          otherPartyName: body.otherPartyName,
          otherPartyVillageCode: body.otherPartyVillageCode ?? null,
          otherPartyPhone: body.otherPartyPhone ?? null,
        },
        counselId: null,
        texts: [body.account, body.otherPartyName],
      };
    case 'booking':
      if (!bookingTimeValid(new Date(body.at), now)) throw new AppError('CASE_TIME_INVALID');
      if (!(await villageHasCounsel(villageCode))) throw new AppError('CASE_NO_COUNSEL');
      return { details: { topic: body.topic }, counselId: null, texts: [body.topic] };
    case 'complaint': {
      let counselId: Types.ObjectId | null = null;
      if (body.about === 'counsel') {
        const counsel = body.counselId ? await userById(body.counselId) : null;
        if (!counsel || !isCounselOf(counsel, countyCode)) throw new AppError('CASE_COUNSEL_NOT_FOUND');
        counselId = counsel._id;
      }
      return { details: { about: body.about, account: body.account }, counselId, texts: [body.account] };
    }
  }
}

/** What a step records beyond its kind, checked against the case (times, dates, the lawyer). */
export function stepFieldsOf(body: CaseStepBody, now: Date) {
  const fields: {
    text: string | null;
    outcome: string | null;
    at2: Date | null;
    dueDate: string | null;
    lawyer: string | null;
    photoIds: string[];
  } = { text: null, outcome: null, at2: null, dueDate: null, lawyer: null, photoIds: [] };
  if ('text' in body && body.text) fields.text = body.text;
  switch (body.act) {
    case 'ask_material': {
      const due = inBeijing(`${body.dueDate}T23:59:59+08:00`);
      if (!due.isValid() || due.toDate() <= now || due.toDate().getTime() - now.getTime() > 90 * 24 * 3600_000)
        throw new AppError('CASE_DUE_DATE_INVALID');
      fields.dueDate = body.dueDate;
      break;
    }
    case 'supply':
      fields.photoIds = [...new Set(body.photoIds ?? [])];
      break;
    case 'decide':
      if (body.outcome === 'granted' && !body.lawyer) throw new AppError('CASE_LAWYER_REQUIRED');
      fields.outcome = body.outcome;
      fields.lawyer = body.lawyer ?? null;
      break;
    case 'settle':
      fields.outcome = body.outcome;
      break;
    case 'session':
    case 'complete':
      fields.at2 = new Date(body.startAt);
      break;
    case 'propose':
      if (!bookingTimeValid(new Date(body.at), now)) throw new AppError('CASE_TIME_INVALID');
      fields.at2 = new Date(body.at);
      break;
  }
  return fields;
}
