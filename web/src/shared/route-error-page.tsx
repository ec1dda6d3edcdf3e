import { Button } from 'antd';
import { useRouteError } from 'react-router-dom';
import { useI18n } from '../i18n/i18n-context';

/**
 * Route error boundary. The likely cause in production is a lazy chunk that no longer exists after an
 * upgrade, which a reload fixes; so this page itself is in the entry chunk and uses no lazy parts.
 * The error goes to the console for whoever debugs it.
 */
export function RouteErrorPage() {
  const error = useRouteError();
  const { t } = useI18n();
  console.error(error);
  return (
    <div className="kefu-route-error" role="alert">
      <h1>{t('page.loadFailed.title')}</h1>
      <p className="kefu-text-secondary">{t('page.loadFailed.body')}</p>
      <Button type="primary" onClick={() => window.location.reload()}>
        {t('page.reload')}
      </Button>
    </div>
  );
}
