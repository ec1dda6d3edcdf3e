import { ModulePlaceholderPage } from '../shared/module-placeholder-page';

export function QualityPage() {
  return <ModulePlaceholderPage module="quality" />;
}
