/**
 * The processor's ChannelFlowCallback client: one SigV4-signed HTTPS POST, signed by the AWS
 * SDK's own signer (@smithy/signature-v4), over a keep-alive agent made once per container.
 *
 * It replaces the generated SDK client in the bundle: that client brings every protocol codec
 * and the whole default credential chain (about 470 KiB minified), where the processor sends
 * one request shape with the credentials Lambda puts in its environment. The wire tests hold
 * it to what the real SDK client sends.
 */
import { createHash, createHmac } from 'crypto';
import * as http from 'http';
import * as https from 'https';
import { SignatureV4 } from '@smithy/signature-v4';
import { Send } from './callback';
import { ChannelFlowCallbackRequest } from '../../src/core/decide';

/** A callback that has not answered by then is abandoned and retried (callback.ts). */
export const CALLBACK_TIMEOUTS = { connectionTimeout: 1000, requestTimeout: 3000 };

export interface CallbackClientOptions {
  readonly region?: string;
  /** The service endpoint. @default AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING, AWS_ENDPOINT_URL, or https://messaging-chime.REGION.amazonaws.com */
  readonly endpoint?: string;
  /** @default the AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN Lambda sets */
  readonly credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  readonly requestTimeout?: number;
  readonly connectionTimeout?: number;
}

/** SHA-256 (or its HMAC, given a secret) for the signer, from Node.js's crypto. */
type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData) => (typeof data === 'string' ? data
  : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data));

class NodeSha256 {
  private readonly hash: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  public update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  public async digest(): Promise<Uint8Array> {
    return this.hash.digest();
  }
}

/** An error answer of the API, shaped as the SDK shapes its service errors. */
export class ServiceError extends Error {
  constructor(public readonly name: string, message: string, public readonly $metadata: { httpStatusCode: number }) {
    super(message);
  }
}

export class TimeoutError extends Error {
  public readonly name = 'TimeoutError';
  /** True when no connection was made, so the request never reached the service. */
  constructor(message: string, public readonly notSent = false) {
    super(message);
  }
}

function credentialsFromEnv() {
  const { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: secretAccessKey, AWS_SESSION_TOKEN: sessionToken } = process.env;
  if (!accessKeyId || !secretAccessKey) throw new Error('no AWS credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)');
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

/** The error type of an answer: the x-amzn-errortype header, else the body's type, as the SDK reads it. */
function errorName(status: number, header: string | undefined, body: Record<string, unknown>): string {
  const raw = header ?? (body.__type as string | undefined) ?? (body.code as string | undefined) ?? (body.Code as string | undefined);
  return raw ? raw.split(':')[0].split('#').pop()! : `Http${status}Error`;
}

export function createCallbackSender(options: CallbackClientOptions = {}): Send {
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const endpoint = new URL(options.endpoint ?? process.env.AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING ?? process.env.AWS_ENDPOINT_URL
    ?? `https://messaging-chime.${region}.amazonaws.com`);
  const transport = endpoint.protocol === 'http:' ? http : https;
  const agent = new transport.Agent({ keepAlive: true, maxSockets: 50 });
  const signer = new SignatureV4({
    service: 'chime',
    region,
    credentials: async () => options.credentials ?? credentialsFromEnv(),
    sha256: NodeSha256,
  });
  const requestTimeout = options.requestTimeout ?? CALLBACK_TIMEOUTS.requestTimeout;
  const connectionTimeout = options.connectionTimeout ?? CALLBACK_TIMEOUTS.connectionTimeout;

  return async (request: ChannelFlowCallbackRequest) => {
    const body = JSON.stringify({
      CallbackId: request.CallbackId,
      ChannelMessage: request.ChannelMessage,
      ...(request.DeleteResource !== undefined ? { DeleteResource: request.DeleteResource } : {}),
    });
    // The signer's overloads take an HttpRequest; this literal is one, without the class.
    const signed = await signer.sign({
      method: 'POST',
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      port: endpoint.port ? Number(endpoint.port) : undefined,
      path: `${endpoint.pathname.replace(/\/$/, '')}/channels/${encodeURIComponent(request.ChannelArn)}`,
      query: { operation: 'channel-flow-callback' },
      headers: {
        'host': endpoint.host,
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
      },
      body,
    } as any) as unknown as { path: string; headers: Record<string, string> };
    return new Promise<unknown>((resolve, reject) => {
      const req = transport.request({
        method: 'POST',
        protocol: endpoint.protocol,
        hostname: endpoint.hostname,
        port: endpoint.port || undefined,
        path: `${signed.path}?operation=channel-flow-callback`,
        headers: signed.headers,
        agent,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('error', (error) => {
          clearTimeout(timer);
          reject(error);
        });
        res.on('end', () => {
          clearTimeout(timer);
          const status = res.statusCode ?? 0;
          let parsed: Record<string, unknown> = {};
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') ?? {};
          } catch {
            // A body that is not JSON leaves the status to tell what happened.
          }
          if (status >= 200 && status < 300) return resolve(parsed);
          const header = res.headers['x-amzn-errortype'];
          return reject(new ServiceError(errorName(status, Array.isArray(header) ? header[0] : header, parsed),
            String(parsed.Message ?? parsed.message ?? ''), { httpStatusCode: status }));
        });
      });
      const timer = setTimeout(() => req.destroy(new TimeoutError(`no answer within ${requestTimeout} ms`)), requestTimeout);
      req.on('socket', (socket) => {
        if (socket.connecting) {
          socket.setTimeout(connectionTimeout, () => req.destroy(new TimeoutError(`no connection within ${connectionTimeout} ms`, true)));
          socket.once('connect', () => socket.setTimeout(0));
        }
      });
      req.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      req.end(body);
    });
  };
}
