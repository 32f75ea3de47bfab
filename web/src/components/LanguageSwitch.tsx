import { Segmented } from 'antd';
import { useLang } from '../i18n.ts';
import type { Lang } from '../i18n.ts';

/** 中文 / English; the choice is kept in localStorage 'tongban.lang'. */
export function LanguageSwitch() {
  const { lang, setLang } = useLang();
  return (
    <Segmented<Lang>
      size="small"
      value={lang}
      onChange={setLang}
      data-testid="lang-switch"
      options={[
        {
          value: 'zh',
          label: (
            <span data-testid="lang-zh" lang="zh-CN">
              中文
            </span>
          ),
        },
        {
          value: 'en',
          label: (
            <span data-testid="lang-en" lang="en">
              English
            </span>
          ),
        },
      ]}
    />
  );
}
