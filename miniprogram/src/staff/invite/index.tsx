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
import { goto } from '../../shared/nav';
import { InvitationCard } from '../components/InvitationCard';
import { InvitationItem } from '../components/InvitationItem';
import { PlacePicker } from '../components/PlacePicker';
import { WithdrawPanel } from '../components/WithdrawPanel';
import { grantableRoles, placeKind, type Issuer } from '../services/issuer';
import { useIssuer } from '../services/useIssuer';
import { Screen } from '../../shared/components/Screen';
import { useTranslation } from 'react-i18next';
import { t } from '../../shared/i18n';

/** A whole number typed on the phone, within the server's limits; else the reason, in the person's language. */
function wholeIn(raw: string, field: 'days' | 'uses', limits: { min: number; max: number }): number | string {
  const text = raw.trim();
  if (!/^\d+$/.test(text)) return t(`staff:invite.${field}.notWhole`);
  const n = Number(text);
  if (n < limits.min || n > limits.max) return t(`staff:invite.${field}.range`, { min: limits.min, max: limits.max });
  return n;
}

export default function StaffInvite() {
  // the page's t follows the language (a redraw on a switch); wholeIn uses the module's
  const { t } = useTranslation(['staff', 'labels']);
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
      action.fail(role ? t('invite.pickPlace') : t('invite.pickRole'));
      return;
    }
    const d = wholeIn(days, 'days', INVITATION_DAYS);
    const u = wholeIn(uses, 'uses', INVITATION_USES);
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
      { ok: (c) => t('invite.created', { place: c.placeName, role: c.roleLabel }) },
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
      { ok: t('invite.withdrawn', { place: invitation.placeName, role: invitation.roleLabel }) },
    );
  }

  const roles = issuer ? grantableRoles(issuer) : [];
  const needsChild = issuer && role ? placeKind(issuer, role) === 'child' : false;
  return (
    <Screen title={t('invite.title')}>
      <View className="card">
        <View className="title">{t('invite.title')}</View>
        <View className="subtitle">{issuer?.name ?? ''}</View>
        <View className="muted">{t('invite.subtitle')}</View>
        {issuer && (
          <Button light id="link-staff-list" onClick={() => goto('staffList', { code: issuer.code })}>
            {t('invite.list')}
          </Button>
        )}
      </View>

      {issuer && (
        <View className="card">
          <View className="section-title">{t('invite.roleSection')}</View>
          <View className="row wrap">
            {roles.map((r) => (
              <View key={r} className="mr-l mb-l">
                <Button small light={role !== r} id={`invite-role-${r}`} onClick={() => pickRole(r)}>
                  {t(`labels:role.${r}`)}
                </Button>
              </View>
            ))}
          </View>

          {role && (
            <View>
              <View className="section-title">{t('invite.placeSection')}</View>
              {needsChild ? (
                <View>
                  {place && (
                    <View id="invite-place-chosen" className="subtitle">
                      {t('invite.chosen', { place: place.name })}
                    </View>
                  )}
                  {children.error && <View className="error">{children.error}</View>}
                  {children.loading && <View className="muted">{t('loading')}</View>}
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

              <View className="section-title">{t('invite.limitsSection')}</View>
              <View className="muted">{t('invite.daysLabel', { min: INVITATION_DAYS.min, max: INVITATION_DAYS.max })}</View>
              <Input id="invite-days" className="input" type="number" value={days} onInput={(e) => setDays(e.detail.value)} />
              <View className="muted">{t('invite.usesLabel', { min: INVITATION_USES.min, max: INVITATION_USES.max })}</View>
              <Input id="invite-uses" className="input" type="number" value={uses} onInput={(e) => setUses(e.detail.value)} />
              <Input
                id="invite-note"
                className="input"
                value={note}
                maxlength={inputMaxLength(50)}
                placeholder={t('invite.notePlaceholder')}
                onInput={(e) => setNote(e.detail.value)}
              />
              <Button id="invite-create" disabled={action.busy || !place} onClick={create}>
                {place ? t('invite.createFor', { place: place.name, role: t(`labels:role.${role}`) }) : t('invite.create')}
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
          <View className="section-title">{t('invite.local')}</View>
          {list.error && <View className="error">{list.error}</View>}
          {list.data && list.data.length === 0 && <View className="muted">{t('invite.empty')}</View>}
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
                    title={t('invite.withdrawTitle', {
                      code: withdrawing.code ?? '',
                      place: withdrawing.placeName,
                      role: withdrawing.roleLabel,
                    })}
                    confirmLabel={t('invite.withdrawConfirm')}
                    placeholder={t('invite.withdrawPlaceholder')}
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
