import * as http from 'http';
import { AddressInfo } from 'net';

export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export type Responder = (request: RecordedRequest, attempt: number) => { status: number; body?: unknown; headers?: Record<string, string> };

/** The ChannelFlowCallback API, played by an HTTP server on 127.0.0.1, recording what it receives. */
export class FakeChime {
  public readonly requests: RecordedRequest[] = [];
  private server?: http.Server;

  constructor(private responder: Responder = (request) => {
    const body = JSON.parse(request.body || '{}');
    return { status: 200, body: { CallbackId: body.CallbackId, ChannelArn: decodeURIComponent(request.url.split('?')[0].replace('/channels/', '')) } };
  }) {}

  public get endpoint(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  public respondWith(responder: Responder): void {
    this.responder = responder;
  }

  public async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        const recorded = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
        this.requests.push(recorded);
        const answer = this.responder(recorded, this.requests.length);
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
        res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  public async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
