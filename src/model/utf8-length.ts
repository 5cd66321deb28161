/**
 * The UTF-8 length of a string without encoding it: 1 byte below U+0080, 2 below U+0800, 4 per surrogate
 * pair, 3 otherwise (a lone surrogate counts as U+FFFD, as TextEncoder writes it). @internal
 * @param s - the string
 * @returns its length in UTF-8 bytes
 */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    if (u < 0x80) n += 1;
    else if (u < 0x800) n += 2;
    else if (u >= 0xd800 && u <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
