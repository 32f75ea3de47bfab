import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Row, Select } from 'antd';
import { DepartmentSelect } from '../../components/DepartmentSelect.tsx';
import { RegionCascader } from '../../components/RegionCascader.tsx';
import { ROLE_CODES, roleLabel, useLang, useT } from '../../i18n.ts';

/** Form.List "roles": each grant is a role, optionally scoped to a region and a department. */
export function RoleEditor() {
  const t = useT();
  const { lang } = useLang();
  const roleOptions = ROLE_CODES.map((code) => ({ value: code, label: roleLabel(code, lang) }));

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
                  <Select options={roleOptions} placeholder={t('users.role')} data-testid={`role-select-${index}`} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name={[field.name, 'regionCode']}>
                  <RegionCascader placeholder={t('users.anyRegion')} testId={`role-region-${index}`} />
                </Form.Item>
              </Col>
              <Col xs={20} sm={8}>
                <Form.Item noStyle dependencies={[['roles', field.name, 'regionCode']]}>
                  {({ getFieldValue }) => (
                    <Form.Item name={[field.name, 'departmentId']}>
                      <DepartmentSelect
                        regionCode={getFieldValue(['roles', field.name, 'regionCode'])}
                        placeholder={t('users.anyDepartment')}
                        testId={`role-department-${index}`}
                      />
                    </Form.Item>
                  )}
                </Form.Item>
              </Col>
              <Col xs={4} sm={1}>
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  aria-label={t('users.removeRole')}
                  onClick={() => remove(field.name)}
                />
              </Col>
            </Row>
          ))}
          <Form.Item>
            <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />} data-testid="role-add">
              {t('users.addRole')}
            </Button>
            <Form.ErrorList errors={errors} />
          </Form.Item>
        </>
      )}
    </Form.List>
  );
}
