declare module 'wx-server-sdk' {
  const cloud: {
    DYNAMIC_CURRENT_ENV: symbol;
    init(options?: { env?: unknown }): void;
    getWXContext(): { OPENID?: string; APPID?: string; UNIONID?: string; ENV?: string };
  };
  export default cloud;
}
