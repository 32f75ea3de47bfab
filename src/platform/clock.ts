/**
 * The platform's idea of today. Statutory days are days in China: dates come from the configured time zone
 * (TONGBAN_TIMEZONE, default Asia/Shanghai), never from UTC. Tests may pin the date.
 */
export const TIME_ZONE = process.env.TONGBAN_TIMEZONE || 'Asia/Shanghai';
const zone = TIME_ZONE;
const format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });

let pinned: string | null = null;
/** The formatted day and the minute it was worked out in (formatting with a time zone is not free; a day is long). */
let memo = { minute: -1, day: '' };

export function today(): string {
  if (pinned) return pinned;
  const minute = Math.floor(Date.now() / 60_000);
  if (memo.minute !== minute) memo = { minute, day: format.format(new Date()) };
  return memo.day;
}

/** Pins today's date (tests and demos of the statutory clock); `null` returns to the real date. */
export function pinToday(date: string | null): void {
  pinned = date;
}

/** The pinned date, or null when today is the real date (a seed that pins a while puts back what it found). */
export function pinnedToday(): string | null {
  return pinned;
}
