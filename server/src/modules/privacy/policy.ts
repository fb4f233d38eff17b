/**
 * The pure rules of the privacy capability (issue 13): whether consent is needed, what a person
 * must hand over before cancelling, and what cancellation erases and keeps.
 */
import { ROLE_LABELS, type Role } from '@vc/types';

/** Consent is needed until the person has agreed to exactly the version in force. */
export const consentNeeded = (consentedVersions: readonly string[], currentVersion: string): boolean =>
  !consentedVersions.includes(currentVersion);

export interface Duties {
  /** roles held other than villager (staff, counsel, cadres): handed over by withdrawing them */
  roles: readonly { role: Role; placeCode: string }[];
  /** villages a counsel serves now */
  assignedVillages: readonly string[];
  /** consultations the person handles that are not closed */
  unfinishedConsultations: readonly { id: string; villageCode: string }[];
}

/** What must be handed over first, one line per duty (empty: the person may cancel). `path` names the kind. */
export function dutiesToHandOver(duties: Duties): { path: string; message: string }[] {
  const lines: { path: string; message: string }[] = [];
  for (const r of duties.roles) {
    if (r.role === 'villager') continue;
    lines.push({
      path: `roles.${r.role}.${r.placeCode}`,
      message: `担任${ROLE_LABELS[r.role]}（${r.placeCode || '全国'}），请联系上级撤销该角色`,
    });
  }
  for (const village of duties.assignedVillages) {
    lines.push({ path: `assignments.${village}`, message: `正在服务村（社区）${village}，请联系县司法局解除指派` });
  }
  for (const c of duties.unfinishedConsultations) {
    lines.push({ path: `consultations.${c.id}`, message: `咨询（${c.villageCode}）尚未办结，请先办结或转交` });
  }
  return lines;
}
