import { useState } from 'react';
import { Switch, Textarea, View } from '@tarojs/components';
import type { RecordInspectionBody } from '@vc/types';
import { INSPECTION_TEXT_MAX_LENGTH, inputMaxLength } from '@vc/types/src/constants';
import { Button } from '../shared/components/Button';

interface Props {
  busy: boolean;
  onSubmit: (body: RecordInspectionBody) => void;
  onCancel: () => void;
  /** a problem found on the phone (nothing is sent) */
  onProblem: (message: string) => void;
}

function SwitchRow({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: boolean;
  onChange: (v: boolean) => void;
}) {
  return (
    <View className="row my-xs">
      <View className="grow">{label}</View>
      <Switch id={id} checked={value} onChange={(e) => onChange(Boolean(e.detail.value))} />
    </View>
  );
}

/** What the inspector found in one drawn group: three switches and the texts; recorded once. */
export function RecordForm({ busy, onSubmit, onCancel, onProblem }: Props) {
  const [active, setActive] = useState(true);
  const [privateDataFound, setPrivate] = useState(false);
  const [improperContentFound, setImproper] = useState(false);
  const [actionTaken, setActionTaken] = useState('');
  const [notes, setNotes] = useState('');
  const problem = privateDataFound || improperContentFound;

  function submit() {
    if (problem && !actionTaken.trim()) {
      onProblem('发现个人隐私或不当内容时，请填写采取的处理措施');
      return;
    }
    onSubmit({
      active,
      privateDataFound,
      improperContentFound,
      ...(actionTaken.trim() ? { actionTaken: actionTaken.trim() } : {}),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
    });
  }

  return (
    <View className="mt-m" id="inspection-form">
      <SwitchRow id="switch-active" label="群内交流正常、活跃" value={active} onChange={setActive} />
      <SwitchRow
        id="switch-private"
        label="发现个人隐私信息（身份证号、手机号等）"
        value={privateDataFound}
        onChange={setPrivate}
      />
      <SwitchRow id="switch-improper" label="发现不当内容" value={improperContentFound} onChange={setImproper} />
      <View className="section-title mt-m">{problem ? '采取的处理措施（必填）' : '采取的处理措施（如有）'}</View>
      <Textarea
        id="inspection-action"
        className="input textarea"
        value={actionTaken}
        maxlength={inputMaxLength(INSPECTION_TEXT_MAX_LENGTH)}
        placeholder="例如：已删除含身份证号的消息，并提醒发布人"
        onInput={(e) => setActionTaken(e.detail.value)}
      />
      <View className="section-title mt-m">备注（可选）</View>
      <Textarea
        id="inspection-notes"
        className="input textarea"
        value={notes}
        maxlength={inputMaxLength(INSPECTION_TEXT_MAX_LENGTH)}
        placeholder="其他需要说明的情况"
        onInput={(e) => setNotes(e.detail.value)}
      />
      <View className="muted my-xs">记录后不能修改，请核实后提交。</View>
      <Button id="inspection-submit" loading={busy} onClick={submit}>
        提交抽查记录
      </Button>
      <Button id="inspection-cancel" light onClick={onCancel}>
        取消
      </Button>
    </View>
  );
}
