/**
 * `npm run bench`: runs every benchmark, prints a table per benchmark and writes bench/results.md.
 * Figures depend on the machine; each row carries its own reference measured in the same run.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchImporter, type Row } from './importer.bench.js';

function table(title: string, rows: Row[]): string {
  const cols = Object.keys(rows[0] ?? {});
  return [`## ${title}`, '', `| ${cols.join(' | ')} |`, `|${cols.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${cols.map((c) => r[c]).join(' | ')} |`), ''].join('\n');
}

const sections: string[] = [`# duban benchmarks`, '', `Run ${new Date().toISOString()} on Node ${process.version}, ${process.platform}/${process.arch}.`, ''];
const importer = table('Importer: parse time by input size (linear = "ms per MB vs 1 MB" stays near 1)', benchImporter());
console.log(importer);
sections.push(importer);
writeFileSync(join(process.cwd(), 'bench', 'results.md'), sections.join('\n'));
console.log('written to bench/results.md');
