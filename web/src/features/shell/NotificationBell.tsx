import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api.ts';
import { useCan } from '../../auth.tsx';
import { formatDateTime, useLang, useT } from '../../i18n.ts';
import type { Notification } from '../../api/types.ts';

const POLL_MS = 60_000;

/** The page a notification leads to, for this user: their case, the queue with the case open, the remedies. */
function targetOf(n: Notification, can: (permission: string) => boolean): string | null {
  const number = /\d{20}/.exec(`${n.body} ${n.title}`)?.[0];
  if ((n.kind.startsWith('remedy') || n.kind === 'appeal_decided') && can('ratings.remedy') && n.kind !== 'remedy_reply') return '/app/remedies';
  if (n.kind === 'remedy_overdue' && can('ratings.supervise')) return '/app/supervision';
  if (n.kind === 'calendar_year_due' && can('calendar.manage')) return '/app/calendar';
  if (!number) return null;
  if (can('cases.apply')) return `/app/cases/${number}`;
  if (can('cases.review')) return `/app/review?case=${number}`;
  if (can('cases.accept')) return `/app/window?case=${number}`;
  if (can('cases.supervise')) return '/app/supervision';
  return null;
}

/** The bell in the header: unread count, the latest notifications, mark read (one, or all). */
export function NotificationBell({ className }: { className?: string }) {
  const t = useT();
  const { lang } = useLang();
  const can = useCan();
  const navigate = useNavigate();
  const [items, setItems] = useState<Notification[]>([]);
  const [open, setOpen] = useState(false);

  const load = useCallback(() => {
    api.get('/api/notifications').then(
      (r) => setItems(r.items),
      () => undefined,
    );
  }, []);
  useEffect(() => {
    load();
    const timer = setInterval(load, POLL_MS);
    return () => clearInterval(timer);
  }, [load]);

  const unread = items.filter((n) => !n.readAt);
  const markRead = async (ids: number[]) => {
    const now = new Date().toISOString();
    setItems((old) => old.map((n) => (ids.includes(n.id) ? { ...n, readAt: n.readAt ?? now } : n)));
    await Promise.all(ids.map((id) => api.post('/api/notifications/{id}/read', { params: { path: { id } } }).catch(() => undefined)));
  };
  const openOne = (n: Notification) => {
    if (!n.readAt) void markRead([n.id]);
    const target = targetOf(n, can);
    if (target) {
      setOpen(false);
      navigate(target);
    }
  };

  const content = (
    <div className="notify-panel" data-testid="notify-panel">
      <div className="notify-head">
        <Typography.Text strong>{t('notify.title')}</Typography.Text>
        <Button type="link" size="small" disabled={unread.length === 0} onClick={() => markRead(unread.map((n) => n.id))} data-testid="notify-read-all">
          {t('notify.markAll')}
        </Button>
      </div>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notify.empty')} />
      ) : (
        <List<Notification>
          className="notify-list"
          dataSource={items.slice(0, 30)}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              className={n.readAt ? 'notify-item' : 'notify-item notify-unread'}
              onClick={() => openOne(n)}
              data-testid={`notify-${n.id}`}
              data-read={String(Boolean(n.readAt))}
            >
              <div>
                <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                <div className="small-text">{n.body}</div>
                <Typography.Text type="secondary" className="small-text">
                  {formatDateTime(n.createdAt, lang)}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );

  return (
    <Popover
      content={content}
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) load();
      }}
    >
      <Button type="text" className={className} aria-label={t('notify.open', { n: unread.length })} data-testid="notify-bell">
        <Badge count={unread.length} size="small" offset={[2, -2]} data-testid="notify-count" data-count={unread.length}>
          <BellOutlined className="notify-icon" />
        </Badge>
      </Button>
    </Popover>
  );
}
