import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Row, Select } from 'antd';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import type { RoleGrant } from '../../api/types.ts';
import { ROLE_CODES, roleLabel, useLang, useT } from '../../i18n.ts';

/** Roles of the public: only a national admin grants them (the server decides; the form just does not offer them). */
const PUBLIC_ROLES = ['applicant_person', 'applicant_org', 'agent'];

/**
 * Where the signed-in admin may grant roles: undefined for a national admin, else its admin grant's region and
 * department (the server refuses anything outside with ROLE_OUT_OF_SCOPE).
 */
export function grantScope(roles: readonly RoleGrant[]): Omit<RoleGrant, 'role'> | undefined {
  const admin = roles.filter((r) => r.role === 'admin');
  if (admin.length === 0 || admin.some((r) => !r.regionCode && r.departmentId == null)) return undefined;
  return { regionCode: admin[0].regionCode, departmentId: admin[0].departmentId };
}

/** Form.List "roles": each grant is a role, optionally scoped to a region and a department. */
export function RoleEditor({ scope }: { scope?: Omit<RoleGrant, 'role'> }) {
  const t = useT();
  const { lang } = useLang();
  const roleOptions = ROLE_CODES.filter((code) => !scope || !PUBLIC_ROLES.includes(code)).map((code) => ({ value: code, label: roleLabel(code, lang) }));

  return (
    <Form.List
      name="roles"
      rules={[
        {
          validator: async (_, roles?: unknown[]) => {
            if (!roles || roles.length === 0) throw new Error(t('users.rolesRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field, index) => (
            <Row gutter={8} key={field.key} align="top" className="role-row" data-testid={`role-row-${index}`}>
              <Col xs={24} sm={7}>
                <Form.Item name={[field.name, 'role']} rules={[{ required: true, message: t('users.role') }]}>
                  <Select options={roleOptions} placeholder={t('users.role')} aria-label={t('users.role')} data-testid={`role-select-${index}`} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name={[field.name, 'regionCode']}>
                  <RegionCascader placeholder={t('users.anyRegion')} aria-label={t('users.anyRegion')} testId={`role-region-${index}`} />
                </Form.Item>
              </Col>
              <Col xs={20} sm={8}>
                <Form.Item noStyle dependencies={[['roles', field.name, 'regionCode']]}>
                  {({ getFieldValue }) => (
                    <Form.Item name={[field.name, 'departmentId']}>
                      <DepartmentSelect
                        regionCode={getFieldValue(['roles', field.name, 'regionCode']) ?? scope?.regionCode}
                        placeholder={t('users.anyDepartment')}
                        aria-label={t('users.anyDepartment')}
                        testId={`role-department-${index}`}
                      />
                    </Form.Item>
                  )}
                </Form.Item>
              </Col>
              <Col xs={4} sm={1}>
                <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('users.removeRole')} onClick={() => remove(field.name)} />
              </Col>
            </Row>
          ))}
          <Form.Item>
            <Button type="dashed" onClick={() => add(scope ? { ...scope } : {})} icon={<PlusOutlined />} data-testid="role-add">
              {t('users.addRole')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Form.Item>
        </>
      )}
    </Form.List>
  );
}
