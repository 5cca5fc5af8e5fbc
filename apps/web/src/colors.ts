import type { ItemStatus } from '../../../libs/contracts/src/index.js';

export const COLORS = { red: '#cf222e', yellow: '#d4a72c', green: '#2da44e', blue: '#0969da', grey: '#8c959f', purple: '#8250df', line: '#d0d7de', muted: '#656d76', fg: '#1f2328' };

export const STATUS_COLORS: Record<ItemStatus, string> = { 未启动: COLORS.grey, 推进中: COLORS.blue, '已完成(待审核)': COLORS.purple, 已销号: COLORS.green, 暂缓: COLORS.yellow };
