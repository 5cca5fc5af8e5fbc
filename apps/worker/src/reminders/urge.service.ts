import { CLOCK, type Clock, notificationKey, OfficialDocument, SettingsStore, shanghai, Urge } from '#domain';
import { chineseDate, renderUrge } from '#mail';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationService } from '../notifications/notification.service.js';
import { RecipientsService } from '../notifications/recipients.service.js';
import { ItemFactsService } from './item-facts.service.js';

/** Turns an urge (催办) row into its notification and mail job; the mail sets Urge.deliveredAt. */
@Injectable()
export class UrgeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly items: ItemFactsService,
    private readonly recipients: RecipientsService,
    private readonly notifications: NotificationService,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly settings: SettingsStore,
  ) {}

  async deliver(urgeId: number): Promise<'queued' | 'done' | 'missing'> {
    const urge = await this.dataSource.getRepository(Urge).findOne({ where: { id: urgeId } });
    if (!urge) return 'missing';
    if (urge.deliveredAt) return 'done';
    const key = notificationKey.urge(urge.id);
    if ((await this.notifications.existing([key])).size > 0) {
      await this.notifications.enqueue(key);
      return 'queued';
    }
    const [tracked] = await this.items.load({ ids: [urge.itemId] });
    if (!tracked) return 'missing';
    const lead = await this.items.departments([urge.leadDepartmentId]);
    const co = await this.items.departments(urge.coDepartmentIds ?? []);
    const today = shanghai(this.clock.now()).day;
    const deadline = tracked.item.deadline;
    const { calendar } = await this.settings.current();
    const mail = renderUrge({
      item: { ...tracked.facts, leadName: lead[0]?.name ?? tracked.facts.leadName },
      message: urge.message,
      urgedAt: chineseDate(shanghai(urge.createdAt).day),
      daysLeft: deadline ? calendar.workingDaysBetween(today, deadline) : 0,
      overdueDays: deadline ? calendar.workingDaysBetween(deadline, today) : 0,
      day: today,
    });
    // The 催办函 the office chose to send with it (issued by the API with the urge).
    const letter = await this.dataSource.getRepository(OfficialDocument).findOne({ where: { urgeId: urge.id, kind: 'letter' } });
    await this.notifications.record(
      { key, kind: 'urge', rule: 'urge', itemId: urge.itemId, departmentId: urge.leadDepartmentId, ...mail, ...(letter ? { attachments: [letter.docxPath] } : {}) },
      await this.recipients.address(lead, co, 'none'),
    );
    return 'queued';
  }
}
