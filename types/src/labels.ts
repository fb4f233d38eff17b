/**
 * The Chinese labels of the enums, for the server (exports, notices, messages it writes in Chinese)
 * and for the rules that check every value has a label (roles.ts, ledger.ts). The text itself lives
 * in the resource file i18n/locales/zh-Hans/labels.json, the 'labels' namespace the mini-program
 * translates (i18n/locales/<language>/labels.json); free of zod so the mini-program may import it.
 */
import labels from './i18n/locales/zh-Hans/labels.json';

export const CASE_ACT_LABELS = labels.caseAct;
export const CASE_KIND_LABELS = labels.caseKind;
export const CASE_OUTCOME_LABELS = labels.caseOutcome;
export const CASE_STATUS_LABELS = labels.caseStatus;
export const CONSULTATION_STATUS_LABELS = labels.consultationStatus;
export const CONSULTATION_STEP_LABELS = labels.consultationStep;
export const DISPUTE_KIND_LABELS = labels.disputeKind;
export const GROUP_ACTION_LABELS = labels.groupAction;
export const GROUP_STANDING_LABELS = labels.groupStanding;
export const GROUP_TIER_LABELS = labels.groupTier;
export const INVITATION_STATUS_LABELS = labels.invitationStatus;
export const LEDGER_KIND_LABELS = labels.ledgerKind;
export const LEDGER_MODE_LABELS = labels.ledgerMode;
export const LEDGER_STATUS_LABELS = labels.ledgerStatus;
export const LEGAL_AID_MATTER_LABELS = labels.legalAidMatter;
export const PII_KIND_LABELS = labels.piiKind;
export const ROLE_CHANGE_KIND_LABELS = labels.roleChangeKind;
export const ROLE_LABELS = labels.role;
export const ARTICLE_CATEGORY_LABELS = labels.articleCategory;
