import { useState } from 'react';
import { Input, Textarea, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import type { CountyPolicy, OverLimitCounsel, UpdateCountyPolicyBody } from '@vc/types';
import {
  COUNTY_BOARD_TEXT_LIMITS,
  COUNTY_POLICY_LIMITS,
  countChars,
  inputMaxLength,
  type CountyPolicyNumberKey as NumberKey,
} from '@vc/types/src/constants';
import { call } from '../../shared/api';
import { Button } from '../../shared/components/Button';
import { Feedback } from '../../shared/components/Feedback';
import { useAction } from '../../shared/hooks/useAction';
import { useStaffPlace } from '../../shared/hooks/useStaffPlace';
import { ApiError } from '../../shared/http';
import { goto } from '../../shared/nav';
import { t } from '../../shared/i18n';
import { LanguagesCard } from './LanguagesCard';
import { OverLimitList, OverLimitWarning, overLimitOf } from './OverLimit';
import { Screen } from '../../shared/components/Screen';

interface NumberField {
  key: NumberKey;
  min: number;
  max: number;
  integer: boolean;
}

/** The fields in the order shown; their ranges are the server's (types/src/constants.ts), their words policy.json's. */
const NUMBER_FIELDS: NumberField[] = (
  [
    { key: 'maxVillagesPerCounsel' },
    { key: 'minOnSiteHoursPerMonth' },
    { key: 'minLecturesPerQuarter' },
    { key: 'minHoursPerYear' },
    // 限时办结 (docs/domain.md R8): deadlines of a new consultation, counted from the asking
    { key: 'firstResponseHours' },
    { key: 'closureDays' },
    // the service hall (issue 16): legal aid's economic test, time limits per kind, monthly samples
    { key: 'minimumLivingAllowance' },
    { key: 'legalAidIncomeMultiple' },
    { key: 'legalAidPrescreenDays' },
    { key: 'legalAidDecisionDays' },
    { key: 'mediationDays' },
    { key: 'bookingConfirmHours' },
    { key: 'complaintAnswerDays' },
    { key: 'callbackSharePercent' },
    { key: 'callbackMinimum' },
    { key: 'inspectionSharePercent' },
    // the legal-literate roster (issue 17 item 3): residents per village the county aims for
    { key: 'legalLiterateTarget' },
  ] as const
).map((f) => ({ ...f, ...COUNTY_POLICY_LIMITS[f.key] }));

/** procedures: one step per line, as on the notice board */
type Form = Record<NumberKey | 'supervisionPhone' | 'procedures' | 'supervisionText', string>;

function formOf(p: CountyPolicy): Form {
  return {
    ...(Object.fromEntries(NUMBER_FIELDS.map((f) => [f.key, String(p[f.key])])) as Record<NumberKey, string>),
    supervisionPhone: p.supervisionPhone,
    procedures: p.procedures.join('\n'),
    supervisionText: p.supervisionText,
  };
}

/** A number field's name, in the person's language. */
const labelOf = (key: NumberKey): string => t(`policy:county.fields.${key}.label`);

/** The body to send, or a message saying what is wrong. */
function policyBody(form: Form): { body: UpdateCountyPolicyBody } | { error: string } {
  const body: UpdateCountyPolicyBody = {};
  for (const f of NUMBER_FIELDS) {
    const raw = form[f.key].trim();
    const label = labelOf(f.key);
    if (!raw) return { error: t('policy:county.errors.required', { label }) };
    if (!/^\d+(\.\d+)?$/.test(raw)) return { error: t('policy:county.errors.notNumber', { label }) };
    const n = Number(raw);
    if (f.integer && !Number.isInteger(n)) return { error: t('policy:county.errors.notInteger', { label }) };
    if (n < f.min || n > f.max) return { error: t('policy:county.errors.range', { label, min: f.min, max: f.max }) };
    body[f.key] = n;
  }
  const phone = form.supervisionPhone.trim();
  if (!/^[\d-]{5,20}$/.test(phone)) return { error: t('policy:county.errors.phone') };
  body.supervisionPhone = phone;
  const { procedure, procedures, supervisionText } = COUNTY_BOARD_TEXT_LIMITS;
  const steps = form.procedures
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  if (steps.length === 0) return { error: t('policy:county.errors.noProcedure') };
  if (steps.length > procedures) return { error: t('policy:county.errors.tooManyProcedures', { max: procedures }) };
  if (steps.some((s) => countChars(s) > procedure))
    return { error: t('policy:county.errors.procedureTooLong', { max: procedure }) };
  body.procedures = steps;
  const text = form.supervisionText.trim();
  if (countChars(text) < 2) return { error: t('policy:county.errors.noSupervisionText') };
  if (countChars(text) > supervisionText)
    return { error: t('policy:county.errors.supervisionTextTooLong', { max: supervisionText }) };
  body.supervisionText = text;
  return { body };
}

const isOverLimitRefusal = (e: unknown) => e instanceof ApiError && e.code === 'COUNSEL_OVER_NEW_LIMIT';

export default function CountyPolicyPage() {
  const { t } = useTranslation('policy');
  const [countyCode, setCountyCode] = useState<string | null>(null);
  const [countyName, setCountyName] = useState('');
  const [form, setForm] = useState<Form | null>(null);
  const [languagesOff, setLanguagesOff] = useState<CountyPolicy['languagesOff']>([]);
  /** the counsel over the limit in force (the server's list, after loading and after each save) */
  const [over, setOver] = useState<OverLimitCounsel[]>([]);
  /** a lowered limit the server asks to confirm: the body to send again, and whom it leaves over */
  const [pending, setPending] = useState<{ body: UpdateCountyPolicyBody; limit: number; counsel: OverLimitCounsel[] } | null>(
    null,
  );
  const action = useAction();

  function show(p: CountyPolicy & { overLimitCounsel: OverLimitCounsel[] }) {
    setLanguagesOff(p.languagesOff);
    setForm(formOf(p));
    setOver(p.overLimitCounsel);
  }

  useStaffPlace(
    'county_staff',
    ({ code, name }) => {
      setCountyCode(code);
      setCountyName(name);
      call('countyPolicy', { params: { countyCode: code } })
        .then(show)
        .catch(action.fail);
    },
    action.fail,
  );

  function set(key: keyof Form, value: string) {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    setPending(null); // a changed form is a different change: it is checked again when saved
    if (action.ok) action.succeed(null);
  }

  /** The server refused a lowered limit for want of confirmation: show whom it leaves over, and ask. */
  function askToConfirm(code: string, body: UpdateCountyPolicyBody) {
    const limit = body.maxVillagesPerCounsel!;
    call('countyCounsel', { params: { countyCode: code } })
      .then((r) => setPending({ body, limit, counsel: overLimitOf(r.items, limit) }))
      .catch(action.fail);
  }

  function send(code: string, body: UpdateCountyPolicyBody, acknowledged: boolean) {
    void action.run(
      async () => {
        const saved = await call('updateCountyPolicy', {
          params: { countyCode: code },
          body: acknowledged ? { ...body, acknowledgeOverLimit: true } : body,
        });
        setPending(null);
        show(saved);
        return saved;
      },
      {
        ok: (saved) =>
          saved.overLimitCounsel.length ? t('county.savedOver', { n: saved.overLimitCounsel.length }) : t('county.saved'),
        // the confirmation is the page's question, not an error line
        failure: (e) => (isOverLimitRefusal(e) ? null : undefined),
        onError: (e) => {
          if (isOverLimitRefusal(e)) askToConfirm(code, body);
        },
      },
    );
  }

  function save() {
    if (!countyCode || !form) return;
    const checked = policyBody(form);
    if ('error' in checked) {
      action.fail(checked.error);
      return;
    }
    setPending(null);
    send(countyCode, checked.body, false);
  }

  return (
    <Screen title={t('county.title')}>
      <View className="card">
        <View className="title">{t('county.title')}</View>
        <View className="subtitle">{countyName || countyCode || ''}</View>
        <View className="muted">{t('county.intro')}</View>
      </View>
      <Feedback of={action} />
      <OverLimitList counsel={over} onAssign={() => countyCode && goto('counselAssign', { countyCode })} />
      {form ? (
        <View className="card">
          {NUMBER_FIELDS.map((f) => (
            <View key={f.key} className="mb-m">
              <View className="muted">
                {t('county.fieldLabel', {
                  label: t(`county.fields.${f.key}.label`),
                  unit: t(`county.fields.${f.key}.unit`),
                  min: f.min,
                  max: f.max,
                })}
              </View>
              <Input
                id={`policy-${f.key}`}
                className="input"
                type={f.integer ? 'number' : 'digit'}
                value={form[f.key]}
                onInput={(e) => set(f.key, e.detail.value)}
              />
            </View>
          ))}
          <View className="mb-m">
            <View className="muted">{t('county.supervisionPhone')}</View>
            <Input
              id="policy-supervisionPhone"
              className="input"
              type="text"
              value={form.supervisionPhone}
              placeholder={t('county.supervisionPhonePlaceholder')}
              onInput={(e) => set('supervisionPhone', e.detail.value)}
            />
          </View>
          <View className="mb-m">
            <View className="muted">{t('county.supervisionText')}</View>
            <Textarea
              id="policy-supervisionText"
              className="input textarea textarea-h120"
              value={form.supervisionText}
              maxlength={inputMaxLength(COUNTY_BOARD_TEXT_LIMITS.supervisionText)}
              onInput={(e) => set('supervisionText', e.detail.value)}
            />
          </View>
          <View className="mb-m">
            <View className="muted">{t('county.procedures')}</View>
            <Textarea
              id="policy-procedures"
              className="input textarea textarea-h220"
              value={form.procedures}
              maxlength={inputMaxLength(COUNTY_BOARD_TEXT_LIMITS.procedures * (COUNTY_BOARD_TEXT_LIMITS.procedure + 1))}
              onInput={(e) => set('procedures', e.detail.value)}
            />
          </View>
          <Button id="policy-save" loading={action.busy} onClick={save}>
            {action.busy ? t('county.saving') : t('county.save')}
          </Button>
          {/* beside the save button, where the tap was: the confirmation a lowered limit needs */}
          {pending && countyCode && (
            <OverLimitWarning
              limit={pending.limit}
              counsel={pending.counsel}
              busy={action.busy}
              onConfirm={() => send(countyCode, pending.body, true)}
              onCancel={() => setPending(null)}
            />
          )}
        </View>
      ) : (
        !action.error && (
          <View className="muted" id="loading">
            {t('county.loading')}
          </View>
        )
      )}
      {/* saved on its own: a toggle does not send (or lose) the form's unsaved figures */}
      {countyCode && form && (
        <LanguagesCard countyCode={countyCode} languagesOff={languagesOff} onSaved={(p) => setLanguagesOff(p.languagesOff)} />
      )}
    </Screen>
  );
}
