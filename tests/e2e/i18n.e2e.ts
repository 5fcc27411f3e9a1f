import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchApp } from './support/browser';
import { docxToPdf, pdfText } from './support/documents';
import { useAppServer } from './support/lifecycle';
import { saveScreenshot } from './support/screenshots';
import { exposeServices, type ServicesControl } from './support/services';
import { capture, goto, setUpTeamMeeting, startIbps, step, waitSaved } from './flows/ui';

const server = useAppServer();

const ISSUE = '¿Cómo puede cada técnico de farmacia tomar su almuerzo completo?';

async function exportAs(page: Page, dialogs: ServicesControl, format: 'md' | 'docx' | 'pdf' | 'html' | 'csv'): Promise<string> {
  const before = dialogs.calls.filter((c) => c.service === 'saveFile').length;
  await page.getByTestId('export-minutes').click();
  await page.getByTestId(`export-${format}`).click();
  await expect.poll(() => dialogs.calls.filter((c) => c.service === 'saveFile' && c.response).length, { timeout: 30_000 }).toBe(before + 1);
  const call = dialogs.calls.filter((c) => c.service === 'saveFile').at(-1)!;
  expect(call.response).toMatchObject({ status: 'saved' });
  return call.path!;
}

const preview = (page: Page) => page.frameLocator('[data-testid="minutes-preview"]').locator('body');

/** Every string people typed, read from the app's own IndexedDB: the data a screen may show as typed. */
async function typedStrings(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name!).filter(Boolean);
    const out = new Set<string>();
    const walk = (v: unknown) => {
      if (typeof v === 'string') {
        if (v.trim()) out.add(v.trim());
      } else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    for (const name of names) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      for (const store of [...db.objectStoreNames]) {
        const rows = await new Promise<unknown[]>((resolve, reject) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        rows.forEach(walk);
      }
      db.close();
    }
    return [...out];
  });
}

/**
 * The words on a screen that neither went through the translator (bracketed in the pseudo-locale)
 * nor are typed data, dates or numbers: each is English hard-coded in a component.
 */
async function untranslated(page: Page, typed: readonly string[]): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const out = [document.body.innerText];
    // What assistive technology reads: hidden measuring copies (aria-hidden) are not read.
    for (const el of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      if (el.closest('[aria-hidden="true"]')) continue;
      for (const attr of ['aria-label', 'placeholder', 'title']) {
        const v = el.getAttribute(attr);
        if (v) out.push(v);
      }
    }
    return out;
  });
  // Typed data as whole words ("en" in a record is not the "en" inside "measurement"), and as
  // shouted by CSS (text-transform: uppercase headings).
  const escape = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const patterns = [...typed]
    .filter((x) => /[A-Za-z]/.test(x))
    .sort((a, b) => b.length - a.length)
    .flatMap((x) => [x, x.toUpperCase()])
    .map((x) => new RegExp(`(?<![\\p{L}])${escape(x)}(?![\\p{L}])`, 'gu'));
  const left: string[] = [];
  for (let text of texts) {
    for (let before = ''; before !== text;) {
      before = text;
      text = text.replace(/⟦[^⟦⟧]*⟧/g, ' ');
    }
    for (const pattern of patterns) text = text.replace(pattern, ' ');
    // Dates and times come from the date module (English in the pseudo-locale), not from words of ours.
    text = text
      .replace(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s/g, ' ')
      .replace(/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(, \d{4})?/g, ' ')
      .replace(/\b\d{1,2}:\d{2}\s?(AM|PM)\b/g, ' ');
    // The product's name, key names and each language's own name (a picker shows "Español" to all) are not translated.
    text = text.replace(/Common Ground|\bCtrl\b|\bEsc\b|\bEnter\b|\bTab\b|English|Español/g, ' ');
    for (const word of text.match(/[A-Za-z][A-Za-z’']*(?:\s+[A-Za-z][A-Za-z’']*)*/g) ?? []) left.push(word);
  }
  return [...new Set(left)];
}

describe('i18n', () => {
  it('i18n: the app and its minutes in Spanish', { timeout: 300_000 }, async () => {
    const app = await launchApp({ baseUrl: server.url });
    const dialogs = await exposeServices(app.context);
    const { page } = app;
    await page.reload();
    const meetingUrl = await setUpTeamMeeting(page, server.url);
    // The team meets in Spanish: its minutes are written in Spanish.
    await page.getByRole('combobox', { name: 'Meeting language' }).click();
    await page.getByRole('option', { name: 'Español' }).click();
    await waitSaved(page);
    await startIbps(page);
    await page.getByRole('button', { name: 'Write the issue statement' }).click();
    await page.getByTestId('issue-statement').fill(ISSUE);
    await step(page, /Interests/).click();
    await capture(page, 'capture-interest', ['Que el personal tenga 30 minutos de almuerzo sin interrupciones']);
    await page.getByTestId('interest-row').first().waitFor();
    await waitSaved(page);

    // Settings → Language: the screens switch to Spanish, and the page says so.
    await goto(page, server.url, '/settings');
    await page.getByText('Español', { exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('es');
    const nav = page.getByRole('navigation').first();
    for (const name of ['Consejos y equipos', 'Reuniones', 'Mejora', 'Tareas acordadas', 'Configuración']) await nav.getByRole('link', { name }).waitFor();
    await saveScreenshot(page, 'i18n-settings-es');

    await goto(page, server.url, '/meetings');
    await page.getByRole('heading', { level: 1, name: 'Reuniones' }).waitFor();
    await page.goto(meetingUrl);
    await page.getByTestId('open-minutes').click();
    await page.getByTestId('minutes-status').waitFor();
    await expect.poll(() => preview(page).innerText()).toContain('Acta: November UBT meeting');
    // Level-4 headings and the badge are upper-cased by the page's CSS.
    const shown = (await preview(page).innerText()).toLowerCase();
    for (const text of ['asistencia', 'hubo quórum', 'planteamiento del problema', ISSUE, 'intereses', 'borrador del acta'])
      expect(shown).toContain(text.toLowerCase());
    await saveScreenshot(page, 'i18n-minutes-es');

    // All five formats, in the meeting's language, read back by real tools.
    const md = await readFile(await exportAs(page, dialogs, 'md'), 'utf8');
    for (const text of [
      '# Acta: November UBT meeting',
      '## Asistencia',
      '## Puntos del orden del día',
      '#### Planteamiento del problema',
      '## Aprobación',
      '**Borrador:**',
    ])
      expect(md).toContain(text);
    expect(md).not.toContain('## Attendance');

    const html = await readFile(await exportAs(page, dialogs, 'html'), 'utf8');
    expect(html).toMatch(/<html lang="es">/);
    expect(html).toContain('Borrador del acta: aún no aprobada');

    const pdf = await pdfText(await exportAs(page, dialogs, 'pdf'));
    // Level-4 headings and the badge are upper-cased by the page's CSS.
    for (const text of ['acta: november ubt meeting', 'asistencia', 'planteamiento del problema', 'borrador del acta'])
      expect(pdf.toLowerCase()).toContain(text);

    const docxPath = await exportAs(page, dialogs, 'docx');
    const styles = strFromU8(unzipSync(new Uint8Array(await readFile(docxPath)))['word/styles.xml']!);
    expect(styles).toContain('w:val="es-US"');
    const word = await pdfText(await docxToPdf(docxPath));
    for (const text of ['BORRADOR DEL ACTA', 'Asistencia', 'PLANTEAMIENTO DEL PROBLEMA', ISSUE]) expect(word).toContain(text);

    const csv = Papa.parse<string[]>((await readFile(await exportAs(page, dialogs, 'csv'), 'utf8')).replace(/^\ufeff/, ''), { skipEmptyLines: true });
    expect(csv.data[0]).toEqual([
      'Qué',
      'Responsable',
      'Parte del responsable',
      'Fecha límite',
      'Estado',
      'Cómo sabremos que funcionó',
      'Fecha de la reunión',
      'Reunión',
      'Consejo o equipo',
    ]);
    await app.close();
  });

  it('i18n: no English is left on any screen in the pseudo-locale', { timeout: 300_000 }, async () => {
    const app = await launchApp({ baseUrl: server.url });
    const { page } = app;
    const meetingUrl = await setUpTeamMeeting(page, server.url, { startsAt: '2026-11-24T09:00' });
    const sessionUrl = await startIbps(page);
    await page.getByRole('button', { name: 'Write the issue statement' }).click();
    await page.getByTestId('issue-statement').fill('How can every pharmacy tech get a full lunch break?');
    await step(page, /Interests/).click();
    await capture(page, 'capture-interest', ['Staff get a full lunch']);
    await page.getByTestId('interest-row').first().waitFor();
    await waitSaved(page);
    const typed = await typedStrings(page);

    await page.evaluate(() => localStorage.setItem('cg-language', JSON.stringify({ state: { language: 'pseudo' }, version: 0 })));
    const meetingPath = new URL(meetingUrl).hash.slice(1);
    const sessionPath = new URL(sessionUrl).hash.slice(1);
    const screens: Array<[string, string]> = [
      ['home', '/'],
      ['roster', '/roster'],
      ['meetings', '/meetings'],
      ['meeting', meetingPath],
      ['minutes', `${meetingPath}/minutes`],
      ['ibps: interests', sessionPath],
      ['action items', '/actions'],
      ['improvement', '/improvement'],
      ['path to performance', '/p2p'],
      ['settings', '/settings'],
      ['glossary', '/glossary'],
      ['sync conflicts', '/sync/conflicts'],
    ];
    const found: Record<string, string[]> = {};
    for (const [name, route] of screens) {
      await page.goto(`${server.url}#${route}`);
      await page.reload();
      await page.locator('#main h1').first().waitFor();
      await page.waitForTimeout(500); // lazy words and live queries settle
      const left = await untranslated(page, typed);
      if (left.length) found[name] = left;
      await saveScreenshot(page, `i18n-pseudo-${name}`);
    }
    // The council and team pages, reached the way a facilitator does (their names are data).
    await page.goto(`${server.url}#/roster`);
    await page.getByRole('link', { name: 'Riverside Local Council' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Riverside Local Council' }).waitFor();
    await page.waitForTimeout(500);
    let left = await untranslated(page, typed);
    if (left.length) found.council = left;
    await page.getByRole('link', { name: 'Pharmacy UBT' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Pharmacy UBT' }).waitFor();
    await page.waitForTimeout(500);
    left = await untranslated(page, typed);
    if (left.length) found.team = left;
    await saveScreenshot(page, 'i18n-pseudo-team');
    expect(found).toEqual({});
    await app.close();
  });
});
