import type { Config } from './config';
import type { WechatClient } from './modules/wechat/client';
import type { Logger } from './shared/log';

/** What route handlers may need besides the request: configuration, the WeChat client, the logger. */
export interface AppDeps {
  config: Config;
  wechat: WechatClient;
  /** The logger (shared/log.ts createLogger); without it createApp makes one at config.logLevel. */
  log?: Logger;
}

/** What handlers get: the app's dependencies with the logger createApp settled on. */
export type HandlerDeps = AppDeps & { log: Logger };
