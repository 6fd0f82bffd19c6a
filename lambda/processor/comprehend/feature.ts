/** The Comprehend feature of a processor bundle: its client, made once per container, and the gathering. */
import { createComprehendClient, createComprehendSender } from './client';
import { createComprehendGatherer, Gather } from './gather';
import { CompiledPolicy } from '../../../src/core/compile-policy';

export const comprehendFeature = (policy: CompiledPolicy): Gather =>
  createComprehendGatherer(createComprehendSender(createComprehendClient()), policy);
