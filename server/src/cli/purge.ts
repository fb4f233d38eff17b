/**
 * `npm run admin -- purge`: deletes what the privacy policy keeps only for a while (unattached
 * photos, contact-reveal and login records older than types/src/privacy/policy.ts RETENTION).
 * Meant to run daily (cron, or a timer trigger calling the operator's host).
 */
import type { Command } from 'commander';
import { RETENTION } from '@vc/types';
import { purgeExpired } from '../modules/privacy/purge';
import { withDatabase } from './connect';

export function purgeCommand(program: Command): void {
  program
    .command('purge')
    .description(
      `按隐私政策的保存期限删除过期数据：未使用的照片（${RETENTION.unattachedPhotoHours} 小时）、查看电话记录（${RETENTION.contactRevealDays} 天）、登录记录（${RETENTION.loginLogDays} 天）。可重复运行。\n` +
        'Deletes what the privacy policy keeps only for a while (unattached photos, contact reveals, login records). Idempotent.',
    )
    .action(async () => {
      const result = await withDatabase(() => purgeExpired());
      process.stdout.write(
        `清理完成 / purge done: 未使用的照片 unattached photos ${result.unattachedPhotos}，` +
          `查看电话记录 contact reveals ${result.contactReveals}，登录记录 login records ${result.loginRecords}\n`,
      );
    });
}
