import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import type { CountyPolicy, UpdateCountyPolicyBody } from '@vc/types';
import { Button } from '../../components/Button';
import { ErrorMessage, OkMessage } from '../../components/Message';
import { call, messageOf } from '../../services/api';
import { useStaffPlace } from '../../hooks/useStaffPlace';

type NumberKey =
  | 'maxVillagesPerCounsel'
  | 'minOnSiteHoursPerMonth'
  | 'minLecturesPerQuarter'
  | 'minHoursPerYear'
  | 'firstResponseHours'
  | 'closureDays';

interface NumberField {
  key: NumberKey;
  label: string;
  unit: string;
  min: number;
  max: number;
  integer: boolean;
}

const NUMBER_FIELDS: NumberField[] = [
  { key: 'maxVillagesPerCounsel', label: '每名顾问最多服务村数', unit: '个', min: 1, max: 20, integer: true },
  { key: 'minOnSiteHoursPerMonth', label: '每村每月驻点小时', unit: '小时', min: 0, max: 200, integer: false },
  { key: 'minLecturesPerQuarter', label: '每村每季度讲座次数', unit: '次', min: 0, max: 50, integer: true },
  { key: 'minHoursPerYear', label: '每村每年服务小时', unit: '小时', min: 0, max: 2000, integer: false },
  // 限时办结 (DOMAIN R8): deadlines of a new consultation, counted from the asking
  { key: 'firstResponseHours', label: '首次答复时限', unit: '小时', min: 1, max: 720, integer: true },
  { key: 'closureDays', label: '办结时限', unit: '天', min: 1, max: 90, integer: true },
];

type Form = Record<NumberKey | 'supervisionPhone', string>;

function formOf(p: CountyPolicy): Form {
  return {
    maxVillagesPerCounsel: String(p.maxVillagesPerCounsel),
    minOnSiteHoursPerMonth: String(p.minOnSiteHoursPerMonth),
    minLecturesPerQuarter: String(p.minLecturesPerQuarter),
    minHoursPerYear: String(p.minHoursPerYear),
    firstResponseHours: String(p.firstResponseHours),
    closureDays: String(p.closureDays),
    supervisionPhone: p.supervisionPhone,
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
  return { body };
}

export default function CountyPolicyPage() {
  const [countyCode, setCountyCode] = useState<string | null>(null);
  const [countyName, setCountyName] = useState('');
  const [form, setForm] = useState<Form | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [ok, setOk] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useStaffPlace(
    'county_staff',
    ({ code, name }) => {
      setCountyCode(code);
      setCountyName(name);
      call('countyPolicy', { params: { countyCode: code } })
        .then((p) => setForm(formOf(p)))
        .catch((e) => setError(messageOf(e)));
    },
    setError,
  );

  function set(key: keyof Form, value: string) {
    setForm((f) => (f ? { ...f, [key]: value } : f));
    setOk(null);
  }

  async function save() {
    setError(null);
    setOk(null);
    if (!countyCode || !form) return;
    const checked = policyBody(form);
    if ('error' in checked) {
      setError(checked.error);
      return;
    }
    setBusy(true);
    try {
      const p = await call('updateCountyPolicy', { params: { countyCode }, body: checked.body });
      setForm(formOf(p));
      setOk('已保存县级政策');
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="page">
      <View className="card">
        <View className="title">县级政策设置</View>
        <View className="subtitle">{countyName || countyCode || ''}</View>
        <View className="muted">修改后，指派上限和达标统计按新的标准计算；咨询时限对此后新提出的咨询生效</View>
      </View>
      <ErrorMessage message={error} />
      <OkMessage message={ok} />
      {form ? (
        <View className="card">
          {NUMBER_FIELDS.map((f) => (
            <View key={f.key} style={{ marginBottom: '12px' }}>
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
          <View style={{ marginBottom: '12px' }}>
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
          <Button id="policy-save" disabled={busy} onClick={save}>
            {busy ? '正在保存…' : '保存'}
          </Button>
        </View>
      ) : (
        !error && (
          <View className="muted" id="loading">
            正在加载…
          </View>
        )
      )}
    </View>
  );
}
