/**
 * The Simplified Chinese resources, complete and bundled with the app (the default language); one
 * namespace per capability (a subpackage's pages, or the main package's), each a JSON file in
 * locales/zh-Hans. Other languages are not bundled: the mini-program downloads a language's files
 * when a person chooses it (GET /api/i18n/:language), so the main package does not grow per
 * language. A namespace is registered here once.
 */
import common from './locales/zh-Hans/common.json';
import labels from './locales/zh-Hans/labels.json';
import home from './locales/zh-Hans/home.json';
import me from './locales/zh-Hans/me.json';
import login from './locales/zh-Hans/login.json';
import bind from './locales/zh-Hans/bind.json';
import board from './locales/zh-Hans/board.json';
import account from './locales/zh-Hans/account.json';
import village from './locales/zh-Hans/village.json';
import consult from './locales/zh-Hans/consult.json';
import groups from './locales/zh-Hans/groups.json';
import hall from './locales/zh-Hans/hall.json';
import privacy from './locales/zh-Hans/privacy.json';
import policy from './locales/zh-Hans/policy.json';
import inspections from './locales/zh-Hans/inspections.json';
import backoffice from './locales/zh-Hans/backoffice.json';
import ledger from './locales/zh-Hans/ledger.json';
import counsel from './locales/zh-Hans/counsel.json';
import staff from './locales/zh-Hans/staff.json';
import lectures from './locales/zh-Hans/lectures.json';
import feed from './locales/zh-Hans/feed.json';
import roster from './locales/zh-Hans/roster.json';

export const zhHans = {
  common,
  labels,
  home,
  me,
  login,
  bind,
  board,
  account,
  village,
  consult,
  groups,
  hall,
  privacy,
  policy,
  inspections,
  backoffice,
  ledger,
  counsel,
  staff,
  lectures,
  feed,
  roster,
} as const;
export type Namespace = keyof typeof zhHans;
export const NAMESPACES = Object.keys(zhHans) as Namespace[];
