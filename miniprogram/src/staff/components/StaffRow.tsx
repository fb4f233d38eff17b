import { View } from '@tarojs/components';
import type { StaffMember } from '@vc/types';
import { Button } from '../../shared/components/Button';
import { formatBeijing } from '../../shared/time';
import { useTranslation } from 'react-i18next';

/** The roles one person holds in the list (the server lists one item per role held). */
export interface StaffPerson {
  userId: string;
  name: string;
  phoneMasked: string | null;
  roles: StaffMember[];
}

/** Groups the list's items by person, in the order the server gave them. */
export function byPerson(items: readonly StaffMember[]): StaffPerson[] {
  const people = new Map<string, StaffPerson>();
  for (const item of items) {
    const person = people.get(item.userId) ?? { userId: item.userId, name: item.name, phoneMasked: item.phoneMasked, roles: [] };
    person.roles.push(item);
    people.set(item.userId, person);
  }
  return [...people.values()];
}

/** The id of one role line (and its withdraw button with the prefix staff-withdraw-). */
export const roleKey = (m: StaffMember) => `${m.userId}-${m.role}-${m.placeCode}`;

interface Props {
  person: StaffPerson;
  /** whether the signed-in person may withdraw this role (the server checks again) */
  mayWithdraw: (member: StaffMember) => boolean;
  busy: boolean;
  onWithdraw: (member: StaffMember) => void;
}

/** One person: name, masked phone, and each role they hold here with who gave it and when. */
export function StaffRow({ person, mayWithdraw, busy, onWithdraw }: Props) {
  const { t } = useTranslation('staff');
  return (
    <View id={`staff-row-${person.userId}`} className="list-item">
      <View className="row">
        <View className="grow item-title">{person.name}</View>
        <View id={`staff-phone-${person.userId}`} className="muted">
          {person.phoneMasked ?? t('row.noPhone')}
        </View>
      </View>
      {person.roles.map((m) => (
        <View key={roleKey(m)} id={`staff-role-${roleKey(m)}`} className="row mt-s">
          <View className="grow">
            <View>
              {m.roleLabel} · {m.placeName}
            </View>
            <View className="muted">
              {m.grantedAt
                ? m.grantedBy
                  ? t('row.grantedBy', { date: formatBeijing(m.grantedAt, 'full'), name: m.grantedBy.name })
                  : `${formatBeijing(m.grantedAt, 'full')} `
                : t('row.beforeInvitations')}
            </View>
          </View>
          {mayWithdraw(m) && (
            <Button small light id={`staff-withdraw-${roleKey(m)}`} disabled={busy} onClick={() => onWithdraw(m)}>
              {t('row.withdraw')}
            </Button>
          )}
        </View>
      ))}
    </View>
  );
}
