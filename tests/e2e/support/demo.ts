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

/** A fresh browser on the H5 app, logged in as a demo identity, on the home page. */
export async function openAs(baseUrl: string, who: DemoIdentity): Promise<Browser> {
  const b = await openBrowser();
  await b.page.goto(`${baseUrl}/`);
  await waitForShown(b, '#demo-identities');
  await b.page.click(`#demo-${who.id}`);
  await waitForShown(b, '#home-user-name');
  return b;
}
