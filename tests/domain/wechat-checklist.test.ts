/**
 * The README's WeChat console checklist (issue 13 item 8) says what the code does: every privacy
 * interface the app asks about (miniprogram/src/shared/privacy.ts) is declared with the same purpose,
 * every promised notice (types/src/notices/catalogue.ts) with its template fields, and the push
 * route, the settings and the app.json declarations it names exist.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NOTICES } from '../../types/src/notices/catalogue';
import { ROUTES } from '../../types/src/routes';
import { PRIVACY_USES } from '../../miniprogram/src/shared/privacy';

const root = path.join(__dirname, '../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const checklist = readme.slice(readme.indexOf('## 微信公众平台配置清单'), readme.indexOf('## 目录'));
const configSource = fs.readFileSync(path.join(root, 'server/src/config.ts'), 'utf8');

// app.config.ts calls Taro's global defineAppConfig, which only the build provides: read as text
const appConfig = fs.readFileSync(path.join(root, 'miniprogram/src/app.config.ts'), 'utf8');

it('has the checklist, with the service category and the three kinds of server domain', () => {
  expect(checklist.length).toBeGreaterThan(1000);
  for (const words of ['政务民生', '法律服务', 'request 合法域名', 'uploadFile 合法域名', 'downloadFile 合法域名'])
    expect(checklist).toContain(words);
});

it('declares every privacy interface the app asks about, with the purpose the pop-up shows', () => {
  for (const [api, use] of Object.entries(PRIVACY_USES)) {
    expect(checklist).toContain(api);
    expect(checklist).toContain(use.info);
    expect(checklist).toContain(use.purpose);
  }
});

it('lists every promised notice with its env setting and its template fields in order', () => {
  for (const notice of Object.values(NOTICES)) {
    const row = checklist.split('\n').find((line) => new RegExp(`\\|\\s*${notice.label}\\s*\\|`).test(line));
    expect(row).toBeDefined();
    expect(row).toContain(notice.fields.join('、'));
    const env = /`(WECHAT_[A-Z_]+_TEMPLATE_ID)`/.exec(row!)?.[1];
    expect(env && configSource.includes(`${env}:`)).toBe(true);
  }
});

it('names the push route, its token and public address settings, and the app.json declarations that exist', () => {
  const push = Object.values(ROUTES).find((r) => r.path === '/api/wechat/push');
  expect(push).toBeDefined();
  expect(checklist).toContain(push!.path);
  for (const env of ['WECHAT_PUSH_TOKEN', 'PUBLIC_BASE_URL']) {
    expect(checklist).toContain(env);
    expect(configSource).toContain(`${env}:`);
  }
  expect(appConfig).toMatch(/requiredPrivateInfos: \[[^\]]*'getLocation'/);
  expect(appConfig).toMatch(/__usePrivacyCheck__: true/);
  expect(checklist).toContain('requiredPrivateInfos');
  expect(checklist).toContain('__usePrivacyCheck__');
});
