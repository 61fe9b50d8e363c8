import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReloader, type Reloader } from '../../../src/app/reload/reloader.js';
import type { SwappableKnowledgeStore } from '../../../src/core/knowledge-base/store.js';
import {
  FUNDING_QUESTION,
  invalidKb,
  kbFolder,
  kbText,
  nextKb,
  shippedKb,
  silentLog,
  storeFor,
} from './support.js';

let folder: Awaited<ReturnType<typeof kbFolder>>;
let store: SwappableKnowledgeStore;
let reloader: Reloader;
let results: string[];

beforeEach(async () => {
  folder = await kbFolder();
  store = storeFor(await shippedKb());
  results = [];
  reloader = createReloader({
    store,
    kbPath: folder.kbPath,
    defaultLanguage: 'en',
    log: silentLog,
    observer: { reloadFinished: (result) => results.push(result) },
  });
});

afterEach(() => folder.dispose());

const fundingAnswer = () => store.current().answer(FUNDING_QUESTION, {}).entry?.answer.en;

describe('reloading KB_PATH', () => {
  it('puts a valid file in service at once and reports version, counts per language and changed ids', async () => {
    const before = store.current().version;
    await writeFile(folder.kbPath, kbText(await nextKb('2030-01-01.1')));

    const outcome = await reloader.reload({ kind: 'file' });

    expect(outcome).toMatchObject({
      status: 'reloaded',
      version: '2030-01-01.1',
      previousVersion: before,
      entries: 27,
      perLanguage: { en: 27, zh: 27, de: 27, fr: 27 },
      diff: { added: ['incubators'], removed: ['batches'] },
      backupPath: null,
    });
    if (outcome.status !== 'reloaded') throw new Error('not reloaded');
    expect(outcome.diff.changed).toContain('funding');
    expect(fundingAnswer()).toMatch(/^NEW ANSWER \(en\)/);
    expect(store.current().byId('batches')).toBeUndefined();
    expect(results).toEqual(['ok']);
  });

  it('finds an entry by the search words an edit gave it, and no longer by those it took away', async () => {
    const kb = await shippedKb();
    const funding = kb.entries.find((entry) => entry.id === 'funding')!;
    funding.search.en.keywords.push('moneybags');
    await writeFile(folder.kbPath, kbText({ ...kb, version: '2030-01-01.2' }));
    expect(store.current().answer('moneybags', {}).entry?.id).not.toBe('funding');

    const outcome = await reloader.reload({ kind: 'file' });

    expect(outcome).toMatchObject({
      status: 'reloaded',
      diff: { added: [], removed: [], changed: ['funding'] },
    });
    expect(store.current().answer('moneybags', {}).entry?.id).toBe('funding');
    funding.search.en.keywords.pop();
    await writeFile(folder.kbPath, kbText({ ...kb, version: '2030-01-01.3' }));
    await reloader.reload({ kind: 'file' });
    expect(store.current().answer('moneybags', {}).entry?.id).not.toBe('funding');
    expect(fundingAnswer()).toBe(funding.answer.en);
  });

  it('refuses an invalid file with its errors (entry id and field) and keeps serving the old version', async () => {
    const serving = store.current();
    await writeFile(folder.kbPath, kbText(await invalidKb()));

    const outcome = await reloader.reload({ kind: 'file' });

    expect(outcome).toMatchObject({ status: 'invalid', totalErrors: 2, version: serving.version });
    if (outcome.status !== 'invalid') throw new Error('not refused');
    expect(outcome.errors).toHaveLength(2);
    expect(outcome.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ entryId: 'seven-elements', field: 'sources[0].url' }),
        expect.objectContaining({ entryId: 'funding', field: 'answer.fr', message: 'is missing' }),
      ]),
    );
    expect(store.current()).toBe(serving);
    expect(results).toEqual(['invalid']);
  });

  it('reports only the first 20 errors and counts the rest', async () => {
    const kb = await shippedKb();
    for (const entry of kb.entries) delete (entry.title as Partial<Record<string, string>>).de;
    await writeFile(folder.kbPath, kbText(kb));

    const outcome = await reloader.reload({ kind: 'file' });

    expect(outcome).toMatchObject({ status: 'invalid', totalErrors: 27 });
    if (outcome.status === 'invalid') expect(outcome.errors).toHaveLength(20);
  });

  it('refuses a file that is not JSON, naming the line', async () => {
    await writeFile(folder.kbPath, '{ "version": "x", ');
    const outcome = await reloader.reload({ kind: 'file' });
    expect(outcome.status).toBe('invalid');
    if (outcome.status === 'invalid')
      expect(outcome.errors[0]).toMatchObject({ entryId: null, field: 'json' });
  });
});

describe('reloading new content', () => {
  it('writes it to KB_PATH, keeps the previous file as a backup and serves it', async () => {
    const previousText = await readFile(folder.kbPath, 'utf8');
    const text = kbText(await nextKb());

    const outcome = await reloader.reload({ kind: 'content', text });

    expect(outcome).toMatchObject({
      status: 'reloaded',
      version: 'next-version.1',
      backupPath: `${folder.kbPath}.bak`,
    });
    expect(await readFile(folder.kbPath, 'utf8')).toBe(text);
    expect(await readFile(`${folder.kbPath}.bak`, 'utf8')).toBe(previousText);
    expect(fundingAnswer()).toMatch(/^NEW ANSWER/);
  });

  it('leaves the file alone when the content is refused', async () => {
    const previousText = await readFile(folder.kbPath, 'utf8');
    const outcome = await reloader.reload({ kind: 'content', text: kbText(await invalidKb()) });
    expect(outcome.status).toBe('invalid');
    expect(await readFile(folder.kbPath, 'utf8')).toBe(previousText);
  });

  it('keeps the old version in service, file included, when the file cannot be replaced', async () => {
    const serving = store.current();
    const previousText = await readFile(folder.kbPath, 'utf8');
    // A folder where the backup must go: no rename can replace it, whoever runs the test.
    await mkdir(`${folder.kbPath}.bak`);
    await writeFile(join(`${folder.kbPath}.bak`, 'keep'), 'x');

    const outcome = await reloader.reload({ kind: 'content', text: kbText(await nextKb()) });

    expect(outcome).toMatchObject({ status: 'failed', version: serving.version });
    // The reason reaches admins: the file by name, never the server's folders.
    expect(outcome).toMatchObject({ reason: `${basename(folder.kbPath)} could not be written (EISDIR)` });
    expect(store.current()).toBe(serving);
    expect(await readFile(folder.kbPath, 'utf8')).toBe(previousText);
    expect(results).toEqual(['error']);
  });
});

describe('concurrent reloads', () => {
  it('run one after the other, each seeing the version the previous one put in service', async () => {
    const texts = await Promise.all(['a.1', 'b.1', 'c.1'].map(async (v) => kbText(await nextKb(v))));
    const outcomes = await Promise.all(texts.map((text) => reloader.reload({ kind: 'content', text })));

    const chain = outcomes.map((o) => (o.status === 'reloaded' ? [o.previousVersion, o.version] : []));
    expect(chain.slice(1).map((pair) => pair[0])).toEqual(['a.1', 'b.1']);
    expect(store.current().version).toBe('c.1');
    expect(await readFile(folder.kbPath, 'utf8')).toBe(texts[2]);
    expect(await readFile(join(folder.dir, 'knowledge-base.json.bak'), 'utf8')).toBe(texts[1]);
  });
});
