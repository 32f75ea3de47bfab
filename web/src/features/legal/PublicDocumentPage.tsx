import { Alert, Button, Card, Descriptions, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api.ts';
import { useAction } from '../../components/useAction.ts';
import { useRemote } from '../../components/useRemote.ts';
import { errorText, useLang, useT, type MessageKey } from '../../i18n.ts';
import { PublicLayout } from '../catalog/index.tsx';
import { STATUS_COLOR } from './LibraryPage.tsx';

/**
 * One document for anyone: its number, status, validity and full text article by article with the comments shown
 * (approved, with their answers), the adoption summary and the interpretation. While it is open to comment, each
 * article takes a comment without signing in; the officer moderates it before it shows.
 */
export default function PublicDocumentPage() {
  const t = useT();
  const { lang } = useLang();
  const id = Number(useParams().id);
  const doc = useRemote(() => api.get('/api/public/legal/documents/{id}', { params: { path: { id } } }), [id]);
  const [commenting, setCommenting] = useState<number>();
  const action = useAction({ done: t('laws.sent') });
  const [form] = Form.useForm<{ body: string; authorName?: string }>();
  const d = doc.data;
  const open = d?.status === 'commenting';

  const send = (articleNo: number, values: { body: string; authorName?: string }) =>
    action.run(
      () =>
        api.post('/api/public/legal/documents/{id}/comments', {
          params: { path: { id } },
          body: { articleNo, body: values.body, authorName: values.authorName || null },
        }),
      () => {
        form.resetFields();
        setCommenting(undefined);
      },
    );

  return (
    <PublicLayout>
      <Card data-testid="law-page" loading={doc.loading}>
        <Link to="/laws">{t('laws.back')}</Link>
        {doc.error !== undefined && <Alert type="error" title={errorText(doc.error, lang)} />}
        {d && (
          <>
            <Typography.Title level={2}>{d.title}</Typography.Title>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('legal.statusLabel')}>
                <Tag color={STATUS_COLOR[d.status] ?? 'blue'} data-testid="law-status">
                  {t(`legal.status.${d.status}` as MessageKey)}
                </Tag>
              </Descriptions.Item>
              {d.docNumber && <Descriptions.Item label={t('legal.number')}>{d.docNumber}</Descriptions.Item>}
              <Descriptions.Item label={t('legal.department')}>{d.departmentName}</Descriptions.Item>
              {d.publishedOn && <Descriptions.Item label={t('laws.publishedOn', { on: '' })}>{d.publishedOn}</Descriptions.Item>}
              {d.validUntil && <Descriptions.Item label={t('legal.validityYears')}>{t('legal.validUntil', { until: d.validUntil })}</Descriptions.Item>}
              {d.endedOn && <Descriptions.Item label={t('laws.endedOn', { on: '' })}>{d.endedOn}</Descriptions.Item>}
              {open && (
                <Descriptions.Item label={t('laws.consultations')}>
                  {t('legal.commentPeriod', { from: d.commentOpensOn ?? '', to: d.commentClosesOn ?? '' })}
                </Descriptions.Item>
              )}
            </Descriptions>
            {action.error && <Alert className="block-gap" type="error" showIcon title={action.error} data-testid="law-error" />}
            <List
              className="block-gap"
              dataSource={d.articles}
              renderItem={(a) => {
                const comments = d.comments.filter((c) => c.articleNo === a.no);
                return (
                  <List.Item data-testid={`article-${a.no}`}>
                    <Space orientation="vertical" style={{ width: '100%' }}>
                      <Typography.Paragraph>
                        <Typography.Text strong>{t('legal.article', { no: String(a.no) })}</Typography.Text> {a.text}
                      </Typography.Paragraph>
                      {comments.map((c) => (
                        <Alert
                          key={c.id}
                          type="info"
                          title={`${c.authorName ?? ''} ${c.body}`}
                          description={c.answer ? t('laws.answer', { answer: c.answer }) : undefined}
                          data-testid={`comment-${c.id}`}
                        />
                      ))}
                      {open && commenting !== a.no && (
                        <Button size="small" onClick={() => setCommenting(a.no)} data-testid={`comment-on-${a.no}`}>
                          {t('laws.commentHere')}
                        </Button>
                      )}
                      {open && commenting === a.no && (
                        <Form form={form} layout="vertical" onFinish={(v) => send(a.no, v)}>
                          <Form.Item name="body" label={t('laws.yourComment')} rules={[{ required: true, max: 2000 }]}>
                            <Input.TextArea rows={3} maxLength={2000} data-testid="comment-body" />
                          </Form.Item>
                          <Form.Item name="authorName" label={t('laws.yourName')}>
                            <Input maxLength={40} data-testid="comment-name" />
                          </Form.Item>
                          <Button type="primary" htmlType="submit" loading={action.busy} data-testid="comment-submit">
                            {t('legal.submit')}
                          </Button>
                        </Form>
                      )}
                    </Space>
                  </List.Item>
                );
              }}
            />
            {d.adoptionSummary && (
              <Card size="small" className="block-gap" title={t('legal.adoptionSummary')}>
                {d.adoptionSummary}
              </Card>
            )}
            {d.interpretation && (
              <Card size="small" className="block-gap" title={t('legal.interpretation')}>
                {d.interpretation}
              </Card>
            )}
          </>
        )}
      </Card>
    </PublicLayout>
  );
}
