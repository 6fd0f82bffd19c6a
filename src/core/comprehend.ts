/**
 * Amazon Comprehend as the policy sees it: the APIs its rules use, their limits and languages,
 * and the reading of their answers. Pure: the processor makes the calls (lambda/processor/
 * comprehend/), the simulator takes recorded answers, and both hand them to `decide` as they
 * came, in the APIs' own JSON shape. An answer that is not of that shape, or whose offsets fall
 * outside the text, is refused here (ComprehendAnswerError), so the decision is the policy's
 * onError rather than a guess.
 */
import { isJsonObject } from './json';

/** The real-time APIs the policy language uses. */
export type ComprehendApi = 'DetectDominantLanguage' | 'DetectPiiEntities' | 'DetectToxicContent';
export const COMPREHEND_APIS: readonly ComprehendApi[] = ['DetectDominantLanguage', 'DetectPiiEntities', 'DetectToxicContent'];

/** The APIs that analyze text in a language given to them, and the languages they take (LanguageCode). */
export type LanguageBoundApi = Exclude<ComprehendApi, 'DetectDominantLanguage'>;
export const COMPREHEND_LANGUAGES: Readonly<Record<LanguageBoundApi, readonly string[]>> = {
  DetectPiiEntities: ['en', 'es'],
  DetectToxicContent: ['en'],
};

/** The entity types DetectPiiEntities reports (PiiEntityType, less `ALL`, which only names them all in a request). */
export const PII_ENTITY_TYPES = [
  'ADDRESS', 'AGE', 'AWS_ACCESS_KEY', 'AWS_SECRET_KEY', 'BANK_ACCOUNT_NUMBER', 'BANK_ROUTING', 'CA_HEALTH_NUMBER',
  'CA_SOCIAL_INSURANCE_NUMBER', 'CREDIT_DEBIT_CVV', 'CREDIT_DEBIT_EXPIRY', 'CREDIT_DEBIT_NUMBER', 'DATE_TIME', 'DRIVER_ID', 'EMAIL',
  'INTERNATIONAL_BANK_ACCOUNT_NUMBER', 'IN_AADHAAR', 'IN_NREGA', 'IN_PERMANENT_ACCOUNT_NUMBER', 'IN_VOTER_NUMBER', 'IP_ADDRESS',
  'LICENSE_PLATE', 'MAC_ADDRESS', 'NAME', 'PASSPORT_NUMBER', 'PASSWORD', 'PHONE', 'PIN', 'SSN', 'SWIFT_CODE',
  'UK_NATIONAL_HEALTH_SERVICE_NUMBER', 'UK_NATIONAL_INSURANCE_NUMBER', 'UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER', 'URL', 'USERNAME',
  'US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER', 'VEHICLE_IDENTIFICATION_NUMBER',
] as const;

/** The labels DetectToxicContent scores (ToxicContentType). */
export const TOXICITY_LABELS = ['GRAPHIC', 'HARASSMENT_OR_ABUSE', 'HATE_SPEECH', 'INSULT', 'PROFANITY', 'SEXUAL', 'VIOLENCE_OR_THREAT'] as const;

/**
 * The limits of the requests (Comprehend's API reference and its guidelines and quotas) the
 * processor must work within. DetectPiiEntities and DetectDominantLanguage take up to 100 KB of
 * text: a message's content (4 KB of characters, at most 16 KB in UTF-8) always fits, whole.
 */
export const COMPREHEND_LIMITS = {
  /** DetectToxicContent: segments per request. */
  toxicSegmentsPerCall: 10,
  /**
   * DetectToxicContent: one segment's text, in UTF-8 bytes. The documentation says 1 KB, which
   * may be 1,000 or 1,024 bytes: segments are kept within the smaller, valid under both.
   */
  toxicSegmentMaxBytes: 1000,
} as const;

/**
 * The regions known to offer each API, for a warning at synth (never an error: AWS adds
 * regions). Comprehend's Developer Guide ("Supported Regions") lists where it runs, every
 * real-time API included; toxicity detection was launched in four of them, and the
 * documentation gives no list of its own (unconfirmed beyond the launch).
 */
const COMPREHEND_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-2', 'ap-south-1', 'ap-northeast-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1',
  'ca-central-1', 'eu-central-1', 'eu-west-1', 'eu-west-2', 'us-gov-west-1',
];
export const COMPREHEND_API_REGIONS: Readonly<Record<ComprehendApi, readonly string[]>> = {
  DetectDominantLanguage: COMPREHEND_REGIONS,
  DetectPiiEntities: COMPREHEND_REGIONS,
  DetectToxicContent: ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'],
};

/** The policy's scores and thresholds are Comprehend's confidence, 0 to 1. */
export const isScore = (value: unknown): value is number => typeof value === 'number' && value >= 0 && value <= 1;

/** The answers of one message, each as its API returned it (a toxicity answer: the results of every segment, in order). */
export interface ComprehendAnswers {
  readonly DetectDominantLanguage?: unknown;
  readonly DetectPiiEntities?: unknown;
  readonly DetectToxicContent?: unknown;
}

/** An answer is missing, not of its API's shape, or out of range: the message is answered by the policy's onError. */
export class ComprehendAnswerError extends Error {
  public readonly name = 'ComprehendAnswerError';
  constructor(public readonly api: ComprehendApi, reason: string) {
    super(`${api}: ${reason}`);
  }
}

export interface PiiFind {
  readonly type: string;
  readonly score: number;
  /** Where the entity is in the content, in UTF-16 units (end exclusive). */
  readonly start: number;
  readonly end: number;
}

export interface ToxicityResult {
  readonly toxicity: number;
  readonly labels: ReadonlyMap<string, number>;
}

function answerOf(answers: ComprehendAnswers, api: ComprehendApi): Record<string, unknown> {
  const answer = answers[api];
  if (answer === undefined) throw new ComprehendAnswerError(api, 'no answer');
  if (!isJsonObject(answer)) throw new ComprehendAnswerError(api, 'the answer is not an object');
  return answer;
}

function listOf(answer: Record<string, unknown>, api: ComprehendApi, field: string): Record<string, unknown>[] {
  const list = answer[field];
  if (!Array.isArray(list) || !list.every(isJsonObject)) throw new ComprehendAnswerError(api, `${field} is not a list of objects`);
  return list;
}

/** The language DetectDominantLanguage scores highest, or none when it named none. */
export function dominantLanguage(answers: ComprehendAnswers): string | undefined {
  const api = 'DetectDominantLanguage';
  let best: { code: string; score: number } | undefined;
  for (const language of listOf(answerOf(answers, api), api, 'Languages')) {
    const { LanguageCode: code, Score: score } = language;
    if (typeof code !== 'string' || code.length === 0 || !isScore(score)) throw new ComprehendAnswerError(api, 'a language without a code or a score from 0 to 1');
    if (!best || score > best.score) best = { code, score };
  }
  return best?.code;
}

/**
 * The UTF-16 index of every code point boundary of `text`: Comprehend's offsets count code
 * points, JavaScript's strings UTF-16 units, and an astral character is one of the first and
 * two of the second.
 */
function codePointIndexes(text: string): number[] {
  const indexes = [0];
  let index = 0;
  for (const char of text) {
    index += char.length;
    indexes.push(index);
  }
  return indexes;
}

/** The entities DetectPiiEntities found in `content`, placed in it; an offset outside the content refuses the answer. */
export function piiEntities(answers: ComprehendAnswers, content: string): PiiFind[] {
  const api = 'DetectPiiEntities';
  const entities = listOf(answerOf(answers, api), api, 'Entities');
  if (entities.length === 0) return [];
  const indexes = codePointIndexes(content);
  const codePoints = indexes.length - 1;
  return entities.map((entity) => {
    const { Type: type, Score: score, BeginOffset: begin, EndOffset: end } = entity;
    if (typeof type !== 'string' || type.length === 0 || !isScore(score)) throw new ComprehendAnswerError(api, 'an entity without a type or a score from 0 to 1');
    const inText = Number.isInteger(begin) && Number.isInteger(end) && (begin as number) >= 0 && (end as number) <= codePoints;
    if (!inText || (begin as number) >= (end as number)) {
      throw new ComprehendAnswerError(api, `an entity at code points ${String(begin)}-${String(end)} of a text of ${codePoints}`);
    }
    return { type, score, start: indexes[begin as number], end: indexes[end as number] };
  });
}

/** The toxicity of every segment. */
export function toxicityResults(answers: ComprehendAnswers): ToxicityResult[] {
  const api = 'DetectToxicContent';
  const results = listOf(answerOf(answers, api), api, 'ResultList');
  if (results.length === 0) throw new ComprehendAnswerError(api, 'no result for the text');
  return results.map((result) => {
    if (!isScore(result.Toxicity)) throw new ComprehendAnswerError(api, 'a result without a toxicity from 0 to 1');
    const labels = new Map<string, number>();
    for (const label of listOf(result, api, 'Labels')) {
      if (typeof label.Name !== 'string' || !isScore(label.Score)) throw new ComprehendAnswerError(api, 'a label without a name or a score from 0 to 1');
      labels.set(label.Name, Math.max(label.Score, labels.get(label.Name) ?? 0));
    }
    return { toxicity: result.Toxicity, labels };
  });
}
