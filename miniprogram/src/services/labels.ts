export { ROLE_LABELS } from '@vc/types/src/labels';

export const HOTLINE = '12348';
