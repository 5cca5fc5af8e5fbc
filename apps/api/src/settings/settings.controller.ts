import { DEFAULT_REMINDER_RULES, SETTING_KEYS, type SettingKey } from '#domain';
import { Body, Controller, Delete, Get, Param, Put } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentUser } from '../auth/auth.types.js';
import { badRequest } from '../common/errors.js';
import { CalendarOverridesDto, IssuingOfficeDto, PublicUrlDto, ReminderRulesDto } from './dto/settings.dto.js';
import { SettingsService } from './settings.service.js';

const SETTINGS_EXAMPLE = {
  reminderRules: DEFAULT_REMINDER_RULES,
  calendarOverrides: { holidays: ['2027-01-01'], workdays: [] },
  origin: {
    reminderRules: { source: 'default', updatedAt: null, updatedBy: null },
    calendarOverrides: { source: 'admin', updatedAt: '2026-11-20T02:00:00.000Z', updatedBy: 'admin' },
  },
  fallback: { reminderRules: DEFAULT_REMINDER_RULES, calendarOverrides: { holidays: [], workdays: [] } },
  reportingDeadlineThisMonth: '2026-11-25',
  calendarCoversThisYear: true,
  editable: true,
  warnWorkingDays: 5,
  uploadMaxMb: 10,
  sessionHours: 12,
  cron: { reminderScan: '0 * * * *', monthlyReport: '0 8 1 * *', reportDuty: '30 9 * * *' },
};

@ApiTags('settings')
@ApiBearerAuth()
@Controller('settings')
export class SettingsController {
  constructor(private readonly settings: SettingsService) {}

  @Get()
  @ApiOperation({ summary: '系统设置:提醒规则(含每月报送日)、节假日调整,以及各项的来源(管理页面 / 环境变量 / 默认)' })
  @ApiOkResponse({ description: '当前生效的设置', example: SETTINGS_EXAMPLE })
  @ApiForbiddenResponse({ description: '只有质量强市办和系统管理员可以查看' })
  view(@CurrentUser() actor: Actor) {
    return this.settings.view(actor);
  }

  @Put('reminder-rules')
  @ApiOperation({ summary: '修改提醒规则和每月报送日(系统管理员);API 立即生效,提醒服务在 5 秒内生效' })
  @ApiOkResponse({ description: '保存后的设置', example: SETTINGS_EXAMPLE })
  @ApiBadRequestResponse({ description: '规则不合法(中文说明)' })
  @ApiForbiddenResponse({ description: '只有系统管理员可以修改' })
  saveReminderRules(@CurrentUser() actor: Actor, @Body() body: ReminderRulesDto) {
    return this.settings.saveReminderRules(actor, body);
  }

  @Put('calendar')
  @ApiOperation({ summary: '修改节假日调整:在国家法定节假日之外的放假日和调休上班日(系统管理员)' })
  @ApiOkResponse({ description: '保存后的设置', example: SETTINGS_EXAMPLE })
  @ApiBadRequestResponse({ description: '日期不合法(中文说明)' })
  @ApiForbiddenResponse({ description: '只有系统管理员可以修改' })
  saveCalendar(@CurrentUser() actor: Actor, @Body() body: CalendarOverridesDto) {
    return this.settings.saveCalendar(actor, body);
  }

  @Put('issuing-office')
  @ApiOperation({ summary: '发文设置:发文机关全称(含城市)、署名、各类公文文号和抄送(系统管理员);通报、督办通知单、催办函据此生成' })
  @ApiOkResponse({ description: '保存后的设置', example: SETTINGS_EXAMPLE })
  @ApiBadRequestResponse({ description: '设置不完整或不合法(中文说明)' })
  @ApiForbiddenResponse({ description: '只有系统管理员可以修改' })
  saveIssuingOffice(@CurrentUser() actor: Actor, @Body() body: IssuingOfficeDto) {
    return this.settings.saveIssuingOffice(actor, body);
  }

  @Put('public-url')
  @ApiOperation({ summary: '设置系统访问地址(邮件中链接的开头,系统管理员);覆盖 DUBAN_PUBLIC_URL' })
  @ApiOkResponse({ description: '保存后的设置', example: SETTINGS_EXAMPLE })
  @ApiBadRequestResponse({ description: '地址不合法(中文说明)' })
  @ApiForbiddenResponse({ description: '只有系统管理员可以修改' })
  savePublicUrl(@CurrentUser() actor: Actor, @Body() body: PublicUrlDto) {
    return this.settings.savePublicUrl(actor, body.url);
  }

  @Delete(':key')
  @ApiOperation({ summary: '恢复某项设置为环境变量或默认值(系统管理员)' })
  @ApiParam({ name: 'key', enum: SETTING_KEYS })
  @ApiOkResponse({ description: '恢复后的设置', example: SETTINGS_EXAMPLE })
  @ApiForbiddenResponse({ description: '只有系统管理员可以修改' })
  reset(@CurrentUser() actor: Actor, @Param('key') key: string) {
    if (!(SETTING_KEYS as readonly string[]).includes(key)) {
      throw badRequest(`没有这项设置:${key}(可选:${SETTING_KEYS.join('、')})`);
    }
    return this.settings.reset(actor, key as SettingKey);
  }
}
