/**
 * Scan-to-login (扫码登录): a PC's login page asks for a ticket and shows it as a mini-program code;
 * the person scans it with WeChat, the mini-program's confirm page shows where the login was asked
 * for, and their confirmation (with their mini-program session) lets the PC's next poll collect a
 * session for them — once. Every "only one" here is a unique `_id`: one decision per ticket
 * (`scan_decisions`), one session per ticket (`login_uses`, `ticket:<ticket>`).
 */
import type { ScanPollReply, ScanTicket, ScanTicketView } from '@vc/types';
import { AppError } from '../../shared/errors';
import type { Principal } from '../../shared/principal';
import { isDuplicateKey } from '../../store/duplicates';
import type { WechatClient } from '../wechat/client';
import { userById } from '../users/queries';
import { ScanDecisionModel, ScanTicketModel } from './model';
import { createSession, sessionVia } from './service';
import { newLoginNonce, purgeOldLogins, spendOnce, wasSpent } from './login-store';
import {
  SCAN_LOGIN_PAGE,
  SCAN_POLL_INTERVAL_MS,
  SCAN_TICKET_TTL_MS,
  deviceLabel,
  loginWindowOf,
  mayConfirmScan,
  maskIp,
  scanTicketState,
  type ScanTicketState,
} from './web-login-policy';

const useKey = (ticket: string) => `ticket:${ticket}`;

export async function createTicket(
  pc: { userAgent: string | undefined; ip: string | undefined },
  now = Date.now(),
): Promise<ScanTicket> {
  const ticket = newLoginNonce();
  const expiresAt = new Date(now + SCAN_TICKET_TTL_MS);
  await purgeOldLogins(loginWindowOf(now));
  await ScanTicketModel.create({
    _id: ticket,
    device: deviceLabel(pc.userAgent),
    ip: pc.ip ?? null,
    createdAt: new Date(now),
    expiresAt,
    window: loginWindowOf(now),
  });
  return { ticket, expiresAt: expiresAt.toISOString(), pollIntervalMs: SCAN_POLL_INTERVAL_MS };
}

/** The ticket, its decision and whether it was used: three reads by `_id`, whatever was recorded. */
async function load(ticket: string) {
  const [doc, decision, used] = await Promise.all([
    ScanTicketModel.findById(ticket).lean(),
    ScanDecisionModel.findById(ticket).lean(),
    wasSpent(useKey(ticket)),
  ]);
  if (!doc) throw new AppError('SCAN_TICKET_NOT_FOUND');
  return {
    doc,
    decision,
    state: scanTicketState({ expiresAt: doc.expiresAt, scannedAt: doc.scannedAt ?? null }, decision, used, new Date()),
  };
}

/** The refusal for a ticket no longer open to a decision. */
const CLOSED: Partial<Record<ScanTicketState, 'SCAN_TICKET_EXPIRED' | 'SCAN_TICKET_USED' | 'SCAN_TICKET_DECIDED'>> = {
  expired: 'SCAN_TICKET_EXPIRED',
  used: 'SCAN_TICKET_USED',
  confirmed: 'SCAN_TICKET_DECIDED',
  declined: 'SCAN_TICKET_DECIDED',
};

/** The ticket's mini-program code (a PNG): only while it waits for a decision. */
export async function ticketQrCode(wechat: WechatClient, ticket: string): Promise<Buffer> {
  const { state } = await load(ticket);
  const refusal = CLOSED[state];
  if (refusal) throw new AppError(refusal);
  try {
    return await wechat.getUnlimitedQrCode(ticket, SCAN_LOGIN_PAGE);
  } catch {
    throw new AppError('WECHAT_UNAVAILABLE');
  }
}

/** The PC's poll: waiting, declined, or — to exactly one poll — the session of the person who confirmed. */
export async function pollTicket(ticket: string, ttlMs: number): Promise<ScanPollReply> {
  const { doc, decision, state } = await load(ticket);
  if (state === 'waiting' || state === 'scanned') {
    return { status: 'waiting', scanned: state === 'scanned', expiresAt: doc.expiresAt.toISOString() };
  }
  if (state === 'declined') return { status: 'declined' };
  if (state !== 'confirmed' || !decision) throw new AppError(state === 'used' ? 'SCAN_TICKET_USED' : 'SCAN_TICKET_EXPIRED');
  // a crash between this insert and the session leaves the ticket used and no session: the PC shows a new code
  if (!(await spendOnce(useKey(ticket)))) throw new AppError('SCAN_TICKET_USED');
  const user = await userById(decision.userId);
  if (!user) throw new AppError('USER_NOT_FOUND');
  return { status: 'confirmed', session: await createSession(user, 'scan', ttlMs) };
}

/** What the phone shows before deciding; opening it marks the ticket scanned (the PC says so). */
export async function viewTicket(ticket: string): Promise<ScanTicketView> {
  const { doc, state } = await load(ticket);
  if (state === 'expired' || state === 'used') throw new AppError(CLOSED[state]!);
  if (state === 'waiting') await ScanTicketModel.updateOne({ _id: ticket }, { $set: { scannedAt: new Date() } });
  return {
    ticket,
    status: state === 'confirmed' || state === 'declined' ? state : 'waiting',
    device: doc.device,
    ipMasked: maskIp(doc.ip),
    createdAt: doc.createdAt.toISOString(),
    expiresAt: doc.expiresAt.toISOString(),
  };
}

/** The phone's decision: the first one recorded stands; confirming needs a mini-program session. */
export async function decideTicket(ticket: string, principal: Principal, decision: 'confirm' | 'decline'): Promise<void> {
  if (decision === 'confirm') {
    const via = await sessionVia(principal.sessionId);
    if (!via || !mayConfirmScan(via)) throw new AppError('SCAN_CONFIRM_NEEDS_MINIPROGRAM');
  }
  const { state } = await load(ticket);
  const refusal = CLOSED[state];
  if (refusal) throw new AppError(refusal);
  const now = Date.now();
  try {
    await ScanDecisionModel.create({
      _id: ticket,
      userId: principal.userId,
      decision,
      at: new Date(now),
      window: loginWindowOf(now),
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw new AppError('SCAN_TICKET_DECIDED');
    throw err;
  }
}
