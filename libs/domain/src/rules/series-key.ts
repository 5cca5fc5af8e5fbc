/**
 * Markers that a document is a draft or revision of a plan rather than a different plan,
 * dropped from the series key: "(修订)", "(2024年修订版)", "(征求意见稿)", "(送审稿)", "(试行)".
 */
const REVISION_MARKER = /[(（\[【](?:\d{4}年)?(?:修订版?|修正版?|征求意见稿|送审稿|草案|讨论稿|试行)[)）\]】]/gu;

/**
 * Normalises a plan title so that revised versions of the same plan share one key:
 * Unicode NFKC (full-width to half-width), revision markers dropped, then every
 * space, punctuation mark and symbol removed; Latin letters lower-cased.
 */
export function seriesKeyOf(title: string): string {
  return title
    .normalize('NFKC')
    .replace(REVISION_MARKER, '')
    .replace(/[\p{P}\p{S}\p{Z}\s]/gu, '')
    .toLowerCase();
}
