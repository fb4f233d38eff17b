import { useEffect, useState } from 'react';
import { Input, View } from '@tarojs/components';
import type { CancelAccountReply, Me, PrivacyPolicyReply } from '@vc/types';
import { PHONE_ROLES } from '@vc/types/src/constants';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { ErrorMessage } from '../../shared/components/Message';
import { useAction } from '../../shared/hooks/useAction';
import { useLoad } from '../../shared/hooks/useLoad';
import { useSession } from '../../shared/hooks/useSession';
import { ROLE_LABELS } from '../../shared/labels';
import { goto, replaceWith, restart } from '../../shared/nav';
import { clearSession, updateUser } from '../../shared/session';
import { cancelAccount, DutiesError } from '../../privacy/services/cancel';
import { downloadMyData } from '../../privacy/services/copy';
import { TextSizeCard } from '../components/TextSizeCard';
import { LanguageCard } from '../components/LanguageCard';
import { Screen } from '../../shared/components/Screen';

const CONFIRM_WORD = '注销';

function Account({ user }: { user: Me }) {
  return (
    <View className="card" id="me-account">
      <View className="title" id="me-name">
        {user.name}
      </View>
      <View className="subtitle" id="me-phone">
        手机号：{user.phoneMasked ?? '未填写'}
      </View>
      {user.village && <View className="subtitle">所在村（社区）：{user.village.name}</View>}
      {user.heldRoles.map((g) => (
        <View className="subtitle" key={`${g.role}-${g.placeCode}`}>
          {ROLE_LABELS[g.role] ?? g.role} · {g.placeName}
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
      ok: (copy) => `已生成数据副本：咨询 ${copy.consultations.length} 条，群消息 ${copy.groupPosts.length} 条`,
    });
  }

  function confirmCancel() {
    if (typed.trim() !== CONFIRM_WORD) {
      action.fail(`请输入“${CONFIRM_WORD}”两个字确认`);
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
      <Screen>
        <View className="card" id="cancel-done">
          <View className="title">账号已注销</View>
          <View className="section-title">已删除</View>
          <Items id="cancel-done-erased" items={done.erased} />
          <View className="section-title">仍保留</View>
          <Items id="cancel-done-kept" items={done.kept} />
        </View>
        <Button id="cancel-done-login" onClick={() => replaceWith('login')}>
          返回登录页
        </Button>
      </Screen>
    );
  }
  if (!session) {
    return (
      <Screen>
        <View className="card muted">请先登录</View>
        <TextSizeCard />
        <Button id="me-login" onClick={() => replaceWith('login')}>
          去登录
        </Button>
      </Screen>
    );
  }
  const cancellation = policy.data?.cancellation;
  return (
    <Screen>
      <Account user={session.user} />
      <Feedback of={action} />
      <TextSizeCard />
      <LanguageCard user={session.user} />
      <Button light id="me-profile" onClick={() => goto('privacyProfile')}>
        我的资料（头像、名字
        {session.user.heldRoles.some((g) => (PHONE_ROLES as readonly string[]).includes(g.role)) ? '、手机号' : ''}）
      </Button>
      <Button light id="me-notices" onClick={() => goto('privacyNotices')}>
        提醒设置
      </Button>
      <Button light id="me-policy" onClick={() => goto('privacyPolicy')}>
        隐私政策
      </Button>
      <Button light id="me-download" disabled={action.busy} onClick={download}>
        下载我的数据
      </Button>
      <Button light id="logout" onClick={logout}>
        退出登录
      </Button>
      {step === 0 && (
        <Button light id="me-cancel" onClick={() => setStep(1)}>
          注销账号
        </Button>
      )}
      {step === 1 && (
        <View className="card" id="cancel-step1">
          <View className="section-title">注销账号前请了解</View>
          <ErrorMessage message={policy.error} />
          {cancellation && (
            <View>
              <View className="strong-line">注销后将删除：</View>
              <Items id="cancel-erases" items={cancellation.erases} />
              <View className="strong-line">以下工作记录将保留（他人办理、考核需要）：</View>
              <Items id="cancel-keeps" items={cancellation.keeps} />
            </View>
          )}
          <View className="error">注销后不能恢复。如需保留，请先“下载我的数据”。</View>
          <Button id="cancel-next" disabled={!cancellation} onClick={() => setStep(2)}>
            我已了解，继续注销
          </Button>
          <Button light id="cancel-abort" onClick={() => setStep(0)}>
            不注销了
          </Button>
        </View>
      )}
      {step === 2 && (
        <View className="card" id="cancel-step2">
          <View className="section-title">最后确认</View>
          <View>
            请输入“{CONFIRM_WORD}”两个字，确认注销账号“{session.user.name}”。
          </View>
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
              <View className="strong-line">请先完成以下交接：</View>
              <Items id="cancel-duties-list" items={duties} />
            </View>
          )}
          <Button id="cancel-confirm" disabled={action.busy || typed.trim() !== CONFIRM_WORD} onClick={confirmCancel}>
            确认注销
          </Button>
          <Button light id="cancel-back" disabled={action.busy} onClick={() => setStep(0)}>
            不注销了
          </Button>
        </View>
      )}
    </Screen>
  );
}
