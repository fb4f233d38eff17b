/**
 * 微信一键登录 in the mini-program: through the `login` cloud function when a cloud environment is
 * configured, else wx.login and the server's code exchange. Used by the login page and by pages
 * that ask the person to log in where they are (the scan-to-login confirm page).
 */
import Taro from '@tarojs/taro';
import type { Session } from '@vc/types';
import { call } from '../../shared/api';
import { cloudEnv, loginWithCloud } from '../services/cloudLogin';

export async function weappLogin(): Promise<Session> {
  const env = cloudEnv();
  if (env) return loginWithCloud(env);
  const { code } = await Taro.login();
  return call('wechatLogin', { body: { code } });
}
