/**
 * Which Comprehend calls a message needs before it can be decided: only those whose answer can
 * change the decision. Pure, so the processor's plan and the rules that read the answers
 * (message-view.ts) cannot disagree.
 */
import { isBotContent } from './bot-content';
import { CompiledPolicy } from './compile-policy';
import { ComprehendAnswers, ComprehendApi, COMPREHEND_LANGUAGES, LanguageBoundApi } from './comprehend';
import { comprehendApisOf, PolicyDocument } from './document';
import { ChannelMessageEvent } from './event';
import { AnswerPending, MessageView } from './message-view';

const LANGUAGE_BOUND = Object.keys(COMPREHEND_LANGUAGES) as LanguageBoundApi[];

/** Every API a policy may call: those its rules use, and DetectDominantLanguage when the others are asked in the detected language. */
export function policyComprehendApis(document: PolicyDocument): Set<ComprehendApi> {
  const apis = comprehendApisOf([document.moderation, document.messageAttributes, document.pushNotification]);
  if (document.comprehend?.languageCode === 'detect' && LANGUAGE_BOUND.some((api) => apis.has(api))) apis.add('DetectDominantLanguage');
  return apis;
}

/**
 * The APIs to ask about `event`. None for a message without content (there is nothing to
 * analyze), nor for one that a deny condition needing no answer already denies. Otherwise the
 * APIs of the deny conditions still open and of every later step; and DetectDominantLanguage
 * first when the others are asked in the detected language (see `callLanguage`).
 */
export function neededComprehendApis(event: ChannelMessageEvent, policy: CompiledPolicy): Set<ComprehendApi> {
  // A bot's structured content is redacted value by value, where Comprehend's entities do not apply (decide.ts).
  const needed = new Set(isBotContent(event.message) ? policy.apisAfterRedaction : policy.apisAfterDeny);
  if (!event.message.content || (needed.size === 0 && policy.deny.every((deny) => deny.apis.size === 0))) return new Set();
  const view = new MessageView(event, 'pending', policy.document.comprehend);
  let pending = false;
  let failed = false;
  for (const deny of policy.deny) {
    try {
      // A deny that holds without an answer denies the message, whatever the others would say (decide.ts, `denies`).
      if (deny.holds(view)) return new Set();
    } catch (error) {
      if (!(error instanceof AnswerPending)) {
        failed = true;
        continue;
      }
      pending = true;
      deny.apis.forEach((api) => needed.add(api));
    }
  }
  // A deny that failed otherwise makes the decision onError, unless an answer makes another hold.
  if (failed && !pending) return new Set();

  if (policy.document.comprehend?.languageCode === 'detect' && LANGUAGE_BOUND.some((api) => needed.has(api))) needed.add('DetectDominantLanguage');
  return needed;
}

/**
 * The language to ask `api` about `event` in, given DetectDominantLanguage's answer when the
 * policy asks in the detected language; none when the API does not analyze that language, and
 * the call is not made (the policy's `unsupportedLanguage` then says what its rules do). Throws
 * ComprehendAnswerError when the language's answer is malformed.
 */
export function callLanguage(api: LanguageBoundApi, event: ChannelMessageEvent, policy: CompiledPolicy,
  answers: ComprehendAnswers): string | undefined {
  return new MessageView(event, answers, policy.document.comprehend).analysisLanguage(api);
}

/** Whether the API's call waits for DetectDominantLanguage's answer: it is asked in the detected language. */
export function waitsForLanguage(api: ComprehendApi, policy: CompiledPolicy): api is LanguageBoundApi {
  return api !== 'DetectDominantLanguage' && policy.document.comprehend?.languageCode === 'detect';
}
