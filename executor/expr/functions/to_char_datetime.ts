/** to_char(timestamp, format) and the field helpers it shares with to_date/to_timestamp. */
import { civilFromDays, daysFromCivil, splitTimestamp } from '../../../common/values/calendar.js';

export const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
export const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** ISO 8601 week-numbering year and week of a date (days since epoch). */
export function isoWeek(days: number): { isoYear: number; week: number } {
  const dow = (((days + 4) % 7) + 7) % 7; // 0 = Sunday
  const isoDow = dow === 0 ? 7 : dow;
  const thursday = days - isoDow + 4;
  const y = civilFromDays(thursday).year;
  const week = Math.floor((thursday - daysFromCivil(y, 1, 1)) / 7) + 1;
  return { isoYear: y, week };
}

interface Parts { y: number; mo: number; d: number; h: number; mi: number; s: number; us: number; dow: number; doy: number; days: number }

function parts(local: bigint): Parts {
  const { days, timeOfDay } = splitTimestamp(local);
  const c = civilFromDays(days);
  const t = Number(timeOfDay);
  return {
    y: c.year, mo: c.month, d: c.day,
    h: Math.floor(t / 3600e6), mi: Math.floor(t / 60e6) % 60, s: Math.floor(t / 1e6) % 60, us: t % 1e6,
    dow: (((days + 4) % 7) + 7) % 7, doy: days - daysFromCivil(c.year, 1, 1) + 1, days,
  };
}

const PATTERNS = [
  'HH24', 'HH12', 'HH', 'MI', 'SS', 'MS', 'US', 'SSSSS', 'SSSS', 'AM', 'am', 'PM', 'pm', 'A.M.', 'a.m.', 'P.M.', 'p.m.',
  'YYYY', 'IYYY', 'YYY', 'IYY', 'YY', 'IY', 'Y,YYY', 'Y', 'I', 'MONTH', 'Month', 'month', 'MON', 'Mon', 'mon', 'MM',
  'DAY', 'Day', 'day', 'DY', 'Dy', 'dy', 'DDD', 'IDDD', 'DD', 'D', 'ID', 'WW', 'IW', 'W', 'J', 'Q', 'CC', 'TZH', 'TZM', 'TZ', 'tz', 'OF',
  'FF1', 'FF2', 'FF3', 'FF4', 'FF5', 'FF6',
].sort((a, b) => b.length - a.length);

const z = (n: number, w: number, fm: boolean) => (fm ? String(n) : String(Math.abs(n)).padStart(w, '0'));

/** Format a local wall-clock timestamp; `tz` gives the zone abbreviation and offset seconds for TZ/OF. */
export function toCharTimestamp(local: bigint, fmt: string, tz: { abbrev: string; offset: number } | null): string {
  const p = parts(local);
  let out = '';
  for (let i = 0; i < fmt.length;) {
    let fm = false;
    if (fmt.startsWith('FM', i) || fmt.startsWith('fm', i)) { fm = true; i += 2; }
    if (fmt[i] === '"') {
      const j = fmt.indexOf('"', i + 1);
      out += fmt.slice(i + 1, j < 0 ? fmt.length : j);
      i = j < 0 ? fmt.length : j + 1;
      continue;
    }
    if (fmt[i] === '\\' && i + 1 < fmt.length) { out += fmt[i + 1]; i += 2; continue; }
    const pat = PATTERNS.find((x) => fmt.startsWith(x, i));
    const upper = fmt.slice(i).toUpperCase();
    const pat2 = pat ?? PATTERNS.find((x) => x.toUpperCase() === x && !['MONTH', 'MON', 'DAY', 'DY', 'AM', 'PM', 'A.M.', 'P.M.', 'TZ'].includes(x) && upper.startsWith(x));
    if (pat2 === undefined) { out += fmt[i]; i++; continue; }
    i += pat2.length;
    const h12 = p.h % 12 === 0 ? 12 : p.h % 12;
    const padName = (s: string) => (fm ? s : s.padEnd(9, ' '));
    const iso = () => isoWeek(p.days);
    switch (pat2) {
      case 'HH24': out += z(p.h, 2, fm); break;
      case 'HH12': case 'HH': out += z(h12, 2, fm); break;
      case 'MI': out += z(p.mi, 2, fm); break;
      case 'SS': out += z(p.s, 2, fm); break;
      case 'MS': out += z(Math.floor(p.us / 1000), 3, fm); break;
      case 'US': out += z(p.us, 6, fm); break;
      case 'FF1': case 'FF2': case 'FF3': case 'FF4': case 'FF5': case 'FF6': {
        const n = Number(pat2[2]);
        out += String(p.us).padStart(6, '0').slice(0, n);
        break;
      }
      case 'SSSS': case 'SSSSS': out += String(p.h * 3600 + p.mi * 60 + p.s); break;
      case 'AM': case 'PM': out += p.h < 12 ? 'AM' : 'PM'; break;
      case 'am': case 'pm': out += p.h < 12 ? 'am' : 'pm'; break;
      case 'A.M.': case 'P.M.': out += p.h < 12 ? 'A.M.' : 'P.M.'; break;
      case 'a.m.': case 'p.m.': out += p.h < 12 ? 'a.m.' : 'p.m.'; break;
      case 'YYYY': out += z(p.y, 4, fm); break;
      case 'Y,YYY': out += `${Math.floor(p.y / 1000)},${String(p.y % 1000).padStart(3, '0')}`; break;
      case 'YYY': out += z(p.y % 1000, 3, fm); break;
      case 'YY': out += z(p.y % 100, 2, fm); break;
      case 'Y': out += String(p.y % 10); break;
      case 'IYYY': out += z(iso().isoYear, 4, fm); break;
      case 'IYY': out += z(iso().isoYear % 1000, 3, fm); break;
      case 'IY': out += z(iso().isoYear % 100, 2, fm); break;
      case 'I': out += String(iso().isoYear % 10); break;
      case 'MONTH': out += padName(MONTHS[p.mo - 1]!.toUpperCase()); break;
      case 'Month': out += padName(MONTHS[p.mo - 1]!); break;
      case 'month': out += padName(MONTHS[p.mo - 1]!.toLowerCase()); break;
      case 'MON': out += MONTHS[p.mo - 1]!.slice(0, 3).toUpperCase(); break;
      case 'Mon': out += MONTHS[p.mo - 1]!.slice(0, 3); break;
      case 'mon': out += MONTHS[p.mo - 1]!.slice(0, 3).toLowerCase(); break;
      case 'MM': out += z(p.mo, 2, fm); break;
      case 'DAY': out += padName(DAYS[p.dow]!.toUpperCase()); break;
      case 'Day': out += padName(DAYS[p.dow]!); break;
      case 'day': out += padName(DAYS[p.dow]!.toLowerCase()); break;
      case 'DY': out += DAYS[p.dow]!.slice(0, 3).toUpperCase(); break;
      case 'Dy': out += DAYS[p.dow]!.slice(0, 3); break;
      case 'dy': out += DAYS[p.dow]!.slice(0, 3).toLowerCase(); break;
      case 'DDD': out += z(p.doy, 3, fm); break;
      case 'IDDD': { const w = iso(); out += z(p.days - (daysFromCivil(w.isoYear, 1, 4) - ((((daysFromCivil(w.isoYear, 1, 4) + 3) % 7) + 7) % 7)) + 1, 3, fm); break; }
      case 'DD': out += z(p.d, 2, fm); break;
      case 'D': out += String(p.dow + 1); break;
      case 'ID': out += String(p.dow === 0 ? 7 : p.dow); break;
      case 'WW': out += z(Math.floor((p.doy - 1) / 7) + 1, 2, fm); break;
      case 'IW': out += z(iso().week, 2, fm); break;
      case 'W': out += String(Math.floor((p.d - 1) / 7) + 1); break;
      case 'J': out += String(p.days + 2440588); break;
      case 'Q': out += String(Math.floor((p.mo - 1) / 3) + 1); break;
      case 'CC': out += z(p.y > 0 ? Math.floor((p.y - 1) / 100) + 1 : -(Math.floor((-p.y) / 100) + 1), 2, fm); break;
      case 'TZ': out += tz?.abbrev.toUpperCase() ?? ''; break;
      case 'tz': out += tz?.abbrev.toLowerCase() ?? ''; break;
      case 'TZH': { const o = tz?.offset ?? 0; out += (o < 0 ? '-' : '+') + String(Math.floor(Math.abs(o) / 3600)).padStart(2, '0'); break; }
      case 'TZM': { const o = Math.abs(tz?.offset ?? 0); out += String(Math.floor(o / 60) % 60).padStart(2, '0'); break; }
      case 'OF': {
        const o = tz?.offset ?? 0, a = Math.abs(o);
        out += (o < 0 ? '-' : '+') + String(Math.floor(a / 3600)).padStart(2, '0') + (a % 3600 !== 0 ? ':' + String(Math.floor(a / 60) % 60).padStart(2, '0') : '');
        break;
      }
      default: out += pat2;
    }
  }
  return out;
}
