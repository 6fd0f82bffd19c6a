import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { toxicRequests, toxicSegments } from '../../../lambda/processor/comprehend/segments';
import { ComprehendDocument, PolicyDocument } from '../../../src/core/document';
import { documentOf } from '../../support/arbitraries';
import { callbackViolations } from '../../support/callback-limits';
import { Answer, FakeChime, ok, RecordedRequest, Responder } from '../../support/fake-chime';
import { comprehendFault, comprehendRefusals, INSULT, modelAnswer, operationOf } from '../../support/fake-comprehend';
import { ROOT, sampleEvent } from '../../support/fixtures';
import { runProcessor } from '../../support/run-processor';
import { signatureVerifies } from '../../support/sigv4';

const utf8 = (text: string) => Buffer.byteLength(text, 'utf8');

describe('toxicity segments', () => {
  test('are the text, in order, each within 1,000 UTF-8 bytes, at most 10 a request', () => {
    const piece = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom('. ', '。', '! ', '\n', '語'.repeat(500)));
    fc.assert(fc.property(fc.array(piece, { maxLength: 200 }).map((parts) => parts.join('')), (text) => {
      const requests = toxicRequests(text);
      expect(requests.flat().join('')).toBe(text);
      for (const request of requests) expect(request.length).toBeLessThanOrEqual(10);
      for (const segment of requests.flat()) {
        expect(segment.length).toBeGreaterThan(0);
        expect(utf8(segment)).toBeLessThanOrEqual(1000);
      }
    }));
  });

  test('a 4 KB message of CJK text (12 KB in UTF-8) is cut between sentences, into two requests', () => {
    const sentence = `${'語'.repeat(99)}。`;
    const text = sentence.repeat(41).slice(0, 4096);
    const segments = toxicSegments(text);
    // Three sentences of 300 bytes fit a segment, a fourth would not.
    expect(segments.slice(0, -1).every((segment) => segment.endsWith('。') && utf8(segment) === 900)).toBe(true);
    expect(toxicRequests(text).map((request) => request.length)).toEqual([10, 4]);
  });

  test('a sentence longer than a segment is cut between graphemes, never inside one', () => {
    const family = '👩‍👩‍👧‍👦';
    const segments = toxicSegments(family.repeat(100));
    expect(segments.every((segment) => segment.length % family.length === 0)).toBe(true);
  });
});

const EN: ComprehendDocument = { languageCode: 'en', unsupportedLanguage: 'onError' };
const MODERATED: PolicyDocument = documentOf({
  onError: 'deny',
  comprehend: EN,
  moderation: { deny: [{ type: 'toxicContent', threshold: 0.5 }], redact: [{ kind: 'piiEntities', minScore: 0.5 }] },
  messageAttributes: [{ op: 'fromDominantLanguage', name: 'language' }],
});

const withContent = (Content: string) => {
  const event = sampleEvent('message-basic');
  event.ChannelMessage.Content = Content;
  return event;
};

/** Answers by operation: each operation's own script (its n-th request), then the model answer. */
const byOperation = (scripts: Record<string, Answer[] | ((request: RecordedRequest) => Answer)>): Responder => {
  const seen = new Map<string, number>();
  return (request) => {
    const operation = operationOf(request);
    const n = (seen.get(operation) ?? 0) + 1;
    seen.set(operation, n);
    const script = scripts[operation];
    if (typeof script === 'function') return script(request);
    return script?.[n - 1] ?? modelAnswer(request);
  };
};

describe('the Comprehend processor bundle on the wire (real SDK clients, stubs on 127.0.0.1)', () => {
  let arrived: { ChannelMessage: { Content?: string } } | undefined;
  const violations = (request: RecordedRequest) => callbackViolations({ ...JSON.parse(request.body), ChannelArn: 'arn:aws:chime:us-east-1:1:x' },
    arrived?.ChannelMessage);
  const chime = new FakeChime(violations);
  const comprehend = new FakeChime(comprehendRefusals);
  beforeAll(async () => { await chime.start(); await comprehend.start(); });
  afterAll(async () => { await chime.stop(); await comprehend.stop(); });
  beforeEach(() => {
    chime.respondWith(ok);
    comprehend.respondWith(modelAnswer);
  });

  const run = (events: any[], policy: PolicyDocument = MODERATED, remainingMs?: number) => (arrived = events[0], runProcessor({
    bundle: 'processor-comprehend',
    policy,
    events,
    remainingMs,
    env: { AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING: chime.endpoint, AWS_ENDPOINT_URL_COMPREHEND: comprehend.endpoint },
  }));
  const callback = (i = 0) => JSON.parse(chime.requests[i].body);
  const comprehendMetrics = (lines: any[]) => Object.fromEntries(lines.filter((l) => l.ComprehendApi).map((l) => [l.ComprehendApi, l]));

  afterEach(() => {
    // Every request the processor sent, whatever the scenario, is one the API accepts.
    expect(comprehend.requests.flatMap(comprehendRefusals)).toEqual([]);
    expect(chime.requests.flatMap(violations)).toEqual([]);
  });

  test('asks what the policy needs in parallel, signed for comprehend, and decides with the answers', async () => {
    const { stdout, lines } = await run([withContent('Meet Alice at noon')]);
    expect(stdout).toContain('RESULT ok');
    expect(comprehend.requests.map(operationOf).sort()).toEqual(['DetectDominantLanguage', 'DetectPiiEntities', 'DetectToxicContent']);
    for (const request of comprehend.requests) {
      expect(request.headers['x-amz-target']).toMatch(/^Comprehend_20171127\.Detect/);
      expect(await signatureVerifies(request, 'us-east-1', 'comprehend')).toBe(true);
    }
    expect(callback().ChannelMessage).toMatchObject({ Content: 'Meet [NAME] at noon', MessageAttributes: { language: { StringValues: ['en'] } } });
    expect(comprehendMetrics(lines)).toEqual({
      DetectDominantLanguage: expect.objectContaining({ ComprehendCalls: 1, ComprehendFailures: 0, ComprehendLatency: expect.any(Number) }),
      DetectPiiEntities: expect.objectContaining({ ComprehendCalls: 1, ComprehendFailures: 0 }),
      DetectToxicContent: expect.objectContaining({ ComprehendCalls: 1, ComprehendFailures: 0 }),
    });
    // Never the content, an entity's text, nor a score tied to it.
    expect(stdout).not.toMatch(/Alice|noon|0\.99/);
  });

  test('denies a toxic message', async () => {
    await run([withContent(`you ${INSULT}`)]);
    expect(callback()).toMatchObject({ DeleteResource: true });
  });

  test('makes no call for a message a cheaper rule already denies', async () => {
    const policy = { ...MODERATED, moderation: { ...MODERATED.moderation, deny: [{ type: 'contentContainsAny' as const, words: ['spam'] }, ...MODERATED.moderation.deny] } };
    await run([withContent('buy spam now, Alice')], policy);
    expect(comprehend.requests).toHaveLength(0);
    expect(callback().DeleteResource).toBe(true);
  });

  test('checks a 4 KB CJK message whole, in two toxicity requests of at most 10 segments', async () => {
    const text = `${'語'.repeat(99)}。`.repeat(41).slice(0, 4096);
    await run([withContent(text)]);
    const toxicity = comprehend.requests.filter((r) => operationOf(r) === 'DetectToxicContent').map((r) => JSON.parse(r.body).TextSegments);
    expect(toxicity.map((segments) => segments.length).sort()).toEqual([10, 4]);
    expect(toxicity.flat().map((s: { Text: string }) => s.Text).join('').length).toBe(4096);
    expect(callback().DeleteResource).toBeUndefined();
  });

  test('rides out throttles and faults within the deadline', async () => {
    comprehend.respondWith(byOperation({
      DetectPiiEntities: [comprehendFault(429, 'TooManyRequestsException'), comprehendFault(500, 'InternalServerException')],
    }));
    const { lines } = await run([withContent('Meet Bob')]);
    expect(callback().ChannelMessage.Content).toBe('Meet [NAME]');
    expect(comprehendMetrics(lines).DetectPiiEntities).toMatchObject({ ComprehendCalls: 3, ComprehendFailures: 0 });
  });

  test.each([
    ['throttled until the deadline', [comprehendFault(429, 'TooManyRequestsException')], 'TooManyRequestsException'],
    ['a fault on every attempt', [comprehendFault(500, 'InternalServerException')], 'InternalServerException'],
    ['an answer that never comes', [{ never: true }], 'AttemptTimeoutError'],
    ['an answer that is not JSON', [{ status: 200, rawBody: 'not json' }], undefined],
    ['an answer of another shape', [{ status: 200, body: { Entities: 'Bob' } }], 'ComprehendAnswerError'],
    ['offsets past the text in code points, inside it in UTF-16 units', [{ status: 200, body: { Entities: [{ Type: 'NAME', Score: 0.9, BeginOffset: 4, EndOffset: 7 }] } }],
      'ComprehendAnswerError'],
    ['a refusal', [comprehendFault(400, 'InvalidRequestException')], 'InvalidRequestException'],
  ] as Array<[string, Answer[], string | undefined]>)('answers by onError (deny) after %s, and says which API failed', async (_, answers, errorName) => {
    const forever = answers.length === 1 ? () => answers[0] : undefined;
    comprehend.respondWith(byOperation({ DetectPiiEntities: forever ?? answers }));
    const started = Date.now();
    const { stdout, lines } = await run([withContent('😀😀 Bob')], MODERATED, 11_000);
    expect(stdout).toContain('RESULT ok');
    // The Comprehend calls stop with time left for the callback: 11 s less its 9 s reserve.
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(callback()).toMatchObject({ DeleteResource: true });
    const warning = lines.find((l) => l.message?.startsWith('Amazon Comprehend failed'));
    expect(warning).toMatchObject({ level: 'WARN', api: 'DetectPiiEntities', ...(errorName ? { errorName } : {}) });
    expect(comprehendMetrics(lines).DetectPiiEntities).toMatchObject({ ComprehendFailures: 1 });
    expect(lines.find((l) => l.MessagesProcessed)).toMatchObject({ MessagesDenied: 1, PolicyErrors: 1 });
    expect(stdout).not.toContain('Bob');
  }, 20_000);

  test('found in review: the API that failed is the one blamed; a call aborted for it is not counted as failed', async () => {
    comprehend.respondWith(byOperation({
      DetectToxicContent: () => comprehendFault(400, 'InvalidRequestException'),
      DetectPiiEntities: () => ({ status: 200, body: { Entities: [] }, delayMs: 800 }),
    }));
    const { lines } = await run([withContent('Meet Bob')]);
    expect(lines.find((l) => l.message?.startsWith('Amazon Comprehend failed'))).toMatchObject({ api: 'DetectToxicContent', errorName: 'InvalidRequestException' });
    expect(comprehendMetrics(lines)).toMatchObject({ DetectToxicContent: { ComprehendFailures: 1 }, DetectPiiEntities: { ComprehendFailures: 0 } });
    expect(callback()).toMatchObject({ DeleteResource: true });
  });

  test('asks in the detected language; a language an API does not analyze is handled as the policy says', async () => {
    const detect = (unsupportedLanguage: ComprehendDocument['unsupportedLanguage']): PolicyDocument => ({
      ...MODERATED, comprehend: { languageCode: 'detect', unsupportedLanguage },
    });
    await run([withContent('hola Bob')], detect('notDetected'));
    const asked = comprehend.requests.map((r) => [operationOf(r), JSON.parse(r.body).LanguageCode]);
    // Language first; PII in Spanish; no toxicity call (English only), so its rule finds nothing.
    expect(asked).toEqual([['DetectDominantLanguage', undefined], ['DetectPiiEntities', 'es']]);
    expect(callback().ChannelMessage.Content).toBe('hola [NAME]');

    comprehend.respondWith(modelAnswer);
    chime.respondWith(ok);
    await run([withContent('hola Bob')], detect('onError'));
    expect(callback()).toMatchObject({ DeleteResource: true });
  });
});

describe('the Comprehend stub\'s checks', () => {
  const request = (operation: string, body: object): RecordedRequest => ({
    method: 'POST',
    url: '/',
    body: JSON.stringify(body),
    headers: { 'x-amz-target': `Comprehend_20171127.${operation}`, 'content-type': 'application/x-amz-json-1.1' },
  });

  test('refuse what the service would: over-limit segment lists, long segments, languages an API does not take', () => {
    const segments = (count: number, text = 'hi') => Array.from({ length: count }, () => ({ Text: text }));
    expect(comprehendRefusals(request('DetectToxicContent', { TextSegments: segments(10), LanguageCode: 'en' }))).toEqual([]);
    expect(comprehendRefusals(request('DetectToxicContent', { TextSegments: segments(11), LanguageCode: 'en' }))).toEqual(['TextSegments must hold 1 to 10 segments']);
    expect(comprehendRefusals(request('DetectToxicContent', { TextSegments: segments(1, '語'.repeat(334)), LanguageCode: 'en' })))
      .toEqual(['TextSegments[0].Text is 1002 bytes, over 1000']);
    expect(comprehendRefusals(request('DetectToxicContent', { TextSegments: segments(1), LanguageCode: 'es' }))).toHaveLength(1);
    expect(comprehendRefusals(request('DetectPiiEntities', { Text: '', LanguageCode: 'en' }))).toEqual(['Text must be a non-empty string']);
    expect(comprehendRefusals(request('DetectPiiEntities', { Text: 'hi', LanguageCode: 'fr' }))).toHaveLength(1);
    expect(comprehendRefusals(request('DetectDominantLanguage', { Text: 'hi', LanguageCode: 'en' }))).toEqual(['fields LanguageCode,Text']);
  });
});

describe('bundles', () => {
  const code = (bundle: string) => fs.readFileSync(path.join(ROOT, 'assets', bundle, 'index.js'), 'utf8');

  test('the plain processor has no Comprehend client, and refuses a policy that needs one', async () => {
    expect(code('processor')).not.toContain('Comprehend_20171127');
    expect(code('processor-comprehend')).toContain('Comprehend_20171127');
    const { stdout } = await runProcessor({ bundle: 'processor', policy: MODERATED, events: [] }).catch((error) => ({ stdout: String(error) }));
    expect(stdout).toContain('this processor bundle has no Amazon Comprehend client');
  });
});
