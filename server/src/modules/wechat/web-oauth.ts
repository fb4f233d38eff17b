/**
 * WeChat web authorisation (OAuth 2.0, scope snsapi_base) of the Official Account behind the H5
 * build, through `wechat-oauth` (node-webot, the companion of wechat-api). That library writes
 * WeChat's hosts into its URLs; every call it makes goes through its `request` wrapper and every
 * authorisation address comes from `getAuthorizeURL`, so both are rebased here onto the configured
 * bases, which lets tests run it against the local fake of WeChat.
 */
import OAuth from 'wechat-oauth';

const API_HOST = 'https://api.weixin.qq.com';
const OPEN_HOST = 'https://open.weixin.qq.com';

export interface WebIdentity {
  /** the person's openid in the Official Account (not the mini-program's openid) */
  openid: string;
  /** the same person across the organisation's apps, when the account is bound to an open platform */
  unionid?: string;
}

export interface WebOAuthClient {
  /** WeChat's authorisation page; WeChat sends the person back to `redirectUri` with `code` and `state` */
  authorizeUrl(redirectUri: string, state: string): string;
  /** exchanges the code WeChat gave (sns/oauth2/access_token); rejects with `code` = WeChat's errcode */
  exchangeCode(code: string): Promise<WebIdentity>;
}

const rebase = (url: string, host: string, base: string) =>
  url.startsWith(host) ? base.replace(/\/$/, '') + url.slice(host.length) : url;

export function createWebOAuthClient(options: {
  appid: string;
  secret: string;
  apiBase: string;
  openBase: string;
}): WebOAuthClient {
  // snsapi_base needs only the openid: the person's OAuth access token is neither kept nor used
  const oauth = new OAuth(
    options.appid,
    options.secret,
    (_openid, callback) => callback(null, null),
    (_openid, _token, callback) => callback(null),
  );
  oauth.setOpts({ timeout: 10000 });
  const request = oauth.request.bind(oauth);
  oauth.request = (url, opts, callback) =>
    request(rebase(url, API_HOST, options.apiBase), opts, (err, data, res) => {
      // the library reads data.errcode unguarded: a reply that is not a JSON object must be an error here
      if (!err && (data === null || typeof data !== 'object')) return callback(new Error('not a JSON object'), null, res);
      callback(err, data, res);
    });
  return {
    authorizeUrl: (redirectUri, state) =>
      rebase(oauth.getAuthorizeURL(redirectUri, state, 'snsapi_base'), OPEN_HOST, options.openBase),
    exchangeCode: (code) =>
      new Promise<WebIdentity>((resolve, reject) => {
        oauth.getAccessToken(code, (err, result) => {
          if (err) return reject(err);
          const data = result?.data;
          if (!data?.openid) return reject(new Error('no openid in the reply'));
          resolve({ openid: data.openid, ...(data.unionid ? { unionid: data.unionid } : {}) });
        });
      }),
  };
}
