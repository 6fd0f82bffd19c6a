import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack, Validations, aws_chime as chime } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import {
  ChannelFlow, ChannelFlowProps, ComprehendLanguage, ComprehendOperation, Condition, MessageAttributePolicy, MessageAttributeRule, ModerationPolicy,
  PiiEntityType, Redaction, ToxicityLabel, UnsupportedLanguageAction,
} from '../../src';
import { cfnLintFindings, unexplained } from '../support/cfn-lint';
import { APP_INSTANCE_ARN, ROOT, shippedPolicy, statementsOf, synthFlow } from '../support/fixtures';

const MODERATION = ModerationPolicy.of({
  deny: [Condition.toxicContent({ labels: [ToxicityLabel.HATE_SPEECH, ToxicityLabel.INSULT], threshold: 0.7 })],
  redact: [Redaction.piiEntities({ types: [PiiEntityType.NAME, PiiEntityType.ADDRESS] })],
});
const comprehendStatements = (template: Template) => statementsOf(template).filter((s) => JSON.stringify(s.Action).includes('comprehend:'));
const inRegion = (region: string | undefined, props: Partial<ChannelFlowProps>) => {
  const stack = new Stack(new App(), 'Test', region ? { env: { region, account: '111122223333' } } : {});
  new ChannelFlow(stack, 'Flow', { appInstanceArn: APP_INSTANCE_ARN.replace('us-east-1', region ?? 'us-east-1'), ...props });
  return stack;
};

describe('a flow with Amazon Comprehend rules', () => {
  test('grants exactly the Comprehend actions its policy uses, on *, and no other flow gets any', () => {
    const { template } = synthFlow({ moderation: MODERATION });
    expect(comprehendStatements(template)).toEqual([
      { Effect: 'Allow', Action: ['comprehend:DetectPiiEntities', 'comprehend:DetectToxicContent'], Resource: '*' },
    ]);
    const language = synthFlow({ messageAttributes: MessageAttributePolicy.of([MessageAttributeRule.fromDominantLanguage('language')]) });
    expect(comprehendStatements(language.template)).toEqual([{ Effect: 'Allow', Action: 'comprehend:DetectDominantLanguage', Resource: '*' }]);
    // Asked in the detected language, PII detection needs the language first.
    const detected = synthFlow({
      moderation: ModerationPolicy.of({ redact: [Redaction.piiEntities()] }),
      comprehend: { language: ComprehendLanguage.DETECTED },
    });
    expect(comprehendStatements(detected.template)[0].Action).toEqual(['comprehend:DetectDominantLanguage', 'comprehend:DetectPiiEntities']);
    expect(JSON.stringify(synthFlow({ moderation: ModerationPolicy.of({ redact: [Redaction.emailAddresses()] }) }).template.toJSON())).not.toContain('comprehend');
  });

  test('ships the Comprehend processor and says how its rules run; a flow without them ships the plain one', () => {
    const { stack } = synthFlow({ moderation: MODERATION, comprehend: { unsupportedLanguage: UnsupportedLanguageAction.NOT_DETECTED } });
    expect(shippedPolicy(stack).comprehend).toEqual({ languageCode: 'en', unsupportedLanguage: 'notDetected' });
    const staged = (s: Stack) => {
      const fn = Object.values<any>(Template.fromStack(s).findResources('AWS::Lambda::Function'))[0];
      return fs.readFileSync(path.join((s.node.root as App).outdir, `asset.${fn.Properties.Code.S3Key.replace(/\.zip$/, '')}`, 'index.js'));
    };
    expect(staged(stack)).toEqual(fs.readFileSync(path.join(ROOT, 'assets', 'processor-comprehend', 'index.js')));
    const plain = synthFlow({ moderation: ModerationPolicy.of({ redact: [Redaction.emailAddresses()] }) }).stack;
    expect(staged(plain)).toEqual(fs.readFileSync(path.join(ROOT, 'assets', 'processor', 'index.js')));
    expect(shippedPolicy(plain).comprehend).toBeUndefined();
  });

  test('needs time for the calls: the minimum timeout grows, and synth says why', () => {
    expect(() => synthFlow({ moderation: MODERATION, timeout: Duration.seconds(10) }))
      .toThrow(/timeout: must be at least 15 seconds \(time to ask Amazon Comprehend, decide, make one callback attempt .*\), got 10/);
    const plain = ModerationPolicy.of({ redact: [Redaction.emailAddresses()] });
    expect(() => synthFlow({ moderation: plain, timeout: Duration.seconds(10) })).not.toThrow();
  });

  test('fails synth for a fixed language an API does not analyze, naming the prop', () => {
    expect(() => synthFlow({ moderation: MODERATION, comprehend: { language: ComprehendLanguage.SPANISH } }))
      .toThrow(/comprehend.language: DetectToxicContent analyzes en only; the policy asks for es/);
  });

  test('warns when the stack\'s region is known not to offer an API the policy uses', () => {
    const warnings = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('Amazon Comprehend'));
    const offered = warnings(inRegion('eu-central-1', { moderation: MODERATION }));
    expect(offered).toHaveLength(1);
    expect(offered[0].entry.data).toMatch(/DetectToxicContent is not known to be offered in eu-central-1/);
    expect(warnings(inRegion('eu-central-1', { moderation: ModerationPolicy.of({ redact: [Redaction.piiEntities()] }) }))).toHaveLength(0);
    expect(warnings(inRegion('us-east-1', { moderation: MODERATION }))).toHaveLength(0);
    expect(warnings(inRegion(undefined, { moderation: MODERATION }))).toHaveLength(0);
  });

  test('reads its Comprehend metrics by API', () => {
    const { flow, stack } = synthFlow({ moderation: MODERATION });
    const metric = flow.metricComprehendFailures(ComprehendOperation.DETECT_TOXIC_CONTENT);
    expect(metric.namespace).toBe('CdkChimeChannelFlow');
    expect(metric.dimensions).toEqual({ ChannelFlowName: expect.anything(), ComprehendApi: 'DetectToxicContent' });
    expect(stack.resolve(metric.dimensions!.ChannelFlowName)).toEqual(stack.resolve(flow.channelFlowName));
    expect(flow.metricComprehendLatency(ComprehendOperation.DETECT_PII_ENTITIES).statistic).toBe('p99');
    expect(flow.metricComprehendCalls(ComprehendOperation.DETECT_DOMINANT_LANGUAGE).metricName).toBe('ComprehendCalls');
  });

  test('has no cdk-nag finding left for users, and a clean cfn-lint', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'comprehend-'));
    try {
      const app = new App({ outdir });
      const stack = new Stack(app, 'Moderated', { env: { region: 'us-east-1', account: '111122223333' } });
      const instance = new chime.CfnAppInstance(stack, 'Chat', { name: 'chat' });
      new ChannelFlow(stack, 'Flow', {
        appInstanceArn: instance.attrAppInstanceArn,
        moderation: MODERATION,
        messageAttributes: MessageAttributePolicy.of([MessageAttributeRule.fromDominantLanguage('language')]),
      });
      Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
      app.synth();
      const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
      expect(report.pluginReports.flatMap((p: any) => p.violations.map((v: any) => v.ruleName))).toEqual([]);
      expect(unexplained(cfnLintFindings([path.join(outdir, 'Moderated.template.json')]))).toEqual([]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('the Comprehend vocabulary', () => {
  test.each([
    ['a threshold over 1', () => Condition.toxicContent({ threshold: 1.5 }), /Condition.toxicContent threshold: must be a number from 0 to 1, got 1.5/],
    ['a negative score', () => Condition.containsPii({ minScore: -0.1 }), /Condition.containsPii minScore: must be a number from 0 to 1/],
    ['a score that is not a number', () => Redaction.piiEntities({ minScore: NaN }), /Redaction.piiEntities minScore/],
    ['a language name instead of a code', () => Condition.languageIn(['English']), /Condition.languageIn: expected RFC 5646 language codes .* got "English"/],
    ['no language', () => Condition.languageIn([]), /Condition.languageIn/],
  ])('refuses %s where it is written', (_, make, message) => {
    expect(make).toThrow(message);
  });
});
