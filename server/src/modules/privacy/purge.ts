/**
 * Keep only what is needed (issue 13 item 7): what the privacy policy promises to delete after a
 * while, deleted by the periods of types/src/privacy/policy.ts RETENTION (the text states the same
 * numbers). Run by `npm run admin -- purge` (server/src/cli/purge.ts), e.g. daily from cron.
 */
import { RETENTION } from '@vc/types';
import { purgeUnattachedPhotos } from '../consultations/queries';
import { purgeContactReveals } from '../counsel/queries';
import { purgeLoginRecords } from '../accounts/service';
import { purgeWithdrawnAvatars } from '../media/avatar';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

export interface PurgeResult {
  unattachedPhotos: number;
  contactReveals: number;
  loginRecords: number;
  /** avatars WeChat's check withdrew, kept as long as unattached photos (the verdict itself stays) */
  withdrawnAvatars: number;
}

export async function purgeExpired(now = new Date()): Promise<PurgeResult> {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  return {
    unattachedPhotos: await purgeUnattachedPhotos(ago(RETENTION.unattachedPhotoHours * HOUR)),
    contactReveals: await purgeContactReveals(ago(RETENTION.contactRevealDays * DAY)),
    loginRecords: await purgeLoginRecords(ago(RETENTION.loginLogDays * DAY)),
    withdrawnAvatars: await purgeWithdrawnAvatars(ago(RETENTION.unattachedPhotoHours * HOUR)),
  };
}
