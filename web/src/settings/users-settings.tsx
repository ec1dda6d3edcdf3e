import { Alert, App, Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Table, Tag, Typography, type FormInstance } from 'antd';
import { useState } from 'react';
import { ApiError } from '../api/client';
import { describeApiError, describeFieldError } from '../api/error-message';
import { useCurrentUser } from '../auth/auth-context';
import { roles, type Role } from '../auth/roles';
import { useI18n, type Translate } from '../i18n/i18n-context';
import { useInstantFormat } from '../shared/use-instant-format';
import { useLoad } from '../shared/use-load';
import { settingsApi, type NewUser, type TokenRecord, type UserRecord } from './settings-api';

/** Puts the server's field errors next to their fields (`username`, `password`, …). */
function applyFieldErrors<T>(form: FormInstance<T>, error: unknown, t: Translate): boolean {
  if (!(error instanceof ApiError) || error.fields.length === 0) return false;
  // The server names fields by the body's paths, which are this form's field names.
  form.setFields(error.fields.map((field) => ({ name: field.path.split('.') as never, errors: [describeFieldError(field, t)] })));
  return true;
}

function CreateUserModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<NewUser>();
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  async function submit(values: NewUser) {
    setSaving(true);
    setFailure(null);
    try {
      await settingsApi.createUser({ ...values, team: values.team?.trim() ? values.team.trim() : null });
      form.resetFields();
      onCreated();
    } catch (error) {
      if (!applyFieldErrors(form, error, t)) setFailure(describeApiError(error, t));
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal open={open} title={t('users.create')} onCancel={onClose} okText={t('users.createSubmit')} cancelText={t('common.cancel')} onOk={() => form.submit()} confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ role: 'agent' }}>
        <Form.Item name="username" label={t('users.username')} rules={[{ required: true, message: t('users.usernameRequired') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')}>
          <Input />
        </Form.Item>
        {/* The default length is checked here at once; the server's rule (configurable length, common passwords) answers on this field. */}
        <Form.Item name="password" label={t('users.password')} rules={[{ required: true, min: 8, message: t('users.passwordRule') }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
          <Select options={roles.map((role) => ({ value: role, label: t(`role.${role}`) }))} />
        </Form.Item>
        <Form.Item name="team" label={t('users.team')}>
          <Input />
        </Form.Item>
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  );
}

function TeamModal({ user, onClose, onSaved }: { user: UserRecord | null; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ team: string; displayName: string }>();
  const [failure, setFailure] = useState<string | null>(null);
  async function submit(values: { team: string; displayName: string }) {
    if (!user) return;
    setFailure(null);
    try {
      await settingsApi.updateUser(user.id, { team: values.team.trim() || null, displayName: values.displayName.trim() });
      onSaved();
    } catch (error) {
      if (!applyFieldErrors(form, error, t)) setFailure(describeApiError(error, t));
    }
  }
  return (
    <Modal open={user !== null} title={t('users.editTitle', { username: user?.username ?? '' })} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
      {user && (
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ team: user.team ?? '', displayName: user.displayName }}>
          <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, message: t('users.displayNameRequired') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="team" label={t('users.team')}>
            <Input />
          </Form.Item>
          {failure && <Alert type="error" showIcon title={failure} />}
        </Form>
      )}
    </Modal>
  );
}

/** The user's tokens, newest first: revoke one at once (issue #12: there was no way to). */
function TokenList({ user, version }: { user: UserRecord; version: number }) {
  const { t } = useI18n();
  const when = useInstantFormat();
  const { message } = App.useApp();
  const list = useLoad((signal) => settingsApi.tokens(user.id, signal), [user.id, version]);
  async function revoke(token: TokenRecord) {
    try {
      await settingsApi.revokeToken(user.id, token.id);
      message.success(t('users.tokenRevoked', { name: token.name }));
      list.reload();
    } catch (error) {
      message.error(describeApiError(error, t));
    }
  }
  return (
    <div data-testid="token-list" style={{ marginTop: 16 }}>
      <Typography.Text strong>{t('users.tokenList')}</Typography.Text>
      {list.status === 'error' && <Alert type="error" showIcon title={describeApiError(list.error, t)} />}
      <Table<TokenRecord>
        size="small"
        rowKey="id"
        loading={list.status === 'loading'}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('users.tokenNone') }}
        columns={[
          { title: t('users.tokenName'), dataIndex: 'name' },
          { title: t('users.tokenCreated'), dataIndex: 'createdAt', render: (v: number) => when(v, { year: true }) },
          { title: t('users.tokenLastUsed'), dataIndex: 'lastUsedAt', render: (v: number | null) => (v === null ? t('users.tokenNeverUsed') : when(v, { year: true })) },
          {
            title: t('users.status'),
            dataIndex: 'revokedAt',
            render: (revokedAt: number | null, token) =>
              revokedAt === null ? (
                <Popconfirm title={t('users.tokenRevokeConfirm', { name: token.name })} okText={t('users.tokenRevoke')} cancelText={t('common.cancel')} onConfirm={() => revoke(token)}>
                  <Button size="small" danger>
                    {t('users.tokenRevoke')}
                  </Button>
                </Popconfirm>
              ) : (
                <Tag>{t('users.tokenRevokedAt', { when: when(revokedAt, { year: true }) })}</Tag>
              ),
          },
        ]}
      />
    </div>
  );
}

function TokenModal({ user, onClose }: { user: UserRecord | null; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ name: string }>();
  const [token, setToken] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [issued, setIssued] = useState(0);
  function close() {
    setToken(null);
    setFailure(null);
    onClose();
  }
  async function submit(values: { name: string }) {
    if (!user) return;
    setFailure(null);
    try {
      setToken((await settingsApi.issueToken(user.id, values.name.trim())).token);
      setIssued((n) => n + 1);
    } catch (error) {
      if (!applyFieldErrors(form, error, t)) setFailure(describeApiError(error, t));
    }
  }
  return (
    <Modal
      open={user !== null}
      title={t('users.tokenTitle', { username: user?.username ?? '' })}
      onCancel={close}
      destroyOnHidden
      footer={token ? <Button type="primary" onClick={close}>{t('users.tokenDone')}</Button> : undefined}
      onOk={() => form.submit()}
      okText={t('users.tokenIssue')}
      cancelText={t('common.cancel')}
    >
      {token ? (
        <>
          <Alert type="warning" showIcon title={t('users.tokenOnce')} style={{ marginBottom: 12 }} />
          <Typography.Paragraph copyable={{ text: token }} className="kefu-mono" data-testid="issued-token">
            {token}
          </Typography.Paragraph>
        </>
      ) : (
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="name" label={t('users.tokenName')} rules={[{ required: true, message: t('users.tokenNameRequired') }]}>
            <Input placeholder={t('users.tokenNamePlaceholder')} />
          </Form.Item>
          {failure && <Alert type="error" showIcon title={failure} />}
        </Form>
      )}
      {user && <TokenList user={user} version={issued} />}
    </Modal>
  );
}

interface PasswordForm {
  password: string;
  currentPassword?: string;
  revokeTokens: boolean;
}

/**
 * Sets a user's password. The server ends all their sessions (one's own too: the page then asks to
 * sign in again) and revokes their API tokens when the box is ticked, ticked by default.
 */
function PasswordModal({ user, onClose, onSaved }: { user: UserRecord | null; onClose: () => void; onSaved: (revoked: number) => void }) {
  const { t } = useI18n();
  const me = useCurrentUser();
  const [form] = Form.useForm<PasswordForm>();
  const [failure, setFailure] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const self = user?.id === me.id;
  async function submit(values: PasswordForm) {
    if (!user) return;
    setSaving(true);
    setFailure(null);
    try {
      const { revokedTokens } = await settingsApi.setPassword(user.id, { password: values.password, revokeTokens: values.revokeTokens, ...(self && { currentPassword: values.currentPassword ?? '' }) });
      onSaved(revokedTokens);
    } catch (error) {
      if (!applyFieldErrors(form, error, t)) setFailure(describeApiError(error, t));
    } finally {
      setSaving(false);
    }
  }
  return (
    <Modal open={user !== null} title={t('users.passwordTitle', { username: user?.username ?? '' })} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={saving} destroyOnHidden>
      {user && (
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ revokeTokens: true }}>
          {self && (
            <Form.Item name="currentPassword" label={t('users.passwordCurrent')} rules={[{ required: true, message: t('users.passwordCurrentRequired') }]}>
              <Input.Password autoComplete="current-password" />
            </Form.Item>
          )}
          <Form.Item name="password" label={t('users.passwordNew')} rules={[{ required: true, min: 8, message: t('users.passwordRule') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="revokeTokens" valuePropName="checked">
            <Checkbox>{t('users.passwordRevokeTokens')}</Checkbox>
          </Form.Item>
          {failure && <Alert type="error" showIcon title={failure} />}
        </Form>
      )}
    </Modal>
  );
}

export function UsersSettings() {
  const { t } = useI18n();
  const me = useCurrentUser();
  const { message } = App.useApp();
  const list = useLoad((signal) => settingsApi.users(signal), []);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<UserRecord | null>(null);
  const [tokenFor, setTokenFor] = useState<UserRecord | null>(null);
  const [passwordFor, setPasswordFor] = useState<UserRecord | null>(null);

  async function patch(user: UserRecord, change: Partial<Pick<UserRecord, 'role' | 'active'>>) {
    try {
      await settingsApi.updateUser(user.id, change);
      message.success(t('users.updated', { username: user.username }));
      list.reload();
    } catch (error) {
      message.error(describeApiError(error, t));
    }
  }

  return (
    <div data-testid="users-settings">
      <div className="kefu-panel__head">
        <span className="kefu-text-secondary">{t('users.count', { count: list.data?.items.length ?? 0 })}</span>
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('users.create')}
        </Button>
      </div>
      {list.status === 'error' && <Alert type="error" showIcon title={describeApiError(list.error, t)} action={<Button size="small" onClick={list.reload}>{t('common.retry')}</Button>} />}
      <Table<UserRecord>
        size="small"
        rowKey="id"
        loading={list.status === 'loading'}
        dataSource={list.data?.items ?? []}
        pagination={(list.data?.items.length ?? 0) > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: t('users.empty') }}
        columns={[
          { title: t('users.username'), dataIndex: 'username', render: (v: string) => <span className="kefu-mono">{v}</span> },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          {
            title: t('users.role'),
            dataIndex: 'role',
            render: (role: Role, user) => (
              <Select<Role>
                size="small"
                value={role}
                aria-label={t('users.roleOf', { username: user.username })}
                disabled={user.id === me.id}
                style={{ width: 130 }}
                onChange={(next) => patch(user, { role: next })}
                options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
              />
            ),
          },
          { title: t('users.team'), dataIndex: 'team', render: (v: string | null) => v ?? '—' },
          {
            title: t('users.status'),
            dataIndex: 'active',
            render: (active: boolean) => (active ? <Tag color="green">{t('users.active')}</Tag> : <Tag>{t('users.disabled')}</Tag>),
          },
          {
            title: t('users.actions'),
            render: (_, user) => (
              <div className="kefu-actions kefu-actions--start">
                <Button size="small" onClick={() => setEditing(user)}>
                  {t('users.edit')}
                </Button>
                <Button size="small" onClick={() => setTokenFor(user)} disabled={!user.active}>
                  {t('users.token')}
                </Button>
                <Button size="small" onClick={() => setPasswordFor(user)} disabled={!user.active}>
                  {t('users.passwordChange')}
                </Button>
                {user.id !== me.id &&
                  (user.active ? (
                    <Popconfirm title={t('users.disableConfirm', { username: user.username })} okText={t('users.disable')} cancelText={t('common.cancel')} onConfirm={() => patch(user, { active: false })}>
                      <Button size="small" danger>
                        {t('users.disable')}
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Button size="small" onClick={() => patch(user, { active: true })}>
                      {t('users.enable')}
                    </Button>
                  ))}
              </div>
            ),
          },
        ]}
      />
      <CreateUserModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          message.success(t('users.created'));
          list.reload();
        }}
      />
      <TeamModal
        user={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          list.reload();
        }}
      />
      <TokenModal user={tokenFor} onClose={() => setTokenFor(null)} />
      <PasswordModal
        user={passwordFor}
        onClose={() => setPasswordFor(null)}
        onSaved={(revoked) => {
          const username = passwordFor?.username ?? '';
          setPasswordFor(null);
          message.success(revoked > 0 ? t('users.passwordSavedRevoked', { username, count: revoked }) : t('users.passwordSaved', { username }));
        }}
      />
    </div>
  );
}
