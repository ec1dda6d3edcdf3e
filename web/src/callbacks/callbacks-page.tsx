import { ModulePlaceholderPage } from '../shared/module-placeholder-page';

export function CallbacksPage() {
  return <ModulePlaceholderPage module="callbacks" />;
}
