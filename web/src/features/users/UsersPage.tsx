import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Segmented, Space, Tag } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { api } from '../../api.ts';
import type { Body, Department, RoleGrant, User } from '../../api/types.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { RegionName } from '../../components/regions.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { useDepartmentNames } from '../../components/DepartmentSelect.tsx';
import { roleLabel, useLang, useT } from '../../i18n.ts';
import { newPasswordRules } from '../../components/passwordRules.ts';
import { useSession } from '../../auth.tsx';
import { grantScope, RoleEditor } from './RoleEditor.tsx';

type Status = User['status'];
type UserRow = User;

interface RoleValues {
  role: RoleGrant['role'];
  regionCode?: string | null;
  departmentId?: Department['id'] | null;
}

interface CreateValues {
  username: string;
  displayName: string;
  password: string;
  phone?: string;
  roles: RoleValues[];
}

interface EditValues {
  displayName: string;
  status: Status;
  roles: RoleValues[];
}

const toGrants = (roles: RoleValues[] = []): Body<'/api/users'>['roles'] =>
  roles.map((r) => ({ role: r.role, regionCode: r.regionCode ?? null, departmentId: r.departmentId ?? null }));

export default function UsersPage() {
  const t = useT();
  const { lang } = useLang();
  const [q, setQ] = useState('');
  const [reloadKey, setReloadKey] = useState(0);
  const [isCreating, setIsCreating] = useState(false);
  const [editing, setEditing] = useState<UserRow>();
  const reload = () => setReloadKey((k) => k + 1);
  // A region- or department-scoped admin manages staff of its scope only: new roles start there.
  const scope = grantScope(useSession().user.roles);

  // The list reply carries department ids only.
  const departmentName = useDepartmentNames();

  const statusLabel = (s: Status) => (s === 'active' ? t('users.status.active') : t('users.status.disabled'));

  const columns: TableColumnsType<UserRow> = [
    { title: t('users.username'), dataIndex: 'username' },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    { title: t('users.phone'), dataIndex: 'phoneMasked', render: (v: string | null) => v ?? '—' },
    {
      title: t('users.status'),
      dataIndex: 'status',
      render: (s: Status) => <Tag color={s === 'active' ? 'green' : 'default'}>{statusLabel(s)}</Tag>,
    },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      render: (roles: RoleGrant[]) => (
        <Space size={[0, 4]} wrap>
          {roles.map((r, i) => (
            <Tag key={i} color="blue">
              {roleLabel(r.role, lang)}
              {r.regionCode && (
                <>
                  {' · '}
                  <RegionName code={r.regionCode} />
                </>
              )}
              {r.departmentId != null && ` · ${departmentName(r.departmentId)}`}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, row) => (
        <Button type="link" onClick={() => setEditing(row)} data-testid={`user-edit-${row.username}`}>
          {t('common.edit')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        title={t('nav.users')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setIsCreating(true)} data-testid="users-create">
            {t('users.create')}
          </Button>
        }
      />
      <Card>
        <Input.Search
          allowClear
          placeholder={t('users.searchPlaceholder')}
          onSearch={(v) => setQ(v.trim())}
          className="search-box"
          data-testid="users-search"
        />
        <DataTable<UserRow>
          testId="users-table"
          columns={columns}
          rowKey={(r) => r.id}
          query={q}
          reloadKey={reloadKey}
          load={(page, pageSize) => api.get('/api/users', { params: { query: { q, page, pageSize } } })}
        />
      </Card>

      <FormModal<CreateValues>
        open={isCreating}
        title={t('users.create')}
        initialValues={{ roles: [scope ? { role: 'clerk', ...scope } : { role: 'applicant_person' }] }}
        onClose={() => setIsCreating(false)}
        onDone={reload}
        successText={t('common.created')}
        testId="user-create"
        width={760}
        onSubmit={(v) =>
          api.create('/api/users', {
            body: {
              username: v.username.trim(),
              displayName: v.displayName.trim(),
              password: v.password,
              phone: v.phone?.trim() || undefined,
              roles: toGrants(v.roles),
            },
          })
        }
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameRule')}
          rules={[{ required: true }, { pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: t('users.usernameRule') }]}
        >
          <Input autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={50} data-testid="user-displayName" />
        </Form.Item>
        <Form.Item name="password" label={t('users.password')} extra={t('password.rule')} rules={newPasswordRules(t)}>
          <Input.Password autoComplete="new-password" data-testid="user-password" />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')} rules={[{ pattern: /^1\d{10}$/, message: t('users.phoneInvalid') }]}>
          <Input inputMode="tel" maxLength={11} data-testid="user-phone" />
        </Form.Item>
        <Form.Item label={t('users.roles')} required>
          <RoleEditor scope={scope} />
        </Form.Item>
      </FormModal>

      <FormModal<EditValues>
        open={editing !== undefined}
        title={editing ? t('users.edit', { username: editing.username }) : ''}
        initialValues={
          editing && {
            displayName: editing.displayName,
            status: editing.status,
            roles: editing.roles.map((r) => ({ ...r })),
          }
        }
        onClose={() => setEditing(undefined)}
        onDone={reload}
        successText={t('common.saved')}
        testId="user-edit"
        width={760}
        onSubmit={(v) =>
          api.patch('/api/users/{id}', {
            params: { path: { id: editing!.id } },
            body: {
              displayName: v.displayName.trim(),
              status: v.status,
              roles: toGrants(v.roles),
              version: editing!.version,
            },
          })
        }
      >
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={50} data-testid="user-displayName" />
        </Form.Item>
        <Form.Item name="status" label={t('users.status')}>
          <Segmented<Status>
            options={[
              { value: 'active', label: statusLabel('active') },
              { value: 'disabled', label: statusLabel('disabled') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('users.roles')} required>
          <RoleEditor scope={scope} />
        </Form.Item>
      </FormModal>
    </>
  );
}
