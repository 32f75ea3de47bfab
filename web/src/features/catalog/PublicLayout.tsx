import { Layout } from 'antd';
import type { ReactNode } from 'react';
import { PublicHeader } from '../../components/PublicHeader.tsx';
import { useT } from '../../i18n.ts';

/** The frame of the public catalogue pages: the public header, the page, the footer. */
export function PublicLayout({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  const t = useT();
  return (
    <Layout className="public-layout">
      <PublicHeader />
      <Layout.Content>
        <div className={wide ? 'page-wide' : 'page-narrow'}>{children}</div>
      </Layout.Content>
      <Layout.Footer className="public-footer no-print">{t('home.footer')}</Layout.Footer>
    </Layout>
  );
}
