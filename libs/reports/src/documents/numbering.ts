import { DOCUMENT_KIND_LABELS, type DocumentKind, formatDocNumber, type IssuingOffice, nextDocSeq, OfficialDocument } from '#domain';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { type OfficialDocumentModel, renderOfficialDocx, renderOfficialHtml } from './official.js';

export interface IssueInput {
  kind: DocumentKind;
  office: IssuingOffice;
  /** Date printed on the document, YYYY-MM-DD (its year is the 文号's year). */
  date: string;
  now: Date;
  by: string | null;
  itemIds: number[];
  departmentId?: number | null;
  urgeId?: number | null;
  reportId?: number | null;
  dataDir: string;
  /** The document, given its 文号. */
  model: (number: string) => OfficialDocumentModel;
}

/** The next 文号 of a kind in a year, read inside the caller's transaction. */
async function allocate(manager: EntityManager, kind: DocumentKind, office: IssuingOffice, year: number): Promise<{ seq: number; number: string }> {
  const row = await manager
    .getRepository(OfficialDocument)
    .createQueryBuilder('d')
    .select('MAX(d.seq)', 'max')
    .where('d.kind = :kind AND d.year = :year', { kind, year })
    .getRawOne<{ max: number | string | null }>();
  const seq = nextDocSeq(row?.max === null || row?.max === undefined ? null : Number(row.max), office.numbers[kind].start);
  return { seq, number: formatDocNumber(office.numbers[kind].pattern, year, seq) };
}

/** A numbered document whose row is saved; its DOCX is written by write() once the transaction has committed. */
export interface IssuedDocument {
  doc: OfficialDocument;
  /** Renders and writes the DOCX (seconds for a long 通报: kept out of the transaction, so no write lock waits on it). */
  write: () => Promise<void>;
}

async function issueIn(manager: EntityManager, input: IssueInput): Promise<IssuedDocument> {
  const year = Number(input.date.slice(0, 4));
  const { seq, number } = await allocate(manager, input.kind, input.office, year);
  const model = input.model(number);
  const docxPath = join('documents', String(year), `${DOCUMENT_KIND_LABELS[input.kind]}-${year}-${seq}.docx`);
  const repo = manager.getRepository(OfficialDocument);
  // A second process taking the same number fails here (unique kind, year, seq).
  const doc = await repo.save(
    repo.create({
      kind: input.kind,
      year,
      seq,
      number,
      title: model.title,
      itemIds: input.itemIds,
      departmentId: input.departmentId ?? null,
      urgeId: input.urgeId ?? null,
      reportId: input.reportId ?? null,
      issuedOn: input.date,
      docxPath,
      html: renderOfficialHtml(model),
      createdAt: input.now,
      createdBy: input.by,
    }),
  );
  const write = async () => {
    await mkdir(resolve(input.dataDir, 'documents', String(year)), { recursive: true });
    await writeFile(resolve(input.dataDir, docxPath), await renderOfficialDocx(model));
  };
  return { doc, write };
}

const isUniqueViolation = (error: unknown) => error instanceof QueryFailedError && /unique|UNIQUE|duplicate/.test(String((error as Error).message));

/**
 * Issues a numbered document: takes the next 文号 of its kind and year and stores the row, inside
 * the given transaction when one is passed (the caller then calls write() after committing);
 * otherwise in its own transaction, taken again when another process took the same number at the
 * same moment (PostgreSQL; SQLite writes one transaction at a time), and writes the DOCX.
 */
export async function issueDocument(dataSource: DataSource, input: IssueInput, manager?: EntityManager): Promise<IssuedDocument> {
  if (manager) return issueIn(manager, input);
  for (let attempt = 1; ; attempt++) {
    try {
      const issued = await dataSource.transaction((m) => issueIn(m, input));
      await writeOrForget(dataSource, issued);
      return issued;
    } catch (error) {
      if (attempt >= 5 || !isUniqueViolation(error)) throw error;
    }
  }
}

/** Writes the DOCX; when that fails the row is removed again (its number is taken by the next document) and the error rethrown. */
export async function writeOrForget(dataSource: DataSource, issued: IssuedDocument): Promise<void> {
  try {
    await issued.write();
  } catch (error) {
    await dataSource.getRepository(OfficialDocument).delete({ id: issued.doc.id });
    throw error;
  }
}
