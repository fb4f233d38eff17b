import { useState } from 'react';
import { Switch, Textarea, View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation('inspections');
  const [active, setActive] = useState(true);
  const [privateDataFound, setPrivate] = useState(false);
  const [improperContentFound, setImproper] = useState(false);
  const [actionTaken, setActionTaken] = useState('');
  const [notes, setNotes] = useState('');
  const problem = privateDataFound || improperContentFound;

  function submit() {
    if (problem && !actionTaken.trim()) {
      onProblem(t('form.needAction'));
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
      <SwitchRow id="switch-active" label={t('form.active')} value={active} onChange={setActive} />
      <SwitchRow id="switch-private" label={t('form.private')} value={privateDataFound} onChange={setPrivate} />
      <SwitchRow id="switch-improper" label={t('form.improper')} value={improperContentFound} onChange={setImproper} />
      <View className="section-title mt-m">{problem ? t('form.actionRequired') : t('form.actionOptional')}</View>
      <Textarea
        id="inspection-action"
        className="input textarea"
        value={actionTaken}
        maxlength={inputMaxLength(INSPECTION_TEXT_MAX_LENGTH)}
        placeholder={t('form.actionPlaceholder')}
        onInput={(e) => setActionTaken(e.detail.value)}
      />
      <View className="section-title mt-m">{t('form.notes')}</View>
      <Textarea
        id="inspection-notes"
        className="input textarea"
        value={notes}
        maxlength={inputMaxLength(INSPECTION_TEXT_MAX_LENGTH)}
        placeholder={t('form.notesPlaceholder')}
        onInput={(e) => setNotes(e.detail.value)}
      />
      <View className="muted my-xs">{t('form.final')}</View>
      <Button id="inspection-submit" loading={busy} onClick={submit}>
        {t('form.submit')}
      </Button>
      <Button id="inspection-cancel" light onClick={onCancel}>
        {t('form.cancel')}
      </Button>
    </View>
  );
}
