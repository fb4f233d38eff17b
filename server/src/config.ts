import { z } from 'zod';
import type { RateLimits } from './shared/rate-limit';
import { LOG_LEVELS, type LogLevel } from './shared/log';
import { PRIVACY_POLICY_VERSION } from '@vc/types/src/privacy/policy';
import type { NoticeKey } from '@vc/types/src/notices/catalogue';

/** Environment, parsed once at boot; a bad value stops the server with a clear message. */
const Env = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  MONGODB_URI: z.string().url().optional(),
  /** where the embedded database keeps its files when MONGODB_URI is not set */
  DATA_DIR: z.string().default('.data/db'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 7),
  WECHAT_APPID: z.string().default('wx-demo-appid'),
  WECHAT_SECRET: z.string().default('demo-secret'),
  /** base URL of the WeChat API; tests point it at a local fake */
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  /** the Official Account (服务号) of the H5 build's login inside WeChat (web authorisation, snsapi_base) */
  WECHAT_WEB_APPID: z.string().default('wx-demo-web-appid'),
  WECHAT_WEB_SECRET: z.string().default('demo-web-secret'),
  /** base URL of WeChat's authorisation pages (open.weixin.qq.com); tests point it at a local fake */
  WECHAT_OPEN_BASE: z.string().url().default('https://open.weixin.qq.com'),
  /** shared with cloudfunctions/login for HMAC-signed calls */
  CLOUD_SHARED_SECRET: z.string().min(16).default('dev-only-cloud-shared-secret'),
  /** the mini-program page a village QR code opens */
  QR_PAGE: z.string().default('pages/bind/index'),
  /** the mini-program page an invitation's QR code opens (its scene is the invitation code) */
  INVITATION_QR_PAGE: z.string().default('account/redeem/index'),
  H5_DIR: z.string().optional(),
  /** remind counsel behind schedule this many days before a month or quarter ends */
  REMINDER_DAYS_BEFORE_END: z.coerce.number().int().min(1).max(28).default(5),
  /** subscribe-message template for the reminder (fields thing1 village, thing2 what is missing, time3 deadline) */
  WECHAT_REMINDER_TEMPLATE_ID: z.string().default('reminder-template-id'),
  /** subscribe-message template telling a villager their consultation was answered (thing1 question, name2 who, time3 when) */
  WECHAT_ANSWER_TEMPLATE_ID: z.string().default('answer-template-id'),
  /** subscribe-message template: a ledger entry approved or returned (thing1 service, phrase2 result, thing3 note, time4 when) */
  WECHAT_LEDGER_REVIEW_TEMPLATE_ID: z.string().default('ledger-review-template-id'),
  /** subscribe-message template: a group join request decided (thing1 group, phrase2 result, thing3 note, time4 when) */
  WECHAT_JOIN_TEMPLATE_ID: z.string().default('join-template-id'),
  /** subscribe-message template: a booking confirmed or a new time proposed, and the day before (thing1 topic, time2 time, phrase3 status, thing4 note) */
  WECHAT_BOOKING_TEMPLATE_ID: z.string().default('booking-template-id'),
  /** subscribe-message template: a lecture signed up for moved or cancelled, and the day before (thing1 topic, time2 time, thing3 place, thing4 note) */
  WECHAT_LECTURE_TEMPLATE_ID: z.string().default('lecture-template-id'),
  /** the mini-program page a lecture's check-in code opens (its scene is the lecture id and check-in code) */
  LECTURE_CHECKIN_PAGE: z.string().default('lectures/checkin/index'),
  SEED_DEMO: z.enum(['0', '1']).optional(),
  /** WeChat's text check of group posts; off by default only with the demo app id (no WeChat to ask) */
  CONTENT_CHECK: z.enum(['wechat', 'off']).optional(),
  /** per minute: logins from one address / for one person; posts (group messages, questions, photos) likewise */
  RATE_LIMIT_LOGIN_PER_ADDRESS: z.coerce.number().int().min(1).default(300),
  RATE_LIMIT_LOGIN_PER_PERSON: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_POST_PER_ADDRESS: z.coerce.number().int().min(1).default(600),
  RATE_LIMIT_POST_PER_PERSON: z.coerce.number().int().min(1).default(30),
  /** per minute: calls by one machine credential (provincial and 12348 systems reading reports) */
  RATE_LIMIT_MACHINE_PER_CREDENTIAL: z.coerce.number().int().min(1).default(120),
  /** the privacy policy version people must agree to (privacy module); by default the one in types/src/privacy/policy.ts */
  PRIVACY_POLICY_VERSION: z.string().min(1).max(40).default(PRIVACY_POLICY_VERSION),
  /** the logger's level (JSON lines on stdout); by default info, and silent under NODE_ENV=test */
  LOG_LEVEL: z.enum(LOG_LEVELS).optional(),
  /** the token set in the WeChat console's message push (消息推送); empty: every push is refused */
  WECHAT_PUSH_TOKEN: z.string().default(''),
  /** how WeChat reaches this server (https://…), for the image links media_check_async fetches; by default http://HOST:PORT */
  PUBLIC_BASE_URL: z.string().url().optional(),
});

export type Config = {
  env: 'development' | 'test' | 'production';
  port: number;
  host: string;
  mongodbUri: string | undefined;
  dataDir: string;
  sessionTtlMs: number;
  /** configured: a real app id was given (always in production); without it there is no WeChat to ask or notify */
  wechat: {
    appid: string;
    secret: string;
    apiBase: string;
    qrPage: string;
    invitationQrPage: string;
    lectureCheckinPage: string;
    configured: boolean;
  };
  /** web authorisation in WeChat's browser (accounts/web-login.ts); configured: outside production, or an app id was given */
  wechatWeb: { appid: string; secret: string; apiBase: string; openBase: string; configured: boolean };
  cloudSharedSecret: string;
  h5Dir: string | undefined;
  reminders: { daysBeforeEnd: number; templateId: string };
  answerTemplateId: string;
  /** the template of each promised notice (notices module; the catalogue is types/src/notices/catalogue.ts) */
  noticeTemplates: Record<NoticeKey, string>;
  seedDemo: boolean;
  contentCheck: 'wechat' | 'off';
  rateLimits: RateLimits;
  logLevel: LogLevel;
  /** the privacy policy version in force (privacy module) */
  privacyPolicyVersion: string;
  /** WeChat's message push (image check verdicts) and the base of the links WeChat fetches images by */
  wechatPush: { token: string; publicBaseUrl: string };
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置错误（环境变量）/ invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production') {
    // Defaults are for development only; production must set real secrets.
    // with WeChat's checks on, images wait for a pushed verdict: WeChat must reach us (PUBLIC_BASE_URL) and sign (WECHAT_PUSH_TOKEN)
    const pushed = e.CONTENT_CHECK === 'off' ? [] : (['WECHAT_PUSH_TOKEN', 'PUBLIC_BASE_URL'] as const);
    const missing = (['WECHAT_APPID', 'WECHAT_SECRET', 'CLOUD_SHARED_SECRET', 'MONGODB_URI', ...pushed] as const).filter(
      (k) => !env[k],
    );
    if (missing.length) throw new Error(`生产环境必须设置 / production requires: ${missing.join(', ')}`);
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    mongodbUri: e.MONGODB_URI,
    dataDir: e.DATA_DIR,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600 * 1000,
    wechat: {
      appid: e.WECHAT_APPID,
      secret: e.WECHAT_SECRET,
      apiBase: e.WECHAT_API_BASE,
      qrPage: e.QR_PAGE,
      invitationQrPage: e.INVITATION_QR_PAGE,
      lectureCheckinPage: e.LECTURE_CHECKIN_PAGE,
      configured: e.NODE_ENV === 'production' || !!env.WECHAT_APPID,
    },
    wechatWeb: {
      appid: e.WECHAT_WEB_APPID,
      secret: e.WECHAT_WEB_SECRET,
      apiBase: e.WECHAT_API_BASE,
      openBase: e.WECHAT_OPEN_BASE,
      configured: e.NODE_ENV !== 'production' || !!env.WECHAT_WEB_APPID,
    },
    cloudSharedSecret: e.CLOUD_SHARED_SECRET,
    h5Dir: e.H5_DIR,
    reminders: { daysBeforeEnd: e.REMINDER_DAYS_BEFORE_END, templateId: e.WECHAT_REMINDER_TEMPLATE_ID },
    answerTemplateId: e.WECHAT_ANSWER_TEMPLATE_ID,
    noticeTemplates: {
      consultationAnswered: e.WECHAT_ANSWER_TEMPLATE_ID,
      ledgerReviewed: e.WECHAT_LEDGER_REVIEW_TEMPLATE_ID,
      monthEndReminder: e.WECHAT_REMINDER_TEMPLATE_ID,
      joinDecided: e.WECHAT_JOIN_TEMPLATE_ID,
      bookingUpdate: e.WECHAT_BOOKING_TEMPLATE_ID,
      lectureUpdate: e.WECHAT_LECTURE_TEMPLATE_ID,
    },
    seedDemo: e.SEED_DEMO ? e.SEED_DEMO === '1' : e.NODE_ENV !== 'production',
    rateLimits: {
      login: { perAddress: e.RATE_LIMIT_LOGIN_PER_ADDRESS, perPerson: e.RATE_LIMIT_LOGIN_PER_PERSON },
      post: { perAddress: e.RATE_LIMIT_POST_PER_ADDRESS, perPerson: e.RATE_LIMIT_POST_PER_PERSON },
      machine: { perCredential: e.RATE_LIMIT_MACHINE_PER_CREDENTIAL },
    },
    contentCheck: e.CONTENT_CHECK ?? (e.NODE_ENV === 'production' || env.WECHAT_APPID ? 'wechat' : 'off'),
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    privacyPolicyVersion: e.PRIVACY_POLICY_VERSION,
    wechatPush: {
      token: e.WECHAT_PUSH_TOKEN,
      publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://${e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    },
  };
}
