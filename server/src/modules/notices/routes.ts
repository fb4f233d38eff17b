import { noticesRoutes } from '@vc/types';
import type { HandlerDeps } from '../../deps';
import type { Handlers } from '../../shared/http';
import { AppError } from '../../shared/errors';
import { userById } from '../users/queries';
import { recordResults } from './record';
import { noticeStatus } from './status';

export function noticesHandlers({ config }: HandlerDeps): Handlers<typeof noticesRoutes> {
  const mine = async (userId: string, grants: Parameters<typeof noticeStatus>[1]) => {
    if (!(await userById(userId))) throw new AppError('USER_NOT_FOUND');
    return { items: await noticeStatus(userId, grants, config) };
  };
  return {
    myNotices: ({ principal }) => mine(principal.userId, principal.grants),
    recordNotices: async ({ principal, body }) => {
      if (!(await userById(principal.userId))) throw new AppError('USER_NOT_FOUND');
      await recordResults(principal.userId, body, config);
      return mine(principal.userId, principal.grants);
    },
  };
}
