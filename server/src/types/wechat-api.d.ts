declare module 'wechat-api' {
  type Callback<T = unknown> = (
    err: (Error & { code?: number }) | null,
    data?: T,
    res?: { headers: Record<string, string> },
  ) => void;
  interface StoredToken {
    accessToken: string;
    expireTime: number;
  }
  class WechatAPI {
    constructor(
      appid: string,
      appsecret: string,
      getToken?: (callback: Callback<StoredToken | null>) => void,
      saveToken?: (token: StoredToken, callback: (err: Error | null) => void) => void,
    );
    appid: string;
    appsecret: string;
    endpoint: string;
    token: StoredToken;
    request(url: string, opts: Record<string, unknown>, callback: Callback): void;
    preRequest(method: (...args: never[]) => void, args: IArguments | unknown[], retryed?: boolean): void;
    getLatestToken(callback: Callback<StoredToken>): void;
    static mixin(methods: Record<string, unknown>): void;
    [method: string]: unknown;
  }
  export = WechatAPI;
}
