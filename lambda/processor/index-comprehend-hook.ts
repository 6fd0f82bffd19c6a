/** The channel flow processor with Amazon Comprehend and a processing hook: the entry point of the bundle for flows with both. */
import { comprehendFeature } from './comprehend/feature';
import { hookFeature } from './hook/feature';
import { startProcessor } from './start';

export const handler = startProcessor({ comprehend: comprehendFeature, hook: hookFeature });
