const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const CLOCK = '\\d{2}:\\d{2}:\\d{2}';

/** IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) and the obsolete RFC 850 form, both in GMT. */
const GMT_DATE = new RegExp(
  `^(?:${DAY}, \\d{2} ${MONTH} \\d{4} ${CLOCK} GMT|${DAY}[a-z]{0,6}, \\d{2}-${MONTH}-\\d{2} ${CLOCK} GMT)`,
);
/** asctime (`Sun Nov  6 08:49:37 1994`): GMT too, though it does not say so. */
const ASCTIME = new RegExp(`^${DAY} ${MONTH} [ \\d]\\d ${CLOCK} \\d{4}`);
/** RFC 3339 date-time, as Anthropic sends its resets. */
const RFC_3339 = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/**
 * The time of an HTTP-date (RFC 9110 §5.6.7: IMF-fixdate, RFC 850 or asctime), or NaN. Strict
 * where `Date.parse` guesses: it reads `5, 7` (two joined `retry-after: 5` values) as a date in
 * 2001 and asctime in the local time zone. A date that starts a comma-joined list still counts.
 */
export function parseHttpDate(value: string): number {
  const text = value.trim();
  const gmt = GMT_DATE.exec(text);
  if (gmt !== null) return Date.parse(gmt[0]);
  const asctime = ASCTIME.exec(text);
  return asctime === null ? Number.NaN : Date.parse(`${asctime[0]} GMT`);
}

/** The time of an RFC 3339 date-time, or NaN (`Date.parse` would also take `1` as the year 2001). */
export function parseRfc3339(value: string): number {
  const text = value.trim();
  return RFC_3339.test(text) ? Date.parse(text) : Number.NaN;
}
