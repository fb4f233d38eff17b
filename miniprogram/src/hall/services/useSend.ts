import { useRef } from 'react';
import { newClientKey } from '../../shared/clientKey';
import { uploadCasePhoto } from './hall';

/**
 * What a form of the hall needs to send safely twice: one clientKey per content (a resend after a
 * network error is the same request, recorded once; changed content gets a new key), and photos
 * uploaded once each (a resend reuses their ids).
 */
export function useSend(prefix: string) {
  const held = useRef<{ content: string; key: string } | null>(null);
  const uploaded = useRef(new Map<string, string>());
  return {
    keyFor(content: unknown): string {
      const text = JSON.stringify(content);
      if (held.current?.content !== text) held.current = { content: text, key: newClientKey(prefix) };
      return held.current.key;
    },
    async upload(paths: string[]): Promise<string[]> {
      const ids: string[] = [];
      for (const p of paths) {
        let id = uploaded.current.get(p);
        if (!id) {
          id = await uploadCasePhoto(p);
          uploaded.current.set(p, id);
        }
        ids.push(id);
      }
      return ids;
    },
    done() {
      held.current = null;
      uploaded.current.clear();
    },
  };
}
