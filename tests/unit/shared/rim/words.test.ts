import { describe, expect, it } from 'vitest';
import { LOCALES } from '@shared/i18n/locales';
import { PSEUDO_CLOSE, PSEUDO_OPEN } from '@shared/i18n/pseudo';
import {
  MEASURE_FREQUENCIES,
  MEASURE_KINDS,
  MEASURE_VALUE_TYPES,
  PDSA_DECISIONS,
  PDSA_STAGES,
  PROJECT_STATUSES,
  VALUE_COMPASS_POINTS,
  MEASURE_CHART_TYPES,
} from '@shared/model/rim';
import { CONTROL_CHART_TYPES, type SkipReason } from '@shared/rim/controlChart';
import { RIM_WORDS_NAMESPACE, RIM_WORDS_RESOURCES, rimWords } from '@shared/rim/words';
import { argumentsOf, flatten, type Messages } from './messages';

const languages = Object.fromEntries(LOCALES.map((l) => [l, flatten(RIM_WORDS_RESOURCES[l]![RIM_WORDS_NAMESPACE] as Messages)]));

describe('the RIM words of shared code, in every language', () => {
  it('has every key in English and in Spanish, and no other', () => {
    const english = [...languages.en!.keys()].sort();
    expect(english.length).toBeGreaterThan(200);
    for (const locale of LOCALES) expect([...languages[locale]!.keys()].sort(), locale).toEqual(english);
  });

  it('writes every message as valid ICU naming the same values in every language', () => {
    for (const [key, english] of languages.en!) {
      const names = argumentsOf(english, 'en');
      for (const locale of LOCALES) expect(argumentsOf(languages[locale]!.get(key)!, locale), `${locale}: ${key}`).toEqual(names);
    }
  });

  it('has no message left in English in the Spanish file: the same text only where both languages say it so', () => {
    const same = [...languages.en!].filter(([key, text]) => languages.es!.get(key) === text).map(([key]) => key);
    // "PDSA 2: Bed alarms", "{measure}: {chart}" and "No" are the same in both languages.
    expect(same).toEqual([
      'chart.pdsaShort',
      'chart.cycle',
      'chart.cycleTitled',
      'chart.cycleDecided',
      'chart.cycleTitledDecided',
      'picture.mark',
      'picture.title',
      'worksheet.meetingOn',
      'worksheet.no',
    ]);
  });

  it('names every stage, decision, kind, frequency, value type, status, Value Compass point and chart', () => {
    const vocab: Array<[string, readonly string[]]> = [
      ['stage', PDSA_STAGES],
      ['decision', PDSA_DECISIONS],
      ['decisionInLabel', PDSA_DECISIONS],
      ['measureKind', MEASURE_KINDS],
      ['measureKindMeasure', MEASURE_KINDS],
      ['frequency', MEASURE_FREQUENCIES],
      ['valueType', MEASURE_VALUE_TYPES],
      ['valueTypeShort', MEASURE_VALUE_TYPES],
      ['projectStatus', PROJECT_STATUSES],
      ['valueCompass', VALUE_COMPASS_POINTS],
      ['chart', [...MEASURE_CHART_TYPES, ...CONTROL_CHART_TYPES]],
      ['chartShort', [...MEASURE_CHART_TYPES, ...CONTROL_CHART_TYPES]],
      ['chartInSentence', [...MEASURE_CHART_TYPES, ...CONTROL_CHART_TYPES]],
      ['direction', ['up', 'down']],
    ];
    for (const [family, values] of vocab) for (const value of values) expect(languages.es!.has(`vocab.${family}.${value}`), `${family}.${value}`).toBe(true);
    const reasons: SkipReason[] = ['negative-value', 'missing-denominator', 'zero-denominator', 'negative-denominator', 'more-than-denominator'];
    for (const reason of reasons) for (const n of ['one', 'many']) expect(languages.es!.has(`control.skipped.${n}.${reason}`)).toBe(true);
  });

  it('builds one translator per language, with the locale of its dates; the pseudo-locale brackets every sentence', () => {
    expect(rimWords('es')).toBe(rimWords('es'));
    expect(rimWords('es').locale).toBe('es');
    expect(rimWords('es').t('vocab.stage.study')).toBe('Estudiar');
    const pseudo = rimWords('pseudo');
    expect(pseudo.locale).toBe('en');
    const line = pseudo.t('run.noSignals');
    expect(line.startsWith(PSEUDO_OPEN) && line.endsWith(PSEUDO_CLOSE)).toBe(true);
    expect(line).not.toContain('No signals');
  });
});
