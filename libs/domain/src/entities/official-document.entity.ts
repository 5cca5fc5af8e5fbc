import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An official document duban issued (通报, 督办通知单, 催办函) with its 文号: the row is the
 * number's sequence (unique per kind and year), the DOCX is stored under data/documents/.
 */
@Entity('official_document')
@Index('UQ_official_document_number', ['kind', 'year', 'seq'], { unique: true })
@Index('IDX_official_document_urge', ['urgeId'])
@Index('IDX_official_document_report', ['reportId'])
export class OfficialDocument {
  @PrimaryGeneratedColumn({ primaryKeyConstraintName: 'PK_official_document' })
  id!: number;

  /** circular (通报), notice (督办通知单) or letter (催办函). */
  @Column({ type: 'varchar', length: 20 })
  kind!: string;

  @Column({ type: 'integer' })
  year!: number;

  @Column({ type: 'integer' })
  seq!: number;

  /** 文号 as printed, e.g. 质量强市办〔2026〕12号. */
  @Column({ type: 'varchar', length: 100 })
  number!: string;

  @Column({ type: 'text' })
  title!: string;

  /** The items it is about (JSON array of ids; empty for a 通报). */
  @Column({ type: 'simple-json' })
  itemIds!: number[];

  /** 责任单位 it is addressed to, when one. */
  @Column({ type: 'integer', nullable: true })
  departmentId!: number | null;

  /** The 催办 a 催办函 belongs to. */
  @Column({ type: 'integer', nullable: true })
  urgeId!: number | null;

  /** The 月报 a 通报 belongs to. */
  @Column({ type: 'integer', nullable: true })
  reportId!: number | null;

  /** Date printed on it, YYYY-MM-DD. */
  @Column({ type: 'varchar', length: 10 })
  issuedOn!: string;

  /** DOCX under the data folder. */
  @Column({ type: 'text' })
  docxPath!: string;

  /** The printable page (same content as the DOCX). */
  @Column({ type: 'text' })
  html!: string;

  @Column({ type: Date })
  createdAt!: Date;

  @Column({ type: 'varchar', length: 64, nullable: true })
  createdBy!: string | null;
}
