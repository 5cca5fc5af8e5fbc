import { Module } from '@nestjs/common';
import { ChatChannelsController } from './chat-channels.controller.js';
import { ChatChannelsService } from './chat-channels.service.js';

@Module({ controllers: [ChatChannelsController], providers: [ChatChannelsService] })
export class ChatChannelsModule {}
