import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { figuresReasonsText, figuresRefusalText, parseProgramFiguresCsv, type FiguresParseResult } from '@shared/p2p/programFigures';
import { p2pWords } from '@shared/p2p/words';

// A refused figures file is explained line by line in the screen's language: the parser gives each
// refusal and each reason a code with the values it names, and the words say them.

const refused = (text: string) => {
  const parsed: FiguresParseResult = parseProgramFiguresCsv(text);
  if (parsed.ok) throw new Error('expected a refusal');
  return parsed;
};
const es = p2pWords('es');
const inSpanish = (text: string) => {
  const { refusal } = refused(text);
  return [figuresRefusalText(refusal, es), ...refusal.lines.map((l) => `${l.line}: ${figuresReasonsText(l.reasons, es)}`)];
};

describe('a refused figures file, in the screen’s language', () => {
  it('gives each line its reasons as codes and values, worded in English exactly as the message it carries', () => {
    const parsed = refused(
      'Region,UBTs,High performing,As of\nHawaii,6.5,,2021-02-30\nGeorgia,108,94,June 2021\nGeorgia,108,94,2021-06-30\n"Colorado,256,188,2021-06-30',
    );
    expect(parsed.refusal.code).toBe('lineProblems');
    expect(parsed.refusal.lines[0]).toEqual({
      line: 2,
      reasons: [
        { code: 'notWhole', values: { column: 'teams', text: '6.5' } },
        { code: 'countMissing', values: { column: 'highPerforming' } },
        { code: 'notADate', values: { text: '2021-02-30' } },
      ],
    });
    expect(figuresRefusalText(parsed.refusal)).toBe(parsed.message);
    expect(parsed.refusal.lines.map((l) => ({ line: l.line, reason: figuresReasonsText(l.reasons) }))).toEqual(parsed.problems);
  });

  it('says every reason and refusal in Spanish', () => {
    expect(
      inSpanish('Region,UBTs,High performing,As of\nHawaii,6.5,,2021-02-30\nGeorgia,108,94,June 2021\nGeorgia,108,94,2021-06-30\n"Colorado,256,188,2021-06-30'),
    ).toEqual([
      '3 líneas tienen un problema. No se importó nada; corrija el archivo y vuelva a importarlo.',
      '2: teams «6.5» no es un número entero; falta el valor de high_performing; as_of «2021-02-30» no es una fecha (formato: 2021-06-30)',
      '4: Georgia a fecha de 2021-06-30 ya figura en la línea 3',
      '5: comillas sin cerrar',
    ]);
    expect(inSpanish(readFileSync(new URL('../../../fixtures/regional-figures-bad.csv', import.meta.url), 'utf8'))).toEqual([
      '3 líneas tienen un problema. No se importó nada; corrija el archivo y vuelva a importarlo.',
      '3: high_performing no puede ser negativo (-4)',
      '4: más equipos de alto desempeño (61) que equipos (60)',
      expect.stringMatching(/^5: región desconocida «Atlantis» \(conocidas: .+\)$/),
    ]);
    expect(inSpanish('region,teams,high_performing,as_of\n,2000000,,\n')).toEqual([
      '1 línea tiene un problema. No se importó nada; corrija el archivo y vuelva a importarlo.',
      '2: falta la región; teams 2000000 es demasiado grande; falta el valor de high_performing; falta la fecha as_of',
    ]);
    expect(inSpanish('')).toEqual(['El archivo está vacío. No se importó nada.']);
    expect(inSpanish('a\0b')).toEqual(['El archivo no es un archivo CSV de texto. No se importó nada.']);
    expect(inSpanish('region,teams\nColorado,4')).toEqual([
      'La primera línea debe nombrar las columnas region, teams, high_performing, as_of; faltan: high_performing, as_of. No se importó nada.',
    ]);
    expect(inSpanish('region,teams,high_performing,as_of\n')).toEqual(['El archivo tiene encabezado pero ninguna cifra. No se importó nada.']);
    expect(inSpanish(`region,teams,high_performing,as_of\n${'Colorado,1,1,2021-06-30\n'.repeat(501)}`)).toEqual([
      'El archivo tiene más de 500 filas. No se importó nada.',
    ]);
    expect(inSpanish('x'.repeat(600 * 1024))).toEqual(['El archivo es demasiado grande para cifras del programa (más de 512 KB). No se importó nada.']);
  });
});
