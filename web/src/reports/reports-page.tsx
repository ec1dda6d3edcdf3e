import { ModulePlaceholderPage } from '../shared/module-placeholder-page';

export function ReportsPage() {
  return <ModulePlaceholderPage module="reports" />;
}
