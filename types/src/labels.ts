/**
 * Chinese labels of the enums, free of zod so the mini-program can import them at run time
 * (like paths.ts). roles.ts and ledger.ts check at compile time that every value has a label.
 */
export const ROLE_LABELS = {
  villager: '村（居）民',
  village_cadre: '村（居）两委成员',
  mediator: '人民调解员',
  legal_literate: '法律明白人',
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

export const GROUP_TIER_LABELS = { village: '村级工作群', township: '乡镇工作群', county: '县级工作群' } as const;

/** where a person stands in a group (what they may do there) */
export const GROUP_STANDING_LABELS = {
  moderator: '管理员',
  member: '成员',
  muted: '已禁言',
  pending: '申请待审核',
  removed: '已被移出',
  can_join: '可直接加入',
  can_request: '可申请加入',
  none: '不可加入',
} as const;

export const GROUP_ACTION_LABELS = {
  join_request: '申请加入',
  joined: '加入',
  approve: '同意加入',
  refuse: '拒绝加入',
  mute: '禁言',
  unmute: '解除禁言',
  remove: '移出群',
  remove_post: '删除消息',
  release_post: '放行消息',
  reject_post: '不予发布',
  take_private: '转为私下咨询',
  moved_out: '迁出本村，退出工作群',
} as const;

export const CONSULTATION_STATUS_LABELS = { open: '待答复', answered: '已答复', closed: '已办结' } as const;

export const CONSULTATION_STEP_LABELS = {
  asked: '提出咨询',
  claimed: '受理',
  answered: '答复',
  followed_up: '追问',
  escalated: '提交上级',
  closed: '办结',
  rated: '评价',
} as const;

/** PII found in a group post (docs/domain.md R7) */
export const PII_KIND_LABELS = { id_card: '身份证号码', mobile: '手机号码', bank_card: '银行卡号' } as const;

// --- invitations (issue 12) ---

export const INVITATION_STATUS_LABELS = { active: '可使用', used_up: '已用完', expired: '已过期', withdrawn: '已撤回' } as const;

/** what happened in the record of role changes */
export const ROLE_CHANGE_KIND_LABELS = {
  invited: '发出邀请',
  invitation_withdrawn: '撤回邀请',
  granted: '接受邀请，获得角色',
  withdrawn: '撤销角色',
} as const;

export const LEGAL_AID_MATTER_LABELS = {
  state_compensation: '请求国家赔偿',
  social_assistance: '请求社会保险待遇或者社会救助',
  pension_for_survivors: '请求发给抚恤金',
  support_payments: '请求给付赡养费、抚养费、扶养费',
  labour_and_wages: '劳动关系、拖欠工资等劳动报酬',
  injury_compensation: '交通事故、工伤、医疗事故等人身损害赔偿',
  marriage_and_family: '婚姻家庭纠纷',
  food_and_drugs: '食品药品安全',
  education_and_medical: '教育、医疗权益',
  environmental_pollution: '环境污染、生态破坏损害赔偿',
  heroes_rights: '英雄烈士近亲属维护英雄烈士的人格权益',
} as const;

/** The service hall (issue 16). */
export const CASE_KIND_LABELS = {
  legal_aid: '法律援助',
  mediation: '人民调解',
  booking: '预约服务',
  complaint: '投诉建议',
} as const;

export const CASE_STATUS_LABELS = {
  open: '待受理',
  handling: '办理中',
  waiting: '待您补充',
  confirmed: '已确认',
  done: '已办结',
} as const;

/** Each act, as a button and as a step of the trail (with `opened` and `rated`). */
export const CASE_ACT_LABELS = {
  opened: '提交申请',
  take: '受理',
  ask_material: '要求补充材料',
  supply: '补充材料',
  forward: '初审通过，转县法律援助中心',
  refuse: '不予受理',
  decide: '作出审批决定',
  session: '记录调解',
  settle: '调解结束',
  confirm: '确认预约',
  propose: '另约时间',
  accept: '同意新时间',
  cancel: '取消',
  no_show: '未到场',
  complete: '服务完成',
  answer: '答复',
  rated: '评价',
} as const;

export const CASE_OUTCOME_LABELS = {
  granted: '给予法律援助',
  denied: '不予法律援助',
  refused: '初审不予受理',
  agreement: '达成调解协议',
  no_agreement: '未达成协议',
  referred: '转其他途径处理',
  kept: '已按约服务',
  no_show: '未到场',
  cancelled: '已取消',
  answered: '已答复',
} as const;

export const DISPUTE_KIND_LABELS = {
  neighbours: '邻里纠纷',
  family: '婚姻家庭纠纷',
  land: '土地、宅基地纠纷',
  debt: '借贷、合同纠纷',
  labour: '劳务、工资纠纷',
  damage: '损害赔偿纠纷',
  other: '其他纠纷',
} as const;
