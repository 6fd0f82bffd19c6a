/**
 * DetectToxicContent's requests for one text: segments of at most COMPREHEND_LIMITS'
 * toxicSegmentMaxBytes in UTF-8, cut between sentences where a sentence fits (Unicode's
 * sentence boundaries, from ICU through Intl.Segmenter), else between grapheme clusters, else
 * between code points; at most toxicSegmentsPerCall segments per request. The segments, in
 * order, are the text: nothing is left unchecked.
 */
import { COMPREHEND_LIMITS } from '../../../src/core/comprehend';

const encoder = new TextEncoder();
const bytesOf = (text: string) => encoder.encode(text).length;

let sentences: Intl.Segmenter | undefined;
let graphemes: Intl.Segmenter | undefined;

/** `text` in pieces of at most `maxBytes`, each piece whole graphemes where one fits, else whole code points. */
function cutLong(text: string, maxBytes: number): string[] {
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const pieces: string[] = [];
  let piece = '';
  let size = 0;
  const add = (part: string, bytes: number) => {
    if (size + bytes > maxBytes && piece) {
      pieces.push(piece);
      piece = '';
      size = 0;
    }
    piece += part;
    size += bytes;
  };
  for (const { segment } of graphemes.segment(text)) {
    const bytes = bytesOf(segment);
    if (bytes <= maxBytes) add(segment, bytes);
    // A grapheme cluster longer than a segment (a letter under hundreds of combining marks) is cut between its code points.
    else for (const char of segment) add(char, bytesOf(char));
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/** The text's segments: consecutive sentences packed together while they fit. */
export function toxicSegments(text: string, maxBytes: number = COMPREHEND_LIMITS.toxicSegmentMaxBytes): string[] {
  sentences ??= new Intl.Segmenter(undefined, { granularity: 'sentence' });
  const segments: string[] = [];
  let current = '';
  let size = 0;
  for (const { segment } of sentences.segment(text)) {
    const bytes = bytesOf(segment);
    if (size + bytes <= maxBytes) {
      current += segment;
      size += bytes;
      continue;
    }
    if (current) segments.push(current);
    current = '';
    size = 0;
    if (bytes <= maxBytes) {
      current = segment;
      size = bytes;
    } else {
      segments.push(...cutLong(segment, maxBytes));
    }
  }
  if (current) segments.push(current);
  return segments;
}

/** The segments in requests of at most toxicSegmentsPerCall. */
export function toxicRequests(text: string): string[][] {
  const segments = toxicSegments(text);
  const requests: string[][] = [];
  for (let i = 0; i < segments.length; i += COMPREHEND_LIMITS.toxicSegmentsPerCall) {
    requests.push(segments.slice(i, i + COMPREHEND_LIMITS.toxicSegmentsPerCall));
  }
  return requests;
}
