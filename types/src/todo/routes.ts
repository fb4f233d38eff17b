import { defineRoutes } from '../route';
import { EmptyQuery } from '../common';
import { TodoReply } from './schemas';

/** "To-do first" (issue 14 item 4): each role's home page opens with its counts and most urgent items. */
export const todoRoutes = defineRoutes({
  myTodo: {
    // the reports behind it refuse a month not yet begun; the to-do asks only for the current one
    errors: ['LEDGER_MONTH_NOT_STARTED'],
    method: 'get',
    path: '/api/me/todo',
    summary: '本人待办：按所任角色（法律顾问、司法所、县司法局）汇总待处理事项的数量与最紧急的几项',
    access: { kind: 'session' },
    query: EmptyQuery,
    reply: TodoReply,
  },
});
