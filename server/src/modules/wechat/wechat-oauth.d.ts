/** The part of `wechat-oauth` (node-webot, the companion of wechat-api) this server uses. */
declare module 'wechat-oauth' {
  type Callback<T> = (err: (Error & { code?: number; name: string }) | null, result?: T) => void;
  interface OAuthTokenData {
    access_token: string;
    expires_in: number;
    refresh_token: string;
    openid: string;
    scope: string;
    unionid?: string;
    create_at?: number;
  }
  class OAuth {
    constructor(
      appid: string,
      appsecret: string,
      getToken?: (openid: string, callback: Callback<OAuthTokenData | null>) => void,
      saveToken?: (openid: string, token: OAuthTokenData, callback: (err: Error | null) => void) => void,
    );
    appid: string;
    /** default urllib options of every request (timeout …) */
    setOpts(opts: Record<string, unknown>): void;
    /** every call to WeChat goes through this urllib wrapper */
    request(url: string, opts: Record<string, unknown>, callback: (err: Error | null, data: unknown, res: unknown) => void): void;
    getAuthorizeURL(redirect: string, state: string, scope: 'snsapi_base' | 'snsapi_userinfo'): string;
    getAccessToken(code: string, callback: Callback<{ data: OAuthTokenData }>): void;
  }
  export = OAuth;
}
