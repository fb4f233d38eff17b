import { useDidShow, useRouter } from '@tarojs/taro';
import { replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { issuerOf, notIssuer, type Issuer } from './issuer';

/**
 * Each time a staff page shows (as shared/hooks/useStaffPlace does for one role): people without a
 * session go to login; people who issue nowhere get `onDenied` with the Chinese reason; everyone else
 * gets `onIssuer` with the place named by the page query's `code` (or their first grant).
 */
export function useIssuer(onIssuer: (issuer: Issuer) => void, onDenied: (message: string) => void): void {
  const router = useRouter();
  useDidShow(() => {
    const session = getSession();
    if (!session) {
      replaceWith('login');
      return;
    }
    const found = issuerOf(session, router.params.code);
    if (found) onIssuer(found);
    else onDenied(notIssuer());
  });
}
