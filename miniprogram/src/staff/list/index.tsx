import { useState } from 'react';
import { View } from '@tarojs/components';
import type { RoleChange, StaffListReply, StaffMember } from '@vc/types';
import { ROLE_WITHDRAW_REASON_LENGTH, type InvitableRole } from '@vc/types/src/constants';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { useAction } from '../../shared/hooks/useAction';
import { useLoad } from '../../shared/hooks/useLoad';
import { goto } from '../../shared/nav';
import { RoleChangeItem } from '../components/RoleChangeItem';
import { StaffRow, byPerson } from '../components/StaffRow';
import { WithdrawPanel } from '../components/WithdrawPanel';
import { gives, grantableRoles, type Issuer } from '../services/issuer';
import { useIssuer } from '../services/useIssuer';
import { Screen } from '../../shared/components/Screen';
import { useTranslation } from 'react-i18next';

interface History {
  items: RoleChange[];
  nextBefore: string | null;
}

export default function StaffList() {
  const { t } = useTranslation(['staff', 'labels']);
  const [issuer, setIssuer] = useState<Issuer | null>(null);
  const [withdrawing, setWithdrawing] = useState<StaffMember | null>(null);
  /** the role shown (a county lists every counsel: a long list), null = every role */
  const [role, setRole] = useState<InvitableRole | null>(null);
  const staff = useLoad<StaffListReply>();
  const history = useLoad<History>();
  const action = useAction();

  const loadStaff = (code: string, only: InvitableRole | null) =>
    staff.load(() => call('staffList', { params: { code }, query: only ? { role: only } : {} }));
  const loadAll = (code: string) => {
    loadStaff(code, role);
    history.load(() => call('roleChanges', { params: { code } }));
  };

  function filter(only: InvitableRole | null) {
    setRole(only);
    setWithdrawing(null);
    if (issuer) loadStaff(issuer.code, only);
  }

  useIssuer((found) => {
    setIssuer(found);
    loadAll(found.code);
  }, action.fail);

  function more() {
    const before = history.data?.nextBefore;
    if (!issuer || !before) return;
    const shown = history.data?.items ?? [];
    history.load(async () => {
      const page = await call('roleChanges', { params: { code: issuer.code }, query: { before } });
      return { items: [...shown, ...page.items], nextBefore: page.nextBefore };
    });
  }

  function withdraw(m: StaffMember, reason: string) {
    const role = m.role;
    if (!issuer || !gives(issuer, role)) return;
    void action.run(
      async () => {
        const r = await call('withdrawRole', {
          params: { code: m.placeCode, userId: m.userId },
          body: { role, reason },
        });
        setWithdrawing(null);
        loadAll(issuer.code);
        return r;
      },
      {
        ok: (r) =>
          r.endedAssignments > 0
            ? t('list.withdrawnWithAssignments', { name: m.name, place: m.placeName, role: m.roleLabel, n: r.endedAssignments })
            : t('list.withdrawn', { name: m.name, place: m.placeName, role: m.roleLabel }),
      },
    );
  }

  const people = staff.data ? byPerson(staff.data.items) : [];
  return (
    <Screen title={t('list.title')}>
      <View className="card">
        <View className="title">{t('list.title')}</View>
        <View className="subtitle">{staff.data?.place.name ?? issuer?.name ?? ''}</View>
        <View className="muted">{t('list.subtitle')}</View>
        {issuer && (
          <Button light id="link-staff-invite" onClick={() => goto('staffInvite', { code: issuer.code })}>
            {t('list.invite')}
          </Button>
        )}
      </View>
      {!withdrawing && <Feedback of={action} />}

      {issuer && (
        <View className="row wrap">
          {[null, ...grantableRoles(issuer)].map((r) => (
            <View key={r ?? 'all'} className="gap-right mb-s">
              <Button small light={role !== r} id={`staff-filter-${r ?? 'all'}`} onClick={() => filter(r)}>
                {r ? t(`labels:role.${r}`) : t('list.all')}
              </Button>
            </View>
          ))}
        </View>
      )}
      {staff.error && <View className="error">{staff.error}</View>}
      {staff.loading && !staff.data && <View className="muted">{t('loading')}</View>}
      {staff.data && people.length === 0 && <View className="muted">{t('list.empty')}</View>}
      {people.map((p) => (
        <View key={p.userId}>
          <StaffRow
            person={p}
            busy={action.busy}
            mayWithdraw={(m) => !!issuer && gives(issuer, m.role)}
            onWithdraw={(m) => {
              action.clear();
              setWithdrawing(m);
            }}
          />
          {withdrawing?.userId === p.userId && (
            <WithdrawPanel
              title={t('list.withdrawTitle', {
                name: withdrawing.name,
                place: withdrawing.placeName,
                role: withdrawing.roleLabel,
              })}
              confirmLabel={t('list.withdrawConfirm')}
              placeholder={t('list.withdrawPlaceholder', { n: ROLE_WITHDRAW_REASON_LENGTH.min })}
              minLength={ROLE_WITHDRAW_REASON_LENGTH.min}
              busy={action.busy}
              onConfirm={(reason) => withdraw(withdrawing, reason)}
              onInvalid={action.fail}
              onCancel={() => setWithdrawing(null)}
            />
          )}
          {withdrawing?.userId === p.userId && <Feedback of={action} />}
        </View>
      ))}

      <View className="section-title mt-xl">{t('list.history')}</View>
      {history.error && <View className="error">{history.error}</View>}
      {history.data && history.data.items.length === 0 && <View className="muted">{t('list.historyEmpty')}</View>}
      {history.data?.items.map((c) => (
        <RoleChangeItem key={c.id} change={c} />
      ))}
      {history.data?.nextBefore && (
        <Button light id="role-changes-more" disabled={history.loading} onClick={more}>
          {history.loading ? t('loading') : t('list.more')}
        </Button>
      )}
    </Screen>
  );
}
