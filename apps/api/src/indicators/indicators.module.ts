import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module.js';
import { IndicatorsController } from './indicators.controller.js';
import { IndicatorsService } from './indicators.service.js';

@Module({ imports: [PlansModule], controllers: [IndicatorsController], providers: [IndicatorsService] })
export class IndicatorsModule {}
