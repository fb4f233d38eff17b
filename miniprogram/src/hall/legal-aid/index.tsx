import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Input, Picker, Textarea, View } from '@tarojs/components';
import type { LegalAidCheckReply, LegalAidMatter, LegalAidTermsReply } from '@vc/types';
import { countChars, inputMaxLength } from '@vc/types/src/constants';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { PageError } from '../../shared/components/Message';
import { Screen } from '../../shared/components/Screen';
import { useAction } from '../../shared/hooks/useAction';
import { goto, replaceWith } from '../../shared/nav';
import { getSession } from '../../shared/session';
import { DocPhotoPicker } from '../components/DocPhotoPicker';
import { useSend } from '../services/useSend';
import '../components/hall.css';

interface Answers {
  matter: LegalAidMatter | null;
  householdSize: string;
  monthlyIncome: string;
  receivesAssistance: boolean;
}

const ACCOUNT_MAX = 2000;

/** The answers as the server takes them, or what is missing, in plain words. */
function parsed(a: Answers): { matter: LegalAidMatter; householdSize: number; monthlyIncome: number } | string {
  if (!a.matter) return '请选择要申请援助的事项';
  const size = Number(a.householdSize.trim());
  if (!a.householdSize.trim() || !Number.isInteger(size) || size < 1 || size > 20) return '请填写家庭人口（1到20之间的整数）';
  const income = Number(a.monthlyIncome.trim());
  if (!a.monthlyIncome.trim() || !isFinite(income) || income < 0) return '请填写全家每月总收入（元），没有收入填0';
  return { matter: a.matter, householdSize: size, monthlyIncome: income };
}

/**
 * 法律援助 (issue 16; R12): first a check in plain words — is the matter covered, is the household's
 * income per person within the county's threshold — then the application with photos of documents.
 * The check is a guide; the county's legal aid centre decides.
 */
export default function LegalAid() {
  const [terms, setTerms] = useState<LegalAidTermsReply | null>(null);
  const [answers, setAnswers] = useState<Answers>({
    matter: null,
    householdSize: '',
    monthlyIncome: '',
    receivesAssistance: false,
  });
  const [result, setResult] = useState<LegalAidCheckReply | null>(null);
  const [account, setAccount] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [unbound, setUnbound] = useState(false);
  const action = useAction();
  const send = useSend('la');

  useDidShow(() => {
    const session = getSession();
    if (!session) {
      replaceWith('login');
      return;
    }
    const village = session.user.village;
    if (!village) {
      setUnbound(true);
      return;
    }
    if (!terms)
      call('legalAidTerms', { params: { countyCode: village.countyCode } })
        .then(setTerms)
        .catch(action.fail);
  });

  function update(patch: Partial<Answers>) {
    setAnswers((a) => ({ ...a, ...patch }));
    // a changed answer needs a new check
    setResult(null);
  }

  function check() {
    const body = parsed(answers);
    if (typeof body === 'string') return action.fail(body);
    const countyCode = getSession()?.user.village?.countyCode ?? '';
    void action.run(async () => {
      setResult(
        await call('checkLegalAid', {
          params: { countyCode },
          body: { ...body, receivesAssistance: answers.receivesAssistance },
        }),
      );
    });
  }

  function submit() {
    const body = parsed(answers);
    if (typeof body === 'string') return action.fail(body);
    const text = account.trim();
    if (countChars(text) < 2) return action.fail('请写清楚事情经过');
    if (countChars(text) > ACCOUNT_MAX) return action.fail(`事情经过不能超过${ACCOUNT_MAX}字`);
    const content = { ...body, receivesAssistance: answers.receivesAssistance, account: text };
    const clientKey = send.keyFor({ ...content, photos });
    void action.run(async () => {
      const photoIds = await send.upload(photos);
      const c = await call('openCase', {
        body: { kind: 'legal_aid', clientKey, ...content, ...(photoIds.length ? { photoIds } : {}) },
      });
      send.done();
      replaceWith('hallCase', { id: c.id });
    });
  }

  if (unbound)
    return (
      <Screen>
        <View className="card" id="hall-unbound">
          <View>请先绑定您所在的村（社区），再申请法律援助。</View>
          <Button id="goto-bind" onClick={() => goto('bind')}>
            去绑定
          </Button>
        </View>
      </Screen>
    );
  if (!terms)
    return (
      <Screen>
        <PageError message={action.error} />
        {!action.error && <View className="muted">正在加载…</View>}
      </Screen>
    );

  const matterIndex = terms.matters.findIndex((m) => m.key === answers.matter);
  return (
    <Screen>
      <View className="card">
        <View className="title">法律援助</View>
        <View className="subtitle">先测一测是否符合条件，再提交申请</View>
        <View className="muted mt-s" id="la-threshold">
          本县标准：家庭人均月收入不高于 {terms.threshold} 元（低保标准 {terms.minimumLivingAllowance} 元的{' '}
          {terms.legalAidIncomeMultiple} 倍）；领取低保、特困供养的免予经济困难审查。
        </View>
      </View>
      <Feedback of={action} />
      <View className="card">
        <View className="section-title">测一测</View>
        <View className="muted">要申请援助的事情</View>
        <Picker
          id="la-matter-picker"
          mode="selector"
          range={terms.matters.map((m) => m.label)}
          value={Math.max(0, matterIndex)}
          onChange={(e) => {
            const m = terms.matters[Number(e.detail.value)];
            if (m) update({ matter: m.key });
          }}
        >
          <View className="input input-picker" id="la-matter">
            {matterIndex >= 0 ? terms.matters[matterIndex]!.label : '请选择 ▾'}
          </View>
        </Picker>
        <View className="muted mt-m">家庭人口（人）</View>
        <Input
          id="la-size"
          className="input"
          type="number"
          value={answers.householdSize}
          maxlength={2}
          placeholder="一起生活的家人，包括您自己"
          onInput={(e) => update({ householdSize: e.detail.value })}
        />
        <View className="muted mt-m">全家每月总收入（元）</View>
        <Input
          id="la-income"
          className="input"
          type="digit"
          value={answers.monthlyIncome}
          maxlength={8}
          placeholder="所有家人的收入加在一起"
          onInput={(e) => update({ monthlyIncome: e.detail.value })}
        />
        <View className="muted mt-m">是否领取低保或特困供养</View>
        <View className="row">
          <View className="grow gap-right">
            <Button
              small
              light={!answers.receivesAssistance}
              id="la-assist-yes"
              onClick={() => update({ receivesAssistance: true })}
            >
              是
            </Button>
          </View>
          <View className="grow">
            <Button
              small
              light={answers.receivesAssistance}
              id="la-assist-no"
              onClick={() => update({ receivesAssistance: false })}
            >
              否
            </Button>
          </View>
        </View>
        <Button id="la-check" loading={action.busy && !result} onClick={check}>
          测一测
        </Button>
        {result && (
          <View id="la-result" className="mt-m">
            <View id="la-likely" className={result.likely ? 'hall-likely' : 'hall-unlikely'}>
              {result.likely ? '您很可能符合法律援助条件' : '您可能不符合法律援助条件'}
            </View>
            {result.reasons.map((r, i) => (
              <View key={i} id={`la-reason-${i}`}>
                · {r}
              </View>
            ))}
            <View className="muted">以上仅供参考，是否给予援助以县法律援助中心审批为准。</View>
          </View>
        )}
      </View>

      {result && result.matterCovered && (
        <View className="card" id="la-form">
          <View className="section-title">提交申请</View>
          <View className="muted">事情经过</View>
          <Textarea
            id="la-account"
            className="input textarea textarea-h160"
            value={account}
            maxlength={inputMaxLength(ACCOUNT_MAX)}
            placeholder="什么时候、和谁、发生了什么事，您想要什么结果"
            onInput={(e) => setAccount(e.detail.value)}
          />
          <View className="muted mt-m">材料照片（可选，最多4张：身份证、合同、欠条、病历等）</View>
          <DocPhotoPicker id="la-photos" value={photos} onChange={setPhotos} />
          <View className="muted mt-m">提交后由乡镇司法所初审，您可以在“我的办事”里看到每一步。</View>
          <Button id="la-submit" loading={action.busy} onClick={submit}>
            提交申请
          </Button>
        </View>
      )}
      {result && !result.matterCovered && (
        <View className="card" id="la-not-covered">
          <View>这件事不在本县法律援助范围内，您可以向法律顾问咨询其他办法。</View>
          <Button light id="la-ask" onClick={() => goto('consultAsk')}>
            咨询法律顾问
          </Button>
        </View>
      )}
    </Screen>
  );
}
