/** to_char(number, format): 9 0 . D , G S MI PR FM and literal text, as PostgreSQL formats numbers. */
import type { Numeric } from '../../../common/datum.js';
import * as N from '../../../common/values/numeric.js';

type Tok = { readonly k: '9' | '0' | '.' | ',' | 'S' | 'MI' | 'PR' | 'lit'; readonly text: string };

function tokenize(fmt: string): { toks: Tok[]; fm: boolean } {
  const toks: Tok[] = [];
  let fm = false;
  for (let i = 0; i < fmt.length;) {
    const rest = fmt.slice(i).toUpperCase();
    if (rest.startsWith('FM')) { fm = true; i += 2; continue; }
    if (rest.startsWith('MI')) { toks.push({ k: 'MI', text: '' }); i += 2; continue; }
    if (rest.startsWith('PR')) { toks.push({ k: 'PR', text: '' }); i += 2; continue; }
    const c = fmt[i]!;
    const u = c.toUpperCase();
    if (c === '9' || c === '0') toks.push({ k: c, text: c });
    else if (c === '.' || u === 'D') toks.push({ k: '.', text: '.' });
    else if (c === ',' || u === 'G') toks.push({ k: ',', text: ',' });
    else if (u === 'S') toks.push({ k: 'S', text: '' });
    else if (u === 'L') toks.push({ k: 'lit', text: ' ' });
    else if (c === '"') {
      const j = fmt.indexOf('"', i + 1);
      toks.push({ k: 'lit', text: fmt.slice(i + 1, j < 0 ? fmt.length : j) });
      i = j < 0 ? fmt.length : j + 1;
      continue;
    } else toks.push({ k: 'lit', text: c });
    i++;
  }
  return { toks, fm };
}

/** Round half-even for exact binary ties (as printf does), else to nearest. */
function floatToNumeric(x: number, frac: number): Numeric {
  const s = x.toFixed(Math.min(frac, 100));
  const scaled = x * 10 ** frac;
  if (Math.abs(scaled % 1) === 0.5) {
    const down = Math.trunc(scaled);
    const even = down % 2 === 0 ? down : down + Math.sign(scaled);
    return { unscaled: BigInt(even), scale: frac };
  }
  return N.parseNumeric(s);
}

export function toCharNumber(value: Numeric | number | bigint, fmt: string): string {
  const { toks, fm } = tokenize(fmt);
  const pointAt = toks.findIndex((t) => t.k === '.');
  const intToks = pointAt < 0 ? toks : toks.slice(0, pointAt);
  const fracToks = pointAt < 0 ? [] : toks.slice(pointAt + 1);
  const intPos = intToks.filter((t) => t.k === '9' || t.k === '0').length;
  const fracPos = fracToks.filter((t) => t.k === '9' || t.k === '0').length;
  let n: Numeric;
  if (typeof value === 'number') n = floatToNumeric(value, fracPos);
  else if (typeof value === 'bigint') n = { unscaled: value, scale: 0 };
  else n = N.numericRound(value, fracPos);
  const neg = n.unscaled < 0n;
  const abs = neg ? -n.unscaled : n.unscaled;
  const txt = abs.toString().padStart(n.scale + 1, '0');
  let intDigits = txt.slice(0, txt.length - n.scale);
  const fracDigits = (txt.slice(txt.length - n.scale) + '0'.repeat(fracPos)).slice(0, fracPos);
  if (intDigits === '0') intDigits = pointAt < 0 ? '0' : '';
  const overflow = intDigits.length > intPos;
  const pad = fm ? '' : ' ';
  const explicitSign = toks.some((t) => t.k === 'S' || t.k === 'MI' || t.k === 'PR');
  const firstZero = intToks.filter((t) => t.k === '9' || t.k === '0').findIndex((t) => t.k === '0');
  let firstSig = intPos - intDigits.length;
  if (firstZero >= 0 && firstZero < firstSig) firstSig = firstZero;
  const digits = intDigits.padStart(intPos, '0');
  const signText = (where: 'S' | 'MI' | 'PR' | 'auto', leading: boolean): string => {
    switch (where) {
      case 'S': return neg ? '-' : '+';
      case 'MI': return neg ? '-' : leading || !fm ? (fm ? '' : ' ') : '';
      case 'PR': return neg ? (leading ? '<' : '>') : pad;
      case 'auto': return neg ? '-' : pad;
    }
  };
  let out = '';
  let p = 0;
  let started = false;
  const hasPR = toks.some((t) => t.k === 'PR');
  let pendingSign: string | null = hasPR ? (neg ? '<' : pad) : explicitSign ? null : signText('auto', true);
  const startDigits = () => {
    if (!started) { started = true; if (pendingSign !== null) { out += pendingSign; pendingSign = null; } }
  };
  for (let i = 0; i < intToks.length; i++) {
    const t = intToks[i]!;
    switch (t.k) {
      case '9': case '0':
        if (overflow) { startDigits(); out += '#'; }
        else if (p >= firstSig) { startDigits(); out += digits[p]; }
        else out += pad;
        p++;
        break;
      case ',': out += overflow ? ',' : started ? ',' : pad; break;
      case 'S': if (i === 0 || !toks.slice(0, i).some((x) => x.k === '9' || x.k === '0')) pendingSign = signText('S', true); else out += signText('S', false); break;
      case 'MI': if (p === 0) pendingSign = neg ? '-' : pad; else out += signText('MI', false); break;
      case 'PR': out += neg ? '>' : pad; break;
      case 'lit': out += t.text; break;
      case '.': break;
    }
  }
  if (pointAt >= 0) {
    startDigits();
    out += '.';
    let frac = '';
    let q = 0;
    let tail = '';
    for (const t of fracToks) {
      if (t.k === '9' || t.k === '0') frac += overflow ? '#' : fracDigits[q++];
      else if (t.k === 'lit') frac += t.text;
      else if (t.k === 'S') tail += signText('S', false);
      else if (t.k === 'MI') tail += neg ? '-' : pad;
      else if (t.k === 'PR') tail += neg ? '>' : pad;
    }
    if (fm) {
      let cut = frac.length;
      const kinds = fracToks.filter((t) => t.k === '9' || t.k === '0').map((t) => t.k);
      let d = kinds.length - 1;
      while (cut > 0 && d >= 0 && kinds[d] === '9' && frac[cut - 1] === '0') { cut--; d--; }
      frac = frac.slice(0, cut);
    }
    out += frac + tail;
  } else startDigits();
  if (pendingSign !== null) out = pendingSign + out;
  return out;
}
