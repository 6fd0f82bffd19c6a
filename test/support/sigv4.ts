import { createHash, createHmac } from 'crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { RecordedRequest } from './fake-chime';

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

export const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'session-token' };

/**
 * Signs the received request again with CREDENTIALS, from the headers it says it signed and the
 * body actually received, for `service` in `region`, and compares the signatures.
 */
export async function signatureVerifies(request: RecordedRequest, region = 'us-east-1', service = 'chime'): Promise<boolean> {
  const auth = String(request.headers.authorization);
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(auth)?.[1].split(';') ?? [];
  const amzDate = String(request.headers['x-amz-date']);
  const date = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const [path, query] = request.url.split('?');
  const headers = Object.fromEntries(signedHeaders.filter((h) => h !== 'x-amz-date' && h !== 'authorization').map((h) => [h, String(request.headers[h])]));
  if (headers['x-amz-content-sha256']) headers['x-amz-content-sha256'] = createHash('sha256').update(request.body).digest('hex');
  const signer = new SignatureV4({ service, region, credentials: CREDENTIALS, sha256: Sha256 });
  const again: any = await signer.sign({
    method: request.method,
    protocol: 'https:',
    hostname: String(request.headers.host),
    path,
    query: Object.fromEntries(new URLSearchParams(query)),
    headers,
    body: request.body,
  } as any, { signingDate: date });
  return /Signature=([0-9a-f]+)/.exec(again.headers.authorization)?.[1] === /Signature=([0-9a-f]+)/.exec(auth)?.[1];
}
