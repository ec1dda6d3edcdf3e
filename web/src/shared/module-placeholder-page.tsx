import type { ModuleKey } from '../auth/roles';
import { useI18n } from '../i18n/i18n-context';
import { moduleNav } from '../layout/module-nav';
import { ComingSoon } from './coming-soon';
import { PageHeader } from './page-header';

export function ModulePlaceholderPage({ module }: { module: ModuleKey }) {
  const { t } = useI18n();
  return (
    <>
      <PageHeader title={t(moduleNav[module].label)} />
      <ComingSoon summary={moduleNav[module].summary} />
    </>
  );
}
