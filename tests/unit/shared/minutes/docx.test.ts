import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildMinutesDocument } from '@shared/minutes/document';
import { minutesDocx } from '@shared/minutes/exports';
import { makeMinutesSource } from '../../../fixtures/minutesSource';

describe('Word export', () => {
  it('is a real .docx with heading styles, tables with a header row, and the record text', async () => {
    const { source, decisionText, actionText } = makeMinutesSource();
    const doc = buildMinutesDocument(source);
    const bytes = await minutesDocx(doc, { status: 'draft', version: 1, approvals: [], history: [], amendmentReason: '' });
    expect(strFromU8(bytes.slice(0, 2))).toBe('PK');
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['word/document.xml', 'word/styles.xml', '[Content_Types].xml']));
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).toContain('<w:pStyle w:val="Heading1"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading4"/>');
    expect(xml).toContain('<w:tblHeader');
    expect(xml).toContain(decisionText.replace(/;/g, ';'));
    expect(xml).toContain(actionText);
    expect(xml).toContain('DRAFT MINUTES');
  });

  it('escapes XML special characters from typed text', async () => {
    const { source } = makeMinutesSource();
    const doc = buildMinutesDocument({ ...source, meeting: { ...source.meeting, objective: 'Fix <b>this</b> & "that"' } });
    const xml = strFromU8(
      unzipSync(await minutesDocx(doc, { status: 'draft', version: 1, approvals: [], history: [], amendmentReason: '' }))['word/document.xml']!,
    );
    expect(xml).toContain('Fix &lt;b&gt;this&lt;/b&gt; &amp;');
  });
});
