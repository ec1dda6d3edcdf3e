import { ModulePlaceholderPage } from '../shared/module-placeholder-page';

export function DashboardPage() {
  return <ModulePlaceholderPage module="dashboard" />;
}
