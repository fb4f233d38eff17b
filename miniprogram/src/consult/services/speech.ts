/**
 * Speaking a question instead of typing it (issue 14 item 7), where the platform recognises speech:
 *
 * - H5: the browser's Web Speech API (SpeechRecognition, or webkitSpeechRecognition in Chrome-based
 *   browsers), Mandarin (zh-CN), when the browser defines it. Many phone browsers in China, WeChat's
 *   own among them, do not; Chrome's recogniser needs Google's servers.
 * - weapp: none in the app. WeChat's speech recognition for mini-programs is the 同声传译 plugin
 *   (WechatSI, provider wx069ba97219f66d99), which has to be added to the AppID in the WeChat admin
 *   console before app.json may declare it (a declared plugin the AppID lacks stops the app from
 *   starting); it cannot be tried here. The phone keyboard's own voice key (WeChat's and the
 *   system's input methods have one) types into the question box, so the page says so instead.
 *
 * The fallback everywhere: a plain line saying the keyboard's microphone key can be used.
 */

import { t } from '../../shared/i18n';

/** What the Web Speech API hands to onresult, as far as we read it. */
interface RecognitionResultEvent {
  resultIndex: number;
  results: ArrayLike<ArrayLike<{ transcript: string }> & { isFinal: boolean }>;
}

interface Recognition {
  lang: string;
  interimResults: boolean;
  continuous: boolean;
  maxAlternatives: number;
  onresult: ((e: RecognitionResultEvent) => void) | null;
  onerror: ((e: { error: string }) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
  abort(): void;
}

type RecognitionConstructor = new () => Recognition;

/** The browser's recogniser, or null where there is none (weapp; browsers without the Web Speech API). */
function recognitionConstructor(): RecognitionConstructor | null {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return null;
  const w = window as unknown as { SpeechRecognition?: RecognitionConstructor; webkitSpeechRecognition?: RecognitionConstructor };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null;
}

export const canRecognizeSpeech = (): boolean => recognitionConstructor() !== null;

/** Why listening stopped with nothing heard, in words for the person. */
function errorMessage(code: string): string {
  if (code === 'not-allowed' || code === 'service-not-allowed') return t('consult:voice.denied');
  if (code === 'no-speech') return t('consult:voice.noSpeech');
  if (code === 'network') return t('consult:voice.network');
  return t('consult:voice.unavailable');
}

export interface Listening {
  stop(): void;
}

/**
 * Listens once (Mandarin) and hands each finished phrase to `onText`; `onEnd` runs when listening
 * stops, with a message when it stopped on an error. Null when the platform has no recogniser.
 */
export function listen(onText: (text: string) => void, onEnd: (error: string | null) => void): Listening | null {
  const Ctor = recognitionConstructor();
  if (!Ctor) return null;
  const rec = new Ctor();
  rec.lang = 'zh-CN';
  rec.interimResults = false;
  rec.continuous = false;
  rec.maxAlternatives = 1;
  let error: string | null = null;
  rec.onresult = (e) => {
    for (let i = e.resultIndex; i < e.results.length; i += 1) {
      const result = e.results[i]!;
      const text = result[0]?.transcript.trim();
      if (result.isFinal && text) onText(text);
    }
  };
  rec.onerror = (e) => {
    // 'aborted' is our own stop
    if (e.error !== 'aborted') error = errorMessage(e.error);
  };
  rec.onend = () => onEnd(error);
  try {
    rec.start();
  } catch {
    onEnd(errorMessage('start'));
    return null;
  }
  return { stop: () => rec.stop() };
}
