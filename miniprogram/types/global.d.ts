/// <reference types="@tarojs/taro" />

/** API origin injected at build time ('' in H5: same origin). */
declare const VC_API_BASE: string;
/** Whether the demo-identity login is offered (TARO_APP_DEMO !== '0'). */
declare const VC_DEMO: boolean;
/** Cloud environment id for the `login` cloud function ('' when not configured). */
declare const VC_CLOUD_ENV: string;
/** Method and path of every route, from the contracts at build time (miniprogram/config/index.ts). */
declare const VC_ROUTES: import('@vc/types').RoutePaths;

declare module '*.png';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    /** 'weapp' or 'h5' for the builds here (Taro knows more platforms) */
    TARO_ENV: string;
    NODE_ENV: string;
    TARO_APP_API_BASE?: string;
    TARO_APP_DEMO?: string;
  }
}
