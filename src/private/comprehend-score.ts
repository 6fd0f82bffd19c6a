import { invalidInput } from './errors';

/** The score a Comprehend rule takes when none is given. */
export const DEFAULT_MIN_SCORE = 0.5;

/** A score or threshold as given, checked where it is written: Comprehend's confidences run from 0 to 1. */
export function scoreOption(value: number | undefined, what: string): number {
  const score = value ?? DEFAULT_MIN_SCORE;
  if (!(score >= 0 && score <= 1)) invalidInput('comprehendScore', what, `must be a number from 0 to 1, got ${score}`);
  return score;
}
