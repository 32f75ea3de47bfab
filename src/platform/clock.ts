/**
 * The platform's idea of today. Statutory days are days in China: dates come from the configured time zone
 * (TONGBAN_TIMEZONE, default Asia/Shanghai), never from UTC. Tests may pin the date.
 */
const zone = process.env.TONGBAN_TIMEZONE || 'Asia/Shanghai';
const format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });

let pinned: string | null = null;

export function today(): string {
  return pinned ?? format.format(new Date());
}

/** Pins today's date (tests and demos of the statutory clock); `null` returns to the real date. */
export function pinToday(date: string | null): void {
  pinned = date;
}
