import { placesRoutes } from '@vc/types';
import type { AppDeps } from '../../deps';
import { AppError } from '../../shared/errors';
import { replyWithFile, type Handlers } from '../../shared/http';
import * as places from './service';

export function placesHandlers({ config, wechat }: AppDeps): Handlers<typeof placesRoutes> {
  return {
    searchVillages: async ({ query }) => ({ items: await places.searchVillages(query.q, query.countyCode, query.limit) }),
    village: ({ params }) => places.villageSummary(params.villageCode),
    villageByInvite: ({ params }) => places.villageByInvite(params.inviteCode),
    placeChildren: ({ params }) => places.children(params.code),
    villageQrCode: async ({ params, ctx }) => {
      await places.villageSummary(params.villageCode);
      const scene = await places.ensureInviteCode(params.villageCode);
      let png: Buffer;
      try {
        png = await wechat.getUnlimitedQrCode(scene, config.wechat.qrPage);
      } catch {
        throw new AppError('WECHAT_UNAVAILABLE');
      }
      return replyWithFile(ctx, { body: png, contentType: 'image/png' });
    },
  };
}
