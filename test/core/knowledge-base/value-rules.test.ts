import { describe, expect, it } from 'vitest';
import { hasVisibleText, isHttpUrl, isIsoDate } from '../../../src/core/knowledge-base/value-rules.js';

/** The rule as first written: what URL parsing accepts, http(s) with a host. The fast checks must agree. */
function parsedAsHttpUrl(text: string): boolean {
  if (/\s/.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** The rule as first written, with a Date. */
function isRealDate(year: number, month: number, day: number): boolean {
  return day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

describe('isHttpUrl', () => {
  const hosts = ['example.org', 'EXAMPLE.org', 'a', 'a-b.cn', 'a--b.cn', '-a.cn', 'a-.cn', 'xn--abc.com'];
  const oddHosts = [
    'xn--fiqs8s.cn',
    '1.2.3.4',
    '1.2.3',
    '999.1.1.1',
    'a.09',
    'a.0x1f',
    'a.0x1g',
    '例子.中国',
  ];
  const moreHosts = ['a..b', '.a', 'a.', 'ex_ample.com', 'user@host', 'host:80', 'host:99999', 'host:', ''];
  const tails = ['', '/', '/path?q=1#top', '?x', '#x', '/a b', '/%zz', '/[x]', '\\x', '/\u0001'];

  it('agrees with URL parsing on plain and unusual addresses', () => {
    for (const scheme of ['http://', 'https://', 'HTTP://', 'ftp://', 'http:/', 'http:', 'mailto:']) {
      for (const host of [...hosts, ...oddHosts, ...moreHosts]) {
        for (const tail of tails) {
          const text = `${scheme}${host}${tail}`;
          expect(isHttpUrl(text), text).toBe(parsedAsHttpUrl(text));
        }
      }
    }
  });

  it('accepts the addresses knowledge bases are made of and refuses what is not one', () => {
    expect(isHttpUrl('https://kjt.shandong.gov.cn/art/2022/8/18/art_103585_10317041.html')).toBe(true);
    expect(isHttpUrl('http://xn--abc.com/')).toBe(false);
    expect(isHttpUrl('ftp://nowhere')).toBe(false);
    expect(isHttpUrl('https://exa mple.org')).toBe(false);
  });
});

describe('isIsoDate', () => {
  it('accepts exactly the real calendar days, reading the years 0-99 as Date.UTC does', () => {
    for (const year of [0, 4, 99, 100, 400, 1900, 2000, 2023, 2024, 2100, 9999]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 0; day <= 32; day++) {
          const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          expect(isIsoDate(text), text).toBe(isRealDate(year, month, day));
        }
      }
    }
  });

  it('takes a month alone and refuses other shapes', () => {
    expect(isIsoDate('2024-02')).toBe(true);
    expect(isIsoDate('2024-13')).toBe(false);
    expect(isIsoDate('2024-2-1')).toBe(false);
  });
});

describe('hasVisibleText', () => {
  it('is false exactly when trim() leaves nothing', () => {
    const spaces = [
      ' ',
      '\t',
      '\n',
      '\r',
      '\v',
      '\f',
      '\u00a0',
      '\u1680',
      '\u2000',
      '\u2028',
      '\u202f',
      '\u3000',
      '\ufeff',
    ];
    const texts = ['', ...spaces, spaces.join(''), 'a', ' a', '\u3000激光', '激光', '\u0085', '\u200b', 'é'];
    for (const text of texts) expect(hasVisibleText(text), JSON.stringify(text)).toBe(text.trim() !== '');
  });
});
