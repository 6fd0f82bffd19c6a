import * as fs from 'fs';
import * as path from 'path';
import { App, Duration, Errors, Lazy, Stack, aws_lambda as lambda, aws_logs as logs } from 'aws-cdk-lib';
import {
  AllowNotifications, ChannelFlow, ChannelFlowErrorCode, ChannelFlowProps, Condition, MessageAttributePolicy, MessageAttributeRule, ModerationPolicy,
  PolicySimulator, PushNotificationFilter,
} from '../src';
import { withMessage } from './support/decisions';
import { APP_INSTANCE_ARN, ROOT } from './support/fixtures';
import { prebundledHandler } from '../src/private/prebundled';

const stack = (props: object = {}) => new Stack(new App(), 'Test', props);
const flow = (props: Partial<ChannelFlowProps> = {}, scope = stack()) => new ChannelFlow(scope, 'Flow', { appInstanceArn: APP_INSTANCE_ARN, ...props });
const someFunction = (scope: Stack) => new lambda.Function(scope, 'Mine', {
  runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};'),
});
const simulator = PolicySimulator.fromPolicies({ moderation: ModerationPolicy.of({ deny: [Condition.toxicContent()] }) });

/**
 * One way to meet each error code, by the public entry points a user calls. Keyed by the codes,
 * so a code added to ChannelFlowErrorCode does not compile until it has its case here.
 */
const CASES = {
  [ChannelFlowErrorCode.INVALID_APP_INSTANCE_ARN]: () => flow({ appInstanceArn: 'not-an-arn' }),
  [ChannelFlowErrorCode.ENVIRONMENT_MISMATCH]: () => flow({}, stack({ env: { account: '111122223333', region: 'eu-central-1' } })),
  [ChannelFlowErrorCode.INVALID_CHANNEL_FLOW_ARN]: () => ChannelFlow.fromChannelFlowArn(stack(), 'Imported', 'not-an-arn'),
  [ChannelFlowErrorCode.INVALID_NAME]: () => flow({ channelFlowName: 'chat\u0001flow' }),
  [ChannelFlowErrorCode.MANAGED_PROCESSOR_OPTION]: () => {
    const s = stack();
    flow({ processor: someFunction(s), memorySize: 512 }, s);
  },
  [ChannelFlowErrorCode.INVALID_RUNTIME]: () => flow({ runtime: lambda.Runtime.PYTHON_3_13 }),
  [ChannelFlowErrorCode.LOG_GROUP_CONFLICT]: () => {
    const s = stack();
    flow({ logGroup: new logs.LogGroup(s, 'Logs'), logRetention: logs.RetentionDays.ONE_DAY }, s);
  },
  [ChannelFlowErrorCode.TIMEOUT_TOO_SHORT]: () => flow({ timeout: Duration.seconds(5) }),
  [ChannelFlowErrorCode.TIMEOUT_TOO_LONG]: () => flow({ timeout: Duration.minutes(16) }),
  [ChannelFlowErrorCode.INVALID_MEMORY_SIZE]: () => flow({ memorySize: 64 }),
  [ChannelFlowErrorCode.INVALID_RESERVED_CONCURRENCY]: () => flow({ reservedConcurrentExecutions: -1 }),
  [ChannelFlowErrorCode.INVALID_MAX_EVENT_AGE]: () => flow({ maxEventAge: Duration.seconds(30) }),
  [ChannelFlowErrorCode.INVALID_RETRY_ATTEMPTS]: () => flow({ retryAttempts: 3 }),
  [ChannelFlowErrorCode.INVALID_POLICY]: () => flow({ messageAttributes: MessageAttributePolicy.of([MessageAttributeRule.set('', ['x'])]) }),
  [ChannelFlowErrorCode.POLICY_TOKEN]: () => flow({
    messageAttributes: MessageAttributePolicy.of([MessageAttributeRule.set('a', [Lazy.string({ produce: () => 'x' })])]),
  }),
  [ChannelFlowErrorCode.INVALID_PATTERN]: () => Condition.contentMatches('(a)\\1'),
  [ChannelFlowErrorCode.INVALID_SENDER_ARN]: () => Condition.senderIn(['not-an-arn']),
  [ChannelFlowErrorCode.INVALID_ADMIN_BEARER_ARN]: () => flow({ adminBearerArn: 'not-an-arn' }),
  [ChannelFlowErrorCode.RESERVED_ENVIRONMENT]: () => flow({ environment: { CHANNEL_FLOW_NAME: 'mine' } }),
  [ChannelFlowErrorCode.VPC_OPTION]: () => flow({ vpcSubnets: {} }),
  [ChannelFlowErrorCode.ALARMS_ALREADY_ADDED]: () => {
    const f = flow();
    f.addAlarms();
    f.addAlarms();
  },
  [ChannelFlowErrorCode.NAME_UNKNOWN]: () => ChannelFlow.fromChannelFlowArn(stack(), 'Imported', `${APP_INSTANCE_ARN}/channel-flow/f`).metricMessagesProcessed(),
  [ChannelFlowErrorCode.INVALID_CHANNEL_ARN]: () => flow().associateChannel('General', 'not-a-channel', { bearerArn: `${APP_INSTANCE_ARN}/user/admin` }),
  [ChannelFlowErrorCode.HANDLER_BUNDLE_MISSING]: () => prebundledHandler('nothing' as any),
  [ChannelFlowErrorCode.INVALID_COMPREHEND_SCORE]: () => Condition.toxicContent({ threshold: 2 }),
  [ChannelFlowErrorCode.INVALID_LANGUAGE_CODE]: () => Condition.languageIn(['English']),
  [ChannelFlowErrorCode.INVALID_PROCESSING_HOOK]: () => flow({ processingHookTimeout: Duration.seconds(3) }),
  [ChannelFlowErrorCode.INVALID_CONTENT_TYPE]: () => Condition.contentTypeIn([]),
  [ChannelFlowErrorCode.INVALID_FILTER_RULE]: () => PushNotificationFilter.anyOf(),
  [ChannelFlowErrorCode.INVALID_EVENT]: () => simulator.simulate({ EventType: 'SOMETHING_ELSE' }),
  [ChannelFlowErrorCode.COMPREHEND_ANSWERS_MISSING]: () => simulator.simulate(withMessage({ Content: 'hello' })),
  [ChannelFlowErrorCode.INVALID_MEMBER_PREFERENCES]: () => simulator.notifiedMembers(withMessage({ Content: 'hello' }), [{
    memberArn: `${APP_INSTANCE_ARN}/user/bob`, allowNotifications: AllowNotifications.ALL, filterRule: PushNotificationFilter.attributeIn('a', ['b']),
  }]),
} satisfies Record<ChannelFlowErrorCode, () => unknown>;

describe('every error the library throws has its code, whatever the entry point', () => {
  test.each(Object.entries(CASES))('%s', (code, meet) => {
    let thrown: unknown;
    try {
      meet();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeDefined();
    // aws-cdk-lib's own validation errors (ValidationError at a construct, UnscopedValidationError elsewhere), named by the code.
    expect(Errors.isConstructError(thrown)).toBe(true);
    expect((thrown as Error).name).toBe(code);
  });

  test('the README lists every code', () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(Object.values(ChannelFlowErrorCode).filter((code) => !readme.includes(`\`${code}\``))).toEqual([]);
  });
});
