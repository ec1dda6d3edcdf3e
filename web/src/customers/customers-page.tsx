import { ModulePlaceholderPage } from '../shared/module-placeholder-page';

export function CustomersPage() {
  return <ModulePlaceholderPage module="customers" />;
}
