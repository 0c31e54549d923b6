/**
 * ISO-8601 timestamps as archives write them, to epoch milliseconds: any UTC offset (`Z`,
 * `+05:30`, `-0500`), and a fraction of any length (DiscordChatExporter writes up to 7 digits;
 * digits past milliseconds are truncated). A date without a zone is taken as UTC.
 * Hand-written because it runs once or twice per message and must not accept what `Date.parse`
 * guesses at.
 *
 * @example
 * parseIsoTimestamp('2021-07-06T14:43:39.58+02:00') // 1625575419580
 * parseIsoTimestamp('yesterday') // null
 */
export function parseIsoTimestamp(text: string): number | null {
  const n = text.length;
  if (n < 19 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const sep = text.charCodeAt(10);
  if ((sep !== 84 && sep !== 116 && sep !== 32) || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return null;
  }
  let i = 19;
  let ms = 0;
  if (i < n && (text.charCodeAt(i) === 46 || text.charCodeAt(i) === 44)) {
    i++;
    const start = i;
    while (i < n && isDigit(text.charCodeAt(i))) {
      if (i - start < 3) ms = ms * 10 + (text.charCodeAt(i) - 48);
      i++;
    }
    if (i === start) return null;
    for (let k = Math.min(i - start, 3); k < 3; k++) ms *= 10;
  }
  let offsetMinutes = 0;
  if (i < n) {
    const c = text.charCodeAt(i);
    if ((c === 90 || c === 122) && i + 1 === n) {
      i++;
    } else if (c === 43 || c === 45) {
      const oh = digits(text, i + 1, 2);
      const hasColon = text.charCodeAt(i + 3) === 58;
      const om = digits(text, i + (hasColon ? 4 : 3), 2);
      if (oh < 0 || om < 0 || oh > 23 || om > 59 || i + (hasColon ? 6 : 5) !== n) return null;
      offsetMinutes = (c === 45 ? -1 : 1) * (oh * 60 + om);
      i = n;
    } else {
      return null;
    }
  }
  // Date.UTC would roll 31 February over into March: reject dates that do not exist.
  if (day > daysInMonth(year, month)) return null;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The decimal number in `text[start, start+count)`, or -1 if any character is not a digit. */
function digits(text: string, start: number, count: number): number {
  if (start + count > text.length) return -1;
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) return -1;
    value = value * 10 + (c - 48);
  }
  return value;
}
