import { useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { Input, Picker, Textarea, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { LegalAidCheckReply, LegalAidMatter, LegalAidTermsReply } from '@vc/types';
import { countChars, inputMaxLength } from '@vc/types/src/constants';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { PageError } from '../../shared/components/Message';
import { Screen } from '../../shared/components/Screen';
import { useAction } from '../../shared/hooks/useAction';
import { goto, replaceWith } from '../../shared/nav';
import { t as translate } from '../../shared/i18n';
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
  if (!a.matter) return translate('hall:legalAid.errors.matter');
  const size = Number(a.householdSize.trim());
  if (!a.householdSize.trim() || !Number.isInteger(size) || size < 1 || size > 20) return translate('hall:legalAid.errors.size');
  const income = Number(a.monthlyIncome.trim());
  if (!a.monthlyIncome.trim() || !isFinite(income) || income < 0) return translate('hall:legalAid.errors.income');
  return { matter: a.matter, householdSize: size, monthlyIncome: income };
}

/**
 * 法律援助 (issue 16; R12): first a check in plain words — is the matter covered, is the household's
 * income per person within the county's threshold — then the application with photos of documents.
 * The check is a guide; the county's legal aid centre decides.
 */
export default function LegalAid() {
  const { t } = useTranslation('hall');
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
    if (countChars(text) < 2) return action.fail(t('legalAid.errors.account'));
    if (countChars(text) > ACCOUNT_MAX) return action.fail(t('legalAid.errors.accountTooLong', { max: ACCOUNT_MAX }));
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
      <Screen title={t('legalAid.title')}>
        <View className="card" id="hall-unbound">
          <View>{t('legalAid.unbound')}</View>
          <Button id="goto-bind" onClick={() => goto('bind')}>
            {t('goBind')}
          </Button>
        </View>
      </Screen>
    );
  if (!terms)
    return (
      <Screen title={t('legalAid.title')}>
        <PageError message={action.error} />
        {!action.error && <View className="muted">{t('loading')}</View>}
      </Screen>
    );

  const matterIndex = terms.matters.findIndex((m) => m.key === answers.matter);
  return (
    <Screen title={t('legalAid.title')}>
      <View className="card">
        <View className="title">{t('legalAid.heading')}</View>
        <View className="subtitle">{t('legalAid.intro')}</View>
        <View className="muted mt-s" id="la-threshold">
          {t('legalAid.threshold', {
            threshold: terms.threshold,
            allowance: terms.minimumLivingAllowance,
            multiple: terms.legalAidIncomeMultiple,
          })}
        </View>
      </View>
      <Feedback of={action} />
      <View className="card">
        <View className="section-title">{t('legalAid.check')}</View>
        <View className="muted">{t('legalAid.matter')}</View>
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
            {matterIndex >= 0 ? terms.matters[matterIndex]!.label : t('pickPlaceholder')}
          </View>
        </Picker>
        <View className="muted mt-m">{t('legalAid.size')}</View>
        <Input
          id="la-size"
          className="input"
          type="number"
          value={answers.householdSize}
          maxlength={2}
          placeholder={t('legalAid.sizePlaceholder')}
          onInput={(e) => update({ householdSize: e.detail.value })}
        />
        <View className="muted mt-m">{t('legalAid.income')}</View>
        <Input
          id="la-income"
          className="input"
          type="digit"
          value={answers.monthlyIncome}
          maxlength={8}
          placeholder={t('legalAid.incomePlaceholder')}
          onInput={(e) => update({ monthlyIncome: e.detail.value })}
        />
        <View className="muted mt-m">{t('legalAid.assistance')}</View>
        <View className="row">
          <View className="grow gap-right">
            <Button
              small
              light={!answers.receivesAssistance}
              id="la-assist-yes"
              onClick={() => update({ receivesAssistance: true })}
            >
              {t('yes')}
            </Button>
          </View>
          <View className="grow">
            <Button
              small
              light={answers.receivesAssistance}
              id="la-assist-no"
              onClick={() => update({ receivesAssistance: false })}
            >
              {t('no')}
            </Button>
          </View>
        </View>
        <Button id="la-check" loading={action.busy && !result} onClick={check}>
          {t('legalAid.check')}
        </Button>
        {result && (
          <View id="la-result" className="mt-m">
            <View id="la-likely" className={result.likely ? 'hall-likely' : 'hall-unlikely'}>
              {result.likely ? t('legalAid.likely') : t('legalAid.unlikely')}
            </View>
            {result.reasons.map((r, i) => (
              <View key={i} id={`la-reason-${i}`}>
                · {r}
              </View>
            ))}
            <View className="muted">{t('legalAid.guideOnly')}</View>
          </View>
        )}
      </View>

      {result && result.matterCovered && (
        <View className="card" id="la-form">
          <View className="section-title">{t('legalAid.apply')}</View>
          <View className="muted">{t('legalAid.account')}</View>
          <Textarea
            id="la-account"
            className="input textarea textarea-h160"
            value={account}
            maxlength={inputMaxLength(ACCOUNT_MAX)}
            placeholder={t('legalAid.accountPlaceholder')}
            onInput={(e) => setAccount(e.detail.value)}
          />
          <View className="muted mt-m">{t('legalAid.photos')}</View>
          <DocPhotoPicker id="la-photos" value={photos} onChange={setPhotos} />
          <View className="muted mt-m">{t('legalAid.next')}</View>
          <Button id="la-submit" loading={action.busy} onClick={submit}>
            {t('legalAid.apply')}
          </Button>
        </View>
      )}
      {result && !result.matterCovered && (
        <View className="card" id="la-not-covered">
          <View>{t('legalAid.notCovered')}</View>
          <Button light id="la-ask" onClick={() => goto('consultAsk')}>
            {t('legalAid.ask')}
          </Button>
        </View>
      )}
    </Screen>
  );
}
