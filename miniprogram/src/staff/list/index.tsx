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
import { ROLE_LABELS } from '../../shared/labels';
import { RoleChangeItem } from '../components/RoleChangeItem';
import { StaffRow, byPerson } from '../components/StaffRow';
import { WithdrawPanel } from '../components/WithdrawPanel';
import { gives, grantableRoles, type Issuer } from '../services/issuer';
import { useIssuer } from '../services/useIssuer';
import { Screen } from '../../shared/components/Screen';

interface History {
  items: RoleChange[];
  nextBefore: string | null;
}

export default function StaffList() {
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
          `已撤销 ${m.name} 在 ${m.placeName} 的${m.roleLabel}角色` +
          (r.endedAssignments > 0 ? `，并解除其 ${r.endedAssignments} 个村（社区）的服务指派` : ''),
      },
    );
  }

  const people = staff.data ? byPerson(staff.data.items) : [];
  return (
    <Screen>
      <View className="card">
        <View className="title">人员名单</View>
        <View className="subtitle">{staff.data?.place.name ?? issuer?.name ?? ''}</View>
        <View className="muted">本地及下级区划担任各角色的人员；电话隐去中间四位</View>
        {issuer && (
          <Button light id="link-staff-invite" onClick={() => goto('staffInvite', { code: issuer.code })}>
            邀请工作人员
          </Button>
        )}
      </View>
      {!withdrawing && <Feedback of={action} />}

      {issuer && (
        <View className="row wrap">
          {[null, ...grantableRoles(issuer)].map((r) => (
            <View key={r ?? 'all'} className="gap-right mb-s">
              <Button small light={role !== r} id={`staff-filter-${r ?? 'all'}`} onClick={() => filter(r)}>
                {r ? ROLE_LABELS[r] : '全部'}
              </Button>
            </View>
          ))}
        </View>
      )}
      {staff.error && <View className="error">{staff.error}</View>}
      {staff.loading && !staff.data && <View className="muted">正在加载…</View>}
      {staff.data && people.length === 0 && <View className="muted">暂无人员</View>}
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
              title={`撤销 ${withdrawing.name} 在 ${withdrawing.placeName} 的${withdrawing.roleLabel}角色？`}
              confirmLabel="撤销角色"
              placeholder={`撤销原因（必填，至少${ROLE_WITHDRAW_REASON_LENGTH.min}个字）`}
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

      <View className="section-title mt-xl">角色变动记录</View>
      {history.error && <View className="error">{history.error}</View>}
      {history.data && history.data.items.length === 0 && <View className="muted">暂无记录</View>}
      {history.data?.items.map((c) => (
        <RoleChangeItem key={c.id} change={c} />
      ))}
      {history.data?.nextBefore && (
        <Button light id="role-changes-more" disabled={history.loading} onClick={more}>
          {history.loading ? '正在加载…' : '加载更多'}
        </Button>
      )}
    </Screen>
  );
}
