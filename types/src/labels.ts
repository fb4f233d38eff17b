/**
 * Chinese labels of the enums, free of zod so the mini-program can import them at run time
 * (like paths.ts). roles.ts and ledger.ts check at compile time that every value has a label.
 */
export const ROLE_LABELS = {
  villager: '村（居）民',
  counsel: '村（居）法律顾问',
  township_staff: '司法所工作人员',
  county_staff: '县（区）司法局工作人员',
  county_expert: '县级专家',
  admin: '系统管理员',
} as const;

export const LEDGER_KIND_LABELS = {
  on_site_duty: '驻村值班',
  consultation: '法律咨询',
  lecture: '法治讲座',
  mediation: '参与调解',
  document_drafting: '起草审核法律文书',
  village_rules_review: '村规民约审查',
  legal_opinion: '重大决策法律意见',
  home_visit: '入户走访',
} as const;

export const LEDGER_MODE_LABELS = { on_site: '现场', remote: '远程' } as const;

export const LEDGER_STATUS_LABELS = { pending: '待审核', approved: '已通过', returned: '已退回' } as const;
