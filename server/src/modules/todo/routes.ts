import type { todoRoutes } from '@vc/types';
import type { Handlers } from '../../shared/http';
import { todoOf } from './service';

export function todoHandlers(): Handlers<typeof todoRoutes> {
  return {
    myTodo: ({ principal }) => todoOf(principal),
  };
}
