import { Button, Form } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../i18n.ts';

interface FilterBarProps<F> {
  onSearch: (filters: F) => void;
  testId: string;
  children: ReactNode;
}

/** The filter form above a table: fields, 查询 and 重置. Empty fields are dropped. */
export function FilterBar<F extends object>({ onSearch, testId, children }: FilterBarProps<F>) {
  const t = useT();
  const [form] = Form.useForm<F>();
  const submit = (values: F) => {
    const clean = Object.fromEntries(
      Object.entries(values)
        .map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v])
        .filter(([, v]) => v !== undefined && v !== null && v !== ''),
    ) as F;
    onSearch(clean);
  };
  return (
    <Form<F> form={form} layout="inline" onFinish={submit} className="filter-bar" data-testid={testId}>
      {children}
      <Form.Item>
        <Button type="primary" htmlType="submit" data-testid={`${testId}-submit`}>
          {t('common.search')}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button
          onClick={() => {
            form.resetFields();
            onSearch({} as F);
          }}
          data-testid={`${testId}-reset`}
        >
          {t('common.reset')}
        </Button>
      </Form.Item>
    </Form>
  );
}
