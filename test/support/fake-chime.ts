import * as http from 'http';
import { AddressInfo } from 'net';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  /** The client's port: requests on one kept-alive connection share it. */
  readonly remotePort?: number;
}

/**
 * An answer: a status and JSON body (or a raw body), or a body of `streamBytes` bytes sent in
 * chunks for as long as the client reads, or a dropped connection, or an answer that comes late,
 * or none at all.
 */
export type Answer =
  | { status: number; body?: unknown; rawBody?: string; headers?: Record<string, string>; delayMs?: number }
  | { status: number; streamBytes: number; headers?: Record<string, string> }
  | { drop: true }
  | { never: true };

export type Responder = (request: RecordedRequest, attempt: number) => Answer;

export const ok: Responder = (request) => ({ status: 200, body: { CallbackId: JSON.parse(request.body || '{}').CallbackId } });

/** An error answer as the service sends it. */
export const fault = (status: number, type: string, message = type): Answer => ({
  status, body: { Code: type, Message: message }, headers: { 'x-amzn-errortype': type },
});

/** Answers from a script, one per request in order, then 200 for the rest. */
export const script = (...answers: Answer[]): Responder => (request, attempt) => answers[attempt - 1] ?? ok(request, attempt);

/**
 * The ChannelFlowCallback API, played by an HTTP server on 127.0.0.1, recording what it
 * receives. With `validate`, it refuses as the service would (400) every callback the
 * function finds fault with.
 */
export class FakeChime {
  public readonly requests: RecordedRequest[] = [];
  /** Requests whose connection the client closed before the answer was complete. */
  public abandoned = 0;
  /** Bytes of streamed bodies the server got to write before the client stopped reading. */
  public streamedBytes = 0;
  private server?: http.Server;
  private responder: Responder = ok;

  constructor(private readonly validate?: (request: RecordedRequest) => string[]) {}

  public get endpoint(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  public get port(): number {
    return (this.server!.address() as AddressInfo).port;
  }

  /** Answers from now on; the request count starts again from 1. */
  public respondWith(responder: Responder): void {
    this.responder = responder;
    this.requests.length = 0;
    this.abandoned = 0;
    this.streamedBytes = 0;
  }

  public async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        const recorded = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), remotePort: req.socket.remotePort };
        this.requests.push(recorded);
        res.on('close', () => { if (!res.writableFinished) this.abandoned++; });
        const violations = this.validate?.(recorded) ?? [];
        const answer = violations.length > 0
          ? fault(400, 'BadRequestException', `invalid callback: ${violations.join('; ')}`)
          : this.responder(recorded, this.requests.length);
        this.answer(req, res, answer);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse, answer: Answer): void {
    if ('never' in answer) return;
    if ('drop' in answer) {
      req.socket.destroy();
      return;
    }
    if ('streamBytes' in answer) {
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      const pump = () => {
        while (!res.destroyed && this.streamedBytes < answer.streamBytes) {
          this.streamedBytes += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      return pump();
    }
    const reply = () => {
      if (res.destroyed) return;
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.rawBody ?? (answer.body === undefined ? '' : JSON.stringify(answer.body)));
    };
    if (answer.delayMs) setTimeout(reply, answer.delayMs).unref();
    else reply();
  }

  public async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
