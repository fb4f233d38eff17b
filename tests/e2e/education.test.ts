/**
 * The legal-education feed on the H5 build in headless Chromium (issue 17 item 2): township staff
 * publish an article to a village; the villager 林红霞 of that village sees it in 普法栏目 and
 * opens it; the publisher then sees 1 read in 我发布的普法文章.
 * Needs `npm run build:h5 -w miniprogram` first.
 */
import { findIdentity, openAs } from './support/demo';
import { fill } from './support/forms';
import { UI_TIMEOUT, openEntry, textOf, visible } from './support/page';
import { uiSuite } from './support/suite';

const VILLAGE = '210921001001';
const suite = uiSuite();

it('staff publish to the village, the villager reads it, the publisher sees one read', async () => {
  const title = `防范养老诈骗 ${Date.now().toString(36)}`;
  const staff = suite.keep(
    await openAs(suite.stack.baseUrl, await findIdentity(suite.stack.baseUrl, '王志强', 'township_staff')),
  );
  await openEntry(staff, 'link-publish-article');
  await fill(staff, 'publish-title', title, 'input');
  await fill(staff, 'publish-text', '以“高额回报”“养老项目”为名让老人投资的，多是非法集资，请先问问子女和法律顾问。');
  await visible(staff, 'category-fraud_prevention').click();
  await visible(staff, `scope-${VILLAGE}`).click({ timeout: UI_TIMEOUT });
  await visible(staff, 'publish-article').click();
  await visible(staff, 'article-reads').waitFor({ timeout: UI_TIMEOUT });
  expect(await textOf(staff, 'article-title')).toBe(title);
  expect(await textOf(staff, 'article-reads')).toContain('已有 0 人阅读');

  const villager = suite.keep(await openAs(suite.stack.baseUrl, await findIdentity(suite.stack.baseUrl, '林红霞', 'villager')));
  await openEntry(villager, 'link-feed');
  const item = villager.page.locator('.list-item:visible', { hasText: title });
  await item.waitFor({ timeout: UI_TIMEOUT });
  // a villager never sees read counts
  expect(await item.textContent()).not.toContain('人阅读');
  await item.click();
  await visible(villager, 'article-text').waitFor({ timeout: UI_TIMEOUT });
  expect(await textOf(villager, 'article-title')).toBe(title);
  expect(await textOf(villager, 'article-text')).toContain('非法集资');
  expect(await villager.page.$('#article-reads:visible')).toBeNull();

  await openEntry(staff, 'link-my-articles');
  const mine = staff.page.locator('.list-item:visible', { hasText: title });
  await mine.waitFor({ timeout: UI_TIMEOUT });
  expect(await mine.textContent()).toContain('1 人阅读');
});
