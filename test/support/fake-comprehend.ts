/**
 * Amazon Comprehend's real-time APIs on 127.0.0.1, for the processor's wire tests: the request
 * checks (`comprehendRefusals`) and a model answer (`modelAnswer`), used with FakeChime's HTTP
 * server. The checks follow the API model (botocore comprehend/2017-11-27: JSON 1.1, the
 * operation in X-Amz-Target, Text and segments of at least one character) and the documented
 * limits (the text 100 KB, at most 10 segments of 1 KB, read strictly as 1,000 bytes), written
 * here from the documentation rather than from the library's constants, so that a wrong
 * constant fails the test.
 */
import { Answer, RecordedRequest } from './fake-chime';

export const TARGET_PREFIX = 'Comprehend_20171127.';
const LANGUAGE_CODES = ['en', 'es', 'fr', 'de', 'it', 'pt', 'ar', 'hi', 'ja', 'ko', 'zh', 'zh-TW'];
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

export function operationOf(request: RecordedRequest): string {
  return String(request.headers['x-amz-target'] ?? '').slice(TARGET_PREFIX.length);
}

function textProblems(text: unknown, what: string, maxBytes: number): string[] {
  if (typeof text !== 'string' || text.length === 0) return [`${what} must be a non-empty string`];
  return bytes(text) > maxBytes ? [`${what} is ${bytes(text)} bytes, over ${maxBytes}`] : [];
}

/** What the service would refuse in a request, as messages; none for a valid one. */
export function comprehendRefusals(request: RecordedRequest): string[] {
  const problems: string[] = [];
  if (request.method !== 'POST' || request.url !== '/') problems.push(`${request.method} ${request.url} is not POST /`);
  if (request.headers['content-type'] !== 'application/x-amz-json-1.1') problems.push(`content-type ${request.headers['content-type']}`);
  let body: any;
  try {
    body = JSON.parse(request.body);
  } catch {
    return [...problems, 'the body is not JSON'];
  }
  const fields = Object.keys(body).sort().join(',');
  switch (operationOf(request)) {
    case 'DetectDominantLanguage':
      if (fields !== 'Text') problems.push(`fields ${fields}`);
      return [...problems, ...textProblems(body.Text, 'Text', 100_000)];
    case 'DetectPiiEntities':
      if (fields !== 'LanguageCode,Text') problems.push(`fields ${fields}`);
      if (!['en', 'es'].includes(body.LanguageCode)) problems.push(`PII detection does not take LanguageCode ${body.LanguageCode}`);
      return [...problems, ...textProblems(body.Text, 'Text', 100_000)];
    case 'DetectToxicContent': {
      if (fields !== 'LanguageCode,TextSegments') problems.push(`fields ${fields}`);
      if (body.LanguageCode !== 'en') problems.push(`toxicity detection does not take LanguageCode ${body.LanguageCode}`);
      const segments = body.TextSegments;
      if (!Array.isArray(segments) || segments.length < 1 || segments.length > 10) return [...problems, 'TextSegments must hold 1 to 10 segments'];
      return [...problems, ...segments.flatMap((segment: any, i: number) => textProblems(segment?.Text, `TextSegments[${i}].Text`, 1000))];
    }
    default:
      return [...problems, `unknown X-Amz-Target ${request.headers['x-amz-target']}`];
  }
}

/** Words the model answer takes for a name, an insult, and Spanish. */
export const NAMES = ['Alice', 'Bob'];
export const INSULT = 'idiot';

/**
 * Answers as a small, fixed model would: NAME entities at each of NAMES (offsets in code
 * points), a toxicity of 0.9 with INSULT for segments holding INSULT, and the language `es` for
 * text with `hola`, `ja` for text with kana, else `en`.
 */
export function modelAnswer(request: RecordedRequest): Answer {
  const body = JSON.parse(request.body);
  switch (operationOf(request)) {
    case 'DetectPiiEntities': {
      const codePoints = [...body.Text as string];
      const entities = [];
      for (let i = 0; i < codePoints.length; i++) {
        for (const name of NAMES) {
          if (codePoints.slice(i, i + name.length).join('') === name) entities.push({ Type: 'NAME', Score: 0.99, BeginOffset: i, EndOffset: i + name.length });
        }
      }
      return { status: 200, body: { Entities: entities } };
    }
    case 'DetectToxicContent':
      return {
        status: 200,
        body: {
          ResultList: body.TextSegments.map(({ Text }: { Text: string }) => (Text.includes(INSULT)
            ? { Toxicity: 0.9, Labels: [{ Name: 'INSULT', Score: 0.9 }, { Name: 'PROFANITY', Score: 0.2 }] }
            : { Toxicity: 0.01, Labels: [{ Name: 'INSULT', Score: 0.01 }] })),
        },
      };
    default: {
      const code = /hola/i.test(body.Text) ? 'es' : /[\u3040-\u30ff]/.test(body.Text) ? 'ja' : 'en';
      return { status: 200, body: { Languages: [{ LanguageCode: code, Score: 0.97 }, { LanguageCode: LANGUAGE_CODES[3], Score: 0.01 }] } };
    }
  }
}

/** An error as Comprehend's JSON 1.1 protocol sends it. */
export const comprehendFault = (status: number, type: string): Answer => ({
  status, body: { __type: type, Message: `${type} from the stub` }, headers: { 'x-amzn-errortype': type },
});
