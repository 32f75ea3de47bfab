import type { FormRule } from 'antd';
import type { Translate } from '../i18n.ts';

// Same rule as the server (PASSWORD_TOO_WEAK): 8+ characters with a letter and a digit.
const STRONG_ENOUGH = /^(?=.*[A-Za-z])(?=.*\d).{8,128}$/;

export function newPasswordRules(t: Translate): FormRule[] {
  return [{ required: true }, { pattern: STRONG_ENOUGH, message: t('password.rule') }];
}
