import { useDidShow, useRouter } from '@tarojs/taro';
import type { Role, Session } from '@vc/types';
import { replaceWith } from '../nav';
import { t } from '../i18n';
import { getSession } from '../session';

type StaffRole = Extract<Role, 'county_staff' | 'township_staff' | 'village_cadre'>;

const QUERY_PARAM: Record<StaffRole, string> = {
  county_staff: 'countyCode',
  township_staff: 'townshipCode',
  village_cadre: 'villageCode',
};

export interface StaffPlace {
  code: string;
  name: string;
}

/** The place a staff page works on: the page query's code, else the person's first grant of the role. */
export function staffPlace(session: Session, role: StaffRole, queryCode?: string): StaffPlace | null {
  const grants = session.user.roles.filter((g) => g.role === role);
  const grant = grants.find((g) => g.placeCode === queryCode) ?? grants[0];
  const code = queryCode || grant?.placeCode;
  return code ? { code, name: grant?.placeName ?? '' } : null;
}

/**
 * Each time a staff page shows: people without a session go to login; people without the role get
 * `onDenied` with the reason in the person's language; everyone else gets `onPlace` with the place to work on.
 */
export function useStaffPlace(role: StaffRole, onPlace: (place: StaffPlace) => void, onDenied: (message: string) => void): void {
  const router = useRouter();
  useDidShow(() => {
    const session = getSession();
    if (!session) {
      replaceWith('login');
      return;
    }
    const place = staffPlace(session, role, router.params[QUERY_PARAM[role]]);
    if (place) onPlace(place);
    else onDenied(t(`common:staffPlace.noGrant.${role}`));
  });
}
