import { DownOutlined, GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { useI18n } from '../i18n/i18n-context';
import { isLocale, localeNames, locales } from '../i18n/messages';

const items: MenuProps['items'] = locales.map((locale) => ({ key: locale, label: localeNames[locale] }));

/**
 * A dropdown menu rather than a Select: the menu is already in the first screen's bundle for the
 * navigation, Select and its virtual list are not.
 */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Dropdown
      trigger={['click']}
      placement="bottomRight"
      menu={{
        items,
        selectable: true,
        selectedKeys: [locale],
        onClick: ({ key }) => {
          if (isLocale(key)) setLocale(key);
        },
      }}
    >
      <Button type="text" aria-label={`${t('header.language')}: ${localeNames[locale]}`} data-testid="language-switch">
        <GlobalOutlined aria-hidden />
        <span>{localeNames[locale]}</span>
        <DownOutlined style={{ fontSize: 10 }} aria-hidden />
      </Button>
    </Dropdown>
  );
}
