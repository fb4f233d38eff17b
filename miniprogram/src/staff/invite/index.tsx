import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import type { Invitation, Place } from '@vc/types';
import { INVITATION_DAYS, INVITATION_USES, type InvitableRole, inputMaxLength } from '@vc/types/src/constants';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { PrivacyPopup } from '../../shared/components/PrivacyPopup';
import { useAction } from '../../shared/hooks/useAction';
import { useLoad } from '../../shared/hooks/useLoad';
import { ROLE_LABELS } from '../../shared/labels';
import { goto } from '../../shared/nav';
import { InvitationCard } from '../components/InvitationCard';
import { InvitationItem } from '../components/InvitationItem';
import { PlacePicker } from '../components/PlacePicker';
import { WithdrawPanel } from '../components/WithdrawPanel';
import { grantableRoles, placeKind, type Issuer } from '../services/issuer';
import { useIssuer } from '../services/useIssuer';
import { Screen } from '../../shared/components/Screen';

/** A whole number typed on the phone, within the server's limits; else the Chinese reason. */
function wholeIn(raw: string, label: string, unit: string, limits: { min: number; max: number }): number | string {
  const text = raw.trim();
  if (!/^\d+$/.test(text)) return `${label}应为整数`;
  const n = Number(text);
  if (n < limits.min || n > limits.max) return `${label}应在 ${limits.min} 到 ${limits.max} ${unit}之间`;
  return n;
}

export default function StaffInvite() {
  const [issuer, setIssuer] = useState<Issuer | null>(null);
  const [role, setRole] = useState<InvitableRole | null>(null);
  const [place, setPlace] = useState<{ code: string; name: string } | null>(null);
  const [days, setDays] = useState(String(INVITATION_DAYS.default));
  const [uses, setUses] = useState(String(INVITATION_USES.default));
  const [note, setNote] = useState('');
  const [shown, setShown] = useState<Invitation | null>(null);
  const [withdrawing, setWithdrawing] = useState<Invitation | null>(null);
  const children = useLoad<Place[]>();
  const list = useLoad<Invitation[]>();
  const action = useAction();

  const loadList = (code: string) => list.load(async () => (await call('listInvitations', { params: { code } })).items);

  useIssuer((found) => {
    setIssuer(found);
    loadList(found.code);
  }, action.fail);

  function pickRole(r: InvitableRole) {
    if (!issuer) return;
    setRole(r);
    action.clear();
    if (placeKind(issuer, r) === 'self') {
      setPlace({ code: issuer.code, name: issuer.name });
      return;
    }
    setPlace(null);
    if (!children.data && !children.loading) {
      children.load(async () => (await call('placeChildren', { params: { code: issuer.code } })).children);
    }
  }

  function create() {
    if (!issuer || !role || !place) {
      action.fail(role ? '请选择任职地点' : '请选择要邀请担任的角色');
      return;
    }
    const d = wholeIn(days, '有效期', '天', INVITATION_DAYS);
    const u = wholeIn(uses, '可使用人数', '人', INVITATION_USES);
    if (typeof d === 'string') {
      action.fail(d);
      return;
    }
    if (typeof u === 'string') {
      action.fail(u);
      return;
    }
    const text = note.trim();
    void action.run(
      async () => {
        const created = await call('createInvitation', {
          params: { code: place.code },
          body: { role, days: d, uses: u, ...(text ? { note: text } : {}) },
        });
        setShown(created);
        setNote('');
        loadList(issuer.code);
        return created;
      },
      { ok: (c) => `已生成邀请：${c.placeName} ${c.roleLabel}` },
    );
  }

  function withdraw(invitation: Invitation, reason: string) {
    if (!issuer) return;
    void action.run(
      async () => {
        await call('withdrawInvitation', {
          params: { code: issuer.code, invitationId: invitation.id },
          body: reason ? { reason } : {},
        });
        setWithdrawing(null);
        if (shown?.id === invitation.id) setShown(null);
        loadList(issuer.code);
      },
      { ok: `已撤回邀请：${invitation.placeName} ${invitation.roleLabel}` },
    );
  }

  const roles = issuer ? grantableRoles(issuer) : [];
  const needsChild = issuer && role ? placeKind(issuer, role) === 'child' : false;
  return (
    <Screen>
      <View className="card">
        <View className="title">邀请工作人员</View>
        <View className="subtitle">{issuer?.name ?? ''}</View>
        <View className="muted">对方扫码或输入邀请码并确认后，即获得所选角色；每次邀请、接受和撤销都会留下记录</View>
        {issuer && (
          <Button light id="link-staff-list" onClick={() => goto('staffList', { code: issuer.code })}>
            查看人员名单
          </Button>
        )}
      </View>

      {issuer && (
        <View className="card">
          <View className="section-title">1. 邀请担任</View>
          <View className="row wrap">
            {roles.map((r) => (
              <View key={r} className="mr-l mb-l">
                <Button small light={role !== r} id={`invite-role-${r}`} onClick={() => pickRole(r)}>
                  {ROLE_LABELS[r]}
                </Button>
              </View>
            ))}
          </View>

          {role && (
            <View>
              <View className="section-title">2. 任职地点</View>
              {needsChild ? (
                <View>
                  {place && (
                    <View id="invite-place-chosen" className="subtitle">
                      已选：{place.name}
                    </View>
                  )}
                  {children.error && <View className="error">{children.error}</View>}
                  {children.loading && <View className="muted">正在加载…</View>}
                  {children.data && (
                    <PlacePicker
                      places={children.data}
                      selected={place?.code ?? null}
                      onPick={(p) => setPlace({ code: p.code, name: p.name })}
                    />
                  )}
                </View>
              ) : (
                <View id="invite-place" className="subtitle">
                  {issuer.name}
                </View>
              )}

              <View className="section-title">3. 有效期和人数</View>
              <View className="muted">
                有效期（天，{INVITATION_DAYS.min}–{INVITATION_DAYS.max}）
              </View>
              <Input id="invite-days" className="input" type="number" value={days} onInput={(e) => setDays(e.detail.value)} />
              <View className="muted">
                可使用人数（{INVITATION_USES.min}–{INVITATION_USES.max}）
              </View>
              <Input id="invite-uses" className="input" type="number" value={uses} onInput={(e) => setUses(e.detail.value)} />
              <Input
                id="invite-note"
                className="input"
                value={note}
                maxlength={inputMaxLength(50)}
                placeholder="备注（选填），如：邀请对象姓名"
                onInput={(e) => setNote(e.detail.value)}
              />
              <Button id="invite-create" disabled={action.busy || !place} onClick={create}>
                {place ? `生成邀请：${place.name} ${ROLE_LABELS[role]}` : '生成邀请'}
              </Button>
            </View>
          )}
        </View>
      )}

      {/* below the form, where the person is when they tap 生成邀请 (beside the item while withdrawing one) */}
      {!withdrawing && <Feedback of={action} />}
      <PrivacyPopup />
      {shown?.code && issuer && <InvitationCard invitation={shown} code={shown.code} issuerCode={issuer.code} />}

      {issuer && (
        <View>
          <View className="section-title">本地的邀请</View>
          {list.error && <View className="error">{list.error}</View>}
          {list.data && list.data.length === 0 && <View className="muted">还没有发出邀请</View>}
          {list.data?.map((i) => (
            <View key={i.id}>
              <InvitationItem
                invitation={i}
                busy={action.busy}
                onShow={() => setShown(i)}
                onWithdraw={() => {
                  action.clear();
                  setWithdrawing(i);
                }}
              />
              {withdrawing?.id === i.id && (
                <View>
                  <WithdrawPanel
                    title={`撤回邀请码 ${withdrawing.code ?? ''}（${withdrawing.placeName} ${withdrawing.roleLabel}）？撤回后不能再使用`}
                    confirmLabel="撤回邀请"
                    placeholder="撤回原因（选填）"
                    minLength={0}
                    busy={action.busy}
                    onConfirm={(reason) => withdraw(withdrawing, reason)}
                    onInvalid={action.fail}
                    onCancel={() => setWithdrawing(null)}
                  />
                  <Feedback of={action} />
                </View>
              )}
            </View>
          ))}
        </View>
      )}
    </Screen>
  );
}
