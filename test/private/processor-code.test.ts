import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, FileSystem, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ChannelFlow, Condition, MessageAttributePolicy, MessageAttributeRule, PushNotificationPolicy, PushNotificationType, SenderField } from '../../src';
import { prebundledHandler } from '../../src/private/prebundled';
import { APP_INSTANCE_ARN, ROOT, shippedPolicy, synthFlow } from '../support/fixtures';

describe('the processor code asset', () => {
  test('ships the rendered policy document with its code', () => {
    const { stack } = synthFlow({
      messageAttributes: MessageAttributePolicy.of([
        MessageAttributeRule.set('source', ['web', 'ios']),
        MessageAttributeRule.fromMetadata('priority', 'priority'),
        MessageAttributeRule.fromSender('senderName', SenderField.NAME),
        MessageAttributeRule.remove('client'),
      ]),
      pushNotification: PushNotificationPolicy.of({ title: '{{sender.name}}', body: '{{content}}', type: PushNotificationType.VOIP }),
    });
    expect(shippedPolicy(stack)).toEqual({
      version: 3,
      moderation: { deny: [], redact: [] },
      onError: 'deliver',
      messageAttributes: [
        { op: 'set', name: 'source', values: ['web', 'ios'] },
        { op: 'fromMetadata', name: 'priority', key: 'priority' },
        { op: 'fromSender', name: 'senderName', field: 'name' },
        { op: 'remove', name: 'client' },
      ],
      pushNotification: [{ action: 'send', title: '{{sender.name}}', body: '{{content}}', type: 'VOIP' }],
    });
  });

  test('ships an empty policy when none is given, and the push type defaults to DEFAULT', () => {
    expect(shippedPolicy(synthFlow().stack)).toEqual({ version: 3, moderation: { deny: [], redact: [] }, messageAttributes: [], pushNotification: [], onError: 'deliver' });
    const { stack } = synthFlow({ pushNotification: PushNotificationPolicy.of({ title: 'New message', body: '{{content}}' }) });
    expect(shippedPolicy(stack).pushNotification).toEqual([{ action: 'send', title: 'New message', body: '{{content}}', type: 'DEFAULT' }]);
  });

  test('a policy far larger than Lambda\'s 4 KB of environment reaches the function whole', () => {
    const rules = Array.from({ length: 300 }, (_, i) => MessageAttributeRule.set(`a${i}`, ['v']).when(Condition.contentContainsAny([`word${i}`])));
    const stack = synthFlow({ messageAttributes: MessageAttributePolicy.of(rules) }).stack;
    const document = shippedPolicy(stack);
    expect(JSON.stringify(document).length).toBeGreaterThan(20_000);
    expect(document.messageAttributes).toHaveLength(300);
    const fn = Object.values<any>(Template.fromStack(stack).findResources('AWS::Lambda::Function'))[0];
    expect(JSON.stringify(fn.Properties.Environment ?? {})).not.toContain('word1');
  });

  test('a synth leaves nothing outside its output directory, and the asset hash is of the content alone', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'synth-'));
    const ours = () => fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith('cdk-chime-channel-flow-')).sort();
    const before = ours();
    try {
      const app = new App({ outdir });
      const policy = { pushNotification: PushNotificationPolicy.of({ title: 'New', body: '{{content}}' }) };
      const stack = new Stack(app, 'Test');
      new ChannelFlow(stack, 'One', { appInstanceArn: APP_INSTANCE_ARN, ...policy });
      new ChannelFlow(stack, 'Same', { appInstanceArn: APP_INSTANCE_ARN, ...policy });
      new ChannelFlow(stack, 'Other', { appInstanceArn: APP_INSTANCE_ARN });
      app.synth();
      expect(ours()).toEqual(before);
      // Only the assembly's own files and one directory per distinct code: no staging left behind.
      const entries = fs.readdirSync(outdir);
      expect(entries.filter((name) => fs.statSync(path.join(outdir, name)).isDirectory()).length).toBe(2);
      expect(entries.filter((name) => name.startsWith('bundling-temp'))).toEqual([]);
      // The hash is the content's: the bundle and the policy, and nothing of where or how they were staged.
      const keys = Object.values<any>(Template.fromStack(stack).findResources('AWS::Lambda::Function')).map((fn) => fn.Properties.Code.S3Key);
      expect(new Set(keys).size).toBe(2);
      for (const key of keys) {
        const dir = path.join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
        expect(fs.readdirSync(dir).sort()).toEqual(['index.js', 'policy.json']);
        expect(FileSystem.fingerprint(dir)).toBe(key.replace(/\.zip$/, ''));
      }
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('a missing pre-bundled handler is a validation error that says how to make it', () => {
    expect(prebundledHandler('processor')).toBe(path.join(ROOT, 'assets', 'processor', 'index.js'));
    expect(() => prebundledHandler('nothing' as any))
      .toThrow(/^cdk-chime-channel-flow: the pre-bundled nothing handler is missing at .*; in a source checkout, run `npx projen bundle`$/);
  });
});

