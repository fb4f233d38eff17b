import { useEffect, useState } from 'react';
import { Input, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { CancelAccountReply, Me, PrivacyPolicyReply } from '@vc/types';
import { PHONE_ROLES } from '@vc/types/src/constants';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { ErrorMessage } from '../../shared/components/Message';
import { useAction } from '../../shared/hooks/useAction';
import { useLoad } from '../../shared/hooks/useLoad';
import { useSession } from '../../shared/hooks/useSession';
import { goto, replaceWith, restart } from '../../shared/nav';
import { clearSession, updateUser } from '../../shared/session';
import { cancelAccount, DutiesError } from '../../privacy/services/cancel';
import { downloadMyData } from '../../privacy/services/copy';
import { TextSizeCard } from '../components/TextSizeCard';
import { LanguageCard } from '../components/LanguageCard';
import { Screen } from '../../shared/components/Screen';

function Account({ user }: { user: Me }) {
  const { t } = useTranslation(['me', 'common', 'labels']);
  return (
    <View className="card" id="me-account">
      <View className="title" id="me-name">
        {user.name}
      </View>
      <View className="subtitle" id="me-phone">
        {t('account.phone', { phone: user.phoneMasked ?? t('account.noPhone') })}
      </View>
      {user.village && <View className="subtitle">{t('account.village', { village: user.village.name })}</View>}
      {user.heldRoles.map((g) => (
        <View className="subtitle" key={`${g.role}-${g.placeCode}`}>
          {t('account.role', { role: t(`labels:role.${g.role}`), place: g.placeName })}
        </View>
      ))}
    </View>
  );
}

function Items({ items, id }: { items: readonly string[]; id: string }) {
  return (
    <View id={id}>
      {items.map((text) => (
        <View key={text} className="list-line">
          · {text}
        </View>
      ))}
    </View>
  );
}

/**
 * 我的: the person's account, the privacy policy, a copy of their data, and cancelling the account
 * in two steps (first what is erased and what stays, then typing 注销 to confirm).
 */
export default function MyAccount() {
  const session = useSession();
  const policy = useLoad<PrivacyPolicyReply>();
  const action = useAction();
  const [step, setStep] = useState<0 | 1 | 2>(0);
  const [typed, setTyped] = useState('');
  const [duties, setDuties] = useState<string[]>([]);
  const [done, setDone] = useState<CancelAccountReply | null>(null);
  const { load } = policy;
  const { t } = useTranslation(['me', 'common', 'labels']);
  // the word the person types to confirm, in their language (it is compared here, never sent)
  const CONFIRM_WORD = t('cancel.word');

  const loggedIn = !!session;
  useEffect(() => {
    if (!loggedIn) return;
    load(() => call('privacyPolicy'));
    call('me')
      .then(updateUser)
      .catch(() => undefined);
  }, [loggedIn, load]);

  function logout() {
    call('logout').catch(() => undefined);
    clearSession();
    restart();
  }

  function download() {
    void action.run(downloadMyData, {
      ok: (copy) => t('downloaded', { consultations: copy.consultations.length, posts: copy.groupPosts.length }),
    });
  }

  function confirmCancel() {
    if (typed.trim() !== CONFIRM_WORD) {
      action.fail(t('cancel.typeWord', { word: CONFIRM_WORD }));
      return;
    }
    setDuties([]);
    void action.run(
      async () => {
        const reply = await cancelAccount();
        clearSession();
        setDone(reply);
      },
      {
        onError: (e) => {
          if (e instanceof DutiesError) setDuties(e.duties);
        },
      },
    );
  }

  if (done) {
    return (
      <Screen title={t('common:tabs.me')}>
        <View className="card" id="cancel-done">
          <View className="title">{t('cancel.done')}</View>
          <View className="section-title">{t('cancel.erased')}</View>
          <Items id="cancel-done-erased" items={done.erased} />
          <View className="section-title">{t('cancel.kept')}</View>
          <Items id="cancel-done-kept" items={done.kept} />
        </View>
        <Button id="cancel-done-login" onClick={() => replaceWith('login')}>
          {t('cancel.backToLogin')}
        </Button>
      </Screen>
    );
  }
  if (!session) {
    return (
      <Screen title={t('common:tabs.me')}>
        <View className="card muted">{t('loginFirst')}</View>
        <TextSizeCard />
        <Button id="me-login" onClick={() => replaceWith('login')}>
          {t('login')}
        </Button>
      </Screen>
    );
  }
  const cancellation = policy.data?.cancellation;
  return (
    <Screen title={t('common:tabs.me')}>
      <Account user={session.user} />
      <Feedback of={action} />
      <TextSizeCard />
      <LanguageCard user={session.user} />
      <Button light id="me-profile" onClick={() => goto('privacyProfile')}>
        {session.user.heldRoles.some((g) => (PHONE_ROLES as readonly string[]).includes(g.role))
          ? t('profileWithPhone')
          : t('profile')}
      </Button>
      <Button light id="me-notices" onClick={() => goto('privacyNotices')}>
        {t('notices')}
      </Button>
      <Button light id="me-policy" onClick={() => goto('privacyPolicy')}>
        {t('policy')}
      </Button>
      <Button light id="me-download" disabled={action.busy} onClick={download}>
        {t('download')}
      </Button>
      <Button light id="logout" onClick={logout}>
        {t('logout')}
      </Button>
      {step === 0 && (
        <Button light id="me-cancel" onClick={() => setStep(1)}>
          {t('cancel.button')}
        </Button>
      )}
      {step === 1 && (
        <View className="card" id="cancel-step1">
          <View className="section-title">{t('cancel.before')}</View>
          <ErrorMessage message={policy.error} />
          {cancellation && (
            <View>
              <View className="strong-line">{t('cancel.erases')}</View>
              <Items id="cancel-erases" items={cancellation.erases} />
              <View className="strong-line">{t('cancel.keeps')}</View>
              <Items id="cancel-keeps" items={cancellation.keeps} />
            </View>
          )}
          <View className="error">{t('cancel.warning')}</View>
          <Button id="cancel-next" disabled={!cancellation} onClick={() => setStep(2)}>
            {t('cancel.next')}
          </Button>
          <Button light id="cancel-abort" onClick={() => setStep(0)}>
            {t('cancel.abort')}
          </Button>
        </View>
      )}
      {step === 2 && (
        <View className="card" id="cancel-step2">
          <View className="section-title">{t('cancel.last')}</View>
          <View>{t('cancel.prompt', { word: CONFIRM_WORD, name: session.user.name })}</View>
          <Input
            id="cancel-input"
            className="input"
            value={typed}
            maxlength={4}
            placeholder={CONFIRM_WORD}
            onInput={(e) => setTyped(e.detail.value)}
          />
          {duties.length > 0 && (
            <View id="cancel-duties">
              <View className="strong-line">{t('cancel.duties')}</View>
              <Items id="cancel-duties-list" items={duties} />
            </View>
          )}
          <Button id="cancel-confirm" disabled={action.busy || typed.trim() !== CONFIRM_WORD} onClick={confirmCancel}>
            {t('cancel.confirm')}
          </Button>
          <Button light id="cancel-back" disabled={action.busy} onClick={() => setStep(0)}>
            {t('cancel.abort')}
          </Button>
        </View>
      )}
    </Screen>
  );
}
