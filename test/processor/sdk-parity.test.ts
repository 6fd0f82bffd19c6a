import { createHash, createHmac } from 'crypto';
import { ChannelFlowCallbackCommand, ChimeSDKMessagingClient } from '@aws-sdk/client-chime-sdk-messaging';
import { SignatureV4 } from '@smithy/signature-v4';
import { FakeChime, RecordedRequest } from './fake-chime';
import { createCallbackSender } from '../../lambda/processor/client';
import { ChannelFlowCallbackRequest } from '../../src/core/decide';

class Sha256 {
  private readonly h: ReturnType<typeof createHash>;
  constructor(secret?: any) {
    this.h = (secret === undefined ? createHash('sha256') : createHmac('sha256', Buffer.from(secret))) as ReturnType<typeof createHash>;
  }
  update(data: any) {
    this.h.update(typeof data === 'string' ? data : Buffer.from(data));
  }
  async digest() {
    return this.h.digest();
  }
}

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'token' };

/** Signs the received request again, from the headers it says it signed, and compares signatures. */
async function signatureVerifies(request: RecordedRequest): Promise<boolean> {
  const auth = String(request.headers.authorization);
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(auth)![1].split(';');
  const amzDate = String(request.headers['x-amz-date']);
  const date = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const [path, query] = request.url.split('?');
  const headers = Object.fromEntries(signedHeaders.filter((h) => h !== 'x-amz-date' && h !== 'authorization').map((h) => [h, String(request.headers[h])]));
  // The payload's hash is taken from the body received, not from what the sender claims.
  if (headers['x-amz-content-sha256']) headers['x-amz-content-sha256'] = createHash('sha256').update(request.body).digest('hex');
  const signer = new SignatureV4({ service: 'chime', region: 'us-east-1', credentials: CREDENTIALS, sha256: Sha256 });
  const again: any = await signer.sign({
    method: request.method,
    protocol: 'http:',
    hostname: '127.0.0.1',
    path,
    query: Object.fromEntries(new URLSearchParams(query)),
    headers,
    body: request.body,
  } as any, { signingDate: date });
  return /Signature=([0-9a-f]+)/.exec(again.headers.authorization)![1] === /Signature=([0-9a-f]+)/.exec(auth)![1];
}

describe('the processor\'s callback client against the AWS SDK client', () => {
  const chime = new FakeChime();
  beforeAll(() => chime.start());
  afterAll(() => chime.stop());

  const requests: ChannelFlowCallbackRequest[] = [
    {
      CallbackId: '1f6e0b7d2c9a4e13b8d5a7c0e2f4b6d8',
      ChannelArn: 'arn:aws:chime:us-east-1:111122223333:app-instance/0f1e2d3c/channel/c0ffee00',
      ChannelMessage: {
        MessageId: 'msg-1',
        Content: 'héllo 😀 "quoted" \\ back',
        Metadata: '{"a":1}',
        SubChannelId: 'sub-1',
        ContentType: 'text/plain',
        MessageAttributes: { mentions: { StringValues: ['bob', 'ann'] } },
        PushNotification: { Title: 'Alice', Body: 'héllo…', Type: 'VOIP' },
      },
    },
    { CallbackId: 'a'.repeat(64), ChannelArn: 'arn:aws:chime:us-east-1:111122223333:app-instance/x/channel/y', DeleteResource: true, ChannelMessage: { MessageId: 'm' } },
  ];

  test.each(requests.map((r) => [r.DeleteResource ? 'a denial' : 'a full delivery', r]))('%s goes on the wire as the SDK sends it, with a valid signature', async (_, request) => {
    chime.respondWith((r) => ({ status: 200, body: { CallbackId: JSON.parse(r.body).CallbackId } }));
    const sdk = new ChimeSDKMessagingClient({ region: 'us-east-1', endpoint: chime.endpoint, credentials: CREDENTIALS });
    await sdk.send(new ChannelFlowCallbackCommand(request as any));
    await createCallbackSender({ region: 'us-east-1', endpoint: chime.endpoint, credentials: CREDENTIALS })(request as ChannelFlowCallbackRequest);
    const [theirs, ours] = chime.requests;
    expect(ours.method).toBe(theirs.method);
    expect(ours.url).toBe(theirs.url);
    expect(ours.headers['content-type']).toBe(theirs.headers['content-type']);
    expect(ours.headers['x-amz-security-token']).toBe(theirs.headers['x-amz-security-token']);
    expect(JSON.parse(ours.body)).toEqual(JSON.parse(theirs.body));
    expect(ours.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/us-east-1\/chime\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/);
    expect(await signatureVerifies(ours)).toBe(true);
    expect(await signatureVerifies(theirs)).toBe(true);
  });

  test('a tampered request does not verify, so the check above can fail', async () => {
    chime.respondWith((r) => ({ status: 200, body: { CallbackId: JSON.parse(r.body).CallbackId } }));
    await createCallbackSender({ region: 'us-east-1', endpoint: chime.endpoint, credentials: CREDENTIALS })(requests[1]);
    expect(await signatureVerifies({ ...chime.requests[0], body: chime.requests[0].body.replace('true', 'false') })).toBe(false);
  });

  test('error answers carry the type and status the SDK would give them', async () => {
    chime.respondWith(() => ({ status: 409, body: { Code: 'ConflictException', Message: 'race' }, headers: { 'x-amzn-errortype': 'ConflictException:http://internal.amazon.com/coral/com.amazonaws.chime/' } }));
    const ours: any = await createCallbackSender({ region: 'us-east-1', endpoint: chime.endpoint, credentials: CREDENTIALS })(requests[1]).catch((e) => e);
    const sdk = new ChimeSDKMessagingClient({ region: 'us-east-1', endpoint: chime.endpoint, credentials: CREDENTIALS, maxAttempts: 1 });
    const theirs = await sdk.send(new ChannelFlowCallbackCommand(requests[1] as any)).catch((e) => e);
    expect({ name: ours.name, status: ours.$metadata.httpStatusCode, message: ours.message })
      .toEqual({ name: theirs.name, status: theirs.$metadata.httpStatusCode, message: theirs.message });
  });
});
