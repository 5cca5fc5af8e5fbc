import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module.js';
import { IndicatorReadingsController } from './indicator-readings.controller.js';
import { IndicatorReadingsService } from './indicator-readings.service.js';
import { IndicatorsController } from './indicators.controller.js';
import { IndicatorsService } from './indicators.service.js';

@Module({ imports: [PlansModule], controllers: [IndicatorsController, IndicatorReadingsController], providers: [IndicatorsService, IndicatorReadingsService] })
export class IndicatorsModule {}
