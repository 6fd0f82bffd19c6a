import * as fs from 'fs';
import * as path from 'path';
import { MIN_TIMEOUT_SECONDS } from '../../src/core/contract';
import { ROOT } from '../support/fixtures';

test('the timeout prop documents the minimum the processor\'s timing gives', () => {
  // The figure is computed from the processor's retry policy (core/contract.ts); the doc must follow it.
  const api = fs.readFileSync(path.join(ROOT, 'API.md'), 'utf8');
  expect(api).toContain(`Timeout of the managed processor function, at least ${MIN_TIMEOUT_SECONDS} seconds.`);
});
