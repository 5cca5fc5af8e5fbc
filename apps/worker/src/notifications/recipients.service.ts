import type { AppConfig } from '#config';
import { ROLE_LABELS } from '#contracts';
import { Department, type NotificationAudience, User } from '#domain';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, IsNull, Not } from 'typeorm';
import { CONFIG } from '../common/tokens.js';

/** The coordinating office, as named in mails and on the missing-contacts list: the coordinator role's label. */
export const COORDINATING_OFFICE = ROLE_LABELS.coordinator;

export interface Addressed {
  to: string[];
  cc: string[];
  /** Names of departments (or the coordinating office) that should get the mail but have no address. */
  missingContacts: string[];
  /** The departments addressed and whether the office is: their users in duban and their chat robots get it too. */
  audience: NotificationAudience;
}

/** Who gets a mail: department contacts and coordinators. */
@Injectable()
export class RecipientsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  /** Active coordinator users with an e-mail, plus DUBAN_COORDINATOR_EMAILS. */
  async coordinators(): Promise<string[]> {
    const users = await this.dataSource.getRepository(User).find({ where: { role: 'coordinator', active: true } });
    const extra = (this.config.DUBAN_COORDINATOR_EMAILS ?? '').split(/[,;\s]+/).filter(Boolean);
    return unique([...users.map((u) => u.email ?? '').filter(Boolean), ...extra]);
  }

  /**
   * Addresses a mail: `to` departments first, then `cc` departments, then coordinators when asked.
   * Departments without contacts are reported, never dropped silently. When nobody is left in
   * "to", the copies move up.
   */
  async address(to: Department[], cc: Department[], coordinators: Coordinators): Promise<Addressed> {
    return (await this.addresser())(to, cc, coordinators);
  }

  /** address() with the coordinators' addresses (and, with DUBAN_MAIL_USERS, the users') read once: for a job that addresses many mails. */
  async addresser(): Promise<(to: Department[], cc: Department[], coordinators: Coordinators) => Addressed> {
    const office = await this.coordinators();
    const users = new Map<number, string[]>();
    if (this.config.DUBAN_MAIL_USERS === 'true') {
      for (const u of await this.dataSource.getRepository(User).find({ where: { active: true, departmentId: Not(IsNull()), email: Not(IsNull()) }, select: { id: true, departmentId: true, email: true } })) {
        if (u.email?.trim()) users.set(u.departmentId!, [...(users.get(u.departmentId!) ?? []), u.email.trim()]);
      }
    }
    return (to, cc, coordinators) => addressMail(to, cc, coordinators, office, users);
  }
}

export type Coordinators = 'none' | 'cc' | 'to';

/**
 * Who a mail goes to: each department's mailbox (its contact addresses) and, when `users` lists
 * them, its responsible users' own addresses; a department with neither is missing contacts.
 */
export function addressMail(to: Department[], cc: Department[], coordinators: Coordinators, office: string[], users: Map<number, string[]> = new Map()): Addressed {
  const missing: string[] = [];
  const emails = (list: Department[]) =>
    list.flatMap((d) => {
      const contacts = [...(d.contactEmails ?? []), ...(users.get(d.id) ?? [])].map((e) => e.trim()).filter(Boolean);
      if (contacts.length === 0) missing.push(d.name);
      return contacts;
    });
  let toList = emails(to);
  let ccList = emails(cc);
  if (coordinators !== 'none') {
    if (office.length === 0) missing.push(COORDINATING_OFFICE);
    if (coordinators === 'to') {
      ccList = [...toList, ...ccList];
      toList = office;
    } else ccList = [...ccList, ...office];
  }
  toList = unique(toList);
  const inTo = new Set(toList.map((e) => e.toLowerCase()));
  ccList = unique(ccList).filter((e) => !inTo.has(e.toLowerCase()));
  if (toList.length === 0) {
    toList = ccList;
    ccList = [];
  }
  const audience = { departments: [...new Set([...to, ...cc].map((d) => d.id))], office: coordinators !== 'none' };
  return { to: toList, cc: ccList, missingContacts: unique(missing), audience };
}

function unique(list: string[]): string[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const k = e.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
