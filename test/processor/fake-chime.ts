import * as http from 'http';
import { AddressInfo } from 'net';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** An answer: a status and body, or a dropped connection, or an answer that comes late. */
export type Answer =
  | { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  | { drop: true };

export type Responder = (request: RecordedRequest, attempt: number) => Answer;

export const ok: Responder = (request) => ({ status: 200, body: { CallbackId: JSON.parse(request.body || '{}').CallbackId } });

/** An error answer as the service sends it. */
export const fault = (status: number, type: string, message = type): Answer => ({
  status, body: { Code: type, Message: message }, headers: { 'x-amzn-errortype': type },
});

/** Answers from a script, one per request in order, then 200 for the rest. */
export const script = (...answers: Answer[]): Responder => (request, attempt) => answers[attempt - 1] ?? ok(request, attempt);

/** The ChannelFlowCallback API, played by an HTTP server on 127.0.0.1, recording what it receives. */
export class FakeChime {
  public readonly requests: RecordedRequest[] = [];
  private server?: http.Server;
  private responder: Responder = ok;

  public get endpoint(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Answers from now on; the request count starts again from 1. */
  public respondWith(responder: Responder): void {
    this.responder = responder;
    this.requests.length = 0;
  }

  public async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        const recorded = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.requests.push(recorded);
        const answer = this.responder(recorded, this.requests.length);
        if ('drop' in answer) {
          req.socket.destroy();
          return;
        }
        const reply = () => {
          if (res.destroyed) return;
          res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
          res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
        };
        if (answer.delayMs) setTimeout(reply, answer.delayMs).unref();
        else reply();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  public async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
