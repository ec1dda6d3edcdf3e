import { Button, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../auth/auth-context';
import { homePathFor, type ModuleKey } from '../auth/roles';
import { useI18n } from '../i18n/i18n-context';
import { moduleNav } from '../layout/module-nav';

function BackHome() {
  const user = useCurrentUser();
  const { t } = useI18n();
  const navigate = useNavigate();
  return (
    <Button type="primary" onClick={() => navigate(homePathFor(user.role))}>
      {t('page.backHome')}
    </Button>
  );
}

export function ForbiddenPage({ module }: { module: ModuleKey }) {
  const user = useCurrentUser();
  const { t } = useI18n();
  return (
    <Result
      status="403"
      title={t('page.forbidden.title')}
      subTitle={t('page.forbidden.body', { role: t(`role.${user.role}`), module: t(moduleNav[module].label) })}
      extra={<BackHome />}
      data-testid="forbidden"
    />
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result status="404" title={t('page.notFound.title')} subTitle={t('page.notFound.body')} extra={<BackHome />} />
  );
}
