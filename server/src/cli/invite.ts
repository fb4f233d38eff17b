/**
 * `npm run admin -- invite --role county_staff --place 210921`: the operator's invitation, for the
 * first county staff of a county or an admin, who then invite everyone else in the app
 * (modules/invitations). Arguments are checked before anything is written; the place must be in
 * the places collection. The issuer on record is the operator.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { INVITATION_DAYS, INVITATION_USES, ROLE_LABELS } from '@vc/types';
import { loadConfig } from '../config';
import { inBeijing } from '../shared/periods';
import { placeByCode } from '../modules/places/lookup';
import { createWechatClient } from '../modules/wechat/client';
import { createInvitation } from '../modules/invitations/service';
import { OPERATOR } from '../modules/invitations/people';
import { fitsPlace } from '../modules/invitations/policy';
import { withDatabase } from './connect';
import { AdminError, UsageError } from './errors';

/** The roles the operator may give from the command line; everyone else is invited in the app. */
const CLI_ROLES = ['county_staff', 'admin'] as const;
type CliRole = (typeof CLI_ROLES)[number];

const AFTER_HELP = `
示例 / examples:
  npm run admin -- invite --role county_staff --place 210921          阜新蒙古族自治县司法局工作人员（1人，7天内有效）
  npm run admin -- invite --role county_staff --place 210921 --uses 3 --days 14 --qr invitation.png
  npm run admin -- invite --role admin --place 21                     辽宁省的系统管理员
  npm run admin -- invite --role admin --place all                    全国系统管理员

被邀请人在小程序中用微信登录后，扫小程序码或在“接受邀请”页输入邀请码，即获得该角色。
The invited person logs in with WeChat in the mini-program and scans the QR code or types the code.

小程序码 / QR code: 需要配置微信（WECHAT_APPID、WECHAT_SECRET）/ needs WeChat configured (WECHAT_APPID, WECHAT_SECRET).
数据库 / database: MONGODB_URI，或未设置时 DATA_DIR 下的内置数据库 / or the embedded database on DATA_DIR.
退出码 / exit status: 0 成功 / done, 1 失败 / failed, 2 参数错误（未改动数据库）/ bad arguments (nothing changed).`;

interface Options {
  role: string;
  place: string;
  uses?: string;
  days?: string;
  qr?: string;
  note?: string;
}

function wholeNumber(
  text: string | undefined,
  label: string,
  limits: { default: number; min: number; max: number },
  unit: string,
) {
  if (text === undefined) return limits.default;
  const n = /^\d{1,4}$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isInteger(n) || n < limits.min || n > limits.max)
    throw new UsageError(
      `${label}应为 ${limits.min}—${limits.max} 之间的整数（${unit}），收到“${text}”。\n${label} must be a whole number from ${limits.min} to ${limits.max}.`,
    );
  return n;
}

/** Everything checkable without the database, checked before it is opened. */
export function parseInviteOptions(options: Options) {
  const role = options.role as CliRole;
  if (!(CLI_ROLES as readonly string[]).includes(role)) {
    throw new UsageError(
      `命令行只能邀请县（区）司法局工作人员（county_staff）或系统管理员（admin），不能邀请“${options.role}”；其他角色请由县、乡工作人员在小程序中邀请。\n` +
        'Only county_staff and admin can be invited from the command line.',
    );
  }
  const place = ['all', ''].includes(options.place.trim().toLowerCase()) ? '' : options.place.trim();
  if (!fitsPlace(role, place)) {
    throw new UsageError(
      role === 'admin'
        ? `系统管理员的地区应为2位省级代码或 all（全国），收到“${options.place}”。\nAn admin is held at a 2-digit province code or all.`
        : `县（区）司法局工作人员的地区应为6位县级代码，收到“${options.place}”。\nCounty staff are held at a 6-digit county code.`,
    );
  }
  const uses = wholeNumber(options.uses, '可使用人数', INVITATION_USES, '人');
  const days = wholeNumber(options.days, '有效期', INVITATION_DAYS, '天');
  let qr: string | null = null;
  if (options.qr !== undefined) {
    qr = path.resolve(options.qr);
    const folder = path.dirname(qr);
    if (!existsSync(folder) || !statSync(folder).isDirectory())
      throw new UsageError(`小程序码的保存目录不存在：${folder}\nThe folder for the QR file does not exist.`);
    if (existsSync(qr) && statSync(qr).isDirectory())
      throw new UsageError(`${qr} 是一个目录，请给出文件名。\n${qr} is a folder.`);
  }
  const note = options.note?.trim() || undefined;
  if (note && note.length > 50) throw new UsageError('备注最多50字。\nThe note is at most 50 characters.');
  return { role, place, uses, days, qr, note };
}

async function run(options: Options) {
  const args = parseInviteOptions(options);
  // only the WeChat settings: production's other required secrets are no business of this command
  const config = loadConfig({
    WECHAT_APPID: process.env.WECHAT_APPID,
    WECHAT_SECRET: process.env.WECHAT_SECRET,
    WECHAT_API_BASE: process.env.WECHAT_API_BASE,
    INVITATION_QR_PAGE: process.env.INVITATION_QR_PAGE,
  });
  const out: string[] = [];
  const notes: string[] = [];
  await withDatabase(async () => {
    const place = args.place === '' ? { name: '全国' } : await placeByCode(args.place);
    if (!place) {
      throw new UsageError(
        `数据库的区划表中没有“${args.place}”，未生成邀请。请先导入该地区：npm run admin -- import-places ${args.place.slice(0, 6)}\n` +
          'No such place in the places collection; nothing was written.',
      );
    }
    const invitation = await createInvitation(
      args.place,
      { role: args.role, uses: args.uses, days: args.days, note: args.note },
      { person: OPERATOR, operator: true },
    );
    out.push(
      '已生成邀请 / invitation created',
      `  邀请码 code：${invitation.code}`,
      `  角色 role：${ROLE_LABELS[args.role]}（${args.role}）`,
      `  地区 place：${place.name}（${args.place || 'all'}）`,
      `  有效期至 expires：${inBeijing(invitation.expiresAt).format('YYYY-MM-DD HH:mm')}（北京时间）`,
      `  可使用人数 uses：${invitation.uses}`,
    );
    if (args.qr) {
      if (!config.wechat.configured) {
        notes.push(
          '未配置微信（WECHAT_APPID、WECHAT_SECRET），无法生成小程序码；请直接把邀请码交给被邀请人。\nWeChat is not configured: no QR code was written.',
        );
      } else {
        try {
          const png = await createWechatClient(config.wechat).getUnlimitedQrCode(
            invitation.code!,
            config.wechat.invitationQrPage,
          );
          writeFileSync(args.qr, png);
          out.push(`  小程序码 QR：已保存到 ${args.qr}`);
        } catch (err) {
          throw new AdminError(
            `${out.join('\n')}\n邀请已生成，可直接使用邀请码；但小程序码未能生成：${(err as Error).message}\nThe invitation exists; the QR code could not be made.`,
          );
        }
      }
    }
  });
  out.push('被邀请人在小程序中用微信登录后，扫小程序码或在“接受邀请”页输入邀请码，即获得该角色。');
  process.stdout.write(`${out.join('\n')}\n`);
  for (const note of notes) process.stderr.write(`注意：${note}\n`);
}

export function inviteCommand(program: Command): void {
  program
    .command('invite')
    .summary('生成邀请码：县（区）司法局工作人员或系统管理员 / invite county staff or an admin')
    .description(
      '为县（区）司法局工作人员（县级代码）或系统管理员（省级代码或 all）生成邀请码，可选保存小程序码。发出人记为运维人员。\n\n' +
        'Creates an invitation for county staff (a county code) or an admin (a province code or all), optionally with its QR code; the issuer on record is the operator.',
    )
    .requiredOption('--role <role>', '角色：county_staff 或 admin / role: county_staff or admin')
    .requiredOption(
      '--place <code>',
      '地区：6位县级代码；admin 为2位省级代码或 all / place: county code; for admin a province code or all',
    )
    .option(
      '--uses <n>',
      `可使用人数 ${INVITATION_USES.min}—${INVITATION_USES.max}，默认 ${INVITATION_USES.default} / how many people may use it`,
    )
    .option(
      '--days <n>',
      `有效天数 ${INVITATION_DAYS.min}—${INVITATION_DAYS.max}，默认 ${INVITATION_DAYS.default} / days it is valid`,
    )
    .option('--qr <file>', '把小程序码保存为 PNG 文件（需配置微信）/ write the QR code to this PNG file (needs WeChat)')
    .option('--note <text>', '备注，如被邀请人姓名 / a note, e.g. whom it is for')
    .addHelpText('after', AFTER_HELP)
    .action(run);
}
