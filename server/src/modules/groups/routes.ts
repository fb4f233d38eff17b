import { groupsRoutes } from '@vc/types';
import type { HandlerDeps } from '../../deps';
import { replyWithStatus, type Handlers } from '../../shared/http';
import * as consultationSteps from '../consultations/steps';
import * as consultationViews from '../consultations/views';
import { makeContentCheck } from '../content-check/text';
import * as membership from './membership';
import { joinNotifier } from './join-notice';
import * as moderation from './moderation';
import * as posting from './posting';
import * as timeline from './timeline';

export function groupsHandlers({ config, wechat, log }: HandlerDeps): Handlers<typeof groupsRoutes> {
  const contentCheck = makeContentCheck(config, wechat, log);
  const notifyJoin = joinNotifier(wechat, config, log);
  return {
    myGroups: async ({ principal }) => ({ items: await membership.myGroups(principal) }),
    groupMessages: ({ principal, params, query }) => timeline.messages(principal, params.groupCode, query.after, query.limit),
    postGroupMessage: async ({ principal, params, body, ctx }) => {
      const { reply, created } = await posting.post(principal, params.groupCode, body, contentCheck);
      // 201 visible, 202 held for a moderator, 200 a retry of the same clientKey
      const status = !created ? 200 : reply.status === 'visible' ? 201 : 202;
      return replyWithStatus(ctx, reply, status);
    },
    removeGroupMessage: ({ principal, params, body }) =>
      moderation.removeMessage(principal, params.groupCode, params.seq, body.reason, contentCheck),
    takeMessagePrivate: async ({ principal, params }) => {
      const consultationId = await posting.takeMessagePrivate(principal, params.groupCode, params.seq, (asker, text) =>
        consultationSteps.openFromGroupPost(asker, text, params.groupCode, params.seq, principal.userId),
      );
      return consultationViews.get(principal, consultationId);
    },
    groupMembers: ({ params, query }) => membership.memberPage(params.groupCode, query),
    decideJoinRequest: ({ principal, params, body }) =>
      membership.decideJoin(principal, params.groupCode, params.userId, body.decision, body.reason, notifyJoin),
    moderateMember: ({ principal, params, body }) =>
      moderation.moderateMember(
        principal,
        params.groupCode,
        params.userId,
        body.action,
        body.reason,
        body.action === 'mute' ? body.days : undefined,
      ),
    groupActions: async ({ params }) => ({ items: await moderation.actions(params.groupCode) }),
    joinGroup: async ({ principal, params, body }) => ({
      standing: await membership.join(principal, params.groupCode, body.note),
    }),
    heldPosts: async ({ principal, params, query }) => ({ items: await posting.heldPosts(principal, params.code, query.status) }),
    decideHeldPost: ({ principal, params, body }) =>
      posting.decideHeld(principal, params.code, params.heldId, body.decision, body.reason),
  };
}
