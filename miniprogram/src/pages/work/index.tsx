import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { Me, RoleGrant } from '@vc/types';
import { Button } from '../../shared/components/Button';
import { goto } from '../../shared/nav';
import { QueueStatus } from '../../ledger/components/QueueStatus';
import { isStaff, useSignedInUser } from '../components/useSignedInUser';
import { communicationEntries, counselLedgerEntries, grantEntries, type Entry } from '../index/entries';
import { Screen } from '../../shared/components/Screen';
import { BackOffice } from './BackOffice';

function EntryButtons({ entries }: { entries: readonly Entry[] }) {
  return (
    <View>
      {entries.map((e) => (
        <Button key={e.id} id={e.id} light={!e.primary} onClick={() => goto(e.page, e.query)}>
          {e.label}
        </Button>
      ))}
    </View>
  );
}

function GrantItem({ grant }: { grant: RoleGrant }) {
  const { t } = useTranslation('labels');
  return (
    <View className="card" id={`grant-${grant.role}-${grant.placeCode}`}>
      <View className="section-title">{t(`role.${grant.role}`)}</View>
      <View className="subtitle">{grant.placeName}</View>
      <EntryButtons entries={grantEntries(grant)} />
    </View>
  );
}

/** 工作群抽查 (issue 16 item 6): the month's drawn village groups, for township and county staff. */
function InspectionEntries({ user }: { user: Me }) {
  const grants = user.roles.filter((g) => g.role === 'township_staff' || g.role === 'county_staff');
  const { t } = useTranslation('home');
  if (!grants.length) return null;
  return (
    <View className="card" id="work-inspections">
      <View className="section-title">{t('work.inspections')}</View>
      {grants.map((g) => (
        <Button
          key={g.placeCode}
          id={`link-inspections-${g.placeCode}`}
          light
          onClick={() =>
            goto('inspections', g.role === 'county_staff' ? { countyCode: g.placeCode } : { townshipCode: g.placeCode })
          }
        >
          {grants.length > 1 ? t('work.inspectionsAt', { place: g.placeName }) : t('work.inspectionsOne')}
        </Button>
      ))}
    </View>
  );
}

function isCounsel(user: Me): boolean {
  return user.roles.some((g) => g.role === 'counsel') || (user.heldRoles ?? []).some((g) => g.role === 'counsel');
}

/**
 * 办事 (issue 14 item 1): everything the person's roles let them do, one card per role and place
 * (pages/index/entries.ts is the table); the home tab keeps only what waits for them.
 */
export default function Work() {
  const user = useSignedInUser();
  const { t } = useTranslation('home');
  if (!user)
    return (
      <Screen title={t('work.title')}>
        <View className="muted">{t('work.loading')}</View>
      </Screen>
    );
  return (
    <Screen id="work" title={t('work.title')}>
      <View className="card" id="work-communication">
        <View className="section-title">{isStaff(user) ? t('work.staffCommunication') : t('work.communication')}</View>
        <EntryButtons entries={communicationEntries(user)} />
      </View>
      {isCounsel(user) && (
        <View className="card" id="home-ledger">
          <View className="section-title">{t('work.ledger')}</View>
          <QueueStatus />
          <EntryButtons entries={counselLedgerEntries()} />
        </View>
      )}
      {user.roles.map((g) => (
        <GrantItem key={`${g.role}-${g.placeCode}`} grant={g} />
      ))}
      <InspectionEntries user={user} />
      <BackOffice user={user} />
      {user.village && (
        <Button light id="my-village-board" onClick={() => goto('board', { villageCode: user.village!.code })}>
          {t('work.myBoard')}
        </Button>
      )}
    </Screen>
  );
}
