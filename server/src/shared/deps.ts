import type { Config } from '../config';
import type { WechatClient } from '../modules/wechat/client';

/** What route handlers may need besides the request: configuration and the WeChat client. */
export interface AppDeps {
  config: Config;
  wechat: WechatClient;
  log?: (err: unknown) => void;
}
