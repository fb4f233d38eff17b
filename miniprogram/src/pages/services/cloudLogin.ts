/**
 * Login through the `login` cloud function: WeChat's cloud gives the function a trusted OPENID,
 * so the app secret never has to be used for login. Chosen when a cloud environment is configured
 * (build-time TARO_APP_CLOUD_ENV, or the storage key `vc.cloudEnv` at run time).
 */
import Taro from '@tarojs/taro';
import type { Session } from '@vc/types';
import { ApiError } from '../../shared/http';
import { t } from '../../shared/i18n';
import { readText } from '../../shared/storage';

export const CLOUD_ENV_KEY = 'vc.cloudEnv';

export function cloudEnv(): string {
  return readText(CLOUD_ENV_KEY) || VC_CLOUD_ENV;
}

type LoginResult = { ok: true; session: Session } | { ok: false; error: { code: string; message: string } };

let initialised = '';

export async function loginWithCloud(env: string): Promise<Session> {
  const cloud = Taro.cloud as unknown as {
    init(options: { env: string }): void;
    callFunction(options: { name: string; data: unknown }): Promise<{ result: LoginResult }>;
  };
  if (initialised !== env) {
    cloud.init({ env });
    initialised = env;
  }
  let result: LoginResult;
  try {
    result = (await cloud.callFunction({ name: 'login', data: { action: 'login' } })).result;
  } catch {
    throw new ApiError(0, 'CLOUD_UNAVAILABLE', t('home:cloud.unavailable'));
  }
  if (!result?.ok)
    throw new ApiError(400, result?.error?.code ?? 'CLOUD_LOGIN_FAILED', result?.error?.message ?? t('home:cloud.failed'));
  return result.session;
}
