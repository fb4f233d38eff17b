/** Demo identities in the H5 app: find one, and open a browser logged in as it. */
import type { DemoIdentity } from '@vc/types';
import { demoIdentities } from '../../miniprogram/support/http';
import { openBrowser, type Browser } from './browser';
import { waitForShown } from './page';

export async function findIdentity(baseUrl: string, name: string, role: DemoIdentity['role']): Promise<DemoIdentity> {
  const found = (await demoIdentities(baseUrl)).find((d) => d.name === name && d.role === role);
  if (!found) throw new Error(`no demo ${role} named ${name}`);
  return found;
}

/**
 * A fresh browser on the H5 app, logged in as a demo identity, on the page the login leads to: the
 * home page, or `landing` for a person sent elsewhere (a villager without a village lands on binding,
 * and the home page they pass through may be gone before a wait for it sees it).
 */
export async function openAs(baseUrl: string, who: DemoIdentity, landing = '#home-user-name'): Promise<Browser> {
  const b = await openBrowser();
  await b.page.goto(`${baseUrl}/`);
  await waitForShown(b, '#demo-identities');
  await b.page.click(`#demo-${who.id}`);
  await waitForShown(b, landing);
  return b;
}
