import { useState } from 'react';
import { Input, Textarea, View } from '@tarojs/components';
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
import { OverLimitList, OverLimitWarning, overLimitOf } from './OverLimit';
import { Screen } from '../../shared/components/Screen';
import { t } from '../../shared/i18n';

interface NumberField {
  key: NumberKey;
  label: string;
  unit: string;
  min: number;
  max: number;
  integer: boolean;
}

/** The fields in the order shown; their ranges are the server's (types/src/constants.ts). */
const NUMBER_FIELDS: NumberField[] = (
  [
    { key: 'maxVillagesPerCounsel', label: '每名顾问最多服务村数', unit: '个' },
    { key: 'minOnSiteHoursPerMonth', label: '每村每月驻点小时', unit: '小时' },
    { key: 'minLecturesPerQuarter', label: '每村每季度讲座次数', unit: '次' },
    { key: 'minHoursPerYear', label: '每村每年服务小时', unit: '小时' },
    // 限时办结 (docs/domain.md R8): deadlines of a new consultation, counted from the asking
    { key: 'firstResponseHours', label: '首次答复时限', unit: '小时' },
    { key: 'closureDays', label: '办结时限', unit: '天' },
    // the service hall (issue 16): legal aid's economic test, time limits per kind, monthly samples
    { key: 'minimumLivingAllowance', label: '当地低保标准（每人每月）', unit: '元' },
    { key: 'legalAidIncomeMultiple', label: '法律援助经济困难标准（低保的倍数）', unit: '倍' },
    { key: 'legalAidPrescreenDays', label: '法律援助初审时限', unit: '天' },
    { key: 'legalAidDecisionDays', label: '法律援助审批时限', unit: '天' },
    { key: 'mediationDays', label: '调解办结时限', unit: '天' },
    { key: 'bookingConfirmHours', label: '预约确认时限', unit: '小时' },
    { key: 'complaintAnswerDays', label: '投诉建议答复时限', unit: '天' },
    { key: 'callbackSharePercent', label: '每月回访抽取比例', unit: '%' },
    { key: 'callbackMinimum', label: '每月回访最少件数', unit: '件' },
    { key: 'inspectionSharePercent', label: '每月工作群抽查比例', unit: '%' },
    // the legal-literate roster (issue 17 item 3): residents per village the county aims for
    { key: 'legalLiterateTarget', label: t('roster:coverage.targetLabel'), unit: t('roster:coverage.targetUnit') },
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

/** The body to send, or a Chinese message saying what is wrong. */
function policyBody(form: Form): { body: UpdateCountyPolicyBody } | { error: string } {
  const body: UpdateCountyPolicyBody = {};
  for (const f of NUMBER_FIELDS) {
    const raw = form[f.key].trim();
    if (!raw) return { error: `请填写${f.label}` };
    if (!/^\d+(\.\d+)?$/.test(raw)) return { error: `${f.label}应为数字` };
    const n = Number(raw);
    if (f.integer && !Number.isInteger(n)) return { error: `${f.label}应为整数` };
    if (n < f.min || n > f.max) return { error: `${f.label}应在 ${f.min} 到 ${f.max} 之间` };
    body[f.key] = n;
  }
  const phone = form.supervisionPhone.trim();
  if (!/^[\d-]{5,20}$/.test(phone)) return { error: '监督电话格式不正确（5 到 20 位数字或短横线）' };
  body.supervisionPhone = phone;
  const { procedure, procedures, supervisionText } = COUNTY_BOARD_TEXT_LIMITS;
  const steps = form.procedures
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  if (steps.length === 0) return { error: '请至少填写一条办事流程' };
  if (steps.length > procedures) return { error: `办事流程最多${procedures}条` };
  if (steps.some((s) => countChars(s) > procedure)) return { error: `每条办事流程不能超过${procedure}个字` };
  body.procedures = steps;
  const text = form.supervisionText.trim();
  if (countChars(text) < 2) return { error: '请填写监督说明' };
  if (countChars(text) > supervisionText) return { error: `监督说明不能超过${supervisionText}个字` };
  body.supervisionText = text;
  return { body };
}

const isOverLimitRefusal = (e: unknown) => e instanceof ApiError && e.code === 'COUNSEL_OVER_NEW_LIMIT';

export default function CountyPolicyPage() {
  const [countyCode, setCountyCode] = useState<string | null>(null);
  const [countyName, setCountyName] = useState('');
  const [form, setForm] = useState<Form | null>(null);
  /** the counsel over the limit in force (the server's list, after loading and after each save) */
  const [over, setOver] = useState<OverLimitCounsel[]>([]);
  /** a lowered limit the server asks to confirm: the body to send again, and whom it leaves over */
  const [pending, setPending] = useState<{ body: UpdateCountyPolicyBody; limit: number; counsel: OverLimitCounsel[] } | null>(
    null,
  );
  const action = useAction();

  function show(p: CountyPolicy & { overLimitCounsel: OverLimitCounsel[] }) {
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
          saved.overLimitCounsel.length
            ? `已保存县级政策；${saved.overLimitCounsel.length} 名法律顾问超出上限，保留现有指派，不再新增`
            : '已保存县级政策',
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
    <Screen>
      <View className="card">
        <View className="title">县级政策设置</View>
        <View className="subtitle">{countyName || countyCode || ''}</View>
        <View className="muted">
          修改后，指派上限和达标统计按新的标准计算；咨询时限对此后新提出的咨询生效；办事流程和监督说明立即显示在本县各村公示栏
        </View>
      </View>
      <Feedback of={action} />
      <OverLimitList counsel={over} onAssign={() => countyCode && goto('counselAssign', { countyCode })} />
      {form ? (
        <View className="card">
          {NUMBER_FIELDS.map((f) => (
            <View key={f.key} className="mb-m">
              <View className="muted">
                {f.label}（{f.unit}，{f.min}–{f.max}）
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
            <View className="muted">监督电话</View>
            <Input
              id="policy-supervisionPhone"
              className="input"
              type="text"
              value={form.supervisionPhone}
              placeholder="如：0418-1234567"
              onInput={(e) => set('supervisionPhone', e.detail.value)}
            />
          </View>
          <View className="mb-m">
            <View className="muted">监督说明（公示栏上监督电话旁的文字）</View>
            <Textarea
              id="policy-supervisionText"
              className="input textarea textarea-h120"
              value={form.supervisionText}
              maxlength={inputMaxLength(COUNTY_BOARD_TEXT_LIMITS.supervisionText)}
              onInput={(e) => set('supervisionText', e.detail.value)}
            />
          </View>
          <View className="mb-m">
            <View className="muted">办事流程（公示栏上展示，每行一条）</View>
            <Textarea
              id="policy-procedures"
              className="input textarea textarea-h220"
              value={form.procedures}
              maxlength={inputMaxLength(COUNTY_BOARD_TEXT_LIMITS.procedures * (COUNTY_BOARD_TEXT_LIMITS.procedure + 1))}
              onInput={(e) => set('procedures', e.detail.value)}
            />
          </View>
          <Button id="policy-save" loading={action.busy} onClick={save}>
            {action.busy ? '正在保存…' : '保存'}
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
            正在加载…
          </View>
        )
      )}
    </Screen>
  );
}
