import { FrownOutlined, MehOutlined, SmileOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Input, Result, Typography } from 'antd';
import { useState } from 'react';
import type { ReactNode } from 'react';
import { ApiError, api } from '../../api.ts';
import { useRemote } from '../../components/useRemote.ts';
import { useShowError } from '../../components/useShowError.ts';
import { useLang, useT } from '../../i18n.ts';
import type { CodeLabel, RatingOptions } from '../../api/types.ts';

let optionsCache: Promise<RatingOptions> | undefined;

/** Levels, channels and indicators of 好差评 (public, loaded once). */
export function useRatingOptions(): RatingOptions | undefined {
  return useRemote(() => {
    optionsCache ??= api.get('/api/ratings/options');
    optionsCache.catch(() => (optionsCache = undefined));
    return optionsCache;
  }, []).data;
}

export const LEVEL_ICON: Record<string, ReactNode> = {
  '1': <SmileOutlined />,
  '2': <SmileOutlined />,
  '3': <MehOutlined />,
  '4': <FrownOutlined />,
  '5': <FrownOutlined />,
};

export function levelLabel(options: RatingOptions | undefined, code: string, lang: 'zh' | 'en'): string {
  return options?.levels.find((l) => l.code === code)?.[lang] ?? code;
}

/**
 * 一事一评 after the case closes (online: PC or mobile), or 一次一评 at the counter (the hall's tablet, channel 4):
 * the five levels from 非常满意 to 非常不满意, the channel's indicators, a comment and, online, anonymity.
 */
export function RatingForm({
  number,
  channel,
  big = false,
  followUp = false,
  onDone,
}: {
  number: string;
  channel: '1' | '2' | '4';
  big?: boolean;
  followUp?: boolean;
  onDone?: () => void;
}) {
  const t = useT();
  const { lang } = useLang();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const options = useRatingOptions();
  const [level, setLevel] = useState<string>();
  const [indicators, setIndicators] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [state, setState] = useState<'form' | 'sending' | 'done' | 'already'>('form');
  const onsite = channel === '4';
  const list: CodeLabel[] = options ? (onsite ? options.indicators.onsite : options.indicators.online) : [];

  if (state === 'done' || state === 'already') {
    return (
      <Result
        status={state === 'done' ? 'success' : 'info'}
        title={state === 'done' ? (onsite ? t('rating.counterDone') : t('rating.thanks')) : t('rating.already')}
        data-testid={state === 'done' ? 'rate-done' : 'rate-already'}
      />
    );
  }

  const isVeryBad = level === '5';
  const send = async () => {
    if (!level) {
      message.warning(t('rating.levelRequired'));
      return;
    }
    // 非常不满意 says what went wrong (the server refuses it without), and is confirmed before it is sent.
    if (isVeryBad && indicators.length === 0) {
      message.warning(t('rating.veryBadIndicator'));
      return;
    }
    if (isVeryBad) {
      const confirmed = await modal.confirm({
        title: t('rating.veryBadConfirmTitle'),
        content: t('rating.veryBadConfirm'),
        okText: t('rating.veryBadOk'),
        cancelText: t('common.cancel'),
        okButtonProps: { 'data-testid': 'confirm-ok' } as never,
      });
      if (!confirmed) return;
    }
    setState('sending');
    try {
      await api.post('/api/cases/{number}/ratings', {
        params: { path: { number } },
        body: { level, channel, indicators, comment: comment.trim() || undefined, anonymous: onsite ? undefined : anonymous, followUp: followUp || undefined },
      });
      setState('done');
      onDone?.();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'RATING_ALREADY_GIVEN') {
        setState('already');
        return;
      }
      showError(err);
      setState('form');
    }
  };

  return (
    <div className={big ? 'rating-form rating-form-big' : 'rating-form'} data-testid={followUp ? 'rating-follow-up-form' : 'rating-form'}>
      <Typography.Text strong>{t('rating.level')}</Typography.Text>
      <div className="rating-levels" role="radiogroup" aria-label={t('rating.level')}>
        {(options?.levels ?? []).map((l) => (
          <Button
            key={l.code}
            size={big ? 'large' : 'middle'}
            type={level === l.code ? 'primary' : 'default'}
            danger={level === l.code && (l.code === '4' || l.code === '5')}
            icon={LEVEL_ICON[l.code]}
            role="radio"
            aria-checked={level === l.code}
            onClick={() => setLevel(l.code)}
            className="rating-level"
            data-testid={`rate-level-${l.code}`}
          >
            {l[lang]}
          </Button>
        ))}
      </div>
      {(level === '4' || level === '5') && <Alert type="warning" showIcon className="block-gap" title={t('rating.badHint')} />}
      <Typography.Text strong id={`rate-indicators-${number}`}>
        {isVeryBad ? t('rating.veryBadIndicators') : t('rating.indicators')}
      </Typography.Text>
      {isVeryBad && indicators.length === 0 && (
        <Typography.Text type="danger" className="rating-required" data-testid="rate-indicator-required">
          {t('rating.veryBadIndicator')}
        </Typography.Text>
      )}
      <div className="rating-indicators">
        {list.map((i) => {
          const on = indicators.includes(i.code);
          return (
            <Button
              key={i.code}
              size={big ? 'large' : 'middle'}
              type={on ? 'primary' : 'default'}
              aria-pressed={on}
              onClick={() => setIndicators(on ? indicators.filter((x) => x !== i.code) : [...indicators, i.code])}
              data-testid={`rate-indicator-${i.code}`}
            >
              {i[lang]}
            </Button>
          );
        })}
      </div>
      <Input.TextArea
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        maxLength={500}
        showCount
        autoSize={{ minRows: 2, maxRows: 6 }}
        placeholder={t('rating.comment')}
        aria-label={t('rating.comment')}
        className="block-gap"
        data-testid="rate-comment"
      />
      {/* Anonymity is part of what is said, not a second way to send it: its own row, with what it costs. */}
      {!onsite && (
        <div className="rating-anonymous">
          <Checkbox checked={anonymous} onChange={(e) => setAnonymous(e.target.checked)} data-testid="rate-anonymous">
            {t('rating.anonymous')}
          </Checkbox>
          <Typography.Text type="secondary">{t('rating.anonymousHint')}</Typography.Text>
        </div>
      )}
      <div className="rating-submit">
        <Button type="primary" size={big ? 'large' : 'middle'} loading={state === 'sending'} onClick={send} data-testid="rate-submit">
          {t('rating.submit')}
        </Button>
      </div>
    </div>
  );
}
