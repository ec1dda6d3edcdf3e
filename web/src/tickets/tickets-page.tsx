import { ModulePlaceholderPage } from '../shared/module-placeholder-page';

export function TicketsPage() {
  return <ModulePlaceholderPage module="tickets" />;
}
