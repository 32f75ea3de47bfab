import { Link } from 'react-router-dom';
import { useT } from '../i18n.ts';

/** The platform's mark and name, linking home. */
export function Brand({ to }: { to: string }) {
  const t = useT();
  return (
    <Link to={to} className="app-brand">
      <span className="app-brand-mark" aria-hidden>
        政
      </span>
      <span className="app-brand-name">{t('app.name')}</span>
    </Link>
  );
}
