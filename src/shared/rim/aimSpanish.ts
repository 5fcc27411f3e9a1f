import type { AimPatterns } from './aim';

// The aim checks for aims written in Spanish, as a Spanish-speaking UBT writes them: "Reducir las
// caídas de 6 a 3 por cada 1000 días-paciente para el 30 de junio de 2027". The same three parts as
// in English (a measure, a target value, a target date) and the same staffing-scope warning
// ("más enfermeras", "dotación de personal"). JavaScript's \b only knows ASCII letters, so word
// edges are written with Unicode letter classes: "caídas" must not end at the "í".

/** A word edge that knows accented letters. */
const START = String.raw`(?<![\p{L}\p{N}])`;
const END = String.raw`(?![\p{L}\p{N}])`;
const YEAR = String.raw`(?:19|20)\d{2}`;
const MONTH = String.raw`(?:enero|ene|febrero|feb|marzo|mar|abril|abr|mayo|may|junio|jun|julio|jul|agosto|ago|septiembre|setiembre|sept|sep|set|octubre|oct|noviembre|nov|diciembre|dic)\.?`;
const NUMBER_WORD = String.raw`(?:\d+|un|una|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|dieciocho|veinticuatro)`;
const QUARTER = String.raw`(?:T[1-4]|(?:primer|segundo|tercer|cuarto)\s+trimestre)`;
const FISCAL = String.raw`(?:año\s+fiscal|AF)`;
/** "para", "antes de", "a más tardar el", "a finales de", "durante". */
const BY = String.raw`(?:para|antes\s+de(?:l)?|hasta|a\s+más\s+tardar|no\s+más\s+tarde\s+de(?:l)?|a\s+fin(?:al)?es\s+de(?:l)?|al\s+final\s+de(?:l)?|para\s+fin(?:al)?es\s+de(?:l)?|en|durante|dentro\s+de(?:l)?)`;
/** After a duration, words that make it a standard ("en 3 días tras el alta"), not a deadline. */
const NOT_A_DEADLINE = String.raw`(?!\s+(?:de|del|después|desde|tras|antes|posteriores|siguientes\s+al?)${END})`;

const re = (source: string) => new RegExp(source, 'giu');

const DATES: RegExp[] = [
  // 30 de junio de 2027, 30 de junio del 2027, 1.º de marzo de 2027, el 30 de junio
  re(String.raw`${START}\d{1,2}(?:\.?º)?\s+de\s+${MONTH}(?:\s+(?:de(?:l)?\s+)?${YEAR})?${END}`),
  // junio de 2027, junio 2027, jun. 2027
  re(String.raw`${START}${MONTH}\s+(?:de(?:l)?\s+)?${YEAR}${END}`),
  // T3 2027, T3 de 2027, tercer trimestre de 2027, año fiscal 2027
  re(String.raw`${START}${QUARTER}\s*(?:de(?:l)?\s+)?(?:${FISCAL}\s*)?(?:${YEAR}|'?\d{2})${END}`),
  re(String.raw`${START}${FISCAL}\s*(?:${YEAR}|\d{2})${END}`),
  // para junio, antes de marzo, para el T3, para el tercer trimestre
  re(String.raw`${START}(?:para|antes\s+de(?:l)?|hasta)\s+(?:el\s+(?:mes\s+de\s+)?)?(?:${MONTH}|${QUARTER})${END}`),
  // para fin de año, para finales de año, al final del trimestre, a fin de mes, para el cierre del año fiscal
  re(
    String.raw`${START}(?:para|antes\s+de(?:l)?|hasta|a|al)\s+(?:el\s+|la\s+)?(?:fin|final|finales|cierre|término)\s+(?:de(?:l)?\s+)?(?:(?:este|esta|el|la)\s+)?(?:año|trimestre|mes)(?:\s+(?:fiscal|calendario))?${END}`,
  ),
  re(String.raw`${START}antes\s+de\s+que\s+(?:termine|acabe|finalice|cierre)\s+el\s+(?:año|trimestre|mes)${END}`),
  // para 2027, en 2027, a finales de 2027, durante el año fiscal 2027
  re(String.raw`${START}${BY}\s+(?:el\s+)?(?:(?:año\s+)?(?:fiscal\s+)?)?${YEAR}${END}`),
  // en 6 meses, en los próximos 90 días, dentro de 6 meses, en un plazo de seis meses; not "en 3 días tras el alta"
  re(
    String.raw`${START}(?:en|dentro\s+de|durante|en\s+un\s+plazo\s+de)\s+(?:(?:los|las)\s+)?(?:(?:próximos|próximas|siguientes)\s+)?${NUMBER_WORD}\s+(?:días?|semanas?|meses|mes|trimestres?|años?)(?:\s+(?:siguientes|próximos|próximas))?${END}${NOT_A_DEADLINE}`,
  ),
  re(String.raw`${START}(?:en|dentro\s+de)\s+(?:un|una|el\s+próximo|la\s+próxima)\s+(?:año|trimestre|mes|semana)${END}${NOT_A_DEADLINE}`),
];

/** 12, 12,5, 1.000, 12.5: either decimal mark, as teams type them. */
const NUM = String.raw`\d+(?:[.,]\d+)*`;
const SMALL = String.raw`(?:cero|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez)`;

const VALUES: RegExp[] = [
  // de 12 % a 6 %, del 12 % al 6 %, de 45 a 30 minutos, desde 6 hasta 3
  re(String.raw`${START}(?:de|del|desde)\s+${NUM}\s*%?[^.;]{0,40}?\s(?:a|al|hasta)\s+(?:${NUM}|cero)${END}\s*%?`),
  // 90 %, 12,5 por ciento, 10 puntos porcentuales
  re(String.raw`${NUM}\s*(?:%|por\s*ciento${END}|puntos\s+porcentuales${END})`),
  // a 30 minutos, por debajo de 5, al menos 95, menos de 3, hasta cero, una meta de 80
  re(
    String.raw`${START}(?:a|al|hasta|por\s+debajo\s+de(?:l)?|por\s+encima\s+de(?:l)?|menos\s+de(?:l)?|más\s+de(?:l)?|menor(?:es)?\s+(?:a|que)|mayor(?:es)?\s+(?:a|que)|inferior(?:es)?\s+a|superior(?:es)?\s+a|al\s+menos|como\s+mínimo|como\s+máximo|no\s+más\s+de|una\s+meta\s+de|un\s+objetivo\s+de|meta\s+de|lograr|alcanzar|mantener)\s+(?:${NUM}|${SMALL})${END}`,
  ),
  // 3 o menos caídas, 95 o más
  re(String.raw`${START}${NUM}\s+o\s+(?:menos|más|mejor|superior|inferior)${END}`),
  // cero caídas, ninguna infección
  re(
    String.raw`${START}(?:cero|ningun[ao]s?)\s+(?:(?:\p{L}+)\s+)?(?:caídas|errores|lesiones|infecciones|incidentes|eventos|defectos|daños|quejas|reingresos|readmisiones|infección|caída|error|lesión|incidente|queja)${END}`,
  ),
  // a la mitad, duplicar, triplicar
  re(String.raw`${START}(?:(?:a|en)\s+la\s+mitad|duplicar|triplicar)${END}`),
];

const CHANGE_VERB = String.raw`(?:reducir|reduciendo|disminuir|disminuyendo|bajar|bajando|recortar|aumentar|aumentando|incrementar|incrementando|subir|elevar|mejorar|mejorando|acortar|acortando|eliminar|eliminando|lograr|alcanzar|mantener|manteniendo|sostener)`;
const WORD = String.raw`[\p{L}][\p{L}\p{N}'/-]*`;
/** What ends the measure's words: the start of a value, a date, a place or a clause. */
const MEASURE_ENDS = String.raw`(?=\s*(?:(?:de|del|desde)\s+\d|(?:a|al|hasta|en|para|antes|durante|dentro|entre|por\s+debajo|por\s+encima|un|una)${END}|\d|%|[,.;:]|$))`;
const STOP = new Set([
  'el',
  'la',
  'los',
  'las',
  'un',
  'una',
  'unos',
  'unas',
  'nuestro',
  'nuestra',
  'nuestros',
  'nuestras',
  'su',
  'sus',
  'este',
  'esta',
  'estos',
  'estas',
  'todo',
  'toda',
  'todos',
  'todas',
  'cosas',
  'resultados',
  'desempeño',
  'rendimiento',
  'que',
]);
/** Leading articles and possessives are not part of what is counted: "las caídas" is "caídas". */
const LEADING = /^(?:(?:el|la|los|las|un|una|unos|unas|nuestro|nuestra|nuestros|nuestras|su|sus)\s+)+/iu;

const MEASURE_NOUNS = re(
  String.raw`${START}(?:tasas?|porcentaje|proporción|número\s+de|cantidad\s+de|puntuación|puntaje|tiempos?|esperas?|minutos|horas\s+extra|horas|caídas|infecciones|errores|reingresos|readmisiones|satisfacción|cumplimiento|lesiones|visitas|llamadas|inasistencias|ausencias|costos?|costes?|gastos?|días|incidentes|quejas|cancelaciones|demoras|retrasos|adherencia|utilización|volumen|reclamaciones|derivaciones|altas|ingresos|HCAHPS|NPS)${END}`,
);

/** How much, said between the verb and what is counted: "reducir a la mitad las lesiones", "bajar un 20 % las horas extra". */
const HOW_MUCH = String.raw`(?:(?:a|en)\s+la\s+mitad|(?:en\s+)?un\s+${NUM}\s*(?:%|por\s*ciento))\s+`;
/** A rate's "por cada 1000 días-paciente" belongs to the measure, number and all. */
const PER = String.raw`(?:\s*por\s+cada\s+\d[\d.,]*\s+${WORD})?`;

function findMeasure(rest: string): string | null {
  const verbPhrase = re(String.raw`${START}${CHANGE_VERB}\s+(?:${HOW_MUCH})?((?:${WORD}\s*){1,8}?${PER})${MEASURE_ENDS}`);
  for (const m of rest.matchAll(verbPhrase)) {
    const phrase = (m[1] ?? '').trim();
    const meaningful = phrase
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w && !STOP.has(w));
    if (meaningful.length > 0) return phrase.replace(LEADING, '');
  }
  // "el 95 % de los resúmenes de alta firmados ..." names what is counted after "de".
  const percentOf = re(String.raw`%\s*de\s+((?:${WORD}\s*){1,6})`).exec(rest);
  const counted = percentOf?.[1]
    ?.split(re(String.raw`${START}(?:dentro|en|para|antes|a|al|hasta|por|desde)${END}`))[0]
    ?.trim()
    .replace(LEADING, '');
  if (counted) return counted;
  MEASURE_NOUNS.lastIndex = 0;
  const noun = MEASURE_NOUNS.exec(rest);
  return noun ? noun[0] : null;
}

/** People a staffing ask asks for: "enfermeras", "auxiliares de enfermería", "personal". */
const STAFF = String.raw`(?:enfermer[ao]s?|auxiliares?(?:\s+de\s+enfermería)?|técnic[ao]s?|asistentes?\s+médic[ao]s?|médic[ao]s?|doctor(?:es|as?)?|personal|emplead[ao]s?|trabajador(?:es|as?)?|cuidador(?:es|as?)?|camiller[ao]s?|farmacéutic[ao]s?|terapeutas?|secretari[ao]s?|recepcionistas?|gente|personas|manos)`;
/**
 * After the people, words that make it about something else: what the staff learn, do or feel
 * ("más enfermeras capacitadas en", "más personal que complete la encuesta"). Those are ordinary aims.
 */
const NOT_A_STAFFING_ASK = String.raw`(?!\s+(?:capacitad|formad|entrenad|certificad|vacunad|satisfech|comprometid|involucrad|que|con\s+(?:capacitación|formación)|usando|usen|participen|completen|asistan|reporten)\p{L}*)`;
/** "Capacitar a más enfermeras", "retener a más personal": developing or keeping people is in scope. */
const NOT_AFTER = String.raw`(?<!(?:capacitar|formar|entrenar|educar|certificar|vacunar|retener|involucrar|reconocer|apoyar|motivar)\s+(?:a\s+)?)`;
const COUNT = String.raw`(?:un|una|uno|dos|tres|cuatro|cinco|seis|\d+)`;

const SCOPE: RegExp[] = [
  // dotación, dotación de personal, niveles de personal
  re(String.raw`${START}dotación(?:\s+de\s+personal)?(?:\s+(?:mínima|adecuada|suficiente))?${END}`),
  re(String.raw`${START}niveles?\s+de\s+(?:dotación|personal)${END}`),
  // FTE / ETC: equivalentes a tiempo completo
  re(String.raw`${START}(?:ETC|ETCs)${END}`),
  re(String.raw`${START}equivalentes?\s+(?:a|de)\s+tiempo\s+completo${END}`),
  re(String.raw`${START}plantilla(?:\s+de\s+personal)?${END}`),
  re(String.raw`${START}(?:contratar|contratación|contrataciones|contratando|recontratar)${END}`),
  // proporción enfermera-paciente, ratio de enfermeras por paciente
  re(String.raw`${START}(?:proporci(?:ón|ones)|ratios?|relaci(?:ón|ones))\s+(?:de\s+)?(?:enfermer[ao]s?|personal)\s*(?:-|por|a|\/)\s*pacientes?${END}`),
  re(String.raw`${START}(?:enfermer[ao]|personal)[-\/]pacientes?${END}`),
  // nuevas plazas, cubrir vacantes, abrir puestos
  re(String.raw`${START}(?:nuevas?|más|abrir|cubrir|llenar)\s+(?:\p{L}+\s+)?(?:plazas|vacantes|puestos)${END}`),
  // más enfermeras, otra enfermera, una auxiliar más, dos técnicos adicionales, aumentar el número de enfermeras
  re(
    String.raw`${NOT_AFTER}${START}(?:más|otr[ao]s?|${COUNT}\s+(?:más|extra|adicionales?)|aumentar\s+(?:el\s+)?(?:número|cantidad)\s+de|incrementar\s+(?:el\s+)?(?:número|cantidad)\s+de)\s+${STAFF}${END}${NOT_A_STAFFING_ASK}`,
  ),
  re(String.raw`${NOT_AFTER}${START}${COUNT}\s+${STAFF}\s+(?:más|adicionales?|extra)${END}`),
  re(
    String.raw`${START}(?:agregar|añadir|sumar|traer|incorporar|reemplazar|reponer)\s+(?:a\s+)?(?:(?:${COUNT}|otr[ao]|más)\s+)?(?:nuev[ao]s?\s+)?${STAFF}${END}${NOT_A_STAFFING_ASK}`,
  ),
  // falta de personal, escasez de personal, personal insuficiente
  re(String.raw`${START}(?:falta|escasez|déficit)\s+de\s+(?:personal|enfermer[ao]s)${END}`),
  re(String.raw`${START}personal\s+insuficiente${END}`),
  re(String.raw`${START}(?:poco|escaso|suficiente)\s+personal${END}`),
];

export const SPANISH_AIM: AimPatterns = {
  dates: DATES,
  // Not global: tested once per year found, and a global pattern would remember where it stopped.
  yearIsValueAfter: new RegExp(String.raw`${START}(?:a|al|de|del|desde|hasta|que|por\s+debajo\s+de|por\s+encima\s+de|menos\s+de|más\s+de)\s+$`, 'iu'),
  values: VALUES,
  measure: findMeasure,
  scope: SCOPE,
};
