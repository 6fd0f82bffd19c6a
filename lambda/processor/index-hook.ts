/** The channel flow processor with a processing hook: the Lambda entry point of the bundle the construct picks for flows with one. */
import { hookFeature } from './hook/feature';
import { startProcessor } from './start';

export const handler = startProcessor({ hook: hookFeature });
