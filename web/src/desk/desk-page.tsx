import { ModulePlaceholderPage } from '../shared/module-placeholder-page';

export function DeskPage() {
  return <ModulePlaceholderPage module="desk" />;
}
