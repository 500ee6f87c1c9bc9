import { describe, expect, it } from '@jest/globals';
import { CorrelationEngine } from '../correlation/engine.js';
import { entityNotes } from './entity-notes.js';
import { capLinkingKeys } from './key-cap.js';
import { indexWarningLists, parseWarningLists, warningFor, warningForKey, warningListsOf } from './warning-lists.js';

describe('warning lists: matching', () => {
  const lists = warningListsOf('net-sword-2021');

  it('given the campaign file, when loaded, then it is versioned and caps linking keys at 20', () => {
    expect(lists.version).toMatch(/^2021-/);
    expect(lists.maxLinkingKeysPerRecord).toBe(20);
  });

  it.each([
    ['phone', '95188', '已知平台客服号码'],
    ['phone', '9 5 1 8 8', '已知平台客服号码'],
    ['phone', '+86 95338', '已知快递公司客服热线'],
    ['phone', '(0571) 8815-8198', '已知平台客服号码'],
    ['domain', 'https://WWW.JD.COM/', '平台自身域名'],
    ['uscc', '91330100799655058b', '平台经营者自身统一社会信用代码'],
    ['app_id', 'com.taobao.taobao', '平台自身APP'],
  ])('given %s %s, when looked up, then it warns 「%s」', (kind, value, warning) => {
    expect(warningFor(lists, kind, value)?.warning).toBe(warning);
  });

  it.each([
    ['phone', '13800138000'],
    ['domain', 'fake-shoes.cn'],
    ['uscc', '91110000600037341L'],
    ['phone', 'not a number'],
    ['shop_url', 'https://shop123456.taobao.com/'],
  ])('given a seller’s %s %s, when looked up, then there is no warning', (kind, value) => {
    expect(warningFor(lists, kind, value)).toBeUndefined();
  });

  it('given a correlation key, when looked up by key, then the same hit answers', () => {
    expect(warningForKey(lists, 'domain:jd.com')).toMatchObject({ listId: 'platform_domains', why: '京东平台域名' });
  });

  it('given a malformed file, when parsed, then every problem is named by its path', () => {
    const bad = { campaign: 'x', version: '1', maxLinkingKeysPerRecord: 0, lists: [{ id: 'A B', warning: '', entries: [{ kind: 'phone', value: 'abc', why: 'x' }, { kind: 'color', value: 'red', why: 'x' }] }] };
    expect(() => parseWarningLists(bad, 'test.json')).toThrow(
      /maxLinkingKeysPerRecord.*lists\[0\]\.id.*lists\[0\]\.warning.*entries\[0\]\.value.*entries\[1\]\.kind/,
    );
    const repeated = { campaign: 'x', version: '1', maxLinkingKeysPerRecord: 5, lists: [{ id: 'a', warning: 'w', entries: [{ kind: 'domain', value: 'jd.com', why: 'x' }, { kind: 'domain', value: 'WWW.jd.com', why: 'y' }] }] };
    expect(() => parseWarningLists(repeated, 'test.json')).toThrow(/entries\[1\]\.value: domain:jd\.com is already listed/);
  });

  it('given a custom list, when indexed, then only its values warn', () => {
    const index = indexWarningLists(parseWarningLists({ campaign: 'x', version: 'v9', maxLinkingKeysPerRecord: 3, lists: [{ id: 'mine', warning: '测试', entries: [{ kind: 'phone', value: '13800138000', why: 't' }] }] }, 't'));
    expect(warningFor(index, 'phone', '+86 138 0013 8000')).toEqual({ key: 'phone:13800138000', listId: 'mine', warning: '测试', why: 't', version: 'v9' });
    expect(warningFor(index, 'domain', 'jd.com')).toBeUndefined();
  });
});

describe('warning lists: never linking', () => {
  it('given two units whose leads share only a platform’s service line and domain, when correlated, then nothing links', () => {
    const engine = new CorrelationEngine();
    const entities = [{ kind: 'phone', value: '0571-88158198' }, { kind: 'domain', value: 'tmall.com' }];
    engine.ingest({ type: 'lead.reported', source: 'samr/653100', subject: 'lead/A', data: { entities } });
    const outcome = engine.ingest({ type: 'lead.reported', source: 'police/650100', subject: 'lead/B', data: { entities } });
    expect(outcome.findings).toEqual([]);
    expect(outcome.excluded).toEqual(['phone:0571-88158198', 'domain:tmall.com']);
  });
});

describe('key cap and entity notes', () => {
  it('given keys with warned ones, when split, then warned keys do not count and the rest beyond the cap are kept apart', () => {
    expect(capLinkingKeys(['a', 'w', 'b', 'c'], (k) => k === 'w', 2)).toEqual({ linking: ['a', 'b'], warned: ['w'], beyondCap: ['c'] });
  });

  it("given a value only another campaign lists, when noted, then no warning is shown but it does not link, as correlation excludes it", () => {
    const own = warningListsOf('net-sword-2021');
    const notes = entityNotes([{ kind: 'domain', value: 'xiaohongshu.com' }, { kind: 'domain', value: 'fake-shoes.cn' }], own, 20, (key) => key === 'domain:xiaohongshu.com' || own.byKey.has(key));
    expect(notes.map((n) => [n.links, n.reason, n.warning])).toEqual([
      [false, 'warning_list', undefined],
      [true, undefined, undefined],
    ]);
  });

  it('given a lead’s entities, when noted, then each says its warning or why it does not link', () => {
    const notes = entityNotes(
      [
        { kind: 'phone', value: '95188' },
        { kind: 'phone', value: '13800138000' },
        { kind: 'phone', value: '+86 138 0013 8000' },
        { kind: 'domain', value: '???' },
        { kind: 'phone', value: '13900000001' },
      ],
      warningListsOf('net-sword-2021'),
      1,
    );
    expect(notes.map((n) => [n.links, n.reason, n.warning?.warning])).toEqual([
      [false, 'warning_list', '已知平台客服号码'],
      [true, undefined, undefined],
      [false, 'repeated', undefined],
      [false, 'not_a_key', undefined],
      [false, 'beyond_key_cap', undefined],
    ]);
  });
});
