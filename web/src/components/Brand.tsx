import { Link } from 'react-router-dom';
import { useT } from '../i18n.ts';

/** The platform's mark and name, linking home; without `to`, not a link (the counter tablet, in the applicant's hands). */
export function Brand({ to }: { to?: string }) {
  const t = useT();
  const inner = (
    <>
      <span className="app-brand-mark" aria-hidden>
        政
      </span>
      <span className="app-brand-name">{t('app.name')}</span>
    </>
  );
  return to ? (
    // the name is hidden on narrow screens, so the link says where it goes itself (WCAG 2.4.4)
    <Link to={to} className="app-brand" aria-label={t('app.name')}>
      {inner}
    </Link>
  ) : (
    <span className="app-brand" data-testid="brand">
      {inner}
    </span>
  );
}
