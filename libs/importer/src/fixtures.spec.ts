/**
 * Documents of the family in forms the seed plans do not show (full-width numbering, "1、",
 * label notes, "…负责落实。" lines, task tables, a portal page), each with a hand-made
 * expectation in test/fixtures/ok/*.expected.json.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, toPlanJson } from '#importer';

const OK_DIR = join(process.cwd(), 'test', 'fixtures', 'ok');
const cases = readdirSync(OK_DIR)
  .filter((f) => !f.endsWith('.expected.json'))
  .sort()
  .map((f) => [f, f.replace(/\.[^.]+$/, '.expected.json')] as const);

describe('importer fixtures (test/fixtures/ok)', () => {
  it.each(cases)('%s', async (file, expectedFile) => {
    const expected = JSON.parse(readFileSync(join(OK_DIR, expectedFile), 'utf8'));
    const got = toPlanJson(await parseDocument(readFileSync(join(OK_DIR, file)), file));
    expect({ title: got.title, issuer: got.issuer, issued: got.issued }).toEqual({
      title: expected.title,
      issuer: expected.issuer,
      issued: expected.issued,
    });
    expect(got.sections).toEqual(expected.sections);
    expect(got.items).toEqual(expected.items);
    expect(got.indicators).toEqual(expected.indicators);
  });
});
