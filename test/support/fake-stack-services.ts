import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';
import { Answer, fault, FakeChime, RecordedRequest } from './fake-chime';
import { ROOT } from './fixtures';
import { CREDENTIALS, signatureVerifies } from './sigv4';

/** The stack as CloudFormation's API describes it to the disassociation handler. */
export interface StackScenario {
  readonly status: string;
  readonly retainExceptOnCreate?: boolean;
  /** What GetTemplate answers: the stack's template now. */
  readonly template: { Resources: Record<string, unknown> };
  /** DescribeStackResource's physical id for each logical id the stack has. */
  readonly physicalIds: Record<string, string>;
}

export interface ChannelScenario {
  /** Channels associated with the flow, in listing order. */
  readonly channels: readonly string[];
  /** How long each messaging call takes to answer. */
  readonly delayMs?: number;
  /** A fault for this disassociation (its nth attempt), or undefined to let it through. */
  readonly disassociateFault?: (channelArn: string, attempt: number, inFlight: number) => Answer | undefined;
  /** An answer for this listing page instead of the channels', or undefined. */
  readonly listPage?: (nextToken: string | undefined, page: number) => Answer | undefined;
  /** Called after each complete listing (its number, from 1), to change the channels during a run. */
  readonly afterListing?: (listing: number, associated: string[]) => void;
  /** An answer for Lambda's Invoke instead of 202, or undefined. */
  readonly invokeFault?: () => Answer | undefined;
  /** Called before each listing's first page (its number, from 1). */
  readonly beforeListing?: (listing: number, associated: string[]) => void;
}

/** The API model's ChimeArn: 5-1600 characters. */
const CHIME_ARN = /^arn:[a-z0-9-.]{1,63}:[a-z0-9-.]{0,63}:[a-z0-9-.]{0,63}:[a-z0-9-.]{0,63}:[^/].{0,1023}$/;
const chimeArn = (value: string | null | undefined) => typeof value === 'string' && value.length >= 5 && value.length <= 1600 && CHIME_ARN.test(value);
/** Lambda's limit on an asynchronous invocation's payload. */
const ASYNC_PAYLOAD_MAX_BYTES = 256 * 1024;

const xml = (action: string, result: string): Answer => ({
  status: 200,
  headers: { 'content-type': 'text/xml' },
  rawBody: `<${action}Response xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><${action}Result>${result}</${action}Result>`
    + `<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${action}Response>`,
});
const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const cfnError = (code: string, message: string): Answer => ({
  status: 400,
  headers: { 'content-type': 'text/xml' },
  rawBody: `<ErrorResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><Error><Type>Sender</Type><Code>${code}</Code>`
    + `<Message>${escapeXml(message)}</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
});

/**
 * The services the disassociation handler calls, played by one HTTP server on 127.0.0.1: the
 * messaging endpoints (ListChannelsAssociatedWithChannelFlow, DisassociateChannelFlow) over a
 * list of associated channels, CloudFormation's DescribeStacks, GetTemplate and
 * DescribeStackResource over a stack scenario, Lambda's Invoke (recorded, not run), and the
 * response URL. Each request is checked against the API model's constraints; what breaks one
 * is listed in `violations` and refused.
 */
export class FakeStackServices {
  public readonly http = new FakeChime();
  public associated: string[] = [];
  public readonly violations: string[] = [];
  public readonly invocations: any[] = [];
  public readonly answers: string[] = [];
  public inFlight = 0;
  public peakInFlight = 0;
  public listings = 0;
  private readonly attempts = new Map<string, number>();
  private listPages = 0;

  constructor(private stack: StackScenario, private channels: ChannelScenario) {}

  public get endpoint(): string {
    return this.http.endpoint;
  }

  public async start(): Promise<this> {
    await this.http.start();
    this.use(this.stack, this.channels);
    return this;
  }

  public async stop(): Promise<void> {
    await this.http.stop();
  }

  /** A new scenario; everything recorded starts again. */
  public use(stack: StackScenario, channels: ChannelScenario): void {
    this.stack = stack;
    this.channels = channels;
    this.associated = [...channels.channels];
    this.violations.length = 0;
    this.invocations.length = 0;
    this.answers.length = 0;
    this.attempts.clear();
    this.inFlight = this.peakInFlight = this.listings = this.listPages = 0;
    this.http.respondWith((request) => this.answer(request));
  }

  /** The disassociations the service carried out, in order. */
  public get requests(): RecordedRequest[] {
    return this.http.requests;
  }

  /** Requests whose SigV4 signature does not verify for their service (a sample of `every`th). */
  public async unsignedRequests(every = 1): Promise<string[]> {
    const signed = this.http.requests.filter((r) => r.method !== 'PUT').filter((_, i) => i % every === 0);
    const bad: string[] = [];
    for (const request of signed) {
      const service = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\//.exec(String(request.headers.authorization));
      if (!service || !(await signatureVerifies(request, service[1], service[2]))) bad.push(`${request.method} ${request.url}`);
    }
    return bad;
  }

  private refuse(problem: string): Answer {
    this.violations.push(problem);
    return fault(400, 'BadRequestException', problem);
  }

  private answer(request: RecordedRequest): Answer {
    const url = new URL(request.url, 'http://stub');
    if (request.method === 'PUT' && url.pathname === '/response') {
      this.answers.push(request.body);
      return { status: 200 };
    }
    if (request.method === 'POST' && url.pathname.startsWith('/2015-03-31/functions/')) return this.invoke(request);
    if (request.method === 'POST' && url.pathname === '/') return this.cloudFormation(new URLSearchParams(request.body));
    if (request.method === 'GET' && url.pathname === '/channels') return this.list(url.searchParams);
    if (request.method === 'DELETE' && url.pathname.startsWith('/channels/')) return this.disassociate(url, request);
    if (request.method === 'PUT' && /^\/channels\/[^/]+\/channel-flow$/.test(url.pathname)) return this.associate(url, request);
    return this.refuse(`unexpected ${request.method} ${request.url}`);
  }

  private list(query: URLSearchParams): Answer {
    const flow = query.get('channel-flow-arn');
    const max = Number(query.get('max-results'));
    const token = query.get('next-token') ?? undefined;
    if (!chimeArn(flow)) return this.refuse(`ChannelFlowArn ${flow} is not a ChimeArn`);
    if (!Number.isInteger(max) || max < 1 || max > 50) return this.refuse(`MaxResults ${query.get('max-results')} is not 1-50`);
    if (token !== undefined && (token.length < 0 || token.length > 2048)) return this.refuse('NextToken longer than 2048');
    if (token === undefined) this.channels.beforeListing?.(this.listings + 1, this.associated);
    const page = ++this.listPages;
    const override = this.channels.listPage?.(token, page);
    if (override) return override;
    const offset = token ? Number(token.slice(1)) : 0;
    const channels = this.associated.slice(offset, offset + max);
    const more = offset + max < this.associated.length;
    if (!more) {
      this.listings++;
      this.listPages = 0;
      this.channels.afterListing?.(this.listings, this.associated);
    }
    return {
      status: 200,
      delayMs: this.channels.delayMs,
      body: { Channels: channels.map((arn) => ({ ChannelArn: arn, Name: arn.split('/').pop(), Mode: 'RESTRICTED', Privacy: 'PRIVATE' })), ...(more ? { NextToken: `t${offset + max}` } : {}) },
    };
  }

  private disassociate(url: URL, request: RecordedRequest): Answer {
    const [, , channel, flowWord, flow] = url.pathname.split('/');
    const channelArn = decodeURIComponent(channel ?? '');
    const bearer = request.headers['x-amz-chime-bearer'];
    if (flowWord !== 'channel-flow' || !chimeArn(channelArn) || !chimeArn(decodeURIComponent(flow ?? ''))) return this.refuse(`bad path ${url.pathname}`);
    if (typeof bearer !== 'string' || !chimeArn(bearer)) return this.refuse(`ChimeBearer ${bearer} is not a ChimeArn`);
    const attempt = (this.attempts.get(channelArn) ?? 0) + 1;
    this.attempts.set(channelArn, attempt);
    this.inFlight++;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    const delayMs = this.channels.delayMs ?? 0;
    const settle = () => { this.inFlight--; };
    if (delayMs > 0) setTimeout(settle, delayMs).unref();
    const planned = this.channels.disassociateFault?.(channelArn, attempt, this.inFlight);
    if (planned) {
      if (delayMs === 0) settle();
      return 'status' in planned ? { ...planned, delayMs } : planned;
    }
    const at = this.associated.indexOf(channelArn);
    if (delayMs === 0) settle();
    if (at < 0) return { ...fault(404, 'NotFoundException', 'The channel is not associated with the channel flow'), delayMs };
    this.associated.splice(at, 1);
    return { status: 204, delayMs };
  }

  /** AssociateChannelFlow: the channel joins the flow's channels (the stub's flow is the one named). */
  private associate(url: URL, request: RecordedRequest): Answer {
    const channelArn = decodeURIComponent(url.pathname.split('/')[2]);
    const bearer = request.headers['x-amz-chime-bearer'];
    const flow = (JSON.parse(request.body || '{}') as { ChannelFlowArn?: string }).ChannelFlowArn;
    if (!chimeArn(channelArn) || !chimeArn(flow)) return this.refuse(`bad AssociateChannelFlow of ${channelArn} and ${flow}`);
    if (typeof bearer !== 'string' || !chimeArn(bearer)) return this.refuse(`ChimeBearer ${bearer} is not a ChimeArn`);
    const attempt = (this.attempts.get(channelArn) ?? 0) + 1;
    this.attempts.set(channelArn, attempt);
    const planned = this.channels.disassociateFault?.(channelArn, attempt, 0);
    if (planned) return planned;
    if (!this.associated.includes(channelArn)) this.associated.push(channelArn);
    return { status: 200 };
  }

  private cloudFormation(form: URLSearchParams): Answer {
    const stackName = form.get('StackName');
    if (!stackName) return this.refuse('StackName is required');
    switch (form.get('Action')) {
      case 'DescribeStacks':
        return xml('DescribeStacks', '<Stacks><member><StackName>Chat</StackName>'
          + `<StackId>${escapeXml(stackName)}</StackId><StackStatus>${this.stack.status}</StackStatus>`
          + `<CreationTime>2026-11-24T00:00:00Z</CreationTime><RetainExceptOnCreate>${this.stack.retainExceptOnCreate === true}</RetainExceptOnCreate>`
          + '</member></Stacks>');
      case 'GetTemplate':
        return xml('GetTemplate', `<TemplateBody>${escapeXml(JSON.stringify(this.stack.template))}</TemplateBody>`);
      case 'DescribeStackResource': {
        const logicalId = form.get('LogicalResourceId');
        if (!logicalId) return this.refuse('LogicalResourceId is required');
        const physicalId = this.stack.physicalIds[logicalId];
        if (physicalId === undefined) return cfnError('ValidationError', `Resource ${logicalId} does not exist for stack Chat`);
        return xml('DescribeStackResource', `<StackResourceDetail><LogicalResourceId>${escapeXml(logicalId)}</LogicalResourceId>`
          + `<PhysicalResourceId>${escapeXml(physicalId)}</PhysicalResourceId><ResourceType>AWS::Chime::ChannelFlow</ResourceType>`
          + '<LastUpdatedTimestamp>2026-11-24T00:00:00Z</LastUpdatedTimestamp><ResourceStatus>UPDATE_COMPLETE</ResourceStatus></StackResourceDetail>');
      }
      default:
        return this.refuse(`unexpected CloudFormation action ${form.get('Action')}`);
    }
  }

  private invoke(request: RecordedRequest): Answer {
    if (request.headers['x-amz-invocation-type'] !== 'Event') return this.refuse('the handler carries on with an asynchronous (Event) invocation');
    if (Buffer.byteLength(request.body) > ASYNC_PAYLOAD_MAX_BYTES) return this.refuse('payload over 256 KB');
    const planned = this.channels.invokeFault?.();
    if (planned) return planned;
    this.invocations.push(JSON.parse(request.body));
    return { status: 202 };
  }
}

export const BUNDLE = path.join(ROOT, 'assets', 'disassociate', 'index.js');

/** The app instance, flows, bearer and stack the custom resource tests play with. */
export const STUB_APP = 'arn:aws:chime:us-east-1:111122223333:app-instance/app-1';
export const STUB_FLOW = `${STUB_APP}/channel-flow/flow-1`;
export const STUB_NEW_FLOW = `${STUB_APP}/channel-flow/flow-2`;
export const STUB_BEARER = `${STUB_APP}/user/admin`;
export const STUB_STACK_ID = 'arn:aws:cloudformation:us-east-1:111122223333:stack/Chat/1';
export const stubChannel = (n: number) => `${STUB_APP}/channel/c${n}`;
export const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:111122223333:function:Chat-FlowDisassociationHandler';

/**
 * Runs the pre-bundled handler as Lambda would, in a new Node.js process (one container): each
 * event in turn, with `remainingMs` left of each invocation. Resolves with the process's peak
 * memory, in MB.
 */
export async function runBundle(services: FakeStackServices, events: readonly unknown[], remainingMs = 300_000, bundle = BUNDLE)
  : Promise<{ peakMb: number; stdout: string }> {
  const program = `const { handler } = require(${JSON.stringify(bundle)});
    (async () => {
      for (const event of ${JSON.stringify(events)}) {
        const end = Date.now() + ${remainingMs};
        await handler(event, { getRemainingTimeInMillis: () => end - Date.now(), invokedFunctionArn: ${JSON.stringify(FUNCTION_ARN)} });
      }
      // The process's own peak resident memory (getrusage's would count the forked parent's).
      console.log('peakKb=' + /VmHWM:\\s*(\\d+)/.exec(require('fs').readFileSync('/proc/self/status', 'utf8'))[1]);
    })().catch((e) => { console.error(e); process.exitCode = 1; });`;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', program], {
    env: {
      PATH: process.env.PATH!,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
      AWS_SESSION_TOKEN: CREDENTIALS.sessionToken,
      AWS_ENDPOINT_URL_CHIME_SDK_MESSAGING: services.endpoint,
      AWS_ENDPOINT_URL_CLOUDFORMATION: services.endpoint,
      AWS_ENDPOINT_URL_LAMBDA: services.endpoint,
    },
    maxBuffer: 16 * 1024 * 1024,
  });
  return { peakMb: Number(/peakKb=(\d+)/.exec(stdout)![1]) / 1024, stdout };
}
