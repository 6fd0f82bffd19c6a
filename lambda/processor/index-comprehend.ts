/**
 * The channel flow processor with Amazon Comprehend: the Lambda entry point of the bundle the
 * construct picks for policies with Comprehend rules. Its Comprehend client is made once per
 * container, like the callback's.
 */
import { createComprehendClient, createComprehendSender } from './comprehend/client';
import { createComprehendGatherer } from './comprehend/gather';
import { startProcessor } from './start';

export const handler = startProcessor((policy) => ({
  gather: createComprehendGatherer(createComprehendSender(createComprehendClient()), policy),
}));
