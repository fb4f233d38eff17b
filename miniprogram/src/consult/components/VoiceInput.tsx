import { useEffect, useRef, useState } from 'react';
import { View } from '@tarojs/components';
import { useTranslation } from 'react-i18next';
import { Button } from '../../shared/components/Button';
import { canRecognizeSpeech, listen, type Listening } from '../services/speech';

/**
 * 说话输入 for the question (consult/services/speech.ts): a button where the platform recognises
 * speech, the recognised words added to the question; elsewhere a line pointing to the keyboard's
 * own microphone key.
 */
export function VoiceInput({ onText }: { onText: (text: string) => void }) {
  const { t } = useTranslation('consult');
  const [available] = useState(canRecognizeSpeech);
  const [listening, setListening] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const session = useRef<Listening | null>(null);
  // leaving the page stops the microphone
  useEffect(() => () => session.current?.stop(), []);

  if (!available) {
    return (
      <View id="ask-voice-hint" className="muted mt-s">
        {t('voice.hint')}
      </View>
    );
  }

  function toggle() {
    if (session.current) {
      session.current.stop();
      return;
    }
    setError(null);
    session.current = listen(onText, (failed) => {
      session.current = null;
      setListening(false);
      setError(failed);
    });
    setListening(!!session.current);
  }

  return (
    <View className="mt-s">
      <Button id="ask-voice" light onClick={toggle}>
        {listening ? t('voice.listening') : t('voice.start')}
      </Button>
      {error && (
        <View id="ask-voice-error" className="error" role="alert">
          {error}
        </View>
      )}
    </View>
  );
}
