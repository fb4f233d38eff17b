/**
 * The privacy policy (隐私政策): its version, its Chinese text, and the retention periods it states.
 * Zod-free, so the mini-program imports it at run time (alias `@vc/types/src/privacy/policy`) and
 * the server's purge job reads the same RETENTION numbers the text promises: one place for both.
 * A change of the text that people must agree to again needs a new PRIVACY_POLICY_VERSION.
 */

/** How long what we keep only for a while is kept (the purge job, server/src/modules/privacy/purge.ts). */
export const RETENTION = {
  /** photos uploaded for a question but never attached to one */
  unattachedPhotoHours: 24,
  /** the record of who viewed a counsel's full phone number */
  contactRevealDays: 180,
  /** login records (sessions: when, how), counted from when the session ended */
  loginLogDays: 90,
} as const;

/** The version people agree to; the server's PRIVACY_POLICY_VERSION may name a newer one. */
export const PRIVACY_POLICY_VERSION = '2026-12-01';

export { CANCEL_CONFIRMATION } from '../constants';

/** How a cancelled person reads wherever records others rely on still name them. */
export const CANCELLED_NAME = '已注销用户';

/** What cancellation erases, and what stays (shown before confirming, and in the reply). */
export const CANCELLATION_ERASES: readonly string[] = [
  '姓名、手机号、头像',
  '微信登录绑定（同一微信再次登录将是新账号）',
  '所在村（社区）及村民身份、工作群成员身份',
  '未用于咨询或申请的照片、法律顾问资料照片',
  '所有登录状态',
];
export const CANCELLATION_KEEPS: readonly string[] = [
  `您提出的咨询及答复、评价（显示为“${CANCELLED_NAME}”）`,
  `您在工作群中发布的消息（显示为“${CANCELLED_NAME}”）`,
  `您申请的法律援助、调解、预约和投诉建议及其办理记录（显示为“${CANCELLED_NAME}”）`,
  '工作台账、群管理和角色变更记录',
  '您同意隐私政策的记录和本次注销记录',
];

export interface PolicySection {
  title: string;
  paragraphs: readonly string[];
}

export const PRIVACY_POLICY_TITLE = '“一村一法律顾问”小程序隐私政策';

/** A short summary shown with 同意 / 不同意 on first login and when the version changes. */
export const PRIVACY_POLICY_SUMMARY =
  '我们只收集提供公共法律服务所必需的信息：微信身份标识、姓名、手机号（自愿填写）、所在村（社区）、您提交的咨询和照片。' +
  '这些信息仅供为您服务的法律顾问和本辖区工作人员查看，不会用于其他目的。您可以随时在“我的”中查看、下载或注销账号。';

export const PRIVACY_POLICY_SECTIONS: readonly PolicySection[] = [
  {
    title: '一、我们收集哪些信息',
    paragraphs: [
      '微信身份标识（openid，如有则含 unionid），用于登录；',
      '您填写的姓名、手机号，以及头像（如您设置）；',
      '您所在的村（社区），以及您在本平台担任的角色；',
      '您提交的法律咨询、追问、评价及随咨询上传的照片；您在工作群中发布的消息；',
      '法律顾问登记的工作台账、驻村打卡位置；查看法律顾问完整电话的记录；登录记录。',
    ],
  },
  {
    title: '二、我们为什么收集',
    paragraphs: [
      '为您提供法律咨询、工作群交流和驻村法律服务；',
      '让乡镇、县级司法行政部门按规定督导和考核“一村一法律顾问”工作；',
      '保障账号安全，防止滥用。我们不会将您的信息用于广告或出售给任何人。',
    ],
  },
  {
    title: '三、谁能看到您的信息',
    paragraphs: [
      '您的咨询：您本人、受理的法律顾问及本辖区（乡镇、县）负责的工作人员；',
      '您在工作群中的消息：该群成员；',
      '您的手机号：只以部分隐藏的形式显示，仅有正当理由的人员可查看完整号码，且每次查看都有记录。',
    ],
  },
  {
    title: '四、我们保存多久',
    paragraphs: [
      `上传后未用于咨询的照片：${RETENTION.unattachedPhotoHours} 小时后删除；`,
      `查看法律顾问完整电话的记录：保存 ${RETENTION.contactRevealDays} 天后删除；`,
      `登录记录：登录失效后保存 ${RETENTION.loginLogDays} 天后删除；`,
      '咨询及答复、评价、工作台账、群管理和角色变更记录：作为公共法律服务的工作记录长期保存；您注销账号后，这些记录中的您将显示为“已注销用户”。',
      '您同意本政策的记录和注销记录：长期保存，用于证明我们依法处理了您的信息。',
    ],
  },
  {
    title: '五、您的权利：查看、复制、注销',
    paragraphs: [
      '在“我的”页面，您可以查看本人信息，下载本人数据副本（JSON 文件）；',
      `您可以注销账号：注销后您的姓名、手机号、头像和微信登录绑定将被删除，仅属于您的照片将被删除；用同一微信再次登录将是一个新账号。`,
      '法律顾问、工作人员如有未办结的咨询、服务中的村（社区）或担任的职务，须先完成交接才能注销。',
    ],
  },
  {
    title: '六、联系我们',
    paragraphs: ['如对本政策或您的个人信息有疑问，请联系所在县（市、区）司法局，或拨打 12348 公共法律服务热线。'],
  },
];
